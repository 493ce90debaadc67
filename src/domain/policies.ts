/**
 * Declarative permissions: who may do what to a case, by role, by organizational scope and by the
 * case's state. One rule per action; `can` answers, `authorize` asserts, `abilities` lists what an
 * actor may do so that the UI shows only permitted actions. No I/O.
 */
import { DETERMINED_STATES } from '../shared/case.js';
import { CASE_STAFF_ROLES } from '../shared/roles.js';
import { writtenDate } from '../shared/time.js';
import type { CaseState } from './case-states.js';
import {
  all,
  condition,
  appealWindowOpen,
  drawableForVisit,
  visitScheduled,
  visitToReport,
  challengeWindowOver,
  filedUpwardIfRequired,
  filingDue,
  isCondition,
  isSuspended,
  notSuspended,
  notYetPublicized,
  publicityPeriodOver,
  notYetReviewed,
  notYetVoted,
  notYetVotedOnReview,
  publicityRequired,
  reviewByVote,
  reviewVotesCast,
  reviewWindowOpen,
  votesCast,
  type Condition,
  type Reason,
} from './rule-conditions.js';
import { CASE_STATES, STATE_LABEL, TERMINAL } from './case-states.js';
import type { I18nText } from '../policy/model.js';
import { within, type Actor, type Role } from './roles.js';
import {
  correctionInProgress,
  correctionReviewDue,
  noCorrectionYet,
  ownActionOpen,
  ownsAnyAction,
  verificationAwaited,
  type CorrectionSubject,
} from './correction-conditions.js';
import {
  clearable,
  falseAccusationToRefer,
  noticeDue,
  publicityUndecided,
  type ClearingSubject,
} from './clearing-conditions.js';
import {
  matterLinked,
  notARequiredCheck,
  notYetReferred,
  type MatterSubject,
} from './matter-conditions.js';

export { all, condition, type Condition, type Reason } from './rule-conditions.js';
export { writtenDate };

