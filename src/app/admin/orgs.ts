/**
 * The organization as an administrator manages it: the jurisdictions and units inside their
 * scope (each jurisdiction with its bound policy pack and working-day calendar), adding a unit and
 * renaming a jurisdiction or a unit, and a jurisdiction's settings (whether an applicant sees the
 * engine's preliminary assessment while applying). Each write runs in one transaction with its
 * admin_events row.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { createUnit } from '../org.js';
import { jurisdictions, readLog, units } from '../tables.js';
import { recordAdminEvent } from './events.js';
import { adminScopes, inScopes, pathInScopes, requireAdmin, requireUserReader } from './scope.js';

export interface OrgJurisdiction {
  readonly id: string;
  /** The parent, or null when it is a root or its parent lies outside the administrator's scope. */
  readonly parentId: string | null;
  readonly level: string;
  readonly name: I18nText;
  readonly pack: { readonly id: string; readonly title: I18nText | null };
  readonly calendar: {
    readonly id: string;
    readonly years: readonly { readonly year: number; readonly status: string }[];
  };
  /** Applicants see the engine's preliminary assessment (off: the form shows what is weighed). */
  readonly applicantAssessment: boolean;
  readonly abilities: { readonly rename: boolean; readonly addUnit: boolean };
}

export interface OrgUnit {
  readonly id: string;
  readonly jurisdictionId: string;
  /** The parent unit, or null under the jurisdiction directly (or above the scope). */
  readonly parentId: string | null;
  readonly name: I18nText;
  readonly kind: string;
  readonly officials: number;
  readonly abilities: { readonly rename: boolean; readonly addUnit: boolean };
}

export interface OrgTree {
  readonly jurisdictions: readonly OrgJurisdiction[];
  readonly units: readonly OrgUnit[];
}

const RW = { rename: true, addUnit: true } as const;

/**
 * The organization inside the actor's scope: read by the system administrator (who changes it)
 * and the security administrator (whose grants name its jurisdictions and units, read-only).
 */
export async function orgTree(ctx: AppContext, actor: Actor): Promise<OrgTree> {
  const scopes = requireUserReader(actor);
  const changes = adminScopes(actor);
  return ctx.store.tx(async (tx) => {
    // An administrator over a unit sees that unit's jurisdiction too (read-only), as its root.
    const js = await tx
      .select()
      .from(jurisdictions)
      .where(
        sql`(${pathInScopes(sql`${jurisdictions.path}`, scopes)}) OR EXISTS (
          SELECT 1 FROM units su WHERE su.jurisdiction_id = ${jurisdictions.id}
            AND (${pathInScopes(sql.raw('su.path'), scopes)}))`,
      )
      .orderBy(asc(jurisdictions.path));
    const us = await tx
      .select({
        id: units.id,
        jurisdictionId: units.jurisdictionId,
        parentId: units.parentId,
        path: units.path,
        nameZh: units.nameZh,
        nameEn: units.nameEn,
        kind: units.kind,
        // Qualified by hand: inside a subquery drizzle would leave the columns unqualified.
        officials: sql<number>`(SELECT count(*)::int FROM officials o WHERE o.unit_id = units.id)`,
      })
      .from(units)
      .where(pathInScopes(sql`${units.path}`, scopes))
      .orderBy(asc(units.path));
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'admin.organization',
      at: ctx.now(),
    });
    const jIds = new Set(js.map((j) => j.id));
    const uIds = new Set(us.map((u) => u.id));
    return {
      jurisdictions: js.map((j) => {
        const writable = inScopes(changes, j.path);
        const calendar = ctx.calendars.has(j.calendarId)
          ? ctx.calendars.get(j.calendarId)
          : undefined;
        return {
          id: j.id,
          parentId: j.parentId !== null && jIds.has(j.parentId) ? j.parentId : null,
          level: j.level,
          name: { zh: j.nameZh, en: j.nameEn },
          pack: {
            id: j.packId,
            title: ctx.engine.packs.has(j.packId) ? ctx.engine.packs.get(j.packId).title : null,
          },
          calendar: {
            id: j.calendarId,
            years: (calendar?.publishedYears() ?? []).map((year) => ({
              year,
              status: calendar!.yearData(year).status,
            })),
          },
          applicantAssessment: j.applicantAssessment,
          abilities: { rename: writable, addUnit: writable },
        };
      }),
      units: us.map((u) => ({
        id: u.id,
        jurisdictionId: u.jurisdictionId,
        parentId: u.parentId !== null && uIds.has(u.parentId) ? u.parentId : null,
        name: { zh: u.nameZh, en: u.nameEn },
        kind: u.kind,
        officials: Number(u.officials),
        abilities: changes.length > 0 ? RW : { rename: false, addUnit: false },
      })),
    };
  });
}

export interface NameInput {
  readonly nameZh: string;
  readonly nameEn: string;
}

function names(input: NameInput): NameInput {
  const nameZh = input.nameZh.trim();
  const nameEn = input.nameEn.trim();
  if (nameZh === '') throw invalid('nameZh', '请填写中文名称。', 'enter the Chinese name.');
  if (nameEn === '') throw invalid('nameEn', '请填写英文名称。', 'enter the English name.');
  return { nameZh, nameEn };
}

