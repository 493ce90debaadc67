/**
 * The case procedure as a state machine (domain.md §5): submitted → accepted or refused →
 * verification → consultation (when the pack asks for it) → deliberation → determined → notified →
 * publicity (when required) → filed upward (when required) → closed, with review and appeal while
 * the decision stays in force. Pure data: the transitions in src/app enforce it. The vocabulary
 * itself (states, steps, labels) is defined in src/shared/case.ts, which the web app imports too.
 */
import {
  DECISION_IN_FORCE_STATES,
  STEP_LABEL as STEP_LABELS,
  TERMINAL_STATES,
  type CaseState,
} from '../shared/case.js';
import type { I18nText } from '../policy/model.js';

export {
  CASE_STATES,
  ROUTES,
  SIX_ELEMENTS,
  SIX_ELEMENT_LABEL,
  STATE_LABEL,
  STEP_OF,
  type CaseRoute,
  type CaseState,
  type SixElement,
} from '../shared/case.js';

export const TERMINAL: ReadonlySet<CaseState> = new Set(TERMINAL_STATES);

/** States in which a determination is in force (review and appeal do not suspend it). */
export const DECISION_IN_FORCE: ReadonlySet<CaseState> = new Set(DECISION_IN_FORCE_STATES);

/** The steps' labels, looked up by a step name read from the store. */
export const STEP_LABEL: Readonly<Record<string, I18nText>> = STEP_LABELS;
