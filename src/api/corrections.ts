/**
 * Correction (纠错) and talks over HTTP (src/server/routes/corrections.ts): the correction and the
 * talks as the case view carries them, and the bodies and results of their transitions. Each body
 * carries `expectedVersion` like every transition; each answer is the fresh case and a small result.
 */
import {
  ACTION_STATES,
  CORRECTION_STATES,
  MAX_ACTION_DAYS,
  MAX_ACTIONS_AT_ONCE,
  REVIEW_FINDINGS,
  TALK_KINDS,
  VERDICTS,
} from '../shared/corrections.js';
import { MAX_EVIDENCE_FILES_PER_UPLOAD, TEXT_LIMITS } from '../shared/limits.js';
import { EVIDENCE_BODY_LIMIT, TransitionBody } from './case-actions.js';
import {
  DateString,
  I18nText,
  List,
  Nullable,
  Obj,
  PersonRef,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';

const OWNER = StringEnum(['official', 'unit'] as const, {
  description: 'Who answers for the action: the official concerned, or their unit.',
});

export const CorrectionActionView = Obj({
  id: Uuid,
  seq: Type.Integer({ minimum: 1 }),
  round: Type.Integer({ minimum: 1 }),
  task: Type.String(),
  evidenceRequired: Type.String(),
  owner: OWNER,
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

const DUE_DAYS = Type.Integer({
  minimum: 1,
  maximum: MAX_ACTION_DAYS,
  description: 'Working days from today; absent, the measure’s default for the outcome.',
});

export const ActionInput = Obj({
  task: Text(TEXT_LIMITS.correctionTask.max, TEXT_LIMITS.correctionTask.min),
  evidenceRequired: Text(TEXT_LIMITS.correctionEvidence.max, TEXT_LIMITS.correctionEvidence.min),
  owner: OWNER,
  dueDays: Type.Optional(DUE_DAYS),
});
export type ActionInput = Static<typeof ActionInput>;

const ACTIONS = List(ActionInput, { minItems: 1, maxItems: MAX_ACTIONS_AT_ONCE });
const WRITTEN = List(
  Obj({
    actionId: Uuid,
    seq: Type.Integer(),
    owner: OWNER,
    dueOn: DateString,
    task: Type.String(),
  }),
);

export const CORRECTIONS_API = {
  issueCorrection: {
    body: TransitionBody({
      problem: Text(TEXT_LIMITS.correctionProblem.max, TEXT_LIMITS.correctionProblem.min),
      requirement: Text(
        TEXT_LIMITS.correctionRequirement.max,
        TEXT_LIMITS.correctionRequirement.min,
      ),
      actions: ACTIONS,
    }),
    result: Obj({ correctionId: Uuid, documentNumber: Type.String(), actions: WRITTEN }),
  },
  addCorrectionActions: {
    body: TransitionBody({ actions: ACTIONS }),
    result: Obj({ actions: WRITTEN }),
  },
  submitCorrection: {
    body: TransitionBody({
      submission: Text(TEXT_LIMITS.correctionSubmission.max, TEXT_LIMITS.correctionSubmission.min),
      files: Type.Optional(
        List(
          Obj({
            filename: Text(255, 1),
            mediaType: Type.String({ minLength: 1, maxLength: 255 }),
            contentBase64: Type.String({
              contentEncoding: 'base64',
              maxLength: EVIDENCE_BODY_LIMIT,
              description: 'The file, Base64-encoded.',
            }),
          }),
          { maxItems: MAX_EVIDENCE_FILES_PER_UPLOAD },
        ),
      ),
    }),
    result: Obj({
      actionId: Uuid,
      files: List(
        Obj({ fileId: Uuid, filename: Type.String(), sha256: Type.String(), size: Type.Integer() }),
      ),
    }),
  },
  verifyCorrection: {
    body: TransitionBody({
      verdict: StringEnum(VERDICTS),
      reasons: Type.Optional(Text(TEXT_LIMITS.correctionReasons.max)),
      dueDays: Type.Optional(DUE_DAYS),
    }),
    result: Obj({
      verdict: StringEnum(VERDICTS),
      correctionClosed: Nullable(
        Obj({ closedOn: DateString, reviewDueOn: DateString, reviewAfterMonths: Type.Integer() }),
      ),
    }),
  },
  reviewCorrection: {
    body: TransitionBody({
      finding: StringEnum(REVIEW_FINDINGS),
      reasons: Text(TEXT_LIMITS.correctionReasons.max, TEXT_LIMITS.correctionReasons.min),
      actions: Type.Optional(ACTIONS),
    }),
    result: Obj({ finding: StringEnum(REVIEW_FINDINGS), round: Type.Integer(), actions: WRITTEN }),
  },
  recordTalk: {
    body: TransitionBody({
      kind: StringEnum(TALK_KINDS),
      heldOn: DateString,
      participants: Text(TEXT_LIMITS.talkParticipants.max, TEXT_LIMITS.talkParticipants.min),
      summary: Text(TEXT_LIMITS.talkSummary.max, TEXT_LIMITS.talkSummary.min),
      followUp: Type.Optional(Text(TEXT_LIMITS.talkFollowUp.max)),
    }),
    result: Obj({ talkId: Uuid }),
  },
} as const;

export const CorrectionActionParams = Obj({ id: Uuid, actionId: Uuid });
export const CorrectionFileParams = Obj({ id: Uuid, fileId: Uuid });
