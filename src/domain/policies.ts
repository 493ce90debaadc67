/**
 * Declarative permissions: who may do what to a case, by role, by organizational scope and by the
 * case's state. One rule per action; `can` answers, `authorize` asserts, `abilities` lists what an
 * actor may do so that the UI shows only permitted actions. No I/O.
 */
import { CASE_STAFF_ROLES } from '../shared/roles.js';
import { writtenDate } from '../shared/time.js';
import type { CaseState } from './case-states.js';
import { STATE_LABEL, TERMINAL } from './case-states.js';
import type { I18nText } from '../policy/model.js';
import { within, type Actor, type Role } from './roles.js';

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
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Case officers and overseers: they read the cases in their scope. */
export const STAFF: readonly Role[] = CASE_STAFF_ROLES;

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
 * Why an action waits: a stable code, a zh/en text where the rule gives one (otherwise the
 * catalogue's message for the code applies), and the date it becomes possible when the case's
 * dates say.
 */
export interface Reason {
  readonly code: string;
  readonly text?: I18nText;
  readonly date?: string;
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

function isCondition(f: unknown): f is Condition {
  return typeof f === 'function' && typeof (f as Partial<Condition>).why === 'function';
}

export { writtenDate };

/** The day after an ISO date. */
function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const notSuspended = condition((c) => !c.suspended, {
  code: 'CASE_SUSPENDED',
  text: {
    zh: '本案已中止办理，恢复办理后方可进行此项操作。',
    en: 'The case is suspended; this can be done once it is resumed.',
  },
});

/** Suspended; otherwise there is nothing to resume, and resuming is no task. */
const isSuspended = condition((c) => c.suspended, null);

/** The review and appeal window has run out (a case is closed only then). */
const challengeWindowOver = condition(
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
const filedUpwardIfRequired = condition((c) => !c.requires.filingUpward || c.filedUpward, {
  code: 'CASE_NOT_FILED_UPWARD',
  text: {
    zh: '本案适用的办法要求报上级备案，备案后方可办结。',
    en: 'The measure that governs the case requires filing with the higher level; close the case once it is filed.',
  },
});

/** The measure requires filing upward and the determination in force is not filed yet. */
const filingDue = condition((c) => c.requires.filingUpward && !c.filedUpward, {
  code: 'CASE_FILING_NOT_DUE',
  text: {
    zh: '本案适用的办法不要求报上级备案，或该认定已报备；同一认定不重复报备。',
    en: 'The measure that governs the case does not require filing upward, or the determination has already been filed; a determination is filed once.',
  },
});

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

/**
 * A rule: who may act (roles over a scope containing the case, a scope above it, the parties, or
 * the deliberation members), in which states, under which further conditions.
 */
interface ActionRule {
  readonly who: 'party' | 'member' | readonly Role[];
  /**
   * For role rules: the scope must contain the case ('case'), be strictly above it ('above'), or
   * be the case's own jurisdiction ('same': the body that decided it).
   */
  readonly scope?: 'case' | 'above' | 'same';
  readonly states: readonly CaseState[] | 'open';
  /** A further condition; a named `Condition` also says why it does not hold. */
  readonly when?: ((c: CaseSubject, a: Actor) => boolean) | Condition;
  /** The actor may not be a party (default true for role rules). */
  readonly notParty?: boolean;
  /** The actor must have no declared conflict and not be recused. */
  readonly impartial?: boolean;
  /** A more specific message for a refusal of this action, where the generic one says too little. */
  readonly messages?: Partial<Record<Refusal, I18nText>>;
}

const OPEN = 'open' as const;
const reviewWindowOpen = (c: CaseSubject) => c.windows?.review ?? c.challengeWindowOpen;
const appealWindowOpen = (c: CaseSubject) => c.windows?.appeal ?? c.challengeWindowOpen;
const memberOf = (c: CaseSubject, a: Actor) => c.members.find((m) => m.userId === a.userId);

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

/** One rule per action. Read them as the procedure's allocation of powers. */
export const CASE_RULES: Readonly<Record<Exclude<CaseAction, 'read' | 'addEvidence'>, ActionRule>> =
  {
    accept: { who: ['intake'], states: ['submitted'] },
    refuse: { who: ['intake'], states: ['submitted'] },
    withdraw: { who: 'party', states: ['submitted', 'verification'] },
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
      when: (c, a) => !c.members.find((m) => m.userId === a.userId)?.voted,
    },
    decide: {
      who: ['committee_chair'],
      states: ['deliberation'],
      impartial: true,
      when: (c) => !c.suspended && c.members.some((m) => m.voted),
    },
    notify: { who: ['intake', 'committee_chair'], states: ['determined'] },
    startPublicity: {
      who: ['org_liaison'],
      states: ['notified'],
      when: (c) => c.requires.publicity && !c.publicityDone,
      messages: {
        CASE_PRECONDITION: {
          zh: '本案适用的办法不要求公示，或该认定已完成公示；同一认定不重复公示。',
          en: 'The measure that governs the case does not require publicity, or the determination has already been publicized; a determination is publicized once.',
        },
      },
    },
    endPublicity: { who: ['org_liaison'], states: ['publicity'] },
    fileUpward: {
      who: ['org_liaison'],
      states: ['notified', 'publicity'],
      when: filingDue,
    },
    requestReview: {
      who: 'party',
      states: ['notified', 'publicity', 'filed'],
      when: (c) => reviewWindowOpen(c) && c.reviewed !== true,
      messages: {
        CASE_PRECONDITION: {
          zh: '复核申请期限已过，或该认定已经复核（或系复核、申诉决定），不能再申请复核；对复核决定不服的，可以在期限内向上一级提出申诉。',
          en: 'The time to ask for review has passed, or the determination has already been reviewed (or was made on review or appeal) and cannot be reviewed again; an appeal to the level above remains open within its time.',
        },
      },
    },
    requestAppeal: {
      who: 'party',
      states: ['notified', 'publicity', 'filed'],
      when: appealWindowOpen,
      messages: {
        CASE_PRECONDITION: {
          zh: '申诉期限已过，不能再提出申诉。',
          en: 'The time to appeal has passed.',
        },
      },
    },
    decideReview: {
      who: ['committee_chair'],
      scope: 'same',
      states: ['under_review'],
      impartial: true,
      // Decided collectively: at least one vote on the review first (the majority is checked
      // when deciding, decide-challenge.ts).
      when: (c) => c.requires.collectiveReview !== true || c.members.some((m) => m.reviewVoted),
      messages: {
        CASE_OUT_OF_SCOPE: {
          zh: '复核由作出认定的同一机构决定；上级机构负责人请通过申诉程序处理。',
          en: 'A review is decided by the body that made the determination; a higher-level chair decides appeals instead.',
        },
        CASE_PRECONDITION: {
          zh: '本案适用的办法规定复核由集体研究决定：请先由研究成员对复核表决。',
          en: 'The measure that governs the case has reviews decided collectively: the panel votes on the review first.',
        },
      },
    },
    voteReview: {
      who: 'member',
      states: ['under_review'],
      impartial: true,
      when: (c, a) => c.requires.collectiveReview === true && !memberOf(c, a)?.reviewVoted,
      messages: {
        CASE_PRECONDITION: {
          zh: '本案的复核不由集体表决，或您已经对复核表决。',
          en: 'The review of this case is not decided by vote, or you have already voted on it.',
        },
      },
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
  };

const EVIDENCE_BY_PARTY: ActionRule = { who: 'party', states: ['submitted', 'verification'] };
const EVIDENCE_BY_INVESTIGATOR: ActionRule = {
  who: ['investigator'],
  states: ['verification', 'consultation'],
};

/**
 * A consulted department's officer reads the cases their department was asked about (in a limited
 * view, case-view.ts), not being a party to it.
 */
export function consulted(actor: Actor, c: CaseSubject): boolean {
  return ownConsultations(c, actor).length > 0 && !isParty(actor, c);
}

/** Why `actor` may not take `action` on `c` now, or null when they may. */
export function refusal(actor: Actor, action: CaseAction, c: CaseSubject): Refusal | null {
  if (action === 'read') {
    const ok =
      isParty(actor, c) ||
      inScope(actor, STAFF, c) ||
      inScope(actor, ['unit_party'], c) ||
      aboveScope(actor, ['committee_chair'], c) ||
      consulted(actor, c);
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
 * The rule's own message for a refusal, if it has one (otherwise the catalogue's applies); given
 * the case, a named condition that does not hold says why in its own words.
 */
export function refusalMessage(
  action: CaseAction,
  why: Refusal,
  c?: CaseSubject,
  actor?: Actor,
): I18nText | undefined {
  if (action === 'read' || action === 'addEvidence') return undefined;
  const rule = CASE_RULES[action];
  const own = rule.messages?.[why];
  if (own || why !== 'CASE_PRECONDITION' || !c || !actor || !isCondition(rule.when)) return own;
  return rule.when.why(c, actor)?.text;
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
    return isCondition(rule.when) && !text ? rule.when.why(c, actor) : { code: why, ...own };
  }
  if (why !== 'CASE_WRONG_STATE' || rule.states === OPEN) return null;
  // The procedure's next step: allowed once the case moves on to the next state of the main line.
  const next = MAIN_LINE[MAIN_LINE.indexOf(c.state) + 1];
  if (!next || MAIN_LINE.indexOf(c.state) < 0 || refusal(actor, action, { ...c, state: next })) {
    return null;
  }
  return { code: why, text: text ?? awaiting(c.state, rule.states) };
}

/** "The case is at X; this is done when it is at Y." */
function awaiting(now: CaseState, states: readonly CaseState[]): I18nText {
  const at = STATE_LABEL[now];
  return {
    zh: `本案现处于“${at.zh}”环节，此项在${states.map((s) => `“${STATE_LABEL[s].zh}”`).join('或')}时办理。`,
    en: `The case is at “${at.en}”; this is done when it is at ${states.map((s) => `“${STATE_LABEL[s].en}”`).join(' or ')}.`,
  };
}
