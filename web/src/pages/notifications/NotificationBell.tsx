/**
 * The shell header's notifications (提醒): the unread count (GET /api/notifications/count, asked
 * again on a move to another page at most every REFRESH_MS), and a drawer listing them, unread
 * first, a page at a time (GET /api/notifications); following one marks it read and opens its
 * case (a visit's reminder: the 回访 screen on that visit, notificationHref). A drawer rather than
 * a dropdown, so that it fits a phone's width as well.
 */
import { NotificationOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Drawer, List, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api } from '../../api';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import {
  notificationHref,
  type NotificationCount,
  type NotificationItem,
  type NotificationPage,
} from './model';
import './notifications.css';

/** The least time between two askings of the count. */
const REFRESH_MS = 30_000;
const PAGE = 20;

export function NotificationBell() {
  const { t } = useTranslation();
  const lang = useLang();
  const { pathname } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const asked = useRef(0);

  useEffect(() => {
    const now = Date.now();
    if (now - asked.current < REFRESH_MS) return;
    asked.current = now;
    const ctrl = new AbortController();
    let done = false;
    api<NotificationCount>('GET', '/api/notifications/count', undefined, { signal: ctrl.signal })
      .then((d) => setUnread(d.unread))
      .catch(() => undefined) // a convenience: the drawer shows any error when opened
      .finally(() => (done = true));
    return () => {
      if (!done) asked.current = 0;
      ctrl.abort();
    };
  }, [pathname]);

  const load = useCallback(async (after: string | null) => {
    setLoading(true);
    setFailed(false);
    try {
      const q = `?limit=${PAGE}${after ? `&cursor=${encodeURIComponent(after)}` : ''}`;
      const page = await api<NotificationPage>('GET', `/api/notifications${q}`);
      setItems((old) => (after ? [...old, ...page.items] : [...page.items]));
      setCursor(page.nextCursor);
      setUnread(page.unread);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  }, []);

  const show = () => {
    setOpen(true);
    void load(null);
  };
  const follow = (n: NotificationItem) => {
    setOpen(false);
    if (n.readAt === null) {
      api<NotificationCount>('POST', `/api/notifications/${encodeURIComponent(n.id)}/read`, {})
        .then((d) => setUnread(d.unread))
        .catch(() => undefined);
    }
  };
  const readAll = () => {
    api<NotificationCount>('POST', '/api/notifications/read-all', {})
      .then(() => {
        setUnread(0);
        void load(null);
      })
      .catch(() => setFailed(true));
  };

  const label = t('notifications.button', { count: unread ?? 0 });
  return (
    <>
      <Tooltip title={label}>
        <Button
          type="text"
          className="rc-notify-button"
          aria-label={label}
          aria-haspopup="dialog"
          aria-expanded={open}
          data-testid="notification-bell"
          onClick={show}
        >
          <Badge count={unread ?? 0} overflowCount={99} size="small">
            <NotificationOutlined className="rc-notify-icon" />
          </Badge>
        </Button>
      </Tooltip>
      <Drawer
        title={t('notifications.title')}
        placement="right"
        open={open}
        onClose={() => setOpen(false)}
        width="min(420px, 100vw)"
        extra={
          <Button
            size="small"
            onClick={readAll}
            disabled={!unread}
            data-testid="notification-read-all"
          >
            {t('notifications.readAll')}
          </Button>
        }
      >
        {failed && <Alert type="error" showIcon message={t('notifications.loadFailed')} />}
        <List
          data-testid="notification-list"
          loading={loading && items.length === 0}
          locale={{ emptyText: t('notifications.none') }}
          dataSource={items}
          renderItem={(n) => (
            <List.Item>
              <Link
                to={notificationHref(n)}
                className={`rc-notify-item${n.readAt === null ? ' rc-notify-unread' : ''}`}
                data-testid="notification-item"
                onClick={() => follow(n)}
              >
                <Typography.Text className="rc-notify-text">{pick(n.text, lang)}</Typography.Text>
                <span className="rc-notify-meta">
                  {n.readAt === null && <Tag color="red">{t('notifications.unread')}</Tag>}
                  <Typography.Text type="secondary">
                    {t('notifications.case', { number: n.case.number })}
                  </Typography.Text>
                </span>
              </Link>
            </List.Item>
          )}
        />
        {cursor && (
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => void load(cursor)} loading={loading}>
              {t('notifications.more')}
            </Button>
          </Space>
        )}
      </Drawer>
    </>
  );
}
