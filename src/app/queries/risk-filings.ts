/**
 * The list of ex-ante risk filings (GET /api/risk-filings): the filings of the units in the
 * reader's jurisdictions, latest filed first, filtered and paged, each with the cases linked to
 * it that the reader may read. Officers over a jurisdiction subtree read it; nobody else (an
 * official, a unit's party organization) may. Each list is written to the read log; the presenter
 * lists the fields the screen shows, never a row.
 */
import { and, asc, count, desc, eq, gte, ilike, inArray, like, lte, or, sql } from 'drizzle-orm';
import type { Actor, Role } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import { RISK_FILING_STATUSES, type RiskFilingStatus } from '../../shared/case.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, TEXT_LIMITS } from '../../shared/limits.js';
import { isIsoDate } from '../../calendar/index.js';
import type { AppContext } from '../context.js';
import type { AppTx } from '../db.js';
import { AppError, invalid } from '../errors.js';
import { cases, jurisdictions, readLog, riskFilings, units } from '../tables.js';
import { isUuid } from '../cases/text-input.js';
import { RISK_FILING_RECORDERS } from '../cases/risk-filing.js';
import { readScope } from './case-list.js';
import { escapeLike, pageNumber } from './paging.js';

/** Who reads the filings of their jurisdictions: the officers who handle or oversee cases. */
export const RISK_FILING_READERS: readonly Role[] = [
  'intake',
  'investigator',
  'committee_member',
  'committee_chair',
  'org_liaison',
  'auditor',
];

/** The linked cases listed with each filing; `linkedCaseCount` says how many there are. */
export const LINKED_CASES_SHOWN = 5;

