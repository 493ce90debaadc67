/**
 * The case procedure's requests and answers: one POST per transition under /api/cases/:id/…
 * (src/server/routes/case-actions.ts). Each body carries `expectedVersion`, the version the user
 * acted on; each answer is the fresh case view and the transition's own small result.
 */
import { SIX_ELEMENTS } from '../domain/case-states.js';
import { MAX_EXTENSION_DAYS, RATINGS } from '../shared/case.js';
import { CaseView } from './cases.js';
import {
  DateString,
  FactValue,
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

const NOTE = Type.Optional(Text(5000, 0, 'An optional note for the record.'));
const NOTE_10K = Type.Optional(Text(10_000));
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
    body: TransitionBody({ reasons: Text(2000, 0, 'Why the application is refused.') }),
    result: NOTHING,
  },
  withdraw: { body: TransitionBody({ reason: Text(2000) }), result: NOTHING },
  recordFact: {
    body: TransitionBody({
      fact: FACT_ID,
      value: FactValue,
      note: NOTE,
      evidenceIds: Type.Optional(List(Uuid, { maxItems: 50 })),
    }),
    result: Obj({ factId: Uuid }),
  },
  linkRiskFiling: {
    body: TransitionBody({ riskFilingId: Uuid }),
    result: Obj({ factId: Uuid, value: FactValue }),
  },
  recordStatement: {
    body: TransitionBody({ text: Text(20_000) }),
    result: Obj({ statementId: Uuid }),
  },
  assess: {
    body: TransitionBody({
      element: StringEnum(SIX_ELEMENTS),
      rating: StringEnum(RATINGS),
      notes: Type.Optional(Text(5000)),
    }),
    result: NOTHING,
  },
  completeVerification: {
    body: TransitionBody({ note: NOTE }),
    result: Obj({ consultations: OPENED }),
  },
  requestConsultation: {
    body: TransitionBody({
      departments: Type.Optional(List(Text(100, 1), { maxItems: 20 })),
    }),
    result: Obj({
      created: OPENED,
      alreadyPending: List(Type.String(), {
        description: 'Departments already asked and not answered yet.',
      }),
    }),
  },
  recordOpinion: { body: TransitionBody({ opinion: Text(20_000) }), result: NOTHING },
  completeConsultation: { body: TransitionBody({ note: NOTE }), result: NOTHING },
  addMember: {
    body: TransitionBody({ userId: Uuid, isChair: Type.Optional(Type.Boolean()) }),
    result: Obj({ added: List(Obj({ userId: Uuid, isChair: Type.Boolean() })) }),
  },
  declareConflict: {
    body: TransitionBody({
      conflict: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
      recuse: Type.Optional(Type.Boolean()),
    }),
    result: Obj({ withdrawnVote: Nullable(Type.String()) }),
  },
  recuseMember: {
    body: TransitionBody({ userId: Uuid, reason: Text(2000) }),
    result: Obj({ withdrawnVote: Nullable(Type.String()) }),
  },
  vote: { body: TransitionBody({ outcome: OUTCOME, reason: Text(5000) }), result: NOTHING },
  decide: {
    body: TransitionBody({
      outcome: OUTCOME,
      minutes: Text(50_000),
      departureReasons: Type.Optional(Text(20_000)),
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
    body: TransitionBody({ objections: Type.Optional(Text(10_000)) }),
    result: NOTHING,
  },
  fileUpward: { body: TransitionBody({ reference: Type.Optional(Text(200)) }), result: NOTHING },
  requestChallenge: {
    body: TransitionBody({
      kind: StringEnum(['review', 'appeal'] as const),
      grounds: Text(20_000),
    }),
    result: Obj({ challengeId: Uuid, dueOn: Nullable(DateString) }),
  },
  decideChallenge: {
    body: TransitionBody({
      result: StringEnum(['upheld', 'changed'] as const),
      outcome: Type.Optional(OUTCOME),
      reasons: Text(20_000),
    }),
    result: Obj({
      challengeId: Uuid,
      result: StringEnum(['upheld', 'changed'] as const),
      determinationId: Uuid,
      documentNumber: Type.String(),
      outcome: Type.String(),
    }),
  },
  close: { body: TransitionBody({ note: NOTE_10K }), result: NOTHING },
  suspend: { body: TransitionBody({ reason: Text(10_000) }), result: Obj({ suspensionId: Uuid }) },
  resume: {
    body: TransitionBody({ note: NOTE_10K }),
    result: Obj({ dueOn: Nullable(DateString) }),
  },
  requestExtension: {
    body: TransitionBody({
      days: Type.Integer({ minimum: 1, maximum: MAX_EXTENSION_DAYS }),
      reason: Text(10_000),
    }),
    result: Obj({ extensionId: Uuid }),
  },
  decideExtension: {
    body: TransitionBody({ approve: Type.Boolean(), reason: Text(10_000) }),
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
  description: Type.Optional(Text(2000)),
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
