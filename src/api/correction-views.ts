/**
 * The correction (纠错) and the talks as the case view carries them (src/app/queries/
 * correction-view.ts). Apart from corrections.ts (the transitions' bodies), so that the case view's
 * schema (cases.ts) does not depend on the transitions' (case-actions.ts), which depend on it.
 */
import { ACTION_STATES, CORRECTION_STATES, TALK_KINDS, VERDICTS } from '../shared/corrections.js';
import {
  DateString,
  I18nText,
  List,
  Nullable,
  Obj,
  PersonRef,
  StringEnum,
  Type,
  Uuid,
  type Static,
} from './common.js';

export const ACTION_OWNER = StringEnum(['official', 'unit'] as const, {
  description: 'Who answers for the action: the official concerned, or their unit.',
});

export const CorrectionActionView = Obj({
  id: Uuid,
  seq: Type.Integer({ minimum: 1 }),
  round: Type.Integer({ minimum: 1 }),
  task: Type.String(),
  evidenceRequired: Type.String(),
  owner: ACTION_OWNER,
  dueDays: Type.Integer({ minimum: 1 }),
  dueOn: DateString,
  dueProvisional: Type.Boolean(),
  state: StringEnum(ACTION_STATES),
  stateLabel: I18nText,
  submittedOn: Nullable(DateString),
  submittedBy: Nullable(PersonRef),
  submission: Nullable(Type.String()),
  files: List(Obj({ id: Uuid, filename: Type.String(), mediaType: Type.String() })),
  verifiedOn: Nullable(DateString),
  verifiedBy: Nullable(PersonRef),
  verdict: Nullable(StringEnum(VERDICTS)),
  verdictLabel: Nullable(I18nText),
  verdictReasons: Nullable(Type.String()),
  returnedCount: Type.Integer({ minimum: 0 }),
  maySubmit: Type.Boolean({ description: 'The viewer answers for it and it is open.' }),
  mayVerify: Type.Boolean({
    description: 'It waits for verification and the viewer may verify it (not its submitter).',
  }),
});

export const CorrectionView = Obj(
  {
    id: Uuid,
    documentNumber: Type.String({ examples: ['X新容纠〔2025〕1号'] }),
    problem: Type.String(),
    requirement: Type.String(),
    state: StringEnum(CORRECTION_STATES),
    stateLabel: I18nText,
    round: Type.Integer({ minimum: 1 }),
    issuedOn: DateString,
    issuedBy: Nullable(PersonRef),
    closedOn: Nullable(DateString, { description: 'Every action confirmed.' }),
    reviewDueOn: Nullable(DateString, { description: 'The effectiveness review falls due.' }),
    reviewedOn: Nullable(DateString),
    reviewedBy: Nullable(PersonRef),
    reviewFinding: Nullable(Type.String()),
    actions: List(CorrectionActionView),
  },
  {
    description:
      'The correction opinion (纠错意见书) of the case: in progress until every action is confirmed, then awaiting its effectiveness review, which ends it (effective) or reopens it in the next round.',
  },
);
export type CorrectionView = Static<typeof CorrectionView>;

export const TalkView = Obj(
  {
    id: Uuid,
    kind: StringEnum(TALK_KINDS),
    kindLabel: I18nText,
    heldOn: DateString,
    participants: Type.String(),
    summary: Type.String(),
    followUp: Type.String(),
    recordedBy: Nullable(PersonRef),
  },
  { description: 'A talk held with the official (谈心谈话, 提醒谈话).' },
);
export type TalkView = Static<typeof TalkView>;
