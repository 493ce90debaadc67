/**
 * The case procedure's vocabulary (domain.md §5), defined once for the server and the web app:
 * states, the step whose clock runs in each, entry routes, the six elements and their ratings,
 * deadline badges, the work queue's orders, and the statuses of risk filings, extensions and
 * challenges. Pure data: the transitions in src/app enforce it, the web app shows it.
 */
import type { I18nText } from '../policy/model.js';
import { STEPS, type Step } from '../policy/steps.js';

export const CASE_STATES = [
  'submitted',
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
  'withdrawn',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** The steps of the procedure, in order; each has a time limit under its name in the pack. */
export { STEPS, type Step } from '../policy/steps.js';

/**
 * The step whose clock runs in each state; its time limit comes from the pack's
 * procedure.timeLimits under the same name. Terminal states have no step clock.
 */
export const STEP_OF: Readonly<Record<CaseState, Step>> = {
  submitted: 'acceptance',
  refused: 'closed',
  verification: 'verification',
  consultation: 'consultation',
  deliberation: 'deliberation',
  determined: 'notification',
  notified: 'challengeWindow',
  publicity: 'publicity',
  filed: 'challengeWindow',
  under_review: 'review',
  under_appeal: 'appeal',
  closed: 'closed',
  withdrawn: 'closed',
};

/** The steps a case can stand in (those of STEP_OF), in procedure order: the list's step filter. */
export const CASE_STEPS: readonly Step[] = STEPS.filter((s) => Object.values(STEP_OF).includes(s));

export const TERMINAL_STATES: readonly CaseState[] = ['refused', 'closed', 'withdrawn'];

/** States in which a determination is in force (review and appeal do not suspend it). */
export const DECISION_IN_FORCE_STATES: readonly CaseState[] = [
  'notified',
  'publicity',
  'filed',
  'under_review',
  'under_appeal',
  'closed',
];

/** States after a determination was made (correction runs in each, and after closing). */
export const DETERMINED_STATES: readonly CaseState[] = ['determined', ...DECISION_IN_FORCE_STATES];

/** States in which the committee's record exists: deliberation and every state after a decision. */
export const DELIBERATED_STATES: readonly CaseState[] = [
  'deliberation',
  'determined',
  ...DECISION_IN_FORCE_STATES,
];

export const ROUTES = ['application', 'ex_officio', 'risk_filing'] as const;
export type CaseRoute = (typeof ROUTES)[number];

/** The six elements the deciding body weighs (the 2018 guidance), in its order. */
export const SIX_ELEMENTS = [
  'motive',
  'conditions',
  'procedure',
  'nature',
  'consequences',
  'recovery',
] as const;
export type SixElement = (typeof SIX_ELEMENTS)[number];

/** How an element weighs: for tolerance, neither way, against it. */
export const RATINGS = ['favourable', 'neutral', 'unfavourable'] as const;
export type Rating = (typeof RATINGS)[number];

/** A running step's deadline: passed, within DUE_SOON_WORKING_DAYS, or further. */
export const DUE_STATUSES = ['overdue', 'due_soon', 'on_time'] as const;
export type DueStatus = (typeof DUE_STATUSES)[number];
/** The deadline badges the work queue filters by. */
export const DUE_FILTERS = ['overdue', 'due_soon'] as const satisfies readonly DueStatus[];

/** The work queue's orders: latest activity first, or nearest deadline first. */
export const CASE_SORTS = ['updated', 'due'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export const RISK_FILING_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type RiskFilingStatus = (typeof RISK_FILING_STATUSES)[number];

/**
 * Where an accountability matter came from (问题线索来源): an inspection tour (巡视巡察), an
 * audit, a petition or report (信访举报), supervision and inspection (监督检查), the media, a
 * referral by another organ, or another source.
 */
export const MATTER_SOURCES = [
  'inspection',
  'audit',
  'petition',
  'supervision',
  'media',
  'referral',
  'other',
] as const;
export type MatterSource = (typeof MATTER_SOURCES)[number];

export const EXTENSION_STATUSES = ['requested', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/** Review by the same body, appeal to the next level. */
export const CHALLENGE_KINDS = ['review', 'appeal'] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];
/** A challenge's decision: the determination stands, or a new one replaces it. */
export const CHALLENGE_RESULTS = ['upheld', 'changed'] as const;
export type ChallengeResult = (typeof CHALLENGE_RESULTS)[number];

/** The longest extension of a step's time limit one request may ask for, in the limit's unit. */
export const MAX_EXTENSION_DAYS = 90;

/** Written reasons, at least this long, when a determination departs from the recommendation. */
export const MIN_DEPARTURE_REASONS = 10;

/**
 * Written notes, at least this long, when an element is rated unfavourable (the notes' bounds
 * otherwise are TEXT_LIMITS.assessmentNotes).
 */
export const MIN_UNFAVOURABLE_NOTES = 4;

export const STATE_LABEL: Readonly<Record<CaseState, I18nText>> = {
  submitted: { zh: '已提交，待受理', en: 'Submitted, awaiting acceptance' },
  refused: { zh: '不予受理', en: 'Refused' },
  verification: { zh: '核实中', en: 'Verification' },
  consultation: { zh: '会商中', en: 'Consultation' },
  deliberation: { zh: '集体研究中', en: 'Deliberation' },
  determined: { zh: '已认定，待反馈', en: 'Determined, awaiting notification' },
  notified: { zh: '已反馈', en: 'Notified' },
  publicity: { zh: '公示中', en: 'Publicity' },
  filed: { zh: '已报备', en: 'Filed upward' },
  under_review: { zh: '复核中', en: 'Under review' },
  under_appeal: { zh: '申诉中', en: 'Under appeal' },
  closed: { zh: '已办结', en: 'Closed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const STEP_LABEL: Readonly<Record<Step, I18nText>> = {
  acceptance: { zh: '受理', en: 'Acceptance' },
  verification: { zh: '核实', en: 'Verification' },
  consultation: { zh: '会商', en: 'Consultation' },
  deliberation: { zh: '集体研究认定', en: 'Deliberation' },
  notification: { zh: '书面反馈', en: 'Notification' },
  publicity: { zh: '公示', en: 'Publicity' },
  filingUpward: { zh: '向上级报备', en: 'Filing upward' },
  challengeWindow: { zh: '复核申诉期', en: 'Review and appeal window' },
  review: { zh: '复核', en: 'Review' },
  appeal: { zh: '申诉', en: 'Appeal' },
  closed: { zh: '办结', en: 'Closed' },
};

export const SIX_ELEMENT_LABEL: Readonly<Record<SixElement, I18nText>> = {
  motive: { zh: '动机态度', en: 'Motive and attitude' },
  conditions: { zh: '客观条件', en: 'Objective conditions' },
  procedure: { zh: '程序方法', en: 'Procedure and method' },
  nature: { zh: '性质程度', en: 'Nature and degree' },
  consequences: { zh: '后果影响', en: 'Consequences and impact' },
  recovery: { zh: '挽回损失', en: 'Losses recovered' },
};

/**
 * The dates the work queue filters by, as an office files its cases: the day the case was opened
 * (申请或立案, the application or the ex-officio check), the day intake accepted it (受理), and
 * the day the determination in force was made (认定). Days are China's.
 */
export const CASE_DATE_FILTERS = ['applied', 'accepted', 'decided'] as const;
export type CaseDateFilter = (typeof CASE_DATE_FILTERS)[number];

/**
 * The sources of a fact an investigator may confirm as verified as it stands (the applicant's
 * statement, the ex-officio referral); a confirmed fact's source becomes `investigator`.
 */
export const CONFIRMABLE_FACT_SOURCES = ['applicant', 'ex_officio'] as const;

/** At most this many facts are confirmed in one request (a pack declares a few dozen at most). */
export const MAX_FACTS_CONFIRMED = 100;

/** The finding filters of the case list (query parameters of GET /api/cases and its export). */
export const FINDING_KEYS = [
  'idCard',
  'unitId',
  'post',
  'appliedFrom',
  'appliedTo',
  'acceptedFrom',
  'acceptedTo',
  'decidedFrom',
  'decidedTo',
  'outcome',
] as const;
