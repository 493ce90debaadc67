/**
 * GET /api/evaluation/indicators: the indicators from case records (issue 12), per jurisdiction
 * of the reader's scope and for the whole of it (src/app/evaluation/indicators.ts), each with its
 * definition and formula (src/evaluation/indicator-definitions.ts).
 */
import { INDICATOR_IDS } from '../evaluation/indicator-definitions.js';
import { SEED000_FACTORS } from '../evaluation/model.js';
import {
  Count,
  DateString,
  I18nText,
  List,
  Nullable,
  Obj,
  StringEnum,
  Type,
  type Static,
} from './common.js';

export const IndicatorsQuery = Obj({
  from: Type.Optional(
    Type.String({
      maxLength: 10,
      description:
        'First day of the period (YYYY-MM-DD, China time); default the first of January of the year of `to`.',
    }),
  ),
  to: Type.Optional(
    Type.String({
      maxLength: 10,
      description: 'Last day of the period (YYYY-MM-DD); default today.',
    }),
  ),
  jurisdiction: Type.Optional(
    Type.String({
      maxLength: 100,
      description:
        'A jurisdiction id within the reader’s scope: it and the jurisdictions under it (default: the whole scope).',
    }),
  ),
});

const IndicatorId = StringEnum(INDICATOR_IDS);

const IndicatorValue = Obj({
  id: IndicatorId,
  numerator: Nullable(Type.Number({ minimum: 0 }), {
    description: 'Null for a median, which has none.',
  }),
  denominator: Count,
  value: Nullable(Type.Number(), { description: 'Null when the denominator is 0.' }),
});

export const IndicatorDefinition = Obj({
  id: IndicatorId,
  name: I18nText,
  definition: I18nText,
  formula: I18nText,
  kind: StringEnum(['perThousand', 'ratio', 'share', 'median'] as const),
  factor: StringEnum(Object.values(SEED000_FACTORS).flat()),
  numerator: Nullable(I18nText),
  denominator: I18nText,
});

export const IndicatorsReport = Obj({
  from: DateString,
  to: DateString,
  definitions: List(IndicatorDefinition),
  jurisdictions: List(
    Obj({
      id: Type.String(),
      parentId: Nullable(Type.String()),
      level: Type.String(),
      name: I18nText,
      indicators: List(IndicatorValue),
    }),
  ),
  total: List(IndicatorValue),
});
export type IndicatorsReport = Static<typeof IndicatorsReport>;
