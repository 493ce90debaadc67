import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { verifyAudit } from '../audit.js';
import type { CaseRow } from '../cases/record.js';
import { visitsView } from '../queries/visits.js';
import {
  adminEvents,
  caseEvents,
  determinations,
  followUpVisits,
  jurisdictions,
  readLog,
  schema,
  visitDraws,
  type Schema,
} from '../tables.js';
import { RecordVisitBody } from '../../api/visits.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { caseRow, codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { dueOn, drawVisits, windowEnd } from './draw.js';
import { recordVisit } from './record-visit.js';
import { reportVisits } from './report-visits.js';
import { orderedPopulation, redraw, sampleSize } from './sample.js';

/** The draw as the top of sample.ts documents it, written out again independently. */
function documentedDraw(seed: string, population: readonly string[], share: number): string[] {
  const a = [...population];
  const k = Math.ceil(Number((share * a.length).toFixed(9)));
  for (let i = 0; i < k; i++) {
    const hex = createHash('sha256').update(`${seed}:${i}`).digest('hex').slice(0, 12);
    const j = i + Number((BigInt(`0x${hex}`) * BigInt(a.length - i)) / 2n ** 48n);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

describe('the seeded sample draw (回访抽查)', () => {
  const population = orderedPopulation(
    Array.from({ length: 37 }, (_, i) => `d-${String(i).padStart(3, '0')}`).reverse(),
  );

  it('orders the population by id, whatever order it came in', () => {
    expect(population[0]).toBe('d-000');
    expect(population[36]).toBe('d-036');
  });

  it('takes at least the share, rounded up, and never more than there are', () => {
    expect(sampleSize(0.3, 10)).toBe(3);
    expect(sampleSize(0.3, 4)).toBe(2);
    expect(sampleSize(0.3, 1)).toBe(1);
    expect(sampleSize(0.3, 0)).toBe(0);
    expect(sampleSize(0.35, 20)).toBe(7);
    expect(sampleSize(1, 5)).toBe(5);
    expect(redraw('s', population, 0.3)).toHaveLength(12);
  });

  it('draws the same from the same seed and population, and follows the documented steps', () => {
    const a = redraw('public-lottery-2025-0815', population, 0.3);
    expect(redraw('public-lottery-2025-0815', [...population], 0.3)).toEqual(a);
    expect(documentedDraw('public-lottery-2025-0815', population, 0.3)).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    for (const id of a) expect(population).toContain(id);
    // Another seed, another sample (the chance of the same 12 of 37 is negligible).
    expect(redraw('another-seed', population, 0.3)).not.toEqual(a);
  });

  it('gives each official a fair chance: over many seeds, every one is drawn about as often', () => {
    const small = orderedPopulation(['a', 'b', 'c', 'd', 'e']);
    const counts = new Map(small.map((x) => [x, 0]));
    for (let s = 0; s < 2000; s++) {
      for (const x of redraw(`seed-${s}`, small, 0.4)) counts.set(x, counts.get(x)! + 1);
    }
    // 2 of 5 each time: 800 expected for each.
    for (const n of counts.values()) expect(Math.abs(n - 800)).toBeLessThan(120);
  });

  it('counts the window and the due day back from the end of the impact period', () => {
    expect(windowEnd('2025-08-10', { months: 1 })).toBe('2025-09-10');
    expect(windowEnd('2025-01-31', { months: 1 })).toBe('2025-02-28');
    expect(windowEnd('2025-08-10', { days: 45 })).toBe('2025-09-24');
    expect(dueOn('2025-09-03', { months: 1 }, '2025-07-01')).toBe('2025-08-03');
    // Drawn late: due at once.
    expect(dueOn('2025-09-03', { months: 1 }, '2025-08-20')).toBe('2025-08-20');
  });
});

const REASONS = '综合考虑损失情况和挽回情况，认定机构决定减轻问责，理由已记录在会议纪要中。';

describeStores<Schema>(
  'follow-up visits (回访): draw, record, report',
  (getStore) => {
    let w: World;
    let reduced: CaseRow[];
    let later: CaseRow;

    beforeAll(async () => {
      w = await buildWorld(getStore());
      w.clock.setDay('2025-03-03');
      // Four reduced (6 months: the period ends on 2025-09-03) and one lighter (12 months).
      reduced = [];
      for (let i = 0; i < 4; i++) {
        reduced.push(
          await driveTo(w, 'notified', { outcome: 'reduced', departureReasons: REASONS }),
        );
      }
      later = await driveTo(w, 'notified', { outcome: 'lighter', departureReasons: REASONS });
      // An exemption has no impact period.
      await driveTo(w, 'notified');
      w.clock.setDay('2025-08-10');
    }, 120_000);

    it('shows the population before the draw: the impact periods ending within a month', async () => {
      const view = await visitsView(w.ctx, w.actors.liaison!, {});
      expect(view.jurisdiction.id).toBe(w.ids.area);
      expect(view.rule).toMatchObject({ months: 1, days: 0, sampleShare: 0.3, basis: 'x20-art15' });
      expect(view.rule?.citation?.zh).toMatch(/第十五条$/);
      expect(view.window).toEqual({ from: '2025-08-10', to: '2025-09-10' });
      expect(view.upcoming.map((u) => u.caseId).sort()).toEqual(reduced.map((c) => c.id).sort());
      expect(view.upcoming[0]).toMatchObject({ impactEndsOn: '2025-09-03', dueOn: '2025-08-10' });
      expect(view.mayDraw).toBe(true);
      const [logged] = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.userId, w.actors.liaison!.userId), eq(readLog.what, 'visits.list')));
      expect(logged?.jurisdictionId).toBe(w.ids.area);
    });

    it('is drawn by the liaison of the jurisdiction only', async () => {
      const draw = { jurisdictionId: w.ids.area };
      expect(await codeOf(drawVisits(w.ctx, w.actors.chair!, draw))).toBe('FORBIDDEN');
      expect(await codeOf(drawVisits(w.ctx, w.actors.intake!, draw))).toBe('FORBIDDEN');
      expect(await codeOf(visitsView(w.ctx, w.actors.official!, {}))).toBe('FORBIDDEN');
      expect(await codeOf(drawVisits(w.ctx, w.actors.liaison!, { ...draw, seed: 'a b' }))).toBe(
        'VALIDATION',
      );
      // A liaison of a district whose pack sets no follow-up cannot draw there.
      const [other] = await w.ctx.store.db
        .select({ path: jurisdictions.path })
        .from(jurisdictions)
        .where(eq(jurisdictions.id, w.ids.otherArea));
      const there = {
        ...w.actors.liaison!,
        grants: [
          {
            role: 'org_liaison' as const,
            scopeKind: 'jurisdiction' as const,
            scopeId: w.ids.otherArea,
            scopePath: other!.path,
          },
        ],
      };
      expect(await codeOf(drawVisits(w.ctx, there, { jurisdictionId: w.ids.otherArea }))).toBe(
        'VISIT_NO_RULE',
      );
      expect(await codeOf(drawVisits(w.ctx, there, draw))).toBe('FORBIDDEN');
    });

    let drawn: Awaited<ReturnType<typeof drawVisits>>;

    it('draws ⌈30% × 4⌉ = 2 by a logged seed; drawing again from the log gives the same', async () => {
      drawn = await drawVisits(w.ctx, w.actors.liaison!, { jurisdictionId: w.ids.area });
      expect(drawn.seed).toMatch(/^[0-9a-f]{32}$/);
      expect(drawn.population).toHaveLength(4);
      expect(drawn.selected).toHaveLength(2);
      const [row] = await w.ctx.store.db
        .select()
        .from(visitDraws)
        .where(eq(visitDraws.id, drawn.id));
      expect(row!.share).toBe(0.3);
      expect(row!.windowTo).toBe('2025-09-10');
      expect(redraw(row!.seed, row!.population, row!.share)).toEqual(row!.selected);
      // The population is the determinations in force, in id order.
      const ds = await w.ctx.store.db.select().from(determinations);
      const ids = ds.filter((d) => reduced.some((c) => c.id === d.caseId)).map((d) => d.id);
      expect(row!.population).toEqual(orderedPopulation(ids));
      // The draw is in the administration trail with its seed, population and result.
      const [audit] = await w.ctx.store.db
        .select()
        .from(adminEvents)
        .where(and(eq(adminEvents.action, 'visits.draw'), eq(adminEvents.targetId, w.ids.area)));
      expect(audit!.payload).toMatchObject({
        drawId: drawn.id,
        seed: drawn.seed,
        population: row!.population,
        selected: row!.selected,
      });
    });

    it('schedules one visit per official drawn, with an event on each case’s chain', async () => {
      const visits = await w.ctx.store.db
        .select()
        .from(followUpVisits)
        .where(eq(followUpVisits.drawId, drawn.id));
      expect(visits.map((v) => v.determinationId).sort()).toEqual([...drawn.selected].sort());
      for (const v of visits) {
        expect(v).toMatchObject({ state: 'scheduled', dueOn: '2025-08-10' });
        const events = await w.ctx.store.db
          .select()
          .from(caseEvents)
          .where(and(eq(caseEvents.caseId, v.caseId), eq(caseEvents.type, 'case.visit_drawn')));
        expect(events).toHaveLength(1);
        expect(events[0]!.payload).toMatchObject({ visitId: v.id, seed: drawn.seed });
      }
      expect((await verifyAudit(w.ctx)).firstBreak).toBeUndefined();
    });

    it('never draws an official twice: the next draw takes from those left', async () => {
      const seed = 'public-2025-08-10';
      const second = await drawVisits(w.ctx, w.actors.liaison!, {
        jurisdictionId: w.ids.area,
        seed,
      });
      expect(second.seed).toBe(seed);
      expect(second.population).toHaveLength(2);
      for (const id of second.population) expect(drawn.selected).not.toContain(id);
      expect(second.selected).toHaveLength(1);
      const third = await drawVisits(w.ctx, w.actors.liaison!, { jurisdictionId: w.ids.area });
      expect(third.population).toHaveLength(1);
      expect(
        await codeOf(drawVisits(w.ctx, w.actors.liaison!, { jurisdictionId: w.ids.area })),
      ).toBe('VISIT_NOTHING_TO_DRAW');
      // The lighter outcome's period ends in 2026: not in this window.
      const all = await w.ctx.store.db.select().from(followUpVisits);
      expect(all.some((v) => v.caseId === later.id)).toBe(false);
    });

    it('records a visit once, and reports it to the organization department once', async () => {
      const view = await visitsView(w.ctx, w.actors.liaison!, {});
      const v = view.visits.find((x) => x.drawId === drawn.id)!;
      expect(v.abilities).toEqual({ record: true, report: false });
      const entry = {
        visitId: v.id,
        expectedVersion: v.caseVersion,
        visitedOn: '2025-08-12',
        visitors: '区委组织部干部科 王科长、李干事',
        findings: '该同志整改措施落实到位，工作积极主动，群众评价良好。',
        conclusion: 'performing_well',
      };
      w.clock.setDay('2025-08-12');
      expect(
        await codeOf(recordVisit(w.ctx, w.actors.liaison!, { ...entry, conclusion: 'fine' })),
      ).toBe('VALIDATION');
      expect(
        await codeOf(recordVisit(w.ctx, w.actors.liaison!, { ...entry, visitedOn: '2025-08-13' })),
      ).toBe('VALIDATION');
      // A day the calendar does not have is refused as such, not read as 2 March.
      await expect(
        recordVisit(w.ctx, w.actors.liaison!, { ...entry, visitedOn: '2025-02-30' }),
      ).rejects.toMatchObject({ text: { en: 'visitedOn: not a date; use YYYY-MM-DD.' } });
      expect(await codeOf(recordVisit(w.ctx, w.actors.chair!, entry))).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(recordVisit(w.ctx, w.actors.official!, entry))).toBe('VISIT_NOT_FOUND');
      expect(await codeOf(reportVisits(w.ctx, w.actors.liaison!, { visitIds: [v.id] }))).toBe(
        'CASE_PRECONDITION',
      );
      // The texts are held to the API's limits (TEXT_LIMITS; text-limits.test.ts leaves these here).
      for (const field of ['visitors', 'findings'] as const) {
        const limit = TEXT_LIMITS[field === 'visitors' ? 'visitVisitors' : 'visitFindings'];
        expect(
          (RecordVisitBody.properties[field] as unknown as { maxLength: number }).maxLength,
        ).toBe(limit.max);
        for (const length of [limit.max + 1, limit.min - 1]) {
          await expect(
            recordVisit(w.ctx, w.actors.liaison!, { ...entry, [field]: '访'.repeat(length) }),
          ).rejects.toMatchObject({ code: 'VALIDATION', details: { field } });
        }
      }
      const recorded = await recordVisit(w.ctx, w.actors.liaison!, entry);
      expect(recorded.event.seq).toBe((await caseRow(w, v.caseId)).eventCount);
      expect(
        await codeOf(
          recordVisit(w.ctx, w.actors.liaison!, {
            ...entry,
            expectedVersion: recorded.case.version,
          }),
        ),
      ).toBe('CASE_PRECONDITION');
      const [row] = await w.ctx.store.db
        .select()
        .from(followUpVisits)
        .where(eq(followUpVisits.id, v.id));
      expect(row).toMatchObject({
        state: 'done',
        visitedOn: '2025-08-12',
        conclusion: 'performing_well',
        recordedBy: w.actors.liaison!.userId,
        reportedOn: null,
      });

      w.clock.setDay('2025-08-15');
      expect(await codeOf(reportVisits(w.ctx, w.actors.chair!, { visitIds: [v.id] }))).toBe(
        'CASE_ROLE_REQUIRED',
      );
      const sent = await reportVisits(w.ctx, w.actors.liaison!, { visitIds: [v.id] });
      expect(sent).toEqual({ reportedOn: '2025-08-15', visitIds: [v.id] });
      expect(await codeOf(reportVisits(w.ctx, w.actors.liaison!, { visitIds: [v.id] }))).toBe(
        'CASE_PRECONDITION',
      );
      const events = await w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, v.caseId));
      expect(events.map((e) => e.type).slice(-3)).toEqual([
        'case.visit_drawn',
        'case.visit_recorded',
        'case.visit_reported',
      ]);
      expect((await verifyAudit(w.ctx)).firstBreak).toBeUndefined();

      // The committee chair reads them, and may do nothing with them.
      const chairs = await visitsView(w.ctx, w.actors.chair!, {});
      const seen = chairs.visits.find((x) => x.id === v.id)!;
      expect(seen).toMatchObject({ state: 'done', reportedOn: '2025-08-15' });
      expect(seen.abilities).toEqual({ record: false, report: false });
      expect(chairs.mayDraw).toBe(false);
    });
  },
  { open: { schema } },
);
