/** GET /api/health: whether the server can reach its store. No session needed. */
import type { FastifyInstance } from 'fastify';
import { Obj, StringEnum } from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { responses, typed } from '../schemas.js';

const STORE = StringEnum(['pglite', 'postgres'] as const);

export async function healthRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '运行状态 · Health',
        description: "'ok' when the store answers, else 503 with status 'unavailable'.",
        security: [],
        response: responses({
          200: Obj({ status: StringEnum(['ok'] as const), store: STORE }),
          503: Obj({ status: StringEnum(['unavailable'] as const), store: STORE }),
        }),
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        await ctx.store.query('SELECT 1');
        return { status: 'ok' as const, store: ctx.store.kind };
      } catch (err) {
        req.log.error({ err }, 'health check: the store does not answer');
        return reply.status(503).send({ status: 'unavailable' as const, store: ctx.store.kind });
      }
    },
  );
}
