import { beforeAll, expect, it, vi } from 'vitest';
import { pdfText } from '../../app/documents/testing/pdf-text.js';
import { schema, type Schema } from '../../app/tables.js';
import { driveTo } from '../../app/testing/steps.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

describeStores<Schema>(
  'the documents of a case over HTTP',
  (getStore) => {
    let w: HttpWorld;
    let caseId: string;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
      caseId = (await driveTo(w, 'notified')).id;
    }, 60_000);

    it('lists, previews, issues and downloads; the official gets what was issued to them', async () => {
      const intake = await signIn(w, 'intake');
      const base = `/api/cases/${caseId}/documents`;
      const list = await intake.get(base);
      expect(list.statusCode, list.body).toBe(200);
      const items = list.json().documents as { type: string; status: string; canIssue: boolean }[];
      expect(items.map((d) => [d.type, d.status, d.canIssue])).toEqual([
        ['acceptance', 'due', true],
        ['determination', 'issued', false],
        ['delivery_receipt', 'due', true],
      ]);
      const preview = await intake.get(`${base}/acceptance?lang=zh`);
      expect(preview.statusCode).toBe(200);
      expect(preview.json().document).toMatchObject({ type: 'acceptance', documentNumber: '' });

      const official = await signIn(w, 'official');
      expect((await official.get(`${base}/acceptance`)).statusCode).toBe(409);

      const version = (await intake.get(`/api/cases/${caseId}`)).json().version as number;
      const issued = await intake.post(`${base}/acceptance/issue`, { expectedVersion: version });
      expect(issued.statusCode, issued.body).toBe(200);
      const answer = issued.json() as {
        case: { version: number };
        result: { item: { number: string; status: string }; document: { documentNumber: string } };
      };
      expect(answer.case.version).toBe(version + 1);
      expect(answer.result.item.status).toBe('issued');
      expect(answer.result.item.number).toMatch(/^X新容受〔\d{4}〕[1-9]\d*号$/);
      expect(answer.result.document.documentNumber).toBe(answer.result.item.number);
      const again = await intake.post(`${base}/acceptance/issue`, {
        expectedVersion: answer.case.version,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('CASE_PRECONDITION');

      const pdf = await official.get(`${base}/acceptance?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(decodeURIComponent(String(pdf.headers['content-disposition']))).toContain(
        `${answer.result.item.number}.pdf`,
      );
      // No 仿宋 on this machine: the fallback is said in a header and in the metadata.
      expect(String(pdf.headers['x-document-font-notice'] ?? '')).toContain('FangSong ->');
      expect(pdf.rawPayload.toString('latin1')).toContain('/FontNotice');
      expect(pdfText(pdf.rawPayload).lines.join('\n')).toContain(answer.result.item.number);
      const text = await official.get(`${base}/acceptance?format=text&lang=en`);
      expect(text.statusCode).toBe(200);
      expect(text.body).toContain('Notice of acceptance of a tolerance application');

      expect((await (await signIn(w, 'outsiderIntake')).get(base)).statusCode).toBe(404);
    });

    it('answers 503 DOCUMENT_FONT_MISSING for a PDF when no CJK font is found', async () => {
      vi.stubEnv('RONGCUO_CJK_FONT', '/nonexistent/font.ttc');
      try {
        const chair = await signIn(w, 'chair');
        const res = await chair.get(`/api/cases/${caseId}/documents/determination?format=pdf`);
        expect(res.statusCode).toBe(503);
        expect(res.json().error.code).toBe('DOCUMENT_FONT_MISSING');
      } finally {
        vi.unstubAllEnvs();
      }
    });
  },
  { open: { schema } },
);
