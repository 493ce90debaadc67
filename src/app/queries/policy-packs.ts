/**
 * Which policy packs an actor sees listed, and where each applies. A pack is listed to a user
 * when it governs a jurisdiction they work in — the jurisdictions of their grants' scopes (the
 * scope's own jurisdiction and those above it, and for a jurisdiction scope those below it too),
 * and for an official the jurisdiction that manages them — with every pack those extend (a local
 * measure rests on the national rules). Policy administrators and administrators see every pack,
 * also the reference packs no jurisdiction uses (the NASA ASRS pack). Packs are public measures,
 * not personnel data: the list is not written to the read log.
 */
import { asc, eq, inArray, like, or, type SQL } from 'drizzle-orm';
import type { Actor, Role } from '../../domain/roles.js';
import { hasRole } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { jurisdictions, officials } from '../tables.js';
import { escapeLike } from './paging.js';

/** Roles that see every pack, the reference packs among them. */
export const ALL_PACKS_ROLES: readonly Role[] = ['policy_admin', 'admin'];

/** How many jurisdictions a pack's entry names; the rest are counted. */
export const APPLIES_IN_NAMED = 3;

export interface PackReach {
  /** Jurisdictions in the actor's view the pack governs, by path (at most APPLIES_IN_NAMED). */
  readonly names: readonly { readonly id: string; readonly name: I18nText }[];
  /** How many jurisdictions in the actor's view it governs in all. */
  readonly count: number;
}

export interface ActorPacks {
  /** Whether the actor sees every pack (reference packs too). */
  readonly all: boolean;
  /** The packs governing the jurisdictions the actor works in, by pack id. */
  readonly reach: ReadonlyMap<string, PackReach>;
}

/** '/a/b/u:x/' → ['/a/', '/a/b/', '/a/b/u:x/']: the scope's path and every path above it. */
export function pathsAbove(path: string): string[] {
  const parts = path.split('/').filter((p) => p !== '');
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/** The jurisdictions the actor works in, as one SQL condition; undefined when none. */
async function workplaces(ctx: AppContext, actor: Actor): Promise<SQL | undefined> {
  const above = new Set<string>();
  const below = new Set<string>();
  for (const g of actor.grants) {
    if (g.scopePath === '') continue;
    for (const p of pathsAbove(g.scopePath)) above.add(p);
    if (g.scopeKind === 'jurisdiction') below.add(g.scopePath);
  }
  if (actor.officialId !== null) {
    const [own] = await ctx.store.db
      .select({ path: jurisdictions.path })
      .from(officials)
      .innerJoin(jurisdictions, eq(jurisdictions.id, officials.managingJurisdictionId))
      .where(eq(officials.id, actor.officialId));
    if (own) for (const p of pathsAbove(own.path)) above.add(p);
  }
  const conds: SQL[] = [];
  if (above.size > 0) conds.push(inArray(jurisdictions.path, [...above]));
  for (const root of below) conds.push(like(jurisdictions.path, `${escapeLike(root)}%`));
  return conds.length === 0 ? undefined : or(...conds);
}

/** The packs listed to `actor`, with where each applies in their view. */
export async function packsForActor(ctx: AppContext, actor: Actor): Promise<ActorPacks> {
  const all = ALL_PACKS_ROLES.some((r) => hasRole(actor, r));
  const where = await workplaces(ctx, actor);
  const reach = new Map<string, { names: { id: string; name: I18nText }[]; count: number }>();
  if (where !== undefined) {
    const rows = await ctx.store.db
      .select({
        id: jurisdictions.id,
        nameZh: jurisdictions.nameZh,
        nameEn: jurisdictions.nameEn,
        packId: jurisdictions.packId,
      })
      .from(jurisdictions)
      .where(where)
      .orderBy(asc(jurisdictions.path));
    for (const r of rows) {
      const entry = reach.get(r.packId) ?? { names: [], count: 0 };
      entry.count += 1;
      if (entry.names.length < APPLIES_IN_NAMED) {
        entry.names.push({ id: r.id, name: { zh: r.nameZh, en: r.nameEn } });
      }
      reach.set(r.packId, entry);
    }
  }
  // The packs these extend apply too (the national rules under a local measure).
  const packs = ctx.engine.packs;
  for (const id of [...reach.keys()]) {
    const seen = new Set([id]);
    let parent = packs.has(id) ? packs.get(id).extends : undefined;
    while (parent !== undefined && packs.has(parent) && !seen.has(parent)) {
      seen.add(parent);
      if (!reach.has(parent)) reach.set(parent, { names: [], count: 0 });
      parent = packs.get(parent).extends;
    }
  }
  return { all, reach };
}

/** Whether the pack is listed to the actor. */
export function listed(packs: ActorPacks, packId: string): boolean {
  return packs.all || packs.reach.has(packId);
}
