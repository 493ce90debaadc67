/**
 * Deciding a review or an appeal. A review is decided by the committee chair of the jurisdiction
 * that decided (the same body); an appeal by a committee chair of a jurisdiction strictly above
 * (policies.ts, decideAppeal). Either way the decision is impartial and reasoned. When the pack
 * has reviews decided collectively (procedure.review.collective), the panel votes on the review
 * first (vote-review.ts) and the chair's decision needs a majority of the sitting members for the
 * outcome it leaves in force, as the determination did (decide.ts, requireMajority).
 *
 * - 'upheld': the determination in force stands.
 * - 'changed': a new determination replaces it, linked by supersedes_id, with basis 'review' or
 *   'appeal', the original recommendation copied (the engine's advice does not change with who
 *   decides). It is a new 认定书 of the deciding body and has a number of its own: the next serial
 *   of that body's determinations for the year (an appeal: the level above), in its pattern —
 *   so a second change never collides with the first. (Determinations changed before this kept
 *   the original's number suffixed -R1 / -A1; issued numbers are not rewritten.)
 *
 * The challenge row keeps everything the decision document (复核决定书 / 申诉决定书) needs: the
 * result, the outcome before and after, the reasons, who decided and when, and the votes when
 * the review was decided collectively. The determination in force is then reviewed
 * (cases.reviewed_on): it is not reviewed again.
 *
 * The case returns to 'notified' — or to 'publicity' when the challenge suspended a publicity and
 * the determination is upheld: it resumes with the days it had left (publicity-pause.ts). The
 * result is given to the parties with this decision, and the windows run afresh from today.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CaseState } from '../../domain/case-states.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { allocateNumber, issuingBody } from '../documents/numbers.js';
import { caseChallenges, cases, determinations } from '../tables.js';
import { outcomeLabels, requireMajority } from './decide.js';
import { applicationFor } from './result-application.js';
import { currentFacts } from './record-fact.js';
import { feedBackToMatter } from '../matters/feedback.js';
import { precondition } from './preconditions.js';
import { resumedDueOn } from './publicity-pause.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { isUuid, requireText } from './text-input.js';
import { departsFrom } from './band.js';
import { casePolicy, type DeterminationRow, type LoadedCase } from './record.js';
import { runTransition, type TransitionRequest, type TransitionScope } from './transition.js';

type ChallengeRow = typeof caseChallenges.$inferSelect;
type Kind = 'review' | 'appeal';

export interface DecideChallengeInput extends TransitionRequest {
  readonly result: 'upheld' | 'changed';
  readonly outcome?: string;
  readonly reasons: string;
}

export async function decideChallenge(ctx: AppContext, actor: Actor, req: DecideChallengeInput) {
  if (req.result !== 'upheld' && req.result !== 'changed') {
    throw invalid('result', '应为 upheld（维持）或 changed（变更）。', 'use upheld or changed.');
  }
  const reasons = requireText('reasons', req.reasons, {
    what: { zh: '复核、申诉决定的理由', en: 'the reasons for the review or appeal decision' },
    ...TEXT_LIMITS.challengeReasons,
  });
  // Which action applies depends on the case's state; the transition checks it again on the case
  // it reads (a change in between fails the version check).
  const state = await currentState(ctx, req.caseId);
  const kind: Kind = state === 'under_appeal' ? 'appeal' : 'review';
  const action = kind === 'appeal' ? 'decideAppeal' : 'decideReview';
  return runTransition(ctx, actor, action, req, async (scope) => {
    const { tx, loaded, actor, now, today } = scope;
    const { challenge, original } = await pendingChallenge(scope, kind);
    const outcome = requireResultOutcome(ctx, loaded, req, original);
    const collective = kind === 'review' && loaded.procedure.review.collective === true;
    const votes = collective ? collectiveVotes(ctx, loaded, outcome) : null;
    const changed =
      req.result === 'changed' ? await changedDetermination(scope, kind, original) : null;
    // A changed determination carries its own result application; the original's is no longer
    // in force (the case view and the exports read the determination in force).
    const applied = changed ? applicationFor(ctx, loaded.row, outcome, today) : null;
    if (changed) {
      await tx.insert(determinations).values({
        ...changed,
        ...applied!,
        outcome,
        minutes: reasons,
        ...departs(original, outcome, reasons),
      });
    }
    // A changed determination replaces the outcome fed back to the accountability matter.
    const matter = changed
      ? await feedBackToMatter(tx, loaded, {
          outcome,
          inForceOn: today,
          basis: kind,
          facts: await currentFacts(tx, loaded.row.id),
        })
      : null;
    const resumed = resumedPublicity(ctx, loaded, challenge, req.result, today);
    await tx
      .update(caseChallenges)
      .set({
        status: req.result,
        resultDeterminationId: changed?.id ?? null,
        decidedAt: now,
        reasons,
        decidedBy: actor.userId,
        decidedOn: today,
        outcome,
        previousOutcome: original.outcome,
        collective,
        votes,
        publicityResumedOn: resumed ? today : null,
        publicityResumedDueOn: resumed?.dueOn ?? null,
      })
      .where(eq(caseChallenges.id, challenge.id));
    const documentNumber = changed?.documentNumber ?? original.documentNumber;
    const determinationId = changed?.id ?? original.id;
    return {
      to: resumed ? 'publicity' : 'notified',
      event: kind === 'review' ? 'case.review_decided' : 'case.appeal_decided',
      reason: reasons,
      payload: {
        challengeId: challenge.id,
        kind,
        result: req.result,
        previousDeterminationId: original.id,
        determinationId,
        documentNumber,
        outcome,
        previousOutcome: original.outcome,
        collective,
        votes,
        ...(applied ? { application: applied.application } : {}),
        publicity: publicityPayload(challenge, req.result, resumed, today),
        ...(matter ? { matter } : {}),
      },
      // The decision is given to the parties today: the windows count from it. A changed
      // determination is a new one, neither publicized nor filed upward yet. Either way the
      // determination in force has now been reviewed.
      set: {
        notifiedOn: today,
        reviewedOn: today,
        ...(changed
          ? { publicityEndedOn: null, filedUpwardOn: null, outcomeInForce: outcome }
          : {}),
        ...(resumed ? { stepDueOn: resumed.dueOn, stepDueProvisional: resumed.provisional } : {}),
      },
      result: {
        challengeId: challenge.id,
        result: req.result,
        determinationId,
        documentNumber,
        outcome,
      },
    };
  });
}

/** The challenge pending on the case and the determination it challenges. */
async function pendingChallenge(
  { tx, loaded }: TransitionScope,
  kind: Kind,
): Promise<{ challenge: ChallengeRow; original: DeterminationRow }> {
  const [challenge] = await tx
    .select()
    .from(caseChallenges)
    .where(
      and(
        eq(caseChallenges.caseId, loaded.row.id),
        eq(caseChallenges.kind, kind),
        eq(caseChallenges.status, 'pending'),
      ),
    )
    .limit(1);
  const [original] = challenge
    ? await tx.select().from(determinations).where(eq(determinations.id, challenge.determinationId))
    : [];
  if (!challenge || !original) {
    throw precondition(
      { kind },
      `本案没有待决定的${kind === 'review' ? '复核' : '申诉'}申请。`,
      `The case has no pending ${kind}.`,
    );
  }
  return { challenge, original };
}

