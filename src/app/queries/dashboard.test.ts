import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../domain/roles.js';
import { describeStores } from '../../store/testing/harness.js';
import { submitApplication } from '../cases/submit-application.js';
import { cases, determinations, schema, units, type Schema } from '../tables.js';
import { suspendCase } from '../cases/suspend.js';
import { driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { getDashboard } from './dashboard.js';
import { caseStepCounts, determinationMonths } from './summary-tables.js';

describeStores<Schema>(
  'the dashboard at scale: scope by ids, decisions from the summary',
  (getStore) => {
    let w: World;
    /** An organization-department liaison over the official's unit (and its sections) only. */
    let unitLiaison: Actor;
    beforeAll(async () => {
      w = await buildWorld(getStore());
      await driveTo(w, 'notified', { title: '已反馈一' });
      await driveTo(w, 'determined', { title: '已认定一' });
      await driveTo(w, 'verification', { title: '核实中一' });
      // A case of another unit of the same district.
      await submitApplication(w.ctx, w.actors.colleague!, {
        officialId: w.ids.colleague,
        title: '园区道路应急抢修',
        summary: '暴雨后未经招标先行抢修。',
        conductDate: '2024-07-01',
      });
      const [subUnit] = await w.ctx.store.db
        .select({ path: units.path })
        .from(units)
        .where(eq(units.id, w.ids.subUnit));
      unitLiaison = {
        ...w.actors.liaison!,
        grants: [
          {
            role: 'org_liaison',
            scopeKind: 'unit',
            scopeId: w.ids.subUnit,
            scopePath: subUnit!.path,
          },
        ],
      };
    }, 120_000);

    it('counts a unit-scoped manager over the unit subtree only, decisions included', async () => {
      const chair = await getDashboard(w.ctx, w.actors.chair!);
      const unit = await getDashboard(w.ctx, unitLiaison);
      // The colleague's case is outside the official's section; the three others are inside.
      expect(chair.totals.open).toBe(unit.totals.open + 1);
      expect(unit.totals.open).toBe(3);
      expect(unit.totals.decided).toBe(2);
      expect(unit.outcomesByMonth).toEqual(chair.outcomesByMonth);
      // Nothing of the district's managers' counts is lost by scoping through ids.
      const city = await getDashboard(w.ctx, w.actors.cityChair!);
      expect(city.totals).toEqual(chair.totals);
    });

    it('keeps determination_months equal to the determinations, also when one changes', async () => {
      const agree = async () => {
        const fromTable = await w.ctx.store.db
          .select({
            month: sql<string>`to_char(${determinations.decidedOn}, 'YYYY-MM')`,
            outcome: determinations.outcome,
            n: sql<number>`count(*)::int`,
          })
          .from(determinations)
          .groupBy(sql`1`, sql`2`)
          .orderBy(sql`1`, sql`2`);
        const summary = await w.ctx.store.db
          .select({
            month: determinationMonths.month,
            outcome: determinationMonths.outcome,
            n: sql<number>`sum(${determinationMonths.n})::int`,
          })
          .from(determinationMonths)
          .where(sql`${determinationMonths.n} <> 0`)
          .groupBy(sql`1`, sql`2`)
          .orderBy(sql`1`, sql`2`);
        expect(summary).toEqual(fromTable);
        return summary;
      };
      const before = await agree();
      expect(before.reduce((s, r) => s + r.n, 0)).toBe(2);
      const [one] = await w.ctx.store.db.select({ id: determinations.id }).from(determinations);
      await w.ctx.store.db
        .update(determinations)
        .set({ outcome: 'lighter', decidedOn: '2025-01-15' })
        .where(eq(determinations.id, one!.id));
      const after = await agree();
      expect(after).toContainEqual({ month: '2025-01', outcome: 'lighter', n: 1 });
    });

    it('keeps case_step_counts equal to the open cases, through transitions', async () => {
      const agree = async () => {
        const fromCases = await w.ctx.store.db
          .select({ step: cases.step, n: sql<number>`count(*)::int` })
          .from(cases)
          .where(sql`${cases.state} not in ('refused', 'closed', 'withdrawn')`)
          .groupBy(sql`1`)
          .orderBy(sql`1`);
        const summary = await w.ctx.store.db
          .select({ step: caseStepCounts.step, n: sql<number>`sum(${caseStepCounts.n})::int` })
          .from(caseStepCounts)
          .groupBy(sql`1`)
          .having(sql`sum(${caseStepCounts.n}) <> 0`)
          .orderBy(sql`1`);
        expect(summary).toEqual(fromCases);
      };
      await agree();
      const c = await driveTo(w, 'verification', { title: '将中止' });
      await agree();
      await suspendCase(w.ctx, w.actors.investigator!, {
        caseId: c.id,
        expectedVersion: c.version,
        reason: '等待审计结论。',
      });
      await agree();
      const d = await getDashboard(w.ctx, w.actors.chair!);
      expect(d.totals.suspended).toBe(1);
    });
  },
  { open: { schema } },
);
