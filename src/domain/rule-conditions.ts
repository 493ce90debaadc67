/**
 * The named conditions of the declarative rules (policies.ts): each a predicate that, when it does
 * not hold, says why — a stable code, the reason in zh and en in the register of official
 * documents, and the date it becomes possible (or ceased to be) where the case's dates say. The
 * action box shows the reason beside the disabled action; a refused request (409) carries it.
 * Windows count from the notification (cases.notified_on) on the jurisdiction's calendar
 * (record.ts, challengeWindowsOf); here they are read as the subject gives them. No I/O.
 */
import type { I18nText } from '../policy/model.js';
import { writtenDate } from '../shared/time.js';
import type { Actor } from './roles.js';
import type { CaseSubject } from './policies.js';

/**
 * Why an action waits: a stable code, a zh/en text where the rule gives one (otherwise the
 * catalogue's message for the code applies), and the date it becomes possible when the case's
 * dates say.
 */
export interface Reason {
  readonly code: string;
  readonly text?: I18nText;
  readonly date?: string;
  /**
   * Nothing to do here rather than not yet (no publicity required, nothing to resume): the action
   * box leaves the action out, while a refusal of the action still says why.
   */
  readonly quiet?: boolean;
}

/**
 * A named condition of a rule: a predicate that says, when it does not hold, why — or null when
 * the action then simply does not apply (nothing to resume), so it is no task at all. Written
 * where a rule's `when` is, and read by `refusal` as any predicate; `actionStatuses` asks it `why`.
 */
export interface Condition {
  (c: CaseSubject, a: Actor): boolean;
  readonly why: (c: CaseSubject, a: Actor) => Reason | null;
}

/** A condition from its predicate and its reason. */
export function condition(
  test: (c: CaseSubject, a: Actor) => boolean,
  why: Reason | null | ((c: CaseSubject, a: Actor) => Reason | null),
): Condition {
  const f = (c: CaseSubject, a: Actor) => test(c, a);
  return Object.assign(f, { why: typeof why === 'function' ? why : () => why });
}

/** Every condition holds; the first that does not gives the reason. */
export function all(...conditions: readonly Condition[]): Condition {
  return condition(
    (c, a) => conditions.every((k) => k(c, a)),
    (c, a) => conditions.find((k) => !k(c, a))!.why(c, a),
  );
}

export function isCondition(f: unknown): f is Condition {
  return typeof f === 'function' && typeof (f as Partial<Condition>).why === 'function';
}

/** The day after an ISO date. */
function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export const notSuspended = condition((c) => !c.suspended, {
  code: 'CASE_SUSPENDED',
  text: {
    zh: '本案已中止办理，恢复办理后方可进行此项操作。',
    en: 'The case is suspended; this can be done once it is resumed.',
  },
});

/** Suspended; otherwise there is nothing to resume, and resuming is no task. */
export const isSuspended = condition((c) => c.suspended, {
  code: 'CASE_NOT_SUSPENDED',
  quiet: true,
  text: {
    zh: '本案未中止办理，无需恢复。',
    en: 'The case is not suspended; there is nothing to resume.',
  },
});

/** The review and appeal window has run out (a case is closed only then). */
export const challengeWindowOver = condition(
  (c) => !c.challengeWindowOpen,
  (c) => {
    const ends = c.challengeWindowEnds;
    if (!ends) {
      return {
        code: 'CASE_CHALLENGE_WINDOW_OPEN',
        text: {
          zh: '复核、申诉期限尚未届满，届满后方可办结。',
          en: 'The review and appeal window is still open; the case can be closed once it has run out.',
        },
      };
    }
    const end = writtenDate(ends);
    const from = dayAfter(ends);
    const next = writtenDate(from);
    return {
      code: 'CASE_CHALLENGE_WINDOW_OPEN',
      date: from,
      text: {
        zh: `复核、申诉期限至${end.zh}届满，可于${next.zh}起办结。`,
        en: `The review and appeal window runs until ${end.en}; the case can be closed from ${next.en}.`,
      },
    };
  },
);

