/**
 * What the work queue's filter bar offers (GET /api/cases/filters): the units inside the user's
 * read scope, for the unit tree picker, and the outcomes of the policies in force there, for the
 * outcome filter. Only names and ids: no personnel data.
 */
import { asc, eq, like, or } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { jurisdictions, units } from '../tables.js';
import { readScopeRoots } from './case-list.js';
import { escapeLike } from './paging.js';

/** The most units the picker gets; a larger scope is picked by a higher unit. */
export const UNIT_OPTIONS_LIMIT = 2_000;

export interface CaseFilterOptions {
  readonly units: readonly {
    readonly id: string;
    readonly parentId: string | null;
    readonly name: I18nText;
    readonly jurisdiction: { readonly id: string; readonly name: I18nText };
  }[];
  readonly unitsCapped: boolean;
  readonly outcomes: readonly { readonly id: string; readonly label: I18nText }[];
}

export async function caseFilterOptions(ctx: AppContext, actor: Actor): Promise<CaseFilterOptions> {
  const { jurisdictionPaths, unitPaths } = readScopeRoots(actor);
  if (jurisdictionPaths.length + unitPaths.length === 0) {
    return { units: [], unitsCapped: false, outcomes: [] };
  }
  const prefix = (column: typeof units.path | typeof jurisdictions.path, path: string) =>
    like(column, `${escapeLike(path)}%`);
  return ctx.store.tx(async (tx) => {
    const rows = await tx
      .select({
        id: units.id,
        parentId: units.parentId,
        nameZh: units.nameZh,
        nameEn: units.nameEn,
        jurisdictionId: jurisdictions.id,
        jurisdictionZh: jurisdictions.nameZh,
        jurisdictionEn: jurisdictions.nameEn,
        packId: jurisdictions.packId,
      })
      .from(units)
      .innerJoin(jurisdictions, eq(jurisdictions.id, units.jurisdictionId))
      .where(
        or(
          ...jurisdictionPaths.map((p) => prefix(units.path, p)),
          ...unitPaths.map((p) => prefix(units.path, p)),
        ),
      )
      .orderBy(asc(units.path))
      .limit(UNIT_OPTIONS_LIMIT + 1);
    const packs = jurisdictionPaths.length
      ? await tx
          .selectDistinct({ packId: jurisdictions.packId })
          .from(jurisdictions)
          .where(or(...jurisdictionPaths.map((p) => prefix(jurisdictions.path, p))))
      : [];
    const packIds = new Set([...packs.map((p) => p.packId), ...rows.map((r) => r.packId)]);
    const shown = rows.slice(0, UNIT_OPTIONS_LIMIT);
    const ids = new Set(shown.map((r) => r.id));
    return {
      units: shown.map((r) => ({
        id: r.id,
        // A unit whose parent is outside the scope is a root of the picker.
        parentId: r.parentId !== null && ids.has(r.parentId) ? r.parentId : null,
        name: { zh: r.nameZh, en: r.nameEn },
        jurisdiction: {
          id: r.jurisdictionId,
          name: { zh: r.jurisdictionZh, en: r.jurisdictionEn },
        },
      })),
      unitsCapped: rows.length > UNIT_OPTIONS_LIMIT,
      outcomes: outcomesOf(ctx, [...packIds].sort()),
    };
  });
}

/** A pack's ladder in force on a day; none when no version is (its cases keep their own). */
function ladderInForce(
  ctx: AppContext,
  packId: string,
  day: string,
): readonly { id: string; label: I18nText }[] {
  try {
    return ctx.engine.at(packId, day).outcomes;
  } catch {
    return [];
  }
}

/** The outcomes of the packs' ladders in force today, each once, in ladder order. */
function outcomesOf(ctx: AppContext, packIds: readonly string[]): CaseFilterOptions['outcomes'] {
  const today = todayOf(ctx);
  const seen = new Map<string, I18nText>();
  for (const packId of packIds) {
    const ladder = ladderInForce(ctx, packId, today);
    for (const o of ladder) if (!seen.has(o.id)) seen.set(o.id, o.label);
  }
  return [...seen].map(([id, label]) => ({ id, label }));
}
