/**
 * The policy packs and the live preliminary assessment, for any signed-in user:
 * GET /api/policy/packs, GET /api/policy/packs/:id, GET /api/policy/packs/:id/lint,
 * POST /api/policy/evaluate.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { today } from '../../app/context.js';
import { AppError, invalid } from '../../app/errors.js';
import { lintPack, type LintReport } from '../../policy/lint.js';
import type { Facts, Pack } from '../../policy/model.js';
import { presentEffective, presentLint, presentPackSummary } from '../presenters/policy.js';
import { DATE, FACTS, I18N_TEXT, object, responses } from '../schemas.js';

const PACK_ID = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } as const;

const PACK_SUMMARY = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: I18N_TEXT,
    authority: I18N_TEXT,
    documentNumber: { type: 'string' },
    jurisdiction: { type: 'string' },
    extends: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['published', 'draft'] },
    notice: { type: ['object', 'null'] },
    versions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          status: { type: 'string' },
          from: { type: 'string', format: 'date' },
          to: { type: ['string', 'null'], format: 'date' },
          amends: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;

const LINT_REPORT = {
  type: 'object',
  properties: {
    pack: { type: 'string' },
    errors: { type: 'integer' },
    warnings: { type: 'integer' },
    diagnostics: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          severity: { type: 'string', enum: ['error', 'warning'] },
          code: { type: 'string', description: 'Stable code, e.g. LINT_RULE_NEVER_APPLIES.' },
          message: I18N_TEXT,
          at: {
            type: ['object', 'null'],
            description: 'The pack file (last two path segments), line, column and path in it.',
            properties: {
              file: { type: 'string' },
              line: { type: 'integer' },
              col: { type: 'integer' },
              path: { type: 'array', items: { type: ['string', 'integer'] } },
            },
          },
        },
      },
    },
  },
} as const;

/** Packs are loaded once and never change while the server runs: each is linted once. */
const lintCache = new WeakMap<Pack, LintReport>();

export async function policyRoutes(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const packs = ctx.engine.packs;
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
        summary: '政策包列表 · Policy packs',
        description: 'Every loaded policy pack with its versions and their effective windows.',
        response: responses({
          200: {
            type: 'object',
            properties: { packs: { type: 'array', items: PACK_SUMMARY } },
          },
        }),
      },
    },
    async () => ({ packs: packs.ids().map((id) => presentPackSummary(packs.get(id))) }),
  );

  app.get<{ Params: { id: string }; Querystring: { version?: string; at?: string } }>(
    '/policy/packs/:id',
    {
      schema: {
        tags: ['policy'],
        summary: '政策包内容 · What a policy pack says',
        description:
          'A pack with one version in full, inheritance folded in: facts, sources, clauses, rules (condition trees), the decision ladder and the procedure. The version is `version`, else the one in force on `at`, else the one in force today (or the latest).',
        params: object({ id: PACK_ID }, ['id']),
        querystring: object({ version: { type: 'string', maxLength: 64 }, at: DATE }),
        response: responses({
          200: {
            type: 'object',
            properties: {
              pack: PACK_SUMMARY,
              effective: {
                type: 'object',
                description: 'The chosen version with everything inherited folded in.',
                additionalProperties: true,
              },
            },
          },
        }),
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
      return { pack: presentPackSummary(p), effective: presentEffective(compiled.eff) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/policy/packs/:id/lint',
    {
      schema: {
        tags: ['policy'],
        summary: '政策包检查 · Lint a policy pack',
        description:
          'What the linter finds in a pack (every version): rules that can never apply, contradictory conditions, decision entries that never decide, fact combinations with no outcome, a local pack tolerating what its parent excludes, overlapping or gapped windows, rules without a clause. Each finding has a severity, a stable code, a message in zh and en, and where it is.',
        params: object({ id: PACK_ID }, ['id']),
        response: responses({ 200: { type: 'object', properties: { lint: LINT_REPORT } } }),
      },
    },
    async (req) => {
      if (!packs.has(req.params.id)) throw new AppError('NOT_FOUND', { packId: req.params.id });
      return { lint: presentLint(lintOf(packs.get(req.params.id))) };
    },
  );

  app.post<{ Body: { packId: string; facts: Facts; at: string; decidedAt?: string } }>(
    '/policy/evaluate',
    {
      schema: {
        tags: ['policy'],
        summary: '初步评估 · Preliminary assessment',
        description:
          'Evaluates a fact set under a pack: the recommended outcome with the rules and clauses that decide it, why each more favourable outcome was not reached, and the unknown facts that still matter. `at` is the date of the conduct; with `decidedAt`, a later more lenient version applies (从旧兼从轻). A recommendation with reasons, not a decision.',
        body: object({ packId: PACK_ID, facts: FACTS, at: DATE, decidedAt: DATE }, [
          'packId',
          'facts',
          'at',
        ]),
        response: responses({
          200: {
            type: 'object',
            properties: {
              evaluation: {
                type: 'object',
                description:
                  'outcome, label, possibleOutcomes, reasons (rules with clause citations), whyNot, missingFacts, version, time (which version applied and why).',
                additionalProperties: true,
              },
            },
          },
        }),
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
