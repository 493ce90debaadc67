/**
 * Correction (纠错) and talks over HTTP: one POST per transition under /api/cases/:id/correction…
 * and /api/cases/:id/talks, declared from CORRECTIONS_API (src/api/corrections.ts), each answered
 * with the fresh case and the transition's small result; GET …/correction/files/:fileId downloads
 * a file submitted as evidence of completion, as an attachment, logged.
 */
import type { FastifyInstance } from 'fastify';
import type { CaseIdParams } from '../../api/index.js';
import {
  CORRECTIONS_API,
  CorrectionActionParams,
  CorrectionFileParams,
  EVIDENCE_FILES_BODY_LIMIT,
  type TSchema,
} from '../../api/index.js';
import { addCorrectionActions } from '../../app/corrections/add-actions.js';
import { issueCorrection } from '../../app/corrections/issue-opinion.js';
import { readCorrectionFile } from '../../app/corrections/read-file.js';
import { recordTalk } from '../../app/corrections/record-talk.js';
import { reviewCorrection } from '../../app/corrections/review-effect.js';
import { submitCorrection } from '../../app/corrections/submit-action.js';
import { verifyCorrection } from '../../app/corrections/verify-action.js';
import type { AppContext } from '../../app/context.js';
import { actorOf } from '../auth/authenticate.js';
import { sendUploadedFile, uploadedFileAnswer } from '../download.js';
import { responses, typed } from '../schemas.js';
import { transitionRoute, tr, type TransitionRouteDef } from './case-actions.js';
import { decodeBase64 } from './evidence.js';

/** A correction transition, by its name in CORRECTIONS_API, tagged 'correction'. */
function route<N extends keyof typeof CORRECTIONS_API, P extends TSchema = typeof CaseIdParams>(
  app: FastifyInstance,
  ctx: AppContext,
  name: N,
  def: TransitionRouteDef<(typeof CORRECTIONS_API)[N], P>,
) {
  transitionRoute(app, ctx, CORRECTIONS_API[name], { tag: 'correction', ...def });
}

export async function correctionRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  route(base, ctx, 'issueCorrection', {
    path: 'correction',
    summary: '下达纠错意见 · Issue the correction opinion',
    description:
      'The deciding body’s chair issues the correction opinion (纠错意见书) after the determination: what went wrong, what must be corrected, and the actions, each with its owner (the official or their unit), a deadline in working days (default: the measure’s for the outcome) and the evidence of completion it asks for. The opinion takes the body’s next number. One per case.',
    run: (actor, b, p) => issueCorrection(ctx, actor, { ...tr(p, b), ...b }),
  });
  route(base, ctx, 'addCorrectionActions', {
    path: 'correction/actions',
    summary: '增加整改事项 · Add correction actions',
    description: 'Further actions for a correction in progress (organization liaison or chair).',
    run: (actor, b, p) => addCorrectionActions(ctx, actor, { ...tr(p, b), actions: b.actions }),
  });
  route(base, ctx, 'submitCorrection', {
    path: 'correction/actions/:actionId/submit',
    summary: '报送整改情况 · Submit a correction action',
    description:
      'The owner of an open action (the official, or their unit’s party organization) reports it done, with an account and, where asked, files as Base64 (checked like evidence). It then waits for verification by someone else.',
    params: CorrectionActionParams,
    bodyLimit: EVIDENCE_FILES_BODY_LIMIT,
    run: (actor, b, p) =>
      submitCorrection(ctx, actor, {
        ...tr(p, b),
        actionId: p.actionId,
        submission: b.submission,
        files: b.files?.map((f, n) => ({
          filename: f.filename,
          mediaType: f.mediaType,
          content: decodeBase64(`files[${n}].contentBase64`, f.contentBase64),
        })),
      }),
  });
  route(base, ctx, 'verifyCorrection', {
    path: 'correction/actions/:actionId/verify',
    summary: '核实整改情况 · Verify a correction action',
    description:
      'Someone other than the submitter (organization liaison or chair) verifies: confirmed; not confirmed — back to open with reasons and a new deadline in working days; inconclusive — under watch, with reasons. When every action is confirmed the correction closes and its effectiveness review falls due months later.',
    params: CorrectionActionParams,
    run: (actor, b, p) => verifyCorrection(ctx, actor, { ...tr(p, b), actionId: p.actionId, ...b }),
  });
  route(base, ctx, 'reviewCorrection', {
    path: 'correction/review',
    summary: '评估整改成效 · Review the correction’s effectiveness',
    description:
      'Once due, the chair of the deciding body finds the correction effective (it ends) or not effective (it reopens in the next round with the new actions given).',
    run: (actor, b, p) => reviewCorrection(ctx, actor, { ...tr(p, b), ...b }),
  });
  route(base, ctx, 'recordTalk', {
    path: 'talks',
    summary: '记录谈心谈话 · Record a talk',
    description:
      'A supportive or reminder talk held with the official after the decision: date (not in the future), participants, summary, follow-up.',
    run: (actor, b, p) => recordTalk(ctx, actor, { ...tr(p, b), ...b }),
  });

  typed(base).get(
    '/cases/:id/correction/files/:fileId',
    {
      schema: {
        tags: ['correction'],
        summary: '下载整改材料 · Download a correction file',
        description:
          'A file submitted as evidence that a correction action was done, as an attachment; each download is logged.',
        params: CorrectionFileParams,
        response: responses({ 200: uploadedFileAnswer() }),
      },
    },
    async (req, reply) => {
      const file = await readCorrectionFile(ctx, actorOf(req), req.params.id, req.params.fileId);
      return sendUploadedFile(reply, file);
    },
  );
}
