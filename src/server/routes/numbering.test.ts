/**
 * The document numbering over HTTP (GET/POST /api/admin/jurisdictions/:id/numbering): an
 * administrator reads and sets it; a pattern without its serial is refused naming the field and
 * the placeholder; other roles are refused.
 */
import { beforeAll, expect, it } from 'vitest';
import { schema, type Schema } from '../../app/tables.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

describeStores<Schema>(
  'document numbering over HTTP',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    });
    const path = () => `/api/admin/jurisdictions/${w.ids.area}/numbering`;

    it('an administrator reads the defaults and sets a code and a pattern', async () => {
      const admin = await signIn(w, 'admin');
      const read = await admin.get(path());
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toMatchObject({
        jurisdictionId: w.ids.area,
        code: null,
        defaultCode: 'X新',
      });
      const set = await admin.post(path(), {
        code: 'X新纪',
        patterns: { review_decision: '{代字}复决字〔{年份}〕{序号}号' },
      });
      expect(set.statusCode, set.body).toBe(200);
      const review = (set.json().patterns as { type: string; pattern: string | null }[]).find(
        (p) => p.type === 'review_decision',
      );
      expect(review?.pattern).toBe('{code}复决字〔{year}〕{n}号');
    });

    it('refuses a pattern without its serial, naming the field and the placeholder', async () => {
      const admin = await signIn(w, 'admin');
      const res = await admin.post(path(), {
        code: null,
        patterns: { determination: '{code}容认〔{year}〕号' },
      });
      expect(res.statusCode).toBe(400);
      const e = res.json().error as {
        code: string;
        details: { field: string };
        message: { zh: string; en: string };
      };
      expect(e.code).toBe('VALIDATION');
      expect(e.details.field).toBe('patterns.determination');
      expect(e.message.zh).toContain('{序号}');
      expect(e.message.en).toContain('{n}');
    });

    it('is refused to other roles', async () => {
      const intake = await signIn(w, 'intake');
      expect((await intake.get(path())).statusCode).toBe(403);
      const res = await intake.post(path(), { code: 'A', patterns: {} });
      expect(res.json().error.code).toBe('ADMIN_ROLE_REQUIRED');
    });
  },
  { open: { schema } },
);