/** What the permission rules need to know about a case. */
export interface CaseSubject {
  readonly state: CaseState;
  readonly jurisdictionPath: string;
  readonly unitPath: string;
  readonly officialId: string;
  readonly applicantUserId: string | null;
  /** The deliberation members, with their declared conflicts and recusals. */
  readonly members: readonly {
    userId: string;
    conflict: string | null;
    recused: boolean;
    voted: boolean;
    /** Voted on the review, when the pack has reviews decided collectively (default false). */
    reviewVoted?: boolean;
  }[];
  /** Whether the pack bound to the case requires consultation / publicity / filing upward. */
  readonly requires: {
    consultation: boolean;
    publicity: boolean;
    filingUpward: boolean;
    /** A review is decided by the panel's vote (the pack's review.collective; default false). */
    collectiveReview?: boolean;
    /**
     * The case is the tolerance check opened ex officio on an accountability matter and the pack
     * requires that check (procedure.exOfficio.required): it is not withdrawn. Default false.
     */
    exOfficioCheck?: boolean;
  };
  /** Whether the review / appeal window is still open (computed from the determination date). */
  readonly challengeWindowOpen: boolean;
  /**
   * The last day of the review / appeal window, once the decision in force is notified: only the
   * reasons' dates read it (the rules read challengeWindowOpen). Absent where not computed.
   */
  readonly challengeWindowEnds?: string | null;
  /**
   * Each window on its own, counted from the notification (cases.notified_on) by the pack's
   * review.applyWithin and appeal.applyWithin; absent, both follow challengeWindowOpen.
   */
  readonly windows?: { readonly review: boolean; readonly appeal: boolean };
  /**
   * The last day of each window (the same counting as `windows`), for the reasons' dates only;
   * null where the measure provides none. Absent: both follow challengeWindowEnds.
   */
  readonly windowEnds?: { readonly review: string | null; readonly appeal: string | null };
  /** The day the decision in force was notified (cases.notified_on); null before. */
  readonly notifiedOn?: string | null;
  /** The due date of the current step (cases.step_due_on), for the next step's reason. */
  readonly stepDueOn?: string | null;
  /** The current step's due date has passed (today is after step_due_on); default false. */
  readonly stepRunOut?: boolean;
  /**
   * The determination in force was reviewed, or decided on review or appeal (cases.reviewed_on):
   * it is not reviewed again; an appeal to the level above is the route. Default false.
   */
  readonly reviewed?: boolean;
  /** The determination in force has been filed upward (cases.filed_upward_on). */
  readonly filedUpward: boolean;
  /** The publicity of the determination in force has been completed (cases.publicity_ended_on). */
  readonly publicityDone: boolean;
  readonly suspended: boolean;
  /**
   * The departments asked for an opinion (record.ts, `withConsultations`): whether each answered
   * and whether it has a user of its own who answers it (a `consultee` over the case). Loaded
   * only where a rule reads it — the consultation's actions, and a consulted department's reads;
   * absent, no consultation rule holds.
   */
  readonly consultations?: readonly ConsultationSubject[];
  /**
   * The case's correction (纠错) with its actions (record.ts, `withCorrection`): loaded once the
   * case has a determination; null when none has been issued; absent before a determination.
   */
  readonly correction?: CorrectionSubject | null;
  /**
   * Follow-up visits (回访): whether the impact period of the determination in force is running,
   * and the case's visit — null when not drawn; 'done' when recorded, 'reported' when sent to the
   * organization department. Loaded only by src/app/visits/; absent, no visit rule holds.
   */
  readonly followUp?: {
    readonly inImpactPeriod: boolean;
    readonly visit: 'scheduled' | 'done' | 'reported' | null;
  };
  /**
   * The name clearing (澄清正名): whether the determination in force clears the official, and the
   * case's clearing (src/app/clearings/subject.ts). Loaded by the clearing use cases and the case
   * view once the case is determined; absent, no clearing rule holds.
   */
  readonly clearing?: ClearingSubject;
  /**
   * The accountability matter the case was opened on (问责衔接): null when it has none (an
   * application). Loaded by src/app/matters/ and the case view; absent, no linkage rule holds.
   */
  readonly matter?: MatterSubject | null;
}

/** A consultation as the rules see it. */
export interface ConsultationSubject {
  readonly department: string;
  readonly answered: boolean;
  /** The department has a user who answers for it on this case. */
  readonly staffed: boolean;
}

