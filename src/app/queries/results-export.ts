/**
 * Result applications taken to the HR and assessment systems (结果运用导出, issue 11): for each case
 * whose determination in force was made in a period, the official, the determination (number,
 * day, outcome) and its result application (what stays unaffected, the impact period and until
 * when). The rows are read once (`resultRows`) and written as an Excel workbook, CSV or an XML
 * batch in the field names of the cadre appointment and removal form (干部任免审批表, `.lrmx`):
 * 奖惩情况 (JiangChengQingKuang) and 年度考核结果 (NianDuKaoHeJieGuo) carry the structured note that
 * the matter does not affect them (domain.md §12).
 *
 * The identity card number is written in full: the rows exist to be matched to the officials'
 * records in those systems. Who may take it: the organization department's liaison, a committee
 * chair, an auditor or an administrator, for the cases of their jurisdictions; every export is
 * written to the read log with its filters and row count. The CLI (`rongcuo export results`)
 * reads the store as its operator.
 */
import type { Readable } from 'node:stream';
import { and, desc, eq, gt, gte, lte, notExists, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../domain/roles.js';
import type { I18nText, Lang } from '../../policy/model.js';
import type { ResultFormat } from '../../shared/limits.js';
import type { Role } from '../../shared/roles.js';
import { applicationFor, type StoredApplication } from '../cases/result-application.js';
import type { AppContext } from '../context.js';
import type { AppTx } from '../db.js';
import { AppError, invalid } from '../errors.js';
import { cases, determinations, jurisdictions, officials, readLog, units } from '../tables.js';
import { outcomeLabels } from '../cases/decide.js';
import { under } from './case-list.js';
import { chinaStamp, excelDay, workbookStream } from './workbook.js';

/**
 * The roles that may export result applications (names of officials and how each determination
 * applies), each over its jurisdictions. Not the system administrator: personnel data is not
 * their duty (三员分立, least privilege).
 */
export const RESULT_EXPORT_ROLES: readonly Role[] = ['org_liaison', 'committee_chair', 'auditor'];

export interface ResultsFilter {
  /** The jurisdiction subtree whose cases are exported (default: all the reader may see). */
  readonly jurisdictionId?: string;
  /** The unit subtree of the officials. */
  readonly unitId?: string;
  /** The period the determination in force was made in, inclusive (YYYY-MM-DD). */
  readonly from?: string;
  readonly to?: string;
}

export interface ResultRow {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly officialId: string;
  readonly officialName: string;
  readonly idCard: string | null;
  readonly unitId: string;
  readonly unit: I18nText;
  readonly post: I18nText;
  readonly jurisdictionId: string;
  readonly jurisdiction: I18nText;
  readonly documentNumber: string;
  readonly decidedOn: string;
  readonly outcome: string;
  readonly outcomeLabel: I18nText;
  /** 'first', 'review' or 'appeal': how the determination in force was made. */
  readonly basis: string;
  readonly application: StoredApplication | null;
}

const UUID_INPUT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A real day as YYYY-MM-DD (02-30 rolls over to March in JavaScript, and PostgreSQL refuses it). */
function isDay(v: string): boolean {
  const parsed = new Date(`${v}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(v) &&
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().slice(0, 10) === v
  );
}

/** The filter, checked: real days in order, a unit id shaped as one; empty values dropped. */
export function checkedResultsFilter(f: ResultsFilter): ResultsFilter {
  for (const key of ['from', 'to'] as const) {
    const v = f[key];
    if (v !== undefined && v !== '' && !isDay(v)) {
      throw invalid(
        key,
        `日期“${v}”无效，应为 YYYY-MM-DD 格式的日期，如 2026-03-01。`,
        `'${v}' is not a date; use YYYY-MM-DD, e.g. 2026-03-01.`,
      );
    }
  }
  if (f.from && f.to && f.from > f.to) {
    throw invalid(
      'to',
      `截止日期 ${f.to} 早于起始日期 ${f.from}，请调换或改正。`,
      `the end of the period ${f.to} is before its start ${f.from}: swap or correct them.`,
    );
  }
  if (f.unitId && !UUID_INPUT.test(f.unitId)) {
    throw invalid(
      'unit',
      '应为单位的标识（UUID），请从单位列表中选择。',
      'use a unit id (a UUID), chosen from the unit list.',
    );
  }
  return {
    ...(f.jurisdictionId ? { jurisdictionId: f.jurisdictionId } : {}),
    ...(f.unitId ? { unitId: f.unitId.toLowerCase() } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

/** The jurisdiction paths where the reader may export; refuses a reader with none. */
export function exportScopePaths(actor: Actor): string[] {
  const paths = actor.grants
    .filter((g) => RESULT_EXPORT_ROLES.includes(g.role) && g.scopeKind === 'jurisdiction')
    .map((g) => g.scopePath);
  if (paths.length === 0) {
    throw new AppError(
      'FORBIDDEN',
      { roles: RESULT_EXPORT_ROLES },
      {
        zh: '只有组织部门联络员、认定机构负责人或审计监督人员可以导出认定结果运用情况。',
        en: 'Only the organization-department liaison, a committee chair or an auditor may export result applications.',
      },
    );
  }
  return [...new Set(paths)];
}

/** The reader's jurisdiction subtrees where they may export, as a condition on the case. */
function exportScope(actor: Actor): SQL {
  return or(...exportScopePaths(actor).map((p) => under(cases.jurisdictionPath, p)))!;
}

/** A keyset page: the rows strictly after the sort key `after` (day decided, case number). */
export interface ResultsPageRequest {
  readonly after: readonly [decidedOn: string, caseNumber: string] | null;
  readonly limit: number;
}

/**
 * The determinations in force that `actor` (null: the CLI's operator, who reads every case) may
 * take, with the filter (checked by checkedResultsFilter), ordered by the day decided and the case
 * number (unique among determinations in force: a case has one), a page of them when `page` says.
 */
export async function selectResults(
  ctx: AppContext,
  tx: AppTx,
  actor: Actor | null,
  f: ResultsFilter,
  page?: ResultsPageRequest,
): Promise<ResultRow[]> {
  const later = alias(determinations, 'later');
  const conditions: (SQL | undefined)[] = [
    // The determination in force: no later one on the same case.
    notExists(
      tx
        .select({ one: sql`1` })
        .from(later)
        .where(
          and(
            eq(later.caseId, determinations.caseId),
            sql`${later.createdAt} > ${determinations.createdAt}`,
          ),
        ),
    ),
    actor ? exportScope(actor) : undefined,
    f.from ? gte(determinations.decidedOn, f.from) : undefined,
    f.to ? lte(determinations.decidedOn, f.to) : undefined,
  ];
  if (f.jurisdictionId) {
    const [j] = await tx
      .select({ path: jurisdictions.path })
      .from(jurisdictions)
      .where(eq(jurisdictions.id, f.jurisdictionId));
    if (!j) {
      throw invalid(
        'jurisdiction',
        `没有标识为“${f.jurisdictionId}”的辖区，请从辖区列表中选择。`,
        `there is no jurisdiction '${f.jurisdictionId}': choose one from the list.`,
      );
    }
    conditions.push(under(cases.jurisdictionPath, j.path));
  }
  if (f.unitId) {
    const [u] = await tx.select({ path: units.path }).from(units).where(eq(units.id, f.unitId));
    if (!u) {
      throw invalid(
        'unit',
        '没有该单位，请从单位列表中选择。',
        'there is no such unit: choose one from the unit list.',
      );
    }
    // The unit and the units under it.
    conditions.push(under(cases.unitPath, u.path));
  }
  if (page?.after) {
    const [day, number] = page.after;
    conditions.push(
      or(
        gt(determinations.decidedOn, day),
        and(eq(determinations.decidedOn, day), gt(cases.number, number)),
      ),
    );
  }
  const query = tx
    .select({
      caseId: cases.id,
      caseNumber: cases.number,
      packId: cases.packId,
      packVersion: cases.packVersion,
      conductDate: cases.conductDate,
      officialId: officials.id,
      officialName: officials.name,
      idCard: officials.idCard,
      positionZh: officials.positionZh,
      positionEn: officials.positionEn,
      unitId: units.id,
      unitZh: units.nameZh,
      unitEn: units.nameEn,
      jurisdictionId: jurisdictions.id,
      jurisdictionZh: jurisdictions.nameZh,
      jurisdictionEn: jurisdictions.nameEn,
      documentNumber: determinations.documentNumber,
      decidedOn: determinations.decidedOn,
      outcome: determinations.outcome,
      basis: determinations.basis,
      application: determinations.application,
    })
    .from(determinations)
    .innerJoin(cases, eq(cases.id, determinations.caseId))
    .innerJoin(officials, eq(officials.id, cases.officialId))
    .innerJoin(units, eq(units.id, cases.unitId))
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .where(and(...conditions))
    .orderBy(determinations.decidedOn, cases.number, desc(determinations.createdAt));
  const rows = page ? await query.limit(page.limit) : await query;
  return rows.map((r) => ({
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    officialId: r.officialId,
    officialName: r.officialName,
    idCard: r.idCard,
    unitId: r.unitId,
    unit: { zh: r.unitZh, en: r.unitEn },
    post: { zh: r.positionZh, en: r.positionEn },
    jurisdictionId: r.jurisdictionId,
    jurisdiction: { zh: r.jurisdictionZh, en: r.jurisdictionEn },
    documentNumber: r.documentNumber,
    decidedOn: r.decidedOn,
    outcome: r.outcome,
    outcomeLabel: outcomeLabels(ctx, r)(r.outcome),
    basis: r.basis,
    // Determinations made before the application was kept (migration 0018) read it from the
    // pack bound to the case, as the case view does.
    application: r.application ?? applicationFor(ctx, r, r.outcome, r.decidedOn).application,
  }));
}

/**
 * The rows to export, ordered by the day decided and the case number. `actor` null is the CLI's
 * operator, who reads every case; an actor reads the cases of their jurisdictions and the export
 * is logged (`results.export`, with the filter, the format and the rows).
 */
export async function resultRows(
  ctx: AppContext,
  actor: Actor | null,
  filter: ResultsFilter,
  format?: string,
): Promise<ResultRow[]> {
  // Who may export comes first: a reader who may not is told so, not what is wrong with the filter.
  if (actor) exportScopePaths(actor);
  const f = checkedResultsFilter(filter);
  return ctx.store.tx(async (tx) => {
    const rows = await selectResults(ctx, tx, actor, f);
    if (actor) {
      await tx.insert(readLog).values({
        userId: actor.userId,
        caseId: null,
        jurisdictionId: null,
        what: 'results.export',
        at: ctx.now(),
        detail: { ...f, ...(format ? { format } : {}), rows: rows.length },
      });
    }
    return rows;
  });
}

// ---- the columns, shared by the workbook and the CSV -------------------------------------------

const BASIS: Readonly<Record<string, I18nText>> = {
  first: { zh: '初次认定', en: 'First determination' },
  review: { zh: '复核变更', en: 'Changed on review' },
  appeal: { zh: '申诉变更', en: 'Changed on appeal' },
};

/** Matters and kinds in a cell: 年度考核、选拔任用 / Annual assessment; Promotion. */
function joined(items: readonly { label: I18nText }[], lang: Lang): string {
  return items.map((x) => x.label[lang]).join(lang === 'zh' ? '、' : '; ');
}

/** 奖惩情况 as the appointment form writes it: what was decided, by whom, and what it leaves. */
export function rewardsNote(r: ResultRow, lang: Lang): string {
  const [y, m] = r.decidedOn.split('-').map(Number) as [number, number];
  const unaffected = r.application?.unaffected ?? [];
  const period = r.application?.impactPeriod;
  if (lang === 'en') {
    const keeps = unaffected.length > 0 ? `; does not affect: ${joined(unaffected, 'en')}` : '';
    const until = period ? `; impact period until ${period.endsOn}` : '';
    return `${r.decidedOn.slice(0, 7)}: ${r.outcomeLabel.en} by the tolerance committee of ${r.jurisdiction.en} (${r.documentNumber})${keeps}${until}.`;
  }
  const keeps = unaffected.length > 0 ? `，不影响${joined(unaffected, 'zh')}` : '';
  const until = period
    ? `，影响期至${period.endsOn.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}止`
    : '';
  return `${y}年${m}月经${r.jurisdiction.zh}容错纠错认定机构认定，予以${r.outcomeLabel.zh}（${r.documentNumber}）${keeps}${until}。`;
}

/** 年度考核结果 note: whether the matter may weigh on the annual assessment. */
export function assessmentNote(r: ResultRow, lang: Lang): string {
  const unaffected = r.application?.unaffected.some((m) => m.id === 'annualAssessment') ?? false;
  if (lang === 'en') {
    return unaffected
      ? `The matter of ${r.documentNumber} does not affect the annual assessment.`
      : `The annual assessment follows the applicable rules on the matter of ${r.documentNumber}.`;
  }
  return unaffected
    ? `${r.documentNumber}所涉事项不影响年度考核等次评定。`
    : `${r.documentNumber}所涉事项对年度考核的影响按有关规定执行。`;
}

interface Column {
  readonly zh: string;
  readonly en: string;
  readonly width: number;
  readonly date?: boolean;
  readonly value: (r: ResultRow, lang: Lang, i: number) => string | number | null;
}

export const RESULT_COLUMNS: readonly Column[] = [
  { zh: '序号', en: 'No.', width: 6, value: (_, __, i) => i + 1 },
  { zh: '姓名', en: 'Name', width: 10, value: (r) => r.officialName },
  { zh: '居民身份证号码', en: 'Identity card number', width: 21, value: (r) => r.idCard ?? '' },
  { zh: '工作单位', en: 'Unit', width: 24, value: (r, l) => r.unit[l] },
  { zh: '现任职务', en: 'Post', width: 24, value: (r, l) => r.post[l] },
  { zh: '认定机构所在辖区', en: 'Jurisdiction', width: 14, value: (r, l) => r.jurisdiction[l] },
  { zh: '案件编号', en: 'Case number', width: 22, value: (r) => r.caseNumber },
  { zh: '认定书文号', en: 'Determination number', width: 22, value: (r) => r.documentNumber },
  { zh: '认定日期', en: 'Decided on', width: 12, date: true, value: (r) => r.decidedOn },
  { zh: '认定结论', en: 'Outcome', width: 18, value: (r, l) => r.outcomeLabel[l] },
  {
    zh: '认定方式',
    en: 'How decided',
    width: 10,
    value: (r, l) => (BASIS[r.basis] ?? { zh: r.basis, en: r.basis })[l],
  },
  {
    zh: '不受影响的事项',
    en: 'Unaffected',
    width: 40,
    value: (r, l) => joined(r.application?.unaffected ?? [], l),
  },
  {
    zh: '影响期（月）',
    en: 'Impact period (months)',
    width: 10,
    value: (r) => r.application?.impactPeriod?.months ?? null,
  },
  {
    zh: '影响期截止日期',
    en: 'Impact period ends',
    width: 14,
    date: true,
    value: (r) => r.application?.impactPeriod?.endsOn ?? null,
  },
  {
    zh: '纠错要求',
    en: 'Correction',
    width: 30,
    value: (r, l) => joined(r.application?.correction?.kinds ?? [], l),
  },
  { zh: '奖惩情况', en: 'Rewards and penalties', width: 60, value: rewardsNote },
  { zh: '年度考核结果说明', en: 'Annual assessment note', width: 40, value: assessmentNote },
];

/** The export as CSV (RFC 4180; a UTF-8 byte order mark so that Excel reads the Chinese). */
export function resultsCsv(rows: readonly ResultRow[], lang: Lang): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [RESULT_COLUMNS.map((c) => cell(c[lang])).join(',')];
  rows.forEach((r, i) =>
    lines.push(RESULT_COLUMNS.map((c) => cell(c.value(r, lang, i))).join(',')),
  );
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const xml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/**
 * The export as one XML batch of `Person` records in the `.lrmx` field names (XingMing 姓名,
 * ShenFenZheng 身份证号, GongZuoDanWei 工作单位, XianRenZhiWu 现任职务, JiangChengQingKuang 奖惩情况,
 * NianDuKaoHeJieGuo 年度考核结果), in Chinese; an importer takes each Person as one form's fields.
 */
export function resultsLrmx(rows: readonly ResultRow[]): string {
  const people = rows.map((r) =>
    [
      '  <Person>',
      `    <XingMing>${xml(r.officialName)}</XingMing>`,
      `    <ShenFenZheng>${xml(r.idCard ?? '')}</ShenFenZheng>`,
      `    <GongZuoDanWei>${xml(r.unit.zh)}</GongZuoDanWei>`,
      `    <XianRenZhiWu>${xml(r.post.zh)}</XianRenZhiWu>`,
      `    <JiangChengQingKuang>${xml(rewardsNote(r, 'zh'))}</JiangChengQingKuang>`,
      `    <NianDuKaoHeJieGuo>${xml(assessmentNote(r, 'zh'))}</NianDuKaoHeJieGuo>`,
      '  </Person>',
    ].join('\n'),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Persons>\n${people.join('\n')}\n</Persons>\n`;
}

/** The export as an Excel workbook (queries/workbook.ts), with who exported what in its by-line. */
export function resultsWorkbook(
  rows: readonly ResultRow[],
  lang: Lang,
  meta: { readonly by: string; readonly filter: ResultsFilter; readonly at: Date },
): Readable {
  const period = `${meta.filter.from ?? '—'} ~ ${meta.filter.to ?? '—'}`;
  return workbookStream({
    title:
      lang === 'zh'
        ? '容错纠错认定结果运用情况'
        : 'Result applications of tolerance determinations',
    byLine:
      lang === 'zh'
        ? `导出人：${meta.by}；导出时间：${chinaStamp(meta.at)}（北京时间）；认定日期：${period}；共 ${rows.length} 人次`
        : `Exported by ${meta.by} at ${chinaStamp(meta.at)} (China time); decided ${period}; ${rows.length} rows`,
    columns: RESULT_COLUMNS.map((c) => ({
      header: c[lang],
      width: c.width,
      ...(c.date ? { kind: 'date' as const } : {}),
    })),
    rows: rows.map((r, i) =>
      RESULT_COLUMNS.map((c) => {
        const v = c.value(r, lang, i);
        return c.date && typeof v === 'string' ? excelDay(v) : v;
      }),
    ),
    creator: 'rongcuo',
    created: meta.at,
  });
}

/** An export ready to send: its file name and content, and the rows it holds. */
export type ResultsExport = { readonly filename: string; readonly rows: number } & (
  | { readonly format: 'xlsx'; readonly stream: Readable }
  | { readonly format: 'csv' | 'lrmx'; readonly text: string }
);

/**
 * The export a signed-in reader asked for (GET /api/results/export): the rows of their scope with
 * the filter, logged with the format, in the file format asked for; the workbook's by-line names
 * the reader.
 */
export async function exportResults(
  ctx: AppContext,
  actor: Actor,
  filter: ResultsFilter,
  format: ResultFormat,
  lang: Lang,
): Promise<ResultsExport> {
  const rows = await resultRows(ctx, actor, filter, format);
  const now = ctx.now();
  const day = chinaStamp(now).slice(0, 10);
  const base = lang === 'zh' ? `认定结果运用情况-${day}` : `result-applications-${day}`;
  if (format === 'csv') {
    return { format, filename: `${base}.csv`, rows: rows.length, text: resultsCsv(rows, lang) };
  }
  // The appointment form's fields are Chinese whatever the language of the request.
  if (format === 'lrmx') {
    return {
      format,
      filename: `认定结果运用情况-${day}.lrmx`,
      rows: rows.length,
      text: resultsLrmx(rows),
    };
  }
  const by = `${actor.displayName}（${actor.username}）`;
  const stream = resultsWorkbook(rows, lang, {
    by: lang === 'zh' ? by : `${actor.displayName} (${actor.username})`,
    filter: checkedResultsFilter(filter),
    at: now,
  });
  return { format, filename: `${base}.xlsx`, rows: rows.length, stream };
}
