/**
 * Changing one's own password (POST /api/auth/password): the current password, the new one
 * checked as it is typed against the security policy's rules (PasswordField, the rules the server
 * checks again), and the new one again. The server's refusals (wrong current password, a broken
 * rule, a recent password) are shown on their field.
 */
import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lang';
import { PasswordField } from '../admin/PasswordField';
import { showOnField } from '../admin/formErrors';

interface Values {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly confirm: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function ChangePasswordForm({
  username,
  onChanged,
}: {
  readonly username: string;
  readonly onChanged: (sessionsEnded: number) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ sessionsEnded: number }>('POST', '/api/auth/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      message.success(
        r.sessionsEnded > 0
          ? t('account.password.doneOthers', { count: r.sessionsEnded })
          : t('account.password.done'),
      );
      form.resetFields();
      onChanged(r.sessionsEnded);
    } catch (e) {
      if (!showOnField(form, e, FIELDS, lang)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className="rc-narrow-form"
      onFinish={(v) => void submit(v)}
      data-testid="change-password-form"
    >
      {error ? <ErrorAlert error={error} /> : null}
      <Form.Item
        name="currentPassword"
        label={t('account.password.current')}
        rules={[{ required: true, message: t('account.password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <PasswordField name="newPassword" label={t('account.password.new')} username={username} />
      <Form.Item
        name="confirm"
        label={t('account.password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('account.password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) {
                throw new Error(t('account.password.mismatch'));
              }
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('account.password.submit')}
      </Button>
    </Form>
  );
}
