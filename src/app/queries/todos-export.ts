/**
 * The workbench taken away: the tasks that wait for the user (GET /api/todos, as the workbench
 * lists them) as an Excel workbook of one sheet — task, case number, matter, official (the name
 * as the list shows it; never the identity card), due day and whether it is overdue. Written to the
 * read log (`case.todos.export`) with what was exported, in the transaction that reads the list.
 */
import type { Readable } from 'node:stream';
import type { Actor } from '../../domain/roles.js';
import { TASK_LABEL } from '../../shared/tasks.js';
import type { AppContext } from '../context.js';
import { readLog } from '../tables.js';
import { readTodos, TODO_LIMIT, type Todos } from './todos.js';
import { chinaStamp, excelDay, workbookStream } from './workbook.js';

type Lang = 'zh' | 'en';

const COLUMNS = [
  { key: 'no', zh: '序号', en: 'No.', width: 6 },
  { key: 'task', zh: '待办事项', en: 'Task', width: 18 },
  { key: 'number', zh: '案件编号', en: 'Case number', width: 22 },
  { key: 'title', zh: '事由', en: 'Matter', width: 36 },
  { key: 'official', zh: '当事人', en: 'Official', width: 10 },
  { key: 'dueOn', zh: '办理期限', en: 'Due on', width: 12, date: true },
  { key: 'overdue', zh: '是否超期', en: 'Overdue', width: 10 },
] as const;

/** The headers of the export in a language (the tests check the workbook against them). */
export function todoExportHeaders(lang: Lang): string[] {
  return COLUMNS.map((c) => c[lang]);
}

export interface TodoExport {
  readonly filename: string;
  readonly stream: Readable;
  readonly rows: number;
}

export async function exportTodos(ctx: AppContext, actor: Actor, lang: Lang): Promise<TodoExport> {
  const todos = await ctx.store.tx(async (tx) => {
    const read = await readTodos(ctx, tx, actor);
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'case.todos.export',
      at: ctx.now(),
      detail: exportDetail(read),
    });
    return read;
  });
  const rows = rowsOf(todos, lang);
  const now = ctx.now();
  const zh = lang === 'zh';
  const stream = workbookStream({
    title: zh ? '待办事项清单' : 'Tasks waiting',
    byLine: zh
      ? `办理人：${actor.displayName}（${actor.username}）；导出时间：${chinaStamp(now)}（北京时间）；待办 ${todos.counts.waiting} 件，其中即将到期 ${todos.counts.dueSoon} 件、已超期 ${todos.counts.overdue} 件`
      : `For ${actor.displayName} (${actor.username}), exported at ${chinaStamp(now)} (China time); ${todos.counts.waiting} waiting, ${todos.counts.dueSoon} due soon, ${todos.counts.overdue} overdue`,
    columns: COLUMNS.map((c) => ({
      header: c[lang],
      width: c.width,
      ...('date' in c ? { kind: 'date' as const } : {}),
    })),
    rows,
    ...(todos.capped
      ? {
          note: zh
            ? `注：每类事项只列出期限最近的 ${TODO_LIMIT} 件，与工作台一致；其余请在案件列表中按期限查看和导出。`
            : `Note: each kind of task lists the ${TODO_LIMIT} nearest due, as the workbench does; see and export the rest from the case list sorted by due date.`,
        }
      : {}),
    creator: actor.displayName,
    created: now,
  });
  const day = chinaStamp(now).slice(0, 10);
  const filename = zh ? `待办事项清单-${day}.xlsx` : `tasks-waiting-${day}.xlsx`;
  return { filename, stream, rows: rows.length };
}

/** One row per task and case, in the workbench's order (by task, nearest due first). */
function rowsOf(todos: Todos, lang: Lang): unknown[][] {
  const [yes, no] = lang === 'zh' ? ['是', '否'] : ['yes', 'no'];
  const tasks = todos.groups.flatMap((g) => g.items.map((item) => ({ action: g.action, item })));
  return tasks.map(({ action, item }, n) => [
    n + 1,
    TASK_LABEL[action][lang],
    item.number,
    item.title,
    item.official,
    excelDay(item.dueOn),
    item.dueStatus === 'overdue' ? yes : no,
  ]);
}

/** What the read log keeps of the export: how many rows, of which tasks, which cases. */
function exportDetail(todos: Todos): Record<string, unknown> {
  return {
    rows: todos.counts.waiting,
    overdue: todos.counts.overdue,
    tasks: Object.fromEntries(todos.groups.map((g) => [g.action, g.items.length])),
    cases: todos.groups.flatMap((g) => g.items.map((i) => i.number)),
    ...(todos.capped ? { capped: true } : {}),
  };
}
