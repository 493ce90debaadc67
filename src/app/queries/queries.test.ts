import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { acceptCase } from '../cases/accept.js';
import type { CaseRow } from '../cases/record.js';
import { refuseCase } from '../cases/refuse.js';
import { submitApplication } from '../cases/submit-application.js';
import { suspendCase } from '../cases/suspend.js';
import { readLog, schema, type Schema } from '../tables.js';
import { codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { getCase } from './case-view.js';
import { listCases } from './case-list.js';
import { escapeLike } from './paging.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });

describeStores<Schema>(
  'reading cases: the case view and the case list',
  (getStore) => {
    let w: World;
    let decided: CaseRow;
    beforeAll(async () => {
      w = await buildWorld(getStore());
      decided = await driveTo(w, 'notified', { title: '老旧小区改造_试点（100%完成）' });
    }, 60_000);

    it('officers see the whole file, with votes and opinions', async () => {
      const view = await getCase(w.ctx, w.actors.chair!, decided.id);
      expect(view).toMatchObject({
        id: decided.id,
        number: decided.number,
        state: 'notified',
        stateLabel: { zh: '已反馈', en: 'Notified' },
        step: 'challengeWindow',
        stepLabel: { en: 'Review and appeal window' },
        stepDueOn: '2025-04-02',
        dueStatus: 'on_time',
        view: 'full',
        official: {
          id: w.ids.official,
          name: '张三',
          unit: { name: { en: 'Investment Section' } },
        },
        jurisdiction: { id: w.ids.area, name: { zh: 'X新区' } },
        packId: 'x-new-area',
        packVersion: '2023-01',
        version: decided.version,
      });
      expect(view.members.length).toBe(3);
      expect(view.members.every((m) => m.vote === 'exempted')).toBe(true);
      expect(view.consultations.length).toBeGreaterThan(0);
      expect(view.consultations.every((c) => typeof c.opinion === 'string')).toBe(true);
      expect(view.determinations).toHaveLength(1);
      expect(view.determinations[0]).toMatchObject({
        outcome: 'exempted',
        recommendedOutcome: 'exempted',
        inForce: true,
        basis: 'first',
      });
      expect(typeof view.determinations[0]!.minutes).toBe('string');
      expect(view.events.some((e) => e.type === 'case.vote_cast')).toBe(true);
      expect(view.events.every((e) => e.payload !== undefined)).toBe(true);
      const fact = view.facts.find((f) => f.fact === 'purpose');
      expect(fact).toMatchObject({
        value: 'development_task',
        source: 'applicant',
        recordedBy: { id: w.actors.official!.userId, name: 'official' },
      });
      expect(view.assessments).toHaveLength(6);
      expect(view.assessments[0]!.label).not.toBeNull();
      expect(view.abilities).toMatchObject({ read: true, close: false, requestReview: false });
      // Allow-listed: no storage columns leak.
      expect(Object.keys(view)).not.toContain('headHash');
      expect(Object.keys(view)).not.toContain('jurisdictionPath');
    });

    it('parties see the decision, not the deliberation, even when they sit on the committee', async () => {
      for (const reader of ['official', 'officialOnCommittee', 'unitParty']) {
        const view = await getCase(w.ctx, w.actors[reader]!, decided.id);
        expect(view.view, reader).toBe('party');
        expect(view.members.length).toBe(3);
        for (const m of view.members) {
          expect(Object.keys(m).sort()).toEqual(['isChair', 'recused', 'user']);
        }
        expect(view.events.map((e) => e.type)).not.toContain('case.vote_cast');
        expect(view.events.map((e) => e.type)).not.toContain('case.member_added');
        expect(view.events.map((e) => e.type)).toContain('case.notified');
        expect(view.events.every((e) => e.payload === undefined)).toBe(true);
        expect(view.events.find((e) => e.type === 'case.notified')).toMatchObject({
          from: 'determined',
          to: 'notified',
        });
        expect(view.consultations.every((c) => c.opinion === undefined)).toBe(true);
        expect(view.determinations[0]!.minutes).toBeUndefined();
        expect(view.determinations[0]!.outcome).toBe('exempted');
      }
      const own = await getCase(w.ctx, w.actors.official!, decided.id);
      expect(own.abilities).toMatchObject({
        requestReview: true,
        requestAppeal: true,
        close: false,
      });
    });

    it('a case the actor may not read does not exist for them; every view and refused attempt is logged', async () => {
      for (const reader of ['colleague', 'otherUnitParty', 'outsiderIntake', 'policyAdmin']) {
        expect(await codeOf(getCase(w.ctx, w.actors[reader]!, decided.id)), reader).toBe(
          'CASE_NOT_FOUND',
        );
      }
      expect(await codeOf(getCase(w.ctx, w.actors.chair!, 'not-a-uuid'))).toBe('CASE_NOT_FOUND');
      expect(
        await codeOf(getCase(w.ctx, w.actors.chair!, '00000000-0000-4000-8000-000000000000')),
      ).toBe('CASE_NOT_FOUND');
      await getCase(w.ctx, w.actors.auditor!, decided.id);
      const logged = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.userId, w.actors.auditor!.userId), eq(readLog.caseId, decided.id)));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ what: 'case.view', jurisdictionId: w.ids.area });
      // A refused read stays on record as an attempt; a case that does not exist leaves nothing.
      const refused = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.userId, w.actors.colleague!.userId), eq(readLog.caseId, decided.id)));
      expect(refused.map((r) => r.what)).toEqual(['case.view.refused']);
      const nothing = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(eq(readLog.caseId, '00000000-0000-4000-8000-000000000000'));
      expect(nothing).toHaveLength(0);
    });

    it('the list is scoped: an official sees only their matters, another unit nothing', async () => {
      const { case: theirs } = await submitApplication(w.ctx, w.actors.colleague!, {
        officialId: w.ids.colleague,
        title: '园区道路应急抢修',
        summary: '暴雨后未经招标先行抢修。',
        conductDate: '2024-07-01',
      });
      const mine = await listCases(w.ctx, w.actors.official!, { pageSize: 100 });
      expect(mine.total).toBeGreaterThan(0);
      expect(mine.items.every((i) => i.official.id === w.ids.official)).toBe(true);
      expect(mine.items.map((i) => i.id)).toContain(decided.id);
      const colleague = await listCases(w.ctx, w.actors.colleague!, {});
      expect(colleague.items.map((i) => i.id)).toEqual([theirs.id]);
      expect(colleague.total).toBe(1);
      expect(await listCases(w.ctx, w.actors.otherUnitParty!, {})).toMatchObject({
        total: 0,
        items: [],
      });
      expect((await listCases(w.ctx, w.actors.outsiderIntake!, {})).total).toBe(0);
      expect((await listCases(w.ctx, w.actors.policyAdmin!, {})).total).toBe(0);
      // The unit party organization sees its unit subtree: the official's section and the colleague.
      const unit = await listCases(w.ctx, w.actors.unitParty!, { pageSize: 100 });
      expect(unit.items.map((i) => i.id)).toEqual(expect.arrayContaining([decided.id, theirs.id]));
      const all = await listCases(w.ctx, w.actors.intake!, { pageSize: 100 });
      const above = await listCases(w.ctx, w.actors.cityChair!, { pageSize: 100 });
      expect(above.total).toBe(all.total);
      expect(all.total).toBe(mine.total + 1);
      const logged = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.userId, w.actors.colleague!.userId), eq(readLog.what, 'case.list')));
      expect(logged).toHaveLength(1);
    });

    it('searches number, title and official name, with LIKE wildcards taken literally', async () => {
      const a = w.actors;
      const byNumber = await listCases(w.ctx, a.intake!, { q: decided.number });
      expect(byNumber.items.map((i) => i.id)).toEqual([decided.id]);
      expect((await listCases(w.ctx, a.intake!, { q: '100%完成' })).items.map((i) => i.id)).toEqual(
        [decided.id],
      );
      expect((await listCases(w.ctx, a.intake!, { q: '改造_试点' })).total).toBe(1);
      // Unescaped, '%' and '_' would match every case.
      expect((await listCases(w.ctx, a.intake!, { q: '%' })).total).toBe(1);
      expect((await listCases(w.ctx, a.intake!, { q: '__' })).total).toBe(0);
      const byName = await listCases(w.ctx, a.intake!, { q: '李四' });
      expect(byName.items.every((i) => i.official.name === '李四')).toBe(true);
      expect(byName.total).toBe(1);
      expect(
        (await listCases(w.ctx, a.intake!, { state: 'notified' })).items.map((i) => i.id),
      ).toContain(decided.id);
      expect(escapeLike('a%b_c\\')).toBe('a\\%b\\_c\\\\');
    });

    it('validates filters and paging', async () => {
      const a = w.actors;
      expect(await codeOf(listCases(w.ctx, a.intake!, { pageSize: 101 }))).toBe('VALIDATION');
      expect(await codeOf(listCases(w.ctx, a.intake!, { cursor: 'not-a-cursor' }))).toBe(
        'VALIDATION',
      );
      expect(await codeOf(listCases(w.ctx, a.intake!, { state: 'open' }))).toBe('VALIDATION');
      expect(await codeOf(listCases(w.ctx, a.intake!, { route: 'email' }))).toBe('VALIDATION');
      expect(await codeOf(listCases(w.ctx, a.intake!, { step: 'toString' }))).toBe('VALIDATION');
      expect(await codeOf(listCases(w.ctx, a.intake!, { sort: 'number' as 'due' }))).toBe(
        'VALIDATION',
      );
      expect(await codeOf(listCases(w.ctx, a.intake!, { due: 'late' as 'overdue' }))).toBe(
        'VALIDATION',
      );
      const p1 = await listCases(w.ctx, a.intake!, { pageSize: 1 });
      const p2 = await listCases(w.ctx, a.intake!, { pageSize: 1, cursor: p1.nextCursor! });
      expect(p1.items).toHaveLength(1);
      expect(p2.items).toHaveLength(1);
      expect(p1.items[0]!.id).not.toBe(p2.items[0]!.id);
      expect(p1.total).toBe(p2.total);
    });
  },
  { open: { schema } },
);

