/**
 * Issuing one-time tokens for a campaign (links and QR codes printed for a meeting room): n at a
 * time (at most MAX_TOKENS_PER_ISSUE), never more in all than the cadres invited, while the
 * campaign is a draft or open. The plain tokens are returned this once; the store keeps only their
 * SHA-256 (until the token is used: then its row is deleted) and raises the campaign's
 * `tokens_issued`. The event 'evaluation.tokens_issue' says how many, not which.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { MAX_TOKENS_PER_ISSUE } from '../../shared/limits.js';
import { recordAdminEvent } from '../admin/events.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { evaluationCampaigns, surveyTokens } from '../tables.js';
import { campaignForChange } from './campaign-row.js';
import { requireCampaignManager } from './scope.js';
import { newToken, tokenHash } from './tokens.js';

export interface IssueTokensInput {
  readonly campaignId: string;
  readonly count: number;
}

export interface IssuedTokens {
  readonly campaignId: string;
  /** The tokens in canonical form: shown once, never stored. */
  readonly tokens: readonly string[];
  /** How many the campaign has issued in all, these included. */
  readonly issued: number;
}

export async function issueTokens(
  ctx: AppContext,
  actor: Actor,
  input: IssueTokensInput,
): Promise<IssuedTokens> {
  const n = input.count;
  if (!Number.isInteger(n) || n < 1 || n > MAX_TOKENS_PER_ISSUE) {
    throw invalid(
      'count',
      `每次发放 1 至 ${MAX_TOKENS_PER_ISSUE} 个令牌。`,
      `issue from 1 to ${MAX_TOKENS_PER_ISSUE} tokens at a time.`,
    );
  }
  return ctx.store.tx(async (tx) => {
    // Locked: two issues for one campaign count one after the other.
    const row = await campaignForChange(tx, input.campaignId);
    requireCampaignManager(actor, row.path);
    if (row.state === 'closed') {
      throw new AppError('CAMPAIGN_STATE', { campaignId: row.id, state: row.state });
    }
    // Counted on the campaign, not from the rows: a used token's row is gone.
    const before = row.tokensIssued;
    if (before + n > row.invitedCount) {
      throw new AppError('CAMPAIGN_TOKENS_EXCEED_INVITED', {
        campaignId: row.id,
        issued: before,
        invited: row.invitedCount,
        asked: n,
      });
    }
    const tokens = Array.from({ length: n }, newToken);
    await tx
      .insert(surveyTokens)
      .values(tokens.map((t) => ({ tokenHash: tokenHash(t), campaignId: row.id })));
    await tx
      .update(evaluationCampaigns)
      .set({ tokensIssued: before + n })
      .where(eq(evaluationCampaigns.id, row.id));
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'evaluation.tokens_issue',
        targetKind: 'campaign',
        targetId: row.id,
        scopePath: row.path,
        at: ctx.now(),
        payload: { count: n, issued: before + n },
      },
      ctx.settings.crypto.trailHash,
    );
    return { campaignId: row.id, tokens, issued: before + n };
  });
}
