/**
 * Drafting a survey campaign (问卷调查): the liaison of a jurisdiction names it, chooses the
 * instrument version, the units invited (in the jurisdiction's subtree) and how many cadres, the
 * days it is open, the reporting thresholds (k at least 5, free text at least k) and whether a
 * response keeps its day. Written as a draft with its event 'evaluation.campaign_create'.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import {
  DEFAULT_FREE_TEXT_THRESHOLD,
  MAX_INVITED,
  MIN_THRESHOLD_K,
} from '../../shared/evaluation.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { recordAdminEvent } from '../admin/events.js';
import { isUuid, requireText } from '../cases/text-input.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import type { AppTx } from '../db.js';
import { invalid } from '../errors.js';
import { evaluationCampaigns, jurisdictions, units } from '../tables.js';
import { loadInstrument } from './instruments.js';
import { requireCampaignManager } from './scope.js';

export interface CreateCampaignInput {
  readonly jurisdictionId: string;
  readonly title: string;
  readonly instrumentId: string;
  readonly invitedUnitIds: readonly string[];
  readonly invitedCount: number;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly thresholdK?: number;
  readonly freeTextThreshold?: number;
  readonly keepDay?: boolean;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function requireDay(field: string, value: string): string {
  // Date.parse takes 2025-02-30 (as 2 March): the day must read back as written.
  const parsed = new Date(`${value}T00:00:00Z`);
  if (
    !ISO_DAY.test(value) ||
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== value
  ) {
    throw invalid(field, '日期无效，应为 YYYY-MM-DD。', 'not a date; use YYYY-MM-DD.');
  }
  return value;
}

/** The days the campaign is open: the last not before the first, nor before today. */
function checkDays(input: CreateCampaignInput, today: string) {
  const opensOn = requireDay('opensOn', input.opensOn);
  const closesOn = requireDay('closesOn', input.closesOn);
  if (closesOn < opensOn) {
    throw invalid(
      'closesOn',
      '结束日期不能早于开始日期。',
      'the closing day cannot come before the opening day.',
    );
  }
  if (closesOn < today) {
    throw invalid(
      'closesOn',
      `结束日期不能早于今天（${today}）。`,
      `the closing day cannot be before today (${today}).`,
    );
  }
  return { opensOn, closesOn };
}

/** The thresholds: k only ever raised above 5, free text never below k. */
export function checkThresholds(
  input: Pick<CreateCampaignInput, 'thresholdK' | 'freeTextThreshold'>,
) {
  const k = input.thresholdK ?? MIN_THRESHOLD_K;
  if (!Number.isInteger(k) || k < MIN_THRESHOLD_K) {
    throw invalid(
      'thresholdK',
      `报告阈值 k 应为不小于 ${MIN_THRESHOLD_K} 的整数：少于 k 人的群组不报告结果，阈值只能提高、不能降低。`,
      `the reporting threshold k is a whole number of at least ${MIN_THRESHOLD_K}: no group under k is reported, and k may only be raised.`,
    );
  }
  const free = input.freeTextThreshold ?? Math.max(DEFAULT_FREE_TEXT_THRESHOLD, k);
  if (!Number.isInteger(free) || free < k) {
    throw invalid(
      'freeTextThreshold',
      `开放题显示阈值应为不小于 k（${k}）的整数。`,
      `the free-text threshold is a whole number of at least k (${k}).`,
    );
  }
  return { thresholdK: k, freeTextThreshold: free };
}

function checkInvitedCount(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_INVITED) {
    throw invalid(
      'invitedCount',
      `受邀干部人数应为 1 至 ${MAX_INVITED} 之间的整数。`,
      `the number of cadres invited is a whole number from 1 to ${MAX_INVITED}.`,
    );
  }
  return n;
}

/** The units invited: at least one, each once, each in the jurisdiction's subtree. */
async function checkUnits(tx: AppTx, ids: readonly string[], path: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0 || unique.length !== ids.length || !unique.every(isUuid)) {
    throw invalid(
      'invitedUnitIds',
      '请列出受邀单位（至少一个，不重复）。',
      'list the units invited (at least one, each once).',
    );
  }
  const found = await tx
    .select({ id: units.id, path: jurisdictions.path })
    .from(units)
    .innerJoin(jurisdictions, eq(jurisdictions.id, units.jurisdictionId))
    .where(inArray(units.id, unique));
  const inside = new Set(found.filter((u) => u.path.startsWith(path)).map((u) => u.id));
  const outside = unique.filter((id) => !inside.has(id));
  if (outside.length > 0) {
    throw invalid(
      'invitedUnitIds',
      `以下单位不存在或不在本辖区内：${outside.join('、')}。`,
      `these units do not exist or are outside the jurisdiction: ${outside.join(', ')}.`,
    );
  }
  return unique;
}

export async function createCampaign(ctx: AppContext, actor: Actor, input: CreateCampaignInput) {
  const title = requireText('title', input.title, {
    what: { zh: '问卷调查名称', en: 'the campaign’s title' },
    ...TEXT_LIMITS.campaignTitle,
  });
  const days = checkDays(input, todayOf(ctx));
  const thresholds = checkThresholds(input);
  const invitedCount = checkInvitedCount(input.invitedCount);
  return ctx.store.tx(async (tx) => {
    const [j] = await tx
      .select({ id: jurisdictions.id, path: jurisdictions.path })
      .from(jurisdictions)
      .where(eq(jurisdictions.id, input.jurisdictionId));
    if (!j) throw invalid('jurisdictionId', '没有该辖区。', 'no such jurisdiction.');
    requireCampaignManager(actor, j.path);
    const instrument = await loadInstrument(tx, input.instrumentId);
    const invitedUnits = await checkUnits(tx, input.invitedUnitIds, j.path);
    const id = randomUUID();
    const now = ctx.now();
    const row = {
      id,
      jurisdictionId: j.id,
      title,
      instrumentId: instrument.id,
      invitedUnits,
      invitedCount,
      ...days,
      state: 'draft' as const,
      ...thresholds,
      keepDay: input.keepDay ?? false,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      version: 0,
    };
    await tx.insert(evaluationCampaigns).values(row);
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'evaluation.campaign_create',
        targetKind: 'campaign',
        targetId: id,
        scopePath: j.path,
        at: now,
        payload: {
          jurisdictionId: j.id,
          title,
          instrumentId: instrument.id,
          invitedUnits,
          invitedCount,
          ...days,
          ...thresholds,
          keepDay: row.keepDay,
        },
      },
      ctx.settings.crypto.trailHash,
    );
    return { id, version: 0 };
  });
}
