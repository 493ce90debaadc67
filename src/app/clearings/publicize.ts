/**
 * Making a clearing public (公开澄清): after the notice, where the name is to be cleared beyond the
 * notice's scope (a website, a newspaper, a public meeting), the organization department's liaison
 * or the chair records the official's written consent — when it was given and the record of it
 * (clearing a name in public is never done without it) — the channel, and the period. The consent
 * comes first: on or before the first day; the period starts no earlier than the notice and no
 * later than today, and ends on or after its start.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { requireDay, requireText } from '../cases/text-input.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { invalid } from '../errors.js';
import { nameClearings } from '../tables.js';
import { clearingForChange, withClearing } from './subject.js';

export interface PublicizeClearingInput extends TransitionRequest {
  /** The day the official gave their written consent. */
  readonly consentOn: string;
  /** The record of the consent: e.g. 本人签字的书面同意书, filed with the case. */
  readonly consentRecord: string;
  readonly channel: string;
  readonly from: string;
  readonly to: string;
}

function checked(ctx: AppContext, req: PublicizeClearingInput) {
  const consentOn = requireDay('consentOn', req.consentOn, {
    what: { zh: '本人书面同意的日期', en: 'the day the official consented in writing' },
  });
  const from = requireDay('from', req.from, {
    what: { zh: '公开起始日期', en: 'the first day of publicity' },
  });
  const to = requireDay('to', req.to, {
    what: { zh: '公开截止日期', en: 'the last day of publicity' },
  });
  // After all three are read as days, so that a malformed day is reported first.
  if (from > todayOf(ctx)) {
    throw invalid(
      'from',
      '公开起始日期不得晚于今日：请在公开后登记。',
      'the publicity cannot start after today: record it once it has started.',
    );
  }
  if (consentOn > from) {
    throw invalid(
      'consentOn',
      '公开澄清须事先征得本人书面同意：同意日期不得晚于公开起始日期。',
      'a clearing is made public only with the official’s prior written consent: the consent cannot be dated after the first day.',
    );
  }
  if (to < from) {
    throw invalid('to', '公开截止日期不得早于起始日期。', 'the last day cannot precede the first.');
  }
  return {
    consentOn,
    consentRecord: requireText('consentRecord', req.consentRecord, {
      what: { zh: '本人书面同意的记载', en: 'the record of the official’s written consent' },
      ...TEXT_LIMITS.clearingConsent,
    }),
    channel: requireText('channel', req.channel, {
      what: { zh: '公开渠道', en: 'where it is made public' },
      ...TEXT_LIMITS.clearingChannel,
    }),
    from,
    to,
  };
}

export async function publicizeClearing(
  ctx: AppContext,
  actor: Actor,
  req: PublicizeClearingInput,
) {
  const p = checked(ctx, req);
  return runTransition(
    ctx,
    actor,
    'publicizeClearing',
    req,
    async ({ tx, loaded }) => {
      const k = await clearingForChange(tx, loaded.row.id);
      if (p.from < k.noticeIssuedOn!) {
        throw invalid(
          'from',
          `公开起始日期不得早于通报印发日期（${k.noticeIssuedOn}）。`,
          `the publicity cannot start before the notice was issued (${k.noticeIssuedOn}).`,
        );
      }
      await tx
        .update(nameClearings)
        .set({
          state: 'publicized',
          consentOn: p.consentOn,
          consentRecord: p.consentRecord,
          publicityChannel: p.channel,
          publicizedFrom: p.from,
          publicizedTo: p.to,
          publicizedBy: actor.userId,
        })
        .where(eq(nameClearings.id, k.id));
      return {
        event: 'case.clearing_publicized',
        payload: { clearingId: k.id, ...p },
        result: { clearingId: k.id },
      };
    },
    { subject: withClearing },
  );
}
