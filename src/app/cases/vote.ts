/** A panel member votes for an outcome on the pack's ladder, with a reason; one vote each. */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { deliberationMembers } from '../tables.js';
import { casePolicy, type CaseRow } from './record.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { requireText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';
import type { AppTx } from '../db.js';

export interface VoteInput extends TransitionRequest {
  readonly outcome: string;
  readonly reason: string;
}

/**
 * The results a determination of the case may have: the outcome ladder of the case's pack version,
 * most favourable to the official first, then any results the pack gives off the ladder (not
 * applicable: 不适用本办法; referred: 参照办理 / 移送), which are not tolerance outcomes.
 */
export function resultsOf(
  ctx: AppContext,
  row: Pick<CaseRow, 'packId' | 'packVersion' | 'conductDate'>,
) {
  return casePolicy(ctx, row).outcomes;
}

/** Refuses an outcome that is not among the case's results (resultsOf), listing those that are. */
export function requireOutcome(
  ctx: AppContext,
  row: Pick<CaseRow, 'packId' | 'packVersion' | 'conductDate'>,
  outcome: unknown,
): string {
  const ladder = resultsOf(ctx, row);
  const found = ladder.find((o) => o.id === outcome);
  if (!found) {
    throw invalid(
      'outcome',
      `“${String(outcome)}”不是本案适用的认定结果；应为 ${ladder.map((o) => `${o.id}（${o.label.zh}）`).join('、')} 之一。`,
      `'${String(outcome)}' is not an outcome of this case's policy; use one of ${ladder.map((o) => o.id).join(', ')}.`,
    );
  }
  return found.id;
}

export async function castVote(ctx: AppContext, actor: Actor, req: VoteInput) {
  const reason = requireText('reason', req.reason, {
    what: { zh: '表决理由', en: 'the reason for the vote' },
    ...TEXT_LIMITS.voteReason,
  });
  return runTransition(ctx, actor, 'vote', req, async ({ tx, loaded, now }) => {
    const outcome = requireOutcome(ctx, loaded.row, req.outcome);
    await recordVote(tx, loaded.row.id, actor.userId, {
      vote: outcome,
      voteReason: reason,
      votedAt: now,
    });
    return {
      event: 'case.vote_cast',
      reason,
      payload: { userId: actor.userId, outcome },
      result: undefined,
    };
  });
}

/** Records the member's vote and its reason. */
async function recordVote(
  tx: AppTx,
  caseId: string,
  userId: string,
  vote: { vote: string; voteReason: string; votedAt: Date },
): Promise<void> {
  await tx
    .update(deliberationMembers)
    .set(vote)
    .where(and(eq(deliberationMembers.caseId, caseId), eq(deliberationMembers.userId, userId)));
}