/** The outcome in force after the decision: the original's when upheld, a new one when changed. */
function requireResultOutcome(
  ctx: AppContext,
  loaded: LoadedCase,
  req: DecideChallengeInput,
  original: DeterminationRow,
): string {
  if (req.result === 'upheld') {
    if (req.outcome !== undefined && req.outcome !== original.outcome) {
      throw invalid(
        'outcome',
        `维持原认定时结果应为原结果“${original.outcome}”；要改变结果请选择变更。`,
        `upholding keeps the outcome '${original.outcome}'; choose changed to change it.`,
      );
    }
    return original.outcome;
  }
  const outcomes = casePolicy(ctx, loaded.row).outcomes.map((o) => o.id);
  if (req.outcome === undefined || !outcomes.includes(req.outcome)) {
    throw invalid(
      'outcome',
      `变更认定须给出新的结果，应为以下之一：${outcomes.join('、')}。`,
      `a changed decision needs the new outcome, one of: ${outcomes.join(', ')}.`,
    );
  }
  if (req.outcome === original.outcome) {
    throw invalid(
      'outcome',
      `新结果与原认定相同（${original.outcome}）；结果不变请选择维持。`,
      `the new outcome is the same as the original (${original.outcome}); choose upheld instead.`,
    );
  }
  return req.outcome;
}

