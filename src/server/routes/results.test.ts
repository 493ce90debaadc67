/**
 * GET /api/results, /api/results/filters and /api/results/export: only the export roles, each over
 * their jurisdictions; the filters (jurisdiction, unit subtree, period) and their errors; keyset
 * pages; the three formats read back — the workbook with exceljs and compared with the JSON, the
 * CSV parsed (exceljs's CSV reader), the lrmx as XML (saxes, the parser exceljs reads XML with)
 * with its pinyin element names — and the read-log rows of every page and export.
 */
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { beforeAll, expect, it } from 'vitest';
import type { ResultItem, ResultsPage } from '../../api/index.js';
import { createUser, loadActor } from '../../app/org.js';
import { RESULT_COLUMNS } from '../../app/queries/results-export.js';
import { officials, readLog, type Schema } from '../../app/tables.js';
import { driveTo } from '../../app/testing/steps.js';
import { TEST_PASSWORD } from '../../app/testing/world.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type Client, type HttpWorld } from '../testing/http.js';

async function sheetOf(body: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

/** The CSV's rows as text cells, read by exceljs's CSV reader (fast-csv). */
async function csvRows(body: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  const sheet = await book.csv.read(Readable.from([body.replace(/^\uFEFF/, '')]), {
    map: (v: unknown) => v,
  });
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v))));
  });
  return rows;
}

/** The lrmx batch parsed as XML: each Person's child elements by name. */
function lrmxPeople(xml: string): { root: string; people: Record<string, string>[] } {
  const parser = new SaxesParser();
  const stack: string[] = [];
  const people: Record<string, string>[] = [];
  let root = '';
  let text = '';
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t) => {
    if (stack.length === 0) root = t.name;
    if (t.name === 'Person') people.push({});
    stack.push(t.name);
    text = '';
  });
  parser.on('text', (t) => (text += t));
  parser.on('closetag', (t) => {
    stack.pop();
    if (stack.at(-1) === 'Person') people.at(-1)![t.name] = text;
    text = '';
  });
  parser.write(xml).close();
  return { root, people };
}

/** Excel's cell value of a day (a Date at UTC midnight) as YYYY-MM-DD. */
const dayOf = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

