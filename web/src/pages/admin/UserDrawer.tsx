/**
 * One user, managed (GET /api/admin/users/:id): profile, role grants, the account's state with
 * unlock and disable / enable, a password reset, and the administrators' changes to the user.
 * What is offered follows the user's `abilities` from the server; every change asks first.
 */
import { type Locale, TEXT_LIMITS } from '../../shared';
import {
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Form,
  Input,
  List,
  Popconfirm,
  Radio,
  Space,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { AdminUserDetail } from '../../types';
import { useUser } from '../../auth';
import { useApi } from '../../useApi';
import { SessionsTable } from '../account/SessionsTable';
import { grantRules } from './CreateUser';
import { showOnField } from './formErrors';
import { ExternalIdentities } from './ExternalIdentities';
import { GrantsEditor, type GrantValue } from './GrantsEditor';
import type { ScopeOption } from './orgTree';
import { PasswordField } from './PasswordField';
import { StatusTags } from './StatusTags';

type Answer = { user: AdminUserDetail };

export function UserDrawer({
  userId,
  scopes,
  onClose,
  onChanged,
}: {
  readonly userId: string;
  readonly scopes: readonly ScopeOption[];
  readonly onClose: () => void;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const loaded = useApi<Answer>(`/api/admin/users/${encodeURIComponent(userId)}`);
  const [user, setUser] = useState<AdminUserDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [profile] = Form.useForm<{ displayName: string; locale: Locale }>();
  const [grantsForm] = Form.useForm<{ grants: GrantValue[] }>();
  const [passwordForm] = Form.useForm<{ password: string }>();
  // The security administrator sees and ends the user's sessions (src/server/routes/sessions.ts).
  const securityAdmin = useUser().roles.includes('security_admin');

  // The loaded user, not `loaded` (a new object at every render): otherwise every render would
  // put back the user as first loaded over the answer of a change.
  const loadedUser = loaded.status === 'ok' ? loaded.data.user : null;
  useEffect(() => {
    if (loadedUser) setUser(loadedUser);
  }, [loadedUser]);
  useEffect(() => {
    if (!user) return;
    profile.setFieldsValue({ displayName: user.displayName, locale: user.locale });
    grantsForm.setFieldsValue({
      grants: user.grants.map((g) => ({
        role: g.role,
        scopeKind: g.scopeKind,
        scopeId: g.scopeId,
        ...(g.department ? { department: g.department } : {}),
      })),
    });
  }, [user, profile, grantsForm]);

  /** Runs a write; the answer replaces the user shown. */
  const write = async (
    key: string,
    path: string,
    body: unknown,
    done: string,
    form?: { instance: Parameters<typeof showOnField>[0]; fields: string[] },
  ): Promise<boolean> => {
    setBusy(key);
    setError(null);
    try {
      const r = await api<Answer>(
        'POST',
        `/api/admin/users/${encodeURIComponent(userId)}${path}`,
        body,
      );
      setUser(r.user);
      message.success(done);
      onChanged();
      return true;
    } catch (e) {
      if (!form || !showOnField(form.instance, e, form.fields, lang)) setError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const confirm = (title: string) => ({
    title,
    okText: t('admin.user.yes'),
    cancelText: t('admin.user.no'),
  });

  return (
    <Drawer
      open
      size={640}
      destroyOnHidden
      onClose={onClose}
      closable={{ 'aria-label': t('admin.user.close') }}
      title={user ? t('admin.user.title', { name: user.displayName }) : t('common.loading')}
      data-testid="user-drawer"
    >
      {loaded.status === 'error' ? (
        <ErrorAlert error={loaded.error} title={t('admin.user.loadFailed')} />
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      {user ? (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('admin.users.username')}>{user.username}</Descriptions.Item>
            <Descriptions.Item label={t('admin.users.state')}>
              <StatusTags user={user} />
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.user.official')}>
              {user.official
                ? `${user.official.name} · ${pick(user.official.unitName, lang)}`
                : t('admin.user.noOfficial')}
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.user.failedLogins')}>
              {user.failedLogins}
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.user.createdAt')}>
              {formatDateTime(user.createdAt)}
            </Descriptions.Item>
          </Descriptions>

          <Typography.Title level={4}>{t('admin.user.account')}</Typography.Title>
          <Space wrap>
            {user.abilities.unlock ? (
              <Popconfirm
                {...confirm(t('admin.user.confirmUnlock'))}
                onConfirm={() => write('unlock', '/unlock', {}, t('admin.user.unlocked'))}
              >
                <Button type="primary" loading={busy === 'unlock'}>
                  {t('admin.user.unlock')}
                </Button>
              </Popconfirm>
            ) : null}
            {user.abilities.disable ? (
              <Popconfirm
                {...confirm(t('admin.user.confirmDisable'))}
                okButtonProps={{ danger: true }}
                onConfirm={() => write('disable', '/disable', {}, t('admin.user.disabled'))}
              >
                <Button danger loading={busy === 'disable'}>
                  {t('admin.user.disable')}
                </Button>
              </Popconfirm>
            ) : null}
            {user.abilities.enable ? (
              <Popconfirm
                {...confirm(t('admin.user.confirmEnable'))}
                onConfirm={() => write('enable', '/enable', {}, t('admin.user.enabled'))}
              >
                <Button loading={busy === 'enable'}>{t('admin.user.enable')}</Button>
              </Popconfirm>
            ) : null}
          </Space>

          {user.abilities.edit ? (
            <>
              <Divider />
              <Typography.Title level={4}>{t('admin.user.profile')}</Typography.Title>
              <Form
                form={profile}
                layout="vertical"
                onFinish={(v) =>
                  void write('profile', '', v, t('admin.user.profileSaved'), {
                    instance: profile,
                    fields: ['displayName', 'locale'],
                  })
                }
              >
                <Form.Item
                  name="displayName"
                  label={t('admin.users.displayName')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      message: t('admin.create.displayNameRequired'),
                    },
                  ]}
                >
                  <Input maxLength={TEXT_LIMITS.displayName.max} />
                </Form.Item>
                <Form.Item name="locale" label={t('admin.create.locale')}>
                  <Radio.Group
                    options={[
                      { value: 'zh', label: t('admin.create.localeZh') },
                      { value: 'en', label: t('admin.create.localeEn') },
                    ]}
                  />
                </Form.Item>
                <Button htmlType="submit" loading={busy === 'profile'}>
                  {t('admin.user.saveProfile')}
                </Button>
              </Form>
            </>
          ) : null}

          <Divider />
          <Typography.Title level={4}>{t('admin.user.grantsTitle')}</Typography.Title>
          {user.abilities.editGrants ? (
            <Form form={grantsForm} layout="vertical">
              <Form.Item
                name="grants"
                label={t('admin.grants.label')}
                extra={t('admin.grants.help')}
                rules={grantRules(t)}
              >
                <GrantsEditor scopes={scopes} />
              </Form.Item>
              <Popconfirm
                {...confirm(t('admin.user.confirmGrants'))}
                onConfirm={async () => {
                  let v: { grants: GrantValue[] };
                  try {
                    v = await grantsForm.validateFields();
                  } catch {
                    return;
                  }
                  await write(
                    'grants',
                    '/grants',
                    { grants: v.grants },
                    t('admin.user.grantsSaved'),
                    {
                      instance: grantsForm,
                      fields: ['grants'],
                    },
                  );
                }}
              >
                <Button type="primary" loading={busy === 'grants'}>
                  {t('admin.user.saveGrants')}
                </Button>
              </Popconfirm>
            </Form>
          ) : (
            <>
              <List
                size="small"
                data-testid="user-grants"
                dataSource={[...user.grants]}
                renderItem={(g) => (
                  <List.Item>
                    {pick(g.roleLabel, lang)}
                    {g.scopeName ? ` · ${pick(g.scopeName, lang)}` : ''}
                  </List.Item>
                )}
              />
              <Typography.Paragraph type="secondary">
                {t('administrators.grantsBySecurityAdmin')}
              </Typography.Paragraph>
            </>
          )}

          <Divider />
          <Typography.Title level={4}>{t('administrators.twoFactor.title')}</Typography.Title>
          <Space wrap>
            <Typography.Text data-testid="user-two-factor">
              {user.twoFactor
                ? t('administrators.twoFactor.on')
                : t('administrators.twoFactor.off')}
            </Typography.Text>
            {user.abilities.resetTwoFactor ? (
              <Popconfirm
                {...confirm(t('administrators.twoFactor.confirmReset'))}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  write(
                    'twoFactor',
                    '/two-factor/reset',
                    {},
                    t('administrators.twoFactor.resetDone'),
                  )
                }
              >
                <Button danger loading={busy === 'twoFactor'}>
                  {t('administrators.twoFactor.reset')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>

          {user.abilities.resetPassword ? (
            <>
              <Divider />
              <Typography.Title level={4}>{t('admin.user.resetTitle')}</Typography.Title>
              <Form form={passwordForm} layout="vertical">
                <PasswordField
                  name="password"
                  label={t('admin.user.newPassword')}
                  username={user.username}
                />
                <Popconfirm
                  {...confirm(t('admin.user.confirmReset'))}
                  okButtonProps={{ danger: true }}
                  onConfirm={async () => {
                    let v: { password: string };
                    try {
                      v = await passwordForm.validateFields();
                    } catch {
                      return;
                    }
                    const ok = await write('password', '/password', v, t('admin.user.resetDone'), {
                      instance: passwordForm,
                      fields: ['password'],
                    });
                    if (ok) passwordForm.resetFields();
                  }}
                >
                  <Button danger loading={busy === 'password'}>
                    {t('admin.user.reset')}
                  </Button>
                </Popconfirm>
              </Form>
            </>
          ) : null}

          {securityAdmin ? (
            <>
              <Divider />
              <Typography.Title level={4}>{t('account.sessions.userHeading')}</Typography.Title>
              <SessionsTable userId={user.id} />
            </>
          ) : null}
          <ExternalIdentities userId={user.id} />

          <Divider />
          <Typography.Title level={4}>{t('admin.user.history')}</Typography.Title>
          <List
            size="small"
            dataSource={[...user.history]}
            locale={{ emptyText: t('admin.user.noHistory') }}
            renderItem={(e) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text strong>
                    {t(`admin.actions.${e.action.replace('.', '_')}`, { defaultValue: e.action })}
                  </Typography.Text>
                  <span>{e.actor.name}</span>
                  <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Drawer>
  );
}
