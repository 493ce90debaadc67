/**
 * The hash chains of the read log, the administration trail and the security events (migration
 * 0031), built like the case trail (src/domain/audit-chain.ts): each row has a seq, the previous
 * link's hash and its own link `chainLink(alg, prev, canonicalJson(body))`, with the hash chosen
 * per installation (ctx.settings.crypto.trailHash; each link says which, `hashOfLink`). One head
 * per chain (`chain_heads`) holds the last seq and link; whoever appends locks it
 * (SELECT … FOR UPDATE), so several app instances on one PostgreSQL append one after the other.
 *
 * When each chain is linked:
 *
 * - **admin_events** and **security_events** are linked as they are written, in the writer's
 *   transaction (`appendLink`): rows are few, and the change and its link commit together.
 * - **read_log** rows are written as before, in the reader's transaction, and **sealed** into the
 *   chain by a short transaction of their own (`sealReadLog`): the background job every minute and
 *   the web app's verification before it checks. Linking in the reader's transaction would queue
 *   every read in the country on one row, and a case is read in a repeatable-read transaction
 *   (queries/case-view.ts), where locking a head another reader moved since the snapshot fails
 *   with a serialization error. The cost: a read-log row is covered from its sealing (within about
 *   a minute), not from its writing; `audit verify` counts the rows still waiting.
 *
 * Rows written before the chains existed (before migration 0031) are not chained afterwards: a
 * link made today over a row of last year would certify whatever the row holds today, which nobody
 * can vouch for, and linking millions of old read-log rows would hold the first start for long.
 * So each chain starts at the first row written after the migration (`unchained_below`, the first
 * id it covers); verification counts the rows before it as "before the chain" and treats a row at
 * or after it without a link (but a read-log row waiting to be sealed) as a break.
 */
import { and, asc, count, eq, gt, gte, isNull, lt, lte, min } from 'drizzle-orm';
import { canonicalJson } from '../../domain/audit-chain.js';
import { chainLink, hashOfLink, type TrailHash } from '../../domain/digest.js';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db.js';
import { adminEvents, chainHeads, readLog, securityEvents, type Schema } from '../tables.js';

export const CHAINS = ['read_log', 'admin_events', 'security_events'] as const;
export type ChainName = (typeof CHAINS)[number];

