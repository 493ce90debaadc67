/**
 * The demo's implementation evaluation (政策执行评估, issue 12), made by the real use cases after
 * the cases are played: the shipped instrument installed, and survey campaigns in every state —
 *
 *   X New Area, last year's wave   closed, answered (a trend needs two waves)
 *   X New Area, this year's wave   closed, answered: the report to read
 *   A City, this year's wave       closed, answered (jurisdictions side by side)
 *   X New Area, a quick check      open, tokens issued, 3 answers: under k, so no figure yet
 *   X New Area, next year's wave   a draft
 *
 * The answers are synthetic (src/evaluation/synthetic.ts), each sheet submitted through the public
 * answering use case with its own one-time token. They plant what seed 000 found — cadres support
 * the mechanism but are not optimistic about it — and one blocking factor, the tension between
 * tolerance and accountability (rated low, and what optimism and willingness depend on most),
 * which the report finds; this year the atmosphere improves. Nothing here is real data.
 */
import type { Actor } from '../domain/roles.js';
import {
  loadShippedInstruments,
  scaleSpecOf,
  shippedInstrument,
} from '../evaluation/instrument.js';
import { synthesize, type Plant, type SyntheticResponse } from '../evaluation/synthetic.js';
import type { AppContext } from './context.js';
import { addDaysIso } from './dates.js';
import { closeCampaign } from './evaluation/close-campaign.js';
import { createCampaign } from './evaluation/create-campaign.js';
import { installInstruments } from './evaluation/instruments.js';
import { issueTokens } from './evaluation/issue-tokens.js';
import { openCampaign } from './evaluation/open-campaign.js';
import { submitResponse } from './evaluation/submit-response.js';

export interface EvaluationCast {
  readonly ctx: AppContext;
  readonly at: (day: string) => void;
  readonly actor: (username: string) => Actor;
  readonly asOf: string;
  readonly area: { readonly id: string; readonly unitIds: readonly string[] };
  readonly city: { readonly id: string; readonly unitIds: readonly string[] };
}

const INSTRUMENT = 'seed000-v1';

/** What seed 000 found, as the demo plants it: support high, optimism low, one factor blocking. */
const BASE: Plant = {
  levels: {
    politicalEnergy: 0.8,
    reformMission: 0.6,
    policyContent: 0.5,
    actorSynergy: -0.2,
    effectVsNeeds: -0.3,
    atmosphere: -0.3,
    toleranceAccountability: -0.9,
    legalFriction: -0.2,
  },
  weights: { politicalEnergy: 0.3, policyContent: 0.25, toleranceAccountability: 0.45 },
  supportLevel: 1.2,
  optimismLevel: -0.3,
  willingnessLevel: 0.3,
  common: 0.4,
  blankShare: 0.02,
};

/** This year the atmosphere improves, and the tension between tolerance and accountability eases. */
const IMPROVED: Plant = {
  ...BASE,
  levels: { ...BASE.levels, atmosphere: 0.2, toleranceAccountability: -0.7 },
};

const CITY: Plant = {
  ...BASE,
  levels: { ...BASE.levels, policyContent: 0.2, toleranceAccountability: -0.5 },
};

/** One campaign's answers: the latent model they are drawn from, how many, and the seed. */
export interface DemoSample {
  readonly plant: Plant;
  readonly answers: number;
  readonly seed: number;
}

/** The samples the demo submits, by campaign. */
export const DEMO_SAMPLES = {
  areaLastYear: { plant: BASE, answers: 640, seed: 1 },
  areaThisYear: { plant: IMPROVED, answers: 720, seed: 2 },
  cityThisYear: { plant: CITY, answers: 860, seed: 3 },
  quickCheck: { plant: BASE, answers: 3, seed: 4 },
} as const satisfies Record<string, DemoSample>;

/**
 * A sample's answer sheets on the shipped instrument, the same on every call and with no store:
 * what the demo submits, and what R's reference values are computed on
 * (src/evaluation/stats/fixtures/demo.R, tested in src/evaluation/demo-reference.test.ts).
 */
export function demoSheets(sample: DemoSample): SyntheticResponse[] {
  const instrument = shippedInstrument(INSTRUMENT);
  const { plant, answers, seed } = sample;
  return synthesize(scaleSpecOf(instrument), instrument.demographics, plant, answers, seed);
}

interface Wave {
  readonly who: string;
  readonly jurisdiction: EvaluationCast['area'];
  readonly title: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly invited: number;
  readonly sample: DemoSample;
}

const year = (day: string) => day.slice(0, 4);

