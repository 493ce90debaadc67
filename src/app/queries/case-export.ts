/**
 * A list taken away: every case of a filtered work queue (the same filters, scope and order as
 * GET /api/cases) as an Excel workbook, up to EXPORT_MAX_ROWS rows with a note row when the list
 * is longer. A title row says what was exported, by whom and when; the header is frozen; dates are
 * Excel dates; the identity card number is masked. The export is written to the read log with its
 * filters (`case.export`), in the transaction that reads the rows.
 */
import type { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import { maskIdCard } from '../../shared/id-card.js';
import { EXPORT_MAX_ROWS } from '../../shared/limits.js';
import { STATE_LABEL, STEP_LABEL, type CaseState } from '../../shared/case.js';
import { outcomeLabelOf } from '../cases/record.js';
import type { AppContext } from '../context.js';
import { cases, jurisdictions, officials, readLog, units } from '../tables.js';
import {
  checkedListFilters,
  findingDetail,
  listConditions,
  type Filters,
  type ListCasesInput,
} from './case-list.js';
import { chinaStamp, excelChinaTime, excelDay, workbookStream } from './workbook.js';

type Lang = 'zh' | 'en';

const ROUTE_LABEL: Readonly<Record<string, I18nText>> = {
  application: { zh: '本人或党组织申请', en: 'Application' },
  ex_officio: { zh: '依职权审查', en: 'Ex-officio review' },
  risk_filing: { zh: '风险事项报备', en: 'Advance risk filing' },
};

/** The columns: header, width (characters), and whether the cells are dates. */
const COLUMNS = [
  { key: 'no', zh: '序号', en: 'No.', width: 6 },
  { key: 'number', zh: '案件编号', en: 'Case number', width: 22 },
  { key: 'title', zh: '事由', en: 'Matter', width: 36 },
  { key: 'official', zh: '当事人', en: 'Official', width: 10 },
  { key: 'idCard', zh: '居民身份证号码', en: 'Identity card number', width: 21 },
  { key: 'unit', zh: '单位', en: 'Unit', width: 24 },
  { key: 'post', zh: '职务', en: 'Post', width: 24 },
  { key: 'jurisdiction', zh: '辖区', en: 'Jurisdiction', width: 14 },
  { key: 'route', zh: '办理途径', en: 'Route', width: 16 },
  { key: 'state', zh: '状态', en: 'State', width: 16 },
  { key: 'step', zh: '当前环节', en: 'Current step', width: 14 },
  { key: 'dueOn', zh: '环节期限', en: 'Step due', width: 12, date: true },
  { key: 'appliedOn', zh: '申请（立案）日期', en: 'Opened on', width: 14, date: true },
  { key: 'acceptedOn', zh: '受理日期', en: 'Accepted on', width: 12, date: true },
  { key: 'outcome', zh: '认定结论', en: 'Outcome', width: 20 },
  { key: 'decidedOn', zh: '认定日期', en: 'Decided on', width: 12, date: true },
  { key: 'updatedAt', zh: '最近办理', en: 'Last activity', width: 18, time: true },
] as const;

/** The headers of the export in a language (the test checks the workbook against them). */
export function exportHeaders(lang: Lang): string[] {
  return COLUMNS.map((c) => c[lang]);
}

export interface CaseExport {
  readonly filename: string;
  /** The workbook, written as it is read. */
  readonly stream: Readable;
  readonly rows: number;
  readonly capped: boolean;
}

export async function exportCases(
  ctx: AppContext,
  actor: Actor,
  input: ListCasesInput,
  lang: Lang,
  /** The cap (EXPORT_MAX_ROWS; tests pass a small one). */
  maxRows: number = EXPORT_MAX_ROWS,
): Promise<CaseExport> {
  const filters = checkedListFilters(input);
  const { rows, unitName } = await ctx.store.tx(async (tx) => {
    const { order, found, where } = await listConditions(ctx, tx, actor, filters);
    const inForce = sql<
      [string, string] | null
    >`(select json_build_array(d.outcome, d.decided_on::text) from determinations d where d.case_id = ${cases.id} order by d.created_at desc limit 1)`;
    const read = await tx
      .select({
        number: cases.number,
        title: cases.title,
        state: cases.state,
        route: cases.route,
        step: cases.step,
        stepDueOn: cases.stepDueOn,
        createdAt: cases.createdAt,
        acceptedOn: cases.acceptedOn,
        updatedAt: cases.updatedAt,
        packId: cases.packId,
        packVersion: cases.packVersion,
        conductDate: cases.conductDate,
        officialName: officials.name,
        idCard: officials.idCard,
        positionZh: officials.positionZh,
        positionEn: officials.positionEn,
        unitZh: units.nameZh,
        unitEn: units.nameEn,
        jurisdictionZh: jurisdictions.nameZh,
        jurisdictionEn: jurisdictions.nameEn,
        decision: inForce,
      })
      .from(cases)
      .innerJoin(officials, eq(officials.id, cases.officialId))
      .innerJoin(units, eq(units.id, cases.unitId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
      .where(where(found?.indexed))
      .orderBy(...order.orderBy)
      .limit(maxRows + 1);
    const [unit] = filters.unitId
      ? await tx
          .select({ zh: units.nameZh, en: units.nameEn })
          .from(units)
          .where(eq(units.id, filters.unitId))
      : [];
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'case.export',
      at: ctx.now(),
      detail: { ...exportDetail(filters), rows: Math.min(read.length, maxRows) },
    });
    return { rows: read, unitName: unit };
  });
  const capped = rows.length > maxRows;
  const shown = rows.slice(0, maxRows);
  const now = ctx.now();
  const title = lang === 'zh' ? '容错纠错案件清单' : 'Tolerance cases';
  const filtersText = describeFilters(filters, lang, unitName, anyOutcomeLabel(ctx));
  const stream = workbookStream({
    title,
    byLine:
      lang === 'zh'
        ? `导出人：${actor.displayName}（${actor.username}）；导出时间：${chinaStamp(now)}（北京时间）；筛选条件：${filtersText}`
        : `Exported by ${actor.displayName} (${actor.username}) at ${chinaStamp(now)} (China time); filters: ${filtersText}`,
    columns: COLUMNS.map((c) => ({
      header: c[lang],
      width: c.width,
      ...('date' in c ? { kind: 'date' as const } : {}),
      ...('time' in c ? { kind: 'time' as const } : {}),
    })),
    rows: shown.map((r, i) => cellsOf(ctx, r, i + 1, lang)),
    ...(capped
      ? {
          note:
            lang === 'zh'
              ? `注：符合条件的案件超过 ${maxRows} 件，本表只列出前 ${maxRows} 件；请增加筛选条件后分批导出。`
              : `Note: more than ${maxRows} cases match; this sheet lists the first ${maxRows}. Add filters and export in parts.`,
        }
      : {}),
    creator: actor.displayName,
    created: now,
  });
  const day = chinaStamp(now).slice(0, 10);
  const filename = lang === 'zh' ? `容错纠错案件清单-${day}.xlsx` : `tolerance-cases-${day}.xlsx`;
  return { filename, stream, rows: shown.length, capped };
}

/** The read log's record of an export: its filters (the identity card masked). */
function exportDetail(filters: Filters): Record<string, string> {
  const detail: Record<string, string> = { ...findingDetail(filters) };
  for (const key of ['state', 'route', 'step', 'due', 'q'] as const) {
    const value = filters[key];
    if (value) detail[key] = value;
  }
  if (filters.sort !== 'updated') detail.sort = filters.sort;
  return detail;
}

/** The filters in words, for the title row. */
function describeFilters(
  filters: Filters,
  lang: Lang,
  unit: I18nText | undefined,
  outcomeLabel: (id: string) => I18nText,
): string {
  const zh = lang === 'zh';
  const parts: string[] = [];
  const add = (zhLabel: string, enLabel: string, value: string) =>
    parts.push(zh ? `${zhLabel}：${value}` : `${enLabel}: ${value}`);
  if (filters.state) add('状态', 'state', STATE_LABEL[filters.state as CaseState][lang]);
  if (filters.route) add('途径', 'route', ROUTE_LABEL[filters.route]?.[lang] ?? filters.route);
  if (filters.step) add('环节', 'step', STEP_LABEL[filters.step as keyof typeof STEP_LABEL][lang]);
  if (filters.due)
    add(
      '期限',
      'due',
      filters.due === 'overdue' ? (zh ? '逾期' : 'overdue') : zh ? '即将到期' : 'due soon',
    );
  if (filters.q) add('关键词', 'search', filters.q);
  if (filters.idCard) add('身份证号', 'identity card', maskIdCard(filters.idCard));
  if (filters.unitId) add('单位', 'unit', unit?.[lang] ?? filters.unitId);
  if (filters.post) add('职务', 'post', filters.post);
  if (filters.appliedFrom || filters.appliedTo)
    add('申请（立案）日期', 'opened', `${filters.appliedFrom ?? '…'}—${filters.appliedTo ?? '…'}`);
  if (filters.acceptedFrom || filters.acceptedTo)
    add('受理日期', 'accepted', `${filters.acceptedFrom ?? '…'}—${filters.acceptedTo ?? '…'}`);
  if (filters.decidedFrom || filters.decidedTo)
    add('认定日期', 'decided', `${filters.decidedFrom ?? '…'}—${filters.decidedTo ?? '…'}`);
  if (filters.outcome) add('认定结论', 'outcome', outcomeLabel(filters.outcome)[lang]);
  if (parts.length === 0) return zh ? '无（可查看的全部案件）' : 'none (every case in scope)';
  return parts.join(zh ? '；' : '; ');
}

interface ExportRow {
  readonly number: string;
  readonly title: string;
  readonly state: string;
  readonly route: string;
  readonly step: string;
  readonly stepDueOn: string | null;
  readonly createdAt: Date;
  readonly acceptedOn: string | null;
  readonly updatedAt: Date;
  readonly packId: string;
  readonly packVersion: string | null;
  readonly conductDate: string;
  readonly officialName: string;
  readonly idCard: string | null;
  readonly positionZh: string;
  readonly positionEn: string;
  readonly unitZh: string;
  readonly unitEn: string;
  readonly jurisdictionZh: string;
  readonly jurisdictionEn: string;
  readonly decision: [string, string] | null;
}

function cellsOf(ctx: AppContext, r: ExportRow, no: number, lang: Lang): unknown[] {
  const [outcome, decidedOn] = r.decision ?? [null, null];
  const values: Record<(typeof COLUMNS)[number]['key'], unknown> = {
    no,
    number: r.number,
    title: r.title,
    official: r.officialName,
    idCard: r.idCard ? maskIdCard(r.idCard) : null,
    unit: lang === 'zh' ? r.unitZh : r.unitEn,
    post: lang === 'zh' ? r.positionZh : r.positionEn || r.positionZh,
    jurisdiction: lang === 'zh' ? r.jurisdictionZh : r.jurisdictionEn,
    route: ROUTE_LABEL[r.route]?.[lang] ?? r.route,
    state: STATE_LABEL[r.state as CaseState]?.[lang] ?? r.state,
    step: STEP_LABEL[r.step as keyof typeof STEP_LABEL]?.[lang] ?? r.step,
    dueOn: excelDay(r.stepDueOn),
    appliedOn: excelDay(chinaStamp(r.createdAt).slice(0, 10)),
    acceptedOn: excelDay(r.acceptedOn),
    outcome: outcome === null ? null : outcomeLabelOf(ctx, r, outcome)[lang],
    decidedOn: excelDay(decidedOn),
    updatedAt: excelChinaTime(r.updatedAt),
  };
  return COLUMNS.map((c) => values[c.key]);
}

/** An outcome's label on the ladder of any pack in force today (its id where none has it). */
function anyOutcomeLabel(ctx: AppContext): (id: string) => I18nText {
  const day = chinaStamp(ctx.now()).slice(0, 10);
  return (id) => {
    for (const packId of ctx.engine.packs.ids()) {
      try {
        const found = ctx.engine.at(packId, day).outcomes.find((o) => o.id === id);
        if (found) return found.label;
      } catch {
        // no version in force today
      }
    }
    return { zh: id, en: id };
  };
}
