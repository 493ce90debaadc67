/**
 * A campaign row with its jurisdiction's path, read for a change (locked until the transaction
 * ends, so that two changes of one campaign run one after the other) or for reading.
 */
import { eq } from 'drizzle-orm';
import type { AppTx } from '../db.js';
import { AppError } from '../errors.js';
import { evaluationCampaigns, jurisdictions } from '../tables.js';
import { isUuid } from '../cases/text-input.js';

export type CampaignRow = typeof evaluationCampaigns.$inferSelect & { readonly path: string };

/** The campaign, locked; CAMPAIGN_NOT_FOUND when there is none. */
export async function campaignForChange(tx: AppTx, id: string): Promise<CampaignRow> {
  if (!isUuid(id)) throw new AppError('CAMPAIGN_NOT_FOUND', { campaignId: id });
  const [row] = await tx
    .select({ c: evaluationCampaigns, path: jurisdictions.path })
    .from(evaluationCampaigns)
    .innerJoin(jurisdictions, eq(jurisdictions.id, evaluationCampaigns.jurisdictionId))
    .where(eq(evaluationCampaigns.id, id))
    .for('update', { of: evaluationCampaigns });
  if (!row) throw new AppError('CAMPAIGN_NOT_FOUND', { campaignId: id });
  return { ...row.c, path: row.path };
}

/** Refuses a change made on a stale view of the campaign. */
export function requireVersion(row: CampaignRow, expectedVersion: number): void {
  if (row.version !== expectedVersion) {
    throw new AppError('CAMPAIGN_VERSION_CONFLICT', {
      campaignId: row.id,
      expectedVersion,
      version: row.version,
    });
  }
}
