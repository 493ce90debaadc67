import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it, vi } from 'vitest';
import { readLog, schema, type Schema } from '../app/tables.js';
import { pdfText } from '../app/documents/testing/pdf-text.js';
import { driveTo } from '../app/testing/steps.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from './testing/http.js';

describeStores<Schema>(
  'the decision document as a PDF over HTTP',
  (getStore) => {
    let w: HttpWorld;
    let notified: { id: string; documentNumber: string };
    let determined: string;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
      const c = await driveTo(w, 'notified');
      const doc = await (await signIn(w, 'official')).get(`/api/cases/${c.id}/decision-document`);
      notified = { id: c.id, documentNumber: doc.json().document.documentNumber as string };
      determined = (await driveTo(w, 'determined', { title: '另一事项' })).id;
    }, 60_000);

    it('gives the official the document as an A4 PDF with an embedded Chinese font, logged', async () => {
      const official = await signIn(w, 'official');
      const res = await official.get(`/api/cases/${notified.id}/decision-document?format=pdf`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('no-store');
      // The number names the file (filename*, UTF-8); plain `filename` has it in ASCII only.
      const ascii = notified.documentNumber.replace(/[^\x20-\x7e]/g, '_');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="${ascii}.pdf"; filename*=UTF-8''${encodeURIComponent(notified.documentNumber)}.pdf`,
      );
      const pdf = res.rawPayload;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const read = pdfText(pdf);
      expect(read.embeddedFonts.some((f) => f === 'FontFile2' || f === 'FontFile3')).toBe(true);
      expect(read.title).toMatch(/^关于.+同志容错申请的认定决定$/);
      const text = read.lines.join('\n');
      expect(text).toContain(notified.documentNumber);
      expect(text).toContain('容错纠错认定机构');
      expect(text).toContain('一、基本事实');
      expect(text).toContain('— 1 —');

      const logged = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.caseId, notified.id), eq(readLog.what, 'decision.document.pdf')));
      expect(logged.map((r) => r.userId)).toEqual([w.actors.official!.userId]);
    });

    it('writes it in English on lang=en, and officers may download it too', async () => {
      const chair = await signIn(w, 'chair');
      const res = await chair.get(`/api/cases/${notified.id}/decision-document?format=pdf&lang=en`);
      expect(res.statusCode).toBe(200);
      const read = pdfText(res.rawPayload);
      expect(read.title).toMatch(/^Decision on the tolerance application of Comrade /);
      const text = read.lines.join(' ');
      expect(text).toContain('Tolerance and Correction Committee of');
      expect(text).toContain(notified.documentNumber);
    });

    it('answers 404 to users who may not read the case, and nothing is logged for them', async () => {
      for (const who of ['outsiderIntake', 'colleague']) {
        const c = await signIn(w, who);
        const res = await c.get(`/api/cases/${notified.id}/decision-document?format=pdf`);
        expect(res.statusCode, who).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        const logged = await w.ctx.store.db
          .select()
          .from(readLog)
          .where(and(eq(readLog.caseId, notified.id), eq(readLog.userId, w.actors[who]!.userId)));
        expect(logged, who).toEqual([]);
      }
      const anonymous = await w.app.inject({
        method: 'GET',
        url: `/api/cases/${notified.id}/decision-document?format=pdf`,
      });
      expect(anonymous.statusCode).toBe(401);
    });

    it('follows the JSON document: the official waits until the decision is delivered', async () => {
      const official = await signIn(w, 'official');
      const json = await official.get(`/api/cases/${determined}/decision-document`);
      const pdf = await official.get(`/api/cases/${determined}/decision-document?format=pdf`);
      expect(pdf.statusCode).toBe(json.statusCode);
      expect(pdf.statusCode).toBe(409);
      expect(pdf.json().error.code).toBe('CASE_PRECONDITION');
      const intake = await signIn(w, 'intake');
      expect(
        (await intake.get(`/api/cases/${determined}/decision-document?format=pdf`)).statusCode,
      ).toBe(200);
    });

    it('answers 503 DOCUMENT_FONT_MISSING, saying how to install a font, when there is none', async () => {
      vi.stubEnv('RONGCUO_CJK_FONT', '/nonexistent/NotoSerifCJK-Regular.ttc');
      try {
        const official = await signIn(w, 'official');
        const before = await w.ctx.store.db
          .select()
          .from(readLog)
          .where(eq(readLog.caseId, notified.id));
        const res = await official.get(`/api/cases/${notified.id}/decision-document?format=pdf`, {
          'accept-language': 'en',
        });
        expect(res.statusCode).toBe(503);
        const error = res.json().error as { code: string; message: { zh: string; en: string } };
        expect(error.code).toBe('DOCUMENT_FONT_MISSING');
        expect(error.message.zh).toContain('fonts-noto-cjk');
        expect(error.message.en).toContain('RONGCUO_CJK_FONT');
        expect(error.message.en).not.toContain('/nonexistent'); // no server paths to users
        const after = await w.ctx.store.db
          .select()
          .from(readLog)
          .where(eq(readLog.caseId, notified.id));
        expect(after.length).toBe(before.length);
        // The text version still works.
        const text = await official.get(`/api/cases/${notified.id}/decision-document?format=text`);
        expect(text.statusCode).toBe(200);
      } finally {
        vi.unstubAllEnvs();
      }
    });
  },
  { open: { schema } },
);
