import { asc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../store/testing/harness.js';
import { verifyAudit } from './audit.js';
import type { CaseRow } from './cases/record.js';
import { caseEvents, cases, schema, type Schema } from './tables.js';
import { driveTo } from './testing/steps.js';
import { buildWorld, type World } from './testing/world.js';

describeStores<Schema>(
  'verifying the audit trail',
  (getStore) => {
    let w: World;
    let target: CaseRow;
    let total: { cases: number; events: number };
    beforeAll(async () => {
      w = await buildWorld(getStore());
      await driveTo(w, 'submitted');
      target = await driveTo(w, 'notified');
      await driveTo(w, 'verification');
      const events = await w.ctx.store.db.select({ id: caseEvents.id }).from(caseEvents);
      const all = await w.ctx.store.db.select({ id: cases.id }).from(cases);
      total = { cases: all.length, events: events.length };
    }, 60_000);

    const eventsOf = () =>
      w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, target.id))
        .orderBy(asc(caseEvents.seq));

    it('an intact trail has no break; pages are walked by id with progress reports', async () => {
      const progress: number[] = [];
      const r = await verifyAudit(w.ctx, {
        pageSize: 2,
        onProgress: (p) => progress.push(p.cases),
      });
      expect(r).toEqual({ ...total, hashes: { sha256: total.events, sm3: 0 } });
      expect(r.firstBreak).toBeUndefined();
      expect(progress).toEqual([2, 3]);
      expect(target.eventCount).toBeGreaterThan(5);
    });

    it('detects an altered payload', async () => {
      const [, second] = await eventsOf();
      await w.ctx.store.query(
        `UPDATE case_events SET payload = jsonb_set(payload, '{packVersion}', '"2020-01"') WHERE id = $1`,
        [second!.id],
      );
      const r = await verifyAudit(w.ctx, { pageSize: 2 });
      expect(r.firstBreak).toEqual({
        caseId: target.id,
        caseNumber: target.number,
        eventId: String(second!.id),
        seq: 2,
        kind: 'altered',
      });
      await w.ctx.store.query(`UPDATE case_events SET payload = $2 WHERE id = $1`, [
        second!.id,
        JSON.stringify(second!.payload),
      ]);
      expect((await verifyAudit(w.ctx)).firstBreak).toBeUndefined();
    });

    it('detects a deleted event', async () => {
      const events = await eventsOf();
      const third = events[2]!;
      await w.ctx.store.query(`DELETE FROM case_events WHERE id = $1`, [third.id]);
      const r = await verifyAudit(w.ctx);
      expect(r.firstBreak).toEqual({
        caseId: target.id,
        caseNumber: target.number,
        eventId: String(events[3]!.id),
        seq: 3,
        kind: 'missing',
      });
      await w.ctx.store.db.insert(caseEvents).values(third);
      expect((await verifyAudit(w.ctx)).firstBreak).toBeUndefined();
    });

    it('detects reordered events', async () => {
      const events = await eventsOf();
      const [a, b] = [events[3]!, events[4]!];
      const swap = async () => {
        // Through a temporary seq, since (case_id, seq) is unique.
        await w.ctx.store.query(`UPDATE case_events SET seq = -1 WHERE id = $1`, [a.id]);
        await w.ctx.store.query(`UPDATE case_events SET seq = $2 WHERE id = $1`, [b.id, a.seq]);
        await w.ctx.store.query(`UPDATE case_events SET seq = $2 WHERE id = $1`, [a.id, b.seq]);
      };
      await swap();
      const r = await verifyAudit(w.ctx);
      expect(r.firstBreak).toMatchObject({
        caseId: target.id,
        eventId: String(b.id),
        seq: a.seq,
        kind: 'broken_link',
      });
      // swap back: a takes its own seq again
      await w.ctx.store.query(`UPDATE case_events SET seq = -1 WHERE id = $1`, [a.id]);
      await w.ctx.store.query(`UPDATE case_events SET seq = $2 WHERE id = $1`, [b.id, b.seq]);
      await w.ctx.store.query(`UPDATE case_events SET seq = $2 WHERE id = $1`, [a.id, a.seq]);
      expect((await verifyAudit(w.ctx)).firstBreak).toBeUndefined();
    });

    it('detects a deleted last event against the head kept on the case', async () => {
      const events = await eventsOf();
      const last = events[events.length - 1]!;
      await w.ctx.store.query(`DELETE FROM case_events WHERE id = $1`, [last.id]);
      const r = await verifyAudit(w.ctx);
      expect(r.firstBreak).toEqual({
        caseId: target.id,
        caseNumber: target.number,
        eventId: String(events[events.length - 2]!.id),
        seq: last.seq - 1,
        kind: 'head_mismatch',
        expectedCount: last.seq,
        actualCount: last.seq - 1,
      });
      await w.ctx.store.db.insert(caseEvents).values(last);
      expect((await verifyAudit(w.ctx)).firstBreak).toBeUndefined();
    });
  },
  { open: { schema } },
);
