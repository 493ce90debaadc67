import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { OfficialRecord } from '../../api/index.js';
import { determinationInForce } from '../../app/cases/record.js';
import { recordTalk } from '../../app/corrections/record-talk.js';
import { nameClearings, readLog, type Schema } from '../../app/tables.js';
import { insertAction, insertCorrection } from '../../app/testing/correction-rows.js';
import { driveTo } from '../../app/testing/steps.js';
import { insertVisit } from '../../app/testing/visit-rows.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

const REASONS = '综合考虑损失情况和挽回情况，认定机构决定减轻问责，理由已记录在会议纪要中。';

describeStores<Schema>('an official’s record (GET /api/officials/:id/record)', (getStore) => {
  let w: HttpWorld;
  let url: string;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    w.clock.setDay('2025-03-03');
    const c = await driveTo(w, 'notified', { outcome: 'reduced', departureReasons: REASONS });
    await driveTo(w, 'verification', { title: '村道硬化工程未经招标' });
    await recordTalk(w.ctx, w.actors.liaison!, {
      caseId: c.id,
      expectedVersion: c.version,
      kind: 'reminder',
      heldOn: '2025-03-03',
      participants: '组织部 王科长；本人',
      summary: '提醒其今后严格履行用地审批程序。',
      followUp: '三个月后再谈一次。',
    });
    const db = w.ctx.store.db;
    const k = await insertCorrection(db, c, w.actors.liaison!.userId);
    await insertAction(db, k, w.actors.liaison!.userId, {
      ownerOfficialId: w.ids.official,
      dueOn: '2025-04-01',
    });
    await insertAction(db, k, w.actors.liaison!.userId, {
      ownerOfficialId: w.ids.official,
      dueOn: '2025-04-01',
      state: 'confirmed',
      submittedOn: '2025-03-01',
      verifiedOn: '2025-03-02',
      verdict: 'confirmed',
    });
    await insertVisit(db, c, w.actors.liaison!.userId, { dueOn: '2025-09-01' });
    const d = await determinationInForce(db, c.id);
    await db.insert(nameClearings).values({
      id: randomUUID(),
      caseId: c.id,
      jurisdictionId: c.jurisdictionId,
      officialId: w.ids.official,
      determinationId: d!.id,
      finding: 'false_accusation',
      alleged: '举报称其收受开发商好处。',
      found: '经核实，举报内容不实。',
      manner: 'meeting',
      scope: '新区机关干部大会',
      state: 'recorded',
      recordedOn: '2025-03-03',
      recordedBy: w.actors.liaison!.userId,
      referredTo: 'supervisory_commission',
      referredOn: '2025-03-03',
      referralBasis: '举报人张某捏造事实。',
      referredBy: w.actors.liaison!.userId,
    });
    url = `/api/officials/${w.ids.official}/record`;
  }, 120_000);

  it('gives the liaison the whole record, oldest case first, and logs the read', async () => {
    const liaison = await signIn(w, 'liaison');
    const res = await liaison.get(url);
    expect(res.statusCode).toBe(200);
    const r = res.json() as OfficialRecord;
    expect(r.official.id).toBe(w.ids.official);
    expect(r.cases.map((c) => c.state)).toEqual(['notified', 'verification']);
    const [decided, open] = r.cases;
    expect(open!.decision).toBeNull();
    expect(decided!.decision).toMatchObject({ outcome: 'reduced', decidedOn: '2025-03-03' });
    expect(decided!.decision!.outcomeLabel.zh).not.toBe('reduced');
    expect(decided!.decision!.application?.impactPeriod?.endsOn).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(decided!.notifiedOn).toBe('2025-03-03');
    expect(decided!.talks).toMatchObject([{ kind: 'reminder', followUp: '三个月后再谈一次。' }]);
    expect(decided!.corrections).toMatchObject([
      { state: 'in_progress', actions: { open: 1, submitted: 0, confirmed: 1, watch: 0 } },
    ]);
    expect(decided!.visits).toMatchObject([{ dueOn: '2025-09-01', state: 'scheduled' }]);
    expect(decided!.clearings[0]!.referral).toMatchObject({ basis: '举报人张某捏造事实。' });
    const logged = await w.ctx.store.db
      .select()
      .from(readLog)
      .where(
        and(eq(readLog.what, 'official.record'), eq(readLog.userId, w.actors.liaison!.userId)),
      );
    expect(logged).toHaveLength(1);
    expect(logged[0]!.detail).toEqual({ officialId: w.ids.official, cases: 2 });
  });

  it('shows the official and their unit’s party organization no referral basis', async () => {
    const official = await signIn(w, 'official');
    const r = (await official.get(url)).json() as OfficialRecord;
    expect(r.cases).toHaveLength(2);
    expect(r.cases[0]!.visits).toHaveLength(1);
    expect(r.cases[0]!.talks).toHaveLength(1);
    expect(r.cases[0]!.clearings[0]!.referral).toMatchObject({ basis: null });
    expect(r.matters).toEqual([]);
    const unitParty = await signIn(w, 'unitParty');
    const u = (await unitParty.get(url)).json() as OfficialRecord;
    expect(u.cases).toHaveLength(2);
    expect(u.cases[0]!.clearings[0]!.referral?.basis).toBeNull();
    expect(u.cases[0]!.visits).toEqual([]);
  });

  it('hides the visits from officers who do not read them', async () => {
    const intake = await signIn(w, 'intake');
    const r = (await intake.get(url)).json() as OfficialRecord;
    expect(r.cases[0]!.visits).toEqual([]);
    expect(r.cases[0]!.clearings[0]!.referral?.basis).toBe('举报人张某捏造事实。');
  });

  it('refuses other roles (403), officials outside the scope and unknown ones (404)', async () => {
    const colleague = await signIn(w, 'colleague');
    const refused = await colleague.get(url);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'OFFICIAL_RECORD_ROLE_REQUIRED' } });
    const policyAdmin = await signIn(w, 'policyAdmin');
    expect((await policyAdmin.get(url)).statusCode).toBe(403);
    const outsider = await signIn(w, 'outsiderIntake');
    const out = await outsider.get(url);
    expect(out.statusCode).toBe(404);
    expect(out.json()).toMatchObject({ error: { code: 'OFFICIAL_NOT_FOUND' } });
    const liaison = await signIn(w, 'liaison');
    const unknown = await liaison.get(`/api/officials/${randomUUID()}/record`);
    expect(unknown.statusCode).toBe(404);
    expect((await liaison.get('/api/officials/not-an-id/record')).statusCode).toBe(400);
    const logged = await w.ctx.store.db
      .select()
      .from(readLog)
      .where(eq(readLog.userId, w.actors.outsiderIntake!.userId));
    expect(logged.filter((l) => l.what === 'official.record')).toEqual([]);
  });
});
