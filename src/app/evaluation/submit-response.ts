/**
 * Submitting an anonymous answer sheet (public: no sign-in). In one transaction the token is used
 * — its row is DELETED, `DELETE FROM survey_tokens WHERE token_hash = $1 AND <its campaign is open
 * today> RETURNING campaign_id` — and the response is stored under a random id, with its day only
 * if the campaign keeps it, and nothing that could lead back to the token or the person: no token,
 * user, address, agent or time. No event is written either (it would have no actor and would date
 * the answer).
 *
 * Deleting rather than marking the token used leaves no live row to pair with the response, not
 * even by the transaction id every row carries (the system column xmin). It costs one row whatever
 * the campaign's size, and submissions need no lock: of two uses of one token at the same moment,
 * the second's DELETE waits for the first and then finds no row (SURVEY_TOKEN_INVALID). What
 * remains until VACUUM (the dead row version, the write-ahead log) is set out in migration 0025.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, exists, gte, lte } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { AppError } from '../errors.js';
import { evaluationCampaigns, surveyResponses, surveyTokens } from '../tables.js';
import { checkSheet, type AnswerSheet } from './answers.js';
import { loadInstrument } from './instruments.js';
import { campaignOfToken } from './token-check.js';

export async function submitResponse(
  ctx: AppContext,
  shownToken: string,
  sheet: AnswerSheet,
): Promise<{ received: true }> {
  const today = todayOf(ctx);
  await ctx.store.tx(async (tx) => {
    const c = await campaignOfToken(tx, shownToken, today);
    const { body } = await loadInstrument(tx, c.instrumentId);
    const checked = checkSheet(body, sheet);
    const openToday = tx
      .select({ id: evaluationCampaigns.id })
      .from(evaluationCampaigns)
      .where(
        and(
          eq(evaluationCampaigns.id, surveyTokens.campaignId),
          eq(evaluationCampaigns.state, 'open'),
          lte(evaluationCampaigns.opensOn, today),
          gte(evaluationCampaigns.closesOn, today),
        ),
      );
    const used = await tx
      .delete(surveyTokens)
      .where(and(eq(surveyTokens.tokenHash, c.hash), exists(openToday)))
      .returning({ campaignId: surveyTokens.campaignId });
    // Found a moment ago, not deleted now: another submission with the same token came first, or
    // the campaign was closed meanwhile. Reading again (a fresh snapshot) tells which.
    if (used.length !== 1) {
      await campaignOfToken(tx, shownToken, today);
      throw new AppError('SURVEY_TOKEN_INVALID');
    }
    await tx.insert(surveyResponses).values({
      id: randomUUID(),
      campaignId: c.campaignId,
      submittedOn: c.keepDay ? today : null,
      ...checked,
    });
  });
  return { received: true };
}