/** Filed upward, where the measure requires it. */
export const filedUpwardIfRequired = condition((c) => !c.requires.filingUpward || c.filedUpward, {
  code: 'CASE_NOT_FILED_UPWARD',
  text: {
    zh: '本案适用的办法要求报上级备案，备案后方可办结。',
    en: 'The measure that governs the case requires filing with the higher level; close the case once it is filed.',
  },
});

/** The measure requires filing upward and the determination in force is not filed yet. */
export const filingDue = condition((c) => c.requires.filingUpward && !c.filedUpward, {
  code: 'CASE_FILING_NOT_DUE',
  text: {
    zh: '本案适用的办法不要求报上级备案，或该认定已报备；同一认定不重复报备。',
    en: 'The measure that governs the case does not require filing upward, or the determination has already been filed; a determination is filed once.',
  },
});

const memberOf = (c: CaseSubject, a: Actor) => c.members.find((m) => m.userId === a.userId);
/** The members who sit: neither conflicted nor recused. */
const sitting = (c: CaseSubject) => c.members.filter((m) => m.conflict === null && !m.recused);

/** The member has not voted yet: each votes once (vote.ts). */
export const notYetVoted = condition((c, a) => !memberOf(c, a)?.voted, {
  code: 'CASE_ALREADY_VOTED',
  text: {
    zh: '您已就本案表决。研究成员每人表决一次，表决情况已记入研究记录。',
    en: 'You have already voted on this case. Each member of the panel votes once; the vote is in the record of the deliberation.',
  },
});

/** At least one member has voted (the decision needs their majority: decide.ts). */
export const votesCast = condition(
  (c) => c.members.some((m) => m.voted),
  (c) => ({
    code: 'CASE_NO_VOTES',
    text: {
      zh: `研究成员尚未表决（应参加表决${sitting(c).length}人）。成员表决后方可作出认定，认定结果须经参加表决成员过半数同意。`,
      en: `No member of the panel has voted yet (${sitting(c).length} to vote). The determination is made once they have voted, and needs a majority of the members sitting.`,
    },
  }),
);

/** The measure requires publicity; otherwise there is nothing to publicize, and it is no task. */
export const publicityRequired = condition((c) => c.requires.publicity, {
  code: 'CASE_PUBLICITY_NOT_REQUIRED',
  quiet: true,
  text: {
    zh: '本案适用的办法不要求公示。',
    en: 'The measure that governs the case does not require publicity.',
  },
});

/** The determination in force has not been publicized yet (cases.publicity_ended_on). */
export const notYetPublicized = condition((c) => !c.publicityDone, {
  code: 'CASE_ALREADY_PUBLICIZED',
  text: {
    zh: '该认定已经公示完毕；同一认定不重复公示。',
    en: 'The determination has already been publicized; a determination is publicized once.',
  },
});

/** The publicity period has run out (its last day is the step's due date: start-publicity.ts). */
export const publicityPeriodOver = condition(
  (c) => !c.stepDueOn || c.stepRunOut === true,
  (c) => {
    const end = writtenDate(c.stepDueOn!);
    const from = dayAfter(c.stepDueOn!);
    const next = writtenDate(from);
    return {
      code: 'CASE_PUBLICITY_RUNNING',
      date: from,
      text: {
        zh: `公示期至${end.zh}届满，可于${next.zh}起结束公示。`,
        en: `The publicity period runs until ${end.en}; it can be ended from ${next.en}.`,
      },
    };
  },
);

type Kind = 'review' | 'appeal';
const KIND = {
  review: { zh: '复核', en: 'review', ask: 'ask for review' },
  appeal: { zh: '申诉', en: 'appeal', ask: 'appeal' },
} as const;

