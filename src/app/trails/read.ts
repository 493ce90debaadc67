/**
 * The audit administrator's reads of the trails: the read log, the administration events and the
 * security events, each filtered (time range in China days, user, kind or action, case number or
 * target), newest first, in keyset pages (`before` an id). Only the role `audit_admin` reads them,
 * and only within their grants' jurisdiction subtrees: a read-log row by its jurisdiction, an
 * administration event and a security event by its scope path (a security event's is its user's,
 * security-events.ts). Rows without a place (a read of no jurisdiction, an administration event of
 * no scope, a security event of an unknown username or written before migration 0037) are shown to
 * an audit administrator over a whole province (a top-level jurisdiction) only. No case content is shown: the case's number,
 * never its file. Each read is itself logged ('audit.*').
 */
import { and, desc, eq, gte, isNull, like, lt, or, type Column, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { canonicalJson } from '../../domain/audit-chain.js';
import type { Actor } from '../../domain/roles.js';
import type { SecurityEventKind } from '../../shared/security-events.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { escapeLike } from '../queries/paging.js';
import { adminEvents, cases, jurisdictions, readLog, securityEvents, users } from '../tables.js';

export interface AuditScope {
  /** The jurisdiction paths of the actor's audit_admin grants. */
  readonly paths: readonly string[];
  /** Whether the actor also sees rows of no jurisdiction (a grant over a top-level jurisdiction). */
  readonly wide: boolean;
}

/** The audit administrator's scope, or AUDIT_ROLE_REQUIRED. */
export function requireAuditAdmin(actor: Actor): AuditScope {
  const paths = actor.grants.filter((g) => g.role === 'audit_admin').map((g) => g.scopePath);
  if (paths.length === 0) throw new AppError('AUDIT_ROLE_REQUIRED');
  const wide = paths.some((p) => p.split('/').filter(Boolean).length <= 1);
  return { paths, wide };
}

export interface TrailFilters {
  /** China days, inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** A username, exactly. */
  readonly user?: string;
}

export interface PageInput {
  /** Rows with a smaller id than this (the next page). */
  readonly before?: number;
  readonly limit?: number;
}

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 500;

function timeRange(at: Column, f: TrailFilters): SQL[] {
  if (f.from && f.to && f.from > f.to) throw new AppError('AUDIT_RANGE_INVALID');
  const out: SQL[] = [];
  if (f.from) out.push(gte(at, new Date(`${f.from}T00:00:00+08:00`)));
  if (f.to) {
    const end = new Date(`${f.to}T00:00:00+08:00`);
    out.push(lt(at, new Date(end.getTime() + 86_400_000)));
  }
  return out;
}

function scoped(path: Column, scope: AuditScope, noPlace: SQL): SQL {
  const inScope = scope.paths.map((p) => like(path, `${escapeLike(p)}%`));
  return (scope.wide ? or(...inScope, noPlace) : or(...inScope))!;
}

function page<T extends { id: number }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextBefore: rows.length > limit ? items[items.length - 1]!.id : null };
}

const limitOf = (p: PageInput) =>
  Math.min(Math.max(p.limit ?? AUDIT_PAGE_DEFAULT, 1), AUDIT_PAGE_MAX);

// ---- the read log -------------------------------------------------------------------------------

export interface ReadLogFilters extends TrailFilters {
  /** What was read: a prefix, e.g. 'case.' or 'audit.'. */
  readonly what?: string;
  readonly caseNumber?: string;
}

export interface ReadLogItem {
  readonly id: number;
  readonly at: Date;
  readonly user: { readonly id: string; readonly username: string; readonly name: string } | null;
  readonly what: string;
  readonly caseNumber: string | null;
  readonly jurisdiction: { readonly id: string; readonly zh: string; readonly en: string } | null;
  /** Its seq in the chain; null until sealed. */
  readonly seq: number | null;
}

export async function readLogRows(
  ctx: AppContext,
  scope: AuditScope,
  f: ReadLogFilters,
  p: PageInput,
): Promise<{ items: ReadLogItem[]; nextBefore: number | null }> {
  const limit = limitOf(p);
  const conds: SQL[] = [
    ...timeRange(readLog.at, f),
    scoped(jurisdictions.path, scope, isNull(readLog.jurisdictionId)),
  ];
  if (p.before !== undefined) conds.push(lt(readLog.id, p.before));
  if (f.user) conds.push(eq(users.username, f.user));
  if (f.what) conds.push(like(readLog.what, `${escapeLike(f.what)}%`));
  if (f.caseNumber) conds.push(eq(cases.number, f.caseNumber));
  const rows = await ctx.store.db
    .select({
      id: readLog.id,
      at: readLog.at,
      userId: readLog.userId,
      username: users.username,
      name: users.displayName,
      what: readLog.what,
      caseNumber: cases.number,
      jurisdictionId: readLog.jurisdictionId,
      jurisdictionZh: jurisdictions.nameZh,
      jurisdictionEn: jurisdictions.nameEn,
      seq: readLog.seq,
    })
    .from(readLog)
    .leftJoin(users, eq(users.id, readLog.userId))
    .leftJoin(cases, eq(cases.id, readLog.caseId))
    .leftJoin(jurisdictions, eq(jurisdictions.id, readLog.jurisdictionId))
    .where(and(...conds))
    .orderBy(desc(readLog.id))
    .limit(limit + 1);
  return page(
    rows.map((r) => ({
      id: r.id,
      at: r.at,
      user: r.username ? { id: r.userId, username: r.username, name: r.name ?? '' } : null,
      what: r.what,
      caseNumber: r.caseNumber,
      jurisdiction: r.jurisdictionId
        ? { id: r.jurisdictionId, zh: r.jurisdictionZh ?? '', en: r.jurisdictionEn ?? '' }
        : null,
      seq: r.seq,
    })),
    limit,
  );
}

