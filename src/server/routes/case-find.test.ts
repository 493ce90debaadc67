/**
 * GET /api/cases with the finding filters, GET /api/cases/filters and GET /api/cases/export.xlsx:
 * validation errors that name the parameter, the options in scope, and a workbook that opens with
 * exceljs, with its title row, headers, masked identity cards, Excel dates and the read-log row.
 */
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { exportCases, exportHeaders } from '../../app/queries/case-export.js';
import { officials, readLog, type Schema } from '../../app/tables.js';
import { driveTo } from '../../app/testing/steps.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

const ID_CARD = '33011019800315105X';

async function workbook(body: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

describeStores<Schema>('finding and exporting cases over HTTP', (getStore) => {
  let w: HttpWorld;
  let decided: string;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    await w.ctx.store.db
      .update(officials)
      .set({ idCard: ID_CARD })
      .where(eq(officials.id, w.ids.official));
    w.clock.setDay('2025-03-03');
    decided = (await driveTo(w, 'determined')).id;
    w.clock.setDay('2025-03-05');
    await driveTo(w, 'verification', { title: '园区道路应急抢修' });
  }, 120_000);

  it('filters by identity card and outcome, and names the parameter of a bad filter', async () => {
    const c = await signIn(w, 'intake');
    const found = await c.get(`/api/cases?idCard=${ID_CARD.toLowerCase()}&outcome=exempted`);
    expect(found.statusCode, found.body).toBe(200);
    expect((found.json() as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([decided]);
    expect(found.body).not.toContain(ID_CARD);
    const bad = await c.get('/api/cases?idCard=33011019800315106X');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'VALIDATION', details: { field: 'idCard' } },
    });
    const range = await c.get('/api/cases?appliedFrom=2025-03-05&appliedTo=2025-03-01', {
      'accept-language': 'zh',
    });
    expect(range.statusCode).toBe(400);
    expect((range.json() as { error: { message: { zh: string } } }).error.message.zh).toContain(
      'appliedFrom',
    );
  });

  it('filters and exports by the day of acceptance', async () => {
    const c = await signIn(w, 'intake');
    const found = await c.get('/api/cases?acceptedFrom=2025-03-04&acceptedTo=2025-03-31');
    expect(found.statusCode, found.body).toBe(200);
    const items = (found.json() as { items: { id: string; title: string }[] }).items;
    expect(items.map((i) => i.title)).toEqual(['园区道路应急抢修']);
    const bad = await c.get('/api/cases?acceptedFrom=2025-03-05&acceptedTo=2025-03-01');
    expect(bad.json()).toMatchObject({ error: { details: { field: 'acceptedFrom' } } });
    const res = await c.get('/api/cases/export.xlsx?acceptedTo=2025-03-03');
    const sheet = await workbook(res.rawPayload);
    expect(String(sheet.getCell(2, 1).value)).toContain('受理日期：…—2025-03-03');
    expect(sheet.rowCount).toBe(3 + 1);
  });

  it('offers the units in scope and the outcomes of the policies in force', async () => {
    const c = await signIn(w, 'intake');
    const res = await c.get('/api/cases/filters');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      units: { id: string; parentId: string | null }[];
      outcomes: { id: string }[];
    };
    expect(body.units.map((u) => u.id).sort()).toEqual(
      [w.ids.unit, w.ids.subUnit, w.ids.otherUnit].sort(),
    );
    expect(body.units.find((u) => u.id === w.ids.subUnit)?.parentId).toBe(w.ids.unit);
    expect(body.outcomes.map((o) => o.id)).toEqual(
      expect.arrayContaining(['exempted', 'lighter', 'reduced', 'not_tolerated']),
    );
    const official = await (await signIn(w, 'official')).get('/api/cases/filters');
    expect(official.json()).toEqual({ units: [], unitsCapped: false, outcomes: [] });
  });

  it('exports the filtered list as a workbook, and logs who took which list', async () => {
    const c = await signIn(w, 'intake');
    const res = await c.get(`/api/cases/export.xlsx?unitId=${w.ids.unit}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const sheet = await workbook(res.rawPayload);
    expect(String(sheet.getCell(1, 1).value)).toBe('容错纠错案件清单');
    expect(String(sheet.getCell(2, 1).value)).toContain('导出人');
    expect(String(sheet.getCell(2, 1).value)).toContain('单位：经济发展局');
    expect(sheet.getRow(3).values).toEqual([undefined, ...exportHeaders('zh')]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.rowCount).toBe(3 + 2);
    const headers = exportHeaders('zh');
    const col = (name: string) => headers.indexOf(name) + 1;
    const rows = [4, 5].map((r) => sheet.getRow(r));
    expect(rows.map((r) => r.getCell(col('居民身份证号码')).value)).toEqual([
      '3301**********105X',
      '3301**********105X',
    ]);
    const decidedRow = rows.find((r) => r.getCell(col('认定结论')).value)!;
    expect(decidedRow.getCell(col('认定结论')).value).toBe('免予问责（容错免责）');
    expect(decidedRow.getCell(col('认定日期')).value).toEqual(new Date('2025-03-03T00:00:00Z'));
    expect(decidedRow.getCell(col('申请（立案）日期')).value).toBeInstanceOf(Date);
    expect(rows.map((r) => r.getCell(col('受理日期')).value)).toEqual(
      expect.arrayContaining([new Date('2025-03-03T00:00:00Z'), new Date('2025-03-05T00:00:00Z')]),
    );
    const log = await w.ctx.store.db
      .select({ detail: readLog.detail })
      .from(readLog)
      .where(and(eq(readLog.userId, w.actors.intake!.userId), eq(readLog.what, 'case.export')));
    expect(log.map((l) => l.detail)).toContainEqual({ unitId: w.ids.unit, rows: 2 });
  });

  it('exports in English with lang=en, and an official only their own cases', async () => {
    const c = await signIn(w, 'colleague');
    const res = await c.get('/api/cases/export.xlsx?lang=en');
    expect(res.statusCode).toBe(200);
    const sheet = await workbook(res.rawPayload);
    expect(String(sheet.getCell(1, 1).value)).toBe('Tolerance cases');
    expect(sheet.getRow(3).values).toEqual([undefined, ...exportHeaders('en')]);
    expect(sheet.rowCount).toBe(3);
  });
});

describeStores<Schema>('the export’s cap', (getStore) => {
  it('stops at the cap and says so in a note row', async () => {
    const w = await buildHttpWorld(getStore());
    await driveTo(w, 'submitted');
    await driveTo(w, 'submitted', { title: '园区道路应急抢修' });
    const out = await exportCases(w.ctx, w.actors.intake!, {}, 'zh', 1);
    expect(out).toMatchObject({ rows: 1, capped: true });
    const chunks: Buffer[] = [];
    for await (const chunk of out.stream) chunks.push(chunk as Buffer);
    const sheet = await workbook(Buffer.concat(chunks));
    expect(sheet.rowCount).toBe(3 + 1 + 1);
    expect(String(sheet.getCell(5, 1).value)).toContain('超过 1 件');
  }, 60_000);
});
