/**
 * 账户安全 (/account), for every signed-in user: change the password, and the sessions — each
 * with where and when, the current one marked — ended one by one or all but this one.
 */
import { Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SessionsTable } from './SessionsTable';

export default function Account() {
  const { t } = useTranslation();
  const user = useUser();
  // A password change ends the other sessions: the list is read again.
  const [round, setRound] = useState(0);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2}>{t('account.heading')}</Typography.Title>
        <Typography.Paragraph>{t('account.intro')}</Typography.Paragraph>
      </div>
      <Card title={t('account.password.heading')}>
        <ChangePasswordForm username={user.username} onChanged={() => setRound((r) => r + 1)} />
      </Card>
      <Card title={t('account.sessions.heading')}>
        <Typography.Paragraph>{t('account.sessions.intro')}</Typography.Paragraph>
        <SessionsTable key={round} />
      </Card>
    </Space>
  );
}