/** Whether a kind's window is open now (the subject's per-kind flag, else the general one). */
function windowOpen(c: CaseSubject, kind: Kind): boolean {
  return c.windows?.[kind] ?? c.challengeWindowOpen;
}

/** The last day of a kind's window, or null where the measure provides none (or not notified). */
function windowEnd(c: CaseSubject, kind: Kind): string | null {
  return c.windowEnds ? c.windowEnds[kind] : (c.challengeWindowEnds ?? null);
}

/** "The appeal window runs until …" when it is open, for the reasons that point to an appeal. */
function appealRoute(c: CaseSubject): I18nText {
  const end = windowEnd(c, 'appeal');
  if (end && windowOpen(c, 'appeal')) {
    const d = writtenDate(end);
    return {
      zh: `对其不服的，可以在申诉期限内（至${d.zh}届满）向上一级提出申诉。`,
      en: `If you disagree with it, you may appeal to the level above within the appeal window, which runs until ${d.en}.`,
    };
  }
  if (end) {
    const d = writtenDate(end);
    return {
      zh: `申诉期限已于${d.zh}届满。`,
      en: `The appeal window ran out on ${d.en}.`,
    };
  }
  return { zh: '', en: '' };
}

/** Why a window is not open: not yet notified, none provided, or run out (with its last day). */
function windowReason(kind: Kind) {
  const k = KIND[kind];
  const code = `CASE_${kind.toUpperCase()}`;
  return (c: CaseSubject): Reason => {
    const end = windowEnd(c, kind);
    if (c.notifiedOn === null || (end === null && c.notifiedOn === undefined)) {
      return {
        code: `${code}_WINDOW_NOT_OPEN`,
        text: {
          zh: `${k.zh}期限自认定送达之日起计算；本案认定尚未送达，送达后方可提出${k.zh}。`,
          en: `The time to ${k.ask} counts from the day the determination is delivered; it has not been delivered yet.`,
        },
      };
    }
    if (end === null) {
      return {
        code: `${code}_NOT_PROVIDED`,
        text: {
          zh: `本案适用的办法未规定${k.zh}程序。`,
          en: `The measure that governs the case provides no ${k.en}.`,
        },
      };
    }
    const d = writtenDate(end);
    const then = kind === 'review' ? appealRoute(c) : { zh: '', en: '' };
    return {
      code: `${code}_WINDOW_CLOSED`,
      date: end,
      text: {
        zh: `${k.zh}期限已于${d.zh}届满，不能再提出${k.zh}。${then.zh}`,
        en: `The time to ${k.ask} ran out on ${d.en}.${then.en ? ` ${then.en}` : ''}`,
      },
    };
  };
}

/** The review window is open (cases.notified_on + the pack's review.applyWithin). */
export const reviewWindowOpen = condition((c) => windowOpen(c, 'review'), windowReason('review'));

/** The appeal window is open (cases.notified_on + the pack's appeal.applyWithin). */
export const appealWindowOpen = condition((c) => windowOpen(c, 'appeal'), windowReason('appeal'));

/**
 * The determination in force has not been reviewed, nor made on review or appeal
 * (cases.reviewed_on): it is reviewed once, and an appeal to the level above is the route.
 */
export const notYetReviewed = condition(
  (c) => c.reviewed !== true,
  (c) => {
    const route = appealRoute(c);
    return {
      code: 'CASE_ALREADY_REVIEWED',
      text: {
        zh: `该认定已经复核，或系复核、申诉决定，不再复核。${route.zh}`,
        en: `The determination has already been reviewed, or was made on review or appeal, and is not reviewed again.${route.en ? ` ${route.en}` : ''}`,
      },
    };
  },
);

