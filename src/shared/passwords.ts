/**
 * The password rules of the security policy, as data and as one test per rule: the server checks a
 * new password with `brokenRules` (src/app/admin/password.ts, for the API and the CLI alike), and
 * the web app's password fields read the same rules (GET /api/admin/password-rules) and test them
 * with the same `keepsRule` as the user types. The history (no reuse of the last N passwords)
 * needs the stored hashes, so only the server checks it.
 */
import type { I18nText } from '../policy/model.js';
import { MAX_PASSWORD_LENGTH } from './limits.js';

/** The security policy's password part (table security_policy, or the settings' defaults). */
export interface PasswordPolicy {
  /** The least number of characters. */
  readonly minLength: number;
  /** How many of the four character classes (lower, upper, digit, symbol) a password needs. */
  readonly minClasses: number;
  /** A new password may not be any of the last N (0: not checked). */
  readonly historyCount: number;
  /** Days a password is valid (0: never expires). */
  readonly expiryDays: number;
}

/** The bounds the security administrator may set (the table's CHECKs say the same). */
export const PASSWORD_POLICY_LIMITS = {
  minLength: { min: 8, max: 64 },
  minClasses: { min: 1, max: 4 },
  historyCount: { min: 0, max: 24 },
  expiryDays: { min: 0, max: 3650 },
} as const satisfies Record<keyof PasswordPolicy, { min: number; max: number }>;

/** What a sign-in beyond the limit of concurrent sessions does (src/config/areas/sessions.ts). */
export const SESSION_LIMIT_ACTIONS = ['end_oldest', 'refuse'] as const;
export type SessionLimitAction = (typeof SESSION_LIMIT_ACTIONS)[number];

export const PASSWORD_RULE_IDS = [
  'minLength',
  'maxLength',
  'letter',
  'digit',
  'classes',
  'notUsername',
] as const;
export type PasswordRuleId = (typeof PASSWORD_RULE_IDS)[number];

export interface PasswordRule {
  readonly id: PasswordRuleId;
  /** The number the rule is about, where it has one (a length, a number of classes). */
  readonly value?: number;
  readonly text: I18nText;
}

/** The character classes a password uses: lower- and upper-case letters, digits, symbols. */
export function characterClasses(password: string): number {
  let n = 0;
  if (/\p{Ll}/u.test(password)) n += 1;
  if (/\p{Lu}/u.test(password)) n += 1;
  if (/\p{Nd}/u.test(password)) n += 1;
  // A symbol: anything that is not a letter or a digit (space and punctuation included); a
  // letter without case (汉字) counts as a symbol too, since it is neither class of letters.
  if (/[^\p{Ll}\p{Lu}\p{Nd}]/u.test(password)) n += 1;
  return n;
}

/**
 * The rules under a policy, in the order forms show them. A letter and a digit are always asked
 * (so two classes are); the classes rule is listed only when the policy asks for more than two.
 */
export function passwordRules(policy: PasswordPolicy): PasswordRule[] {
  const rules: PasswordRule[] = [
    {
      id: 'minLength',
      value: policy.minLength,
      text: {
        zh: `至少 ${policy.minLength} 个字符`,
        en: `at least ${policy.minLength} characters`,
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
  ];
  if (policy.minClasses > 2) {
    rules.push({
      id: 'classes',
      value: policy.minClasses,
      text: {
        zh: `至少包含小写字母、大写字母、数字、符号中的 ${policy.minClasses} 类`,
        en: `at least ${policy.minClasses} of lower-case letters, upper-case letters, digits and symbols`,
      },
    });
  }
  rules.push({
    id: 'notUsername',
    text: { zh: '不包含用户名', en: 'does not contain the username' },
  });
  return rules;
}

/** Whether `password` keeps `rule` (the server and the web app read each rule this way). */
export function keepsRule(rule: PasswordRule, password: string, username: string): boolean {
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
    case 'classes':
      return characterClasses(password) >= (rule.value ?? 0);
    case 'notUsername': {
      const u = username.trim().toLowerCase();
      return u.length < 2 || !password.toLowerCase().includes(u);
    }
  }
}

/** The rules of `policy` that `password` breaks (empty when it is acceptable). */
export function brokenRules(
  policy: PasswordPolicy,
  password: string,
  username: string,
): PasswordRule[] {
  return passwordRules(policy).filter((r) => !keepsRule(r, password, username));
}
