/**
 * GET /api/officials/:id/application-window: the application window of the pack that would govern
 * an application for the official (the managing jurisdiction's pack, in force at the conduct), with
 * its last day on the jurisdiction's calendar where the day it counts from is known — what the
 * application form shows before the server checks it on submission (cases/create.ts). For whoever
 * may apply for the official; anyone else finds no such official.
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { PolicyError } from '../../policy/errors.js';
import type { I18nText, TimeLimit, ApplicationAnchor } from '../../policy/model.js';
import { applicationWindowOf, windowText } from '../cases/application-window.js';
import { requireDay } from '../cases/text-input.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { AppError } from '../errors.js';
import { jurisdictions, officials, units } from '../tables.js';
import { officialScope } from './officials.js';

export interface ApplicationWindowAnswer {
  /** Null: the measure sets no window (one may apply at any time). */
  readonly window: {
    readonly text: I18nText;
    readonly within: TimeLimit;
    readonly from: ApplicationAnchor;
    readonly duringInvestigation: boolean;
    readonly anchorOn: string | null;
    readonly lastDay: string | null;
    readonly basis: I18nText | null;
    /** An application made today would be in time. */
    readonly inTime: boolean;
  } | null;
}

export async function applicationWindowFor(
  ctx: AppContext,
  actor: Actor,
  officialId: string,
  query: { readonly conductDate: string; readonly notifiedOn?: string | undefined },
): Promise<ApplicationWindowAnswer> {
  const today = todayOf(ctx);
  const conductDate = requireDay('conductDate', query.conductDate, {
    what: { zh: '行为发生日期', en: 'the date of the conduct' },
  });
  const notifiedOn =
    query.notifiedOn === undefined
      ? null
      : requireDay('notifiedOn', query.notifiedOn, {
          what: { zh: '收到问责决定的日期', en: 'the day of notification' },
        });
  const scope = officialScope(actor);
  const [j] =
    scope === undefined
      ? []
      : await ctx.store.db
          .select({ packId: jurisdictions.packId, calendarId: jurisdictions.calendarId })
          .from(officials)
          .innerJoin(units, eq(units.id, officials.unitId))
          .innerJoin(jurisdictions, eq(jurisdictions.id, officials.managingJurisdictionId))
          .where(and(eq(officials.id, officialId), scope));
  if (!j) throw new AppError('NOT_FOUND', { officialId });
  let eff;
  try {
    eff = ctx.engine.at(j.packId, conductDate).eff;
  } catch (e) {
    if (e instanceof PolicyError) {
      throw new AppError('POLICY_INPUT', { code: e.code }, e.diagnostics[0]?.message);
    }
    throw e;
  }
  const w = applicationWindowOf(ctx, j.calendarId, eff, { conductDate, notifiedOn });
  if (w === null) return { window: null };
  return {
    window: {
      text: windowText(w),
      within: w.within,
      from: w.from,
      duringInvestigation: w.duringInvestigation,
      anchorOn: w.anchorOn,
      lastDay: w.lastDay,
      basis: w.basis,
      inTime: w.lastDay === null ? w.duringInvestigation : today <= w.lastDay,
    },
  };
}
