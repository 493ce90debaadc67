/**
 * The sign-in page: username and password; the server's reason when it refuses; then, for a user
 * who signs in with two factors, the second step (SecondFactorStep).
 */
import { TEXT_LIMITS } from '../shared';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { ErrorAlert } from '../components/ErrorAlert';
import { LangSwitch } from '../components/LangSwitch';
import type { SecondFactorAnswer } from '../types';
import { SecondFactorStep } from './SecondFactorStep';

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

export function SignIn({ expired }: { readonly expired: boolean }) {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [second, setSecond] = useState<SecondFactorAnswer | null>(null);

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
            <Form<Fields>
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
              <Button type="primary" htmlType="submit" block loading={busy}>
                {t('signIn.submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </main>
  );
}
