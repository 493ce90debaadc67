/**
 * The case procedure over HTTP: one POST per transition under /api/cases/:id/…, each with its
 * body schema beside it. Every body carries `expectedVersion`, the version the user acted on. The
 * use case runs its own transaction and authorization (src/app/cases/*); the answer is the fresh
 * case view and the transition's own small result (new ids, due dates), or the catalogue error.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { acceptCase } from '../../app/cases/accept.js';
import { addMember } from '../../app/cases/add-member.js';
import { assessElement, RATINGS, type Rating } from '../../app/cases/assess.js';
import { closeCase } from '../../app/cases/close.js';
import { completeConsultation } from '../../app/cases/complete-consultation.js';
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
import { recordStatement } from '../../app/cases/record-statement.js';
import { refuseCase } from '../../app/cases/refuse.js';
import { requestChallenge } from '../../app/cases/request-challenge.js';
import { requestConsultation } from '../../app/cases/request-consultation.js';
import { MAX_EXTENSION_DAYS, requestExtension } from '../../app/cases/request-extension.js';
import { resumeCase } from '../../app/cases/resume.js';
import { linkRiskFiling } from '../../app/cases/risk-filing.js';
import { startPublicity } from '../../app/cases/start-publicity.js';
import { suspendCase } from '../../app/cases/suspend.js';
import { castVote } from '../../app/cases/vote.js';
import { withdrawCase } from '../../app/cases/withdraw.js';
import { SIX_ELEMENTS, type SixElement } from '../../domain/case-states.js';
import type { Actor } from '../../domain/roles.js';
import type { FactValue } from '../../policy/model.js';
import { actorOf } from '../auth/authenticate.js';
import { getCase } from '../../app/queries/case-view.js';
import { CASE_ID_PARAMS, object, ref, responses, text, transitionBody, UUID } from '../schemas.js';

/** What a transition answers: the fresh case and the transition's own result. */
export const TRANSITION_RESPONSE = {
  type: 'object',
  properties: {
    case: ref('Case'),
    result: {
      description: 'What the step produced, e.g. a new id or due date; null when nothing.',
      type: ['object', 'string', 'null'],
      additionalProperties: true,
    },
  },
} as const;

interface Base {
  readonly expectedVersion: number;
}

interface ActionDef<B extends Base, P extends { id: string }> {
  /** Path below /api/cases/:id/. */
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly body: ReturnType<typeof transitionBody>;
  readonly params?: ReturnType<typeof object>;
  readonly run: (actor: Actor, body: B, params: P) => Promise<{ readonly result: unknown }>;
}

