/**
 * Rate-limited sign-ins as security events, a bounded number of rows however long the flood
 * (migration 0037). A guesser who keeps knocking at the rate limit (login.ts: 10 attempts a
 * minute per address) was written one row per refused attempt; now, per (client address,
 * username) and rate-limit window — the time until the address is admitted again:
 *
 * - the window's **first** refusal is written at once (`attempts: 1`), so the security
 *   administrator sees the flood as it starts;
 * - the **later** refusals of the window are only counted, on the pair's row of
 *   `login_rate_limited`, and written as **one summary row** once the window is over
 *   (`attempts: n`, `summary: true`, the first and last refusal's time) — by the pair's next
 *   refusal in a later window, or by the minute's background job (`summariseRateLimited`).
 *
 * So a window writes at most two rows per pair, and their `attempts` add up to the refusals.
 * Plain rather than clever: the security events are hash-chained and never updated (migration
 * 0031's trigger), so a row cannot count on after it is written; the count waits in a table of
 * its own, which nobody audits, for a few minutes at most.
 */
import { and, eq, lte } from 'drizzle-orm';
import type { TrailHash } from '../../domain/digest.js';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { loginRateLimited, type Schema } from '../tables.js';
import { recordSecurityEventIn, type SecurityEventInput } from './security-events.js';

type Pending = typeof loginRateLimited.$inferSelect;

/** The summary of a window's refusals after its first, or nothing when there were none. */
async function writeSummary(tx: Tx<Schema>, alg: TrailHash, row: Pending, at: Date): Promise<void> {
  if (row.unrecorded === 0) return;
  await recordSecurityEventIn(tx, alg, {
    kind: 'login.rate_limited',
    at,
    username: row.username,
    ip: row.ip,
    method: 'POST',
    route: '/api/auth/login',
    details: {
      attempts: row.unrecorded,
      summary: true,
      from: row.firstAt.toISOString(),
      to: row.lastAt.toISOString(),
    },
  });
}

/**
 * Notes a refused attempt (call it in the sign-in's transaction, under its per-address lock):
 * the first of its window is written as an event, a later one counted. `windowEnds` is when the
 * address is admitted again.
 */
export async function noteRateLimited(
  tx: Tx<Schema>,
  alg: TrailHash,
  e: SecurityEventInput & { readonly ip: string; readonly username: string },
  windowEnds: Date,
): Promise<void> {
  const key = { ip: e.ip.slice(0, 64), username: e.username.slice(0, 128) };
  const [pending] = await tx.select().from(loginRateLimited).where(pairIs(key)).for('update');
  if (pending && pending.windowEnds.getTime() > e.at.getTime()) {
    await tx
      .update(loginRateLimited)
      .set({ unrecorded: pending.unrecorded + 1, lastAt: e.at })
      .where(pairIs(key));
    return;
  }
  // A new window: the last one's count first, then this refusal as the window's first row.
  if (pending) await writeSummary(tx, alg, pending, e.at);
  await recordSecurityEventIn(tx, alg, { ...e, details: { ...e.details, attempts: 1 } });
  const fresh = { windowEnds, firstAt: e.at, lastAt: e.at, unrecorded: 0 };
  await tx
    .insert(loginRateLimited)
    .values({ ...key, ...fresh })
    .onConflictDoUpdate({ target: [loginRateLimited.ip, loginRateLimited.username], set: fresh });
}

function pairIs(key: { ip: string; username: string }) {
  return and(eq(loginRateLimited.ip, key.ip), eq(loginRateLimited.username, key.username));
}

/**
 * Writes the summaries of the windows that are over and forgets them (the minute's job, and
 * tests); returns how many rows it wrote.
 */
export async function summariseRateLimited(ctx: AppContext): Promise<number> {
  return ctx.store.tx(async (tx) => {
    const now = ctx.now();
    const over = await tx
      .delete(loginRateLimited)
      .where(lte(loginRateLimited.windowEnds, now))
      .returning();
    const alg = ctx.settings.crypto.trailHash;
    for (const row of over) await writeSummary(tx, alg, row, now);
    return over.filter((r) => r.unrecorded > 0).length;
  });
}
