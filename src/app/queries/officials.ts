/**
 * The officials an actor may open a matter for, paged and searchable by name: themself (an
 * official applies for themself); the officials of their unit subtree (a unit's party
 * organization applies on their behalf); and the officials managed within their jurisdiction
 * subtree (intake officers and investigators record accountability matters against them). The
 * scope is applied in SQL, and each official carries what the actor may open for them — the same
 * rules submit-application.ts and open-ex-officio.ts enforce when the matter is opened. Each list
 * is written to the read log: it shows personnel data.
 */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../shared/limits.js';
import { and, asc, count, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import { within, type Actor, type Role } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { jurisdictions, officials, readLog, units } from '../tables.js';
import { escapeLike, pageNumber } from './paging.js';

export interface ListOfficialsInput {
  /** Part of the official's name. */
  readonly q?: string;
  /** 1-based. Default 1. */
  readonly page?: number;
  /** 1–100. Default 20. */
  readonly pageSize?: number;
}

export interface OfficialItem {
  readonly id: string;
  readonly name: string;
  readonly position: I18nText;
  readonly unit: { readonly id: string; readonly name: I18nText };
  /** The jurisdiction whose organization department manages the official, and its policy pack. */
  readonly jurisdiction: { readonly id: string; readonly name: I18nText; readonly packId: string };
  /** What the actor may open for this official. */
  readonly abilities: { readonly apply: boolean; readonly recordAccountabilityMatter: boolean };
}

export interface OfficialsPage {
  readonly items: readonly OfficialItem[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** Roles that open an accountability matter (ex officio) over a jurisdiction subtree. */
const EX_OFFICIO_ROLES: readonly Role[] = ['intake', 'investigator'];

function unitRoots(actor: Actor): string[] {
  return actor.grants
    .filter((g) => g.role === 'unit_party' && g.scopeKind === 'unit' && g.scopePath !== '')
    .map((g) => g.scopePath);
}

function jurisdictionRoots(actor: Actor): string[] {
  return actor.grants
    .filter(
      (g) =>
        EX_OFFICIO_ROLES.includes(g.role) && g.scopeKind === 'jurisdiction' && g.scopePath !== '',
    )
    .map((g) => g.scopePath);
}

/** The SQL condition for "officials the actor may open a matter for", undefined for none. */
export function officialScope(actor: Actor): SQL | undefined {
  const conds: SQL[] = [];
  if (actor.officialId !== null) conds.push(eq(officials.id, actor.officialId));
  for (const root of new Set(unitRoots(actor))) {
    conds.push(like(units.path, `${escapeLike(root)}%`));
  }
  for (const root of new Set(jurisdictionRoots(actor))) {
    conds.push(like(jurisdictions.path, `${escapeLike(root)}%`));
  }
  return conds.length === 0 ? undefined : or(...conds);
}

export async function listOfficials(
  ctx: AppContext,
  actor: Actor,
  input: ListOfficialsInput = {},
): Promise<OfficialsPage> {
  const page = pageNumber(input.page, 'page', 1, 1_000_000);
  const pageSize = pageNumber(input.pageSize, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const q = typeof input.q === 'string' ? input.q.trim() : '';
  if (q.length > 50) {
    throw invalid('q', '搜索词不能超过 50 个字符。', 'use at most 50 characters.');
  }
  const scope = officialScope(actor);
  if (scope === undefined) return { items: [], total: 0, page, pageSize };
  const condition = and(scope, q === '' ? undefined : ilike(officials.name, `%${escapeLike(q)}%`));

  return ctx.store.tx(async (tx) => {
    const [{ total } = { total: 0 }] = await tx
      .select({ total: count() })
      .from(officials)
      .innerJoin(units, eq(units.id, officials.unitId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, officials.managingJurisdictionId))
      .where(condition);
    const rows = await tx
      .select({
        id: officials.id,
        name: officials.name,
        positionZh: officials.positionZh,
        positionEn: officials.positionEn,
        unitId: units.id,
        unitPath: units.path,
        unitNameZh: units.nameZh,
        unitNameEn: units.nameEn,
        jurisdictionId: jurisdictions.id,
        jurisdictionPath: jurisdictions.path,
        jurisdictionNameZh: jurisdictions.nameZh,
        jurisdictionNameEn: jurisdictions.nameEn,
        packId: jurisdictions.packId,
      })
      .from(officials)
      .innerJoin(units, eq(units.id, officials.unitId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, officials.managingJurisdictionId))
      .where(condition)
      // The actor themself first, then by name.
      .orderBy(
        ...(actor.officialId !== null
          ? [asc(sql`case when ${officials.id} = ${actor.officialId} then 0 else 1 end`)]
          : []),
        asc(officials.name),
        asc(officials.id),
      )
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'official.list',
      at: ctx.now(),
    });
    const unitScopes = unitRoots(actor);
    const jurisdictionScopes = jurisdictionRoots(actor);
    const items = rows.map((r): OfficialItem => ({
      id: r.id,
      name: r.name,
      position: { zh: r.positionZh, en: r.positionEn },
      unit: { id: r.unitId, name: { zh: r.unitNameZh, en: r.unitNameEn } },
      jurisdiction: {
        id: r.jurisdictionId,
        name: { zh: r.jurisdictionNameZh, en: r.jurisdictionNameEn },
        packId: r.packId,
      },
      abilities: {
        apply: r.id === actor.officialId || unitScopes.some((root) => within(r.unitPath, root)),
        recordAccountabilityMatter: jurisdictionScopes.some((root) =>
          within(r.jurisdictionPath, root),
        ),
      },
    }));
    return { items, total: Number(total), page, pageSize };
  });
}
