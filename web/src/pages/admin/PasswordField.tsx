/**
 * A password input checked as the user types against the security policy's password rules
 * (GET /api/admin/password-rules), each rule shown met or not, read by the same `keepsRule`
 * the server uses (src/shared/passwords.ts); the server checks them again.
 */
import { CheckCircleTwoTone, CloseCircleOutlined } from '@ant-design/icons';
import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { keepsRule as keeps } from '../../shared';
import type { PasswordRule } from '../../types';
import { useApi } from '../../useApi';

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
