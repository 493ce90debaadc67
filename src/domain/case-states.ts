/**
 * The case procedure as a state machine (domain.md §5): submitted → accepted or refused →
 * verification → consultation (when the pack asks for it) → deliberation → determined → notified →
 * publicity (when required) → filed upward (when required) → closed, with review and appeal while
 * the decision stays in force. Pure data: the transitions in src/app enforce it.
 */
import type { I18nText } from '../policy/model.js';

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

/**
 * The step whose clock runs in each state; its time limit comes from the pack's
 * procedure.timeLimits under the same name. Terminal states have no step clock.
 */
export const STEP_OF: Readonly<Record<CaseState, string>> = {
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

export const TERMINAL: ReadonlySet<CaseState> = new Set(['refused', 'closed', 'withdrawn']);

/** States in which a determination is in force (review and appeal do not suspend it). */
export const DECISION_IN_FORCE: ReadonlySet<CaseState> = new Set([
  'notified',
  'publicity',
  'filed',
  'under_review',
  'under_appeal',
  'closed',
]);

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

export const STEP_LABEL: Readonly<Record<string, I18nText>> = {
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

export const ROUTES = ['application', 'ex_officio', 'risk_filing'] as const;
export type CaseRoute = (typeof ROUTES)[number];

export const SIX_ELEMENTS = [
  'motive',
  'conditions',
  'procedure',
  'nature',
  'consequences',
  'recovery',
] as const;
export type SixElement = (typeof SIX_ELEMENTS)[number];

export const SIX_ELEMENT_LABEL: Readonly<Record<SixElement, I18nText>> = {
  motive: { zh: '动机态度', en: 'Motive and attitude' },
  conditions: { zh: '客观条件', en: 'Objective conditions' },
  procedure: { zh: '程序方法', en: 'Procedure and method' },
  nature: { zh: '性质程度', en: 'Nature and degree' },
  consequences: { zh: '后果影响', en: 'Consequences and impact' },
  recovery: { zh: '挽回损失', en: 'Losses recovered' },
};
