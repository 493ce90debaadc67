import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { addMember } from '../cases/add-member.js';
import type { CaseRow } from '../cases/record.js';
import { suspendCase } from '../cases/suspend.js';
import { castVote } from '../cases/vote.js';
import { readLog, schema, type Schema } from '../tables.js';
import { caseRow, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { getTodos, type Todos } from './todos.js';

/** The case ids listed under each task. */
function byTask(t: Todos): Record<string, string[]> {
  return Object.fromEntries(t.groups.map((g) => [g.action, g.items.map((i) => i.caseId)]));
}

describeStores<Schema>(
  'the to-do list: what waits for whom, from the rules',
  (getStore) => {
    let w: World;
    let submitted: CaseRow;
    let verifying: CaseRow;
    let deliberating: CaseRow;
    let determined: CaseRow;
    let notified: CaseRow;
    beforeAll(async () => {
      w = await buildWorld(getStore());
      submitted = await driveTo(w, 'submitted', { title: '待受理一' });
      verifying = await driveTo(w, 'verification', { title: '核实中一' });
      deliberating = await driveTo(w, 'deliberation', { title: '研究中一' });
      determined = await driveTo(w, 'determined', { title: '已认定一' });
      notified = await driveTo(w, 'notified', { title: '已反馈一' });
    }, 180_000);

    it('gives each officer the cases on which the next move is theirs, and logs the read', async () => {
      expect(byTask(await getTodos(w.ctx, w.actors.intake!))).toEqual({
        accept: [submitted.id],
        notify: [determined.id],
      });
      expect(byTask(await getTodos(w.ctx, w.actors.investigator!))).toEqual({
        completeVerification: [verifying.id],
      });
      // No votes yet: the chair's task is forming the panel, not deciding.
      expect(byTask(await getTodos(w.ctx, w.actors.chair!))).toEqual({
        addMember: [deliberating.id],
        notify: [determined.id],
      });
      // Another district's intake officer has nothing here.
      expect((await getTodos(w.ctx, w.actors.outsiderIntake!)).groups).toEqual([]);
      const logged = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.userId, w.actors.intake!.userId), eq(readLog.what, 'case.todos')));
      expect(logged.length).toBeGreaterThan(0);
    });

    it('follows the deliberation: a member votes, then the chair decides', async () => {
      let row = deliberating;
      const v = () => ({ caseId: row.id, expectedVersion: row.version });
      row = (await addMember(w.ctx, w.actors.chair!, { ...v(), userId: w.actors.member1!.userId }))
        .case;
      expect(byTask(await getTodos(w.ctx, w.actors.member1!))).toEqual({ vote: [row.id] });
      row = (
        await castVote(w.ctx, w.actors.member1!, { ...v(), outcome: 'exempted', reason: '同意。' })
      ).case;
      expect((await getTodos(w.ctx, w.actors.member1!)).groups).toEqual([]);
      expect(byTask(await getTodos(w.ctx, w.actors.chair!))['decide']).toEqual([row.id]);
    });

    it('gives the official their cases and what they may do, review with its window', async () => {
      const t = await getTodos(w.ctx, w.actors.official!);
      const tasks = byTask(t);
      expect(tasks['requestReview']).toEqual([notified.id]);
      expect(tasks['recordStatement']?.sort()).toEqual([submitted.id, verifying.id].sort());
      const review = t.groups.find((g) => g.action === 'requestReview')!.items[0]!;
      expect(review.dueOn).not.toBeNull();
      expect(review.dueOn! >= notified.notifiedOn!).toBe(true);
      expect(t.mine.map((m) => m.caseId).sort()).toEqual(
        [submitted, verifying, deliberating, determined, notified].map((c) => c.id).sort(),
      );
      const mine = t.mine.find((m) => m.caseId === notified.id)!;
      expect(mine.decided).toBe(true);
      expect(mine.actions).toContain('requestReview');
      expect(t.mine.find((m) => m.caseId === submitted.id)!.decided).toBe(false);
    });

    it('counts what is due soon and overdue on the step clock, and leaves a suspended clock out', async () => {
      const due = submitted.stepDueOn!;
      w.clock.setDay(due);
      let t = await getTodos(w.ctx, w.actors.intake!);
      const accept = t.groups.find((g) => g.action === 'accept')!.items[0]!;
      expect(accept).toMatchObject({ dueOn: due, dueStatus: 'due_soon' });
      w.clock.setDay('2030-01-02');
      t = await getTodos(w.ctx, w.actors.intake!);
      expect(t.counts).toEqual({ waiting: 2, dueSoon: 0, overdue: 2 });
      const row = await caseRow(w, submitted.id);
      await suspendCase(w.ctx, w.actors.intake!, {
        caseId: row.id,
        expectedVersion: row.version,
        reason: '等待有关部门提供材料。',
      });
      t = await getTodos(w.ctx, w.actors.intake!);
      // Still to be accepted (acceptance does not wait for a resumption), with no running clock.
      const listed = t.groups.find((g) => g.action === 'accept')!.items[0]!;
      expect(listed).toMatchObject({ caseId: submitted.id, dueStatus: null });
      expect(t.counts).toEqual({ waiting: 2, dueSoon: 0, overdue: 1 });
    });
  },
  { open: { schema } },
);
