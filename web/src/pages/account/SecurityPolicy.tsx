/**
 * 安全策略 (/security-policy), for the security administrator: the installation's password rules
 * (GET/POST /api/admin/security-policy), editable by one over a top-level jurisdiction
 * (`abilities.edit`), read-only for the others; the session settings the configuration fixes.
 */
import { Alert, App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { PASSWORD_POLICY_LIMITS } from '../../shared';
import type { SecurityPolicy as Policy } from '../../types';
import { useApi } from '../../useApi';
import { showOnField } from '../admin/formErrors';

type Values = Pick<Policy, 'minLength' | 'minClasses' | 'historyCount' | 'expiryDays'>;
const FIELDS = ['minLength', 'minClasses', 'historyCount', 'expiryDays'] as const;

export default function SecurityPolicy() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const policy = useApi<Policy>('/api/admin/security-policy');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (policy.status === 'error') return <ErrorAlert error={policy.error} />;
  if (policy.status === 'loading') return null;
  const p = policy.data;
  const edit = p.abilities.edit;

  const save = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api<Policy>('POST', '/api/admin/security-policy', values);
      message.success(t('account.policy.saved'));
      policy.reload();
    } catch (e) {
      if (!showOnField(form, e, FIELDS, lang)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2}>{t('account.policy.heading')}</Typography.Title>
        <Typography.Paragraph>{t('account.policy.intro')}</Typography.Paragraph>
        {edit ? null : <Alert type="info" showIcon title={t('account.policy.readOnly')} />}
      </div>
      <Card>
        <Typography.Paragraph type="secondary">
          {p.updatedAt
            ? t('account.policy.updatedAt', { at: formatDateTime(p.updatedAt) })
            : t('account.policy.defaults')}
        </Typography.Paragraph>
        {error ? <ErrorAlert error={error} /> : null}
        <Form<Values>
          form={form}
          layout="vertical"
          className="rc-narrow-form"
          disabled={!edit}
          initialValues={{
            minLength: p.minLength,
            minClasses: p.minClasses,
            historyCount: p.historyCount,
            expiryDays: p.expiryDays,
          }}
          onFinish={(v) => void save(v)}
          data-testid="security-policy-form"
        >
          {FIELDS.map((f) => (
            <Form.Item
              key={f}
              name={f}
              label={t(`account.policy.${f}`)}
              rules={[{ required: true, type: 'integer' }]}
            >
              <InputNumber
                min={PASSWORD_POLICY_LIMITS[f].min}
                max={PASSWORD_POLICY_LIMITS[f].max}
                precision={0}
              />
            </Form.Item>
          ))}
          {edit ? (
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('account.policy.save')}
            </Button>
          ) : null}
        </Form>
      </Card>
      <Card title={t('account.policy.rules')}>
        <ul>
          {p.rules.map((r) => (
            <li key={r.id}>{pick(r.text, lang)}</li>
          ))}
        </ul>
      </Card>
      <Card title={t('account.policy.sessionsHeading')}>
        <ul>
          <li>{t('account.policy.idle', { n: p.sessions.idleMinutes })}</li>
          <li>{t('account.policy.absolute', { n: p.sessions.absoluteHours })}</li>
          <li>{t('account.policy.concurrent', { n: p.sessions.maxConcurrent })}</li>
          <li>{t(`account.policy.onLimit_${p.sessions.onLimit}`)}</li>
        </ul>
      </Card>
    </Space>
  );
}
