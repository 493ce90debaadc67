/**
 * Verifying the audit trail: every case's events are checked against their hash chain and the head
 * kept on the case row (src/domain/audit-chain.ts). Cases are read in pages by id (keyset
 * pagination, so memory stays flat with a million cases), each page's events in one query; the walk
 * stops at the first break and names it.
 */
import { asc, gt, inArray } from 'drizzle-orm';
import { hashesOf, verifyChain, type ChainBreak, type StoredEvent } from '../domain/audit-chain.js';
import type { TrailHash } from '../domain/digest.js';
import type { AppContext } from './context.js';
import { caseEvents, cases } from './tables.js';

export interface AuditBreak {
  readonly caseId: string;
  readonly caseNumber: string;
  /**
   * The event where the chain breaks: the altered event, the one whose link is broken, or the one
   * found where `seq` is missing; for a head mismatch the last event left (null when none).
   */
  readonly eventId: string | null;
  /** The broken event's seq; for 'missing' the seq that is missing. */
  readonly seq: number | null;
  readonly kind: ChainBreak['kind'];
  /** For a head mismatch: the count the case row expects and the events found. */
  readonly expectedCount?: number;
  readonly actualCount?: number;
}

export interface AuditResult {
  /** Cases checked (up to and including the broken one). */
  readonly cases: number;
  /** Events checked. */
  readonly events: number;
  /** The events checked by the hash their link was written with (SHA-256, SM3). */
  readonly hashes: Record<TrailHash, number>;
  readonly firstBreak?: AuditBreak;
}

export interface AuditOptions {
  /** Called after each page with the running totals. */
  readonly onProgress?: (p: { cases: number; events: number }) => void;
  /** Cases per page. Default 500. */
  readonly pageSize?: number;
}

export async function verifyAudit(ctx: AppContext, opts: AuditOptions = {}): Promise<AuditResult> {
  const pageSize = opts.pageSize ?? 500;
  let after: string | undefined;
  let caseCount = 0;
  let eventCount = 0;
  const hashes: Record<TrailHash, number> = { sha256: 0, sm3: 0 };
  for (;;) {
    const page = await ctx.store.tx(
      async (tx) => {
        const heads = await tx
          .select({
            id: cases.id,
            number: cases.number,
            eventCount: cases.eventCount,
            headHash: cases.headHash,
          })
          .from(cases)
          .where(after === undefined ? undefined : gt(cases.id, after))
          .orderBy(asc(cases.id))
          .limit(pageSize);
        const events =
          heads.length === 0
            ? []
            : await tx
                .select()
                .from(caseEvents)
                .where(
                  inArray(
                    caseEvents.caseId,
                    heads.map((h) => h.id),
                  ),
                )
                .orderBy(asc(caseEvents.caseId), asc(caseEvents.seq));
        return { heads, events };
      },
      { readOnly: true },
    );
    if (page.heads.length === 0) break;
    const byCase = new Map<string, StoredEvent[]>();
    for (const e of page.events) {
      const list = byCase.get(e.caseId) ?? [];
      list.push({
        id: e.id,
        caseId: e.caseId,
        seq: e.seq,
        type: e.type,
        step: e.step,
        actorId: e.actorId,
        at: e.at.toISOString(),
        reason: e.reason,
        payload: e.payload,
        prevHash: e.prevHash,
        hash: e.hash,
      });
      byCase.set(e.caseId, list);
    }
    for (const head of page.heads) {
      const events = byCase.get(head.id) ?? [];
      caseCount++;
      eventCount += events.length;
      const found = hashesOf(events);
      hashes.sha256 += found.sha256;
      hashes.sm3 += found.sm3;
      const broken = verifyChain(events, { count: head.eventCount, hash: head.headHash });
      if (broken) {
        return {
          cases: caseCount,
          events: eventCount,
          hashes,
          firstBreak: describe(head, events, broken),
        };
      }
    }
    opts.onProgress?.({ cases: caseCount, events: eventCount });
    after = page.heads[page.heads.length - 1]!.id;
    if (page.heads.length < pageSize) break;
  }
  return { cases: caseCount, events: eventCount, hashes };
}

function describe(
  head: { id: string; number: string },
  events: readonly StoredEvent[],
  b: ChainBreak,
): AuditBreak {
  const base = { caseId: head.id, caseNumber: head.number, kind: b.kind };
  if (b.kind === 'head_mismatch') {
    const last = events[events.length - 1];
    return {
      ...base,
      eventId: last ? String(last.id) : null,
      seq: last ? last.seq : null,
      expectedCount: b.expectedCount,
      actualCount: b.actualCount,
    };
  }
  if (b.kind === 'missing') {
    return {
      ...base,
      // The missing seq, and the event found in its place.
      eventId: b.event ? String(b.event.id) : null,
      seq: b.expectedSeq,
    };
  }
  return { ...base, eventId: String(b.event.id), seq: b.event.seq };
}
