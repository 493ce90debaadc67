/**
 * A password input checked as the administrator types against the server's password rules
 * (GET /api/admin/password-rules), each rule shown met or not; the server checks them again.
 */
import { CheckCircleTwoTone, CloseCircleOutlined } from '@ant-design/icons';
import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { PasswordRule } from '../../types';
import { useApi } from '../../useApi';

/** Whether `password` keeps `rule` (how each kind of rule the server publishes is read). */
function keeps(rule: PasswordRule, password: string, username: string): boolean {
  const length = [...password].length;
  switch (rule.id) {
    case 'minLength':
      return length >= (rule.value ?? 0);
    case 'maxLength':
      return length <= (rule.value ?? Infinity);
    case 'letter':
      return /\p{L}/u.test(password);
    case 'digit':
      return /\p{Nd}/u.test(password);
    case 'notUsername': {
      const u = username.trim().toLowerCase();
      return u.length < 2 || !password.toLowerCase().includes(u);
    }
  }
}

export function PasswordField({
  name,
  label,
  username,
  extra,
}: {
  readonly name: string;
  readonly label: string;
  /** The account's username, for the rule that a password must not contain it. */
  readonly username: string;
  readonly extra?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const rules = useApi<{ rules: PasswordRule[] }>('/api/admin/password-rules');
  const list = rules.status === 'ok' ? rules.data.rules : [];
  const password = (Form.useWatch(name) as string | undefined) ?? '';
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={extra}
        dependencies={['username']}
        validateTrigger={['onChange', 'onBlur']}
        rules={[
          { required: true, message: t('admin.password.required') },
          {
            validator: async (_, value: string | undefined) => {
              if (!value) return;
              const broken = list.filter((r) => !keeps(r, value, username));
              if (broken.length > 0) {
                throw new Error(
                  broken.map((r) => pick(r.text, lang)).join(t('common.listSeparator')),
                );
              }
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {list.length > 0 ? (
        <div className="rc-password-rules" aria-live="polite" data-testid={`rules-${name}`}>
          <Typography.Text strong>{t('admin.password.rulesTitle')}</Typography.Text>
          <ul>
            {list.map((r) => {
              const ok = password !== '' && keeps(r, password, username);
              return (
                <li key={r.id} className={ok ? 'rc-rule-ok' : 'rc-rule-open'}>
                  {ok ? (
                    <CheckCircleTwoTone twoToneColor="#15803d" aria-hidden />
                  ) : (
                    <CloseCircleOutlined aria-hidden />
                  )}{' '}
                  {pick(r.text, lang)}
                  <span className="rc-visually-hidden">
                    {' '}
                    ({ok ? t('admin.password.ok') : t('admin.password.broken')})
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </>
  );
}
