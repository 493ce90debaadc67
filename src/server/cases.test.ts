import { beforeAll, expect, it } from 'vitest';
import { SIX_ELEMENTS } from '../domain/case-states.js';
import { today as todayOf } from '../app/context.js';
import { schema, type Schema } from '../app/tables.js';
import { PDF_FILE } from '../app/testing/files.js';
import { driveTo, EXEMPTED_FACTS, MINUTES } from '../app/testing/steps.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, signIn, type Client, type HttpWorld } from './testing/http.js';

// A whole PDF: the evidence check parses it (src/app/evidence-check.ts).
const PDF = PDF_FILE;

interface CaseJson {
  id: string;
  version: number;
  state: string;
  abilities: Record<string, boolean>;
  [k: string]: unknown;
}

describeStores<Schema>(
  'the case procedure over HTTP',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    });

    const application = () => ({
      officialId: w.ids.official,
      title: '招商项目提前开工',
      summary: '为抢抓项目落地，在用地手续完备前组织开工，事后补办手续。',
      conductDate: '2024-11-05',
      facts: { ...EXEMPTED_FACTS },
    });

    it('an idempotent retry of an application returns the same case (200, Idempotent-Replayed)', async () => {
      const c = await signIn(w, 'official');
      const key = `apply-${Math.random().toString(36).slice(2)}`;
      const first = await c.post('/api/cases', application(), { 'idempotency-key': key });
      expect(first.statusCode).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await c.post('/api/cases', application(), { 'idempotency-key': key });
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().case.id).toBe(first.json().case.id);
      expect(again.json().case.number).toBe(first.json().case.number);
      const changed = await c.post(
        '/api/cases',
        { ...application(), title: '另一个事项' },
        { 'idempotency-key': key },
      );
      expect(changed.statusCode).toBe(422);
      expect(changed.json().error.code).toBe('IDEMPOTENCY_MISMATCH');
      const badKey = await c.post('/api/cases', application(), { 'idempotency-key': 'short' });
      expect(badKey.statusCode).toBe(400);
      expect(badKey.json().error.details).toMatchObject({ in: 'headers' });
    });

    it('an out-of-scope user gets 404 on a case and an empty list; the parties and officers see it', async () => {
      const official = await signIn(w, 'official');
      const created = (await official.post('/api/cases', application())).json().case as CaseJson;
      expect(created).toMatchObject({ state: 'submitted', version: 1, view: 'party' });
      expect(created.abilities).toMatchObject({ read: true, accept: false, withdraw: true });

      const outsider = await signIn(w, 'outsiderIntake');
      const hidden = await outsider.get(`/api/cases/${created.id}`);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().error.code).toBe('CASE_NOT_FOUND');
      const list = await outsider.get('/api/cases');
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({
        items: [],
        total: 0,
        totalCapped: false,
        pageSize: 20,
        nextCursor: null,
      });
      // Nor may they act on it: it does not exist for them.
      const act = await outsider.post(`/api/cases/${created.id}/accept`, { expectedVersion: 1 });
      expect(act.statusCode).toBe(404);
      const colleague = await signIn(w, 'colleague');
      expect((await colleague.get(`/api/cases/${created.id}`)).statusCode).toBe(404);

      const intake = await signIn(w, 'intake');
      const seen = await intake.get(`/api/cases/${created.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toMatchObject({ id: created.id, view: 'full' });
      expect(seen.json().abilities).toMatchObject({ accept: true, refuse: true, withdraw: false });
      const mine = await intake.get('/api/cases?state=submitted&pageSize=100');
      expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(created.id);
      const found = await intake.get(
        `/api/cases?q=${encodeURIComponent(created.number as string)}`,
      );
      expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([created.id]);
    });

    it('acting on a stale version is 409 CASE_VERSION_CONFLICT; a refusal needs reasons', async () => {
      const official = await signIn(w, 'official');
      const intake = await signIn(w, 'intake');
      const created = (await official.post('/api/cases', application())).json().case as CaseJson;
      const url = `/api/cases/${created.id}`;
      const noReasons = await intake.post(`${url}/refuse`, { expectedVersion: 1, reasons: ' ' });
      expect(noReasons.statusCode).toBe(400);
      expect(noReasons.json().error.details.field).toBe('reasons');
      const wrongRole = await official.post(`${url}/accept`, { expectedVersion: 1 });
      expect(wrongRole.statusCode).toBe(403);
      expect(wrongRole.json().error.code).toBe('CASE_ROLE_REQUIRED');
      const accepted = await intake.post(`${url}/accept`, {
        expectedVersion: 1,
        note: '材料齐全。',
      });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json().case).toMatchObject({ state: 'verification', version: 2 });
      const stale = await intake.post(`${url}/refuse`, {
        expectedVersion: 1,
        reasons: '不属于容错纠错适用范围。',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({
        code: 'CASE_VERSION_CONFLICT',
        details: { expectedVersion: 1, currentVersion: 2 },
        message: {
          zh: '案件已被他人更新，请刷新后再操作。',
          en: 'Someone else updated the case; reload it and try again.',
        },
      });
    });

    it('the ex-officio route: an accountability matter opens a case for intake', async () => {
      const intake = await signIn(w, 'intake');
      const body = {
        officialId: w.ids.otherOfficial,
        summary: '项目审批中未履行集体决策程序，被启动问责调查。',
        openedOn: '2025-02-20',
        conductDate: '2024-10-10',
      };
      const res = await intake.post('/api/accountability-matters', body, {
        'idempotency-key': `matter-${Math.random().toString(36).slice(2)}`,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().case).toMatchObject({ route: 'ex_officio', state: 'submitted' });
      const official = await signIn(w, 'official');
      expect((await official.post('/api/accountability-matters', body)).statusCode).toBe(403);
    });

    it('the side paths: withdrawal, clocks, extensions, risk filings, conflicts, review', async () => {
      w.clock.setDay('2025-03-03');
      const official = await signIn(w, 'official');
      const intake = await signIn(w, 'intake');
      const investigator = await signIn(w, 'investigator');
      const chair = await signIn(w, 'chair');
      const member1 = await signIn(w, 'member1');
      const run = async (who: Client, c: CaseJson, action: string, body: object = {}) => {
        const res = await who.post(`/api/cases/${c.id}/${action}`, {
          expectedVersion: c.version,
          ...body,
        });
        expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
        return res.json() as { case: CaseJson; result: Record<string, unknown> | null };
      };
      const view = async (id: string) => (await intake.get(`/api/cases/${id}`)).json() as CaseJson;

      // Withdrawal by the official.
      let c = await view((await driveTo(w, 'submitted')).id);
      c = (await run(official, c, 'withdraw', { reason: '已与单位沟通，撤回申请。' })).case;
      expect(c.state).toBe('withdrawn');

      // Verification: suspend and resume the clock, an extension, a risk filing.
      c = await view((await driveTo(w, 'verification')).id);
      c = (await run(intake, c, 'suspend', { reason: '等待审计部门出具报告。' })).case;
      expect(c).toMatchObject({ suspended: true });
      c = (await run(intake, c, 'resume', { note: '审计报告已收到。' })).case;
      expect(c).toMatchObject({ suspended: false });
      const ext = await run(investigator, c, 'extensions', {
        days: 5,
        reason: '案情复杂，需补充调查。',
      });
      const extensionId = String(ext.result!['extensionId']);
      const decidedExt = await run(chair, ext.case, `extensions/${extensionId}/decide`, {
        approve: true,
        reason: '同意延期。',
      });
      expect(decidedExt.result).toMatchObject({ status: 'approved' });
      c = decidedExt.case;
      const filing = await intake.post('/api/risk-filings', {
        unitId: w.ids.unit,
        title: '产业园区先行开工事前报备',
        filedOn: '2024-10-20',
        status: 'accepted',
      });
      expect(filing.statusCode).toBe(201);
      const riskFilingId = filing.json().riskFiling.id as string;
      const linked = await run(investigator, c, 'risk-filing', { riskFilingId });
      expect(linked.result).toMatchObject({ value: 'accepted' });
      expect(linked.case.state).toBe('verification');

      // Consultation: one more department is asked.
      c = await view((await driveTo(w, 'consultation')).id);
      const asked = await run(investigator, c, 'consultations', { departments: ['自然资源局'] });
      expect(asked.case.state).toBe('consultation');
      expect(asked.result).toMatchObject({ created: [{ department: '自然资源局' }] });

      // Deliberation: a member declares a conflict; the chair recuses another.
      c = await view((await driveTo(w, 'deliberation')).id);
      c = (await run(chair, c, 'members', { userId: w.actors.member1!.userId })).case;
      c = (await run(chair, c, 'members', { userId: w.actors.member2!.userId })).case;
      const conflicted = await run(member1, c, 'conflict', { conflict: '申请人系本人近亲属。' });
      c = conflicted.case;
      const voteAgain = await member1.post(`/api/cases/${c.id}/votes`, {
        expectedVersion: c.version,
        outcome: 'exempted',
        reason: '同意。',
      });
      expect(voteAgain.statusCode).toBe(403);
      expect(voteAgain.json().error.code).toBe('CASE_CONFLICTED');
      c = (
        await run(chair, c, 'recusals', {
          userId: w.actors.member2!.userId,
          reason: '曾参与该项目审批。',
        })
      ).case;
      expect((c.members as { recused: boolean }[]).filter((m) => m.recused)).toHaveLength(2);

      // After notification: the official asks for review; the chair upholds the decision.
      c = await view((await driveTo(w, 'notified')).id);
      const review = await run(official, c, 'challenges', {
        kind: 'review',
        grounds: '认定书未写明减轻责任的理由，申请复核。',
      });
      expect(review.case.state).toBe('under_review');
      // The sample measure has reviews decided collectively: the panel votes first.
      const uphold = { outcome: 'exempted', reason: '原认定事实清楚，同意维持。' };
      const voted = await run(chair, review.case, 'challenges/votes', uphold);
      const majority = await run(member1, voted.case, 'challenges/votes', uphold);
      const upheld = await run(chair, majority.case, 'challenges/decide', {
        result: 'upheld',
        reasons: '经复核，原认定事实清楚，维持原认定。',
      });
      expect(upheld.case.state).toBe('notified');
      expect(upheld.result).toMatchObject({ result: 'upheld', outcome: 'exempted' });
    });

    it('takes a case from application to closure through the API', async () => {
      w.clock.setDay('2025-03-03');
      let official = await signIn(w, 'official');
      let intake = await signIn(w, 'intake');
      const investigator = await signIn(w, 'investigator');
      let liaison = await signIn(w, 'liaison');
      const chair = await signIn(w, 'chair');
      const member1 = await signIn(w, 'member1');
      const member2 = await signIn(w, 'member2');

      let c = (await official.post('/api/cases', application())).json().case as CaseJson;
      const url = `/api/cases/${c.id}`;
      /** Posts an action with the current version; expects success and keeps the fresh case. */
      const act = async (who: Client, action: string, body: object = {}) => {
        const res = await who.post(`${url}/${action}`, { expectedVersion: c.version, ...body });
        expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
        const json = res.json() as { case: CaseJson; result: unknown };
        expect(json.case.version).toBe(c.version + 1);
        c = json.case;
        return json.result;
      };

      // Application: the official states their account and adds a document.
      await act(official, 'statements', {
        text: '当时项目面临落地窗口期，经班子集体研究决定先行开工。',
      });
      const evidence = (await act(official, 'evidence', {
        filename: '会议纪要（2024-11-01）.pdf',
        mediaType: 'application/pdf',
        contentBase64: PDF.toString('base64'),
        description: '集体研究会议纪要',
      })) as { evidenceId: string; sha256: string };
      expect(evidence.evidenceId).toMatch(/^[0-9a-f-]{36}$/);

      // Acceptance.
      expect(c.abilities.accept).toBe(false); // the official's view
      await act(intake, 'accept', { note: '材料齐全，予以受理。' });
      expect(c.state).toBe('verification');

      // The evidence downloads for officers, as an attachment, and for no outsider.
      const file = await intake.get(`${url}/evidence/${evidence.evidenceId}`);
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.equals(PDF)).toBe(true);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toBe(
        `attachment; filename="_____2024-11-01_.pdf"; filename*=UTF-8''${encodeURIComponent('会议纪要（2024-11-01）.pdf')}`,
      );
      expect(file.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      const outsider = await signIn(w, 'outsiderIntake');
      expect((await outsider.get(`${url}/evidence/${evidence.evidenceId}`)).statusCode).toBe(404);
      const notBase64 = await investigator.post(`${url}/evidence`, {
        expectedVersion: c.version,
        filename: 'a.txt',
        mediaType: 'text/plain',
        contentBase64: 'not base64!',
      });
      expect(notBase64.statusCode).toBe(400);
      expect(notBase64.json().error.details.field).toBe('contentBase64');

      // Uploads above the 1 MiB body limit of other routes are accepted here.
      const notes = Buffer.alloc(1_500_000, '核实笔录。\n');
      const big = (await act(investigator, 'evidence', {
        filename: '核实笔录.txt',
        mediaType: 'text/plain; charset=utf-8',
        contentBase64: notes.toString('base64'),
      })) as { evidenceId: string; size: number; mediaType: string };
      expect(big).toMatchObject({ size: 1_500_000, mediaType: 'text/plain' });
      const bigFile = await investigator.get(`${url}/evidence/${big.evidenceId}`);
      expect(bigFile.rawPayload.equals(notes)).toBe(true);

      // Verification: a fact, the six elements, done; consultation follows (the pack requires it).
      await act(investigator, 'facts', {
        fact: 'lossAmount',
        value: 1_000_000,
        note: '审计核定',
        evidenceIds: [evidence.evidenceId],
      });
      for (const element of SIX_ELEMENTS) {
        await act(investigator, 'assessments', {
          element,
          rating: 'favourable',
          notes: '经核实，情况属实。',
        });
      }
      const verified = (await act(investigator, 'complete-verification', {
        note: '核实完毕。',
      })) as { consultations: { consultationId: string; department: string }[] };
      expect(c.state).toBe('consultation');
      expect(verified.consultations.length).toBeGreaterThan(0);

      // Consultation: no department has users in the test world, so the investigator transcribes
      // their written replies (consultation.test.ts has the departments answering themselves).
      for (const [i, { consultationId, department }] of verified.consultations.entries()) {
        await act(investigator, `consultations/${consultationId}/opinion`, {
          opinion: `${department}：同意按容错情形处理。`,
          replyReference: `会复〔2025〕${i + 1}号`,
          replyDate: todayOf(w.ctx),
        });
      }
      await act(investigator, 'complete-consultation');
      expect(c.state).toBe('deliberation');

      // Deliberation: the chair forms the panel, everyone votes, the chair decides.
      await act(chair, 'members', { userId: w.actors.member1!.userId });
      await act(chair, 'members', { userId: w.actors.member2!.userId });
      for (const m of [chair, member1, member2]) {
        await act(m, 'votes', { outcome: 'exempted', reason: '符合容错情形。' });
      }
      const decided = (await act(chair, 'decision', {
        outcome: 'exempted',
        minutes: MINUTES,
      })) as { documentNumber: string; outcome: string };
      expect(c.state).toBe('determined');
      expect(decided.outcome).toBe('exempted');

      // Notification and the decision document.
      await act(intake, 'notify');
      expect(c.state).toBe('notified');
      const doc = await official.get(`${url}/decision-document`);
      expect(doc.statusCode).toBe(200);
      expect(doc.json().document).toMatchObject({
        lang: 'zh',
        documentNumber: decided.documentNumber,
      });
      const docEn = await official.get(`${url}/decision-document?lang=en&format=text`);
      expect(docEn.statusCode).toBe(200);
      expect(docEn.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(docEn.headers['content-disposition']).toMatch(/^attachment; /);
      expect(docEn.body).toContain(decided.documentNumber);

      // Publicity for its period, filing upward, then closing once the challenge window passed.
      await act(liaison, 'publicity/start');
      expect(c.state).toBe('publicity');
      w.clock.setDay('2025-03-11');
      liaison = await signIn(w, 'liaison'); // a week later: sessions last 8 idle hours
      await act(liaison, 'publicity/end', { objections: '公示期间无异议。' });
      await act(liaison, 'file-upward', { reference: '报备〔2025〕3号' });
      expect(c.state).toBe('filed');
      w.clock.setDay('2025-04-03');
      intake = await signIn(w, 'intake');
      await act(intake, 'close', { note: '办结归档。' });
      expect(c.state).toBe('closed');

      // The record as the official sees it: closed, decision in force, the whole trail.
      official = await signIn(w, 'official');
      const final = (await official.get(url)).json();
      expect(final).toMatchObject({ state: 'closed', view: 'party' });
      const types = (final.events as { type: string }[]).map((e) => e.type);
      expect(types).toEqual(
        expect.arrayContaining([
          'case.applied',
          'case.accepted',
          'case.evidence_added',
          'case.decided',
          'case.notified',
          'case.closed',
        ]),
      );
      expect(final.determinations[0]).toMatchObject({ outcome: 'exempted', inForce: true });
      expect(Object.values(final.abilities as Record<string, boolean>).filter(Boolean)).toEqual([
        true,
      ]); // only 'read' is left
      const closedList = await intake.get('/api/cases?state=closed');
      expect(closedList.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    });
  },
  { open: { schema } },
);
