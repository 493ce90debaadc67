/**
 * The administration audit trail (admin_events, append-only in the database): one row per change,
 * written in the transaction that makes the change. Payloads say what changed and never carry a
 * password or its hash. Each row is linked into the administration chain in the same transaction
 * (src/app/trails/chain.ts), with the installation's hash (`ctx.settings.crypto.trailHash`).
 */
import type { TrailHash } from '../../domain/digest.js';
import type { Tx } from '../../store/index.js';
import { adminEvents, type Schema } from '../tables.js';
import { adminEventBody, appendLink } from '../trails/chain.js';

export type AdminAction =
  | 'user.create'
  | 'user.update'
  | 'user.grants'
  | 'user.password_reset'
  | 'user.unlock'
  | 'user.disable'
  | 'user.enable'
  // The security administrator removed the user's second factor (src/app/admin/two-factor-reset.ts).
  | 'user.totp_reset'
  // Sessions ended by the security administrator, and the security policy (src/app/sessions/).
  | 'user.sessions_end'
  | 'security.policy'
  // Single sign-on: a security administrator links or unlinks a platform identity (src/app/sso/).
  | 'user.external_link'
  | 'user.external_unlink'
  | 'jurisdiction.rename'
  | 'jurisdiction.applicant_assessment'
  | 'jurisdiction.document_numbering'
  | 'unit.create'
  | 'unit.rename'
  // A draw of officials in an impact period for follow-up visits (src/app/visits/draw.ts).
  | 'visits.draw'
  // Survey campaigns and instruments of the implementation evaluation (src/app/evaluation/).
  | 'evaluation.campaign_create'
  | 'evaluation.campaign_open'
  | 'evaluation.campaign_close'
  | 'evaluation.tokens_issue'
  | 'evaluation.instrument_adapt';

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
