/**
 * The ex-officio route: recording an accountability matter against an official opens a tolerance
 * check in the same transaction, so no matter is ever handled without one (domain.md §5).
 */
import { randomUUID } from 'node:crypto';
import { mayOpenExOfficio } from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import type { FactValue } from '../../policy/model.js';
import { MATTER_SOURCES, type MatterSource } from '../../shared/case.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import type { AppContext } from '../context.js';
import { today } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { withIdempotency } from '../idempotency.js';
import { accountabilityMatters, jurisdictions } from '../tables.js';
import { eq } from 'drizzle-orm';
import type { AppTx } from '../db.js';
import { officialWithUnit, openCase, type OpenCaseInput } from './create.js';
import { optionalText, requireDay, requireText } from './text-input.js';
import { checkedCircumstances, type CircumstancesInput } from '../matters/input.js';

/**
 * The matter, the facts as the referral states them, and — when known at registration — its
 * Art. 17/18/19 circumstances and lifelong-accountability flag (CircumstancesInput).
 */
export interface AccountabilityMatterInput extends CircumstancesInput {
  readonly officialId: string;
  readonly summary: string;
  /** The date the accountability investigation opened. */
  readonly openedOn: string;
  /** The date of the conduct under investigation. */
  readonly conductDate: string;
  readonly facts?: Readonly<Record<string, FactValue | null>>;
  /** Where the matter came from (问题线索来源); the web form always asks it. */
  readonly source?: MatterSource;
  /** The referral it came by, e.g. the inspection team's feedback and its item. */
  readonly sourceDetail?: string;
}

/** The source and its referral, checked. */
function sourceOf(input: AccountabilityMatterInput) {
  if (input.source !== undefined && !MATTER_SOURCES.includes(input.source)) {
    throw invalid(
      'source',
      '问题线索来源应为巡视巡察、审计、信访举报、监督检查、媒体曝光、有关机关移送或其他之一。',
      'use one of inspection, audit, petition, supervision, media, referral or other.',
    );
  }
  const sourceDetail = optionalText('sourceDetail', input.sourceDetail, {
    what: { zh: '线索来源说明', en: 'the referral' },
    max: TEXT_LIMITS.matterSourceDetail.max,
  });
  return { source: input.source ?? null, sourceDetail };
}

/** The investigation opens on or after the conduct, and not later than today. */
function checkOpenedOn(input: AccountabilityMatterInput, todayIso: string) {
  const openedOn = requireDay('openedOn', input.openedOn, {
    what: { zh: '立项日期', en: 'the day the investigation opened' },
    notAfter: todayIso,
    notADay: { zh: '应为日期，如 2025-03-03。', en: 'use a date such as 2025-03-03.' },
    tooLate: { zh: '立项日期不能晚于今天。', en: 'the investigation cannot open in the future.' },
  });
  if (typeof input.conductDate === 'string' && openedOn < input.conductDate) {
    throw invalid(
      'openedOn',
      '立项日期不能早于行为发生日期，请核对两个日期。',
      'the investigation cannot open before the conduct; check both dates.',
    );
  }
}

export async function recordAccountabilityMatter(
  ctx: AppContext,
  actor: Actor,
  input: AccountabilityMatterInput,
  idempotencyKey?: string,
) {
  const open = checkedMatter(ctx, input);
  return withIdempotency(ctx, actor, 'recordAccountabilityMatter', idempotencyKey, input, (tx) =>
    open(tx, actor),
  );
}

/**
 * The input checked before the transaction; the returned function records the matter and opens its
 * case in the transaction it is given (one official's part of a joint matter, src/app/joint/open.ts,
 * gives `joint`).
 */
export function checkedMatter(ctx: AppContext, input: AccountabilityMatterInput) {
  const summary = requireText('summary', input.summary, {
    what: { zh: '问责事项', en: 'the accountability matter' },
    ...TEXT_LIMITS.exOfficioSummary,
  });
  const source = sourceOf(input);
  checkOpenedOn(input, today(ctx));
  const circumstances = checkedCircumstances(input, today(ctx));
  return async (tx: AppTx, actor: Actor, joint?: OpenCaseInput['joint']) => {
    const { official } = await officialWithUnit(tx, input.officialId);
    const [j] = await tx
      .select()
      .from(jurisdictions)
      .where(eq(jurisdictions.id, official.managingJurisdictionId));
    if (j === undefined || !mayOpenExOfficio(actor, j.path)) {
      throw new AppError('FORBIDDEN', { officialId: input.officialId });
    }
    const matterId = randomUUID();
    await tx.insert(accountabilityMatters).values({
      id: matterId,
      jurisdictionId: j.id,
      officialId: official.id,
      summary,
      openedOn: input.openedOn,
      recordedBy: actor.userId,
      ...source,
      ...circumstances,
    });
    return openCase(ctx, tx, {
      officialId: official.id,
      title: `依职权容错审查：${summary}`.slice(0, TEXT_LIMITS.caseTitle.max),
      summary,
      conductDate: input.conductDate,
      facts: input.facts ?? {},
      route: 'ex_officio',
      factSource: 'ex_officio',
      applicantUserId: null,
      actorId: actor.userId,
      accountabilityMatterId: matterId,
      ...(joint ? { joint } : {}),
      now: ctx.now(),
      today: today(ctx),
      eventType: 'case.opened_ex_officio',
    });
  };
}
