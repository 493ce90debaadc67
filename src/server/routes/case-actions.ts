/**
 * The case procedure over HTTP: one POST per transition under /api/cases/:id/…, its body and
 * result declared in src/api/case-actions.ts. Every body carries `expectedVersion`, the version
 * the user acted on. The use case runs its own transaction and authorization (src/app/cases/*);
 * the answer is the fresh case view and the transition's own small result (new ids, due dates),
 * or the catalogue error.
 */
import type { FastifyInstance } from 'fastify';
import {
  CASE_ACTIONS_API,
  CaseIdParams,
  ConsultationParams,
  EvidenceParams,
  ExtensionParams,
  TransitionAnswer,
  type CaseActionName,
  type Static,
  type TSchema,
} from '../../api/index.js';
import { MAX_EXTENSION_DAYS } from '../../shared/case.js';
import type { AppContext } from '../../app/context.js';
import { acceptCase } from '../../app/cases/accept.js';
import { addMember } from '../../app/cases/add-member.js';
import { addMembers } from '../../app/cases/add-members.js';
import { assessElement } from '../../app/cases/assess.js';
import { closeCase } from '../../app/cases/close.js';
import { answerConsultation } from '../../app/cases/answer-consultation.js';
import { completeConsultation } from '../../app/cases/complete-consultation.js';
import { confirmFacts } from '../../app/cases/confirm-facts.js';
import { completeVerification } from '../../app/cases/complete-verification.js';
import { decideCase } from '../../app/cases/decide.js';
import { decideChallenge } from '../../app/cases/decide-challenge.js';
import { decideExtension } from '../../app/cases/decide-extension.js';
import { declareConflict, recuseMember } from '../../app/cases/declare-conflict.js';
import { endPublicity } from '../../app/cases/end-publicity.js';
import { fileUpward } from '../../app/cases/file-upward.js';
import { notifyDecision } from '../../app/cases/notify.js';
import { recordFact } from '../../app/cases/record-fact.js';
import { recordOpinion } from '../../app/cases/record-opinion.js';
import { removeEvidence } from '../../app/cases/remove-evidence.js';
import { recordStatement } from '../../app/cases/record-statement.js';
import { refuseCase } from '../../app/cases/refuse.js';
import { requestChallenge } from '../../app/cases/request-challenge.js';
import { requestConsultation } from '../../app/cases/request-consultation.js';
import { requestExtension } from '../../app/cases/request-extension.js';
import { resumeCase } from '../../app/cases/resume.js';
import { linkRiskFiling } from '../../app/cases/risk-filing.js';
import { startPublicity } from '../../app/cases/start-publicity.js';
import { suspendCase } from '../../app/cases/suspend.js';
import { castVote } from '../../app/cases/vote.js';
import { castReviewVote } from '../../app/cases/vote-review.js';
import { withdrawCase } from '../../app/cases/withdraw.js';
import { getCase } from '../../app/queries/case-view.js';
import type { Actor } from '../../domain/roles.js';
import { actorOf } from '../auth/authenticate.js';
import { responses, typed, type Api } from '../schemas.js';

type Params = Static<typeof CaseIdParams>;

/** A transition's request body and result, as declared in src/api. */
interface Shapes {
  readonly body: TSchema;
  readonly result: TSchema;
}

export interface TransitionRouteDef<S extends Shapes, P extends TSchema> {
  /** Path below /api/cases/:id/. */
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  /** Path parameters beyond the case id. */
  readonly params?: P;
  /** The OpenAPI tag (default 'cases'). */
  readonly tag?: string;
  /** A larger body limit, for a route that takes files. */
  readonly bodyLimit?: number;
  /** The use case; its `result` is the answer's `result` (undefined: null). */
  readonly run: (
    actor: Actor,
    body: Static<S['body']>,
    params: Static<P>,
  ) => Promise<{ readonly result: Static<S['result']> | undefined }>;
}