/** The pack has reviews decided by the panel's vote; otherwise there is no vote to cast. */
export const reviewByVote = condition((c) => c.requires.collectiveReview === true, {
  code: 'CASE_REVIEW_NOT_COLLECTIVE',
  quiet: true,
  text: {
    zh: '本案适用的办法未规定复核由集体表决，复核由原认定机构负责人决定。',
    en: 'The measure that governs the case does not have reviews decided by vote; the chair of the body that decided decides the review.',
  },
});

/** The member has not voted on the review yet: each votes once (vote-review.ts). */
export const notYetVotedOnReview = condition((c, a) => !memberOf(c, a)?.reviewVoted, {
  code: 'CASE_ALREADY_VOTED_REVIEW',
  text: {
    zh: '您已就本案的复核表决。研究成员每人表决一次。',
    en: 'You have already voted on the review of this case. Each member votes once.',
  },
});

/** Reviews decided collectively: at least one vote on the review first (decide-challenge.ts). */
export const reviewVotesCast = condition(
  (c) => c.requires.collectiveReview !== true || c.members.some((m) => m.reviewVoted),
  (c) => ({
    code: 'CASE_REVIEW_VOTES_MISSING',
    text: {
      zh: `本案适用的办法规定复核由集体研究决定，研究成员尚未对复核表决（应参加表决${sitting(c).length}人）。成员表决后方可作出复核决定，决定须经参加表决成员过半数同意。`,
      en: `The measure that governs the case has reviews decided collectively, and no member of the panel has voted on the review yet (${sitting(c).length} to vote). The review is decided once they have voted, and needs a majority of the members sitting.`,
    },
  }),
);

/**
 * Follow-up visits (回访): the case's visit as the rules see it (policies.ts, CaseSubject.followUp,
 * loaded by src/app/visits/ only). Where it is not loaded, none of these holds and none is a task:
 * visits are drawn, recorded and reported on the 回访 screen, not from a case's action box.
 */
const NO_VISIT_HERE = {
  code: 'VISIT_NOT_DUE',
  quiet: true,
  text: {
    zh: '本案当事人不在影响期内或未被抽取回访，无需办理回访事项。',
    en: 'The official of this case is not in an impact period or was not drawn for a visit; there is no visit to handle.',
  },
} as const;

/** The determination in force has an impact period running and the case was not drawn before. */
export const drawableForVisit = condition(
  (c) => c.followUp?.inImpactPeriod === true && c.followUp.visit === null,
  (c) =>
    c.followUp?.visit
      ? {
          code: 'VISIT_ALREADY_DRAWN',
          text: {
            zh: '本案当事人已被抽取回访，不再重复抽取。',
            en: 'The official of this case has already been drawn for a visit and is not drawn again.',
          },
        }
      : NO_VISIT_HERE,
);

/** A visit is scheduled on the case and its result not yet recorded. */
export const visitScheduled = condition(
  (c) => c.followUp?.visit === 'scheduled',
  (c) =>
    c.followUp?.visit === 'done' || c.followUp?.visit === 'reported'
      ? {
          code: 'VISIT_ALREADY_RECORDED',
          text: {
            zh: '本案回访结果已经记录，不再重复记录。',
            en: 'The result of this visit has already been recorded.',
          },
        }
      : NO_VISIT_HERE,
);

/** The visit's result is recorded and not yet sent to the organization department. */
export const visitToReport = condition(
  (c) => c.followUp?.visit === 'done',
  (c) =>
    c.followUp?.visit === 'scheduled'
      ? {
          code: 'VISIT_NOT_RECORDED',
          text: {
            zh: '回访结果尚未记录，记录后方可报送组织部门。',
            en: 'The visit’s result is not recorded yet; it is sent to the organization department once recorded.',
          },
        }
      : c.followUp?.visit === 'reported'
        ? {
            code: 'VISIT_ALREADY_REPORTED',
            text: {
              zh: '本案回访结果已报送组织部门。',
              en: 'The result of this visit has already been sent to the organization department.',
            },
          }
        : NO_VISIT_HERE,
);
