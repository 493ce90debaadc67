import { beforeAll, expect, it } from 'vitest';
import { schema, type Schema } from '../app/tables.js';
import { PDF_FILE, PNG_FILE } from '../app/testing/files.js';
import { driveTo } from '../app/testing/steps.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from './testing/http.js';

interface Answer {
  case: { id: string; version: number; events: { type: string }[] };
  result: {
    added: { index: number; evidenceId: string; filename: string }[];
    alreadyThere: unknown[];
    refused: { index: number; filename: string; code: string; message: { zh: string } }[];
  };
}

const part = (filename: string, mediaType: string, content: Buffer | string) => ({
  filename,
  mediaType,
  contentBase64: typeof content === 'string' ? content : content.toString('base64'),
});

describeStores<Schema>(
  'several files, previews and several panel members over HTTP',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    });

    it('one request with several files: the good ones added, each refused one reported', async () => {
      const official = await signIn(w, 'official');
      const c = await driveTo(w, 'submitted');
      const res = await official.post(`/api/cases/${c.id}/evidence/files`, {
        expectedVersion: c.version,
        files: [
          part('说明.pdf', 'application/pdf', PDF_FILE),
          part('照片.png', 'image/png', PNG_FILE),
          part('坏的.png', 'image/png', 'not base64!'),
          part('空的.pdf', 'application/pdf', ''),
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      const a = res.json() as Answer;
      expect(a.result.added.map((f) => f.filename)).toEqual(['说明.pdf', '照片.png']);
      expect(a.result.refused.map((f) => [f.index, f.filename])).toEqual([
        [2, '坏的.png'],
        [3, '空的.pdf'],
      ]);
      expect(a.result.refused[0]!.message.zh).toContain('Base64');
      expect(a.case.version).toBe(c.version + 1);
      expect(a.case.events.filter((e) => e.type === 'case.evidence_added')).toHaveLength(1);

      // None good: 400, each named.
      const none = await official.post(`/api/cases/${c.id}/evidence/files`, {
        expectedVersion: a.case.version,
        files: [part('a.pdf', 'application/pdf', ''), part('b.exe', 'application/x-foo', 'AAAA')],
      });
      expect(none.statusCode).toBe(400);
      expect(none.json().error.details.refused).toHaveLength(2);
      // Eleven files: refused by the shape.
      const many = await official.post(`/api/cases/${c.id}/evidence/files`, {
        expectedVersion: a.case.version,
        files: Array.from({ length: 11 }, () => part('a.pdf', 'application/pdf', PDF_FILE)),
      });
      expect(many.statusCode).toBe(400);

      // The PDF previews inline and may be framed by the app only; the image is inline, sandboxed.
      const intake = await signIn(w, 'intake');
      const [pdf, png] = a.result.added;
      const shown = await intake.get(`/api/cases/${c.id}/evidence/${pdf!.evidenceId}/preview`);
      expect(shown.statusCode).toBe(200);
      expect(shown.rawPayload.equals(PDF_FILE)).toBe(true);
      expect(shown.headers['content-type']).toBe('application/pdf');
      expect(String(shown.headers['content-disposition'])).toMatch(/^inline; filename=/);
      expect(shown.headers['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors 'self'",
      );
      expect(shown.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(shown.headers['x-content-type-options']).toBe('nosniff');
      const image = await intake.get(`/api/cases/${c.id}/evidence/${png!.evidenceId}/preview`);
      expect(image.headers['content-type']).toBe('image/png');
      expect(image.headers['content-security-policy']).toBe(
        "sandbox; default-src 'none'; frame-ancestors 'none'",
      );
      expect(image.headers['x-frame-options']).toBe('DENY');
      // The download stays an attachment that nobody may frame; the app itself may frame its origin.
      const download = await intake.get(`/api/cases/${c.id}/evidence/${pdf!.evidenceId}`);
      expect(String(download.headers['content-disposition'])).toMatch(/^attachment;/);
      expect(download.headers['x-frame-options']).toBe('DENY');
      const page = await w.app.inject({ method: 'GET', url: '/api/health' });
      expect(String(page.headers['content-security-policy'])).toContain("frame-src 'self'");
      expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      // Not for an outsider.
      const outsider = await signIn(w, 'outsiderIntake');
      expect(
        (await outsider.get(`/api/cases/${c.id}/evidence/${pdf!.evidenceId}/preview`)).statusCode,
      ).toBe(404);
    });

    it('a text file has no preview: 415, saying to download it', async () => {
      const official = await signIn(w, 'official');
      const c = await driveTo(w, 'submitted');
      const res = await official.post(`/api/cases/${c.id}/evidence/files`, {
        expectedVersion: c.version,
        files: [part('说明.txt', 'text/plain', Buffer.from(`说明 ${Math.random()}`))],
      });
      const id = (res.json() as Answer).result.added[0]!.evidenceId;
      const preview = await official.get(`/api/cases/${c.id}/evidence/${id}/preview`);
      expect(preview.statusCode).toBe(415);
      expect(preview.json().error.code).toBe('EVIDENCE_NO_PREVIEW');
    });

    it('several panel members in one request, all or none', async () => {
      const chair = await signIn(w, 'chair');
      const c = await driveTo(w, 'deliberation');
      const url = `/api/cases/${c.id}/members/batch`;
      const refused = await chair.post(url, {
        expectedVersion: c.version,
        userIds: [w.actors.member1!.userId, w.actors.cityChair!.userId],
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message.zh).toContain(w.actors.cityChair!.displayName);
      const res = await chair.post(url, {
        expectedVersion: c.version,
        userIds: [w.actors.member1!.userId, w.actors.member2!.userId],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().result.added).toHaveLength(3);
      expect(res.json().case.events.at(-1).type).toBe('case.members_added');
    });
  },
  { open: { schema } },
);
