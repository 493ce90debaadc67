/**
 * What the measure says of a case's correction: the working days an action is given by default
 * and the months after closure its effectiveness is reviewed — from the result application of the
 * outcome in force (results.<outcome>.correction in the pack bound to the case).
 */
import { resultApplication } from '../../policy/resolve.js';
import { DEFAULT_REVIEW_AFTER_MONTHS } from '../../shared/corrections.js';
import { casePolicy, type CaseRow } from '../cases/record.js';
import type { AppContext } from '../context.js';

export interface CorrectionTerms {
  /** Working days an action is given when the opinion names none; undefined: the opinion must. */
  readonly defaultDays: number | undefined;
  readonly reviewAfterMonths: number;
}

export function correctionTerms(
  ctx: AppContext,
  row: Pick<CaseRow, 'packId' | 'packVersion' | 'conductDate'>,
  outcome: string | null,
): CorrectionTerms {
  const { eff } = casePolicy(ctx, row);
  const c = outcome === null ? undefined : resultApplication(eff, outcome)?.correction;
  // Only a limit in working days gives an action's default: a limit in calendar days is said in
  // the opinion itself, so that no one converts between the two silently.
  const within = c?.within?.unit === 'working' ? c.within.days : undefined;
  return {
    defaultDays: within,
    reviewAfterMonths: c?.reviewAfter?.months ?? DEFAULT_REVIEW_AFTER_MONTHS,
  };
}
