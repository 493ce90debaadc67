import { and, desc, eq, isNull } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { verifyAudit } from '../audit.js';
import { AppError } from '../errors.js';
import { describeStores } from '../../store/testing/harness.js';
import {
  caseEvents,
  caseFacts,
  cases,
  caseSuspensions,
  determinations,
  schema,
  type Schema,
} from '../tables.js';
import { driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { determinationInForce, loadCase, type CaseRow } from './record.js';
import { runTransition } from './transition.js';
import { recordFact } from './record-fact.js';
import { resumeCase } from './resume.js';
import { suspendCase } from './suspend.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });

describeStores<Schema>(
  'a transition is one plain transaction: the row lock, the version guard, all or nothing',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    const countWhere = async (table: typeof caseSuspensions | typeof caseEvents, caseId: string) =>
      (
        await w.ctx.store.db
          .select({ id: table.caseId })
          .from(table)
          .where(eq(table.caseId, caseId))
      ).length;

    it('five suspensions of the same version at once: one is kept with its event, the others keep nothing', async () => {
      const c = await driveTo(w, 'verification');
      const eventsBefore = await countWhere(caseEvents, c.id);
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) =>
          suspendCase(w.ctx, w.actors.investigator!, { ...v(c), reason: `等待书面答复（${i}）。` }),
        ),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(ok).toHaveLength(1);
      expect(failed.map((f) => (f.reason as AppError).code)).toEqual(
        Array(4).fill('CASE_VERSION_CONFLICT'),
      );
      // Exactly one suspension row and one event: the losers' writes were undone with them.
      expect(await countWhere(caseSuspensions, c.id)).toBe(1);
      expect(await countWhere(caseEvents, c.id)).toBe(eventsBefore + 1);
      const [row] = await w.ctx.store.db.select().from(cases).where(eq(cases.id, c.id));
      expect(row).toMatchObject({ version: c.version + 1, suspendedSince: expect.any(String) });
      expect((await verifyAudit(w.ctx)).firstBreak).toBeUndefined();
    });

    it('two facts recorded on the same version at once: one current value, superseded once', async () => {
      const c = await driveTo(w, 'verification');
      const results = await Promise.allSettled(
        [true, false].map((value) =>
          recordFact(w.ctx, w.actors.investigator!, { ...v(c), fact: 'crimeSuspected', value }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const current = await w.ctx.store.db
        .select()
        .from(caseFacts)
        .where(
          and(
            eq(caseFacts.caseId, c.id),
            eq(caseFacts.fact, 'crimeSuspected'),
            isNull(caseFacts.supersededAt),
          ),
        );
      expect(current).toHaveLength(1);
    });

    it('a fact recorded as unknown is stored as SQL NULL (not the JSON null), as drizzle would store it', async () => {
      let c = await driveTo(w, 'verification');
      c = (
        await recordFact(w.ctx, w.actors.investigator!, {
          ...v(c),
          fact: 'crimeSuspected',
          value: null,
        })
      ).case;
      const r = await w.ctx.store.query<{ sqlNull: boolean }>(
        `SELECT value IS NULL AS "sqlNull" FROM case_facts WHERE case_id = $1 AND fact = 'crimeSuspected' AND superseded_at IS NULL`,
        [c.id],
      );
      expect(r.rows).toEqual([{ sqlNull: true }]);
      // Recording it again supersedes it, and the event names the previous value.
      const again = await recordFact(w.ctx, w.actors.investigator!, {
        ...v(c),
        fact: 'crimeSuspected',
        value: false,
      });
      const [e] = await w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.seq, again.event.seq)));
      expect(e!.payload).toMatchObject({ previous: null, value: false });
    });

    it('suspend and resume: the suspension ends the day before resuming', async () => {
      w.clock.setDay('2025-03-03');
      let c = await driveTo(w, 'verification');
      c = (await suspendCase(w.ctx, w.actors.investigator!, { ...v(c), reason: '等待审计结论。' }))
        .case;
      w.clock.setDay('2025-03-10');
      const resumed = await resumeCase(w.ctx, w.actors.investigator!, v(c));
      expect(resumed.case.suspendedSince).toBeNull();
      // The row a transition returns (made from what it set) is exactly the row stored.
      const [stored] = await w.ctx.store.db.select().from(cases).where(eq(cases.id, c.id));
      expect(resumed.case).toEqual(stored);
      const rows = await w.ctx.store.db
        .select()
        .from(caseSuspensions)
        .where(eq(caseSuspensions.caseId, c.id));
      expect(rows).toMatchObject([{ fromOn: '2025-03-03', toOn: '2025-03-09' }]);
      w.clock.setDay('2025-03-03');
    });

    it('a body that fails after writing keeps nothing: no row, no event, no new version', async () => {
      const c = await driveTo(w, 'verification');
      const eventsBefore = await countWhere(caseEvents, c.id);
      await expect(
        runTransition(w.ctx, w.actors.investigator!, 'suspend', v(c), async ({ tx, loaded }) => {
          await tx.insert(caseSuspensions).values({
            id: '00000000-0000-4000-8000-000000000001',
            caseId: loaded.row.id,
            jurisdictionId: loaded.row.jurisdictionId,
            step: loaded.row.step,
            fromOn: '2025-03-03',
            toOn: null,
            reason: '写入后失败',
          });
          throw new AppError('CASE_PRECONDITION');
        }),
      ).rejects.toMatchObject({ code: 'CASE_PRECONDITION' });
      expect(await countWhere(caseSuspensions, c.id)).toBe(0);
      expect(await countWhere(caseEvents, c.id)).toBe(eventsBefore);
      const [row] = await w.ctx.store.db.select().from(cases).where(eq(cases.id, c.id));
      expect(row!.version).toBe(c.version);
    });

    it('the case row is updated only where it still has the version read: otherwise CASE_VERSION_CONFLICT and nothing kept', async () => {
      const c = await driveTo(w, 'verification');
      const eventsBefore = await countWhere(caseEvents, c.id);
      // A body that moves the version behind the transition's back (as a change bypassing
      // runTransition would): the guarded update finds no row with the version read.
      await expect(
        runTransition(w.ctx, w.actors.investigator!, 'suspend', v(c), async ({ tx, loaded }) => {
          await tx
            .update(cases)
            .set({ version: loaded.row.version + 5 })
            .where(eq(cases.id, loaded.row.id));
          return { event: 'case.suspended', result: undefined };
        }),
      ).rejects.toMatchObject({ code: 'CASE_VERSION_CONFLICT' });
      const [row] = await w.ctx.store.db.select().from(cases).where(eq(cases.id, c.id));
      expect(row!.version).toBe(c.version);
      expect(await countWhere(caseEvents, c.id)).toBe(eventsBefore);
    });

    it('loadCase reads the row and the members; determinationInForce the latest determination', async () => {
      const c = await driveTo(w, 'determined');
      const loaded = await loadCase(w.ctx, w.ctx.store.db, c.id);
      const [stored] = await w.ctx.store.db.select().from(cases).where(eq(cases.id, c.id));
      expect(loaded.row).toEqual(stored);
      expect(loaded.members.length).toBeGreaterThan(0);
      const inForce = await determinationInForce(w.ctx.store.db, c.id);
      const [latest] = await w.ctx.store.db
        .select()
        .from(determinations)
        .where(eq(determinations.caseId, c.id))
        .orderBy(desc(determinations.createdAt))
        .limit(1);
      expect(inForce).toBeDefined();
      expect(inForce).toEqual(latest);
    });
  },
  { open: { schema } },
);
