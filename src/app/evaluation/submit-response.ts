/**
 * Submitting an anonymous answer sheet (public: no sign-in). In one transaction the token is used —
 * `UPDATE survey_tokens SET used = true WHERE token_hash = $1 AND NOT used` and its campaign open
 * today, so that a token answers once even when shown twice at the same moment — and the response
 * is stored under a random id, with its day only if the campaign keeps it, and nothing that could
 * lead back to the token or the person: no token, user, address, agent or time. No event is
 * written either (it would have no actor and would date the answer).
 *
 * One more link is cut: every row a transaction writes carries its transaction id (PostgreSQL's
 * system column xmin), so the used token and the response would share one. The transaction
 * therefore also rewrites every used token of the campaign: afterwards all of them carry the id of
 * the latest submission, and no response's xmin points at one token. For that the submissions to
 * one campaign are serialized (its row is locked). The cost is one row per used token per
 * submission; a campaign's cadres number in the thousands at most.
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
    // Submissions to one campaign run one after the other: one that started before another
    // committed would not see (nor rewrite) the other's token, leaving that pair's xmin alike.
    await tx
      .select({ id: evaluationCampaigns.id })
      .from(evaluationCampaigns)
      .where(eq(evaluationCampaigns.id, c.campaignId))
      .for('no key update');
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
      .update(surveyTokens)
      .set({ used: true })
      .where(
        and(eq(surveyTokens.tokenHash, c.hash), eq(surveyTokens.used, false), exists(openToday)),
      )
      .returning({ campaignId: surveyTokens.campaignId });
    // Read unused and open a moment ago: another submission with the same token came first (or
    // the campaign was closed in between, which the liaison did after this sheet was filled).
    if (used.length !== 1) throw new AppError('SURVEY_TOKEN_USED');
    await tx.insert(surveyResponses).values({
      id: randomUUID(),
      campaignId: c.campaignId,
      submittedOn: c.keepDay ? today : null,
      ...checked,
    });
    await tx
      .update(surveyTokens)
      .set({ used: true })
      .where(and(eq(surveyTokens.campaignId, c.campaignId), eq(surveyTokens.used, true)));
  });
  return { received: true };
}
