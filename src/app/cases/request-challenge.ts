/**
 * A party asks for review (复核, by the same body) or appeals (申诉, to the next level) within the
 * window the pack sets for each, counted from the day the decision in force was notified
 * (cases.notified_on; record.ts, challengeWindowsOf). The determination stays in force meanwhile
 * (domain.md §5): the case moves to 'under_review' / 'under_appeal', whose clock is the pack's time
 * to decide, and a challenge row records the grounds and the due date.
 *
 * A determination already reviewed — or made on review or appeal — is not reviewed again
 * (cases.reviewed_on, the rule in policies.ts): an appeal to the level above is then the route.
 * A publicity running when the challenge is asked for is suspended with its days left
 * (publicity-pause.ts says why), recorded on the challenge row and in the event.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { caseChallenges } from '../tables.js';
import { clockFor } from './deadlines.js';
import { precondition } from './preconditions.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { requireText } from './text-input.js';
import { determinationInForce, type DeterminationRow, type LoadedCase } from './record.js';
import type { AppTx } from '../db.js';
import { pausePublicity } from './publicity-pause.js';
import { runTransition, type TransitionRequest } from './transition.js';

export type ChallengeKind = 'review' | 'appeal';

const KIND_LABEL: Record<ChallengeKind, { zh: string; en: string }> = {
  review: { zh: '复核', en: 'review' },
  appeal: { zh: '申诉', en: 'appeal' },
};

export async function requestChallenge(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { kind: ChallengeKind; grounds: string },
) {
  if (req.kind !== 'review' && req.kind !== 'appeal') {
    throw invalid('kind', '应为 review（复核）或 appeal（申诉）。', 'use review or appeal.');
  }
  const kind = req.kind;
  const grounds = requireText('grounds', req.grounds, {
    what: {
      zh: `申请${KIND_LABEL[kind].zh}的理由`,
      en: `the grounds for the ${KIND_LABEL[kind].en}`,
    },
    ...TEXT_LIMITS.challengeGrounds,
  });
  const action = kind === 'review' ? 'requestReview' : 'requestAppeal';
  return runTransition(ctx, actor, action, req, async ({ tx, loaded, actor, today }) => {
    const d = await determinationInForce(tx, loaded.row.id);
    const rules = loaded.procedure[kind];
    if (!d) {
      throw precondition(
        { caseId: req.caseId },
        '本案尚无认定结论，无从申请复核或申诉。',
        'The case has no determination to challenge.',
      );
    }
    if (!rules.applyWithin && !rules.decideWithin) {
      throw precondition(
        { kind },
        `本案适用的办法未规定${KIND_LABEL[kind].zh}程序。`,
        `The measure applied to this case provides no ${KIND_LABEL[kind].en}.`,
      );
    }
    requireWindowOpen(loaded, kind, today);
    await requireNotAskedBefore(tx, loaded, d, kind);
    const to = kind === 'review' ? 'under_review' : 'under_appeal';
    const dueOn = clockFor(
      ctx,
      loaded.jurisdiction.calendarId,
      loaded.procedure,
      to,
      today,
    ).stepDueOn;
    const id = randomUUID();
    const paused = publicityPaused(ctx, loaded, today);
    await tx.insert(caseChallenges).values({
      id,
      caseId: loaded.row.id,
      jurisdictionId: loaded.row.jurisdictionId,
      kind,
      determinationId: d.id,
      grounds,
      filedBy: actor.userId,
      filedOn: today,
      dueOn,
      status: 'pending',
      publicitySuspendedOn: paused?.suspendedOn ?? null,
      publicityDueOn: paused?.dueOn ?? null,
      publicityDaysLeft: paused?.daysLeft ?? null,
    });
    return {
      to,
      event: kind === 'review' ? 'case.review_requested' : 'case.appeal_requested',
      reason: grounds,
      payload: {
        challengeId: id,
        kind,
        determinationId: d.id,
        documentNumber: d.documentNumber,
        dueOn,
        // The determination is not suspended by the challenge.
        determinationStaysInForce: true,
        // The publicity running, if any, stops counting (publicity-pause.ts).
        publicity: paused ? { suspended: true, ...paused } : null,
      },
      result: { challengeId: id, dueOn },
    };
  });
}

/** The publicity running now, paused (null when the case is not in publicity). */
function publicityPaused(ctx: AppContext, loaded: LoadedCase, today: string) {
  if (loaded.row.state !== 'publicity') return null;
  return pausePublicity(
    ctx,
    loaded.jurisdiction.calendarId,
    loaded.procedure,
    today,
    loaded.row.stepDueOn,
  );
}

/**
 * The last day of the window, from the notification; a last day off moves to the next working day.
 * (The permission rule has checked it already; this names the day.)
 */
function requireWindowOpen(loaded: LoadedCase, kind: ChallengeKind, today: string): void {
  const last = loaded.windows[kind];
  if (last === undefined || today <= last) return;
  throw precondition(
    { kind, lastDay: last },
    `${KIND_LABEL[kind].zh}应在收到认定之日（${loaded.row.notifiedOn}）起规定期限内提出（截至 ${last}），已经逾期。`,
    `A ${KIND_LABEL[kind].en} must be asked for within the time set from receipt of the decision (${loaded.row.notifiedOn}), by ${last}; that time has passed.`,
  );
}

/** Not twice the same kind for the same determination. */
async function requireNotAskedBefore(
  tx: AppTx,
  loaded: LoadedCase,
  d: DeterminationRow,
  kind: ChallengeKind,
): Promise<void> {
  const [earlier] = await tx
    .select({ id: caseChallenges.id })
    .from(caseChallenges)
    .where(
      and(
        eq(caseChallenges.caseId, loaded.row.id),
        eq(caseChallenges.determinationId, d.id),
        eq(caseChallenges.kind, kind),
      ),
    )
    .limit(1);
  if (!earlier) return;
  throw precondition(
    { kind, challengeId: earlier.id },
    `对认定（${d.documentNumber}）已经申请过${KIND_LABEL[kind].zh}，不能重复申请。`,
    `A ${KIND_LABEL[kind].en} of the determination ${d.documentNumber} was already asked for; it cannot be asked for twice.`,
  );
}
