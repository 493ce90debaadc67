/**
 * GET /api/todos/export.xlsx: only for a signed-in user, each their own tasks within their scope
 * (as GET /api/todos), a workbook that opens with exceljs in the language asked for, and the
 * read-log row that says what was taken away.
 */
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { todoExportHeaders } from '../../app/queries/todos-export.js';
import { readLog, type Schema } from '../../app/tables.js';
import { driveTo } from '../../app/testing/steps.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

async function workbook(body: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

describeStores<Schema>('exporting the to-do list over HTTP', (getStore) => {
  let w: HttpWorld;
  let submitted: string;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    w.clock.setDay('2025-03-03');
    submitted = (await driveTo(w, 'submitted', { title: '待受理一' })).number;
  }, 120_000);

  it('answers 401 without a session, and nothing is logged', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/todos/export.xlsx' });
    expect(res.statusCode).toBe(401);
    const rows = await w.ctx.store.db
      .select()
      .from(readLog)
      .where(eq(readLog.what, 'case.todos.export'));
    expect(rows).toEqual([]);
  });

  it('gives intake their tasks as a workbook, and logs it', async () => {
    const c = await signIn(w, 'intake');
    const res = await c.get('/api/todos/export.xlsx', { 'accept-language': 'zh' });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-export-rows']).toBe('1');
    const sheet = await workbook(res.rawPayload);
    expect(String(sheet.getCell(1, 1).value)).toBe('待办事项清单');
    expect(sheet.getRow(3).values).toEqual([undefined, ...todoExportHeaders('zh')]);
    expect(sheet.getCell(4, 2).value).toBe('受理审查');
    expect(sheet.getCell(4, 3).value).toBe(submitted);
    const log = await w.ctx.store.db
      .select({ detail: readLog.detail })
      .from(readLog)
      .where(
        and(eq(readLog.userId, w.actors.intake!.userId), eq(readLog.what, 'case.todos.export')),
      );
    expect(log.map((l) => l.detail)).toEqual([
      { rows: 1, overdue: 0, tasks: { accept: 1 }, cases: [submitted] },
    ]);
  });

  it('keeps the scope: another district’s intake and the investigator get none of it', async () => {
    for (const name of ['outsiderIntake', 'investigator']) {
      const c = await signIn(w, name);
      const res = await c.get('/api/todos/export.xlsx?lang=en');
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-export-rows']).toBe('0');
      const sheet = await workbook(res.rawPayload);
      expect(String(sheet.getCell(1, 1).value)).toBe('Tasks waiting');
      expect(sheet.rowCount).toBe(3);
    }
  });

  it('names a bad language parameter', async () => {
    const c = await signIn(w, 'intake');
    const res = await c.get('/api/todos/export.xlsx?lang=fr');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'VALIDATION' } });
  });
});
