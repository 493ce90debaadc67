/**
 * The one password rule of the installation, for every path that sets a password: an
 * administrator's (a new user's initial password, a reset — API and CLI alike) and the user's own
 * change. The rules are the security policy's (table security_policy, saved by the security
 * administrator; until then the settings' defaults, src/config/areas/sessions.ts), as data
 * (src/shared/passwords.ts): the API publishes them (GET /api/admin/password-rules) so that the
 * web form checks them as the user types, and the server checks them again here. The history (no
 * reuse of the last N) is checked against the stored argon2id hashes, never plaintext.
 */
import { verify } from '@node-rs/argon2';
import { desc, eq } from 'drizzle-orm';
import {
  brokenRules,
  passwordRules,
  type PasswordPolicy,
  type PasswordRule,
} from '../../shared/passwords.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../shared/limits.js';
import type { Settings } from '../../config/index.js';
import type { Db, Tx } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { passwordHistory, securityPolicy, type Schema } from '../tables.js';

export type { PasswordPolicy, PasswordRule, PasswordRuleId } from '../../shared/passwords.js';
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

/** The policy an installation has before its security administrator saves one. */
export function defaultPasswordPolicy(settings: Settings): PasswordPolicy {
  const s = settings.sessions;
  return {
    minLength: s.passwordMinLength,
    minClasses: s.passwordMinClasses,
    historyCount: s.passwordHistory,
    expiryDays: s.passwordExpiryDays,
  };
}

export interface StoredPolicy extends PasswordPolicy {
  /** When and by whom it was saved; null while the settings' defaults apply. */
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

/** The security policy in force: the saved row, or the settings' defaults. */
export async function readPasswordPolicy(
  ctx: AppContext,
  db: Db<Schema> | Tx<Schema> = ctx.store.db,
): Promise<StoredPolicy> {
  const [row] = await db.select().from(securityPolicy).where(eq(securityPolicy.id, 1));
  if (!row) return { ...defaultPasswordPolicy(ctx.settings), updatedAt: null, updatedBy: null };
  return {
    minLength: row.minLength,
    minClasses: row.minClasses,
    historyCount: row.historyCount,
    expiryDays: row.expiryDays,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/** The rules of the policy, as the forms show them. */
export function rulesOf(policy: PasswordPolicy): PasswordRule[] {
  return passwordRules(policy);
}

/** The rules a password breaks under the policy (empty when it is acceptable). */
export function brokenPasswordRules(
  policy: PasswordPolicy,
  password: string,
  username: string,
): PasswordRule[] {
  return brokenRules(policy, password, username);
}

/** Asserts the password keeps every rule; the error lists the broken ones in zh and en. */
export function checkPassword(
  policy: PasswordPolicy,
  password: string,
  username: string,
  field = 'password',
): void {
  const broken = brokenRules(policy, password, username);
  if (broken.length === 0) return;
  throw new AppError(
    'PASSWORD_WEAK',
    { field, rules: broken.map((r) => r.id) },
    {
      zh: `密码不符合规则：${broken.map((r) => r.text.zh).join('；')}。`,
      en: `The password does not meet the rules: ${broken.map((r) => r.text.en).join('; ')}.`,
    },
  );
}

/**
 * Asserts the password is none of the user's last `historyCount` passwords (their argon2id
 * hashes in password_history, the current one among them). Slow on purpose (one verification per
 * hash): call it outside a transaction.
 */
export async function checkNotReused(
  ctx: AppContext,
  policy: PasswordPolicy,
  userId: string,
  password: string,
): Promise<void> {
  if (policy.historyCount === 0) return;
  const recent = await ctx.store.db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.setAt), desc(passwordHistory.id))
    .limit(policy.historyCount);
  for (const r of recent) {
    const same = await verify(r.hash, password).catch(() => false);
    if (same) {
      throw new AppError(
        'PASSWORD_REUSED',
        { field: 'newPassword', historyCount: policy.historyCount },
        {
          zh: `新密码不能与最近 ${policy.historyCount} 次使用过的密码相同，请另设一个。`,
          en: `The new password may not be any of your last ${policy.historyCount} passwords; choose another.`,
        },
      );
    }
  }
}

/**
 * Notes a password just set (in the caller's transaction): its hash joins the history, and the
 * history beyond the most the policy may ask for is dropped.
 */
export async function rememberPassword(
  tx: Tx<Schema>,
  userId: string,
  passwordHash: string,
  at: Date,
): Promise<void> {
  await tx.insert(passwordHistory).values({ userId, passwordHash, setAt: at });
  const kept = await tx
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.setAt), desc(passwordHistory.id))
    .offset(24);
  for (const k of kept) await tx.delete(passwordHistory).where(eq(passwordHistory.id, k.id));
}

/** Whether a password set at `changedAt` has expired under the policy at `now`. */
export function passwordExpired(
  policy: Pick<PasswordPolicy, 'expiryDays'>,
  changedAt: Date,
  now: Date,
): boolean {
  return (
    policy.expiryDays > 0 && now.getTime() >= changedAt.getTime() + policy.expiryDays * 86_400_000
  );
}