export interface RiskFilingListInput {
  /** Part of the initiative's title. */
  readonly q?: string;
  readonly status?: string;
  /** A unit: its filings and those of the units under it. */
  readonly unitId?: string;
  readonly filedFrom?: string;
  readonly filedTo?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

export interface RiskFilingItem {
  readonly id: string;
  readonly title: string;
  readonly unit: { readonly id: string; readonly name: I18nText };
  readonly jurisdiction: { readonly id: string; readonly name: I18nText };
  readonly filedOn: string;
  readonly status: RiskFilingStatus;
  readonly decidedOn: string | null;
  readonly risks: string;
  readonly measures: string;
  readonly reviewOpinion: string;
  readonly linkedCases: readonly { id: string; number: string; title: string }[];
  /** The linked cases the reader may read (at most LINKED_CASES_SHOWN are listed). */
  readonly linkedCaseCount: number;
}

export interface RiskFilingPage {
  readonly items: readonly RiskFilingItem[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  /** Whether the reader may record a filing (POST /api/risk-filings) for some unit. */
  readonly mayRecord: boolean;
}

function rootsOf(actor: Actor, roles: readonly Role[]): string[] {
  const roots = actor.grants
    .filter((g) => roles.includes(g.role) && g.scopeKind === 'jurisdiction' && g.scopePath !== '')
    .map((g) => g.scopePath);
  return [...new Set(roots)];
}

function dateFilter(field: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isIsoDate(value)) {
    throw invalid(field, '应为日期，如 2025-03-03。', 'use a date such as 2025-03-03.');
  }
  return value;
}

/** The filters as SQL, checked; the scope comes first. */
function conditions(input: RiskFilingListInput, roots: readonly string[], unitPath?: string) {
  const q = typeof input.q === 'string' ? input.q.trim() : '';
  if (q.length > TEXT_LIMITS.search.max) {
    throw invalid(
      'q',
      `搜索词不能超过 ${TEXT_LIMITS.search.max} 个字符。`,
      `use at most ${TEXT_LIMITS.search.max} characters.`,
    );
  }
  const status = input.status || undefined;
  if (status !== undefined && !(RISK_FILING_STATUSES as readonly string[]).includes(status)) {
    throw invalid('status', '应为待审、认可或不予认可之一。', 'use pending, accepted or rejected.');
  }
  const from = dateFilter('filedFrom', input.filedFrom);
  const to = dateFilter('filedTo', input.filedTo);
  return and(
    or(...roots.map((r) => like(jurisdictions.path, `${escapeLike(r)}%`))),
    q === '' ? undefined : ilike(riskFilings.title, `%${escapeLike(q)}%`),
    status === undefined ? undefined : eq(riskFilings.status, status),
    unitPath === undefined ? undefined : like(units.path, `${escapeLike(unitPath)}%`),
    from === undefined ? undefined : gte(riskFilings.filedOn, from),
    to === undefined ? undefined : lte(riskFilings.filedOn, to),
  );
}

export async function listRiskFilings(
  ctx: AppContext,
  actor: Actor,
  input: RiskFilingListInput = {},
): Promise<RiskFilingPage> {
  const roots = rootsOf(actor, RISK_FILING_READERS);
  if (roots.length === 0) throw new AppError('RISK_FILING_ROLE_REQUIRED');
  const page = pageNumber(input.page, 'page', 1, 1_000_000);
  const pageSize = pageNumber(input.pageSize, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (input.unitId !== undefined && input.unitId !== '' && !isUuid(input.unitId)) {
    throw invalid('unitId', '应为单位编号。', 'use a unit id.');
  }
  const mayRecord = rootsOf(actor, RISK_FILING_RECORDERS).length > 0;
  return ctx.store.tx(async (tx) => {
    // An unknown unit, or one outside the scope, simply matches nothing.
    const [unit] = input.unitId
      ? await tx.select({ path: units.path }).from(units).where(eq(units.id, input.unitId))
      : [];
    const where = conditions(input, roots, input.unitId ? (unit?.path ?? '\u0000') : undefined);
    const [{ total } = { total: 0 }] = await tx
      .select({ total: count() })
      .from(riskFilings)
      .innerJoin(units, eq(units.id, riskFilings.unitId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, riskFilings.jurisdictionId))
      .where(where);
    const rows = await tx
      .select({
        filing: riskFilings,
        unitZh: units.nameZh,
        unitEn: units.nameEn,
        jurisdictionZh: jurisdictions.nameZh,
        jurisdictionEn: jurisdictions.nameEn,
      })
      .from(riskFilings)
      .innerJoin(units, eq(units.id, riskFilings.unitId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, riskFilings.jurisdictionId))
      .where(where)
      .orderBy(desc(riskFilings.filedOn), desc(riskFilings.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const linked = await linkedCases(
      tx,
      actor,
      rows.map((r) => r.filing.id),
    );
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'risk_filing.list',
      at: ctx.now(),
    });
    const items = rows.map((r): RiskFilingItem => {
      const f = r.filing;
      const mine = linked.filter((c) => c.filingId === f.id);
      return {
        id: f.id,
        title: f.title,
        unit: { id: f.unitId, name: { zh: r.unitZh, en: r.unitEn } },
        jurisdiction: {
          id: f.jurisdictionId,
          name: { zh: r.jurisdictionZh, en: r.jurisdictionEn },
        },
        filedOn: f.filedOn,
        status: f.status as RiskFilingStatus,
        decidedOn: f.decidedOn,
        risks: f.risks,
        measures: f.measures,
        reviewOpinion: f.reviewOpinion,
        linkedCases: mine.map((c) => ({ id: c.id, number: c.number, title: c.title })),
        linkedCaseCount: mine[0]?.total ?? 0,
      };
    });
    return { items, total: Number(total), page, pageSize, mayRecord };
  });
}

/**
 * The cases linked to the filings that the reader may read: the latest LINKED_CASES_SHOWN of each
 * filing, with how many there are, in one query (a window over the filings' cases).
 */
async function linkedCases(tx: AppTx, actor: Actor, filingIds: readonly string[]) {
  const scope = readScope(actor);
  if (filingIds.length === 0 || scope === undefined) return [];
  const ranked = tx
    .select({
      id: cases.id,
      number: cases.number,
      title: cases.title,
      filingId: sql<string>`${cases.riskFilingId}`.as('filing_id'),
      rank: sql<number>`row_number() over (partition by ${cases.riskFilingId} order by ${cases.createdAt} desc, ${cases.id})`.as(
        'rank',
      ),
      total: sql<number>`(count(*) over (partition by ${cases.riskFilingId}))::int`.as('total'),
    })
    .from(cases)
    .where(and(inArray(cases.riskFilingId, [...filingIds]), scope))
    .as('ranked');
  return tx
    .select()
    .from(ranked)
    .where(lte(ranked.rank, LINKED_CASES_SHOWN))
    .orderBy(asc(ranked.filingId), asc(ranked.rank));
}