describeStores<Schema>('result applications over HTTP', (getStore) => {
  let w: HttpWorld;
  let liaison: Client;
  const numbers: Record<string, string> = {};
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    // Three determinations: the official of the investment section (under the economic development
    // bureau) exempted; their colleague of the bureau given a lighter outcome; the construction
    // bureau's official exempted.
    w.clock.setDay('2025-03-03');
    numbers.official = (await driveTo(w, 'notified')).number;
    w.clock.setDay('2025-03-10');
    numbers.colleague = (
      await driveTo(w, 'notified', {
        applicant: w.actors.colleague!,
        officialId: w.ids.colleague,
        outcome: 'lighter',
        departureReasons:
          '综合考虑损失情况和挽回情况，认定机构决定从轻问责，理由已记录在会议纪要中。',
      })
    ).number;
    w.clock.setDay('2025-04-01');
    numbers.other = (
      await driveTo(w, 'notified', {
        applicant: w.actors.otherUnitParty!,
        officialId: w.ids.otherOfficial,
      })
    ).number;
    // The colleague's identity card, which the export writes in full for matching.
    await w.ctx.store.db
      .update(officials)
      .set({ idCard: '11010519491231002X' })
      .where(eq(officials.id, w.ids.colleague));
    // An organization-department liaison of the Y district, who sees none of X's cases.
    const id = await createUser(w.ctx, {
      username: `yliaison-${w.ids.otherArea}`,
      displayName: 'Y 区联络员',
      password: TEST_PASSWORD,
      grants: [{ role: 'org_liaison', scopeKind: 'jurisdiction', scopeId: w.ids.otherArea }],
    });
    w.actors.otherLiaison = await loadActor(w.ctx, id);
    liaison = await signIn(w, 'liaison');
  }, 240_000);

  const list = async (c: Client, query = '') => {
    const res = await c.get(`/api/results${query}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json() as ResultsPage;
  };

  it('lists the determinations in force in the liaison’s scope, in order, with the form’s notes', async () => {
    const page = await list(liaison);
    expect(page.items.map((i) => i.caseNumber)).toEqual([
      numbers.official,
      numbers.colleague,
      numbers.other,
    ]);
    expect(page.nextCursor).toBeNull();
    const lighter = page.items[1]!;
    expect(lighter).toMatchObject({
      official: { name: '李四' },
      unit: { id: w.ids.unit, name: { zh: '经济发展局' } },
      jurisdiction: { id: w.ids.area },
      decidedOn: '2025-03-10',
      outcome: 'lighter',
      basis: 'first',
    });
    expect(lighter.official.idCard).toBe('11010519491231002X');
    expect(lighter.application?.impactPeriod?.endsOn).toBe('2026-03-10');
    expect(lighter.appointmentForm.rewardsAndPenalties.zh).toContain('影响期至2026年3月10日止');
    expect(page.items[0]!.application?.unaffected.map((m) => m.id)).toContain('promotion');
    const logged = await w.ctx.store.db
      .select({ detail: readLog.detail })
      .from(readLog)
      .where(and(eq(readLog.userId, w.actors.liaison!.userId), eq(readLog.what, 'results.list')));
    expect(logged.map((l) => l.detail)).toContainEqual({ rows: 3 });
  });

  it('filters by unit subtree, jurisdiction and period, and pages by cursor', async () => {
    const numbersOf = (p: ResultsPage) => p.items.map((i) => i.caseNumber);
    // The bureau with its investment section; the section alone.
    expect(numbersOf(await list(liaison, `?unit=${w.ids.unit}`))).toEqual([
      numbers.official,
      numbers.colleague,
    ]);
    expect(numbersOf(await list(liaison, `?unit=${w.ids.subUnit}`))).toEqual([numbers.official]);
    expect(numbersOf(await list(liaison, `?jurisdiction=${w.ids.otherArea}`))).toEqual([]);
    expect(numbersOf(await list(liaison, `?jurisdiction=${w.ids.area}&from=2025-03-04`))).toEqual([
      numbers.colleague,
      numbers.other,
    ]);
    expect(numbersOf(await list(liaison, '?from=2025-03-04&to=2025-03-31'))).toEqual([
      numbers.colleague,
    ]);
    const first = await list(liaison, '?pageSize=2');
    expect(numbersOf(first)).toEqual([numbers.official, numbers.colleague]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(liaison, `?pageSize=2&cursor=${first.nextCursor}`);
    expect(numbersOf(second)).toEqual([numbers.other]);
    expect(second.nextCursor).toBeNull();
    const logged = await w.ctx.store.db
      .select({ detail: readLog.detail })
      .from(readLog)
      .where(and(eq(readLog.userId, w.actors.liaison!.userId), eq(readLog.what, 'results.list')));
    expect(logged.map((l) => l.detail)).toContainEqual({ unitId: w.ids.subUnit, rows: 1 });
  });

  it('answers bad filters with a clear error in Chinese and English', async () => {
    const cases: [string, string, RegExp, RegExp][] = [
      ['?from=2025-02-30', 'from', /日期“2025-02-30”无效/, /not a date/],
      ['?from=2025-04-01&to=2025-03-01', 'to', /早于起始日期/, /before its start/],
      ['?unit=not-a-unit', 'unit', /单位的标识/, /unit id/],
      [`?unit=${crypto.randomUUID()}`, 'unit', /没有该单位/, /no such unit/],
      ['?jurisdiction=nowhere', 'jurisdiction', /没有标识为“nowhere”的辖区/, /no jurisdiction/],
      ['?cursor=abc', 'cursor', /分页游标无效/, /cursor is not valid/],
    ];
    for (const [query, field, zh, en] of cases) {
      for (const [lang, message] of [
        ['zh', zh],
        ['en', en],
      ] as const) {
        const res = await liaison.get(`/api/results${query}`, { 'accept-language': lang });
        expect(res.statusCode, query).toBe(400);
        const body = res.json() as {
          error: { code: string; message: { zh: string; en: string }; details: { field?: string } };
          message: string;
        };
        expect(body.error.code).toBe('VALIDATION');
        expect(body.error.details.field).toBe(field);
        expect(body.error.message[lang]).toMatch(message);
        expect(body.message).toMatch(message);
      }
      const exported = await liaison.get(`/api/results/export${query}`);
      if (field !== 'cursor') expect(exported.statusCode, query).toBe(400);
    }
    expect((await liaison.get('/api/results/export?format=pdf')).statusCode).toBe(400);
  });

  it('is only for the export roles, each over their jurisdictions', async () => {
    for (const name of ['official', 'intake', 'investigator', 'unitParty']) {
      const c = await signIn(w, name);
      expect((await c.get('/api/results')).statusCode, name).toBe(403);
      expect((await c.get('/api/results/export')).statusCode, name).toBe(403);
      expect((await c.get('/api/results/filters')).statusCode, name).toBe(403);
    }
    for (const name of ['chair', 'auditor', 'cityChair']) {
      const page = await list(await signIn(w, name));
      expect(page.items, name).toHaveLength(3);
    }
    // Not the system administrator: personnel data is not their duty (三员分立).
    expect((await (await signIn(w, 'admin')).get('/api/results')).statusCode).toBe(403);
    const y = await signIn(w, 'otherLiaison');
    expect((await list(y)).items).toEqual([]);
    // Naming X's unit does not reach beyond the scope either.
    expect((await list(y, `?unit=${w.ids.unit}`)).items).toEqual([]);
    const file = await y.get('/api/results/export?format=csv');
    expect(file.headers['x-export-rows']).toBe('0');
    const options = (await y.get('/api/results/filters')).json() as {
      jurisdictions: { id: string }[];
      units: unknown[];
    };
    expect(options.jurisdictions.map((j) => j.id)).toEqual([w.ids.otherArea]);
    expect(options.units).toEqual([]);
    const unauthenticated = await w.app.inject({ method: 'GET', url: '/api/results' });
    expect(unauthenticated.statusCode).toBe(401);
  });

  it('offers the jurisdictions and units of the scope for the filters', async () => {
    const res = await liaison.get('/api/results/filters');
    expect(res.statusCode).toBe(200);
    const options = res.json() as {
      jurisdictions: { id: string; parentId: string | null }[];
      units: { id: string; parentId: string | null; jurisdictionId: string }[];
    };
    expect(options.jurisdictions).toEqual([
      expect.objectContaining({ id: w.ids.area, parentId: null }),
    ]);
    expect(options.units).toContainEqual(
      expect.objectContaining({ id: w.ids.subUnit, parentId: w.ids.unit }),
    );
  });

  it('exports a workbook whose rows are the JSON’s, and logs it', async () => {
    const items = (await list(liaison, `?unit=${w.ids.unit}`)).items;
    for (const lang of ['zh', 'en'] as const) {
      const res = await liaison.get(
        `/api/results/export?format=xlsx&lang=${lang}&unit=${w.ids.unit}`,
      );
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain('.xlsx');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-export-rows']).toBe('2');
      const sheet = await sheetOf(res.rawPayload);
      expect(sheet.getRow(3).values).toEqual([undefined, ...RESULT_COLUMNS.map((c) => c[lang])]);
      expect(sheet.rowCount).toBe(3 + items.length);
      items.forEach((item: ResultItem, i) => {
        // An empty cell reads back as nothing: compared as ''.
        const cells = Array.from({ length: RESULT_COLUMNS.length }, (_, c) => {
          const v = dayOf(sheet.getRow(4 + i).getCell(c + 1).value);
          return v ?? '';
        });
        const unaffected = item.application?.unaffected.map((m) => m.label[lang]) ?? [];
        expect(cells.slice(0, 10)).toEqual([
          i + 1,
          item.official.name,
          item.official.idCard ?? '',
          item.unit.name[lang],
          item.post[lang],
          item.jurisdiction.name[lang],
          item.caseNumber,
          item.documentNumber,
          item.decidedOn,
          item.outcomeLabel[lang],
        ]);
        expect(cells[11]).toBe(unaffected.join(lang === 'zh' ? '、' : '; '));
        expect(cells[12]).toBe(item.application?.impactPeriod?.months ?? '');
        expect(cells[13]).toBe(item.application?.impactPeriod?.endsOn ?? '');
        expect(cells[15]).toBe(item.appointmentForm.rewardsAndPenalties[lang]);
        expect(cells[16]).toBe(item.appointmentForm.annualAssessment[lang]);
      });
    }
    const logged = await w.ctx.store.db
      .select({ detail: readLog.detail })
      .from(readLog)
      .where(and(eq(readLog.userId, w.actors.liaison!.userId), eq(readLog.what, 'results.export')));
    expect(logged.map((l) => l.detail)).toContainEqual({
      unitId: w.ids.unit,
      format: 'xlsx',
      rows: 2,
    });
  });

  it('exports CSV that parses to the same rows', async () => {
    const items = (await list(liaison)).items;
    const res = await liaison.get('/api/results/export?format=csv&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('result-applications-');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const rows = await csvRows(res.body);
    expect(rows[0]).toEqual(RESULT_COLUMNS.map((c) => c.en));
    expect(rows.slice(1).map((r) => [r[1], r[6], r[8], r[15]])).toEqual(
      items.map((i) => [
        i.official.name,
        i.caseNumber,
        i.decidedOn,
        i.appointmentForm.rewardsAndPenalties.en,
      ]),
    );
  });

  it('exports the lrmx batch as XML in the appointment form’s pinyin names', async () => {
    const items = (await list(liaison, '?from=2025-03-10')).items;
    const res = await liaison.get('/api/results/export?format=lrmx&lang=en&from=2025-03-10');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    expect(res.headers['content-disposition']).toContain('.lrmx');
    const { root, people } = lrmxPeople(res.body);
    expect(root).toBe('Persons');
    expect(people).toEqual(
      items.map((i) => ({
        XingMing: i.official.name,
        ShenFenZheng: i.official.idCard ?? '',
        GongZuoDanWei: i.unit.name.zh,
        XianRenZhiWu: i.post.zh,
        JiangChengQingKuang: i.appointmentForm.rewardsAndPenalties.zh,
        NianDuKaoHeJieGuo: i.appointmentForm.annualAssessment.zh,
      })),
    );
    expect(people[0]!.ShenFenZheng).toBe('11010519491231002X');
    expect(people[0]!.NianDuKaoHeJieGuo).toMatch(/所涉事项/);
  });
});
