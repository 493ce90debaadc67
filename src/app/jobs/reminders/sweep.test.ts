import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../../store/testing/harness.js';
import { notifications, schema, users, type Schema } from '../../tables.js';
import { insertAction, insertCorrection } from '../../testing/correction-rows.js';
import { driveTo } from '../../testing/steps.js';
import { insertVisit } from '../../testing/visit-rows.js';
import { buildWorld, type World } from '../../testing/world.js';
import { JobRunner } from '../runner.js';
import { scheduleSweep, sweepKey, SWEEP_KIND, sweepJob, sweepTime } from './daily.js';
import { textsOf, sweepReminders } from './sweep.js';

describeStores<Schema>(
  'the reminder sweep',
  (getStore) => {
    let w: World;
    const ids: Record<string, string> = {};
    const nameOf = (userId: string) =>
      Object.entries(w.actors).find(([, a]) => a.userId === userId)?.[0] ?? userId;

    /** What the sweeps have sent, as 'kind subject → user' lines, sorted. */
    async function sent(): Promise<string[]> {
      const rows = await w.ctx.store.db.select().from(notifications);
      const subject = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;
      return rows
        .map((r) => `${r.kind} ${subject(r.subjectId)} ${r.dueOn} → ${nameOf(r.userId)}`)
        .sort();
    }

    beforeAll(async () => {
      // Monday 3 March 2025: three working days ahead is Thursday the 6th.
      w = await buildWorld(getStore(), '2025-03-03');
      const chair = w.actors.chair!.userId;
      const working = await driveTo(w, 'determined', { title: '纠错中' });
      const reviewing = await driveTo(w, 'determined', { title: '待评估' });
      // A follow-up visit due Wednesday, and one already made (not reminded).
      const visited = await driveTo(w, 'notified', { title: '待回访' });
      const made = await driveTo(w, 'notified', { title: '已回访' });
      const liaison = w.actors.liaison!.userId;
      ids['visit'] = (
        await insertVisit(w.ctx.store.db, visited, liaison, { dueOn: '2025-03-05' })
      ).id;
      await insertVisit(w.ctx.store.db, made, liaison, {
        dueOn: '2025-03-04',
        state: 'done',
        visitedOn: '2025-03-03',
        visitors: '区委组织部干部科 王科长',
        findings: '工作状态良好。',
        conclusion: 'performing_well',
        recordedBy: liaison,
      });
      const k = await insertCorrection(w.ctx.store.db, working, chair);
      const k2 = await insertCorrection(w.ctx.store.db, reviewing, chair, {
        state: 'awaiting_review',
        reviewDueOn: '2025-03-05',
      });
      ids['review'] = k2.id;
      const add = async (name: string, set: Parameters<typeof insertAction>[3]) => {
        ids[name] = (await insertAction(w.ctx.store.db, k, chair, set)).id;
      };
      // Due Wednesday, owned by the official (two accounts are that official).
      await add('soonOfficial', { ownerOfficialId: w.ids.official, dueOn: '2025-03-05' });
      // Due Thursday, owned by the sub-unit: the party organization over its parent unit.
      await add('soonUnit', { ownerUnitId: w.ids.subUnit, dueOn: '2025-03-06' });
      // Due Friday: four working days away.
      await add('later', { ownerOfficialId: w.ids.colleague, dueOn: '2025-03-07' });
      // Due the next Wednesday: three working days from Friday the 7th, across the weekend.
      await add('nextWeek', { ownerOfficialId: w.ids.colleague, dueOn: '2025-03-12' });
      await add('overdue', { ownerOfficialId: w.ids.official, dueOn: '2025-02-28' });
      await add('submitted', {
        ownerUnitId: w.ids.otherUnit,
        dueOn: '2025-03-04',
        state: 'submitted',
        submittedOn: '2025-03-01',
        submittedBy: w.actors.otherUnitParty!.userId,
        submission: '已补办。',
      });
      await add('confirmed', {
        ownerOfficialId: w.ids.official,
        dueOn: '2025-02-27',
        state: 'confirmed',
        submittedOn: '2025-02-25',
        verifiedOn: '2025-02-26',
        verdict: 'confirmed',
      });
    }, 240_000);

    it('sends each source’s reminders to the right people', async () => {
      const r = await sweepReminders(w.ctx);
      expect(r.day).toBe('2025-03-03');
      expect(await sent()).toEqual([
        'correction.review_due_soon review 2025-03-05 → chair',
        // the city's chair holds the role over a scope that contains the area
        'correction.review_due_soon review 2025-03-05 → cityChair',
        'correction.review_due_soon review 2025-03-05 → liaison',
        'correction_action.due_soon soonOfficial 2025-03-05 → official',
        'correction_action.due_soon soonOfficial 2025-03-05 → officialOnCommittee',
        'correction_action.due_soon soonUnit 2025-03-06 → unitParty',
        'correction_action.overdue overdue 2025-02-28 → liaison',
        'correction_action.overdue overdue 2025-02-28 → official',
        'correction_action.overdue overdue 2025-02-28 → officialOnCommittee',
        'correction_action.to_verify submitted 2025-03-01 → liaison',
        // the organization department's liaison over the area, only
        'visit.due_soon visit 2025-03-05 → liaison',
      ]);
      expect(r.total).toBe(11);
      expect(r.written).toMatchObject({
        'correction actions due soon': 3,
        'correction actions overdue': 3,
        'correction actions to verify': 1,
        'effectiveness reviews due': 3,
        'follow-up visits due': 1,
      });
    });

    it('sends nothing twice: a second sweep and two racing sweeps write nothing new', async () => {
      expect((await sweepReminders(w.ctx)).total).toBe(0);
      const [a, b] = await Promise.all([sweepReminders(w.ctx), sweepReminders(w.ctx)]);
      expect(a.total + b.total).toBe(0);
      expect(await sent()).toHaveLength(11);
    });

    it('follows the calendar as the days pass, and leaves disabled accounts out', async () => {
      // Tuesday: Friday's deadline comes within three working days; racing sweeps write it once.
      w.clock.setDay('2025-03-04');
      const [a, b] = await Promise.all([sweepReminders(w.ctx), sweepReminders(w.ctx)]);
      expect(a.total + b.total).toBe(1);
      expect(await sent()).toContain('correction_action.due_soon later 2025-03-07 → colleague');
      // Thursday: Wednesday's deadline and the review have passed.
      await w.ctx.store.db
        .update(users)
        .set({ disabled: true })
        .where(eq(users.id, w.actors.officialOnCommittee!.userId));
      w.clock.setDay('2025-03-06');
      const before = await sent();
      await sweepReminders(w.ctx);
      const added = (await sent()).filter((l) => !before.includes(l));
      expect(added).toEqual([
        'correction.review_overdue review 2025-03-05 → chair',
        'correction.review_overdue review 2025-03-05 → cityChair',
        'correction.review_overdue review 2025-03-05 → liaison',
        'correction_action.overdue soonOfficial 2025-03-05 → liaison',
        'correction_action.overdue soonOfficial 2025-03-05 → official',
        'visit.overdue visit 2025-03-05 → liaison',
      ]);
      // Friday: next Wednesday is three working days away (Monday, Tuesday, Wednesday).
      w.clock.setDay('2025-03-07');
      await sweepReminders(w.ctx);
      expect(await sent()).toContain('correction_action.due_soon nextWeek 2025-03-12 → colleague');
    });

    it('words every notification in Chinese and English from its params', async () => {
      const rows = await w.ctx.store.db.select().from(notifications);
      for (const r of rows) {
        const text = textsOf(r.kind)?.(r.params, r.dueOn);
        expect(text?.zh).toContain(r.dueOn);
        expect(text?.en).toContain(r.dueOn);
        const number = String(r.params['number']);
        expect(number.length).toBeGreaterThan(3);
        expect(text?.zh).toContain(`案件 ${number}`);
        expect(text?.en).toContain(`case ${number}`);
      }
    });

    it('runs daily as a job that schedules the next day’s sweep', async () => {
      w.clock.setDay('2025-03-10');
      expect(await scheduleSweep(w.ctx)).toBe(true);
      expect(await scheduleSweep(w.ctx)).toBe(false);
      // 10:00 China time on the 10th is after the 07:00 sweep: it runs now.
      const runner = new JobRunner(w.ctx, { [SWEEP_KIND]: sweepJob });
      const r = await runner.runOnce();
      expect(r).toEqual({ done: 1, failures: [] });
      const [next] = await runner.claim();
      expect(next).toBeUndefined();
      const {
        rows: [row],
      } = await w.ctx.store.query<{ run_at: Date; state: string }>(
        `SELECT run_at, state FROM jobs WHERE key = $1`,
        [sweepKey('2025-03-11')],
      );
      expect(row).toEqual({ run_at: sweepTime('2025-03-11'), state: 'pending' });
      expect(sweepTime('2025-03-11').toISOString()).toBe('2025-03-10T23:00:00.000Z');
    });
  },
  { open: { schema } },
);
