/**
 * The correction (纠错) as the declarative rules see it (policies.ts), and the named conditions of
 * its actions. Loaded with the case where the case has a determination (record.ts,
 * `withCorrection`); absent before, when no correction rule holds. No I/O.
 */
import type { ActionState, CorrectionState } from '../shared/corrections.js';
import { writtenDate } from '../shared/time.js';
import { condition } from './rule-conditions.js';
import { within, type Actor } from './roles.js';
import type { CaseSubject } from './policies.js';

export interface CorrectionActionSubject {
  readonly id: string;
  readonly state: ActionState;
  /** The owning unit's path, or null when an official owns the action. */
  readonly ownerUnitPath: string | null;
  readonly ownerOfficialId: string | null;
  readonly submittedBy: string | null;
}

export interface CorrectionSubject {
  readonly state: CorrectionState;
  /** The effectiveness review's due day (awaiting_review), and whether it has come. */
  readonly reviewDueOn: string | null;
  readonly reviewDue: boolean;
  readonly actions: readonly CorrectionActionSubject[];
}

/**
 * The actor answers for the action: the official who owns it, or the party organization of the
 * unit that owns it (a `unit_party` grant over the unit).
 */
export function ownsAction(actor: Actor, a: CorrectionActionSubject): boolean {
  if (a.ownerOfficialId !== null) return actor.officialId === a.ownerOfficialId;
  const path = a.ownerUnitPath;
  return (
    path !== null &&
    actor.grants.some(
      (g) => g.role === 'unit_party' && g.scopeKind === 'unit' && within(path, g.scopePath),
    )
  );
}

/** The actor owns some action of the case's correction (any state): they read the case. */
export function ownsAnyAction(actor: Actor, c: CaseSubject): boolean {
  return (c.correction?.actions ?? []).some((a) => ownsAction(actor, a));
}

/** No correction opinion has been issued on the case yet. */
export const noCorrectionYet = condition(
  (c) => c.correction === undefined || c.correction === null,
  {
    code: 'CORRECTION_ISSUED',
    quiet: true,
    text: {
      zh: '本案已下达纠错意见书；如需增加整改事项，请在纠错意见中添加。',
      en: 'A correction opinion has been issued on this case; add further actions to it instead.',
    },
  },
);

/** The correction is under way (actions may be added). */
export const correctionInProgress = condition(
  (c) => c.correction?.state === 'in_progress',
  (c) =>
    c.correction
      ? {
          code: 'CORRECTION_NOT_IN_PROGRESS',
          text: {
            zh: '纠错整改已完成，不能再增加整改事项；成效评估认为未达成效的，可重新整改。',
            en: 'The correction is closed: no actions can be added; an effectiveness review that finds it did not work reopens it.',
          },
        }
      : null,
);

/** An action the actor owns is open: they submit it. */
export const ownActionOpen = condition(
  (c, a) => (c.correction?.actions ?? []).some((x) => x.state === 'open' && ownsAction(a, x)),
  (c, a) =>
    (c.correction?.actions ?? []).some((x) => ownsAction(a, x))
      ? {
          code: 'CORRECTION_NOTHING_OPEN',
          quiet: true,
          text: {
            zh: '本单位（本人）负责的整改事项均已报送，无待报送事项。',
            en: 'Every correction action you answer for has been submitted; none is open.',
          },
        }
      : null,
);

/** An action awaits verification (submitted, or under watch) by someone who did not submit it. */
export const verificationAwaited = condition(
  (c, a) =>
    (c.correction?.actions ?? []).some(
      (x) => (x.state === 'submitted' || x.state === 'watch') && x.submittedBy !== a.userId,
    ),
  (c, a) => {
    const waiting = (c.correction?.actions ?? []).filter(
      (x) => x.state === 'submitted' || x.state === 'watch',
    );
    if (waiting.length === 0) {
      return c.correction
        ? {
            code: 'CORRECTION_NOTHING_SUBMITTED',
            quiet: true,
            text: {
              zh: '暂无已报送待核实的整改事项。',
              en: 'No correction action is waiting to be verified.',
            },
          }
        : null;
    }
    return waiting.every((x) => x.submittedBy === a.userId)
      ? {
          code: 'CORRECTION_OWN_SUBMISSION',
          text: {
            zh: '整改情况须由报送人以外的人员核实。',
            en: 'A correction action is verified by someone other than the person who submitted it.',
          },
        }
      : null;
  },
);

/** The correction is closed and its effectiveness review has fallen due. */
export const correctionReviewDue = condition(
  (c) => c.correction?.state === 'awaiting_review' && c.correction.reviewDue,
  (c) => {
    const k = c.correction;
    if (!k || k.state !== 'awaiting_review' || k.reviewDueOn === null) return null;
    const d = writtenDate(k.reviewDueOn);
    return {
      code: 'CORRECTION_REVIEW_NOT_DUE',
      date: k.reviewDueOn,
      text: {
        zh: `整改成效评估于${d.zh}起进行。`,
        en: `The effectiveness review is due from ${d.en}.`,
      },
    };
  },
);
