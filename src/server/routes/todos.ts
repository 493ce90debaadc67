/**
 * GET /api/todos: the signed-in user's to-do list (工作台) — what waits for them, what is due soon
 * and overdue, and a party's own cases (src/app/queries/todos.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { getTodos, TODO_DUE_SOON_DAYS, TODO_LIMIT } from '../../app/queries/todos.js';
import { actorOf } from '../auth/authenticate.js';
import { Todos } from '../../api/index.js';
import { responses, typed } from '../schemas.js';

export async function todoRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);
  app.get(
    '/todos',
    {
      schema: {
        tags: ['cases'],
        summary: '工作台待办 · To-do list',
        description: `For every signed-in user: the cases on which the procedure waits for them — computed from the cases' state, step, due dates and committee members through the same permission rules as the actions, over the scope of their roles — grouped by task, the nearest due first and at most ${TODO_LIMIT} per task, with the counts of what waits, what is due within ${TODO_DUE_SOON_DAYS} working days and what is overdue; and the cases they are a party to with what they may do on each. Logged in the read log.`,
        response: responses({ 200: Todos }),
      },
    },
    async (req) => getTodos(ctx, actorOf(req)),
  );
}
