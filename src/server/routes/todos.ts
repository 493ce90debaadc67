/**
 * GET /api/todos: the signed-in user's to-do list (工作台) — what waits for them, what is due soon
 * and overdue, and a party's own cases (src/app/queries/todos.ts); GET /api/todos/export.xlsx: the
 * same tasks as an Excel workbook (src/app/queries/todos-export.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { getTodos, TODO_DUE_SOON_DAYS, TODO_LIMIT } from '../../app/queries/todos.js';
import { exportTodos } from '../../app/queries/todos-export.js';
import { actorOf } from '../auth/authenticate.js';
import { TodoExportQuery, Todos } from '../../api/index.js';
import { sendWorkbook, workbookAnswer } from '../download.js';
import { preferredLang } from '../errors.js';
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
  app.get(
    '/todos/export.xlsx',
    {
      schema: {
        tags: ['cases'],
        summary: '导出待办事项（Excel）· Export the to-do list to Excel',
        description: `The tasks GET /api/todos lists for the signed-in user (the same cases, at most ${TODO_LIMIT} per task), as an Excel workbook of one sheet: task, case number, matter, official (by name; never the identity card), due day and whether it is overdue, with a title row saying for whom and when (Chinese, or English with lang=en). Written to the read log with the tasks and cases exported.`,
        querystring: TodoExportQuery,
        response: responses({ 200: workbookAnswer() }),
      },
    },
    async (req, reply) => {
      const exported = await exportTodos(ctx, actorOf(req), req.query.lang ?? preferredLang(req));
      return sendWorkbook(reply, exported, { 'x-export-rows': String(exported.rows) });
    },
  );
}
