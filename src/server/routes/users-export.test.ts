/** GET /api/admin/users/export.xlsx: the administration's user list as a workbook. */
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { userExportHeaders } from '../../app/admin/users-export.js';
import { readLog, type Schema } from '../../app/tables.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

async function sheetOf(body: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

describeStores<Schema>('exporting the user list', (getStore) => {
  let w: HttpWorld;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
  });

  it('gives the administrator the users of the list, with the same search, and logs it', async () => {
    const admin = await signIn(w, 'admin');
    const listed = (await admin.get('/api/admin/users?pageSize=100')).json() as {
      items: { username: string }[];
      total: number;
    };
    const res = await admin.get('/api/admin/users/export.xlsx');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const sheet = await sheetOf(res.rawPayload);
    expect(String(sheet.getCell(1, 1).value)).toBe('用户清单');
    expect(sheet.getRow(3).values).toEqual([undefined, ...userExportHeaders('zh')]);
    expect(sheet.rowCount - 3).toBe(listed.total);
    const names = Array.from({ length: listed.total }, (_, i) => sheet.getCell(4 + i, 2).value);
    expect(names).toEqual(listed.items.map((u) => u.username));

    const searched = await admin.get(
      `/api/admin/users/export.xlsx?lang=en&q=${encodeURIComponent(w.actors.intake!.username)}`,
    );
    const en = await sheetOf(searched.rawPayload);
    expect(en.getRow(3).values).toEqual([undefined, ...userExportHeaders('en')]);
    expect(en.getCell(4, 2).value).toBe(w.actors.intake!.username);
    expect(String(en.getCell(2, 1).value)).toContain(`search: ${w.actors.intake!.username}`);
    const log = await w.ctx.store.db
      .select({ detail: readLog.detail })
      .from(readLog)
      .where(
        and(eq(readLog.userId, w.actors.admin!.userId), eq(readLog.what, 'admin.users.export')),
      );
    expect(log.map((l) => l.detail)).toContainEqual({ rows: listed.total });
  });

  it('refuses anyone but an administrator', async () => {
    const res = await (await signIn(w, 'intake')).get('/api/admin/users/export.xlsx');
    expect(res.statusCode).toBe(403);
  });
});
