/**
 * The list of accountability matters (GET /api/accountability-matters, the 问责事项台账 screen): the
 * matters of the reader's jurisdictions (with those below), latest opened first, filtered by
 * status and the lifelong flag, paged, each with the case opened on it. For the officers who hold
 * matters (intake, investigators) and auditors, who read them; anyone else is refused
 * (MATTER_ROLE_REQUIRED). Each list is written to the read log; the presenter lists fields.
 */
import { and, count, desc, eq, like, or } from 'drizzle-orm';
import type { Actor, Role } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import type { MatterSource } from '../../shared/case.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../shared/limits.js';
import { MATTER_STATUS_LABEL, MATTER_STATUSES, type MatterStatus } from '../../shared/matters.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { accountabilityMatters, cases, jurisdictions, officials, readLog } from '../tables.js';
import { escapeLike, pageNumber } from './paging.js';
import { outcomeLabelOf } from '../cases/record.js';

/** Who reads the matters of their jurisdictions. */
export const MATTER_READERS: readonly Role[] = ['intake', 'investigator', 'auditor'];

export interface MatterListInput {
  readonly status?: string;
  readonly lifelong?: boolean;
  readonly page?: number;
  readonly pageSize?: number;
}

export interface MatterListItem {
  readonly id: string;
  readonly summary: string;
  readonly openedOn: string;
  readonly source: MatterSource | null;
  readonly official: { readonly id: string; readonly name: string };
  readonly jurisdiction: { readonly id: string; readonly name: I18nText };
  readonly status: MatterStatus;
  readonly statusLabel: I18nText;
  /** How many circumstances are recorded. */
  readonly circumstances: number;
  readonly lifelong: boolean;
  readonly majorDecisionName: string | null;
  readonly fedBackOutcomeLabel: I18nText | null;
  readonly fedBackOutcome: string | null;
  readonly fedBackInForceOn: string | null;
  readonly referredOn: string | null;
  readonly case: { readonly id: string; readonly number: string } | null;
}

export interface MatterPage {
  readonly items: readonly MatterListItem[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

function rootsOf(actor: Actor): string[] {
  const roots = actor.grants
    .filter(
      (g) =>
        MATTER_READERS.includes(g.role) && g.scopeKind === 'jurisdiction' && g.scopePath !== '',
    )
    .map((g) => g.scopePath);
  return [...new Set(roots)];
}

/** The filters as SQL, checked; the scope comes first. */
function conditions(input: MatterListInput, roots: readonly string[]) {
  const status = input.status || undefined;
  if (status !== undefined && !(MATTER_STATUSES as readonly string[]).includes(status)) {
    throw invalid(
      'status',
      '应为问责调查中（open）、已反馈容错结果（concluded）或已移送（referred）之一。',
      'use open, concluded or referred.',
    );
  }
  if (input.lifelong !== undefined && typeof input.lifelong !== 'boolean') {
    throw invalid('lifelong', '应为是或否。', 'use true or false.');
  }
  return and(
    or(...roots.map((r) => like(jurisdictions.path, `${escapeLike(r)}%`))),
    status === undefined ? undefined : eq(accountabilityMatters.status, status),
    input.lifelong === undefined ? undefined : eq(accountabilityMatters.lifelong, input.lifelong),
  );
}

export async function listMatters(
  ctx: AppContext,
  actor: Actor,
  input: MatterListInput = {},
): Promise<MatterPage> {
  const roots = rootsOf(actor);
  if (roots.length === 0) throw new AppError('MATTER_ROLE_REQUIRED');
  const page = pageNumber(input.page, 'page', 1, 1_000_000);
  const pageSize = pageNumber(input.pageSize, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const where = conditions(input, roots);
  return ctx.store.tx(async (tx) => {
    const [{ total } = { total: 0 }] = await tx
      .select({ total: count() })
      .from(accountabilityMatters)
      .innerJoin(jurisdictions, eq(jurisdictions.id, accountabilityMatters.jurisdictionId))
      .where(where);
    const rows = await tx
      .select({
        m: accountabilityMatters,
        officialName: officials.name,
        jurisdictionZh: jurisdictions.nameZh,
        jurisdictionEn: jurisdictions.nameEn,
        caseId: cases.id,
        caseNumber: cases.number,
        packId: cases.packId,
        packVersion: cases.packVersion,
        conductDate: cases.conductDate,
      })
      .from(accountabilityMatters)
      .innerJoin(jurisdictions, eq(jurisdictions.id, accountabilityMatters.jurisdictionId))
      .innerJoin(officials, eq(officials.id, accountabilityMatters.officialId))
      .leftJoin(cases, eq(cases.accountabilityMatterId, accountabilityMatters.id))
      .where(where)
      .orderBy(desc(accountabilityMatters.openedOn), desc(accountabilityMatters.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'matter.list',
      at: ctx.now(),
    });
    return { items: rows.map((r) => presentItem(ctx, r)), total: Number(total), page, pageSize };
  });
}

function presentItem(
  ctx: AppContext,
  r: {
    m: typeof accountabilityMatters.$inferSelect;
    officialName: string;
    jurisdictionZh: string;
    jurisdictionEn: string;
    caseId: string | null;
    caseNumber: string | null;
    packId: string | null;
    packVersion: string | null;
    conductDate: string | null;
  },
): MatterListItem {
  const m = r.m;
  const status = m.status as MatterStatus;
  return {
    id: m.id,
    summary: m.summary,
    openedOn: m.openedOn,
    source: m.source as MatterSource | null,
    official: { id: m.officialId, name: r.officialName },
    jurisdiction: { id: m.jurisdictionId, name: { zh: r.jurisdictionZh, en: r.jurisdictionEn } },
    status,
    statusLabel: MATTER_STATUS_LABEL[status],
    circumstances: m.circumstances.length,
    lifelong: m.lifelong,
    majorDecisionName: m.majorDecisionName,
    fedBackOutcome: m.fedBackOutcome,
    fedBackOutcomeLabel: fedBackLabel(ctx, r, m.fedBackOutcome),
    fedBackInForceOn: m.fedBackInForceOn,
    referredOn: m.referredOn,
    case: r.caseId && r.caseNumber ? { id: r.caseId, number: r.caseNumber } : null,
  };
}

/** The fed-back outcome's label, from the pack of the case it came from. */
function fedBackLabel(
  ctx: AppContext,
  r: { packId: string | null; packVersion: string | null; conductDate: string | null },
  outcome: string | null,
): I18nText | null {
  if (outcome === null) return null;
  if (r.packId === null || r.conductDate === null) return { zh: outcome, en: outcome };
  return outcomeLabelOf(
    ctx,
    { packId: r.packId, packVersion: r.packVersion, conductDate: r.conductDate },
    outcome,
  );
}
