/**
 * The case procedure's requests and answers: one POST per transition under /api/cases/:id/…
 * (src/server/routes/case-actions.ts). Each body carries `expectedVersion`, the version the user
 * acted on; each answer is the fresh case view and the transition's own small result.
 */
import { SIX_ELEMENTS } from '../domain/case-states.js';
import { MAX_EXTENSION_DAYS, MAX_FACTS_CONFIRMED, RATINGS } from '../shared/case.js';
import {
  MAX_CONSULTED_DEPARTMENTS,
  MAX_EVIDENCE_FILES_PER_UPLOAD,
  MAX_EVIDENCE_UPLOAD_BYTES,
  MAX_MEMBERS_ADDED,
  TEXT_LIMITS,
} from '../shared/limits.js';
import { CaseView } from './cases.js';
import {
  DateString,
  FactValue,
  I18nText,
  List,
  Nullable,
  Obj,
  Ref,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
  type TSchema,
} from './common.js';
import type { TProperties } from 'typebox';

export const ExpectedVersion = Type.Integer({
  minimum: 1,
  description:
    'The case version the user acted on (from the case view); a stale version gets 409 CASE_VERSION_CONFLICT.',
});

/** The body of a transition: the version seen plus the action's own fields. */
export function TransitionBody<P extends TProperties>(properties: P) {
  return Obj({ expectedVersion: ExpectedVersion, ...properties });
}

/** What a transition answers: the fresh case and the transition's own result. */
export function TransitionAnswer<R extends TSchema>(result: R) {
  return Obj({ case: Ref(CaseView), result });
}

const NOTE = Type.Optional(Text(TEXT_LIMITS.note.max, 0, 'An optional note for the record.'));
const OUTCOME = Type.String({ minLength: 1, maxLength: 64 });
const FACT_ID = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' });
const NOTHING = Type.Null({ description: 'Nothing beyond the case.' });
const OPENED = List(Obj({ consultationId: Uuid, department: Type.String() }));

/**
 * Each transition's body and result. The route file adds the path, the description and the use
 * case; the web app reads the types (`ActionBody<'accept'>`).
 */
