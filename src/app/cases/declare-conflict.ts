/**
 * Impartiality on the panel (domain.md §8: no one decides their own or a related case). A member
 * declares a conflict of interest or recuses themself; the chair may recuse a member. A member
 * with a conflict is recused automatically, and a vote already cast is withdrawn, on the record.
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { deliberationMembers } from '../tables.js';
import type { MemberRow } from './record.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { isUuid, requireText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';
import type { AppTx } from '../db.js';

export interface DeclareConflictInput extends TransitionRequest {
  /** The conflict of interest, or null when only recusing. */
  readonly conflict: string | null;
  readonly recuse: boolean;
}

export interface RecuseMemberInput extends TransitionRequest {
  readonly userId: string;
  readonly reason: string;
}

/**
 * Marks a member recused (with the declared conflict, if any; otherwise the conflict on record is
 * kept) and withdraws their vote.
 */
async function recuse(tx: AppTx, member: MemberRow, conflict: string | null): Promise<void> {
  await tx
    .update(deliberationMembers)
    .set({
      recused: true,
      vote: null,
      voteReason: '',
      votedAt: null,
      ...(conflict !== null ? { conflict } : {}),
    })
    .where(
      and(
        eq(deliberationMembers.caseId, member.caseId),
        eq(deliberationMembers.userId, member.userId),
      ),
    );
}

export async function declareConflict(ctx: AppContext, actor: Actor, req: DeclareConflictInput) {
  const conflict =
    typeof req.conflict !== 'string' || req.conflict.trim() === ''
      ? null
      : requireText('conflict', req.conflict, {
          what: { zh: '利益冲突情况', en: 'the conflict of interest' },
          ...TEXT_LIMITS.conflict,
        });
  if (conflict === null && req.recuse !== true) {
    throw invalid(
      'conflict',
      '请说明利益冲突情况，或选择主动回避。',
      'describe the conflict of interest, or choose to recuse yourself.',
    );
  }
  return runTransition(ctx, actor, 'declareConflict', req, async ({ tx, loaded }) => {
    const member = loaded.members.find((m) => m.userId === actor.userId)!;
    if (member.recused && conflict === null) {
      throw invalid('recuse', '您已回避本案。', 'you are already recused from this case.');
    }
    const withdrawnVote = member.vote;
    await recuse(tx, member, conflict);
    return {
      event: 'case.conflict_declared',
      reason: conflict ?? '',
      payload: {
        userId: actor.userId,
        conflict,
        recused: true,
        withdrawnVote,
        voteWithdrawn: withdrawnVote !== null,
      },
      result: { withdrawnVote },
    };
  });
}

/** The chair recuses a member (using the chair's power to constitute the panel). */
export async function recuseMember(ctx: AppContext, actor: Actor, req: RecuseMemberInput) {
  const reason = requireText('reason', req.reason, {
    what: { zh: '回避理由', en: 'the reason for the recusal' },
    ...TEXT_LIMITS.recusalReason,
  });
  return runTransition(ctx, actor, 'addMember', req, async ({ tx, loaded }) => {
    const member = isUuid(req.userId)
      ? loaded.members.find((m) => m.userId === req.userId)
      : undefined;
    if (!member) {
      throw invalid('userId', '该用户不是本案的研究成员。', 'this user is not on the panel.');
    }
    if (member.recused) {
      throw invalid('userId', '该成员已回避本案。', 'this member is already recused.');
    }
    const withdrawnVote = member.vote;
    await recuse(tx, member, null);
    return {
      event: 'case.member_recused',
      reason,
      payload: {
        userId: member.userId,
        recused: true,
        withdrawnVote,
        voteWithdrawn: withdrawnVote !== null,
      },
      result: { withdrawnVote },
    };
  });
}
