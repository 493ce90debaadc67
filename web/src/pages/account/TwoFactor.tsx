/**
 * The account-security section for one's own second factor: whether it is on and required, the
 * recovery codes left; setting it up (QR code, secret, one code, then the recovery codes shown
 * once); resetting it with a current code or a recovery code. Placed on the 账户安全 page.
 */
import { TEXT_LIMITS } from '../../shared';
import { App, Button, Form, Input, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../useApi';
import type { RecoveryCodes, TotpEnrolment, TwoFactorStatus } from '../../types';
import { EnrolmentSecret, RecoveryCodeList } from '../SecondFactorStep';

export default function TwoFactor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const status = useApi<TwoFactorStatus>('/api/auth/two-factor');
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<readonly string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string }>();

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      form.resetFields();
    }
  };

  const start = () =>
    run(async () => {
      setCodes(null);
      setEnrolment(await api<TotpEnrolment>('POST', '/api/auth/two-factor/setup', {}));
    });
  const confirm = (code: string) =>
    run(async () => {
      const r = await api<RecoveryCodes>('POST', '/api/auth/two-factor/confirm', { code });
      setEnrolment(null);
      setCodes(r.recoveryCodes);
      message.success(t('administrators.account.setupDone'));
      status.reload();
    });
  const reset = (code: string) =>
    run(async () => {
      await api<TwoFactorStatus>('POST', '/api/auth/two-factor/reset', { code });
      message.success(t('administrators.account.resetDone'));
      status.reload();
    });

  if (status.status === 'loading') return <Spin />;
  if (status.status === 'error') {
    return <ErrorAlert error={status.error} title={t('administrators.account.loadFailed')} />;
  }
  const s = status.data;
  const codeField = (label: string) => (
    <Form.Item
      name="code"
      label={label}
      rules={[
        { required: true, whitespace: true, message: t('administrators.signIn.codeRequired') },
      ]}
    >
      <Input
        autoComplete="one-time-code"
        maxLength={TEXT_LIMITS.secondFactorCode.max}
        className="rc-code-input"
      />
    </Form.Item>
  );
  return (
    <section data-testid="two-factor">
      <Typography.Title level={4}>{t('administrators.account.title')}</Typography.Title>
      <Space orientation="vertical" className="rc-full-width">
        <Typography.Text>
          {s.enrolled ? t('administrators.account.enabled') : t('administrators.account.disabled')}
        </Typography.Text>
        {s.required ? (
          <Typography.Text type="secondary">{t('administrators.account.required')}</Typography.Text>
        ) : null}
        {s.enrolled ? (
          <Typography.Text type="secondary">
            {t('administrators.account.codesLeft', { count: s.recoveryCodesLeft })}
          </Typography.Text>
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
        {codes ? <RecoveryCodeList codes={codes} /> : null}
        {!s.enrolled && !enrolment ? (
          <Button type="primary" loading={busy} onClick={() => void start()}>
            {t('administrators.account.setup')}
          </Button>
        ) : null}
        {enrolment ? (
          <>
            <EnrolmentSecret enrolment={enrolment} />
            <Form form={form} layout="vertical" onFinish={(v) => void confirm(v.code.trim())}>
              {codeField(t('administrators.signIn.enrolCode'))}
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('administrators.account.confirm')}
              </Button>
            </Form>
          </>
        ) : null}
        {s.enrolled ? (
          <Form form={form} layout="vertical" onFinish={(v) => void reset(v.code.trim())}>
            <Typography.Paragraph type="secondary">
              {t('administrators.account.resetIntro')}
            </Typography.Paragraph>
            {codeField(t('administrators.signIn.code'))}
            <Button danger htmlType="submit" loading={busy}>
              {t('administrators.account.reset')}
            </Button>
          </Form>
        ) : null}
      </Space>
    </section>
  );
}
