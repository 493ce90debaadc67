/**
 * Ex-ante risk filings (事前风险报备): POST /api/risk-filings records one, GET /api/risk-filings
 * lists those of the reader's jurisdictions (src/app/queries/risk-filings.ts), each with the cases
 * linked to it.
 */
import { RISK_FILING_STATUSES } from '../shared/case.js';
import { TEXT_LIMITS } from '../shared/limits.js';
import {
  Count,
  DateString,
  I18nText,
  List,
  Nullable,
  Obj,
  PAGING,
  Page,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';

export const RiskFilingBody = Obj({
  unitId: Uuid,
  title: Text(
    TEXT_LIMITS.riskFilingTitle.max,
    TEXT_LIMITS.riskFilingTitle.min,
    'The initiative filed.',
  ),
  filedOn: DateString,
  status: StringEnum(RISK_FILING_STATUSES),
  risks: Type.Optional(
    Text(
      TEXT_LIMITS.riskFilingRisks.max,
      TEXT_LIMITS.riskFilingRisks.min,
      'The risks foreseen (the screen requires them).',
    ),
  ),
  measures: Type.Optional(
    Text(
      TEXT_LIMITS.riskFilingMeasures.max,
      TEXT_LIMITS.riskFilingMeasures.min,
      'The measures to prevent and contain them.',
    ),
  ),
  reviewOpinion: Type.Optional(
    Text(
      TEXT_LIMITS.reviewOpinion.max,
      0,
      'The reviewer’s opinion (the screen asks it of a rejection).',
    ),
  ),
  decidedOn: Type.Optional(
    Type.String({
      format: 'date',
      description: 'The day the review ended (accepted or rejected); today when not given.',
    }),
  ),
});
export type RiskFilingBody = Static<typeof RiskFilingBody>;

export const RiskFilingAnswer = Obj({
  riskFiling: Obj({
    id: Uuid,
    jurisdictionId: Type.String(),
    unitId: Uuid,
    title: Type.String(),
    status: Type.String(),
    filedOn: DateString,
    decidedOn: Nullable(DateString),
    risks: Type.String(),
    measures: Type.String(),
    reviewOpinion: Type.String(),
  }),
});
export type RiskFilingAnswer = Static<typeof RiskFilingAnswer>;

export const RiskFilingListQuery = Obj({
  q: Type.Optional(
    Type.String({ maxLength: TEXT_LIMITS.search.max, description: 'Part of the title.' }),
  ),
  status: Type.Optional(StringEnum(RISK_FILING_STATUSES)),
  unitId: Type.Optional(
    Type.String({ format: 'uuid', description: 'A unit: its filings and its sub-units’.' }),
  ),
  filedFrom: Type.Optional(Type.String({ format: 'date' })),
  filedTo: Type.Optional(Type.String({ format: 'date' })),
  ...PAGING,
});
export type RiskFilingListQuery = Static<typeof RiskFilingListQuery>;

export const RiskFilingItem = Obj({
  id: Uuid,
  title: Type.String(),
  unit: Obj({ id: Uuid, name: I18nText }),
  jurisdiction: Obj({ id: Type.String(), name: I18nText }),
  filedOn: DateString,
  status: StringEnum(RISK_FILING_STATUSES),
  decidedOn: Nullable(DateString),
  risks: Type.String(),
  measures: Type.String(),
  reviewOpinion: Type.String(),
  linkedCases: List(Obj({ id: Uuid, number: Type.String(), title: Type.String() }), {
    description: 'The latest cases linked to the filing that the reader may read (at most 5).',
  }),
  linkedCaseCount: Count,
});
export type RiskFilingItem = Static<typeof RiskFilingItem>;

const FilingPage = Page(RiskFilingItem);
export const RiskFilingPage = Obj({
  ...FilingPage.properties,
  mayRecord: Type.Boolean({ description: 'The reader may record a filing (POST).' }),
});
export type RiskFilingPage = Static<typeof RiskFilingPage>;