/** Registers one transition route: authenticate (hook) → validate (schema) → use case → view. */
export function action<B extends Base, P extends { id: string } = { id: string }>(
  app: FastifyInstance,
  ctx: AppContext,
  def: ActionDef<B, P>,
): void {
  app.post<{ Body: B; Params: P }>(
    `/cases/:id/${def.path}`,
    {
      schema: {
        tags: ['cases'],
        summary: def.summary,
        description: def.description,
        params: def.params ?? CASE_ID_PARAMS,
        body: def.body,
        response: responses({ 200: TRANSITION_RESPONSE }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      // The schema above has checked body and params: they have the declared types.
      const body = req.body as B;
      const params = req.params as P;
      const r = await def.run(actor, body, params);
      return { case: await getCase(ctx, actor, params.id), result: r.result ?? null };
    },
  );
}

const NOTE = text(5000, 0, 'An optional note for the record.');

export async function caseActionRoutes(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const tr = (id: string, expectedVersion: number) => ({ caseId: id, expectedVersion });

  // ---- acceptance ---------------------------------------------------------------------------

  action<Base & { note?: string }>(app, ctx, {
    path: 'accept',
    summary: '受理 · Accept',
    description:
      'Intake accepts the application: verification starts and the policy version in force at the conduct is bound to the case.',
    body: transitionBody({ note: NOTE }),
    run: (actor, b, p) => acceptCase(ctx, actor, { ...tr(p.id, b.expectedVersion), note: b.note }),
  });

  action<Base & { reasons: string }>(app, ctx, {
    path: 'refuse',
    summary: '不予受理 · Refuse',
    description: 'Intake refuses the application with written reasons; the case ends.',
    body: transitionBody({ reasons: text(2000, 0, 'Why the application is refused.') }, [
      'reasons',
    ]),
    run: (actor, b, p) =>
      refuseCase(ctx, actor, { ...tr(p.id, b.expectedVersion), reasons: b.reasons }),
  });

  action<Base & { reason: string }>(app, ctx, {
    path: 'withdraw',
    summary: '撤回申请 · Withdraw',
    description: 'A party withdraws the application (before deliberation), with a reason.',
    body: transitionBody({ reason: text(2000) }, ['reason']),
    run: (actor, b, p) =>
      withdrawCase(ctx, actor, { ...tr(p.id, b.expectedVersion), reason: b.reason }),
  });

  // ---- verification -------------------------------------------------------------------------

  action<
    Base & {
      fact: string;
      value: FactValue | null;
      note?: string;
      evidenceIds?: string[];
    }
  >(app, ctx, {
    path: 'facts',
    summary: '记录事实 · Record a fact',
    description:
      'An investigator records the value of one fact of the pack’s vocabulary (null: explicitly unknown), with the evidence it rests on. The earlier value is kept, superseded.',
    body: transitionBody(
      {
        fact: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
        value: { type: ['boolean', 'string', 'number', 'null'] },
        note: NOTE,
        evidenceIds: { type: 'array', items: UUID, maxItems: 50 },
      },
      ['fact', 'value'],
    ),
    run: (actor, b, p) =>
      recordFact(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        fact: b.fact,
        value: b.value,
        note: b.note,
        evidenceIds: b.evidenceIds,
      }),
  });

  action<Base & { riskFilingId: string }>(app, ctx, {
    path: 'risk-filing',
    summary: '关联事前报备 · Link a risk filing',
    description:
      'Links an ex-ante risk filing of the official’s unit (or a unit above it) to the case; its status becomes the fact riskFiling.',
    body: transitionBody({ riskFilingId: UUID }, ['riskFilingId']),
    run: (actor, b, p) =>
      linkRiskFiling(ctx, actor, { ...tr(p.id, b.expectedVersion), riskFilingId: b.riskFilingId }),
  });

  action<Base & { text: string }>(app, ctx, {
    path: 'statements',
    summary: '陈述说明 · Make a statement',
    description: 'The official (or the applicant) states their account; kept in the record.',
    body: transitionBody({ text: text(20_000) }, ['text']),
    run: (actor, b, p) =>
      recordStatement(ctx, actor, { ...tr(p.id, b.expectedVersion), text: b.text }),
  });

  action<Base & { element: SixElement; rating: Rating; notes?: string }>(app, ctx, {
    path: 'assessments',
    summary: '六要素评估 · Assess one of the six elements',
    description:
      'An investigator rates one of the six elements (motive, conditions, procedure, nature, consequences, recovery); an unfavourable rating needs notes.',
    body: transitionBody(
      {
        element: { type: 'string', enum: [...SIX_ELEMENTS] },
        rating: { type: 'string', enum: [...RATINGS] },
        notes: text(5000),
      },
      ['element', 'rating'],
    ),
    run: (actor, b, p) =>
      assessElement(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        element: b.element,
        rating: b.rating,
        notes: b.notes,
      }),
  });

  action<Base & { note?: string }>(app, ctx, {
    path: 'complete-verification',
    summary: '核实完毕 · Complete verification',
    description:
      'Ends verification once all six elements are assessed: the case goes to consultation when the pack requires it (the pack’s departments are asked), else to deliberation.',
    body: transitionBody({ note: NOTE }),
    run: (actor, b, p) =>
      completeVerification(ctx, actor, { ...tr(p.id, b.expectedVersion), note: b.note }),
  });

  // ---- consultation -------------------------------------------------------------------------

  action<Base & { departments?: string[] }>(app, ctx, {
    path: 'consultations',
    summary: '征求意见 · Request consultation',
    description:
      'Asks departments (organization, discipline, audit…) for their opinion; an empty list asks the departments the pack names.',
    body: transitionBody({
      departments: { type: 'array', items: text(100, 1), maxItems: 20 },
    }),
    run: (actor, b, p) =>
      requestConsultation(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        departments: b.departments ?? [],
      }),
  });

  action<Base & { opinion: string }, { id: string; cid: string }>(app, ctx, {
    path: 'consultations/:cid/opinion',
    summary: '记录会商意见 · Record a department’s opinion',
    description: 'Records the opinion a consulted department gave.',
    params: object({ id: UUID, cid: { ...UUID, description: 'The consultation id.' } }, [
      'id',
      'cid',
    ]),
    body: transitionBody({ opinion: text(20_000) }, ['opinion']),
    run: (actor, b, p) =>
      recordOpinion(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        consultationId: p.cid,
        opinion: b.opinion,
      }),
  });

  action<Base & { note?: string }>(app, ctx, {
    path: 'complete-consultation',
    summary: '会商完毕 · Complete consultation',
    description: 'Ends consultation once every department answered; deliberation starts.',
    body: transitionBody({ note: NOTE }),
    run: (actor, b, p) =>
      completeConsultation(ctx, actor, { ...tr(p.id, b.expectedVersion), note: b.note }),
  });

  // ---- deliberation -------------------------------------------------------------------------

  action<Base & { userId: string; isChair?: boolean }>(app, ctx, {
    path: 'members',
    summary: '确定参与研究人员 · Add a deliberation member',
    description:
      'The committee chair adds a committee member to the deliberation of this case (parties and conflicted users cannot be added).',
    body: transitionBody({ userId: UUID, isChair: { type: 'boolean' } }, ['userId']),
    run: (actor, b, p) =>
      addMember(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        userId: b.userId,
        isChair: b.isChair,
      }),
  });

  action<Base & { conflict?: string | null; recuse?: boolean }>(app, ctx, {
    path: 'conflict',
    summary: '声明利益冲突或回避 · Declare a conflict or recuse',
    description:
      'A member declares a conflict of interest (and is recused), or recuses themself; their vote, if any, is withdrawn.',
    body: transitionBody({
      conflict: { type: ['string', 'null'], maxLength: 2000 },
      recuse: { type: 'boolean' },
    }),
    run: (actor, b, p) =>
      declareConflict(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        conflict: b.conflict ?? null,
        recuse: b.recuse ?? false,
      }),
  });

  action<Base & { userId: string; reason: string }>(app, ctx, {
    path: 'recusals',
    summary: '决定成员回避 · Recuse a member',
    description: 'The chair recuses a member with a reason; their vote, if any, is withdrawn.',
    body: transitionBody({ userId: UUID, reason: text(2000) }, ['userId', 'reason']),
    run: (actor, b, p) =>
      recuseMember(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        userId: b.userId,
        reason: b.reason,
      }),
  });

  action<Base & { outcome: string; reason: string }>(app, ctx, {
    path: 'votes',
    summary: '表决 · Vote',
    description: 'A member votes for an outcome of the pack’s ladder, with a reason.',
    body: transitionBody(
      { outcome: { type: 'string', minLength: 1, maxLength: 64 }, reason: text(5000) },
      ['outcome', 'reason'],
    ),
    run: (actor, b, p) =>
      castVote(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        outcome: b.outcome,
        reason: b.reason,
      }),
  });

  action<Base & { outcome: string; minutes: string; departureReasons?: string }>(app, ctx, {
    path: 'decision',
    summary: '集体研究认定 · Decide',
    description:
      'The chair records the collective determination with the minutes; departing from the policy recommendation needs written reasons (422 DEPARTURE_REASONS_REQUIRED).',
    body: transitionBody(
      {
        outcome: { type: 'string', minLength: 1, maxLength: 64 },
        minutes: text(50_000),
        departureReasons: text(20_000),
      },
      ['outcome', 'minutes'],
    ),
    run: (actor, b, p) =>
      decideCase(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        outcome: b.outcome,
        minutes: b.minutes,
        departureReasons: b.departureReasons,
      }),
  });

  // ---- after the decision -------------------------------------------------------------------

  action<Base>(app, ctx, {
    path: 'notify',
    summary: '书面反馈 · Notify the decision',
    description:
      'The decision is delivered in writing to the official; the challenge window opens.',
    body: transitionBody(),
    run: (actor, b, p) => notifyDecision(ctx, actor, tr(p.id, b.expectedVersion)),
  });

  action<Base>(app, ctx, {
    path: 'publicity/start',
    summary: '开始公示 · Start publicity',
    description: 'The organization liaison starts the publicity period the pack requires.',
    body: transitionBody(),
    run: (actor, b, p) => startPublicity(ctx, actor, tr(p.id, b.expectedVersion)),
  });

  action<Base & { objections?: string }>(app, ctx, {
    path: 'publicity/end',
    summary: '结束公示 · End publicity',
    description: 'Ends the publicity period, recording any objections raised.',
    body: transitionBody({ objections: text(10_000) }),
    run: (actor, b, p) =>
      endPublicity(ctx, actor, { ...tr(p.id, b.expectedVersion), objections: b.objections }),
  });

  action<Base & { reference?: string }>(app, ctx, {
    path: 'file-upward',
    summary: '向上级报备 · File upward',
    description: 'Records that the decision was filed with the level above (with its reference).',
    body: transitionBody({ reference: text(200) }),
    run: (actor, b, p) =>
      fileUpward(ctx, actor, { ...tr(p.id, b.expectedVersion), reference: b.reference }),
  });

  action<Base & { kind: 'review' | 'appeal'; grounds: string }>(app, ctx, {
    path: 'challenges',
    summary: '申请复核或申诉 · Request review or appeal',
    description:
      'A party asks the same body to review the decision, or appeals to the level above, within the window; the decision stays in force meanwhile.',
    body: transitionBody(
      { kind: { type: 'string', enum: ['review', 'appeal'] }, grounds: text(20_000) },
      ['kind', 'grounds'],
    ),
    run: (actor, b, p) =>
      requestChallenge(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        kind: b.kind,
        grounds: b.grounds,
      }),
  });

  action<Base & { result: 'upheld' | 'changed'; outcome?: string; reasons: string }>(app, ctx, {
    path: 'challenges/decide',
    summary: '复核或申诉决定 · Decide the review or appeal',
    description:
      'Upholds the decision, or changes it to another outcome (a new determination supersedes the old one), with reasons.',
    body: transitionBody(
      {
        result: { type: 'string', enum: ['upheld', 'changed'] },
        outcome: { type: 'string', minLength: 1, maxLength: 64 },
        reasons: text(20_000),
      },
      ['result', 'reasons'],
    ),
    run: (actor, b, p) =>
      decideChallenge(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        result: b.result,
        outcome: b.outcome,
        reasons: b.reasons,
      }),
  });

  action<Base & { note?: string }>(app, ctx, {
    path: 'close',
    summary: '办结 · Close',
    description:
      'Closes the case once the challenge window has passed and any required filing upward is done.',
    body: transitionBody({ note: text(10_000) }),
    run: (actor, b, p) => closeCase(ctx, actor, { ...tr(p.id, b.expectedVersion), note: b.note }),
  });

  // ---- clocks -------------------------------------------------------------------------------

  action<Base & { reason: string }>(app, ctx, {
    path: 'suspend',
    summary: '中止计时 · Suspend',
    description: 'Suspends the step clock (e.g. waiting for an outside body), with a reason.',
    body: transitionBody({ reason: text(10_000) }, ['reason']),
    run: (actor, b, p) =>
      suspendCase(ctx, actor, { ...tr(p.id, b.expectedVersion), reason: b.reason }),
  });

  action<Base & { note?: string }>(app, ctx, {
    path: 'resume',
    summary: '恢复计时 · Resume',
    description: 'Resumes the step clock; the due date moves by the suspended working days.',
    body: transitionBody({ note: text(10_000) }),
    run: (actor, b, p) => resumeCase(ctx, actor, { ...tr(p.id, b.expectedVersion), note: b.note }),
  });

  action<Base & { days: number; reason: string }>(app, ctx, {
    path: 'extensions',
    summary: '申请延期 · Request an extension',
    description: `Asks the committee chair to extend the current step by 1–${MAX_EXTENSION_DAYS} days (in the step's unit), with a reason.`,
    body: transitionBody(
      {
        days: { type: 'integer', minimum: 1, maximum: MAX_EXTENSION_DAYS },
        reason: text(10_000),
      },
      ['days', 'reason'],
    ),
    run: (actor, b, p) =>
      requestExtension(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        days: b.days,
        reason: b.reason,
      }),
  });

  action<Base & { approve: boolean; reason: string }, { id: string; eid: string }>(app, ctx, {
    path: 'extensions/:eid/decide',
    summary: '审批延期 · Decide an extension',
    description: 'The committee chair approves (the due date moves) or rejects the extension.',
    params: object({ id: UUID, eid: { ...UUID, description: 'The extension id.' } }, ['id', 'eid']),
    body: transitionBody({ approve: { type: 'boolean' }, reason: text(10_000) }, [
      'approve',
      'reason',
    ]),
    run: (actor, b, p) =>
      decideExtension(ctx, actor, {
        ...tr(p.id, b.expectedVersion),
        extensionId: p.eid,
        approve: b.approve,
        reason: b.reason,
      }),
  });
}