/**
 * Declares one transition route from its shapes (body and result schemas), its path and its use
 * case: authenticate (hook) → validate (schema) → use case → fresh view. Every POST that changes a
 * case (here, and correction's in corrections.ts) is declared through this.
 */
export function transitionRoute<S extends Shapes, P extends TSchema = typeof CaseIdParams>(
  app: Api | FastifyInstance,
  ctx: AppContext,
  shapes: S,
  def: TransitionRouteDef<S, P>,
): void {
  // The type provider cannot see through the generic shapes; the types come from them
  // (TransitionRouteDef), and the schemas below check body and params before the handler runs.
  (app as unknown as FastifyInstance).post<{ Body: unknown; Params: Params }>(
    `/cases/:id/${def.path}`,
    {
      ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
      schema: {
        tags: [def.tag ?? 'cases'],
        summary: def.summary,
        description: def.description,
        params: def.params ?? CaseIdParams,
        body: shapes.body,
        response: responses({ 200: TransitionAnswer(shapes.result) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const params = req.params as Static<P> & Params;
      const r = await def.run(actor, req.body as Static<S['body']>, params);
      return { case: await getCase(ctx, actor, params.id), result: r.result ?? null };
    },
  );
}

/** A transition of the case procedure, by its name in CASE_ACTIONS_API. */
function action<A extends CaseActionName, P extends TSchema = typeof CaseIdParams>(
  app: Api,
  ctx: AppContext,
  name: A,
  def: TransitionRouteDef<(typeof CASE_ACTIONS_API)[A], P>,
): void {
  transitionRoute(app, ctx, CASE_ACTIONS_API[name], def);
}

/** The version check every transition request carries. */
export const tr = (p: Params, b: { expectedVersion: number }) => ({
  caseId: p.id,
  expectedVersion: b.expectedVersion,
});

/** Acceptance and verification: accept, refuse, withdraw, facts, statements, the six elements. */
function intakeAndVerification(app: Api, ctx: AppContext) {
  action(app, ctx, 'accept', {
    path: 'accept',
    summary: '受理 · Accept',
    description:
      'Intake accepts the application: verification starts and the policy version in force at the conduct is bound to the case.',
    run: (actor, b, p) => acceptCase(ctx, actor, { ...tr(p, b), note: b.note }),
  });
  action(app, ctx, 'refuse', {
    path: 'refuse',
    summary: '不予受理 · Refuse',
    description: 'Intake refuses the application with written reasons; the case ends.',
    run: (actor, b, p) => refuseCase(ctx, actor, { ...tr(p, b), reasons: b.reasons }),
  });
  action(app, ctx, 'withdraw', {
    path: 'withdraw',
    summary: '撤回申请 · Withdraw',
    description: 'A party withdraws the application (before deliberation), with a reason.',
    run: (actor, b, p) => withdrawCase(ctx, actor, { ...tr(p, b), reason: b.reason }),
  });
  action(app, ctx, 'recordFact', {
    path: 'facts',
    summary: '记录事实 · Record a fact',
    description:
      'An investigator records the value of one fact of the pack’s vocabulary (null: explicitly unknown), with the evidence it rests on. The earlier value is kept, superseded.',
    run: (actor, b, p) =>
      recordFact(ctx, actor, {
        ...tr(p, b),
        fact: b.fact,
        value: b.value,
        note: b.note,
        evidenceIds: b.evidenceIds ? [...b.evidenceIds] : undefined,
      }),
  });
  action(app, ctx, 'confirmFacts', {
    path: 'facts/confirm',
    summary: '确认事实 · Confirm facts',
    description:
      'An investigator confirms several facts as verified at once, as the applicant (or the ex-officio referral) stated them: one transaction, one event listing them; the earlier values are kept, superseded. A fact already verified or not recorded refuses the whole request.',
    run: (actor, b, p) =>
      confirmFacts(ctx, actor, { ...tr(p, b), facts: [...b.facts], note: b.note }),
  });
  action(app, ctx, 'removeEvidence', {
    path: 'evidence/:eid/remove',
    summary: '撤除证据材料 · Remove an evidence file',
    description:
      'Its uploader withdraws a file uploaded by mistake, with a reason, while they may still add evidence and no current fact rests on it. The file stays in the store and the trail, marked withdrawn.',
    params: EvidenceParams,
    run: (actor, b, p) =>
      removeEvidence(ctx, actor, { ...tr(p, b), evidenceId: p.eid, reason: b.reason }),
  });
  action(app, ctx, 'linkRiskFiling', {
    path: 'risk-filing',
    summary: '关联事前报备 · Link a risk filing',
    description:
      'Links an ex-ante risk filing of the official’s unit (or a unit above it) to the case; its status becomes the fact riskFiling.',
    run: (actor, b, p) => linkRiskFiling(ctx, actor, { ...tr(p, b), riskFilingId: b.riskFilingId }),
  });
  action(app, ctx, 'recordStatement', {
    path: 'statements',
    summary: '陈述说明 · Make a statement',
    description: 'The official (or the applicant) states their account; kept in the record.',
    run: (actor, b, p) => recordStatement(ctx, actor, { ...tr(p, b), text: b.text }),
  });
  action(app, ctx, 'assess', {
    path: 'assessments',
    summary: '六要素评估 · Assess one of the six elements',
    description:
      'An investigator rates one of the six elements (motive, conditions, procedure, nature, consequences, recovery); an unfavourable rating needs notes.',
    run: (actor, b, p) =>
      assessElement(ctx, actor, {
        ...tr(p, b),
        element: b.element,
        rating: b.rating,
        notes: b.notes,
      }),
  });
  action(app, ctx, 'completeVerification', {
    path: 'complete-verification',
    summary: '核实完毕 · Complete verification',
    description:
      'Ends verification once all six elements are assessed: the case goes to consultation when the pack requires it (the pack’s departments are asked), else to deliberation.',
    run: (actor, b, p) => completeVerification(ctx, actor, { ...tr(p, b), note: b.note }),
  });
}

/** Consultation of departments. */
function consultation(app: Api, ctx: AppContext) {
  action(app, ctx, 'requestConsultation', {
    path: 'consultations',
    summary: '征求意见 · Request consultation',
    description:
      'Asks departments (organization, discipline, audit…) for their opinion; an empty list asks the departments the pack names.',
    run: async (actor, b, p) => {
      const r = await requestConsultation(ctx, actor, {
        ...tr(p, b),
        departments: [...(b.departments ?? [])],
      });
      // Only what was opened and what was already pending: the use case's result holds more.
      return {
        result: { created: r.result.created, alreadyPending: r.result.alreadyPending },
      };
    },
  });
  action(app, ctx, 'recordOpinion', {
    path: 'consultations/:cid/opinion',
    summary: '据书面复函录入会商意见 · Transcribe a written reply',
    description:
      'The investigator transcribes the written reply of a consulted department that has no users in the system, with the reply’s reference and date; a department with users answers itself (…/answer).',
    params: ConsultationParams,
    run: (actor, b, p) =>
      recordOpinion(ctx, actor, {
        ...tr(p, b),
        consultationId: p.cid,
        opinion: b.opinion,
        replyReference: b.replyReference,
        replyDate: b.replyDate,
      }),
  });
  action(app, ctx, 'answerConsultation', {
    path: 'consultations/:cid/answer',
    summary: '答复会商意见 · Answer a consultation',
    description:
      'A consulted department’s officer answers their own department’s request and signs the opinion.',
    params: ConsultationParams,
    run: (actor, b, p) =>
      answerConsultation(ctx, actor, { ...tr(p, b), consultationId: p.cid, opinion: b.opinion }),
  });
  action(app, ctx, 'completeConsultation', {
    path: 'complete-consultation',
    summary: '会商完毕 · Complete consultation',
    description: 'Ends consultation once every department answered; deliberation starts.',
    run: (actor, b, p) => completeConsultation(ctx, actor, { ...tr(p, b), note: b.note }),
  });
}

/** The committee's deliberation: members, conflicts, recusals, votes, the decision. */
function deliberation(app: Api, ctx: AppContext) {
  action(app, ctx, 'addMember', {
    path: 'members',
    summary: '确定参与研究人员 · Add a deliberation member',
    description:
      'The committee chair adds a committee member to the deliberation of this case (parties and conflicted users cannot be added).',
    run: (actor, b, p) =>
      addMember(ctx, actor, { ...tr(p, b), userId: b.userId, isChair: b.isChair }),
  });
  action(app, ctx, 'addMembers', {
    path: 'members/batch',
    summary: '确定参与研究人员（多名） · Add several deliberation members',
    description:
      'The committee chair adds several committee members in one change and one event, all or none: the first member who cannot sit (not on the committee, a party, one who would decide an appeal, already sitting) refuses the request, named with the reason. `chairId`, one of them, presides.',
    run: (actor, b, p) =>
      addMembers(ctx, actor, { ...tr(p, b), userIds: b.userIds, chairId: b.chairId }),
  });
  action(app, ctx, 'declareConflict', {
    path: 'conflict',
    summary: '声明利益冲突或回避 · Declare a conflict or recuse',
    description:
      'A member declares a conflict of interest (and is recused), or recuses themself; their vote, if any, is withdrawn.',
    run: (actor, b, p) =>
      declareConflict(ctx, actor, {
        ...tr(p, b),
        conflict: b.conflict ?? null,
        recuse: b.recuse ?? false,
      }),
  });
  action(app, ctx, 'recuseMember', {
    path: 'recusals',
    summary: '决定成员回避 · Recuse a member',
    description: 'The chair recuses a member with a reason; their vote, if any, is withdrawn.',
    run: (actor, b, p) =>
      recuseMember(ctx, actor, { ...tr(p, b), userId: b.userId, reason: b.reason }),
  });
  action(app, ctx, 'vote', {
    path: 'votes',
    summary: '表决 · Vote',
    description: 'A member votes for an outcome of the pack’s ladder, with a reason.',
    run: (actor, b, p) =>
      castVote(ctx, actor, { ...tr(p, b), outcome: b.outcome, reason: b.reason }),
  });
  action(app, ctx, 'decide', {
    path: 'decision',
    summary: '集体研究认定 · Decide',
    description:
      'The chair records the collective determination with the minutes; departing from the policy recommendation needs written reasons (422 DEPARTURE_REASONS_REQUIRED).',
    run: (actor, b, p) =>
      decideCase(ctx, actor, {
        ...tr(p, b),
        outcome: b.outcome,
        minutes: b.minutes,
        departureReasons: b.departureReasons,
      }),
  });
}

/** After the decision: notification, publicity, filing upward, review and appeal, closing. */
function afterDecision(app: Api, ctx: AppContext) {
  action(app, ctx, 'notify', {
    path: 'notify',
    summary: '书面反馈 · Notify the decision',
    description:
      'The decision is delivered in writing to the official; the challenge window opens.',
    run: (actor, b, p) => notifyDecision(ctx, actor, tr(p, b)),
  });
  action(app, ctx, 'startPublicity', {
    path: 'publicity/start',
    summary: '开始公示 · Start publicity',
    description: 'The organization liaison starts the publicity period the pack requires.',
    run: (actor, b, p) => startPublicity(ctx, actor, tr(p, b)),
  });
  action(app, ctx, 'endPublicity', {
    path: 'publicity/end',
    summary: '结束公示 · End publicity',
    description: 'Ends the publicity period, recording any objections raised.',
    run: (actor, b, p) => endPublicity(ctx, actor, { ...tr(p, b), objections: b.objections }),
  });
  action(app, ctx, 'fileUpward', {
    path: 'file-upward',
    summary: '向上级报备 · File upward',
    description: 'Records that the decision was filed with the level above (with its reference).',
    run: (actor, b, p) => fileUpward(ctx, actor, { ...tr(p, b), reference: b.reference }),
  });
  action(app, ctx, 'requestChallenge', {
    path: 'challenges',
    summary: '申请复核或申诉 · Request review or appeal',
    description:
      'A party asks the same body to review the decision, or appeals to the level above, within the window of each counted from the notification; the decision stays in force meanwhile. A determination already reviewed (or made on review or appeal) is not reviewed again. A publicity running is suspended with the days it has left.',
    run: (actor, b, p) =>
      requestChallenge(ctx, actor, { ...tr(p, b), kind: b.kind, grounds: b.grounds }),
  });
  action(app, ctx, 'decideChallenge', {
    path: 'challenges/decide',
    summary: '复核或申诉决定 · Decide the review or appeal',
    description:
      'Upholds the decision, or changes it to another outcome (a new determination supersedes the old one), with reasons. A review the pack has decided collectively needs a majority of the sitting members’ votes on the review for the outcome left in force. A publicity the challenge suspended resumes with its days left when the decision is upheld.',
    run: (actor, b, p) =>
      decideChallenge(ctx, actor, {
        ...tr(p, b),
        result: b.result,
        outcome: b.outcome,
        reasons: b.reasons,
      }),
  });
  action(app, ctx, 'voteReview', {
    path: 'challenges/votes',
    summary: '复核表决 · Vote on the review',
    description:
      'A sitting member of the panel votes on a review the pack has decided collectively: the outcome they hold (the one in force to uphold it), with a reason; once.',
    run: (actor, b, p) =>
      castReviewVote(ctx, actor, { ...tr(p, b), outcome: b.outcome, reason: b.reason }),
  });
  action(app, ctx, 'close', {
    path: 'close',
    summary: '办结 · Close',
    description:
      'Closes the case once the challenge window has passed and any required filing upward is done.',
    run: (actor, b, p) => closeCase(ctx, actor, { ...tr(p, b), note: b.note }),
  });
}

/** The step clock: suspensions and extensions. */
function clocks(app: Api, ctx: AppContext) {
  action(app, ctx, 'suspend', {
    path: 'suspend',
    summary: '中止计时 · Suspend',
    description: 'Suspends the step clock (e.g. waiting for an outside body), with a reason.',
    run: (actor, b, p) => suspendCase(ctx, actor, { ...tr(p, b), reason: b.reason }),
  });
  action(app, ctx, 'resume', {
    path: 'resume',
    summary: '恢复计时 · Resume',
    description: 'Resumes the step clock; the due date moves by the suspended working days.',
    run: (actor, b, p) => resumeCase(ctx, actor, { ...tr(p, b), note: b.note }),
  });
  action(app, ctx, 'requestExtension', {
    path: 'extensions',
    summary: '申请延期 · Request an extension',
    description: `Asks the committee chair to extend the current step by 1–${MAX_EXTENSION_DAYS} days (in the step's unit), with a reason.`,
    run: (actor, b, p) =>
      requestExtension(ctx, actor, { ...tr(p, b), days: b.days, reason: b.reason }),
  });
  action(app, ctx, 'decideExtension', {
    path: 'extensions/:eid/decide',
    summary: '审批延期 · Decide an extension',
    description: 'The committee chair approves (the due date moves) or rejects the extension.',
    params: ExtensionParams,
    run: (actor, b, p) =>
      decideExtension(ctx, actor, {
        ...tr(p, b),
        extensionId: p.eid,
        approve: b.approve,
        reason: b.reason,
      }),
  });
}

export async function caseActionRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const app = typed(base);
  intakeAndVerification(app, opts.ctx);
  consultation(app, opts.ctx);
  deliberation(app, opts.ctx);
  afterDecision(app, opts.ctx);
  clocks(app, opts.ctx);
}
