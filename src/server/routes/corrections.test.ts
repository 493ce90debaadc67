/**
 * The correction loop over HTTP on both stores (issue 11): the chair issues the opinion, the unit
 * submits with a file, the liaison returns one action and confirms the rest, the chair reviews
 * the effectiveness when it falls due and reopens it; the case view carries it all, every answer
 * in its schema; the submitted file downloads, logged; a user out of scope sees nothing.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { readLog, schema, type Schema } from '../../app/tables.js';
import { PDF_FILE } from '../../app/testing/files.js';
import { driveTo } from '../../app/testing/steps.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type Client, type HttpWorld } from '../testing/http.js';

interface View {
  version: number;
  correction: {
    documentNumber: string;
    state: string;
    round: number;
    reviewDueOn: string | null;
    actions: {
      id: string;
      state: string;
      owner: string;
      maySubmit: boolean;
      mayVerify: boolean;
      files: { id: string; filename: string }[];
    }[];
  } | null;
  talks: { kindLabel: { zh: string } }[];
  abilities: Record<string, boolean>;
}

describeStores<Schema>(
  'correction over HTTP',
  (getStore) => {
    let w: HttpWorld;
    let caseId: string;
    let chair: Client;
    let liaison: Client;
    let unit: Client;
    const view = async (c: Client) => (await c.get(`/api/cases/${caseId}`)).json() as View;

    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
      const c = await driveTo(w, 'notified');
      caseId = c.id;
      chair = await signIn(w, 'chair');
      liaison = await signIn(w, 'liaison');
      unit = await signIn(w, 'unitParty');
    }, 60_000);

    it('issues the opinion, and refuses a bad one with the field named', async () => {
      const v = await view(chair);
      expect(v.correction).toBeNull();
      expect(v.abilities.issueCorrection).toBe(true);
      const bad = await chair.post(`/api/cases/${caseId}/correction`, {
        expectedVersion: v.version,
        problem: '程序有瑕疵。',
        requirement: '补齐手续。',
        actions: [{ task: '补办手续', evidenceRequired: '批复', owner: 'nobody' }],
      });
      expect(bad.statusCode).toBe(400);
      const res = await chair.post(`/api/cases/${caseId}/correction`, {
        expectedVersion: v.version,
        problem: '项目在用地手续完备前组织开工，程序存在瑕疵。',
        requirement: '补齐用地审批手续，完善开工前合规审查制度。',
        actions: [
          { task: '补办项目用地审批手续', evidenceRequired: '用地批复文件', owner: 'unit' },
          { task: '完善开工前审查制度', evidenceRequired: '制度文件', owner: 'unit', dueDays: 15 },
        ],
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const body = res.json() as { case: View; result: { documentNumber: string } };
      expect(body.result.documentNumber).toMatch(/^X新容纠〔\d{4}〕\d+号$/);
      expect(body.case.correction?.state).toBe('in_progress');
      expect(body.case.correction?.actions).toHaveLength(2);
      // The opinion is the case's 纠错意见书: listed as issued, with its number, for the official.
      const official = await signIn(w, 'official');
      const list = (await official.get(`/api/cases/${caseId}/documents`)).json() as {
        documents: { type: string; status: string; number: string | null }[];
      };
      expect(list.documents.find((i) => i.type === 'correction')).toMatchObject({
        status: 'issued',
        number: body.result.documentNumber,
      });
      const text = await official.get(`/api/cases/${caseId}/documents/correction?format=text`);
      expect(text.statusCode, text.body.slice(0, 300)).toBe(200);
      expect(text.body).toContain('纠错意见书');
      expect(text.body).toContain('补办项目用地审批手续');
      expect(text.body).toContain(body.result.documentNumber);
      const pdf = await official.get(`/api/cases/${caseId}/documents/correction?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
    });

    it('the unit submits with a file; the liaison returns one and confirms the rest', async () => {
      let v = await view(unit);
      const [first, second] = v.correction!.actions;
      expect(first!.maySubmit).toBe(true);
      let res = await unit.post(`/api/cases/${caseId}/correction/actions/${first!.id}/submit`, {
        expectedVersion: v.version,
        submission: '已补办用地审批手续，取得批复。',
        files: [
          {
            filename: '用地批复.pdf',
            mediaType: 'application/pdf',
            contentBase64: Buffer.from(PDF_FILE).toString('base64'),
          },
        ],
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      v = (res.json() as { case: View }).case;
      res = await unit.post(`/api/cases/${caseId}/correction/actions/${second!.id}/submit`, {
        expectedVersion: v.version,
        submission: '已印发开工前审查制度。',
      });
      expect(res.statusCode).toBe(200);
      v = await view(liaison);
      expect(v.correction!.actions.every((a) => a.mayVerify)).toBe(true);
      // The file downloads for the liaison, and the download is logged.
      const fileId = v.correction!.actions[0]!.files[0]!.id;
      const file = await liaison.get(`/api/cases/${caseId}/correction/files/${fileId}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toContain('attachment');
      const logged = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.caseId, caseId), eq(readLog.what, 'correction.file.download')));
      expect(logged.length).toBeGreaterThan(0);
      res = await liaison.post(`/api/cases/${caseId}/correction/actions/${second!.id}/verify`, {
        expectedVersion: v.version,
        verdict: 'not_confirmed',
        reasons: '制度文件未明确审查责任人，请补充完善。',
        dueDays: 5,
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      v = (res.json() as { case: View }).case;
      expect(v.correction!.actions[1]!.state).toBe('open');
      res = await liaison.post(`/api/cases/${caseId}/correction/actions/${first!.id}/verify`, {
        expectedVersion: v.version,
        verdict: 'confirmed',
      });
      expect(res.statusCode).toBe(200);
      v = await view(unit);
      res = await unit.post(`/api/cases/${caseId}/correction/actions/${second!.id}/submit`, {
        expectedVersion: v.version,
        submission: '已明确审查责任人，重新印发制度。',
      });
      v = (res.json() as { case: View }).case;
      res = await liaison.post(`/api/cases/${caseId}/correction/actions/${second!.id}/verify`, {
        expectedVersion: v.version,
        verdict: 'confirmed',
      });
      const closed = res.json() as { case: View; result: { correctionClosed: unknown } };
      expect(closed.result.correctionClosed).not.toBeNull();
      expect(closed.case.correction!.state).toBe('awaiting_review');
    });

    it('reviews the effectiveness when due, reopening it; records a talk', async () => {
      let v = await view(chair);
      expect(v.abilities.reviewCorrection).toBe(false);
      w.clock.setDay(v.correction!.reviewDueOn!);
      // Three months on, the sessions have ended: sign in again.
      chair = await signIn(w, 'chair');
      liaison = await signIn(w, 'liaison');
      v = await view(chair);
      expect(v.abilities.reviewCorrection).toBe(true);
      let res = await chair.post(`/api/cases/${caseId}/correction/review`, {
        expectedVersion: v.version,
        finding: 'not_effective',
        reasons: '同类问题再次出现，整改成效不明显。',
        actions: [
          { task: '开展在建项目合规排查', evidenceRequired: '排查报告', owner: 'official' },
        ],
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      v = (res.json() as { case: View }).case;
      expect(v.correction).toMatchObject({ state: 'in_progress', round: 2 });
      res = await liaison.post(`/api/cases/${caseId}/talks`, {
        expectedVersion: v.version,
        kind: 'reminder',
        heldOn: v.correction!.reviewDueOn ?? '2025-03-03',
        participants: '组织部干部科科长，本人',
        summary: '提醒其严格执行开工前审查制度。',
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect((res.json() as { case: View }).case.talks[0]!.kindLabel.zh).toBe('提醒谈话');
    });

    it('shows nothing to a user out of scope', async () => {
      const outsider = await signIn(w, 'outsiderIntake');
      expect((await outsider.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
      const v = await view(chair);
      const res = await outsider.post(`/api/cases/${caseId}/talks`, {
        expectedVersion: v.version,
        kind: 'supportive',
        heldOn: '2025-03-03',
        participants: '某某',
        summary: '谈心谈话。',
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(404);
    });
  },
  { open: { schema } },
);
