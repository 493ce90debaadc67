/**
 * Reading campaigns: the list of those in the reader's jurisdictions (and below) and one campaign,
 * each with its counts — tokens issued and used, responses submitted — and what the reader may do
 * with it. The responses themselves are not read here (the analysis reads them, above the
 * reporting thresholds).
 */
import { and, count, desc, eq, inArray, like, or } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { CampaignState } from '../../shared/evaluation.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { AppError } from '../errors.js';
import { isUuid } from '../cases/text-input.js';
import { escapeLike } from '../queries/paging.js';
import {
  evaluationCampaigns,
  jurisdictions,
  surveyResponses,
  surveyTokens,
  units,
} from '../tables.js';
import { CAMPAIGN_MANAGERS, holdsOver, requireCampaignReader } from './scope.js';

export interface CampaignView {
  readonly id: string;
  readonly jurisdiction: { readonly id: string; readonly name: { zh: string; en: string } };
  readonly title: string;
  readonly instrumentId: string;
  readonly invitedUnits: readonly {
    readonly id: string;
    readonly name: { zh: string; en: string };
  }[];
  readonly invitedCount: number;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly state: CampaignState;
  /** Open and taking answers today. */
  readonly answering: boolean;
  readonly thresholdK: number;
  readonly freeTextThreshold: number;
  readonly keepDay: boolean;
  readonly createdAt: string;
  readonly version: number;
  readonly counts: {
    readonly tokensIssued: number;
    readonly tokensUsed: number;
    readonly responses: number;
  };
  readonly abilities: {
    readonly open: boolean;
    readonly close: boolean;
    readonly issueTokens: boolean;
  };
}

type Row = typeof evaluationCampaigns.$inferSelect & {
  path: string;
  nameZh: string;
  nameEn: string;
};

/** Campaigns of jurisdictions in the subtrees rooted at `paths`. */
function inPaths(paths: readonly string[]) {
  return or(...paths.map((p) => like(jurisdictions.path, `${escapeLike(p)}%`)));
}

async function rowsWhere(ctx: AppContext, where: ReturnType<typeof and>): Promise<Row[]> {
  const rows = await ctx.store.db
    .select({
      c: evaluationCampaigns,
      path: jurisdictions.path,
      nameZh: jurisdictions.nameZh,
      nameEn: jurisdictions.nameEn,
    })
    .from(evaluationCampaigns)
    .innerJoin(jurisdictions, eq(jurisdictions.id, evaluationCampaigns.jurisdictionId))
    .where(where)
    .orderBy(desc(evaluationCampaigns.opensOn), evaluationCampaigns.id);
  return rows.map((r) => ({ ...r.c, path: r.path, nameZh: r.nameZh, nameEn: r.nameEn }));
}

/**
 * Tokens issued and used, and responses, per campaign. Used = issued − rows left (a used token's
 * row is deleted): a count of the tokens themselves, which stays right even if responses were ever
 * removed, and which equals `responses` as long as nothing went wrong.
 */
async function countsOf(ctx: AppContext, rows: readonly Row[]) {
  const out = new Map<string, { tokensIssued: number; tokensUsed: number; responses: number }>();
  for (const r of rows) {
    out.set(r.id, { tokensIssued: r.tokensIssued, tokensUsed: r.tokensIssued, responses: 0 });
  }
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return out;
  const [left, responses] = await Promise.all([
    ctx.store.db
      .select({ id: surveyTokens.campaignId, n: count() })
      .from(surveyTokens)
      .where(inArray(surveyTokens.campaignId, ids))
      .groupBy(surveyTokens.campaignId),
    ctx.store.db
      .select({ id: surveyResponses.campaignId, n: count() })
      .from(surveyResponses)
      .where(inArray(surveyResponses.campaignId, ids))
      .groupBy(surveyResponses.campaignId),
  ]);
  for (const t of left) out.get(t.id)!.tokensUsed -= t.n;
  for (const r of responses) out.get(r.id)!.responses = r.n;
  return out;
}

async function unitNames(ctx: AppContext, rows: Row[]) {
  const ids = [...new Set(rows.flatMap((r) => r.invitedUnits))];
  if (ids.length === 0) return new Map<string, { zh: string; en: string }>();
  const found = await ctx.store.db
    .select({ id: units.id, zh: units.nameZh, en: units.nameEn })
    .from(units)
    .where(inArray(units.id, ids));
  return new Map(found.map((u) => [u.id, { zh: u.zh, en: u.en }]));
}

async function present(ctx: AppContext, actor: Actor, rows: Row[]): Promise<CampaignView[]> {
  const [counts, names] = await Promise.all([countsOf(ctx, rows), unitNames(ctx, rows)]);
  const today = todayOf(ctx);
  return rows.map((r) => {
    const manages = holdsOver(actor, CAMPAIGN_MANAGERS, r.path);
    return {
      id: r.id,
      jurisdiction: { id: r.jurisdictionId, name: { zh: r.nameZh, en: r.nameEn } },
      title: r.title,
      instrumentId: r.instrumentId,
      invitedUnits: r.invitedUnits.map((id) => ({ id, name: names.get(id) ?? { zh: id, en: id } })),
      invitedCount: r.invitedCount,
      opensOn: r.opensOn,
      closesOn: r.closesOn,
      state: r.state,
      answering: r.state === 'open' && r.opensOn <= today && today <= r.closesOn,
      thresholdK: r.thresholdK,
      freeTextThreshold: r.freeTextThreshold,
      keepDay: r.keepDay,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
      counts: counts.get(r.id)!,
      abilities: {
        open: manages && r.state === 'draft' && r.closesOn >= today,
        close: manages && r.state === 'open',
        issueTokens: manages && r.state !== 'closed',
      },
    };
  });
}

/** The campaigns of the reader's jurisdictions (and below), or of one of them. */
export async function listCampaigns(
  ctx: AppContext,
  actor: Actor,
  query: { readonly jurisdictionId?: string } = {},
): Promise<CampaignView[]> {
  const paths = requireCampaignReader(actor);
  const inScope = inPaths(paths);
  const where =
    query.jurisdictionId === undefined
      ? inScope
      : and(inScope, eq(evaluationCampaigns.jurisdictionId, query.jurisdictionId));
  return present(ctx, actor, await rowsWhere(ctx, where));
}

/** One campaign in the reader's scope; CAMPAIGN_NOT_FOUND otherwise. */
export async function campaignView(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<CampaignView> {
  const paths = requireCampaignReader(actor);
  if (!isUuid(id)) throw new AppError('CAMPAIGN_NOT_FOUND', { campaignId: id });
  const rows = await rowsWhere(ctx, and(eq(evaluationCampaigns.id, id), inPaths(paths)));
  if (rows.length === 0) throw new AppError('CAMPAIGN_NOT_FOUND', { campaignId: id });
  return (await present(ctx, actor, rows))[0]!;
}
