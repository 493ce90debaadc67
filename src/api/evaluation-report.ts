/**
 * A survey campaign's report (issue 12): GET /api/evaluation/campaigns/{id}/report. The analysis
 * (src/evaluation/analyze.ts) under the campaign's reporting thresholds (src/app/evaluation/
 * report.ts). Every figure the analysis computes is here; a figure it could not compute is null
 * with a note saying why.
 */
import { CAMPAIGN_STATES } from '../shared/evaluation.js';
import { CampaignView } from './evaluation.js';
import {
  Count,
  I18nText,
  List,
  Locale,
  Nullable,
  Obj,
  StringEnum,
  Type,
  type Static,
} from './common.js';

const Num = Type.Number();
const NumOrNull = Nullable(Type.Number());
/** A confidence interval: [lower, upper]. */
const Pair = Type.Unsafe<readonly [number, number]>(
  Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
);

const Distribution = List(Obj({ point: Type.Integer(), count: Count, share: Num }), {
  maxItems: 11,
});

const Description = Obj({
  n: Count,
  mean: Num,
  sd: Num,
  se: Num,
  ci95: Pair,
  distribution: Type.Optional(Distribution),
});

const ItemFigures = Obj({
  id: Type.String(),
  reversed: Type.Boolean(),
  n: Count,
  mean: Num,
  sd: Num,
  itemRest: Num,
  alphaIfDropped: NumOrNull,
  alphaStdIfDropped: NumOrNull,
});

const FactorFigures = Obj({
  id: Type.String(),
  items: List(Type.String(), { maxItems: 20 }),
  reversed: List(Type.String(), { maxItems: 20 }),
  n: Count,
  mean: NumOrNull,
  description: Nullable(Description),
  alpha: NumOrNull,
  alphaStd: NumOrNull,
  averageR: NumOrNull,
  omegaTotal: NumOrNull,
  itemFigures: List(ItemFigures, { maxItems: 20 }),
});

const Structure = Obj({
  nFactors: Count,
  nComponents: Count,
  observedFa: List(Num, { maxItems: 500 }),
  simulatedFa: List(Num, { maxItems: 500 }),
  primary: List(Obj({ item: Type.String(), factor: Count, loading: Num }), { maxItems: 500 }),
  coherence: List(Obj({ id: Type.String(), factor: Count, share: Num }), { maxItems: 100 }),
});

const PairedT = Obj({
  n: Count,
  meanDiff: Num,
  sdDiff: Num,
  t: Num,
  df: Num,
  p: Num,
  ci95: Pair,
  dz: Num,
});

const Ols = Obj({
  n: Count,
  coefficients: List(
    Obj({ name: Type.String(), b: Num, se: Num, t: Num, p: Num, ci95: Pair, beta: NumOrNull }),
    { maxItems: 100 },
  ),
  r2: Num,
  adjR2: Num,
  f: Num,
  fP: Num,
  df: Obj({ model: Count, residual: Count }),
});

const Ranked = Obj({
  id: Type.String(),
  role: StringEnum(['promoting', 'blocking', 'neutral'] as const),
  level: StringEnum(['high', 'low', 'middle'] as const),
  betas: List(Obj({ outcome: Type.String(), beta: Num, p: Num }), { maxItems: 2 }),
});

export const Analysis = Obj({
  n: Count,
  missing: StringEnum(['pairwise', 'listwise'] as const),
  scale: Obj({ min: Type.Integer(), max: Type.Integer() }),
  factors: List(FactorFigures, { maxItems: 100 }),
  omegaH: NumOrNull,
  omegaTotal: NumOrNull,
  structure: Nullable(Structure),
  gap: Nullable(PairedT),
  regressions: List(Obj({ outcome: Type.String(), result: Ols }), { maxItems: 2 }),
  ranking: List(Ranked, { maxItems: 100 }),
  notes: List(Obj({ what: Type.String(), zh: Type.String(), en: Type.String() }), {
    maxItems: 500,
  }),
});
export type Analysis = Static<typeof Analysis>;

const Group = Obj({
  value: Nullable(Type.String()),
  label: I18nText,
  n: Nullable(Count),
  /** Why the group is hidden: under k, or the complement hidden beside one that is. */
  hidden: Nullable(StringEnum(['under_k', 'complement'] as const)),
  means: Nullable(Type.Record(Type.String(), NumOrNull)),
});

export const CampaignReport = Obj({
  campaign: CampaignView,
  instrument: Obj({ id: Type.String(), validated: Type.Boolean(), validationNote: I18nText }),
  n: Count,
  reportable: Type.Boolean(),
  analysis: Nullable(Analysis),
  breakdowns: List(
    Obj({ id: Type.String(), label: I18nText, groups: List(Group, { maxItems: 20 }) }),
    {
      maxItems: 20,
    },
  ),
  openAnswers: Nullable(
    List(
      Obj({
        id: Type.String(),
        text: I18nText,
        answers: List(Type.String(), { maxItems: 1_000_000 }),
      }),
      { maxItems: 20 },
    ),
  ),
});
export type CampaignReport = Static<typeof CampaignReport>;

/** Campaigns side by side: GET /api/evaluation/overview. */
export const EvaluationOverview = Obj({
  campaigns: List(
    Obj({
      campaignId: Type.String(),
      title: Type.String(),
      jurisdiction: Obj({ id: Type.String(), name: I18nText }),
      instrumentId: Type.String(),
      opensOn: Type.String(),
      closesOn: Type.String(),
      state: StringEnum(CAMPAIGN_STATES),
      answering: Type.Boolean({ description: 'Open and taking answers today.' }),
      thresholdK: Type.Integer({ description: 'No figure from fewer answers than k.' }),
      n: Count,
      reportable: Type.Boolean(),
      means: Nullable(Type.Record(Type.String(), NumOrNull)),
      gap: NumOrNull,
    }),
    { maxItems: 10_000 },
  ),
});
export type EvaluationOverview = Static<typeof EvaluationOverview>;

/** GET /api/evaluation/campaigns/{id}/report.xlsx: the workbook's language. */
export const ReportWorkbookQuery = Obj({ lang: Type.Optional(Locale) });
export type ReportWorkbookQuery = Static<typeof ReportWorkbookQuery>;

/** GET /api/evaluation/campaigns/{id}/report.pdf: the report's language. */
export const ReportPdfQuery = Obj({ lang: Type.Optional(Locale) });
export type ReportPdfQuery = Static<typeof ReportPdfQuery>;
