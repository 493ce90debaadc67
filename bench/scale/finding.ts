/**
 * The reads of issue 10 measured by bench:scale: the work queue's finding filters (identity card,
 * unit subtree, post, a month of days opened, accepted or decided, the outcome in force), the
 * to-do lists (GET /api/todos) of the chair, an investigator and an intake officer, and the Excel
 * export of a filtered list of 10,000 rows (time and memory).
 *
 * The days are chosen from the data: a month a year before the newest case opened (the copies
 * move back two days per round, so a month holds about 1/60 of the cases), and for the decision,
 * the month up to the newest decision (copies keep the demo's decision days, so that month is
 * where most decisions are: the heavy case).
 */
import { and, eq, isNull, max, sql } from 'drizzle-orm';
import type { OpenedApp } from '../../src/app/bootstrap.js';
import { DEMO_ZHANG_WEI_ID_CARD } from '../../src/app/demo-data.js';
import { listCases, type ListCasesInput } from '../../src/app/queries/case-list.js';
import { exportCases } from '../../src/app/queries/case-export.js';
import { getTodos } from '../../src/app/queries/todos.js';
import { cases, determinations, units } from '../../src/app/tables.js';
import type { Actor } from '../../src/domain/roles.js';

export interface Timing {
  readonly medianMs: number;
  readonly maxMs: number;
  readonly ms: readonly number[];
  readonly result: string;
}

export type Timer = (fn: () => Promise<string>) => Promise<Timing>;

const listed = (p: { items: readonly unknown[]; total: number; totalCapped?: boolean }) =>
  `${p.items.length} items of ${p.total}${p.totalCapped ? '+' : ''}`;

/** A day `days` before `day` (YYYY-MM-DD). */
function before(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The filters' values, read from the data (untimed). */
export async function findingTerms(app: OpenedApp) {
  const db = app.store.db;
  const [newest] = await db
    .select({
      opened: sql<string>`(max(${cases.createdAt}) at time zone 'Asia/Shanghai')::date::text`,
    })
    .from(cases);
  const [decided] = await db.select({ last: max(determinations.decidedOn) }).from(determinations);
  // X New Area's first unit that has units under it: a subtree in every reader's scope.
  const [unit] = await db
    .select({ id: units.id })
    .from(units)
    .where(
      and(
        eq(units.jurisdictionId, 'x-new-area'),
        isNull(units.parentId),
        sql`exists (select 1 from units c where c.parent_id = ${units.id})`,
      ),
    )
    .orderBy(units.path)
    .limit(1);
  const monthEnd = before(newest!.opened, 365);
  return {
    unitId: unit!.id,
    month: { from: before(monthEnd, 30), to: monthEnd },
    decidedMonth: { from: before(decided!.last!, 30), to: decided!.last! },
  };
}

/** The finding filters, each alone, for one reader. */
export async function findingReads(
  app: OpenedApp,
  actor: Actor,
  terms: Awaited<ReturnType<typeof findingTerms>>,
  time: Timer,
): Promise<Record<string, Timing>> {
  const list = (input: ListCasesInput) => async () =>
    listed(await listCases(app.ctx, actor, input));
  const { month, decidedMonth } = terms;
  const out: Record<string, Timing> = {};
  out['find: identity card'] = await time(list({ idCard: DEMO_ZHANG_WEI_ID_CARD }));
  out['find: unit subtree'] = await time(list({ unitId: terms.unitId }));
  out['find: post'] = await time(list({ post: '科长' }));
  out['find: opened in a month'] = await time(
    list({ appliedFrom: month.from, appliedTo: month.to }),
  );
  out['find: accepted in a month'] = await time(
    list({ acceptedFrom: month.from, acceptedTo: month.to }),
  );
  out['find: decided in a month'] = await time(
    list({ decidedFrom: decidedMonth.from, decidedTo: decidedMonth.to }),
  );
  out['find: outcome'] = await time(list({ outcome: 'lighter' }));
  out['find: unit, post and accepted'] = await time(
    list({ unitId: terms.unitId, post: '科长', acceptedFrom: month.from }),
  );
  return out;
}

/** The to-do list of each reader (the workbench's GET /api/todos). */
export async function todoReads(
  actors: Readonly<Record<string, Actor>>,
  app: OpenedApp,
  time: Timer,
): Promise<Record<string, Timing>> {
  const out: Record<string, Timing> = {};
  for (const [name, actor] of Object.entries(actors)) {
    out[`todos: ${name}`] = await time(async () => {
      const t = await getTodos(app.ctx, actor);
      return `${t.counts.waiting}${t.capped ? '+' : ''} waiting in ${t.groups.length} tasks`;
    });
  }
  return out;
}

export interface ExportMeasure {
  readonly filters: ListCasesInput;
  readonly rows: number;
  readonly bytes: number;
  readonly ms: readonly number[];
  readonly medianMs: number;
  /** The most the heap and the resident set grew over their level before the export. */
  readonly peakHeapMiB: number;
  readonly peakRssMiB: number;
}

/**
 * The Excel export of a filtered list cut at 10,000 rows, written to nowhere (the bytes counted):
 * its time, and the heap and RSS it needs (sampled every 10 ms, over the level before it).
 */
export async function exportMeasure(
  app: OpenedApp,
  actor: Actor,
  filters: ListCasesInput,
  repeats: number,
): Promise<ExportMeasure> {
  const ms: number[] = [];
  let rows = 0;
  let bytes = 0;
  let peakHeap = 0;
  let peakRss = 0;
  for (let i = 0; i < repeats; i++) {
    const base = process.memoryUsage();
    const sample = () => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed - base.heapUsed);
      peakRss = Math.max(peakRss, m.rss - base.rss);
    };
    const sampler = setInterval(sample, 10);
    const t0 = performance.now();
    const out = await exportCases(app.ctx, actor, filters, 'zh');
    bytes = 0;
    for await (const chunk of out.stream) bytes += (chunk as Buffer).length;
    ms.push(Math.round(performance.now() - t0));
    clearInterval(sampler);
    sample();
    rows = out.rows;
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const mib = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
  return {
    filters,
    rows,
    bytes,
    ms,
    medianMs: sorted[Math.floor(sorted.length / 2)]!,
    peakHeapMiB: mib(peakHeap),
    peakRssMiB: mib(peakRss),
  };
}