describeStores<Schema>(
  'the overdue and due-soon lists',
  (getStore) => {
    let w: World;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      w = await buildWorld(getStore());
      const a = w.actors;
      const at = async (day: string, title: string) => {
        w.clock.setDay(day);
        return driveTo(w, 'submitted', { title });
      };
      // Accepted Monday 3 March: verification due 24 March.
      const dueSoon = await at('2025-03-03', '即将到期');
      ids.dueSoon = (await acceptCase(w.ctx, a.intake!, v(dueSoon))).case.id;
      // The same, but suspended: no clock runs.
      const paused = await at('2025-03-03', '中止中');
      const pausedAccepted = (await acceptCase(w.ctx, a.intake!, v(paused))).case;
      w.clock.setDay('2025-03-05');
      ids.paused = (
        await suspendCase(w.ctx, a.investigator!, {
          ...v(pausedAccepted),
          reason: '等待审计结论。',
        })
      ).case.id;
      // Accepted 10 March: due 31 March.
      const onTime = await at('2025-03-10', '按期');
      ids.onTime = (await acceptCase(w.ctx, a.intake!, v(onTime))).case.id;
      // Submitted 10 March, never accepted: acceptance due 17 March.
      ids.overdue = (await at('2025-03-10', '逾期未受理')).id;
      // Submitted 12 March: acceptance due 19 March, today.
      ids.dueToday = (await at('2025-03-12', '今日到期')).id;
      // Refused: closed, no clock.
      const refused = await at('2025-03-12', '不予受理');
      ids.refused = (
        await refuseCase(w.ctx, a.intake!, { ...v(refused), reasons: '不属于适用范围。' })
      ).case.id;
      w.clock.setDay('2025-03-19');
    }, 60_000);

    it('lists the overdue and the due-soon (three working days, today included) apart', async () => {
      const a = w.actors;
      const overdue = await listCases(w.ctx, a.intake!, { due: 'overdue' });
      expect(overdue.items.map((i) => i.id)).toEqual([ids.overdue]);
      expect(overdue.items[0]).toMatchObject({ dueStatus: 'overdue', stepDueOn: '2025-03-17' });
      const soon = await listCases(w.ctx, a.intake!, { due: 'due_soon' });
      expect(soon.items.map((i) => [i.id, i.stepDueOn, i.dueStatus])).toEqual([
        [ids.dueToday, '2025-03-19', 'due_soon'],
        [ids.dueSoon, '2025-03-24', 'due_soon'],
      ]);
      const all = await listCases(w.ctx, a.intake!, { pageSize: 100 });
      const status = Object.fromEntries(all.items.map((i) => [i.id, i.dueStatus]));
      expect(status).toEqual({
        [ids.dueSoon!]: 'due_soon',
        [ids.paused!]: null,
        [ids.onTime!]: 'on_time',
        [ids.overdue!]: 'overdue',
        [ids.dueToday!]: 'due_soon',
        [ids.refused!]: null,
      });
      const paused = all.items.find((i) => i.id === ids.paused)!;
      expect(paused.suspended).toBe(true);
      expect(paused.abilities).toMatchObject({ resume: true, suspend: false });
      const pending = all.items.find((i) => i.id === ids.overdue)!;
      expect(pending.abilities).toMatchObject({ accept: true, refuse: true, suspend: true });
      // The official sees the same filters over their own cases only.
      const own = await listCases(w.ctx, a.official!, { due: 'overdue' });
      expect(own.items.map((i) => i.id)).toEqual([ids.overdue]);
      expect(own.items[0]!.abilities.accept).toBe(false);
      expect((await listCases(w.ctx, a.colleague!, { due: 'overdue' })).total).toBe(0);
      // The next day, 24 March is still within three working days; 17 March stays overdue.
      w.clock.setDay('2025-03-20');
      expect(
        (await listCases(w.ctx, a.intake!, { due: 'overdue' })).items.map((i) => i.id),
      ).toEqual([ids.overdue, ids.dueToday]);
      w.clock.setDay('2025-03-19');
    });

    it('filters by step and sorts by the nearest due date, open cases first', async () => {
      const a = w.actors;
      const acceptance = await listCases(w.ctx, a.intake!, { step: 'acceptance' });
      expect(new Set(acceptance.items.map((i) => i.id))).toEqual(
        new Set([ids.overdue, ids.dueToday]),
      );
      expect(acceptance.items.every((i) => i.step === 'acceptance')).toBe(true);
      const verification = await listCases(w.ctx, a.intake!, { step: 'verification' });
      expect(verification.total).toBe(3);
      const byDue = await listCases(w.ctx, a.intake!, { sort: 'due', pageSize: 100 });
      const open = byDue.items.filter((i) => i.state !== 'refused');
      // Open cases come first, by due date; the refused (closed) case last.
      expect(byDue.items.at(-1)!.id).toBe(ids.refused);
      const dates = open.map((i) => i.stepDueOn ?? '9999');
      expect(dates).toEqual([...dates].sort());
      expect(open[0]!.id).toBe(ids.overdue);
      // The same filter with the default order: newest activity first.
      const byUpdate = await listCases(w.ctx, a.intake!, { pageSize: 100 });
      expect(byUpdate.items.map((i) => i.id)).not.toEqual(byDue.items.map((i) => i.id));
    });
  },
  { open: { schema } },
);
