/**
 * Declarative permissions: who may do what to a case, by role, by organizational scope and by the
 * case's state. One rule per action; `can` answers, `authorize` asserts, `abilities` lists what an
 * actor may do so that the UI shows only permitted actions. No I/O.
 */
import { CASE_STAFF_ROLES } from '../shared/roles.js';
import type { CaseState } from './case-states.js';
import { TERMINAL } from './case-states.js';
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
  }[];
  /** Whether the pack bound to the case requires consultation / publicity / filing upward. */
  readonly requires: { consultation: boolean; publicity: boolean; filingUpward: boolean };
  /** Whether the review / appeal window is still open (computed from the determination date). */
  readonly challengeWindowOpen: boolean;
  /** The determination in force has been filed upward (cases.filed_upward_on). */
  readonly filedUpward: boolean;
  /** The publicity of the determination in force has been completed (cases.publicity_ended_on). */
  readonly publicityDone: boolean;
  readonly suspended: boolean;
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
  readonly when?: (c: CaseSubject, a: Actor) => boolean;
  /** The actor may not be a party (default true for role rules). */
  readonly notParty?: boolean;
  /** The actor must have no declared conflict and not be recused. */
  readonly impartial?: boolean;
  /** A more specific message for a refusal of this action, where the generic one says too little. */
  readonly messages?: Partial<Record<Refusal, I18nText>>;
}

const OPEN = 'open' as const;
const notSuspended = (c: CaseSubject) => !c.suspended;

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
    recordOpinion: { who: ['org_liaison', 'investigator'], states: ['consultation'] },
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
      when: (c) => c.requires.filingUpward && !c.filedUpward,
    },
    requestReview: {
      who: 'party',
      states: ['notified', 'publicity', 'filed'],
      when: (c) => c.challengeWindowOpen,
    },
    requestAppeal: {
      who: 'party',
      states: ['notified', 'publicity', 'filed'],
      when: (c) => c.challengeWindowOpen,
    },
    decideReview: {
      who: ['committee_chair'],
      scope: 'same',
      states: ['under_review'],
      impartial: true,
      messages: {
        CASE_OUT_OF_SCOPE: {
          zh: '复核由作出认定的同一机构决定；上级机构负责人请通过申诉程序处理。',
          en: 'A review is decided by the body that made the determination; a higher-level chair decides appeals instead.',
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
      when: (c) => !c.challengeWindowOpen && (!c.requires.filingUpward || c.filedUpward),
    },
    suspend: { who: ['intake', 'investigator'], states: OPEN, when: notSuspended },
    resume: { who: ['intake', 'investigator'], states: OPEN, when: (c) => c.suspended },
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

/** Why `actor` may not take `action` on `c` now, or null when they may. */
export function refusal(actor: Actor, action: CaseAction, c: CaseSubject): Refusal | null {
  if (action === 'read') {
    const ok =
      isParty(actor, c) ||
      inScope(actor, STAFF, c) ||
      inScope(actor, ['unit_party'], c) ||
      aboveScope(actor, ['committee_chair'], c);
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

/** The rule's own message for a refusal, if it has one (otherwise the catalogue's applies). */
export function refusalMessage(action: CaseAction, why: Refusal): I18nText | undefined {
  if (action === 'read' || action === 'addEvidence') return undefined;
  return CASE_RULES[action].messages?.[why];
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