/** The campaigns; a wave whose days fall before the demo's history began is left out. */
function waves(c: EvaluationCast): Wave[] {
  const closes = addDaysIso(c.asOf, -15);
  const opens = addDaysIso(c.asOf, -45);
  const lastYear = (day: string) => `${Number(year(day)) - 1}${day.slice(4)}`;
  const all: Wave[] = [
    {
      who: 'liaison',
      jurisdiction: c.area,
      title: `X新区${year(lastYear(closes))}年度容错纠错机制实施情况问卷调查`,
      opensOn: lastYear(opens),
      closesOn: lastYear(closes),
      invited: 900,
      sample: DEMO_SAMPLES.areaLastYear,
    },
    {
      who: 'liaison',
      jurisdiction: c.area,
      title: `X新区${year(closes)}年度容错纠错机制实施情况问卷调查`,
      opensOn: opens,
      closesOn: closes,
      invited: 950,
      sample: DEMO_SAMPLES.areaThisYear,
    },
    {
      who: 'city-liaison',
      jurisdiction: c.city,
      title: `某市${year(closes)}年度容错纠错机制实施情况问卷调查`,
      opensOn: opens,
      closesOn: closes,
      invited: 1200,
      sample: DEMO_SAMPLES.cityThisYear,
    },
  ];
  return all.filter((w) => w.opensOn >= '2025-01-02');
}

export async function playEvaluation(c: EvaluationCast): Promise<{ surveyToken: string }> {
  c.at('2025-01-02');
  await installInstruments(c.ctx, loadShippedInstruments());
  for (const wave of waves(c)) await playWave(c, wave);
  const surveyToken = await playOpenCheck(c);
  await playDraft(c);
  return { surveyToken };
}

async function playWave(c: EvaluationCast, w: Wave): Promise<void> {
  const actor = c.actor(w.who);
  c.at(addDaysIso(w.opensOn, -3));
  const id = await draft(c, actor, w.jurisdiction, w.title, w.opensOn, w.closesOn, w.invited);
  c.at(w.opensOn);
  await openCampaign(c.ctx, actor, { campaignId: id, expectedVersion: 0 });
  const n = w.sample.answers;
  const tokens = await issue(c, actor, id, n);
  for (const [i, sheet] of demoSheets(w.sample).entries()) {
    // The answers come in over the weeks the campaign is open.
    if (i % 50 === 0) c.at(addDaysIso(w.opensOn, Math.floor((i / n) * 28)));
    await submitResponse(c.ctx, tokens[i]!, sheet);
  }
  c.at(addDaysIso(w.closesOn, 1));
  await closeCampaign(c.ctx, actor, { campaignId: id, expectedVersion: 1 });
}

/** An open quick check with a few answers (under k: no figure yet) and a token left to try. */
async function playOpenCheck(c: EvaluationCast): Promise<string> {
  const actor = c.actor('liaison');
  const opensOn = addDaysIso(c.asOf, -3);
  c.at(opensOn);
  const id = await draft(
    c,
    actor,
    c.area,
    'X新区容错纠错机制知晓度快速调查',
    opensOn,
    addDaysIso(c.asOf, 30),
    40,
  );
  await openCampaign(c.ctx, actor, { campaignId: id, expectedVersion: 0 });
  const tokens = await issue(c, actor, id, 20);
  const sheets = demoSheets(DEMO_SAMPLES.quickCheck);
  for (const [i, sheet] of sheets.entries()) await submitResponse(c.ctx, tokens[i]!, sheet);
  return tokens[3]!;
}

async function playDraft(c: EvaluationCast): Promise<void> {
  c.at(c.asOf);
  const next = `${Number(year(c.asOf)) + 1}`;
  await draft(
    c,
    c.actor('liaison'),
    c.area,
    `X新区${next}年度容错纠错机制实施情况问卷调查`,
    `${next}-10-08`,
    `${next}-11-06`,
    960,
  );
}

async function draft(
  c: EvaluationCast,
  actor: Actor,
  jurisdiction: EvaluationCast['area'],
  title: string,
  opensOn: string,
  closesOn: string,
  invited: number,
): Promise<string> {
  const made = await createCampaign(c.ctx, actor, {
    jurisdictionId: jurisdiction.id,
    title,
    instrumentId: INSTRUMENT,
    invitedUnitIds: jurisdiction.unitIds,
    invitedCount: invited,
    opensOn,
    closesOn,
  });
  return made.id;
}

/** Tokens as the liaison issues them, at most 1,000 at a time. */
async function issue(
  c: EvaluationCast,
  actor: Actor,
  campaignId: string,
  n: number,
): Promise<string[]> {
  const tokens: string[] = [];
  while (tokens.length < n) {
    const batch = await issueTokens(c.ctx, actor, {
      campaignId,
      count: Math.min(1000, n - tokens.length),
    });
    tokens.push(...batch.tokens);
  }
  return tokens;
}
