/**
 * What a shown token opens, for the answering page and the submission alike: the campaign it
 * belongs to, if the token is unused and the campaign open today. A used token's row is deleted
 * (submit-response.ts), so a used token and one never issued are alike: SURVEY_TOKEN_INVALID for
 * both. A campaign not open yet and a closed one each get their own error.
 */
import { eq } from 'drizzle-orm';
import type { AnyDb } from '../db.js';
import { AppError } from '../errors.js';
import { evaluationCampaigns, surveyTokens } from '../tables.js';
import { canonicalToken, tokenHash } from './tokens.js';

export interface TokenCampaign {
  readonly hash: Uint8Array;
  readonly campaignId: string;
  readonly title: string;
  readonly instrumentId: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly keepDay: boolean;
}

/** The token's hash, or SURVEY_TOKEN_INVALID when the text cannot be a token. */
export function hashOfShown(shown: string): Uint8Array {
  const canonical = canonicalToken(shown);
  if (canonical === null) throw new AppError('SURVEY_TOKEN_INVALID');
  return tokenHash(canonical);
}

/** The campaign a token opens today; the errors of the header otherwise. */
export async function campaignOfToken(
  db: AnyDb,
  shown: string,
  today: string,
): Promise<TokenCampaign> {
  const hash = hashOfShown(shown);
  const [row] = await db
    .select({
      campaignId: evaluationCampaigns.id,
      title: evaluationCampaigns.title,
      instrumentId: evaluationCampaigns.instrumentId,
      state: evaluationCampaigns.state,
      opensOn: evaluationCampaigns.opensOn,
      closesOn: evaluationCampaigns.closesOn,
      keepDay: evaluationCampaigns.keepDay,
    })
    .from(surveyTokens)
    .innerJoin(evaluationCampaigns, eq(evaluationCampaigns.id, surveyTokens.campaignId))
    .where(eq(surveyTokens.tokenHash, hash));
  if (!row) throw new AppError('SURVEY_TOKEN_INVALID');
  if (row.state === 'closed' || row.closesOn < today) {
    throw new AppError('SURVEY_CLOSED', { closesOn: row.closesOn });
  }
  if (row.state === 'draft' || row.opensOn > today) {
    throw new AppError('SURVEY_NOT_OPEN', { opensOn: row.opensOn });
  }
  return { hash, ...row };
}
