/**
 * The result application (结果运用) a determination carries: what its outcome leaves unaffected,
 * the impact period and the correction asked for, as the pack that governs the case says it
 * (src/policy/results.ts). Written with the determination (decide.ts, decide-challenge.ts), with
 * labels, so the official's record reads on its own; a determination changed on review or appeal
 * carries its own, and the one it replaced is no longer in force.
 */
import type { I18nText, TimeLimit } from '../../policy/model.js';
import { resultApplication } from '../../policy/resolve.js';
import { CORRECTION_KINDS } from '../../policy/results.js';
import type { AppContext } from '../context.js';
import { monthsEndIso } from '../dates.js';
import { casePolicy, type CaseRow } from './record.js';

/** What determinations.application holds. */
export interface StoredApplication {
  /** The pack version it comes from. */
  readonly pack: { readonly id: string; readonly version: string };
  readonly unaffected: readonly { readonly id: string; readonly label: I18nText }[];
  readonly impactPeriod: {
    readonly months: number;
    /** The last day of the period (Civil Code Arts. 201–202). */
    readonly endsOn: string;
    readonly basis: string | null;
  } | null;
  readonly correction: {
    readonly kinds: readonly { readonly id: string; readonly label: I18nText }[];
    readonly within: TimeLimit | null;
  } | null;
  /** The clauses that say so. */
  readonly basis: readonly string[];
  readonly note: I18nText | null;
}

/** The columns a new determination writes: its application and the end of its impact period. */
export interface ApplicationColumns {
  readonly application: StoredApplication | null;
  readonly impactEndsOn: string | null;
}

/**
 * The application of `outcome` decided on `decidedOn` under the policy that governs the case; null
 * when the pack says nothing of it.
 */
export function applicationFor(
  ctx: AppContext,
  row: Pick<CaseRow, 'packId' | 'packVersion' | 'conductDate'>,
  outcome: string,
  decidedOn: string,
): ApplicationColumns {
  const { eff } = casePolicy(ctx, row);
  const app = resultApplication(eff, outcome);
  if (!app) return { application: null, impactEndsOn: null };
  const endsOn = app.impactPeriod ? monthsEndIso(decidedOn, app.impactPeriod.months) : null;
  const application: StoredApplication = {
    pack: { id: eff.pack.id, version: eff.version.id },
    unaffected: app.unaffected.map((id) => ({
      id,
      label: eff.matters.get(id)?.label ?? { zh: id, en: id },
    })),
    impactPeriod: app.impactPeriod
      ? { months: app.impactPeriod.months, endsOn: endsOn!, basis: app.impactPeriod.basis ?? null }
      : null,
    correction: app.correction
      ? {
          kinds: app.correction.kinds.map((id) => ({
            id,
            label: CORRECTION_KINDS[id] ?? { zh: id, en: id },
          })),
          within: app.correction.within ?? null,
        }
      : null,
    basis: [...app.basis],
    note: app.note ?? null,
  };
  return { application, impactEndsOn: endsOn };
}
