/**
 * The recommended band (裁量范围): the outcomes the rules' deciding entry allows, most favourable
 * first. A measure that says *may* (可以免除……或者从轻、减轻) gives several; the committee decides
 * within them without departure reasons and outside them only with reasons. One function, so that
 * the deliberation page, the decision and its document agree on what departs.
 */
import { UNDETERMINED } from '../../policy/model.js';

/** A recommendation as stored or computed: `recommended` is absent from ones stored before bands. */
export interface Recommended {
  readonly outcome: string;
  readonly recommended?: readonly string[];
}

/** The band, most favourable first: empty when the facts do not decide the case. */
export function bandOf(e: Recommended): readonly string[] {
  if (e.outcome === UNDETERMINED) return [];
  return e.recommended && e.recommended.length > 0 ? e.recommended : [e.outcome];
}

/** Whether deciding `outcome` departs from the recommendation (and so needs written reasons). */
export function departsFrom(e: Recommended, outcome: string): boolean {
  return !bandOf(e).includes(outcome);
}