export interface Link {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** A value as it comes back from a jsonb column (dates as strings, undefined dropped). */
export function asStored(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

async function lockHead(tx: Tx<Schema>, chain: ChainName) {
  const [head] = await tx
    .select({ count: chainHeads.count, hash: chainHeads.hash })
    .from(chainHeads)
    .where(eq(chainHeads.chain, chain))
    .for('update');
  if (!head) throw new Error(`chain head '${chain}' is missing (migration 0031 not applied?)`);
  return head;
}

/**
 * The next link of `chain` over `bodyOf(seq)`, the head moved on: call it in the transaction that
 * writes the row, and write the row with the link.
 */
export async function appendLink(
  tx: Tx<Schema>,
  chain: ChainName,
  alg: TrailHash,
  bodyOf: (seq: number) => unknown,
): Promise<Link> {
  const head = await lockHead(tx, chain);
  const seq = head.count + 1;
  const hash = chainLink(alg, head.hash, canonicalJson(bodyOf(seq)));
  await tx.update(chainHeads).set({ count: seq, hash }).where(eq(chainHeads.chain, chain));
  return { seq, prevHash: head.hash, hash };
}

// What each chain's link covers: every column but the id and the link itself.

export interface AdminEventFields {
  readonly actorId: string;
  readonly action: string;
  readonly targetKind: string;
  readonly targetId: string;
  readonly scopePath: string;
  readonly at: Date;
  readonly payload: unknown;
}

export function adminEventBody(seq: number, r: AdminEventFields): unknown {
  return {
    seq,
    actorId: r.actorId,
    action: r.action,
    targetKind: r.targetKind,
    targetId: r.targetId,
    scopePath: r.scopePath,
    at: r.at.toISOString(),
    payload: asStored(r.payload),
  };
}

export interface SecurityEventFields {
  readonly at: Date;
  readonly kind: string;
  readonly userId: string | null;
  readonly username: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly method: string;
  readonly route: string;
  readonly requestId: string;
  readonly details: unknown;
  readonly scopePath: string;
}

/**
 * A security event's link covers its scope path (migration 0037) only when there is one: the rows
 * written before the column existed ('') keep the links they were written with, and a path set or
 * cleared afterwards still changes what the link covers.
 */
export function securityEventBody(seq: number, r: SecurityEventFields): unknown {
  return {
    ...(r.scopePath === '' ? {} : { scopePath: r.scopePath }),
    seq,
    at: r.at.toISOString(),
    kind: r.kind,
    userId: r.userId,
    username: r.username,
    ip: r.ip,
    userAgent: r.userAgent,
    method: r.method,
    route: r.route,
    requestId: r.requestId,
    details: asStored(r.details),
  };
}

interface ReadLogFields {
  readonly id: number;
  readonly userId: string;
  readonly caseId: string | null;
  readonly jurisdictionId: string | null;
  readonly what: string;
  readonly at: Date;
  readonly detail: unknown;
}

/** A read-log row is sealed after it is written, so its link covers its id too. */
export function readLogBody(seq: number, r: ReadLogFields): unknown {
  return {
    seq,
    id: r.id,
    userId: r.userId,
    caseId: r.caseId,
    jurisdictionId: r.jurisdictionId,
    what: r.what,
    at: r.at.toISOString(),
    detail: asStored(r.detail),
  };
}

/** Rows sealed per transaction: short enough not to hold the head for long. */
export const SEAL_BATCH = 500;

/**
 * Seals the read-log rows written since the last sealing into the chain, in id order, a batch per
 * short transaction; returns how many it sealed.
 */
export async function sealReadLog(ctx: AppContext): Promise<number> {
  const alg = ctx.settings.crypto.trailHash;
  let total = 0;
  for (;;) {
    const n = await ctx.store.tx(async (tx) => {
      const head = await lockHead(tx, 'read_log');
      const [limits] = await tx
        .select({ from: chainHeads.unchainedBelow })
        .from(chainHeads)
        .where(eq(chainHeads.chain, 'read_log'));
      const rows = await tx
        .select()
        .from(readLog)
        .where(and(isNull(readLog.seq), gte(readLog.id, limits!.from)))
        .orderBy(asc(readLog.id))
        .limit(SEAL_BATCH);
      let seq = head.count;
      let prev = head.hash;
      for (const r of rows) {
        seq++;
        const hash = chainLink(alg, prev, canonicalJson(readLogBody(seq, r)));
        await tx.update(readLog).set({ seq, prevHash: prev, hash }).where(eq(readLog.id, r.id));
        prev = hash;
      }
      if (rows.length > 0) {
        await tx
          .update(chainHeads)
          .set({ count: seq, hash: prev })
          .where(eq(chainHeads.chain, 'read_log'));
      }
      return rows.length;
    });
    total += n;
    if (n < SEAL_BATCH) return total;
  }
}

// ---- Verification -------------------------------------------------------------------------------

export type TrailBreakKind = 'altered' | 'broken_link' | 'missing' | 'head_mismatch' | 'unchained';

export interface TrailBreak {
  readonly chain: ChainName;
  readonly kind: TrailBreakKind;
  /** The row where the chain breaks (for a head mismatch the last row, for 'missing' the row found in the gap). */
  readonly id: number | null;
  /** Its seq; for 'missing' the seq that is missing. */
  readonly seq: number | null;
  /** For a head mismatch: the last seq the head records and the last found. */
  readonly expectedCount?: number;
  readonly actualCount?: number;
}

export interface TrailCheck {
  readonly chain: ChainName;
  /** Links checked. */
  readonly rows: number;
  /** Rows written before the chain existed (not covered). */
  readonly before: number;
  /** Read-log rows not sealed yet (always 0 for the other chains). */
  readonly pending: number;
  /** Rows purged at the retention's end (the chain verifies from the last purged link). */
  readonly purgedThrough: number;
  /** The hashes the links were written with (`hashOfLink`), in the order first met. */
  readonly hashes: readonly TrailHash[];
  readonly firstBreak?: TrailBreak;
}

interface StoredLink {
  readonly id: number;
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  readonly body: unknown;
}

const PAGE = 2_000;

async function linksPage(
  db: AnyDb,
  chain: ChainName,
  afterSeq: number,
  upto: number,
): Promise<StoredLink[]> {
  if (chain === 'admin_events') {
    const rows = await db
      .select()
      .from(adminEvents)
      .where(and(gt(adminEvents.seq, afterSeq), lte(adminEvents.seq, upto)))
      .orderBy(asc(adminEvents.seq))
      .limit(PAGE);
    return rows.map((r) => ({
      id: r.id,
      seq: r.seq!,
      prevHash: r.prevHash ?? '',
      hash: r.hash ?? '',
      body: adminEventBody(r.seq!, r),
    }));
  }
  if (chain === 'security_events') {
    const rows = await db
      .select()
      .from(securityEvents)
      .where(and(gt(securityEvents.seq, afterSeq), lte(securityEvents.seq, upto)))
      .orderBy(asc(securityEvents.seq))
      .limit(PAGE);
    return rows.map((r) => ({ ...r, body: securityEventBody(r.seq, r) }));
  }
  const rows = await db
    .select()
    .from(readLog)
    .where(and(gt(readLog.seq, afterSeq), lte(readLog.seq, upto)))
    .orderBy(asc(readLog.seq))
    .limit(PAGE);
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq!,
    prevHash: r.prevHash ?? '',
    hash: r.hash ?? '',
    body: readLogBody(r.seq!, r),
  }));
}

