/**
 * Name clearing (澄清正名) over HTTP: one POST per transition under /api/cases/:id/clearing…,
 * declared from CLEARINGS_API (src/api/clearings.ts), each answered with the fresh case and the
 * transition's small result. The clearing notice is downloaded like every case document
 * (routes/documents.ts, type `clearing`).
 */
import type { FastifyInstance } from 'fastify';
import type { CaseIdParams } from '../../api/index.js';
import { CLEARINGS_API, type TSchema } from '../../api/index.js';
import { closeClearing } from '../../app/clearings/close-clearing.js';
import { issueClearingNotice } from '../../app/clearings/issue-notice.js';
import { publicizeClearing } from '../../app/clearings/publicize.js';
import { recordClearing } from '../../app/clearings/record-clearing.js';
import { referAccuser } from '../../app/clearings/refer-accuser.js';
import type { AppContext } from '../../app/context.js';
import { transitionRoute, tr, type TransitionRouteDef } from './case-actions.js';

/** A clearing transition, by its name in CLEARINGS_API, tagged 'clearing'. */
function route<N extends keyof typeof CLEARINGS_API, P extends TSchema = typeof CaseIdParams>(
  app: FastifyInstance,
  ctx: AppContext,
  name: N,
  def: TransitionRouteDef<(typeof CLEARINGS_API)[N], P>,
) {
  transitionRoute(app, ctx, CLEARINGS_API[name], { tag: 'clearing', ...def });
}

export async function clearingRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  route(base, ctx, 'recordClearing', {
    path: 'clearing',
    summary: '登记澄清正名 · Record a name clearing',
    description:
      'Once the determination holds the official not accountable or tolerated, the organization liaison or the chair records what was alleged, what verification found (untrue, a false accusation, a mistaken report) and how and how widely the name is cleared (at a meeting or in a written circular, and to whom). One per case.',
    run: (actor, b, p) => recordClearing(ctx, actor, { ...tr(p, b), ...b }),
  });
  route(base, ctx, 'issueClearingNotice', {
    path: 'clearing/notice',
    summary: '印发澄清正名通报 · Issue the clearing notice',
    description:
      'The chair of the deciding body issues the clearing notice (澄清正名通报) with the body’s next number, once the determination is notified and not under review or appeal. It is stored as issued and downloaded from the case’s documents.',
    run: (actor, b, p) => issueClearingNotice(ctx, actor, tr(p, b)),
  });
  route(base, ctx, 'publicizeClearing', {
    path: 'clearing/publicity',
    summary: '公开澄清 · Make the clearing public',
    description:
      'After the notice, with the official’s written consent (its day, on or before the first day, and its record): where and from when to when the clearing is made public. The first day lies between the notice and today.',
    run: (actor, b, p) => publicizeClearing(ctx, actor, { ...tr(p, b), ...b }),
  });
  route(base, ctx, 'closeClearing', {
    path: 'clearing/close',
    summary: '澄清完毕，不予公开 · Close without publicity',
    description:
      'After the notice, the clearing ends without publicity, with the reason (the official did not consent, or the notice reached everyone concerned).',
    run: (actor, b, p) => closeClearing(ctx, actor, { ...tr(p, b), reason: b.reason }),
  });
  route(base, ctx, 'referAccuser', {
    path: 'clearing/referral',
    summary: '诬告陷害移送 · Refer the false accusation',
    description:
      'Where the accusation was found a false accusation (诬告陷害), the chair of the deciding body records its referral: to which body, on which day (from the clearing’s recording to today), on what basis. Once.',
    run: (actor, b, p) => referAccuser(ctx, actor, { ...tr(p, b), ...b }),
  });
}
