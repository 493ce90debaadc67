/**
 * Result applications as JSON (GET /api/results, the 结果运用台账 screen): the rows the export
 * takes (results-export.ts, same scope, filter and order), in keyset pages, each presented with
 * allow-listed fields and the notes the appointment form's 奖惩情况 and 年度考核结果 receive. Every
 * page read is written to the read log (`results.list`) with its filter and rows. The filter bar's
 * options (`resultFilterOptions`): the jurisdictions and units inside the reader's export scope.
 */
import { asc, like, or } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../shared/limits.js';
import type { StoredApplication } from '../cases/result-application.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { jurisdictions, readLog, units } from '../tables.js';
import { UNIT_OPTIONS_LIMIT } from './case-filter-options.js';
import { decodeCursor, encodeCursor, escapeLike, pageNumber } from './paging.js';
import {
  assessmentNote,
  checkedResultsFilter,
  exportScopePaths,
  rewardsNote,
  selectResults,
  type ResultRow,
  type ResultsFilter,
} from './results-export.js';

const CURSOR_KIND = 'results';

export interface ResultsListInput extends ResultsFilter {
  readonly cursor?: string;
  readonly pageSize?: number;
}

/** One result application as the API gives it (src/api/results.ts, ResultItem). */
export interface ResultItem {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly official: { readonly id: string; readonly name: string; readonly idCard: string | null };
  readonly unit: { readonly id: string; readonly name: I18nText };
  readonly post: I18nText;
  readonly jurisdiction: { readonly id: string; readonly name: I18nText };
  readonly documentNumber: string;
  readonly decidedOn: string;
  readonly outcome: string;
  readonly outcomeLabel: I18nText;
  readonly basis: string;
  readonly application: StoredApplication | null;
  readonly appointmentForm: {
    readonly rewardsAndPenalties: I18nText;
    readonly annualAssessment: I18nText;
  };
}

export interface ResultsPage {
  readonly items: readonly ResultItem[];
  readonly pageSize: number;
  readonly nextCursor: string | null;
}

/** A stored result application, its fields allow-listed (the ledger and the official's record). */
export function presentApplication(a: StoredApplication): StoredApplication {
  return {
    pack: { id: a.pack.id, version: a.pack.version },
    unaffected: a.unaffected.map((m) => ({ id: m.id, label: m.label })),
    impactPeriod: a.impactPeriod
      ? {
          months: a.impactPeriod.months,
          endsOn: a.impactPeriod.endsOn,
          basis: a.impactPeriod.basis,
        }
      : null,
    correction: a.correction
      ? {
          kinds: a.correction.kinds.map((k) => ({ id: k.id, label: k.label })),
          within: a.correction.within,
        }
      : null,
    basis: a.basis,
    note: a.note,
  };
}

/** The presenter: the fields the API gives, nothing else of the row. */
export function presentResult(r: ResultRow): ResultItem {
  const a = r.application;
  return {
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    official: { id: r.officialId, name: r.officialName, idCard: r.idCard },
    unit: { id: r.unitId, name: r.unit },
    post: r.post,
    jurisdiction: { id: r.jurisdictionId, name: r.jurisdiction },
    documentNumber: r.documentNumber,
    decidedOn: r.decidedOn,
    outcome: r.outcome,
    outcomeLabel: r.outcomeLabel,
    basis: r.basis,
    application: a ? presentApplication(a) : null,
    appointmentForm: {
      rewardsAndPenalties: { zh: rewardsNote(r, 'zh'), en: rewardsNote(r, 'en') },
      annualAssessment: { zh: assessmentNote(r, 'zh'), en: assessmentNote(r, 'en') },
    },
  };
}

/** A page of the result applications `actor` may take, logged as `results.list`. */
export async function listResults(
  ctx: AppContext,
  actor: Actor,
  input: ResultsListInput,
): Promise<ResultsPage> {
  exportScopePaths(actor);
  const { cursor, pageSize: size, ...filter } = input;
  const f = checkedResultsFilter(filter);
  const pageSize = pageNumber(size, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const after = cursor ? decodeCursor('cursor', cursor, CURSOR_KIND, 2) : null;
  if (after && !after.every((v) => typeof v === 'string')) {
    throw badCursor();
  }
  return ctx.store.tx(async (tx) => {
    const rows = await selectResults(ctx, tx, actor, f, {
      after: after ? [after[0] as string, after[1] as string] : null,
      limit: pageSize + 1,
    });
    const shown = rows.slice(0, pageSize);
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'results.list',
      at: ctx.now(),
      detail: { ...f, ...(cursor ? { cursor } : {}), rows: shown.length },
    });
    const last = shown.at(-1);
    return {
      items: shown.map(presentResult),
      pageSize,
      nextCursor:
        rows.length > pageSize && last
          ? encodeCursor(CURSOR_KIND, [last.decidedOn, last.caseNumber])
          : null,
    };
  });
}

/** A cursor of the right shape whose values are not a day and a case number. */
function badCursor(): Error {
  return invalid(
    'cursor',
    '分页游标无效，请使用上一页返回的 nextCursor，或去掉该参数从第一页开始。',
    'the paging cursor is not valid: use the nextCursor of the previous page, or leave it out to start from the first page.',
  );
}

export interface ResultFilterOptions {
  readonly jurisdictions: readonly {
    readonly id: string;
    readonly parentId: string | null;
    readonly name: I18nText;
  }[];
  readonly units: readonly {
    readonly id: string;
    readonly parentId: string | null;
    readonly name: I18nText;
    readonly jurisdictionId: string;
  }[];
  readonly unitsCapped: boolean;
}

/** The jurisdictions and units inside the reader's export scope, parents before children. */
export async function resultFilterOptions(
  ctx: AppContext,
  actor: Actor,
): Promise<ResultFilterOptions> {
  const paths = exportScopePaths(actor);
  return ctx.store.tx(async (tx) => {
    const js = await tx
      .select({
        id: jurisdictions.id,
        parentId: jurisdictions.parentId,
        nameZh: jurisdictions.nameZh,
        nameEn: jurisdictions.nameEn,
      })
      .from(jurisdictions)
      .where(or(...paths.map((p) => like(jurisdictions.path, `${escapeLike(p)}%`))))
      .orderBy(asc(jurisdictions.path));
    const us = await tx
      .select({
        id: units.id,
        parentId: units.parentId,
        nameZh: units.nameZh,
        nameEn: units.nameEn,
        jurisdictionId: units.jurisdictionId,
      })
      .from(units)
      .where(or(...paths.map((p) => like(units.path, `${escapeLike(p)}%`))))
      .orderBy(asc(units.path))
      .limit(UNIT_OPTIONS_LIMIT + 1);
    const jIds = new Set(js.map((j) => j.id));
    const shown = us.slice(0, UNIT_OPTIONS_LIMIT);
    const uIds = new Set(shown.map((u) => u.id));
    return {
      // One outside the scope is a root of the picker.
      jurisdictions: js.map((j) => ({
        id: j.id,
        parentId: j.parentId !== null && jIds.has(j.parentId) ? j.parentId : null,
        name: { zh: j.nameZh, en: j.nameEn },
      })),
      units: shown.map((u) => ({
        id: u.id,
        parentId: u.parentId !== null && uIds.has(u.parentId) ? u.parentId : null,
        name: { zh: u.nameZh, en: u.nameEn },
        jurisdictionId: u.jurisdictionId,
      })),
      unitsCapped: us.length > UNIT_OPTIONS_LIMIT,
    };
  });
}
