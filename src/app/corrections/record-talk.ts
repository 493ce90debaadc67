/**
 * A talk held with the official after a determination (谈心谈话 to support, 提醒谈话 to warn): its
 * kind, date, who took part, what was said and what follows. On the official's record and on the
 * case's trail. The date may not lie in the future.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles.js';
import { TALK_KINDS, type TalkKind } from '../../shared/corrections.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { optionalText, requireDay, requireText } from '../cases/text-input.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { invalid } from '../errors.js';
import { talks } from '../tables.js';

export interface RecordTalkInput extends TransitionRequest {
  readonly kind: TalkKind;
  readonly heldOn: string;
  readonly participants: string;
  readonly summary: string;
  readonly followUp?: string;
}

function checked(ctx: AppContext, req: RecordTalkInput) {
  if (!TALK_KINDS.includes(req.kind)) {
    throw invalid(
      'kind',
      '请选择谈话类型：谈心谈话（supportive）或提醒谈话（reminder）。',
      "choose the kind of talk: 'supportive' or 'reminder'.",
    );
  }
  return {
    kind: req.kind,
    heldOn: requireDay('heldOn', req.heldOn, {
      what: { zh: '谈话日期', en: 'the date of the talk' },
      notAfter: todayOf(ctx),
    }),
    participants: requireText('participants', req.participants, {
      what: { zh: '谈话人和参加人员', en: 'who took part' },
      ...TEXT_LIMITS.talkParticipants,
    }),
    summary: requireText('summary', req.summary, {
      what: { zh: '谈话主要内容', en: 'what was said' },
      ...TEXT_LIMITS.talkSummary,
    }),
    followUp: optionalText('followUp', req.followUp, {
      what: { zh: '后续跟进事项', en: 'the follow-up' },
      ...TEXT_LIMITS.talkFollowUp,
    }),
  };
}

export async function recordTalk(ctx: AppContext, actor: Actor, req: RecordTalkInput) {
  const talk = checked(ctx, req);
  return runTransition(ctx, actor, 'recordTalk', req, async ({ tx, loaded }) => {
    const id = randomUUID();
    await tx.insert(talks).values({
      id,
      caseId: loaded.row.id,
      jurisdictionId: loaded.row.jurisdictionId,
      officialId: loaded.row.officialId,
      recordedBy: actor.userId,
      ...talk,
    });
    return {
      event: 'case.talk_recorded',
      payload: { talkId: id, ...talk },
      result: { talkId: id },
    };
  });
}
