/**
 * Implementation evaluation (issue 12): survey campaigns, their one-time tokens, instruments, and
 * the public answering endpoints. Routes in src/server/routes/evaluation.ts, use cases in
 * src/app/evaluation/.
 *
 * - GET/POST /api/evaluation/campaigns, GET /api/evaluation/campaigns/{id},
 *   POST /api/evaluation/campaigns/{id}/open | /close | /tokens
 * - GET /api/evaluation/instruments, GET /api/evaluation/instruments/{id},
 *   POST /api/evaluation/instruments (adapt one into a new version)
 * - GET/POST /api/survey/{token}: no session, no cookie.
 */
import { CAMPAIGN_STATES, MAX_INVITED, MIN_THRESHOLD_K } from '../shared/evaluation.js';
import { MAX_TOKENS_PER_ISSUE, TEXT_LIMITS } from '../shared/limits.js';
import {
  Count,
  DateString,
  DateTime,
  I18nText,
  List,
  Nullable,
  Obj,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';

const DIMENSIONS = ['motivation', 'process', 'environment'] as const;
const OUTCOMES = ['support', 'optimism', 'willingness'] as const;
const QUESTION_ID = { pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,63}$' };

// ---- instruments (src/evaluation/model.ts) ----

const Item = Obj({ id: Type.String(QUESTION_ID), text: I18nText, reversed: Type.Boolean() });

const Factor = Obj({
  id: Type.String(QUESTION_ID),
  name: I18nText,
  definition: I18nText,
  finding: I18nText,
  seedFinding: StringEnum(['promoting', 'blocking', 'mixed'] as const),
  items: List(Item, { maxItems: 20 }),
});

/** A survey instrument, as src/evaluation/model.ts's Instrument. */
export const InstrumentBody = Obj({
  id: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  basedOn: Nullable(Type.String()),
  title: I18nText,
  introduction: I18nText,
  validated: Type.Boolean(),
  validationNote: I18nText,
  scale: Obj({
    min: Type.Integer(),
    max: Type.Integer(),
    labels: List(I18nText, { maxItems: 11 }),
  }),
  dimensions: List(
    Obj({
      id: StringEnum(DIMENSIONS),
      name: I18nText,
      definition: I18nText,
      factors: List(Factor, { maxItems: 30 }),
    }),
    { maxItems: 3 },
  ),
  outcomes: List(
    Obj({
      id: StringEnum(OUTCOMES),
      name: I18nText,
      definition: I18nText,
      items: List(Item, { maxItems: 20 }),
    }),
    { maxItems: 3 },
  ),
  demographics: List(
    Obj({
      id: Type.String(QUESTION_ID),
      label: I18nText,
      options: List(Obj({ value: Type.String(QUESTION_ID), label: I18nText }), { maxItems: 20 }),
    }),
    { maxItems: 20 },
  ),
  openQuestions: List(Obj({ id: Type.String(QUESTION_ID), text: I18nText }), { maxItems: 10 }),
});
export type InstrumentBody = Static<typeof InstrumentBody>;

export const InstrumentSummary = Obj({
  id: Type.String(),
  version: Type.Integer(),
  basedOn: Nullable(Type.String()),
  title: I18nText,
  validated: Type.Boolean({ description: 'False until validated in the field; reports say so.' }),
  inUse: Type.Boolean({ description: 'A campaign uses it: it never changes; adapt it instead.' }),
  createdAt: DateTime,
});
export type InstrumentSummary = Static<typeof InstrumentSummary>;

export const InstrumentList = Obj({ instruments: List(InstrumentSummary) });

export const InstrumentIdParams = Obj({ id: Type.String({ maxLength: 63 }) });

export const InstrumentView = Obj({
  instrument: InstrumentBody,
  inUse: Type.Boolean(),
  createdAt: DateTime,
});
export type InstrumentView = Static<typeof InstrumentView>;

const {
  id: _id,
  version: _v,
  basedOn: _b,
  validated: _val,
  ...adaptable
} = InstrumentBody.properties;

export const AdaptInstrumentBody = Obj({
  basedOn: Type.String({ maxLength: 63, description: 'The version adapted, e.g. seed000-v1.' }),
  id: Type.String({
    maxLength: 63,
    description:
      'The new version’s id, not in use, ending in -v and its version (e.g. seed000-v2).',
  }),
  instrument: Obj(adaptable, {
    description:
      'The new version’s content. Its version (the id’s -vN), basedOn and validated (false) are set by the server.',
  }),
});
export type AdaptInstrumentBody = Static<typeof AdaptInstrumentBody>;

export const AdaptInstrumentAnswer = Obj({
  id: Type.String(),
  version: Type.Integer(),
  basedOn: Type.String(),
});

// ---- campaigns ----

const Named = Obj({ id: Type.String(), name: I18nText });

export const CampaignView = Obj({
  id: Uuid,
  jurisdiction: Named,
  title: Type.String(),
  instrumentId: Type.String(),
  invitedUnits: List(Named),
  invitedCount: Count,
  opensOn: DateString,
  closesOn: DateString,
  state: StringEnum(CAMPAIGN_STATES),
  answering: Type.Boolean({ description: 'Open and taking answers today.' }),
  thresholdK: Type.Integer({ description: 'No result for a group smaller than k.' }),
  freeTextThreshold: Type.Integer({ description: 'Free text shown only for groups this large.' }),
  keepDay: Type.Boolean({
    description: 'A response keeps the day it was submitted (never the time).',
  }),
  createdAt: DateTime,
  version: Type.Integer({ description: 'For open and close (expectedVersion).' }),
  counts: Obj({ tokensIssued: Count, tokensUsed: Count, responses: Count }),
  abilities: Obj({ open: Type.Boolean(), close: Type.Boolean(), issueTokens: Type.Boolean() }),
});
export type CampaignView = Static<typeof CampaignView>;

export const CampaignsQuery = Obj({
  jurisdictionId: Type.Optional(Type.String({ description: 'One jurisdiction only.' })),
});
export type CampaignsQuery = Static<typeof CampaignsQuery>;

export const CampaignList = Obj({ campaigns: List(CampaignView) });
export type CampaignList = Static<typeof CampaignList>;

export const CampaignIdParams = Obj({ id: Type.String() });

export const CreateCampaignBody = Obj({
  jurisdictionId: Type.String(),
  title: Text(TEXT_LIMITS.campaignTitle.max, 0, 'The campaign’s title.'),
  instrumentId: Type.String({ maxLength: 63 }),
  invitedUnitIds: List(Uuid, { minItems: 1, maxItems: 500 }),
  invitedCount: Type.Integer({ minimum: 1, maximum: MAX_INVITED }),
  opensOn: DateString,
  closesOn: DateString,
  thresholdK: Type.Optional(
    Type.Integer({
      minimum: MIN_THRESHOLD_K,
      default: MIN_THRESHOLD_K,
      description: 'No result for a group smaller than k; at least 5 (only ever raised).',
    }),
  ),
  freeTextThreshold: Type.Optional(
    Type.Integer({ minimum: MIN_THRESHOLD_K, description: 'At least k; default max(10, k).' }),
  ),
  keepDay: Type.Optional(Type.Boolean({ default: false })),
});
export type CreateCampaignBody = Static<typeof CreateCampaignBody>;

export const CampaignChangeBody = Obj({ expectedVersion: Type.Integer({ minimum: 0 }) });
export type CampaignChangeBody = Static<typeof CampaignChangeBody>;

export const CampaignChangeAnswer = Obj({
  id: Uuid,
  state: StringEnum(CAMPAIGN_STATES),
  version: Type.Integer(),
});

export const IssueTokensBody = Obj({
  count: Type.Integer({ minimum: 1, maximum: MAX_TOKENS_PER_ISSUE }),
});
export type IssueTokensBody = Static<typeof IssueTokensBody>;

export const IssueTokensAnswer = Obj({
  campaignId: Uuid,
  tokens: List(Type.String(), {
    description:
      'The tokens, shown this once (only their hashes are kept): 26 characters of Crockford base32; the answering page is /survey/{token}.',
  }),
  issued: Count,
});
export type IssueTokensAnswer = Static<typeof IssueTokensAnswer>;

// ---- the public answering endpoints ----

export const SurveyTokenParams = Obj({
  token: Type.String({ maxLength: 64, description: 'The one-time token (hyphens allowed).' }),
});

export const SurveyForm = Obj({
  title: Type.String(),
  closesOn: DateString,
  instrument: Obj({
    title: I18nText,
    introduction: I18nText,
    scale: Obj({ min: Type.Integer(), max: Type.Integer(), labels: List(I18nText) }),
    items: List(Obj({ id: Type.String(), text: I18nText })),
    demographics: List(
      Obj({
        id: Type.String(),
        label: I18nText,
        options: List(Obj({ value: Type.String(), label: I18nText })),
      }),
    ),
    openQuestions: List(Obj({ id: Type.String(), text: I18nText })),
  }),
});
export type SurveyForm = Static<typeof SurveyForm>;

const MAP_LIMITS = { maxProperties: 500, propertyNames: { maxLength: 64 } };

export const SurveyAnswerBody = Obj({
  answers: Type.Unsafe<Record<string, number | null>>({
    type: 'object',
    ...MAP_LIMITS,
    additionalProperties: { type: ['integer', 'null'] },
    description:
      'Item id → the point of the scale chosen, or null (blank); items left out are blank.',
  }),
  demographics: Type.Optional(
    Type.Unsafe<Record<string, string | null>>({
      type: 'object',
      ...MAP_LIMITS,
      additionalProperties: { type: ['string', 'null'], maxLength: 64 },
      description: 'Background question id → the option chosen, or null.',
    }),
  ),
  openAnswers: Type.Optional(
    Type.Unsafe<Record<string, string>>({
      type: 'object',
      ...MAP_LIMITS,
      additionalProperties: { type: 'string', maxLength: TEXT_LIMITS.surveyOpenAnswer.max },
      description: 'Open question id → the text written.',
    }),
  ),
});
export type SurveyAnswerBody = Static<typeof SurveyAnswerBody>;

export const SurveyAnswerAnswer = Obj({
  received: Type.Boolean({ description: 'Stored; nothing ties it to the token or to you.' }),
});
