/**
 * The end of a security event's retention (setting RONGCUO_SECURITY_EVENT_RETENTION_DAYS, at least
 * 180 days: Cybersecurity Law Art. 21). The purge removes a prefix of the chain — the rows before
 * the first one still young enough to keep — so that a younger row is never deleted, even one
 * written out of time order, and the chain still verifies: the head keeps the last purged link
 * (`base_seq`, `base_hash`) and verification starts from it.
 */
import { and, eq, gte, lt, max, min } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { chainHeads, securityEvents } from '../tables.js';

/** The floor the law sets, whatever the setting says. */
export const RETENTION_FLOOR_DAYS = 180;

const DAY_MS = 86_400_000;

/** Removes the security events past their retention; returns how many. */
export async function purgeSecurityEvents(ctx: AppContext): Promise<number> {
  const days = Math.max(RETENTION_FLOOR_DAYS, ctx.settings.audit.securityEventRetentionDays);
  const cutoff = new Date(ctx.now().getTime() - days * DAY_MS);
  return ctx.store.tx(async (tx) => {
    const [head] = await tx
      .select({ count: chainHeads.count, baseSeq: chainHeads.baseSeq })
      .from(chainHeads)
      .where(eq(chainHeads.chain, 'security_events'))
      .for('update');
    if (!head) return 0;
    const [young] = await tx
      .select({ first: min(securityEvents.seq) })
      .from(securityEvents)
      .where(gte(securityEvents.at, cutoff));
    // Everything before the first row to keep; with none to keep, everything (the head stays).
    const keepFrom = young?.first ?? head.count + 1;
    const [old] = await tx
      .select({ last: max(securityEvents.seq) })
      .from(securityEvents)
      .where(and(lt(securityEvents.seq, keepFrom), lt(securityEvents.at, cutoff)));
    const through = old?.last ?? null;
    if (through === null || through <= head.baseSeq) return 0;
    const [edge] = await tx
      .select({ hash: securityEvents.hash })
      .from(securityEvents)
      .where(eq(securityEvents.seq, through));
    const gone = await tx
      .delete(securityEvents)
      .where(lt(securityEvents.seq, through + 1))
      .returning({ id: securityEvents.id });
    await tx
      .update(chainHeads)
      .set({ baseSeq: through, baseHash: edge!.hash })
      .where(eq(chainHeads.chain, 'security_events'));
    return gone.length;
  });
}
