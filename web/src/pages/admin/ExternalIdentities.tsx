/**
 * The user drawer's section on identity-platform accounts (GET/POST
 * /api/admin/users/:id/external-identities): the identities linked to the user, and for a security
 * administrator the link and unlink. Shown only to whom the server answers (a security
 * administrator or an administrator whose scope holds the user); nothing for anyone else.
 */
import { SSO_PROVIDER_LABEL, SSO_PROVIDERS, SSO_SUBJECT_MAX, type SsoProvider } from '../../shared';
import {
  App,
  Button,
  Divider,
  Form,
  Input,
  List,
  Popconfirm,
  Radio,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { ExternalIdentity, ExternalIdentityList } from '../../types';
import { useApi } from '../../useApi';

export function ExternalIdentities({ userId }: { readonly userId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const path = `/api/admin/users/${encodeURIComponent(userId)}/external-identities`;
  const loaded = useApi<ExternalIdentityList>(path);
  const [form] = Form.useForm<{ provider: SsoProvider; subject: string }>();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (loaded.status === 'loading') return null;
  if (loaded.status === 'error') {
    // Not a reader of the links (another role): the section is simply not there.
    if (loaded.error instanceof ApiError && loaded.error.status === 403) return null;
    return (
      <>
        <Divider />
        <ErrorAlert error={loaded.error} title={t('sso.links.loadFailed')} />
      </>
    );
  }
  const { items, abilities } = loaded.data;

  const change = async (what: string, body: { provider: SsoProvider; subject: string }) => {
    setBusy(what);
    setError(null);
    try {
      await api('POST', what === 'link' ? path : `${path}/unlink`, body);
      void message.success(t(what === 'link' ? 'sso.links.linked' : 'sso.links.unlinked'));
      if (what === 'link') form.resetFields(['subject']);
      loaded.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const line = (e: ExternalIdentity) => (
    <List.Item
      actions={
        abilities.unlink
          ? [
              <Popconfirm
                key="unlink"
                title={t('sso.links.unlinkConfirm')}
                okText={t('sso.links.yes')}
                cancelText={t('sso.links.no')}
                onConfirm={() =>
                  void change(`unlink:${e.provider}:${e.subject}`, {
                    provider: e.provider,
                    subject: e.subject,
                  })
                }
              >
                <Button size="small" danger loading={busy === `unlink:${e.provider}:${e.subject}`}>
                  {t('sso.links.unlink')}
                </Button>
              </Popconfirm>,
            ]
          : []
      }
    >
      <Space direction="vertical" size={0}>
        <Space wrap>
          <Typography.Text strong>{e.subject}</Typography.Text>
          {e.displayName ? <span>{e.displayName}</span> : null}
          <Typography.Text type="secondary">{pick(e.providerLabel, lang)}</Typography.Text>
        </Space>
        <Typography.Text type="secondary">
          {e.linkedBy ? `${t('sso.links.linkedBy')}：${e.linkedBy.name}` : t('sso.links.automatic')}
          {' · '}
          {e.lastSeenAt
            ? `${t('sso.links.lastSeen')}：${formatDateTime(e.lastSeenAt)}`
            : t('sso.links.never')}
        </Typography.Text>
      </Space>
    </List.Item>
  );

  return (
    <section data-testid="external-identities">
      <Divider />
      <Typography.Title level={4}>{t('sso.links.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('sso.links.intro')}</Typography.Paragraph>
      {error ? <ErrorAlert error={error} /> : null}
      <List
        size="small"
        dataSource={[...items]}
        locale={{ emptyText: t('sso.links.empty') }}
        renderItem={line}
      />
      {abilities.link ? (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ provider: 'oidc' }}
          onFinish={(v) => void change('link', { provider: v.provider, subject: v.subject.trim() })}
        >
          <Form.Item name="provider" label={t('sso.links.provider')}>
            <Radio.Group>
              {SSO_PROVIDERS.map((p) => (
                <Radio key={p} value={p}>
                  {pick(SSO_PROVIDER_LABEL[p], lang)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="subject"
            label={t('sso.links.subject')}
            extra={t('sso.links.subjectHelp')}
            rules={[
              { required: true, whitespace: true, message: t('sso.links.subjectRequired') },
              { max: SSO_SUBJECT_MAX },
            ]}
          >
            <Input maxLength={SSO_SUBJECT_MAX} />
          </Form.Item>
          <Button htmlType="submit" loading={busy === 'link'}>
            {t('sso.links.link')}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}
