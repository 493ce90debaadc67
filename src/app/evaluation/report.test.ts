/**
 * A campaign's report under its thresholds: nothing under k responses; the analysis above it; each
 * demographic breakdown with no group under k and its complement hidden; free text only at the
 * free-text threshold.
 */
import { describe, expect, it } from 'vitest';
import { scaleSpecOf, shippedInstrument } from '../../evaluation/instrument.js';
import { synthesize } from '../../evaluation/synthetic.js';
import type { CampaignView } from './campaign-view.js';
import { reportOf } from './report.js';

const instrument = shippedInstrument('seed000-v1');
const spec = scaleSpecOf(instrument);

const campaign = (over: Partial<CampaignView> = {}): CampaignView => ({
  id: '00000000-0000-4000-8000-000000000001',
  jurisdiction: { id: 'x', name: { zh: 'X新区', en: 'X New Area' } },
  title: '2026年度容错纠错机制实施情况问卷调查',
  instrumentId: instrument.id,
  invitedUnits: [],
  invitedCount: 500,
  opensOn: '2026-11-01',
  closesOn: '2026-11-30',
  state: 'closed',
  answering: false,
  thresholdK: 5,
  freeTextThreshold: 10,
  keepDay: false,
  createdAt: '2026-10-30T00:00:00.000Z',
  version: 2,
  counts: { tokensIssued: 500, tokensUsed: 0, responses: 0 },
  abilities: { open: false, close: false, issueTokens: false },
  ...over,
});

const PLANT = {
  levels: { toleranceAccountability: -0.9 },
  weights: { toleranceAccountability: 0.45, politicalEnergy: 0.3 },
  supportLevel: 1.2,
  optimismLevel: -0.2,
  willingnessLevel: 0.4,
  common: 0.4,
  blankShare: 0.02,
};

/** n responses; the first `ranks` gives how many fall in each rank band, in the order of its options. */
function rows(
  n: number,
  ranks: readonly number[] = [],
  open: (i: number) => string | null = () => null,
) {
  const bands = instrument.demographics
    .find((d) => d.id === 'rankBand')!
    .options.map((o) => o.value);
  const bandOf = (i: number) => {
    let k = i;
    for (let b = 0; b < ranks.length; b++) {
      if (k < ranks[b]!) return bands[b]!;
      k -= ranks[b]!;
    }
    return null;
  };
  return synthesize(spec, [], PLANT, n, 3).map((r, i) => {
    const band = bandOf(i);
    const text = open(i);
    return {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      campaignId: campaign().id,
      submittedOn: null,
      demographics: (band === null ? {} : { rankBand: band }) as Record<string, string | null>,
      answers: { ...r.answers },
      openAnswers: (text === null ? {} : { biggestObstacle: text }) as Record<string, string>,
    };
  });
}

describe('a campaign report', () => {
  it('gives no figure at all under k responses', () => {
    const report = reportOf(campaign(), instrument, rows(4));
    expect(report).toMatchObject({
      n: 4,
      reportable: false,
      analysis: null,
      breakdowns: [],
      openAnswers: null,
    });
  });

  it('respects a raised k', () => {
    expect(reportOf(campaign({ thresholdK: 20 }), instrument, rows(19)).reportable).toBe(false);
    expect(reportOf(campaign({ thresholdK: 20 }), instrument, rows(20)).reportable).toBe(true);
  });

  it('analyses the responses and says the instrument is not yet validated', () => {
    const report = reportOf(campaign(), instrument, rows(400));
    expect(report.reportable).toBe(true);
    expect(report.instrument.validated).toBe(false);
    expect(report.analysis!.n).toBe(400);
    expect(report.analysis!.factors.map((f) => f.id)).toEqual(spec.factors.map((f) => f.id));
    expect(report.analysis!.gap!.meanDiff).toBeGreaterThan(0);
  });

  it('hides a rank band under k and the smallest other band with it, and lists who did not say', () => {
    // 3 in the first band, 40 and 7 in the next two, the remaining 30 gave no rank band.
    const report = reportOf(campaign(), instrument, rows(80, [3, 40, 7]));
    const rank = report.breakdowns.find((b) => b.id === 'rankBand')!;
    expect(rank.groups.map((g) => g.n)).toEqual([null, 40, null, 30]);
    expect(rank.groups.map((g) => g.hidden)).toEqual(['under_k', null, 'complement', null]);
    expect(rank.groups.at(-1)!.label.zh).toBe('未填写');
    expect(rank.groups[0]!.means).toBeNull();
    expect(rank.groups[1]!.means!['support']).toBeGreaterThan(3);
  });

  it('shows free text only at the free-text threshold', () => {
    const say = (i: number) => (i % 2 === 0 ? '问责压力大，担心出错被追责。' : null);
    expect(reportOf(campaign(), instrument, rows(9, [], say)).openAnswers).toBeNull();
    const report = reportOf(campaign(), instrument, rows(12, [], say));
    const obstacle = report.openAnswers!.find((q) => q.id === 'biggestObstacle')!;
    expect(obstacle.answers).toHaveLength(6);
    expect(report.openAnswers!.find((q) => q.id === 'suggestions')!.answers).toEqual([]);
  });
});
