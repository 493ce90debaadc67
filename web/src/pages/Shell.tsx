/**
 * The frame of every signed-in page: the menu for the user's roles, who is signed in, language,
 * sign out. On a narrow screen (a phone, below 768 px) the menu, the name and the language move
 * into a drawer opened by the menu button; sign-out stays in the header as an icon. Which of the
 * two shows is decided by CSS (app.css), so nothing flashes while the page loads.
 */
import { LogoutOutlined, MenuOutlined, SafetyOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Layout, Menu, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useUser } from '../auth';
import { LangSwitch } from '../components/LangSwitch';
import { pick } from '../i18n';
import { useLang } from '../lang';
import { menuFor } from '../menu';
import { NotificationBell } from './notifications/NotificationBell';
import { TodoBadge } from './workbench/TodoBadge';

export default function Shell() {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useUser();
  const { signOut } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [drawer, setDrawer] = useState(false);
  const entries = menuFor(user.roles);
  const selected = entries.filter((e) => location.pathname.startsWith(e.path)).map((e) => e.key);
  const roles = [...new Map(user.grants.map((g) => [g.role, g.roleLabel])).values()]
    .map((l) => pick(l, lang))
    .join(t('common.listSeparator'));
  const items = entries.map((e) => ({ key: e.key, label: t(e.label) }));
  const go = (key: string) => {
    const entry = entries.find((e) => e.key === key);
    setDrawer(false);
    if (entry) void navigate(entry.path);
  };

  return (
    <Layout className="rc-shell">
      <Layout.Header className="rc-header">
        <Button
          type="text"
          className="rc-menu-button"
          icon={<MenuOutlined />}
          aria-label={t('shell.openMenu')}
          aria-expanded={drawer}
          data-testid="menu-button"
          onClick={() => setDrawer(true)}
        />
        <Typography.Text strong className="rc-brand">
          {t('app.name')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          className="rc-menu"
          selectedKeys={selected}
          items={items}
          onClick={({ key }) => go(key)}
        />
        <Space size="middle" className="rc-user">
          <NotificationBell />
          <TodoBadge />
          <Tooltip title={`${roles} · ${t('account.link')}`}>
            <span className="rc-user-name rc-wide-only" data-testid="user-name">
              {/* The name leads to 账户安全 (password, sessions): no room for another header item. */}
              <Link to="/account" data-testid="account-link">
                {user.displayName}
              </Link>
            </span>
          </Tooltip>
          <span className="rc-wide-only">
            <LangSwitch />
          </span>
          <Button
            size="small"
            icon={<LogoutOutlined />}
            aria-label={t('shell.signOut')}
            onClick={() => {
              // The next person to sign in starts from their own workbench, not this page.
              void navigate('/', { replace: true });
              signOut().catch(() => message.error(t('shell.signOutFailed')));
            }}
          >
            <span className="rc-wide-only">{t('shell.signOut')}</span>
          </Button>
        </Space>
      </Layout.Header>
      <Drawer
        placement="left"
        size={280}
        open={drawer}
        onClose={() => setDrawer(false)}
        title={t('app.name')}
        className="rc-menu-drawer"
      >
        <div className="rc-drawer-user" data-testid="drawer-user">
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{roles}</Typography.Text>
          <br />
          <Link to="/account" onClick={() => setDrawer(false)} data-testid="drawer-account-link">
            <SafetyOutlined aria-hidden /> {t('account.link')}
          </Link>
        </div>
        <Menu
          mode="inline"
          selectedKeys={selected}
          items={items}
          onClick={({ key }) => go(key)}
          data-testid="drawer-menu"
        />
        <div className="rc-drawer-lang">
          <LangSwitch />
        </div>
      </Drawer>
      <Layout.Content className="rc-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
