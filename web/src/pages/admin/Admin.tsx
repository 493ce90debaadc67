/**
 * Administration, inside the administrator's jurisdiction or unit subtree: for the system
 * administrator (`admin`) users, the organization and the working-day calendars, one tab each
 * with its own address; for the security administrator (`security_admin`) the users, whose roles
 * they grant, and the organization to read (三员分立).
 */
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useUser } from '../../auth';
import NotFound from '../NotFound';
import './admin.css';
import Calendars from './Calendars';
import Organization from './Organization';
import Users from './Users';

const TABS = ['users', 'organization', 'calendars'] as const;
/** The security administrator grants roles: the users, and the organization to read. */
const SECURITY_TABS: readonly (typeof TABS)[number][] = ['users', 'organization'];

export default function Admin() {
  const { t } = useTranslation();
  const user = useUser();
  const location = useLocation();
  const navigate = useNavigate();
  // The server refuses everyone else (403); the page says so instead of showing empty tabs.
  const system = user.roles.includes('admin');
  if (!system && !user.roles.includes('security_admin')) return <NotFound />;
  const tabs = system ? TABS : SECURITY_TABS;
  const active = tabs.find((k) => location.pathname.startsWith(`/admin/${k}`)) ?? 'users';
  return (
    <section>
      <Typography.Title level={2} className="rc-visually-hidden">
        {t('admin.heading')}
      </Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(k) => void navigate(`/admin/${k}`)}
        items={tabs.map((k) => ({ key: k, label: t(`admin.tabs.${k}`) }))}
      />
      <Routes>
        <Route index element={<Navigate to="users" replace />} />
        <Route path="users" element={<Users />} />
        <Route path="organization" element={<Organization />} />
        {system ? <Route path="calendars" element={<Calendars />} /> : null}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </section>
  );
}
