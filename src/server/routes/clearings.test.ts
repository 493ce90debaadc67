/**
 * Name clearing (澄清正名) over HTTP on both stores: the liaison records it, the chair issues the
 * notice (downloaded by the official as text and PDF), the liaison makes it public with the
 * official's consent, the chair refers the false accusation; the case view carries it all, every
 * answer in its schema; bad input names its field, a stale version conflicts, an outsider sees
 * nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import { schema, type Schema } from '../../app/tables.js';
import { driveTo } from '../../app/testing/steps.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type Client, type HttpWorld } from '../testing/http.js';

interface View {
  version: number;
  clearing: {
    state: string;
    finding: string;
    notice: { number: string; documentId: string } | null;
    publicity: { channel: string } | null;
    referral: { to: string; basis: string | null } | null;
  } | null;
  abilities: Record<string, boolean>;
}

describeStores<Schema>(
  'name clearing over HTTP',
  (getStore) => {
    let w: HttpWorld;
    let caseId: string;
    let chair: Client;
    let liaison: Client;
    let official: Client;
    const view = async (c: Client) => (await c.get(`/api/cases/${caseId}`)).json() as View;
    const post = async (c: Client, path: string, body: Record<string, unknown>) =>
      c.post(`/api/cases/${caseId}/${path}`, { expectedVersion: (await view(c)).version, ...body });

    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
      caseId = (await driveTo(w, 'notified')).id;
      chair = await signIn(w, 'chair');
      liaison = await signIn(w, 'liaison');
      official = await signIn(w, 'official');
    }, 60_000);

    it('records the clearing, refusing bad input with the field named and a stale version', async () => {
      const v = await view(liaison);
      expect([v.clearing, v.abilities.recordClearing]).toEqual([null, true]);
      const record = {
        finding: 'false_accusation',
        alleged: '反映该同志收受企业好处、违规为企业开绿灯。',
        found: '经核实，项目提前开工经集体研究决定，该同志未收受任何财物。',
        manner: 'meeting',
        scope: '区经济发展局全体干部职工',
      };
      const bad = await post(liaison, 'clearing', { ...record, manner: 'online' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('manner');
      const stale = await liaison.post(`/api/cases/${caseId}/clearing`, {
        expectedVersion: v.version - 1,
        ...record,
      });
      expect(stale.statusCode).toBe(409);
      expect((stale.json() as { error: { code: string } }).error.code).toBe(
        'CASE_VERSION_CONFLICT',
      );
      const res = await post(liaison, 'clearing', record);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const body = res.json() as { case: View };
      expect(body.case.clearing?.state).toBe('recorded');
      expect(body.case.abilities.recordClearing).toBe(false);
      expect((await view(chair)).abilities.issueClearingNotice).toBe(true);
    });

    it('issues the notice; the official lists it and downloads it as text and PDF', async () => {
      const res = await post(chair, 'clearing/notice', {});
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const number = (res.json() as { result: { number: string } }).result.number;
      expect(number).toMatch(/^X新容澄〔\d{4}〕\d+号$/);
      const list = (await official.get(`/api/cases/${caseId}/documents`)).json() as {
        documents: { type: string; status: string; number: string | null }[];
      };
      expect(list.documents.find((d) => d.type === 'clearing')).toMatchObject({
        status: 'issued',
        number,
      });
      const text = await official.get(`/api/cases/${caseId}/documents/clearing?format=text`);
      expect(text.statusCode, text.body.slice(0, 300)).toBe(200);
      expect(text.body).toContain('澄清正名的通报');
      expect(text.body).toContain(number);
      const pdf = await official.get(`/api/cases/${caseId}/documents/clearing?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      // Issued once: the chair may not issue it again.
      expect((await post(chair, 'clearing/notice', {})).statusCode).toBe(409);
    });

    it('makes it public with consent, then the chair refers the accuser; the official sees both', async () => {
      const today = w.clock.now().toISOString().slice(0, 10);
      const missing = await post(liaison, 'clearing/publicity', {
        consentRecord: '本人书面同意书',
        channel: '区纪委监委网站',
        from: today,
        to: today,
      });
      expect(missing.statusCode).toBe(400);
      const res = await post(liaison, 'clearing/publicity', {
        consentOn: today,
        consentRecord: '本人书面同意书（附卷）',
        channel: '区纪委监委网站',
        from: today,
        to: today,
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect((await post(liaison, 'clearing/referral', referral(today))).statusCode).toBe(403);
      const referred = await post(chair, 'clearing/referral', referral(today));
      expect(referred.statusCode, referred.body.slice(0, 300)).toBe(200);
      const own = await view(official);
      expect(own.clearing).toMatchObject({
        state: 'publicized',
        publicity: { channel: '区纪委监委网站' },
        referral: { to: '区纪委监委信访室', basis: null },
      });
      expect((await view(chair)).clearing?.referral?.basis).toContain('捏造事实');
    });

    it('is nothing to a user out of scope', async () => {
      const outsider = await signIn(w, 'outsiderIntake');
      expect((await outsider.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
      const res = await outsider.post(`/api/cases/${caseId}/clearing/close`, {
        expectedVersion: 1,
        reason: '本人不同意公开。',
      });
      expect(res.statusCode).toBe(404);
    });
  },
  { open: { schema } },
);

function referral(on: string) {
  return {
    referredTo: '区纪委监委信访室',
    referredOn: on,
    basis: '反映人捏造事实、故意诬告，移送依规处理。',
  };
}
