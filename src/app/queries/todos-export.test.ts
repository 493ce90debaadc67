/**
 * The workbench taken away (exportTodos): the tasks GET /api/todos lists, as one sheet with the
 * task, case number, matter, official, due day and overdue flag; never the identity card; the
 * read log keeps what was exported. On both stores.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { officials, readLog, type Schema } from '../tables.js';
import { driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { firstSheetOf as sheetOf } from '../testing/workbook.js';
import { exportTodos, todoExportHeaders } from './todos-export.js';
import { getTodos } from './todos.js';

const ID_CARD = '33011019800315105X';

describeStores<Schema>('the to-do list exported to Excel', (getStore) => {
  let w: World;
  let submitted: string;
  let determined: string;
  beforeAll(async () => {
    w = await buildWorld(getStore());
    await w.ctx.store.db
      .update(officials)
      .set({ idCard: ID_CARD })
      .where(eq(officials.id, w.ids.official));
    w.clock.setDay('2025-03-03');
    submitted = (await driveTo(w, 'submitted', { title: '待受理一' })).number;
    determined = (await driveTo(w, 'determined', { title: '已认定一' })).number;
    // Weeks later: the acceptance is overdue.
    w.clock.setDay('2025-04-30');
  }, 120_000);

  it('lists the tasks of the workbench, by task, with the overdue flag', async () => {
    const todos = await getTodos(w.ctx, w.actors.intake!);
    const out = await exportTodos(w.ctx, w.actors.intake!, 'zh');
    expect(out.rows).toBe(todos.counts.waiting);
    expect(out.filename).toMatch(/^待办事项清单-2025-04-30\.xlsx$/);
    const sheet = await sheetOf(out.stream);
    expect(String(sheet.getCell(1, 1).value)).toBe('待办事项清单');
    expect(String(sheet.getCell(2, 1).value)).toContain('已超期');
    expect(sheet.getRow(3).values).toEqual([undefined, ...todoExportHeaders('zh')]);
    const rows = [4, 5].map((r) => (sheet.getRow(r).values as unknown[]).slice(1));
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      [1, '受理审查', submitted, '待受理一', '张三'],
      [2, '书面反馈', determined, '已认定一', '张三'],
    ]);
    expect(rows[0]![5]).toBeInstanceOf(Date);
    expect(rows[0]![6]).toBe('是');
    expect(sheet.rowCount).toBe(5);
    expect(JSON.stringify(rows)).not.toContain(ID_CARD.slice(6, 14));
  });

  it('logs what was exported, and an English workbook says the same', async () => {
    const out = await exportTodos(w.ctx, w.actors.intake!, 'en');
    const sheet = await sheetOf(out.stream);
    expect(String(sheet.getCell(1, 1).value)).toBe('Tasks waiting');
    expect(sheet.getRow(3).values).toEqual([undefined, ...todoExportHeaders('en')]);
    expect(sheet.getCell(4, 2).value).toBe('Decide on acceptance');
    expect(sheet.getCell(4, 7).value).toBe('yes');
    const log = await w.ctx.store.db
      .select({ detail: readLog.detail })
      .from(readLog)
      .where(
        and(eq(readLog.userId, w.actors.intake!.userId), eq(readLog.what, 'case.todos.export')),
      );
    expect(log.length).toBe(2);
    expect(log[0]!.detail).toMatchObject({
      rows: 2,
      tasks: { accept: 1, notify: 1 },
      cases: [submitted, determined],
    });
  });

  it('gives someone with nothing to do a sheet with its header only', async () => {
    const out = await exportTodos(w.ctx, w.actors.outsiderIntake!, 'zh');
    expect(out.rows).toBe(0);
    expect((await sheetOf(out.stream)).rowCount).toBe(3);
  });
});
