/**
 * A panel member votes on a review decided collectively (the pack's procedure.review.collective):
 * the outcome they hold should stand — the outcome in force to uphold it, another outcome of the
 * ladder to change it — with a reason; one vote each. The chair then decides with a majority of
 * the sitting members (decide-challenge.ts). The rule (policies.ts, voteReview) admits only
 * sitting members, impartial, while the case is under review, and once.
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { deliberationMembers } from '../tables.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { requireText } from './text-input.js';
import { runTransition } from './transition.js';
import { requireOutcome, type VoteInput } from './vote.js';

export async function castReviewVote(ctx: AppContext, actor: Actor, req: VoteInput) {
  const reason = requireText('reason', req.reason, {
    what: { zh: '复核表决理由', en: 'the reason for the vote on the review' },
    ...TEXT_LIMITS.voteReason,
  });
  return runTransition(ctx, actor, 'voteReview', req, async ({ tx, loaded, now }) => {
    const outcome = requireOutcome(ctx, loaded.row, req.outcome);
    await tx
      .update(deliberationMembers)
      .set({ reviewVote: outcome, reviewVoteReason: reason, reviewVotedAt: now })
      .where(
        and(
          eq(deliberationMembers.caseId, loaded.row.id),
          eq(deliberationMembers.userId, actor.userId),
        ),
      );
    return {
      event: 'case.review_vote_cast',
      reason,
      payload: { userId: actor.userId, outcome },
      result: undefined,
    };
  });
}
