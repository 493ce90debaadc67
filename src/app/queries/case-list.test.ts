import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { acceptCase } from '../cases/accept.js';
import { submitApplication } from '../cases/submit-application.js';
import { cases, schema, type Schema } from '../tables.js';
import { codeOf } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import type { Actor } from '../../domain/roles.js';
import { and, type SQL } from 'drizzle-orm';
import { listCases, readScope, search, type ListCasesInput } from './case-list.js';
import { cappedTotal, COUNT_CAP, decodeCursor, encodeCursor } from './paging.js';

/** Every page of a list, following nextCursor; the ids in the order they came. */
async function walk(w: World, actor: Actor, input: ListCasesInput): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listCases(w.ctx, actor, { ...input, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(input.pageSize ?? 20);
    ids.push(...page.items.map((i) => i.id));
    if (page.nextCursor === null) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('more than 100 pages');
}

describeStores<Schema>(
  'the case list: keyset pages',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
      const a = w.actors;
      // Three days, four cases a day at the same instant (the test clock stands still): ties on
      // the last activity and on the due date; half of them accepted, so two clocks run.
      for (const day of ['2025-03-03', '2025-03-04', '2025-03-05']) {
        w.clock.setDay(day);
        for (let i = 0; i < 4; i++) {
          const { case: c } = await submitApplication(w.ctx, a.official!, {
            officialId: w.ids.official,
            title: `第${day}日第${i}件`,
            summary: '招商引资项目先行开工。',
            conductDate: '2024-12-01',
          });
          if (i % 2 === 0) await acceptCase(w.ctx, a.intake!, { caseId: c.id, expectedVersion: 1 });
        }
      }
      await submitApplication(w.ctx, a.colleague!, {
        officialId: w.ids.colleague,
        title: '园区道路应急抢修',
        summary: '暴雨后未经招标先行抢修。',
        conductDate: '2024-07-01',
      });
      w.clock.setDay('2025-04-01');
    }, 60_000);

    it('returns every case exactly once, in the order of the whole list, for every order and page size', async () => {
      const a = w.actors;
      for (const input of [
        {},
        { sort: 'due' as const },
        { due: 'overdue' as const },
        { q: '第' },
      ]) {
        const whole = await listCases(w.ctx, a.intake!, { ...input, pageSize: 100 });
        expect(whole.nextCursor).toBeNull();
        expect(whole.items.length, JSON.stringify(input)).toBeGreaterThan(3);
        for (const pageSize of [1, 2, 3, 5]) {
          const ids = await walk(w, a.intake!, { ...input, pageSize });
          expect(ids, `${JSON.stringify(input)} by ${pageSize}`).toEqual(
            whole.items.map((i) => i.id),
          );
          expect(new Set(ids).size).toBe(ids.length);
        }
        expect(whole.total).toBe(whole.items.length);
        expect(whole.totalCapped).toBe(false);
      }
      // Ties: twelve cases share three instants of last activity.
      const all = await listCases(w.ctx, a.intake!, { pageSize: 100 });
      expect(new Set(all.items.map((i) => i.updatedAt)).size).toBeLessThan(all.items.length);
    });

    it('keeps the scope on every page', async () => {
      const a = w.actors;
      const own = await walk(w, a.official!, { pageSize: 2 });
      expect(own).toHaveLength(12);
      const colleague = await walk(w, a.colleague!, { pageSize: 2 });
      expect(colleague).toHaveLength(1);
      expect(own).not.toContain(colleague[0]);
      expect(await walk(w, a.otherUnitParty!, { pageSize: 2 })).toEqual([]);
      const staff = await walk(w, a.intake!, { pageSize: 4 });
      expect(staff).toHaveLength(13);
    });

    it('refuses a cursor that is malformed or belongs to another order', async () => {
      const a = w.actors;
      const first = await listCases(w.ctx, a.intake!, { pageSize: 2 });
      expect(first.nextCursor).not.toBeNull();
      const byDue = (cursor: string) =>
        codeOf(listCases(w.ctx, a.intake!, { sort: 'due', cursor }));
      expect(await byDue(first.nextCursor!)).toBe('VALIDATION');
      for (const bad of ['x', encodeCursor('updated', ['yesterday', 'x']), 'W10']) {
        expect(await codeOf(listCases(w.ctx, a.intake!, { cursor: bad })), bad).toBe('VALIDATION');
      }
      // A cursor past the last case gives an empty last page.
      const last = encodeCursor('updated', [
        '1970-01-01 00:00:00+00',
        '00000000-0000-4000-8000-000000000000',
      ]);
      expect(await listCases(w.ctx, a.intake!, { cursor: last })).toMatchObject({
        items: [],
        nextCursor: null,
      });
    });

    it('searches as before: number, title and official name, with one character too', async () => {
      const a = w.actors;
      const all = await listCases(w.ctx, a.intake!, { pageSize: 100 });
      const one = all.items[5]!;
      expect((await listCases(w.ctx, a.intake!, { q: one.number })).items.map((i) => i.id)).toEqual(
        [one.id],
      );
      expect((await listCases(w.ctx, a.intake!, { q: one.number.toUpperCase() })).total).toBe(1);
      expect((await listCases(w.ctx, a.intake!, { q: '03-04日' })).total).toBe(4);
      expect((await listCases(w.ctx, a.intake!, { q: '抢' })).total).toBe(1);
      expect((await listCases(w.ctx, a.intake!, { q: '第' })).total).toBe(12);
      const named = await listCases(w.ctx, a.intake!, { q: '李四' });
      expect(named.total).toBe(1);
      expect(named.items[0]!.official.name).toBe('李四');
      expect((await listCases(w.ctx, a.intake!, { q: '无此案件' })).total).toBe(0);
    });

    it('finds the same cases through the search terms as by checking every row', async () => {
      const a = w.actors;
      const all = await listCases(w.ctx, a.intake!, { pageSize: 100 });
      const terms = ['第', '03-04日', '李四', '抢修', '招商', all.items[3]!.number, '无此案件'];
      const readers = [a.intake!, a.official!, a.colleague!, a.otherUnitParty!, a.cityChair!];
      let found = 0;
      for (const actor of readers) {
        for (const q of terms) {
          const { indexed, scanned } = await search(w.ctx.store.db, actor, q);
          const ids = async (matching: SQL) =>
            (
              await w.ctx.store.db
                .select({ id: cases.id })
                .from(cases)
                .where(and(readScope(actor), matching))
            )
              .map((r) => r.id)
              .sort();
          const viaTerms = await ids(indexed);
          expect(viaTerms, `${actor.username}: ${q}`).toEqual(await ids(scanned));
          found += viaTerms.length;
        }
      }
      expect(found).toBeGreaterThan(20);
    });
  },
  { open: { schema } },
);

it('caps totals and round-trips cursors', () => {
  expect(cappedTotal(COUNT_CAP)).toEqual({ total: COUNT_CAP, capped: false });
  expect(cappedTotal(String(COUNT_CAP + 1))).toEqual({ total: COUNT_CAP, capped: true });
  const key = ['2025-03-03 10:00:00.123456+08', null, true] as const;
  expect(decodeCursor('cursor', encodeCursor('k', key), 'k', 3)).toEqual(key);
  expect(() => decodeCursor('cursor', encodeCursor('k', key), 'k', 2)).toThrow();
  expect(() => decodeCursor('cursor', encodeCursor('other', key), 'k', 3)).toThrow();
});
