/**
 * Correction (纠错) and talks over HTTP (src/server/routes/corrections.ts): the bodies and results of
 * their transitions (the views the case carries are in correction-views.ts). Each body
 * carries `expectedVersion` like every transition; each answer is the fresh case and a small result.
 */
import {
  MAX_ACTION_DAYS,
  MAX_ACTIONS_AT_ONCE,
  REVIEW_FINDINGS,
  TALK_KINDS,
  VERDICTS,
} from '../shared/corrections.js';
import { MAX_EVIDENCE_FILES_PER_UPLOAD, TEXT_LIMITS } from '../shared/limits.js';
import { EVIDENCE_BODY_LIMIT, TransitionBody } from './case-actions.js';
import { ACTION_OWNER } from './correction-views.js';
import {
  DateString,
  List,
  Nullable,
  Obj,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';

const DUE_DAYS = Type.Integer({
  minimum: 1,
  maximum: MAX_ACTION_DAYS,
  description: 'Working days from today; absent, the measure’s default for the outcome.',
});

export const ActionInput = Obj({
  task: Text(TEXT_LIMITS.correctionTask.max, TEXT_LIMITS.correctionTask.min),
  evidenceRequired: Text(TEXT_LIMITS.correctionEvidence.max, TEXT_LIMITS.correctionEvidence.min),
  owner: ACTION_OWNER,
  dueDays: Type.Optional(DUE_DAYS),
});
export type ActionInput = Static<typeof ActionInput>;

const ACTIONS = List(ActionInput, { minItems: 1, maxItems: MAX_ACTIONS_AT_ONCE });
const WRITTEN = List(
  Obj({
    actionId: Uuid,
    seq: Type.Integer(),
    owner: ACTION_OWNER,
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
