/**
 * The shape both state changes of a campaign share (open-campaign.ts, close-campaign.ts): in one
 * transaction, lock the campaign, check the liaison's scope, the version seen and the state, write
 * the new state and the event in the administration trail.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { CampaignState } from '../../shared/evaluation.js';
import { recordAdminEvent, type AdminAction } from '../admin/events.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { AppError } from '../errors.js';
import { evaluationCampaigns } from '../tables.js';
import { campaignForChange, requireVersion, type CampaignRow } from './campaign-row.js';
import { requireCampaignManager } from './scope.js';

export interface StateChangeInput {
  readonly campaignId: string;
  /** The campaign version the liaison saw. */
  readonly expectedVersion: number;
}

export interface StateChange {
  readonly from: CampaignState;
  readonly to: CampaignState;
  readonly action: AdminAction;
  /** A further check on the locked row (e.g. the closing day has not passed). */
  readonly check?: (row: CampaignRow, today: string) => void;
}

export function changeState(
  ctx: AppContext,
  actor: Actor,
  input: StateChangeInput,
  change: StateChange,
): Promise<{ id: string; state: CampaignState; version: number }> {
  return ctx.store.tx(async (tx) => {
    const row = await campaignForChange(tx, input.campaignId);
    requireCampaignManager(actor, row.path);
    requireVersion(row, input.expectedVersion);
    if (row.state !== change.from) {
      throw new AppError('CAMPAIGN_STATE', { campaignId: row.id, state: row.state });
    }
    const today = todayOf(ctx);
    change.check?.(row, today);
    const now = ctx.now();
    const version = row.version + 1;
    await tx
      .update(evaluationCampaigns)
      .set({ state: change.to, version, updatedAt: now })
      .where(eq(evaluationCampaigns.id, row.id));
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: change.action,
        targetKind: 'campaign',
        targetId: row.id,
        scopePath: row.path,
        at: now,
        payload: { from: row.state, to: change.to, on: today },
      },
      ctx.settings.crypto.trailHash,
    );
    return { id: row.id, state: change.to, version };
  });
}
