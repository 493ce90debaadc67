/**
 * The password rules for passwords an administrator sets (a new user's initial password, a
 * reset). The rules are data: the API publishes them (GET /api/admin/password-rules) so that the
 * web form checks them as the administrator types, and the server checks them again here.
 * hashPassword (src/app/org.ts) keeps its own floor of 8 characters for every other path.
 */
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../shared/limits.js';
import type { I18nText } from '../../policy/model.js';
import { AppError } from '../errors.js';

export type PasswordRuleId = 'minLength' | 'maxLength' | 'letter' | 'digit' | 'notUsername';

export interface PasswordRule {
  readonly id: PasswordRuleId;
  /** The number the rule is about, where it has one (a length). */
  readonly value?: number;
  readonly text: I18nText;
}

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

export const PASSWORD_RULES: readonly PasswordRule[] = [
  {
    id: 'minLength',
    value: MIN_PASSWORD_LENGTH,
    text: {
      zh: `至少 ${MIN_PASSWORD_LENGTH} 个字符`,
      en: `at least ${MIN_PASSWORD_LENGTH} characters`,
    },
  },
  {
    id: 'maxLength',
    value: MAX_PASSWORD_LENGTH,
    text: {
      zh: `不超过 ${MAX_PASSWORD_LENGTH} 个字符`,
      en: `at most ${MAX_PASSWORD_LENGTH} characters`,
    },
  },
  { id: 'letter', text: { zh: '至少包含一个字母', en: 'at least one letter' } },
  { id: 'digit', text: { zh: '至少包含一个数字', en: 'at least one digit' } },
  {
    id: 'notUsername',
    text: { zh: '不包含用户名', en: 'does not contain the username' },
  },
];

/** The rules a password breaks (empty when it is acceptable). */
export function brokenPasswordRules(password: string, username: string): PasswordRule[] {
  const length = [...password].length;
  const broken = (id: PasswordRuleId): boolean => {
    switch (id) {
      case 'minLength':
        return length < MIN_PASSWORD_LENGTH;
      case 'maxLength':
        return length > MAX_PASSWORD_LENGTH;
      case 'letter':
        return !/\p{L}/u.test(password);
      case 'digit':
        return !/\p{Nd}/u.test(password);
      case 'notUsername':
        return (
          username.trim().length >= 2 &&
          password.toLowerCase().includes(username.trim().toLowerCase())
        );
    }
  };
  return PASSWORD_RULES.filter((r) => broken(r.id));
}

/** Asserts the password keeps every rule; the error lists the broken ones in zh and en. */
export function checkPassword(password: string, username: string): void {
  const broken = brokenPasswordRules(password, username);
  if (broken.length === 0) return;
  throw new AppError(
    'PASSWORD_WEAK',
    { field: 'password', rules: broken.map((r) => r.id) },
    {
      zh: `密码不符合规则：${broken.map((r) => r.text.zh).join('；')}。`,
      en: `The password does not meet the rules: ${broken.map((r) => r.text.en).join('; ')}.`,
    },
  );
}
