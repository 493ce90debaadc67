/**
 * The administration audit trail (admin_events, append-only in the database): one row per change,
 * written in the transaction that makes the change. Payloads say what changed and never carry a
 * password or its hash. Each row is linked into the administration chain in the same transaction
 * (src/app/trails/chain.ts), with the installation's hash (`ctx.settings.crypto.trailHash`).
 */
import type { TrailHash } from '../../domain/digest.js';
import type { AdminAction } from '../../shared/audit-labels.js';
import type { Tx } from '../../store/index.js';
import { adminEvents, type Schema } from '../tables.js';
import { adminEventBody, appendLink } from '../trails/chain.js';

/** The actions, each with its words on the audit screens (src/shared/audit-labels.ts). */
export type { AdminAction };

export interface AdminEventInput {
  readonly actorId: string;
  readonly action: AdminAction;
  readonly targetKind:
    'user' | 'jurisdiction' | 'unit' | 'campaign' | 'instrument' | 'security_policy';
  readonly targetId: string;
  readonly scopePath: string;
  readonly at: Date;
  readonly payload?: Record<string, unknown>;
}

export async function recordAdminEvent(
  tx: Tx<Schema>,
  e: AdminEventInput,
  alg: TrailHash,
): Promise<void> {
  const row = {
    actorId: e.actorId,
    action: e.action,
    targetKind: e.targetKind,
    targetId: e.targetId,
    scopePath: e.scopePath,
    at: e.at,
    payload: e.payload ?? {},
  };
  const link = await appendLink(tx, 'admin_events', alg, (seq) => adminEventBody(seq, row));
  await tx.insert(adminEvents).values({ ...row, ...link });
}
