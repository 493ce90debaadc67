/**
 * Creating a user (POST /api/admin/users): username, name, language, an initial password under
 * the server's rules, an optional linked official, and at least one role grant. Checked as the
 * administrator types; the server's refusals land on the field they concern.
 */
import {
  ADMINISTRATOR_ROLES,
  type Locale,
  ROLES,
  TEXT_LIMITS,
  USERNAME_CHARACTERS,
} from '../../shared';
import { useUser } from '../../auth';
import { App, Form, Input, Modal, Radio, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { AdminUserDetail, I18nText } from '../../types';
import { showOnField } from './formErrors';
import { grantComplete, GrantsEditor, type GrantValue } from './GrantsEditor';
import type { ScopeOption } from './orgTree';
import { PasswordField } from './PasswordField';

/** A username: the characters and the length the server accepts. */
const USERNAME_PATTERN = new RegExp(
  `^${USERNAME_CHARACTERS}{${TEXT_LIMITS.username.min},${TEXT_LIMITS.username.max}}$`,
);

interface Values {
  username: string;
  displayName: string;
  locale: Locale;
  password: string;
  officialId?: string;
  grants: GrantValue[];
}

interface OfficialOption {
  id: string;
  name: string;
  position: I18nText;
  unitName: I18nText;
  linkedUsername: string | null;
}

const FIELDS = ['username', 'displayName', 'locale', 'password', 'officialId', 'grants'];

export function grantRules(t: (k: string) => string) {
  return [
    {
      validator: async (_: unknown, v: GrantValue[] | undefined) => {
        if (!v || v.length === 0) throw new Error(t('admin.grants.required'));
        if (!v.every(grantComplete)) throw new Error(t('admin.grants.incomplete'));
      },
    },
  ];
}

export function CreateUser({
  open,
  scopes,
  onClose,
  onCreated,
}: {
  readonly open: boolean;
  readonly scopes: readonly ScopeOption[];
  readonly onClose: () => void;
  readonly onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useUser();
  // Only the security administrator grants the three administrator roles (三员分立).
  const offered = me.roles.includes('security_admin')
    ? ROLES
    : ROLES.filter((r) => !ADMINISTRATOR_ROLES.includes(r));
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [officialQuery, setOfficialQuery] = useState('');
  const [officials, setOfficials] = useState<OfficialOption[]>([]);
  const [searching, setSearching] = useState(false);
  const username = (Form.useWatch('username', form) as string | undefined) ?? '';

  useEffect(() => {
    if (!open) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setSearching(true);
      api<{ items: OfficialOption[] }>(
        'GET',
        `/api/admin/officials?q=${encodeURIComponent(officialQuery)}`,
        undefined,
        { signal: ctrl.signal },
      )
        .then((r) => setOfficials(r.items))
        .catch(() => setOfficials([]))
        .finally(() => setSearching(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [officialQuery, open]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ user: AdminUserDetail }>('POST', '/api/admin/users', {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        locale: values.locale,
        password: values.password,
        officialId: values.officialId ?? null,
        grants: values.grants,
      });
      message.success(t('admin.create.created', { username: r.user.username }));
      form.resetFields();
      onCreated(r.user.id);
    } catch (e) {
      if (!showOnField(form, e, FIELDS, lang)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('admin.create.title')}
      okText={t('admin.create.submit')}
      cancelText={t('admin.create.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          locale: 'zh',
          grants: [{ role: '', scopeKind: 'jurisdiction', scopeId: '' }],
        }}
        data-testid="create-user-form"
      >
        {error ? <ErrorAlert error={error} /> : null}
        <Form.Item
          name="username"
          label={t('admin.users.username')}
          extra={t('admin.create.usernameHelp')}
          validateTrigger={['onChange', 'onBlur']}
          rules={[
            { required: true, message: t('admin.create.usernameRequired') },
            { pattern: USERNAME_PATTERN, message: t('admin.create.usernamePattern') },
          ]}
        >
          <Input autoComplete="off" maxLength={TEXT_LIMITS.username.max} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('admin.users.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('admin.create.displayNameRequired') },
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
        <PasswordField
          name="password"
          label={t('admin.create.password')}
          username={username}
          extra={t('admin.create.passwordHelp')}
        />
        <Form.Item
          name="officialId"
          label={t('admin.create.official')}
          extra={t('admin.create.officialHelp')}
        >
          <Select<string>
            allowClear
            showSearch
            filterOption={false}
            onSearch={setOfficialQuery}
            placeholder={t('admin.create.officialPlaceholder')}
            notFoundContent={searching ? <Spin size="small" /> : null}
            options={officials.map((o) => ({
              value: o.id,
              disabled: o.linkedUsername !== null,
              label: `${o.name} · ${pick(o.unitName, lang)}${
                o.linkedUsername
                  ? ` (${t('admin.create.officialLinked', { username: o.linkedUsername })})`
                  : ''
              }`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="grants"
          label={t('admin.grants.label')}
          extra={t('admin.grants.help')}
          rules={grantRules(t)}
        >
          <GrantsEditor scopes={scopes} roles={offered} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