/** Rows before the chain, and rows at or after its start without a link (the first one's id). */
async function outside(db: AnyDb, chain: ChainName, from: number) {
  if (chain === 'security_events') return { before: 0, unlinked: 0, firstUnlinked: null };
  const t = chain === 'admin_events' ? adminEvents : readLog;
  const [before] = await db.select({ n: count() }).from(t).where(lt(t.id, from));
  const [unlinked] = await db
    .select({ n: count(), first: min(t.id) })
    .from(t)
    .where(and(isNull(t.seq), gte(t.id, from)));
  return {
    before: before?.n ?? 0,
    unlinked: unlinked?.n ?? 0,
    firstUnlinked: unlinked?.first ?? null,
  };
}

/** Checks one chain from its base (the last link purged, or the start) to its head. */
export async function verifyTrail(
  ctx: AppContext,
  chain: ChainName,
  onProgress?: (rows: number) => void,
): Promise<TrailCheck> {
  const db = ctx.store.db;
  const [head] = await db.select().from(chainHeads).where(eq(chainHeads.chain, chain));
  if (!head) throw new Error(`chain head '${chain}' is missing (migration 0031 not applied?)`);
  const out = await outside(db, chain, head.unchainedBelow);
  const pending = chain === 'read_log' ? out.unlinked : 0;
  const hashes: TrailHash[] = [];
  const base = {
    chain,
    before: out.before,
    pending,
    purgedThrough: head.baseSeq,
  };
  let prev = head.baseHash;
  let expected = head.baseSeq + 1;
  let rows = 0;
  let last: StoredLink | undefined;
  const broken = (b: Omit<TrailBreak, 'chain'>): TrailCheck => ({
    ...base,
    rows,
    hashes,
    firstBreak: { chain, ...b },
  });
  if (chain !== 'read_log' && out.unlinked > 0) {
    return broken({ kind: 'unchained', id: out.firstUnlinked, seq: null });
  }
  for (;;) {
    const page = await linksPage(db, chain, expected - 1, head.count);
    for (const l of page) {
      if (l.seq !== expected) return broken({ kind: 'missing', id: l.id, seq: expected });
      if (l.prevHash !== prev) return broken({ kind: 'broken_link', id: l.id, seq: l.seq });
      const alg = hashOfLink(l.hash);
      if (chainLink(alg, prev, canonicalJson(l.body)) !== l.hash) {
        return broken({ kind: 'altered', id: l.id, seq: l.seq });
      }
      if (!hashes.includes(alg)) hashes.push(alg);
      prev = l.hash;
      expected++;
      rows++;
      last = l;
    }
    onProgress?.(rows);
    if (page.length < PAGE) break;
  }
  if (expected - 1 !== head.count || prev !== head.hash) {
    return broken({
      kind: 'head_mismatch',
      id: last?.id ?? null,
      seq: last?.seq ?? null,
      expectedCount: head.count,
      actualCount: expected - 1,
    });
  }
  return { ...base, rows, hashes };
}

/** Checks the three chains, each to its first break. */
export async function verifyTrails(
  ctx: AppContext,
  onProgress?: (chain: ChainName, rows: number) => void,
): Promise<TrailCheck[]> {
  const out: TrailCheck[] = [];
  for (const chain of CHAINS) {
    out.push(await verifyTrail(ctx, chain, (n) => onProgress?.(chain, n)));
  }
  return out;
}
