/**
 * Follow-up visits (回访) of officials in an impact period: GET /api/visits (the screen's read:
 * the pack's rule, the population of the next draw, the draws with their seed, population and
 * sample, the visits), POST /api/visits/draws (a seeded draw), POST /api/visits/{id}/record (a
 * visit's result) and POST /api/visits/report (results sent to the organization department).
 * src/app/visits/ and src/app/queries/visits.ts.
 */
import { TEXT_LIMITS } from '../shared/limits.js';
import { VISIT_CONCLUSIONS, VISIT_SEED_MAX_LENGTH, VISIT_STATES } from '../shared/visits.js';
import {
  Count,
  DateString,
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

export const VisitsQuery = Obj({
  jurisdictionId: Type.Optional(
    Type.String({
      description: 'The jurisdiction (with those below); default the reader’s first.',
    }),
  ),
  visitId: Type.Optional(
    Type.String({
      description:
        'A visit to show (the workbench’s and the reminders’ links): without jurisdictionId, the reader’s jurisdiction that holds it is read (404 VISIT_NOT_FOUND when none does).',
    }),
  ),
});
export type VisitsQuery = Static<typeof VisitsQuery>;

const Named = Obj({ id: Type.String(), name: I18nText });

export const VisitPerson = Obj({
  caseId: Uuid,
  caseNumber: Type.String(),
  officialId: Uuid,
  officialName: Type.String(),
  unit: I18nText,
  impactEndsOn: DateString,
  dueOn: DateString,
});

export const VisitItem = Obj({
  id: Uuid,
  drawId: Uuid,
  caseId: Uuid,
  caseNumber: Type.String(),
  caseVersion: Type.Integer({ description: 'The case version, for POST /api/visits/{id}/record.' }),
  officialId: Uuid,
  officialName: Type.String(),
  unit: I18nText,
  impactEndsOn: DateString,
  dueOn: DateString,
  state: StringEnum(VISIT_STATES),
  visitedOn: Nullable(DateString),
  visitors: Nullable(Type.String()),
  findings: Nullable(Type.String()),
  conclusion: Nullable(StringEnum(VISIT_CONCLUSIONS)),
  reportedOn: Nullable(DateString),
  abilities: Obj({ record: Type.Boolean(), report: Type.Boolean() }),
});
export type VisitItem = Static<typeof VisitItem>;

export const VisitDraw = Obj({
  id: Uuid,
  drawnOn: DateString,
  drawnBy: Type.String(),
  windowFrom: DateString,
  windowTo: DateString,
  share: Type.Number(),
  basis: Nullable(Type.String()),
  seed: Type.String(),
  population: List(Type.String(), {
    description: 'The candidates’ determination ids, in the order the draw read them.',
  }),
  selected: List(Type.String(), { description: 'The determination ids drawn, in order.' }),
});
export type VisitDraw = Static<typeof VisitDraw>;

export const VisitsView = Obj({
  jurisdiction: Named,
  jurisdictions: List(Named),
  rule: Nullable(
    Obj({
      months: Count,
      days: Count,
      sampleShare: Type.Number(),
      basis: Nullable(Type.String()),
      citation: Nullable(I18nText, { description: 'The clause cited, as 《document》article.' }),
    }),
  ),
  window: Nullable(Obj({ from: DateString, to: DateString })),
  upcoming: List(VisitPerson),
  mayDraw: Type.Boolean(),
  draws: List(VisitDraw),
  visits: List(VisitItem),
});
export type VisitsView = Static<typeof VisitsView>;

export const DrawBody = Obj({
  jurisdictionId: Type.String(),
  seed: Type.Optional(
    Type.String({
      maxLength: VISIT_SEED_MAX_LENGTH,
      description:
        'A seed given by the liaison (e.g. drawn in public), 1–128 visible characters; random when absent.',
    }),
  ),
});
export type DrawBody = Static<typeof DrawBody>;

export const DrawAnswer = Obj({
  draw: Obj({
    id: Uuid,
    jurisdictionId: Type.String(),
    drawnOn: DateString,
    windowFrom: DateString,
    windowTo: DateString,
    share: Type.Number(),
    basis: Nullable(Type.String()),
    seed: Type.String(),
    population: List(Type.String()),
    selected: List(Type.String()),
    visitIds: List(Uuid),
  }),
});
export type DrawAnswer = Static<typeof DrawAnswer>;

export const VisitIdParams = Obj({ id: Type.String() });

export const RecordVisitBody = Obj({
  expectedVersion: Type.Integer({ minimum: 0 }),
  visitedOn: DateString,
  visitors: Text(TEXT_LIMITS.visitVisitors.max, TEXT_LIMITS.visitVisitors.min, 'Who visited.'),
  findings: Text(
    TEXT_LIMITS.visitFindings.max,
    TEXT_LIMITS.visitFindings.min,
    'What the visit found.',
  ),
  conclusion: StringEnum(VISIT_CONCLUSIONS),
});
export type RecordVisitBody = Static<typeof RecordVisitBody>;

export const RecordVisitAnswer = Obj({
  visitId: Uuid,
  caseVersion: Type.Integer(),
});

export const ReportVisitsBody = Obj({
  visitIds: List(Uuid, { minItems: 1, maxItems: 200 }),
});
export type ReportVisitsBody = Static<typeof ReportVisitsBody>;

export const ReportVisitsAnswer = Obj({ reportedOn: DateString, visitIds: List(Uuid) });
