/**
 * The sign-in page: username and password; the server's reason when it refuses; then, for a user
 * who signs in with two factors, the second step (SecondFactorStep). Where the installation offers
 * single sign-on (GET /api/auth/methods), a button 统一身份认证登录 leads to the identity platform;
 * with local passwords off the password form folds away for break-glass use. A single sign-on of a
 * user with two factors comes back here with the second step's ticket in the fragment.
 */
import { readSecondStepFragment, TEXT_LIMITS } from '../shared';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { ErrorAlert } from '../components/ErrorAlert';
import { LangSwitch } from '../components/LangSwitch';
import type { AuthMethods } from '../types';
import { useApi } from '../useApi';
import { SecondFactorStep, type SecondStep } from './SecondFactorStep';

interface Fields {
  username: string;
  password: string;
}

/** Titles for the refusals a person can act on; the server's message says what to do. */
const TITLE_OF: Readonly<Record<string, string>> = {
  AUTH_INVALID: 'signIn.failed',
  AUTH_LOCKED: 'signIn.locked',
  AUTH_RATE_LIMITED: 'signIn.rateLimited',
};

/** The second step a single sign-on sent the browser here with (`#ticket=…&step=…`), if any. */
function platformStep(): SecondStep | null {
  const step = readSecondStepFragment(window.location.hash);
  return step ? { ...step, afterPlatform: true } : null;
}

export function SignIn({ expired }: { readonly expired: boolean }) {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  // After a single sign-on, the second step's ticket comes in the URL's fragment.
  const [second, setSecond] = useState<SecondStep | null>(platformStep);
  useEffect(() => {
    // The ticket (even one not well formed) leaves the address bar and the history at once.
    if (/^#(.*&)?ticket=/.test(window.location.hash)) {
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
    }
  }, []);
  const methods = useApi<AuthMethods>('/api/auth/methods');
  const offered = methods.status === 'ok' ? methods.data : null;
  const sso = Boolean(offered && (offered.oidc || offered.cas));
  const passwordsOff = offered?.localPasswords === false;
  const [breakGlass, setBreakGlass] = useState(false);

  const submit = async (v: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      setSecond(await signIn(v.username.trim(), v.password));
    } catch (e) {
      setError(e);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  const titleKey =
    error instanceof ApiError ? (TITLE_OF[error.code] ?? 'signIn.failed') : 'signIn.failed';

  return (
    <main className="rc-signin">
      <div className="rc-signin-lang">
        <LangSwitch />
      </div>
      <Card className="rc-signin-card">
        <Typography.Title level={3} className="rc-signin-title">
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.intro')}</Typography.Paragraph>
        {second ? (
          <SecondFactorStep
            answer={second}
            onBack={() => {
              setSecond(null);
              form.setFieldValue('password', '');
            }}
          />
        ) : null}
        {second ? null : (
          <>
            {expired && !error ? (
              <Alert className="rc-gap" type="info" showIcon title={t('signIn.expired')} />
            ) : null}
            {error ? (
              <div className="rc-gap" data-testid="signin-error">
                <ErrorAlert error={error} title={t(titleKey)} />
              </div>
            ) : null}
            {sso ? (
              <div className="rc-gap" data-testid="sso-buttons">
                {offered?.oidc ? (
                  <Button type="primary" block href="/api/auth/oidc/start" className="rc-gap">
                    {t('sso.signIn.oidc')}
                  </Button>
                ) : null}
                {offered?.cas ? (
                  <Button
                    type={offered.oidc ? 'default' : 'primary'}
                    block
                    href="/api/auth/cas/start"
                  >
                    {offered.oidc ? t('sso.signIn.cas') : t('sso.signIn.oidc')}
                  </Button>
                ) : null}
                {passwordsOff ? (
                  <Alert
                    className="rc-gap"
                    type="info"
                    showIcon
                    title={t('sso.signIn.passwordsOff')}
                  />
                ) : (
                  <Divider plain>{t('sso.signIn.or')}</Divider>
                )}
              </div>
            ) : null}
            {passwordsOff && !breakGlass ? (
              <Button type="link" onClick={() => setBreakGlass(true)}>
                {t('sso.signIn.breakGlass')}
              </Button>
            ) : null}
            {passwordsOff && breakGlass ? (
              <Typography.Paragraph type="secondary">
                {t('sso.signIn.breakGlassHelp')}
              </Typography.Paragraph>
            ) : null}
            <Form<Fields>
              hidden={passwordsOff && !breakGlass}
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => void submit(v)}
              validateTrigger={['onChange', 'onBlur']}
            >
              <Form.Item
                name="username"
                label={t('signIn.username')}
                rules={[
                  { required: true, whitespace: true, message: t('signIn.usernameRequired') },
                  {
                    max: TEXT_LIMITS.signInUsername.max,
                    message: t('signIn.usernameTooLong', { max: TEXT_LIMITS.signInUsername.max }),
                  },
                ]}
              >
                <Input
                  prefix={<UserOutlined />}
                  autoComplete="username"
                  autoFocus
                  placeholder={t('signIn.usernamePlaceholder')}
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('signIn.password')}
                rules={[
                  { required: true, message: t('signIn.passwordRequired') },
                  {
                    max: TEXT_LIMITS.signInPassword.max,
                    message: t('signIn.passwordTooLong', { max: TEXT_LIMITS.signInPassword.max }),
                  },
                ]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <Button type={sso ? 'default' : 'primary'} htmlType="submit" block loading={busy}>
                {t('signIn.submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </main>
  );
}