export const CASE_ACTIONS_API = {
  accept: { body: TransitionBody({ note: NOTE }), result: NOTHING },
  refuse: {
    body: TransitionBody({
      reasons: Text(TEXT_LIMITS.refusalReasons.max, 0, 'Why the application is refused.'),
    }),
    result: NOTHING,
  },
  withdraw: {
    body: TransitionBody({ reason: Text(TEXT_LIMITS.withdrawalReason.max) }),
    result: NOTHING,
  },
  recordFact: {
    body: TransitionBody({
      fact: FACT_ID,
      value: FactValue,
      note: NOTE,
      evidenceIds: Type.Optional(List(Uuid, { maxItems: 50 })),
    }),
    result: Obj({ factId: Uuid }),
  },
  confirmFacts: {
    body: TransitionBody({
      facts: List(FACT_ID, { minItems: 1, maxItems: MAX_FACTS_CONFIRMED }),
      note: NOTE,
    }),
    result: Obj({ facts: List(Obj({ fact: Type.String(), factId: Uuid })) }),
  },
  removeEvidence: {
    body: TransitionBody({
      reason: Text(TEXT_LIMITS.withdrawalReason.max, TEXT_LIMITS.withdrawalReason.min),
    }),
    result: Obj({ evidenceId: Uuid }),
  },
  linkRiskFiling: {
    body: TransitionBody({ riskFilingId: Uuid }),
    result: Obj({ factId: Uuid, value: FactValue }),
  },
  recordStatement: {
    body: TransitionBody({ text: Text(TEXT_LIMITS.statement.max) }),
    result: Obj({ statementId: Uuid }),
  },
  assess: {
    body: TransitionBody({
      element: StringEnum(SIX_ELEMENTS),
      rating: StringEnum(RATINGS),
      notes: Type.Optional(Text(TEXT_LIMITS.assessmentNotes.max)),
    }),
    result: NOTHING,
  },
  completeVerification: {
    body: TransitionBody({ note: NOTE }),
    result: Obj({ consultations: OPENED }),
  },
  requestConsultation: {
    body: TransitionBody({
      departments: Type.Optional(
        List(Text(TEXT_LIMITS.department.max, TEXT_LIMITS.department.min), {
          maxItems: MAX_CONSULTED_DEPARTMENTS,
        }),
      ),
    }),
    result: Obj({
      created: OPENED,
      alreadyPending: List(Type.String(), {
        description: 'Departments already asked and not answered yet.',
      }),
    }),
  },
  recordOpinion: {
    body: TransitionBody({
      opinion: Text(TEXT_LIMITS.opinion.max),
      replyReference: Text(
        TEXT_LIMITS.replyReference.max,
        0,
        'The written reply’s reference (文号).',
      ),
      replyDate: DateString,
    }),
    result: NOTHING,
  },
  answerConsultation: {
    body: TransitionBody({ opinion: Text(TEXT_LIMITS.opinion.max) }),
    result: NOTHING,
  },
  completeConsultation: { body: TransitionBody({ note: NOTE }), result: NOTHING },
  addMember: {
    body: TransitionBody({ userId: Uuid, isChair: Type.Optional(Type.Boolean()) }),
    result: Obj({ added: List(Obj({ userId: Uuid, isChair: Type.Boolean() })) }),
  },
  addMembers: {
    body: TransitionBody({
      userIds: List(Uuid, { minItems: 1, maxItems: MAX_MEMBERS_ADDED }),
      chairId: Type.Optional(Uuid),
    }),
    result: Obj({ added: List(Obj({ userId: Uuid, isChair: Type.Boolean() })) }),
  },
  declareConflict: {
    body: TransitionBody({
      conflict: Type.Optional(Nullable(Type.String({ maxLength: TEXT_LIMITS.conflict.max }))),
      recuse: Type.Optional(Type.Boolean()),
    }),
    result: Obj({ withdrawnVote: Nullable(Type.String()) }),
  },
  recuseMember: {
    body: TransitionBody({ userId: Uuid, reason: Text(TEXT_LIMITS.recusalReason.max) }),
    result: Obj({ withdrawnVote: Nullable(Type.String()) }),
  },
  vote: {
    body: TransitionBody({ outcome: OUTCOME, reason: Text(TEXT_LIMITS.voteReason.max) }),
    result: NOTHING,
  },
  decide: {
    body: TransitionBody({
      outcome: OUTCOME,
      minutes: Text(TEXT_LIMITS.minutes.max),
      departureReasons: Type.Optional(Text(TEXT_LIMITS.departureReasons.max)),
    }),
    result: Obj({
      determinationId: Uuid,
      documentNumber: Type.String(),
      outcome: Type.String(),
      recommendedOutcome: Type.String(),
      departs: Type.Boolean(),
    }),
  },
  notify: { body: TransitionBody({}), result: Obj({ documentNumber: Type.String() }) },
  startPublicity: { body: TransitionBody({}), result: NOTHING },
  endPublicity: {
    body: TransitionBody({ objections: Type.Optional(Text(TEXT_LIMITS.objections.max)) }),
    result: NOTHING,
  },
  fileUpward: {
    body: TransitionBody({ reference: Type.Optional(Text(TEXT_LIMITS.filingReference.max)) }),
    result: NOTHING,
  },
  requestChallenge: {
    body: TransitionBody({
      kind: StringEnum(['review', 'appeal'] as const),
      grounds: Text(TEXT_LIMITS.challengeGrounds.max),
    }),
    result: Obj({ challengeId: Uuid, dueOn: Nullable(DateString) }),
  },
  decideChallenge: {
    body: TransitionBody({
      result: StringEnum(['upheld', 'changed'] as const),
      outcome: Type.Optional(OUTCOME),
      reasons: Text(TEXT_LIMITS.challengeReasons.max),
    }),
    result: Obj({
      challengeId: Uuid,
      result: StringEnum(['upheld', 'changed'] as const),
      determinationId: Uuid,
      documentNumber: Type.String(),
      outcome: Type.String(),
    }),
  },
  voteReview: {
    body: TransitionBody({ outcome: OUTCOME, reason: Text(TEXT_LIMITS.voteReason.max) }),
    result: NOTHING,
  },
  close: {
    body: TransitionBody({ note: Type.Optional(Text(TEXT_LIMITS.closeNote.max)) }),
    result: NOTHING,
  },
  suspend: {
    body: TransitionBody({ reason: Text(TEXT_LIMITS.suspendReason.max) }),
    result: Obj({ suspensionId: Uuid }),
  },
  resume: {
    body: TransitionBody({ note: Type.Optional(Text(TEXT_LIMITS.resumeNote.max)) }),
    result: Obj({ dueOn: Nullable(DateString) }),
  },
  requestExtension: {
    body: TransitionBody({
      days: Type.Integer({ minimum: 1, maximum: MAX_EXTENSION_DAYS }),
      reason: Text(TEXT_LIMITS.extensionReason.max),
    }),
    result: Obj({ extensionId: Uuid }),
  },
  decideExtension: {
    body: TransitionBody({
      approve: Type.Boolean(),
      reason: Text(TEXT_LIMITS.extensionDecisionReason.max),
    }),
    result: Obj({
      status: Type.String({ description: "'approved' or 'refused'." }),
      dueOn: Nullable(DateString),
    }),
  },
} as const;