export interface AddUnitInput extends NameInput {
  readonly jurisdictionId: string;
  readonly parentId?: string | null;
  readonly kind?: string;
}

export async function addUnit(
  ctx: AppContext,
  actor: Actor,
  input: AddUnitInput,
): Promise<{ id: string }> {
  const scopes = requireAdmin(actor);
  const n = names(input);
  return ctx.store.tx(async (tx) => {
    // The new unit's place: the parent unit, else the jurisdiction; it must be administered.
    let parentPath: string | undefined;
    if (input.parentId) {
      const [p] = await tx
        .select({ path: units.path, jurisdictionId: units.jurisdictionId })
        .from(units)
        .where(eq(units.id, input.parentId));
      if (!p || p.jurisdictionId !== input.jurisdictionId) {
        throw new AppError('ORG_NOT_FOUND', { field: 'parentId' });
      }
      parentPath = p.path;
    } else {
      const [j] = await tx
        .select({ path: jurisdictions.path })
        .from(jurisdictions)
        .where(eq(jurisdictions.id, input.jurisdictionId));
      if (!j) throw new AppError('ORG_NOT_FOUND', { field: 'jurisdictionId' });
      parentPath = j.path;
    }
    if (!inScopes(scopes, parentPath)) {
      throw new AppError('ADMIN_OUT_OF_SCOPE', {
        field: input.parentId ? 'parentId' : 'jurisdictionId',
      });
    }
    const row = await createUnit(
      ctx,
      {
        jurisdictionId: input.jurisdictionId,
        ...(input.parentId ? { parentId: input.parentId } : {}),
        ...n,
        ...(input.kind ? { kind: input.kind } : {}),
      },
      tx,
    );
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'unit.create',
        targetKind: 'unit',
        targetId: row.id,
        scopePath: row.path,
        at: ctx.now(),
        payload: { jurisdictionId: input.jurisdictionId, parentId: input.parentId ?? null, ...n },
      },
      ctx.settings.crypto.trailHash,
    );
    return { id: row.id };
  });
}

export async function renameJurisdiction(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: NameInput,
): Promise<void> {
  const scopes = requireAdmin(actor);
  const n = names(input);
  await ctx.store.tx(async (tx) => {
    const [j] = await tx.select().from(jurisdictions).where(eq(jurisdictions.id, id)).for('update');
    if (!j) throw new AppError('ORG_NOT_FOUND', { field: 'id' });
    if (!inScopes(scopes, j.path)) throw new AppError('ADMIN_OUT_OF_SCOPE', { field: 'id' });
    if (j.nameZh === n.nameZh && j.nameEn === n.nameEn) return;
    await tx.update(jurisdictions).set(n).where(eq(jurisdictions.id, id));
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'jurisdiction.rename',
        targetKind: 'jurisdiction',
        targetId: id,
        scopePath: j.path,
        at: ctx.now(),
        payload: { before: { nameZh: j.nameZh, nameEn: j.nameEn }, after: n },
      },
      ctx.settings.crypto.trailHash,
    );
  });
}

export async function renameUnit(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: NameInput,
): Promise<void> {
  const scopes = requireAdmin(actor);
  const n = names(input);
  await ctx.store.tx(async (tx) => {
    const [u] = await tx.select().from(units).where(eq(units.id, id)).for('update');
    if (!u) throw new AppError('ORG_NOT_FOUND', { field: 'id' });
    if (!inScopes(scopes, u.path)) throw new AppError('ADMIN_OUT_OF_SCOPE', { field: 'id' });
    if (u.nameZh === n.nameZh && u.nameEn === n.nameEn) return;
    await tx.update(units).set(n).where(eq(units.id, id));
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'unit.rename',
        targetKind: 'unit',
        targetId: id,
        scopePath: u.path,
        at: ctx.now(),
        payload: { before: { nameZh: u.nameZh, nameEn: u.nameEn }, after: n },
      },
      ctx.settings.crypto.trailHash,
    );
  });
}

/**
 * Whether applicants of a jurisdiction see the engine's preliminary assessment while applying
 * (jurisdictions.applicant_assessment, migration 0012). Off by default: the application form then
 * shows which conditions the measure weighs, not a predicted outcome — the committee decides, and
 * a predicted outcome read as a promise is what a department wants to avoid.
 */
export async function setApplicantAssessment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  enabled: boolean,
): Promise<void> {
  const scopes = requireAdmin(actor);
  await ctx.store.tx(async (tx) => {
    const [j] = await tx.select().from(jurisdictions).where(eq(jurisdictions.id, id)).for('update');
    if (!j) throw new AppError('ORG_NOT_FOUND', { field: 'id' });
    if (!inScopes(scopes, j.path)) throw new AppError('ADMIN_OUT_OF_SCOPE', { field: 'id' });
    if (j.applicantAssessment === enabled) return;
    await tx
      .update(jurisdictions)
      .set({ applicantAssessment: enabled })
      .where(eq(jurisdictions.id, id));
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'jurisdiction.applicant_assessment',
        targetKind: 'jurisdiction',
        targetId: id,
        scopePath: j.path,
        at: ctx.now(),
        payload: { before: j.applicantAssessment, after: enabled },
      },
      ctx.settings.crypto.trailHash,
    );
  });
}
