/**
 * The policy packs and the live preliminary assessment, for any signed-in user:
 * GET /api/policy/packs (the packs that apply where the user works; every pack for policy
 * administrators and administrators), GET /api/policy/packs/:id, GET /api/policy/packs/:id/lint,
 * POST /api/policy/evaluate.
 */
import type { FastifyInstance } from 'fastify';
import {
  EvaluateBody,
  EvaluationAnswer,
  LintAnswer,
  PackAnswer,
  PackIdParams,
  PackList,
  PackQuery,
} from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { today } from '../../app/context.js';
import { AppError, invalid } from '../../app/errors.js';
import { listed, packsForActor } from '../../app/queries/policy-packs.js';
import { lintPack, type LintReport } from '../../policy/lint.js';
import type { I18nText, Pack } from '../../policy/model.js';
import { actorOf } from '../auth/authenticate.js';
import { presentEffective, presentLint, presentPackSummary } from '../presenters/policy.js';
import { responses, typed, type Api } from '../schemas.js';

/** Packs are loaded once and never change while the server runs: each is linted once. */
const lintCache = new WeakMap<Pack, LintReport>();

/** The packs: the list, one pack's version in full, its lint report. */
function packRoutes(app: Api, ctx: AppContext) {
  const packs = ctx.engine.packs;
  const titleOf = (id: string): I18nText | undefined =>
    packs.has(id) ? packs.get(id).title : undefined;
  const lintOf = (p: Pack): LintReport => {
    let r = lintCache.get(p);
    if (!r) lintCache.set(p, (r = lintPack(packs, p)));
    return r;
  };

  app.get(
    '/policy/packs',
    {
      schema: {
        tags: ['policy'],
        summary: '政策依据列表 · Policy basis: the packs',
        description:
          "The policy packs that apply where the user works, with their versions and effective windows: each pack bound to a jurisdiction of the user's scopes (the scope's own, those above it and, for a jurisdiction scope, those below it; an official's managing jurisdiction), with the packs those extend. Policy administrators and administrators see every loaded pack, also the reference packs no jurisdiction uses. `appliesIn` names where each applies.",
        response: responses({ 200: PackList }),
      },
    },
    async (req) => {
      const mine = await packsForActor(ctx, actorOf(req));
      // The packs that apply where the user works first, the references after them.
      const reference = (id: string) => (mine.reach.has(id) ? 0 : 1);
      return {
        packs: packs
          .ids()
          .filter((id) => listed(mine, id))
          .sort((a, b) => reference(a) - reference(b))
          .map((id) => presentPackSummary(packs.get(id), titleOf, mine.reach.get(id))),
      };
    },
  );

  app.get(
    '/policy/packs/:id',
    {
      schema: {
        tags: ['policy'],
        summary: '政策包内容 · What a policy pack says',
        description:
          'A pack with one version in full, inheritance folded in: facts, sources, clauses, rules (condition trees), the decision ladder and the procedure. The version is `version`, else the one in force on `at`, else the one in force today (or the latest).',
        params: PackIdParams,
        querystring: PackQuery,
        response: responses({ 200: PackAnswer }),
      },
    },
    async (req) => {
      if (!packs.has(req.params.id)) throw new AppError('NOT_FOUND', { packId: req.params.id });
      const p = packs.get(req.params.id);
      let compiled;
      if (req.query.version !== undefined) {
        if (!p.versions.some((v) => v.id === req.query.version)) {
          throw invalid(
            'version',
            `策略包 ${p.id} 没有版本“${req.query.version}”。`,
            `pack ${p.id} has no version '${req.query.version}'.`,
          );
        }
        compiled = ctx.engine.version(p.id, req.query.version, req.query.at);
      } else {
        const date = req.query.at ?? today(ctx);
        const inForce = packs.versionAt(p, date);
        const latest = p.versions.at(-1);
        if (!inForce && !latest) throw new AppError('NOT_FOUND', { packId: p.id });
        compiled = inForce
          ? ctx.engine.at(p.id, date)
          : ctx.engine.version(p.id, latest!.id, req.query.at);
      }
      const mine = await packsForActor(ctx, actorOf(req));
      return {
        pack: presentPackSummary(p, titleOf, mine.reach.get(p.id)),
        effective: presentEffective(compiled.eff, titleOf),
      };
    },
  );

  app.get(
    '/policy/packs/:id/lint',
    {
      schema: {
        tags: ['policy'],
        summary: '政策包检查 · Lint a policy pack',
        description:
          'What the linter finds in a pack (every version): rules that can never apply, contradictory conditions, decision entries that never decide, fact combinations with no outcome, a local pack tolerating what its parent excludes, overlapping or gapped windows, rules without a clause. Each finding has a severity, a stable code, a message in zh and en, and where it is.',
        params: PackIdParams,
        response: responses({ 200: LintAnswer }),
      },
    },
    async (req) => {
      if (!packs.has(req.params.id)) throw new AppError('NOT_FOUND', { packId: req.params.id });
      return { lint: presentLint(lintOf(packs.get(req.params.id))) };
    },
  );
}

/** The preliminary assessment of a fact set under a pack. */
function evaluateRoute(app: Api, ctx: AppContext) {
  const packs = ctx.engine.packs;
  app.post(
    '/policy/evaluate',
    {
      schema: {
        tags: ['policy'],
        summary: '初步评估 · Preliminary assessment',
        description:
          'Evaluates a fact set under a pack: the recommended outcome with the rules and clauses that decide it, why each more favourable outcome was not reached, and the unknown facts that still matter. `at` is the date of the conduct; with `decidedAt`, a later more lenient version applies (从旧兼从轻). A recommendation with reasons, not a decision.',
        body: EvaluateBody,
        response: responses({ 200: EvaluationAnswer }),
      },
    },
    async (req) => {
      const { packId, facts, at, decidedAt } = req.body;
      if (!packs.has(packId)) {
        throw invalid(
          'packId',
          `没有策略包“${packId}”。可用：${packs.ids().join('、')}。`,
          `no policy pack '${packId}'. Available: ${packs.ids().join(', ')}.`,
        );
      }
      const evaluation = ctx.engine.evaluate(packId, facts, {
        at,
        ...(decidedAt ? { decidedAt } : {}),
      });
      return { evaluation };
    },
  );
}

export async function policyRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const app = typed(base);
  packRoutes(app, opts.ctx);
  evaluateRoute(app, opts.ctx);
}
