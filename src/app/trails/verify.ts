/**
 * The web app's verification (POST /api/audit/verify): what `rongcuo audit verify` checks — every
 * case's trail, then the read log, the administration and the security chains — after sealing the
 * read log's waiting rows (the server may write; the CLI's check is read-only and counts them).
 * Logged as 'audit.verify' with its result.
 */
import { verifyAudit, type AuditResult } from '../audit.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { sealReadLog, verifyTrails, type TrailCheck } from './chain.js';
import { logAuditRead, requireAuditAdmin } from './read.js';

export interface FullCheck {
  readonly cases: AuditResult;
  readonly trails: readonly TrailCheck[];
  readonly intact: boolean;
  readonly ms: number;
}

export async function verifyEverything(ctx: AppContext, actor: Actor): Promise<FullCheck> {
  requireAuditAdmin(actor);
  const started = performance.now();
  await sealReadLog(ctx);
  const cases = await verifyAudit(ctx);
  const trails = await verifyTrails(ctx);
  const intact = cases.firstBreak === undefined && trails.every((t) => !t.firstBreak);
  const ms = Math.round(performance.now() - started);
  await logAuditRead(ctx, actor, 'audit.verify', { intact });
  return { cases, trails, intact, ms };
}
