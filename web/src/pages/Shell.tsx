/** The frame of every signed-in page: the menu for the user's roles, who is signed in, language, sign out. */
import { LogoutOutlined } from '@ant-design/icons';
import { App, Button, Layout, Menu, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useUser } from '../auth';
import { LangSwitch } from '../components/LangSwitch';
import { pick } from '../i18n';
import { useLang } from '../lang';
import { menuFor } from '../menu';
import { TodoBadge } from './workbench/TodoBadge';

export default function Shell() {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useUser();
  const { signOut } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const entries = menuFor(user.roles);
  const selected = entries.filter((e) => location.pathname.startsWith(e.path)).map((e) => e.key);
  const roles = [...new Map(user.grants.map((g) => [g.role, g.roleLabel])).values()]
    .map((l) => pick(l, lang))
    .join(t('common.listSeparator'));

  return (
    <Layout className="rc-shell">
      <Layout.Header className="rc-header">
        <Typography.Text strong className="rc-brand">
          {t('app.name')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          className="rc-menu"
          selectedKeys={selected}
          items={entries.map((e) => ({ key: e.key, label: t(e.label) }))}
          onClick={({ key }) => {
            const entry = entries.find((e) => e.key === key);
            if (entry) void navigate(entry.path);
          }}
        />
        <Space size="middle" className="rc-user">
          <TodoBadge />
          <Tooltip title={roles}>
            <span className="rc-user-name" data-testid="user-name">
              {user.displayName}
            </span>
          </Tooltip>
          <LangSwitch />
          <Button
            size="small"
            icon={<LogoutOutlined />}
            onClick={() => {
              // The next person to sign in starts from their own workbench, not this page.
              void navigate('/', { replace: true });
              signOut().catch(() => message.error(t('shell.signOutFailed')));
            }}
          >
            {t('shell.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="rc-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
