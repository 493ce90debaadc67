/**
 * The case trail's hash per installation (ctx.settings.crypto.trailHash): SM3 links are written
 * as 'sm3:' + hex, verified with SM3, and a chain begun with SHA-256 and continued with SM3 after
 * the setting changed still verifies, link by link with the hash each names.
 */
import { asc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../store/testing/harness.js';
import { verifyAudit } from './audit.js';
import type { CaseRow } from './cases/record.js';
import { caseEvents, schema, type Schema } from './tables.js';
import { advance, driveTo } from './testing/steps.js';
import { buildWorld, type World } from './testing/world.js';

describeStores<Schema>(
  'the case trail with SM3',
  (getStore) => {
    let w: World;
    let sm3: World;
    let allSm3: CaseRow;
    let mixed: CaseRow;
    beforeAll(async () => {
      w = await buildWorld(getStore());
      const settings = w.ctx.settings;
      sm3 = {
        ...w,
        ctx: {
          ...w.ctx,
          settings: { ...settings, crypto: { ...settings.crypto, trailHash: 'sm3' } },
        },
      };
      allSm3 = await driveTo(sm3, 'deliberation');
      // Begun under the default (SHA-256), continued after the installation switched to SM3.
      const begun = await driveTo(w, 'submitted');
      mixed = await advance(sm3, begun, 'verification');
    }, 60_000);

    const eventsOf = (id: string) =>
      w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, id))
        .orderBy(asc(caseEvents.seq));

    it("writes 'sm3:' links, each the SM3 of its predecessor and body, and verifies them", async () => {
      const events = await eventsOf(allSm3.id);
      expect(events.length).toBeGreaterThan(2);
      for (const e of events) expect(e.hash).toMatch(/^sm3:[0-9a-f]{64}$/);
      expect(allSm3.headHash).toBe(events[events.length - 1]!.hash);
      const r = await verifyAudit(w.ctx);
      expect(r.firstBreak).toBeUndefined();
      expect(r.hashes.sm3).toBeGreaterThanOrEqual(events.length);
    });

    it('a chain mixing SHA-256 and SM3 links verifies, and the count names both', async () => {
      const events = await eventsOf(mixed.id);
      expect(events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(events[events.length - 1]!.hash).toMatch(/^sm3:[0-9a-f]{64}$/);
      const r = await verifyAudit(sm3.ctx);
      expect(r.firstBreak).toBeUndefined();
      const sha = (await w.ctx.store.db.select({ h: caseEvents.hash }).from(caseEvents)).filter(
        (e) => !e.h.startsWith('sm3:'),
      ).length;
      expect(r.hashes).toEqual({ sha256: sha, sm3: r.events - sha });
      expect(sha).toBeGreaterThan(0);
    });

    it('finds a tampered SM3 event', async () => {
      const [, second] = await eventsOf(allSm3.id);
      expect(second!.hash.startsWith('sm3:')).toBe(true);
      await w.ctx.store.query(`UPDATE case_events SET reason = 'changed' WHERE id = $1`, [
        second!.id,
      ]);
      const r = await verifyAudit(w.ctx);
      expect(r.firstBreak).toMatchObject({ caseId: allSm3.id, seq: 2, kind: 'altered' });
      await w.ctx.store.query(`UPDATE case_events SET reason = $2 WHERE id = $1`, [
        second!.id,
        second!.reason,
      ]);
      expect((await verifyAudit(w.ctx)).firstBreak).toBeUndefined();
    });

    it('an SM3 link relabelled as SHA-256 (the prefix dropped) is found', async () => {
      const [first] = await eventsOf(allSm3.id);
      await w.ctx.store.query(`UPDATE case_events SET hash = $2 WHERE id = $1`, [
        first!.id,
        first!.hash.slice('sm3:'.length),
      ]);
      const r = await verifyAudit(w.ctx);
      expect(r.firstBreak).toMatchObject({ caseId: allSm3.id, seq: 1, kind: 'altered' });
      await w.ctx.store.query(`UPDATE case_events SET hash = $2 WHERE id = $1`, [
        first!.id,
        first!.hash,
      ]);
      expect((await verifyAudit(w.ctx)).firstBreak).toBeUndefined();
    });
  },
  { open: { schema } },
);
