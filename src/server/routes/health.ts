/** GET /api/health: whether the server can reach its store. No session needed. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';

export async function healthRoutes(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '运行状态 · Health',
        description: "'ok' when the store answers, else 503 with status 'unavailable'.",
        security: [],
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string', enum: ['ok'] },
              store: { type: 'string', enum: ['pglite', 'postgres'] },
            },
          },
          503: {
            type: 'object',
            properties: {
              status: { type: 'string', enum: ['unavailable'] },
              store: { type: 'string', enum: ['pglite', 'postgres'] },
            },
          },
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        await ctx.store.query('SELECT 1');
        return { status: 'ok', store: ctx.store.kind };
      } catch (err) {
        req.log.error({ err }, 'health check: the store does not answer');
        return reply.status(503).send({ status: 'unavailable', store: ctx.store.kind });
      }
    },
  );
}
