/**
 * The audit trail's hash chain. Each case's events form a chain: an event's hash covers its own
 * content and the previous event's hash, and the case row keeps the head (count and last hash).
 * Altering an event breaks its hash; deleting or reordering breaks the links or the head.
 * The hash is SHA-256 or SM3 (digest.ts): a new link takes the installation's setting, a verifier
 * recomputes each link with the hash the link itself names, so one chain may hold both.
 */
import { chainLink, hashOfLink, type TrailHash } from './digest.js';

export interface ChainEvent {
  readonly caseId: string;
  readonly seq: number;
  readonly type: string;
  readonly step: string;
  readonly actorId: string | null;
  /** ISO timestamp with milliseconds, UTC. */
  readonly at: string;
  readonly reason: string;
  readonly payload: unknown;
}

export const GENESIS = '';

/** JSON with object keys sorted at every level, so equal values always hash the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** The link of an event after `prevHash`, with the hash `alg` (SHA-256 when not given). */
export function eventHash(prevHash: string, e: ChainEvent, alg: TrailHash = 'sha256'): string {
  const body = canonicalJson({
    caseId: e.caseId,
    seq: e.seq,
    type: e.type,
    step: e.step,
    actorId: e.actorId,
    at: e.at,
    reason: e.reason,
    payload: e.payload,
  });
  return chainLink(alg, prevHash, body);
}

export interface StoredEvent extends ChainEvent {
  readonly id: string | number;
  readonly prevHash: string;
  readonly hash: string;
}

export type ChainBreak =
  | { kind: 'altered'; event: StoredEvent }
  | { kind: 'broken_link'; event: StoredEvent }
  | { kind: 'missing'; afterSeq: number; expectedSeq: number; event?: StoredEvent }
  | { kind: 'head_mismatch'; expectedCount: number; actualCount: number };

/**
 * Checks one case's events (in seq order) against the head kept on the case row.
 * Returns the first break, or null when the chain is intact.
 */
export function verifyChain(
  events: readonly StoredEvent[],
  head: { count: number; hash: string },
): ChainBreak | null {
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq)
      return { kind: 'missing', afterSeq: expectedSeq - 1, expectedSeq, event: e };
    if (e.prevHash !== prev) return { kind: 'broken_link', event: e };
    if (eventHash(prev, e, hashOfLink(e.hash)) !== e.hash) return { kind: 'altered', event: e };
    prev = e.hash;
    expectedSeq++;
  }
  if (events.length !== head.count || prev !== head.hash) {
    return { kind: 'head_mismatch', expectedCount: head.count, actualCount: events.length };
  }
  return null;
}

/** How many links of `events` each hash wrote (what `audit verify` reports). */
export function hashesOf(events: readonly { readonly hash: string }[]): Record<TrailHash, number> {
  const n: Record<TrailHash, number> = { sha256: 0, sm3: 0 };
  for (const e of events) n[hashOfLink(e.hash)]++;
  return n;
}
