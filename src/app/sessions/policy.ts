/**
 * The installation's security policy as the security administrator reads and sets it: the
 * password rules (length, classes, history, expiry) in force and whether the reader may change
 * them. One row (security_policy, id 1): a data centre runs one installation for one organization,
 * and the level-3 assessment judges one policy; a policy per jurisdiction would let a district
 * weaken the province's. Until first saved, the settings' defaults apply (and say so).
 * Saving writes the row and its admin_events entry (with the policy before and after) together.
 */
import { recordSecurityEventIn } from '../trails/security-events.js';
import type { Actor } from '../../domain/roles.js';
import { PASSWORD_POLICY_LIMITS, type PasswordPolicy } from '../../shared/passwords.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { recordAdminEvent } from '../admin/events.js';
import { readPasswordPolicy, rulesOf, type PasswordRule } from '../admin/password.js';
import { securityPolicy } from '../tables.js';
import {
  maySetSecurityPolicy,
  requirePolicySetter,
  requireSecurityAdmin,
} from './security-admin.js';

export interface SecurityPolicyView extends PasswordPolicy {
  /** The session settings in force (set by the installation's configuration, not here). */
  readonly sessions: {
    readonly idleMinutes: number;
    readonly absoluteHours: number;
    readonly maxConcurrent: number;
    readonly onLimit: 'end_oldest' | 'refuse';
  };
  /** The password rules a form checks as the user types. */
  readonly rules: readonly PasswordRule[];
  /** When the policy was saved; null while the configuration's defaults apply. */
  readonly updatedAt: string | null;
  readonly abilities: { readonly edit: boolean };
}

export async function viewSecurityPolicy(
  ctx: AppContext,
  actor: Actor,
): Promise<SecurityPolicyView> {
  requireSecurityAdmin(actor);
  const p = await readPasswordPolicy(ctx);
  const s = ctx.settings.sessions;
  return {
    minLength: p.minLength,
    minClasses: p.minClasses,
    historyCount: p.historyCount,
    expiryDays: p.expiryDays,
    sessions: {
      idleMinutes: s.idleMinutes,
      absoluteHours: s.absoluteHours,
      maxConcurrent: s.maxConcurrent,
      onLimit: s.onLimit,
    },
    rules: rulesOf(p),
    updatedAt: p.updatedAt?.toISOString() ?? null,
    abilities: { edit: maySetSecurityPolicy(actor) },
  };
}

const LABEL: Record<keyof PasswordPolicy, { zh: string; en: string }> = {
  minLength: { zh: '密码最少字符数', en: 'the least length' },
  minClasses: { zh: '字符类别数', en: 'the number of character classes' },
  historyCount: { zh: '不得重复使用的最近密码数', en: 'the number of recent passwords not reused' },
  expiryDays: { zh: '密码有效期（天）', en: 'the days a password is valid' },
};

/** Saves the installation's security policy (the security administrator over a top level). */
export async function setSecurityPolicy(
  ctx: AppContext,
  actor: Actor,
  input: PasswordPolicy,
): Promise<SecurityPolicyView> {
  requirePolicySetter(actor);
  for (const key of Object.keys(PASSWORD_POLICY_LIMITS) as (keyof PasswordPolicy)[]) {
    const { min, max } = PASSWORD_POLICY_LIMITS[key];
    const v = input[key];
    if (!Number.isInteger(v) || v < min || v > max) {
      throw invalid(
        key,
        `${LABEL[key].zh}应为 ${min} 到 ${max} 之间的整数。`,
        `${LABEL[key].en} must be a whole number from ${min} to ${max}.`,
      );
    }
  }
  await ctx.store.tx(async (tx) => {
    const before = await readPasswordPolicy(ctx, tx);
    const now = ctx.now();
    const row = {
      minLength: input.minLength,
      minClasses: input.minClasses,
      historyCount: input.historyCount,
      expiryDays: input.expiryDays,
      updatedAt: now,
      updatedBy: actor.userId,
    };
    await tx
      .insert(securityPolicy)
      .values({ id: 1, ...row })
      .onConflictDoUpdate({ target: securityPolicy.id, set: row });
    await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
      kind: 'security_policy.changed',
      at: now,
      userId: actor.userId,
    });
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'security.policy',
        targetKind: 'security_policy',
        targetId: '1',
        scopePath: '',
        at: now,
        payload: {
          before: {
            minLength: before.minLength,
            minClasses: before.minClasses,
            historyCount: before.historyCount,
            expiryDays: before.expiryDays,
          },
          after: {
            minLength: input.minLength,
            minClasses: input.minClasses,
            historyCount: input.historyCount,
            expiryDays: input.expiryDays,
          },
        },
      },
      ctx.settings.crypto.trailHash,
    );
  });
  return viewSecurityPolicy(ctx, actor);
}
