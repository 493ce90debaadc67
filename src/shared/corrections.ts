/**
 * Correction (纠错) and talks, defined once for the server and the web app (domain.md §7, issue
 * 11): the states of a correction and of its actions, the verdicts of a verification, the kinds of
 * talk, with their zh/en labels. Pure data: src/app/corrections/ enforces the procedure.
 *
 * A correction is `in_progress` while any action of its round is not confirmed; `awaiting_review`
 * once every action is confirmed (closed) until its effectiveness review; `effective` when the
 * review found the problem did not return. A review that finds it did reopens the correction:
 * `in_progress` again, the next round, with new actions.
 */
import type { I18nText } from '../policy/model.js';

export const CORRECTION_STATES = ['in_progress', 'awaiting_review', 'effective'] as const;
export type CorrectionState = (typeof CORRECTION_STATES)[number];

export const CORRECTION_STATE_LABEL: Readonly<Record<CorrectionState, I18nText>> = {
  in_progress: { zh: '整改中', en: 'In progress' },
  awaiting_review: { zh: '整改完成，待成效评估', en: 'Closed, effectiveness review due' },
  effective: { zh: '整改到位，成效已评估', en: 'Closed and effective' },
};

/**
 * An action is `open` until its owner submits it with evidence (`submitted`); a verifier confirms
 * it (`confirmed`), does not (back to `open` with a new deadline) or finds the evidence
 * inconclusive (`watch`: kept under watch, verified again later).
 */
export const ACTION_STATES = ['open', 'submitted', 'confirmed', 'watch'] as const;
export type ActionState = (typeof ACTION_STATES)[number];

export const ACTION_STATE_LABEL: Readonly<Record<ActionState, I18nText>> = {
  open: { zh: '待整改', en: 'Open' },
  submitted: { zh: '已报送，待核实', en: 'Submitted, awaiting verification' },
  confirmed: { zh: '核实到位', en: 'Confirmed' },
  watch: { zh: '持续跟踪', en: 'Under watch' },
};

export const VERDICTS = ['confirmed', 'not_confirmed', 'inconclusive'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABEL: Readonly<Record<Verdict, I18nText>> = {
  confirmed: { zh: '核实到位', en: 'Confirmed' },
  not_confirmed: { zh: '未整改到位，退回重新整改', en: 'Not confirmed: returned to be done again' },
  inconclusive: { zh: '暂难认定，持续跟踪', en: 'Inconclusive: kept under watch' },
};

/** The findings of an effectiveness review. */
export const REVIEW_FINDINGS = ['effective', 'not_effective'] as const;
export type ReviewFinding = (typeof REVIEW_FINDINGS)[number];

export const REVIEW_FINDING_LABEL: Readonly<Record<ReviewFinding, I18nText>> = {
  effective: { zh: '整改成效明显，问题未再发生', en: 'Effective: the problem has not returned' },
  not_effective: { zh: '整改成效不明显，重新整改', en: 'Not effective: corrected again' },
};

export const TALK_KINDS = ['supportive', 'reminder'] as const;
export type TalkKind = (typeof TALK_KINDS)[number];

export const TALK_KIND_LABEL: Readonly<Record<TalkKind, I18nText>> = {
  supportive: { zh: '谈心谈话', en: 'Supportive talk' },
  reminder: { zh: '提醒谈话', en: 'Reminder talk' },
};

/** How long after closure the effectiveness review falls due when the pack says nothing. */
export const DEFAULT_REVIEW_AFTER_MONTHS = 3;

/** The longest time limit of an action, in working days (about a year and a half). */
export const MAX_ACTION_DAYS = 365;

/** The most actions one opinion or one reopening sets. */
export const MAX_ACTIONS_AT_ONCE = 20;
