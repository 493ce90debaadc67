/** Appending an event to a case's hash chain, in the caller's transaction. */
import { eventHash, type ChainEvent } from '../../domain/audit-chain.js';
import type { TrailHash } from '../../domain/digest.js';
import type { Tx } from '../../store/index.js';
import { caseEvents, type Schema } from '../tables.js';
import type { CaseRow } from './record.js';

export interface NewEvent {
  readonly type: string;
  readonly step: string;
  readonly actorId: string | null;
  readonly at: Date;
  readonly reason: string;
  readonly payload: Record<string, unknown>;
}

export interface AppendedEvent {
  readonly seq: number;
  readonly hash: string;
}

/**
 * The next event of the chain, not yet written: its seq, its hash and the row to insert, by
 * appendEvent or by runTransition (transition.ts) after it has updated the case row. `alg` is the
 * installation's trail hash (`ctx.settings.crypto.trailHash`).
 */
export function nextEvent(
  alg: TrailHash,
  row: Pick<CaseRow, 'id' | 'jurisdictionId' | 'eventCount' | 'headHash'>,
  e: NewEvent,
): AppendedEvent & { row: typeof caseEvents.$inferInsert } {
  const seq = row.eventCount + 1;
  const payload = JSON.parse(JSON.stringify(e.payload)) as Record<string, unknown>;
  const chain: ChainEvent = {
    caseId: row.id,
    seq,
    type: e.type,
    step: e.step,
    actorId: e.actorId,
    at: e.at.toISOString(),
    reason: e.reason,
    payload,
  };
  const hash = eventHash(row.headHash, chain, alg);
  const eventRow = {
    caseId: row.id,
    jurisdictionId: row.jurisdictionId,
    seq,
    type: e.type,
    step: e.step,
    actorId: e.actorId,
    at: e.at,
    reason: e.reason,
    payload,
    prevHash: row.headHash,
    hash,
  };
  return { seq, hash, row: eventRow };
}

/** Writes the next event of the chain; the caller stores seq and hash as the case's head. */
export async function appendEvent(
  tx: Tx<Schema>,
  alg: TrailHash,
  row: Pick<CaseRow, 'id' | 'jurisdictionId' | 'eventCount' | 'headHash'>,
  e: NewEvent,
): Promise<AppendedEvent> {
  const { seq, hash, row: eventRow } = nextEvent(alg, row, e);
  await tx.insert(caseEvents).values(eventRow);
  return { seq, hash };
}
