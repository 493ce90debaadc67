/**
 * The only page of a session that must change its password first (a password an administrator
 * set, or one past the policy's expiry): the server answers every other route with
 * PASSWORD_CHANGE_REQUIRED, so the app shows nothing else until the change is made.
 */
import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useUser } from '../../auth';
import { LangSwitch } from '../../components/LangSwitch';
import { ChangePasswordForm } from './ChangePasswordForm';

export default function ForcedChange({ reason }: { readonly reason: 'required' | 'expired' }) {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut, passwordChanged } = useAuth();
  return (
    <main className="rc-signin">
      <div className="rc-signin-lang">
        <LangSwitch />
      </div>
      <Card className="rc-signin-card" data-testid="forced-change">
        <Typography.Title level={3} className="rc-signin-title">
          {t('account.forced.title')}
        </Typography.Title>
        <Alert className="rc-gap" type="warning" showIcon title={t(`account.forced.${reason}`)} />
        <ChangePasswordForm username={user.username} onChanged={passwordChanged} />
        <Button className="rc-gap" onClick={() => void signOut()}>
          {t('account.forced.signOut')}
        </Button>
      </Card>
    </main>
  );
}
