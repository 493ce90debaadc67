import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { readLog, schema, type Schema } from '../tables.js';
import { codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import {
  RESULT_COLUMNS,
  resultRows,
  resultsCsv,
  resultsLrmx,
  resultsWorkbook,
} from './results-export.js';

describeStores<Schema>(
  'result applications taken to the HR systems',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
      w.clock.setDay('2025-03-03');
      await driveTo(w, 'notified');
      w.clock.setDay('2025-03-10');
      await driveTo(w, 'determined', {
        outcome: 'lighter',
        departureReasons:
          '综合考虑损失情况和挽回情况，认定机构决定从轻问责，理由已记录在会议纪要中。',
      });
    });

    it('lists the determinations in force with what they leave unaffected', async () => {
      const rows = await resultRows(w.ctx, null, {});
      expect(rows).toHaveLength(2);
      const [exempted, lighter] = rows;
      expect(exempted!.outcome).toBe('exempted');
      expect(exempted!.application?.unaffected.map((m) => m.id)).toContain('promotion');
      expect(lighter!.application?.impactPeriod?.endsOn).toBe('2026-03-10');
      expect(lighter!.documentNumber).toMatch(/〔2025〕\d+号$/);
      // The period filter.
      expect(await resultRows(w.ctx, null, { from: '2025-03-04' })).toHaveLength(1);
      expect(await resultRows(w.ctx, null, { to: '2025-03-03' })).toHaveLength(1);
      expect(await codeOf(resultRows(w.ctx, null, { from: '2025-13-01' }))).toBe('VALIDATION');
    });

    it('is for the organization department within its scope, and logged', async () => {
      const rows = await resultRows(w.ctx, w.actors.liaison!, {});
      expect(rows).toHaveLength(2);
      const logged = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(eq(readLog.what, 'results.export'));
      expect(logged.map((l) => l.userId)).toContain(w.actors.liaison!.userId);
      expect(await codeOf(resultRows(w.ctx, w.actors.official!, {}))).toBe('FORBIDDEN');
      expect(await codeOf(resultRows(w.ctx, w.actors.investigator!, {}))).toBe('FORBIDDEN');
    });

    it('writes a workbook exceljs reads back, a CSV and the lrmx fields', async () => {
      const rows = await resultRows(w.ctx, null, {});
      const stream = resultsWorkbook(rows, 'zh', {
        by: '测试',
        filter: {},
        at: new Date('2025-03-10T02:00:00Z'),
      });
      const chunks: Buffer[] = [];
      for await (const c of Readable.from(stream)) chunks.push(c as Buffer);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(3).values).toEqual([undefined, ...RESULT_COLUMNS.map((c) => c.zh)]);
      const name = sheet.getRow(4).getCell(2).value;
      expect(name).toBe(rows[0]!.officialName);
      const note = String(sheet.getRow(5).getCell(16).value);
      expect(note).toContain('予以从轻问责');
      expect(note).toContain('影响期至2026年3月10日止');

      const csv = resultsCsv(rows, 'en');
      expect(csv.startsWith('\uFEFFNo.,Name,Identity card number')).toBe(true);
      expect(csv.trimEnd().split('\r\n')).toHaveLength(3);

      const lrmx = resultsLrmx(rows);
      expect(lrmx).toContain(`<XingMing>${rows[0]!.officialName}</XingMing>`);
      expect(lrmx.match(/<Person>/g)).toHaveLength(2);
      expect(lrmx).toContain('所涉事项不影响年度考核等次评定');
    });
  },
  { open: { schema } },
);