export type CaseActionName = keyof typeof CASE_ACTIONS_API;
export type ActionBody<A extends CaseActionName> = Static<(typeof CASE_ACTIONS_API)[A]['body']>;
export type ActionResult<A extends CaseActionName> = Static<(typeof CASE_ACTIONS_API)[A]['result']>;

/** The consultation an opinion answers: POST /api/cases/:id/consultations/:cid/opinion. */
export const ConsultationParams = Obj({
  id: Uuid,
  cid: Type.String({ format: 'uuid', description: 'The consultation id.' }),
});
/** The extension decided: POST /api/cases/:id/extensions/:eid/decide. */
export const ExtensionParams = Obj({
  id: Uuid,
  eid: Type.String({ format: 'uuid', description: 'The extension id.' }),
});

/** 20 MiB of content is 28 MB of Base64, plus the other fields. */
export const EVIDENCE_BODY_LIMIT = 28 * 1024 * 1024 + 64 * 1024;

export const EvidenceBody = TransitionBody({
  filename: Text(255, 1),
  mediaType: Type.String({ minLength: 1, maxLength: 255 }),
  contentBase64: Type.String({
    contentEncoding: 'base64',
    maxLength: EVIDENCE_BODY_LIMIT,
    description: 'The file, Base64-encoded.',
  }),
  description: Type.Optional(Text(TEXT_LIMITS.evidenceDescription.max)),
});
export type EvidenceBody = Static<typeof EvidenceBody>;

export const EvidenceResult = Obj({
  evidenceId: Uuid,
  sha256: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  filename: Type.String(),
  mediaType: Type.String(),
});

export const EvidenceParams = Obj({ id: Uuid, eid: Uuid });

/**
 * Several files in one upload (src/app/cases/add-evidence-files.ts says why one request): the
 * total of MAX_EVIDENCE_UPLOAD_BYTES as Base64, plus each file's other fields.
 */
export const EVIDENCE_FILES_BODY_LIMIT =
  Math.ceil(MAX_EVIDENCE_UPLOAD_BYTES / 3) * 4 + MAX_EVIDENCE_FILES_PER_UPLOAD * 16 * 1024;

export const EvidenceFilesBody = TransitionBody({
  files: List(
    Obj({
      filename: Text(255, 1),
      mediaType: Type.String({ minLength: 1, maxLength: 255 }),
      contentBase64: Type.String({
        contentEncoding: 'base64',
        maxLength: EVIDENCE_BODY_LIMIT,
        description: 'The file, Base64-encoded.',
      }),
      description: Type.Optional(Text(TEXT_LIMITS.evidenceDescription.max)),
    }),
    { minItems: 1, maxItems: MAX_EVIDENCE_FILES_PER_UPLOAD },
  ),
});
export type EvidenceFilesBody = Static<typeof EvidenceFilesBody>;

const FILE_INDEX = Type.Integer({ minimum: 0, description: 'The file’s position in the request.' });

export const EvidenceFilesResult = Obj({
  added: List(
    Obj({
      index: FILE_INDEX,
      evidenceId: Uuid,
      filename: Type.String(),
      mediaType: Type.String(),
      size: Type.Integer({ minimum: 0 }),
      sha256: Type.String(),
    }),
    { description: 'The files added.' },
  ),
  alreadyThere: List(Obj({ index: FILE_INDEX, filename: Type.String(), evidenceId: Uuid }), {
    description: 'Files whose content the case file already holds: not added twice.',
  }),
  refused: List(
    Obj({ index: FILE_INDEX, filename: Type.String(), code: Type.String(), message: I18nText }),
    { description: 'Files not added, each with the reason.' },
  ),
});
export type EvidenceFilesResult = Static<typeof EvidenceFilesResult>;
