/**
 * Test fixtures for the survey campaigns: a small instrument (two factors of two items, one
 * outcome, one background question, one open question; a 1–5 scale) built here rather than loaded
 * (the loader is src/evaluation/instrument.ts), a check that stands in for its parser, and a
 * campaign drafted, opened and given tokens.
 */
import type { Instrument, Item, Text } from '../../evaluation/model.js';
import type { InstrumentProblem } from '../../evaluation/checker.js';
import type { World } from '../testing/world.js';
import { createCampaign, type CreateCampaignInput } from './create-campaign.js';
import { installInstruments, type InstrumentCheck } from './instruments.js';
import { issueTokens } from './issue-tokens.js';
import { openCampaign } from './open-campaign.js';

const t = (zh: string, en: string): Text => ({ zh, en });
const item = (id: string, zh: string, reversed = false): Item => ({
  id,
  text: t(zh, `Item ${id}`),
  reversed,
});

export function buildInstrument(overrides: Partial<Instrument> = {}): Instrument {
  return {
    id: 'test-v1',
    version: 1,
    basedOn: null,
    title: t('容错纠错机制实施情况调查问卷（测试）', 'Survey on the mechanism (test)'),
    introduction: t('本问卷匿名填写。', 'This survey is anonymous.'),
    validated: false,
    validationNote: t('尚未经实地检验。', 'Not yet validated in the field.'),
    scale: {
      min: 1,
      max: 5,
      labels: [
        t('非常不同意', 'Strongly disagree'),
        t('不同意', 'Disagree'),
        t('一般', 'Neutral'),
        t('同意', 'Agree'),
        t('非常同意', 'Strongly agree'),
      ],
    },
    dimensions: [
      {
        id: 'motivation',
        name: t('动力', 'Motivation'),
        definition: t('动力', 'Motivation'),
        factors: [
          {
            id: 'politicalEnergy',
            name: t('政治势能', 'Political potential energy'),
            definition: t('上级重视程度', 'Priority above'),
            finding: t('上级重视推动实施', 'Priority above drives it'),
            seedFinding: 'promoting',
            items: [
              item('PE1', '上级高度重视容错纠错工作。'),
              item('PE2', '上级很少过问此事。', true),
            ],
          },
        ],
      },
      {
        id: 'environment',
        name: t('环境', 'Environment'),
        definition: t('环境', 'Environment'),
        factors: [
          {
            id: 'toleranceAccountability',
            name: t('容错与问责的张力', 'Tolerance vs accountability'),
            definition: t('激励与约束的张力', 'Incentive vs constraint'),
            finding: t('问责压力抑制担当', 'Accountability pressure blocks action'),
            seedFinding: 'blocking',
            items: [
              item('TA1', '问责压力让我不敢担当。'),
              item('TA2', '容错与问责界限清楚。', true),
            ],
          },
        ],
      },
    ],
    outcomes: [
      {
        id: 'support',
        name: t('支持', 'Support'),
        definition: t('对机制的支持', 'Support for the mechanism'),
        items: [item('SU1', '我支持容错纠错机制。')],
      },
    ],
    demographics: [
      {
        id: 'rank',
        label: t('职级', 'Rank'),
        options: [
          { value: 'section', label: t('科级及以下', 'Section level or below') },
          { value: 'division', label: t('处级及以上', 'Division level or above') },
        ],
      },
    ],
    openQuestions: [{ id: 'advice', text: t('您对完善机制有何建议？', 'What would you suggest?') }],
    ...overrides,
  };
}

/** Stands in for the loader's parser: an object with an id, a title and at least one dimension. */
export const testCheck: InstrumentCheck = (candidate) => {
  const c = candidate as Partial<Instrument>;
  const problems: InstrumentProblem[] = [];
  const bad = (field: string, zh: string, en: string) =>
    problems.push({ code: 'INSTRUMENT_TEST', field, message: t(zh, en) });
  if (typeof c.title?.zh !== 'string') bad('title.zh', '缺少。', 'missing.');
  if (!Array.isArray(c.dimensions) || c.dimensions.length === 0) {
    bad('dimensions', '没有维度。', 'none.');
  }
  return problems.length > 0 ? { problems } : { instrument: c as Instrument };
};

/** A campaign of the world's new area on the test instrument; override any field. */
export function campaignInput(
  w: World,
  over: Partial<CreateCampaignInput> = {},
): CreateCampaignInput {
  return {
    jurisdictionId: w.ids.area,
    title: 'X新区2025年度容错纠错机制实施情况问卷调查',
    instrumentId: 'test-v1',
    invitedUnitIds: [w.ids.unit, w.ids.otherUnit],
    invitedCount: 20,
    opensOn: '2025-03-03',
    closesOn: '2025-03-31',
    ...over,
  };
}

/** Installs the test instrument, drafts and opens a campaign, and issues `n` tokens. */
export async function openWithTokens(
  w: World,
  n: number,
  over: Partial<CreateCampaignInput> = {},
): Promise<{ id: string; tokens: readonly string[] }> {
  await installInstruments(w.ctx, [buildInstrument()]);
  const liaison = w.actors.liaison!;
  const { id } = await createCampaign(w.ctx, liaison, campaignInput(w, over));
  await openCampaign(w.ctx, liaison, { campaignId: id, expectedVersion: 0 });
  const { tokens } = await issueTokens(w.ctx, liaison, { campaignId: id, count: n });
  return { id, tokens };
}
