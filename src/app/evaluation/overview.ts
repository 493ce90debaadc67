/**
 * Campaigns side by side (issue 12): for every campaign the reader may read, its jurisdiction,
 * period, state, threshold k, number of answers and — when it has k answers or more — each scale's mean score and the
 * support–optimism gap, so that jurisdictions can be compared and yearly waves read as a trend.
 * A campaign under k gives its count only. Campaigns are separate populations: no total is shown
 * that could give a small one back. The read is logged.
 */
import { inArray } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { reportable } from '../../evaluation/suppression.js';
import type { AppContext } from '../context.js';
import { logRead } from '../read-log.js';
import { evaluationInstruments, surveyResponses } from '../tables.js';
import { listCampaigns, type CampaignView } from './campaign-view.js';
import { scaleMeans } from './report.js';

export interface OverviewRow {
  readonly campaignId: string;
  readonly title: string;
  readonly jurisdiction: CampaignView['jurisdiction'];
  readonly instrumentId: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly state: CampaignView['state'];
  /** Open and taking answers today. */
  readonly answering: boolean;
  /** No figure from fewer answers than this. */
  readonly thresholdK: number;
  readonly n: number;
  readonly reportable: boolean;
  /** Mean score per scale (factors and outcomes); null under k. */
  readonly means: Readonly<Record<string, number | null>> | null;
  /** Mean support minus mean optimism; null under k. */
  readonly gap: number | null;
}

export async function evaluationOverview(ctx: AppContext, actor: Actor): Promise<OverviewRow[]> {
  const campaigns = await listCampaigns(ctx, actor);
  const ids = campaigns.map((c) => c.id);
  const instrumentIds = [...new Set(campaigns.map((c) => c.instrumentId))];
  const [responses, instruments] = await Promise.all([
    ids.length === 0
      ? []
      : ctx.store.db.select().from(surveyResponses).where(inArray(surveyResponses.campaignId, ids)),
    instrumentIds.length === 0
      ? []
      : ctx.store.db
          .select()
          .from(evaluationInstruments)
          .where(inArray(evaluationInstruments.id, instrumentIds)),
  ]);
  await logRead(ctx.store.db, { userId: actor.userId, what: 'evaluation.overview', at: ctx.now() });
  const byInstrument = new Map(instruments.map((i) => [i.id, i.body]));
  return campaigns.map((c) => {
    const rows = responses.filter((r) => r.campaignId === c.id);
    const ok = reportable(rows.length, c.thresholdK);
    const means = ok ? scaleMeans(byInstrument.get(c.instrumentId)!, rows) : null;
    const gap =
      means && means['support'] != null && means['optimism'] != null
        ? means['support'] - means['optimism']
        : null;
    return {
      campaignId: c.id,
      title: c.title,
      jurisdiction: c.jurisdiction,
      instrumentId: c.instrumentId,
      opensOn: c.opensOn,
      closesOn: c.closesOn,
      state: c.state,
      answering: c.answering,
      thresholdK: c.thresholdK,
      n: rows.length,
      reportable: ok,
      means,
      gap,
    };
  });
}
