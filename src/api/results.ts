/**
 * Result applications (结果运用) for the HR and assessment systems (issue 11): GET /api/results (a
 * keyset-paged JSON list), GET /api/results/filters (the filter bar's options) and
 * GET /api/results/export (the same rows as a workbook, CSV or an XML batch in the `.lrmx` field
 * names of the cadre appointment and removal form, 干部任免审批表). src/app/queries/results-*.ts.
 */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, RESULT_FORMATS } from '../shared/limits.js';
import { ResultApplied } from './cases.js';
import {
  DateString,
  I18nText,
  List,
  Locale,
  Nullable,
  Obj,
  StringEnum,
  Type,
  Uuid,
  type Static,
} from './common.js';

/** The filters the list and the export share (the CLI's --jurisdiction, --unit, --from, --to). */
const RESULT_FILTERS = {
  jurisdiction: Type.Optional(
    Type.String({
      maxLength: 100,
      description:
        'A jurisdiction id (see GET /api/results/filters): the cases of it and of the jurisdictions under it.',
    }),
  ),
  unit: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'A unit id (a UUID): the officials of it and of the units under it.',
    }),
  ),
  from: Type.Optional(
    Type.String({
      maxLength: 10,
      description: 'First day (YYYY-MM-DD) the determination in force was made.',
    }),
  ),
  to: Type.Optional(
    Type.String({
      maxLength: 10,
      description: 'Last day (YYYY-MM-DD) the determination in force was made.',
    }),
  ),
};

export const ResultsQuery = Obj({
  ...RESULT_FILTERS,
  cursor: Type.Optional(
    Type.String({
      maxLength: 1000,
      description: 'The nextCursor of the previous page; absent for the first page.',
    }),
  ),
  pageSize: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
  ),
});
export type ResultsQuery = Static<typeof ResultsQuery>;

export const ResultsExportQuery = Obj({
  ...RESULT_FILTERS,
  format: Type.Optional(
    StringEnum(RESULT_FORMATS, {
      default: 'xlsx',
      description:
        'xlsx: an Excel workbook; csv: CSV (UTF-8 with a byte order mark); lrmx: an XML batch of Person records in the appointment form’s .lrmx field names (always in Chinese).',
    }),
  ),
  lang: Type.Optional(Locale),
});
export type ResultsExportQuery = Static<typeof ResultsExportQuery>;

export const ResultItem = Obj({
  caseId: Uuid,
  caseNumber: Type.String(),
  official: Obj({
    id: Uuid,
    name: Type.String({ description: '姓名 (XingMing).' }),
    idCard: Nullable(
      Type.String({
        description:
          '居民身份证号码 (ShenFenZheng), in full: the row is matched to the official’s record in the HR system by it.',
      }),
    ),
  }),
  unit: Obj({ id: Uuid, name: I18nText }, { description: '工作单位 (GongZuoDanWei).' }),
  post: I18nText,
  jurisdiction: Obj({ id: Type.String(), name: I18nText }),
  documentNumber: Type.String({ description: 'The determination’s document number (认定书文号).' }),
  decidedOn: DateString,
  outcome: Type.String(),
  outcomeLabel: I18nText,
  basis: Type.String({
    description: 'How the determination in force was made: first, review or appeal.',
  }),
  application: Nullable(ResultApplied),
  appointmentForm: Obj(
    {
      rewardsAndPenalties: I18nText,
      annualAssessment: I18nText,
    },
    {
      description:
        'What the appointment form (干部任免审批表) receives: 奖惩情况 (JiangChengQingKuang) and 年度考核结果 (NianDuKaoHeJieGuo).',
    },
  ),
});
export type ResultItem = Static<typeof ResultItem>;

export const ResultsPage = Obj({
  items: List(ResultItem, {
    description: 'Ordered by the day decided, then the case number.',
  }),
  pageSize: Type.Integer(),
  nextCursor: Nullable(
    Type.String({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  ),
});
export type ResultsPage = Static<typeof ResultsPage>;

export const ResultFilterOptions = Obj({
  jurisdictions: List(
    Obj({ id: Type.String(), parentId: Nullable(Type.String()), name: I18nText }),
    {
      description: 'The jurisdictions inside the user’s export scope, parents before children.',
    },
  ),
  units: List(
    Obj({ id: Uuid, parentId: Nullable(Uuid), name: I18nText, jurisdictionId: Type.String() }),
    { description: 'The units inside the export scope, parents before children.' },
  ),
  unitsCapped: Type.Boolean({
    description: 'More units are in scope than the list holds; pick a jurisdiction first.',
  }),
});
export type ResultFilterOptions = Static<typeof ResultFilterOptions>;