/**
 * The panel's votes on the review, refused without a majority of the sitting members for the
 * outcome the decision leaves in force; stored on the challenge for its decision document.
 */
function collectiveVotes(ctx: AppContext, loaded: LoadedCase, outcome: string) {
  const label = outcomeLabels(ctx, loaded.row);
  const votes = requireMajority(loaded.members, outcome, label, (m) => m.reviewVote);
  return {
    ...votes,
    members: loaded.members
      .filter((m) => m.reviewVote !== null)
      .map((m) => ({
        userId: m.userId,
        vote: m.reviewVote,
        reason: m.reviewVoteReason,
        votedAt: m.reviewVotedAt?.toISOString() ?? null,
      })),
  };
}

/**
 * The new determination of a changed decision, numbered in the deciding body's sequence of
 * determinations (its outcome and reasons are added by the caller).
 */
async function changedDetermination(
  { tx, loaded, actor, now, today }: TransitionScope,
  kind: Kind,
  original: DeterminationRow,
) {
  const body = await issuingBody(tx, loaded.jurisdiction, kind === 'appeal');
  const year = Number(today.slice(0, 4));
  const { number } = await allocateNumber(tx, body, 'determination', year);
  // Keep "the latest determination is the one in force" true even if clocks disagree.
  const createdAt = new Date(Math.max(now.getTime(), original.createdAt.getTime() + 1));
  return {
    id: randomUUID(),
    caseId: loaded.row.id,
    jurisdictionId: loaded.row.jurisdictionId,
    recommendedOutcome: original.recommendedOutcome,
    recommendedOutcomes: original.recommendedOutcomes,
    recommendation: original.recommendation,
    documentNumber: number,
    decidedOn: today,
    decidedBy: actor.userId,
    supersedesId: original.id,
    basis: kind,
    createdAt,
    acceptedOn: loaded.row.acceptedOn,
  };
}

/**
 * Reasons for departing from the recommendation: the decision's reasons, when it decides outside
 * the recommended band.
 */
function departs(original: DeterminationRow, outcome: string, reasons: string) {
  const band = { outcome: original.recommendedOutcome, recommended: original.recommendedOutcomes };
  const departing = departsFrom(band, outcome);
  return { departs: departing, departureReasons: departing ? reasons : '' };
}

/** The publicity the challenge suspended resumes when the determination is upheld. */
function resumedPublicity(
  ctx: AppContext,
  loaded: LoadedCase,
  challenge: ChallengeRow,
  result: 'upheld' | 'changed',
  today: string,
) {
  if (challenge.publicitySuspendedOn === null || result !== 'upheld') return null;
  return resumedDueOn(
    ctx,
    loaded.jurisdiction.calendarId,
    loaded.procedure,
    today,
    challenge.publicityDaysLeft,
  );
}

/** What the event records of the suspended publicity: resumed, or ended with the old decision. */
function publicityPayload(
  challenge: ChallengeRow,
  result: 'upheld' | 'changed',
  resumed: { dueOn: string | null } | null,
  today: string,
) {
  if (challenge.publicitySuspendedOn === null) return null;
  const suspended = {
    suspendedOn: challenge.publicitySuspendedOn,
    daysLeft: challenge.publicityDaysLeft,
  };
  return result === 'upheld'
    ? { ...suspended, resumed: true, resumedOn: today, dueOn: resumed?.dueOn ?? null }
    : { ...suspended, resumed: false, endedWithDetermination: true };
}

async function currentState(ctx: AppContext, caseId: string): Promise<CaseState | undefined> {
  if (!isUuid(caseId)) return undefined;
  const [row] = await ctx.store.db
    .select({ state: cases.state })
    .from(cases)
    .where(eq(cases.id, caseId));
  return row?.state as CaseState | undefined;
}