export const CASE_ACTIONS = [
  'read',
  'accept',
  'refuse',
  'withdraw',
  'recordFact',
  'addEvidence',
  'recordStatement',
  'assess',
  'completeVerification',
  'requestConsultation',
  'recordOpinion',
  'answerConsultation',
  'completeConsultation',
  'addMember',
  'declareConflict',
  'vote',
  'decide',
  'notify',
  'startPublicity',
  'endPublicity',
  'fileUpward',
  'requestReview',
  'requestAppeal',
  'decideReview',
  'decideAppeal',
  'voteReview',
  'close',
  'suspend',
  'resume',
  'requestExtension',
  'decideExtension',
  'issueDocument',
  'issueCorrection',
  'addCorrectionActions',
  'submitCorrection',
  'verifyCorrection',
  'reviewCorrection',
  'recordTalk',
  'drawVisit',
  'recordVisit',
  'reportVisit',
  'recordClearing',
  'issueClearingNotice',
  'publicizeClearing',
  'closeClearing',
  'referAccuser',
  'recordCircumstances',
  'recordReferral',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Case officers and overseers: they read the cases in their scope. */
export const STAFF: readonly Role[] = CASE_STAFF_ROLES;

/**
 * Who opens a case ex officio on an accountability matter, or a joint matter of several officials
 * (src/app/joint/open.ts): intake or an investigator of the jurisdiction that decides it, or above.
 */
export const EX_OFFICIO_OPENERS: readonly Role[] = ['intake', 'investigator'];

export function mayOpenExOfficio(actor: Actor, jurisdictionPath: string): boolean {
  return actor.grants.some(
    (g) =>
      EX_OFFICIO_OPENERS.includes(g.role) &&
      g.scopeKind === 'jurisdiction' &&
      within(jurisdictionPath, g.scopePath),
  );
}

/** The actor holds one of `roles` over a scope that contains the case. */
export function inScope(actor: Actor, roles: readonly Role[], c: CaseSubject): boolean {
  return actor.grants.some(
    (g) =>
      roles.includes(g.role) &&
      ((g.scopeKind === 'jurisdiction' && within(c.jurisdictionPath, g.scopePath)) ||
        (g.scopeKind === 'unit' && within(c.unitPath, g.scopePath))),
  );
}

/** The actor holds one of `roles` at a level strictly above the case's jurisdiction (for appeals). */
export function aboveScope(actor: Actor, roles: readonly Role[], c: CaseSubject): boolean {
  return actor.grants.some(
    (g) =>
      roles.includes(g.role) &&
      g.scopeKind === 'jurisdiction' &&
      within(c.jurisdictionPath, g.scopePath) &&
      g.scopePath !== c.jurisdictionPath,
  );
}

/** The actor holds one of `roles` over exactly the case's jurisdiction (the deciding body). */
export function sameScope(actor: Actor, roles: readonly Role[], c: CaseSubject): boolean {
  return actor.grants.some(
    (g) =>
      roles.includes(g.role) &&
      g.scopeKind === 'jurisdiction' &&
      g.scopePath === c.jurisdictionPath,
  );
}

/** The official concerned, or whoever applied for them: a party to the case. */
export function isParty(actor: Actor, c: CaseSubject): boolean {
  return (
    (actor.officialId !== null && actor.officialId === c.officialId) ||
    actor.userId === c.applicantUserId
  );
}

function member(actor: Actor, c: CaseSubject) {
  return c.members.find((m) => m.userId === actor.userId);
}

/** May sit in judgment: not a party, no declared conflict, not recused. */
export function unconflicted(actor: Actor, c: CaseSubject): boolean {
  const m = member(actor, c);
  return !isParty(actor, c) && !(m && (m.conflict !== null || m.recused));
}

/** Why an action is refused, most basic first. */
export type Refusal =
  | 'CASE_ROLE_REQUIRED' // the actor holds none of the roles the action needs
  | 'CASE_OUT_OF_SCOPE' // holds the role, but not over this case
  | 'CASE_PARTY' // a party to the case may not act on it in this capacity
  | 'CASE_CONFLICTED' // declared a conflict or recused
  | 'CASE_WRONG_STATE' // the case is not in a state that allows the action
  | 'CASE_PRECONDITION'; // the state is right but a condition is not met (window closed, suspended…)

/**
 * A rule: who may act (roles over a scope containing the case, a scope above it, the parties, or
 * the deliberation members), in which states, under which further conditions.
 */
interface ActionRule {
  /** `owner`: whoever answers for an action of the case's correction (correction-conditions.ts). */
  readonly who: 'party' | 'member' | 'owner' | readonly Role[];
  /**
   * For role rules: the scope must contain the case ('case'), be strictly above it ('above'), or
   * be the case's own jurisdiction ('same': the body that decided it).
   */
  readonly scope?: 'case' | 'above' | 'same';
  readonly states: readonly CaseState[] | 'open';
  /**
   * A further condition, always a named `Condition` (`condition(test, why)`, `all(…)`, in
   * rule-conditions.ts): it says why it does not hold, and from or until when.
   */
  readonly when?: Condition;
  /** The actor may not be a party (default true for role rules). */
  readonly notParty?: boolean;
  /** The actor must have no declared conflict and not be recused. */
  readonly impartial?: boolean;
  /** A more specific message for a refusal of this action, where the generic one says too little. */
  readonly messages?: Partial<Record<Refusal, I18nText>>;
}

const OPEN = 'open' as const;

/** Once a determination has been made: correction runs beside the rest, and after closing. */
const DETERMINED = DETERMINED_STATES;
/** The determination is notified and stands: an impact period may run (follow-up visits). */
const AFTER_DETERMINATION: readonly CaseState[] = ['notified', 'publicity', 'filed', 'closed'];

/**
 * Who would decide an appeal of the case: a committee chair of a jurisdiction strictly above it
 * (decideAppeal). They do not sit on the panel that decides it first (panel candidates, addMember):
 * no one hears the appeal of a decision they took part in.
 */
export function wouldDecideAppeal(
  grants: readonly {
    readonly role: string;
    readonly scopeKind: string;
    readonly scopePath: string;
  }[],
  c: Pick<CaseSubject, 'jurisdictionPath'>,
): boolean {
  return grants.some(
    (g) =>
      g.role === 'committee_chair' &&
      g.scopeKind === 'jurisdiction' &&
      within(c.jurisdictionPath, g.scopePath) &&
      g.scopePath !== c.jurisdictionPath,
  );
}

/** The actor's department was asked on this case and has not answered yet. */
const ownDepartmentWaiting = condition(
  (c, a) => ownConsultations(c, a).some((x) => !x.answered),
  (c, a) =>
    ownConsultations(c, a).length === 0
      ? null
      : {
          code: 'CONSULTATION_ANSWERED',
          text: {
            zh: '本部门已对本案的会商请求作出答复；如需补充意见，请商核实人员重新发起会商。',
            en: 'Your department has answered the consultation on this case; for a further opinion, ask the investigator to request a new consultation.',
          },
        },
);

/**
 * A department still to answer has no user of its own: only then may the investigator transcribe
 * its written reply. A department with users signs its opinion itself.
 */
const paperReplyAwaited = condition(
  (c) => (c.consultations ?? []).some((x) => !x.answered && !x.staffed),
  (c) =>
    (c.consultations ?? []).some((x) => !x.answered)
      ? {
          code: 'CONSULTATION_DEPARTMENT_SIGNS',
          text: {
            zh: '尚未答复的部门均有本系统经办人员，会商意见由该部门自行签署，核实人员不代为录入。',
            en: 'Every department still to answer has its own users in the system: they sign their opinion themselves; the investigator does not record it for them.',
          },
        }
      : null,
);

/** One rule per action. Read them as the procedure's allocation of powers. */
export const CASE_RULES: Readonly<Record<Exclude<CaseAction, 'read' | 'addEvidence'>, ActionRule>> =
  {
    accept: { who: ['intake'], states: ['submitted'] },
    refuse: { who: ['intake'], states: ['submitted'] },
    withdraw: { who: 'party', states: ['submitted', 'verification'], when: notARequiredCheck },
    recordFact: { who: ['investigator'], states: ['verification'] },
    recordStatement: { who: 'party', states: ['submitted', 'verification'] },
    assess: { who: ['investigator'], states: ['verification'] },
    completeVerification: { who: ['investigator'], states: ['verification'], when: notSuspended },
    requestConsultation: { who: ['investigator'], states: ['verification', 'consultation'] },
    // The investigator transcribes a written reply, only of a department with no user here.
    recordOpinion: { who: ['investigator'], states: ['consultation'], when: paperReplyAwaited },
    // A consulted department's officer answers their department's request.
    answerConsultation: {
      who: ['consultee'],
      states: ['consultation'],
      when: ownDepartmentWaiting,
    },
    completeConsultation: { who: ['investigator'], states: ['consultation'], when: notSuspended },
    addMember: { who: ['committee_chair'], states: ['deliberation'], impartial: true },
    declareConflict: { who: 'member', states: ['deliberation'] },
    vote: {
      who: 'member',
      states: ['deliberation'],
      impartial: true,
      when: notYetVoted,
    },
    decide: {
      who: ['committee_chair'],
      states: ['deliberation'],
      impartial: true,
      when: all(notSuspended, votesCast),
    },
    notify: { who: ['intake', 'committee_chair'], states: ['determined'] },
    startPublicity: {
      who: ['org_liaison'],
      states: ['notified'],
      when: all(publicityRequired, notYetPublicized),
    },
    endPublicity: {
      who: ['org_liaison'],
      states: ['publicity'],
      when: all(notSuspended, publicityPeriodOver),
    },
    fileUpward: {
      who: ['org_liaison'],
      states: ['notified', 'publicity'],
      when: filingDue,
    },
    requestReview: {
      who: 'party',
      states: ['notified', 'publicity', 'filed'],
      when: all(notYetReviewed, reviewWindowOpen),
    },
    requestAppeal: {
      who: 'party',
      states: ['notified', 'publicity', 'filed'],
      when: appealWindowOpen,
    },
    decideReview: {
      who: ['committee_chair'],
      scope: 'same',
      states: ['under_review'],
      impartial: true,
      // Decided collectively: at least one vote on the review first (the majority is checked
      // when deciding, decide-challenge.ts).
      when: reviewVotesCast,
      messages: {
        CASE_OUT_OF_SCOPE: {
          zh: '复核由作出认定的同一机构决定；上级机构负责人请通过申诉程序处理。',
          en: 'A review is decided by the body that made the determination; a higher-level chair decides appeals instead.',
        },
      },
    },
    voteReview: {
      who: 'member',
      states: ['under_review'],
      impartial: true,
      when: all(reviewByVote, notYetVotedOnReview),
    },
    decideAppeal: {
      who: ['committee_chair'],
      scope: 'above',
      states: ['under_appeal'],
      impartial: true,
    },
    close: {
      who: ['intake', 'org_liaison'],
      states: ['notified', 'publicity', 'filed'],
      when: all(challengeWindowOver, filedUpwardIfRequired),
    },
    suspend: { who: ['intake', 'investigator'], states: OPEN, when: notSuspended },
    resume: { who: ['intake', 'investigator'], states: OPEN, when: isSuspended },
    requestExtension: { who: ['intake', 'investigator'], states: OPEN },
    decideExtension: { who: ['committee_chair'], states: OPEN, impartial: true },
    // Issuing an official document of the case (公文): which type each role issues, and whether it
    // is due, is checked by src/app/cases/issue-document.ts.
    issueDocument: {
      who: ['intake', 'committee_chair', 'org_liaison'],
      states: [
        'refused',
        'verification',
        'consultation',
        'deliberation',
        'determined',
        'notified',
        'publicity',
        'filed',
        'under_review',
        'under_appeal',
        'closed',
      ],
    },
    // Correction (纠错, src/app/corrections/): the deciding body issues the opinion and reviews
    // its effectiveness; the organization department (org_liaison) or the chair adds actions and
    // verifies what the owners submit; talks are recorded by either.
    issueCorrection: {
      who: ['committee_chair'],
      scope: 'same',
      states: DETERMINED,
      impartial: true,
      when: noCorrectionYet,
    },
    addCorrectionActions: {
      who: ['committee_chair', 'org_liaison'],
      states: DETERMINED,
      when: correctionInProgress,
    },
    submitCorrection: { who: 'owner', states: DETERMINED, when: ownActionOpen },
    verifyCorrection: {
      who: ['org_liaison', 'committee_chair'],
      states: DETERMINED,
      impartial: true,
      when: verificationAwaited,
    },
    reviewCorrection: {
      who: ['committee_chair'],
      scope: 'same',
      states: DETERMINED,
      impartial: true,
      when: correctionReviewDue,
    },
    recordTalk: { who: ['org_liaison', 'committee_chair'], states: DETERMINED },
    // Follow-up visits (回访) of officials in an impact period, by the organization department's
    // liaison (src/app/visits/): drawing the case into a sample, recording the visit, sending the
    // result to the organization department. Committee chairs read them (visits/scope.ts).
    drawVisit: { who: ['org_liaison'], states: AFTER_DETERMINATION, when: drawableForVisit },
    recordVisit: { who: ['org_liaison'], states: AFTER_DETERMINATION, when: visitScheduled },
    reportVisit: { who: ['org_liaison'], states: AFTER_DETERMINATION, when: visitToReport },
    // Name clearing (澄清正名, src/app/clearings/), as an organization department and the deciding
    // body share it: the organization department's liaison, who keeps the official's record, or
    // the chair records the clearing once the determination clears the official; the notice
    // (澄清正名通报) is a document of the deciding body, issued in its name and number by its own
    // chair (not from above, not a conflicted chair), once the determination is notified and not
    // under review or appeal; making it public, with the official's written consent, or closing it
    // without publicity is the liaison's, who runs the determination's publicity too (or the
    // chair's); referring a false accusation on is the deciding body's act, by its chair.
    recordClearing: {
      who: ['org_liaison', 'committee_chair'],
      states: DETERMINED,
      when: clearable,
    },
    issueClearingNotice: {
      who: ['committee_chair'],
      scope: 'same',
      states: AFTER_DETERMINATION,
      impartial: true,
      when: noticeDue,
    },
    publicizeClearing: {
      who: ['org_liaison', 'committee_chair'],
      states: AFTER_DETERMINATION,
      when: publicityUndecided,
    },
    closeClearing: {
      who: ['org_liaison', 'committee_chair'],
      states: AFTER_DETERMINATION,
      when: publicityUndecided,
    },
    referAccuser: {
      who: ['committee_chair'],
      scope: 'same',
      states: DETERMINED,
      impartial: true,
      when: falseAccusationToRefer,
    },
    // Accountability linkage (问责衔接, src/app/matters/): the intake officer or investigator who
    // holds the matter records its circumstances and its criminal referral (移送), at any stage —
    // a referral may follow the determination. Auditors read them with the case.
    recordCircumstances: {
      who: ['intake', 'investigator'],
      states: CASE_STATES,
      when: matterLinked,
    },
    recordReferral: {
      who: ['intake', 'investigator'],
      states: CASE_STATES,
      when: all(matterLinked, notYetReferred),
    },
  };

const EVIDENCE_BY_PARTY: ActionRule = { who: 'party', states: ['submitted', 'verification'] };
/**
 * Whether the actor answers for `department` on the case: a `consultee` grant for that department
 * over a jurisdiction containing the case.
 */
export function answersFor(
  actor: Actor,
  department: string,
  c: Pick<CaseSubject, 'jurisdictionPath'>,
): boolean {
  return actor.grants.some(
    (g) =>
      g.role === 'consultee' &&
      g.department === department &&
      g.scopeKind === 'jurisdiction' &&
      within(c.jurisdictionPath, g.scopePath),
  );
}

/** The case's consultations the actor answers for. */
function ownConsultations(c: CaseSubject, a: Actor): readonly ConsultationSubject[] {
  return (c.consultations ?? []).filter((x) => answersFor(a, x.department, c));
}

/**
 * A consulted department's officer reads the cases their department was asked about (in a limited
 * view, case-view.ts), not being a party to it.
 */
export function consulted(actor: Actor, c: CaseSubject): boolean {
  return ownConsultations(c, actor).length > 0 && !isParty(actor, c);
}

const EVIDENCE_BY_INVESTIGATOR: ActionRule = {
  who: ['investigator'],
  states: ['verification', 'consultation'],
};

/** Why `actor` may not take `action` on `c` now, or null when they may. */
export function refusal(actor: Actor, action: CaseAction, c: CaseSubject): Refusal | null {
  if (action === 'read') {
    const ok =
      isParty(actor, c) ||
      inScope(actor, STAFF, c) ||
      inScope(actor, ['unit_party'], c) ||
      aboveScope(actor, ['committee_chair'], c) ||
      consulted(actor, c) ||
      ownsAnyAction(actor, c);
    return ok ? null : 'CASE_OUT_OF_SCOPE';
  }
  if (action === 'addEvidence') {
    // The parties while the facts are open; investigators during verification and consultation.
    const asParty = checkRule(actor, EVIDENCE_BY_PARTY, c);
    if (asParty === null) return null;
    const asInvestigator = checkRule(actor, EVIDENCE_BY_INVESTIGATOR, c);
    return asInvestigator === null ? null : isParty(actor, c) ? asParty : asInvestigator;
  }
  return checkRule(actor, CASE_RULES[action], c);
}

/** The rule that governs `action` for `actor` (evidence: the parties' or the investigators'). */
function ruleOf(actor: Actor, action: Exclude<CaseAction, 'read'>, c: CaseSubject): ActionRule {
  if (action !== 'addEvidence') return CASE_RULES[action];
  return isParty(actor, c) ? EVIDENCE_BY_PARTY : EVIDENCE_BY_INVESTIGATOR;
}

function checkRule(actor: Actor, rule: ActionRule, c: CaseSubject): Refusal | null {
  if (rule.who === 'party') {
    if (!isParty(actor, c)) return 'CASE_ROLE_REQUIRED';
  } else if (rule.who === 'member') {
    if (!c.members.some((m) => m.userId === actor.userId)) return 'CASE_ROLE_REQUIRED';
  } else if (rule.who === 'owner') {
    if (!ownsAnyAction(actor, c)) return 'CASE_ROLE_REQUIRED';
  } else {
    const roles = rule.who;
    if (!actor.grants.some((g) => roles.includes(g.role))) return 'CASE_ROLE_REQUIRED';
    const scoped =
      rule.scope === 'above'
        ? aboveScope(actor, roles, c)
        : rule.scope === 'same'
          ? sameScope(actor, roles, c)
          : inScope(actor, roles, c);
    if (!scoped) return 'CASE_OUT_OF_SCOPE';
    if (rule.notParty !== false && isParty(actor, c)) return 'CASE_PARTY';
  }
  if (rule.impartial && !unconflicted(actor, c)) return 'CASE_CONFLICTED';
  const stateOk = rule.states === OPEN ? !TERMINAL.has(c.state) : rule.states.includes(c.state);
  if (!stateOk) return 'CASE_WRONG_STATE';
  if (rule.when && !rule.when(c, actor)) return 'CASE_PRECONDITION';
  return null;
}

/**
 * Why the action is refused, in the rule's own words: the rule's message for the refusal where it
 * has one, else a precondition's named reason (code, text, date), else what the action box says
 * (the procedure's next step). Undefined when there is nothing more to say than the catalogue.
 */
export function refusalReason(
  action: CaseAction,
  why: Refusal,
  c?: CaseSubject,
  actor?: Actor,
): Reason | undefined {
  if (action === 'read' || action === 'addEvidence') return undefined;
  const rule = CASE_RULES[action];
  const own = rule.messages?.[why];
  if (own) return { code: why, text: own };
  if (!c || !actor) return undefined;
  if (why === 'CASE_PRECONDITION') return rule.when?.why(c, actor) ?? undefined;
  // The next step, or a conflict: as the action box says it.
  return notNow(actor, action, c, why) ?? undefined;
}

/** The rule's own message for a refusal, if it has one (otherwise the catalogue's applies). */
export function refusalMessage(
  action: CaseAction,
  why: Refusal,
  c?: CaseSubject,
  actor?: Actor,
): I18nText | undefined {
  return refusalReason(action, why, c, actor)?.text;
}

/** Every rule's `when` is a named condition (a bare predicate would refuse without a reason). */
export function unnamedConditions(): string[] {
  return Object.entries(CASE_RULES as Record<string, ActionRule>)
    .filter(([, rule]) => rule.when !== undefined && !isCondition(rule.when))
    .map(([action]) => action);
}

export function can(actor: Actor, action: CaseAction, c: CaseSubject): boolean {
  return refusal(actor, action, c) === null;
}

/** Every action with whether the actor may take it now: sent with each case. */
export function abilities(actor: Actor, c: CaseSubject): Record<CaseAction, boolean> {
  const out = {} as Record<CaseAction, boolean>;
  for (const action of CASE_ACTIONS) out[action] = can(actor, action, c);
  return out;
}

/** An action the actor's role could take on the case: allowed now, or not now and why. */
export interface ActionStatus {
  readonly action: Exclude<CaseAction, 'read'>;
  readonly allowed: boolean;
  /** Null when allowed. */
  readonly reason: Reason | null;
}

/** The procedure's main line: the state after each is where its next step stands. */
const MAIN_LINE: readonly CaseState[] = [
  'submitted',
  'verification',
  'consultation',
  'deliberation',
  'determined',
  'notified',
  'publicity',
  'filed',
];

/**
 * Every action the actor's role could take on the case, in the order of CASE_ACTIONS: those
 * allowed now, and those not now — right state but a condition unmet (the rule's condition says
 * why, and from when), a declared conflict, or the procedure's next step — each with its reason.
 * Actions the actor could never take here (another role's, out of scope, a party's own case) are
 * left out. The same rules as `refusal`: nothing here decides anything they do not.
 */
export function actionStatuses(actor: Actor, c: CaseSubject): ActionStatus[] {
  const out: ActionStatus[] = [];
  for (const action of CASE_ACTIONS) {
    if (action === 'read') continue;
    const why = refusal(actor, action, c);
    if (why === null) {
      out.push({ action, allowed: true, reason: null });
      continue;
    }
    const reason = notNow(actor, action, c, why);
    if (reason) out.push({ action, allowed: false, reason });
  }
  return out;
}

/** Why the action waits, or null when the refusal means the actor cannot take it on this case. */
function notNow(
  actor: Actor,
  action: Exclude<CaseAction, 'read'>,
  c: CaseSubject,
  why: Refusal,
): Reason | null {
  const rule = ruleOf(actor, action, c);
  const text = rule.messages?.[why];
  const own = text ? { text } : {};
  if (why === 'CASE_CONFLICTED') return { code: why, ...own };
  if (why === 'CASE_PRECONDITION') {
    if (text || !rule.when) return { code: why, ...own };
    const reason = rule.when.why(c, actor);
    return reason?.quiet ? null : reason;
  }
  if (why !== 'CASE_WRONG_STATE' || rule.states === OPEN) return null;
  // The procedure's next step: allowed once the case moves on to the next state of the main line.
  const next = MAIN_LINE[MAIN_LINE.indexOf(c.state) + 1];
  if (!next || MAIN_LINE.indexOf(c.state) < 0 || refusal(actor, action, { ...c, state: next })) {
    return null;
  }
  return { code: why, text: text ?? awaiting(c.state, rule.states, c.stepDueOn ?? null) };
}

/** "The case is at X (due by D); this is done when it is at Y." */
function awaiting(now: CaseState, states: readonly CaseState[], due: string | null): I18nText {
  const at = STATE_LABEL[now];
  const d = due ? writtenDate(due) : null;
  return {
    zh: `本案现处于“${at.zh}”环节${d ? `（办理期限至${d.zh}）` : ''}，此项在${states.map((s) => `“${STATE_LABEL[s].zh}”`).join('或')}时办理。`,
    en: `The case is at “${at.en}”${d ? ` (due by ${d.en})` : ''}; this is done when it is at ${states.map((s) => `“${STATE_LABEL[s].en}”`).join(' or ')}.`,
  };
}
