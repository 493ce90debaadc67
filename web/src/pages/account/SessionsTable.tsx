/**
 * Live sessions in a table: when each began and was last used, from where, until when, how (the
 * username and password, or which identity of the unified identity platform), the current one
 * marked. For the user (GET /api/auth/sessions: end one, or every other one) and for
 * the security administrator on a user (GET /api/admin/users/:id/sessions: end one, or all).
 */
import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { SSO_PROVIDER_LABEL } from '../../shared';
import type { SessionItem, SessionList } from '../../types';
import { useApi } from '../../useApi';

export function SessionsTable({ userId }: { readonly userId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const base = userId ? `/api/admin/users/${userId}/sessions` : '/api/auth/sessions';
  const list = useApi<SessionList>(base);
  const [error, setError] = useState<unknown>(null);

  const act = async (path: string, done: (ended: number) => string) => {
    setError(null);
    try {
      const r = await api<{ ended: number } | null>('POST', path);
      message.success(done(r?.ended ?? 1));
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  const endOne = (s: SessionItem) =>
    act(userId ? `${base}/${s.id}/end` : `/api/auth/sessions/${s.id}/end`, () =>
      t('account.sessions.ended'),
    );

  if (list.status === 'error') return <ErrorAlert error={list.error} />;
  const items = list.status === 'ok' ? list.data.items : [];
  const others = items.filter((s) => !s.current).length;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="sessions">
      {error ? <ErrorAlert error={error} /> : null}
      <Table<SessionItem>
        rowKey="id"
        size="small"
        loading={list.status === 'loading'}
        dataSource={items}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('account.sessions.none') }}
        columns={[
          {
            key: 'createdAt',
            title: t('account.sessions.createdAt'),
            render: (_, s) => (
              <>
                {formatDateTime(s.createdAt)}{' '}
                {s.current ? <Tag color="blue">{t('account.sessions.current')}</Tag> : null}
              </>
            ),
          },
          {
            key: 'lastSeenAt',
            title: t('account.sessions.lastSeenAt'),
            render: (_, s) => formatDateTime(s.lastSeenAt),
          },
          {
            key: 'expiresAt',
            title: t('account.sessions.expiresAt'),
            render: (_, s) => formatDateTime(s.expiresAt),
          },
          { key: 'ip', dataIndex: 'ip', title: t('account.sessions.ip') },
          {
            key: 'signedInWith',
            title: t('account.sessions.signedInWith'),
            render: (_, s) =>
              s.signedInWith ? (
                <>
                  {pick(SSO_PROVIDER_LABEL[s.signedInWith.provider], lang)}{' '}
                  <Typography.Text code>{s.signedInWith.subject}</Typography.Text>
                </>
              ) : (
                t('account.sessions.password')
              ),
          },
          {
            key: 'userAgent',
            title: t('account.sessions.userAgent'),
            render: (_, s) => (
              <Typography.Text ellipsis={{ tooltip: s.userAgent }} style={{ maxWidth: 240 }}>
                {s.userAgent}
              </Typography.Text>
            ),
          },
          {
            key: 'end',
            title: '',
            render: (_, s) =>
              s.current ? null : (
                <Popconfirm
                  title={t('account.sessions.endConfirm')}
                  okText={t('account.sessions.yes')}
                  cancelText={t('account.sessions.no')}
                  onConfirm={() => endOne(s)}
                >
                  <Button size="small" danger>
                    {t('account.sessions.end')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {userId ? (
        items.length > 0 ? (
          <Popconfirm
            title={t('account.sessions.endAllConfirm')}
            okText={t('account.sessions.yes')}
            cancelText={t('account.sessions.no')}
            onConfirm={() =>
              act(`${base}/end-all`, (n) => t('account.sessions.endedOthers', { count: n }))
            }
          >
            <Button danger>{t('account.sessions.endAll')}</Button>
          </Popconfirm>
        ) : null
      ) : others > 0 ? (
        <Popconfirm
          title={t('account.sessions.endOthersConfirm')}
          okText={t('account.sessions.yes')}
          cancelText={t('account.sessions.no')}
          onConfirm={() =>
            act('/api/auth/sessions/end-others', (n) =>
              t('account.sessions.endedOthers', { count: n }),
            )
          }
        >
          <Button data-testid="end-others">{t('account.sessions.endOthers')}</Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}