// ---- the administration events ------------------------------------------------------------------

export interface AdminEventFilters extends TrailFilters {
  /** The action: a prefix, e.g. 'user.' or 'user.grants'. */
  readonly action?: string;
  /** The target's id, exactly (a user id, a jurisdiction id …). */
  readonly target?: string;
}

export interface AdminEventItem {
  readonly id: number;
  readonly at: Date;
  readonly actor: { readonly id: string; readonly username: string; readonly name: string };
  readonly action: string;
  readonly targetKind: string;
  readonly targetId: string;
  readonly scopePath: string;
  /** What changed, as canonical JSON (never a password). */
  readonly payload: string;
  readonly seq: number | null;
}

export async function adminEventRows(
  ctx: AppContext,
  scope: AuditScope,
  f: AdminEventFilters,
  p: PageInput,
): Promise<{ items: AdminEventItem[]; nextBefore: number | null }> {
  const limit = limitOf(p);
  const actor = alias(users, 'actor');
  const conds: SQL[] = [
    ...timeRange(adminEvents.at, f),
    scoped(adminEvents.scopePath, scope, eq(adminEvents.scopePath, '')),
  ];
  if (p.before !== undefined) conds.push(lt(adminEvents.id, p.before));
  if (f.user) conds.push(eq(actor.username, f.user));
  if (f.action) conds.push(like(adminEvents.action, `${escapeLike(f.action)}%`));
  if (f.target) conds.push(eq(adminEvents.targetId, f.target));
  const rows = await ctx.store.db
    .select({
      id: adminEvents.id,
      at: adminEvents.at,
      actorId: adminEvents.actorId,
      username: actor.username,
      name: actor.displayName,
      action: adminEvents.action,
      targetKind: adminEvents.targetKind,
      targetId: adminEvents.targetId,
      scopePath: adminEvents.scopePath,
      payload: adminEvents.payload,
      seq: adminEvents.seq,
    })
    .from(adminEvents)
    .innerJoin(actor, eq(actor.id, adminEvents.actorId))
    .where(and(...conds))
    .orderBy(desc(adminEvents.id))
    .limit(limit + 1);
  return page(
    rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: { id: r.actorId, username: r.username, name: r.name },
      action: r.action,
      targetKind: r.targetKind,
      targetId: r.targetId,
      scopePath: r.scopePath,
      payload: canonicalJson(r.payload),
      seq: r.seq,
    })),
    limit,
  );
}

// ---- the security events ------------------------------------------------------------------------

export interface SecurityEventFilters extends TrailFilters {
  readonly kind?: SecurityEventKind;
}

export interface SecurityEventItem {
  readonly id: number;
  readonly at: Date;
  readonly kind: string;
  readonly userId: string | null;
  /** The account's username, or the username tried at a sign-in. */
  readonly username: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly method: string;
  readonly route: string;
  readonly requestId: string;
  readonly details: string;
  readonly seq: number;
}

export async function securityEventRows(
  ctx: AppContext,
  scope: AuditScope,
  f: SecurityEventFilters,
  p: PageInput,
): Promise<{ items: SecurityEventItem[]; nextBefore: number | null }> {
  const limit = limitOf(p);
  const conds: SQL[] = [
    ...timeRange(securityEvents.at, f),
    scoped(securityEvents.scopePath, scope, eq(securityEvents.scopePath, '')),
  ];
  if (p.before !== undefined) conds.push(lt(securityEvents.id, p.before));
  if (f.user) conds.push(or(eq(securityEvents.username, f.user), eq(users.username, f.user))!);
  if (f.kind) conds.push(eq(securityEvents.kind, f.kind));
  const rows = await ctx.store.db
    .select({ e: securityEvents, username: users.username })
    .from(securityEvents)
    .leftJoin(users, eq(users.id, securityEvents.userId))
    .where(and(...conds))
    .orderBy(desc(securityEvents.id))
    .limit(limit + 1);
  return page(
    rows.map(({ e, username }) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      userId: e.userId,
      username: username ?? e.username,
      ip: e.ip,
      userAgent: e.userAgent,
      method: e.method,
      route: e.route,
      requestId: e.requestId,
      details: canonicalJson(e.details),
      seq: e.seq,
    })),
    limit,
  );
}

/** Logs an audit administrator's read of a trail ('audit.read_log', 'audit.security_events.export' …). */
export async function logAuditRead(
  ctx: AppContext,
  actor: Actor,
  what: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await ctx.store.db.insert(readLog).values({
    userId: actor.userId,
    caseId: null,
    jurisdictionId: null,
    what,
    at: ctx.now(),
    detail,
  });
}
