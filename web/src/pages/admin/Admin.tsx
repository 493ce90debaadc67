/**
 * Administration (for the `admin` role, inside their jurisdiction or unit subtree): users,
 * the organization, and the working-day calendars, one tab each with its own address.
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

export default function Admin() {
  const { t } = useTranslation();
  const user = useUser();
  const location = useLocation();
  const navigate = useNavigate();
  // The server refuses everyone else (403); the page says so instead of showing empty tabs.
  if (!user.roles.includes('admin')) return <NotFound />;
  const active = TABS.find((k) => location.pathname.startsWith(`/admin/${k}`)) ?? 'users';
  return (
    <section>
      <Typography.Title level={2} className="rc-visually-hidden">
        {t('admin.heading')}
      </Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(k) => void navigate(`/admin/${k}`)}
        items={TABS.map((k) => ({ key: k, label: t(`admin.tabs.${k}`) }))}
      />
      <Routes>
        <Route index element={<Navigate to="users" replace />} />
        <Route path="users" element={<Users />} />
        <Route path="organization" element={<Organization />} />
        <Route path="calendars" element={<Calendars />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </section>
  );
}
