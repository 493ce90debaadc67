import { desc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { createUserAsAdmin } from '../admin/users.js';
import { logRead } from '../read-log.js';
import {
  adminEvents,
  chainHeads,
  readLog,
  schema,
  securityEvents,
  type Schema,
} from '../tables.js';
import { buildWorld, type World } from '../testing/world.js';
import { sealReadLog, verifyTrail, verifyTrails } from './chain.js';
import { describeTrail } from './describe.js';
import { purgeSecurityEvents } from './purge.js';
import { recordSecurityEvent } from './security-events.js';

const DAY = 86_400_000;

describeStores<Schema>(
  'the hash chains of the read log, the administration and the security events',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    }, 60_000);

    const sql = (text: string, params: unknown[] = []) => w.ctx.store.query(text, params);

    // First: the purge removes a prefix of the chain, so it runs before any young event is written.
    it('the purge removes only events past their retention, never a younger one, and the chain still verifies', async () => {
      const now = w.ctx.now().getTime();
      const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
      const base = { kind: 'login.failed' as const, username: 'purge-test' };
      await recordSecurityEvent(w.ctx, { ...base, at: at(500) });
      await recordSecurityEvent(w.ctx, { ...base, at: at(450) });
      // Written out of time order: an old row after a young one is kept with it.
      await recordSecurityEvent(w.ctx, { ...base, at: at(10) });
      await recordSecurityEvent(w.ctx, { ...base, at: at(420) });
      const rows = async () =>
        (
          await w.ctx.store.db
            .select({ at: securityEvents.at, seq: securityEvents.seq })
            .from(securityEvents)
            .where(eq(securityEvents.username, 'purge-test'))
        ).map((r) => Math.round((now - r.at.getTime()) / DAY));

      // The floor: even a setting below 180 days keeps 180 (the setting itself refuses it).
      const short = {
        ...w.ctx,
        settings: { ...w.ctx.settings, audit: { securityEventRetentionDays: 100 } },
      };
      const gone = await purgeSecurityEvents(short);
      expect(gone).toBeGreaterThanOrEqual(2);
      expect((await rows()).sort((a, b) => a - b)).toEqual([10, 420]);
      const [head] = await w.ctx.store.db
        .select()
        .from(chainHeads)
        .where(eq(chainHeads.chain, 'security_events'));
      expect(head!.baseSeq).toBeGreaterThan(0);
      const check = await verifyTrail(w.ctx, 'security_events');
      expect(check.firstBreak).toBeUndefined();
      expect(check.purgedThrough).toBe(head!.baseSeq);
      // Nothing older than the retention is left before the first young row: a second purge does nothing.
      expect(await purgeSecurityEvents(w.ctx)).toBe(0);
    });

    it('an administrator’s change is linked into the administration chain as it is written', async () => {
      await createUserAsAdmin(w.ctx, w.actors.admin!, {
        username: `chain-${Math.random().toString(36).slice(2, 8)}`,
        displayName: '链测试',
        password: 'Correct-horse-battery-9',
        grants: [{ role: 'intake', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
      });
      const [last] = await w.ctx.store.db
        .select()
        .from(adminEvents)
        .orderBy(desc(adminEvents.id))
        .limit(1);
      expect(last!.action).toBe('user.create');
      expect(last!.seq).toBeGreaterThan(0);
      expect(last!.hash).toMatch(/^[0-9a-f]{64}$/);
      const check = await verifyTrail(w.ctx, 'admin_events');
      expect(check.firstBreak).toBeUndefined();
      expect(check.rows).toBe(last!.seq);
      expect(check.hashes).toEqual(['sha256']);
    });

    it('with SM3 chosen, new links say sm3 and a chain of both hashes verifies', async () => {
      const sm3 = {
        ...w.ctx,
        settings: {
          ...w.ctx.settings,
          crypto: { ...w.ctx.settings.crypto, trailHash: 'sm3' as const },
        },
      };
      await recordSecurityEvent(w.ctx, {
        kind: 'logout',
        at: w.ctx.now(),
        userId: w.actors.admin!.userId,
      });
      await recordSecurityEvent(sm3, {
        kind: 'logout',
        at: w.ctx.now(),
        userId: w.actors.admin!.userId,
      });
      const [last] = await w.ctx.store.db
        .select()
        .from(securityEvents)
        .orderBy(desc(securityEvents.seq))
        .limit(1);
      expect(last!.hash).toMatch(/^sm3:[0-9a-f]{64}$/);
      const check = await verifyTrail(w.ctx, 'security_events');
      expect(check.firstBreak).toBeUndefined();
      expect(check.hashes).toEqual(['sha256', 'sm3']);
      expect(describeTrail(check).zh).toContain('SHA-256 + SM3');
    });

    it('a read is sealed into the read log’s chain after it is written; until then it is pending', async () => {
      await sealReadLog(w.ctx);
      await logRead(w.ctx.store.db, {
        userId: w.actors.auditor!.userId,
        what: 'audit.test',
        at: w.ctx.now(),
      });
      const before = await verifyTrail(w.ctx, 'read_log');
      expect(before.firstBreak).toBeUndefined();
      expect(before.pending).toBe(1);
      expect(await sealReadLog(w.ctx)).toBe(1);
      const after = await verifyTrail(w.ctx, 'read_log');
      expect(after).toMatchObject({ pending: 0, rows: before.rows + 1 });
      expect(after.firstBreak).toBeUndefined();
    });

    it('finds an altered read-log row, a deleted one, and puts them back', async () => {
      await logRead(w.ctx.store.db, {
        userId: w.actors.auditor!.userId,
        what: 'audit.a',
        at: w.ctx.now(),
      });
      await logRead(w.ctx.store.db, {
        userId: w.actors.auditor!.userId,
        what: 'audit.b',
        at: w.ctx.now(),
      });
      await sealReadLog(w.ctx);
      const rows = await w.ctx.store.db.select().from(readLog).orderBy(desc(readLog.seq)).limit(2);
      const [last, second] = rows;
      await sql(`UPDATE read_log SET what = 'case.view' WHERE id = $1`, [second!.id]);
      expect((await verifyTrail(w.ctx, 'read_log')).firstBreak).toEqual({
        chain: 'read_log',
        kind: 'altered',
        id: second!.id,
        seq: second!.seq,
      });
      await sql(`UPDATE read_log SET what = $2 WHERE id = $1`, [second!.id, second!.what]);
      await sql(`DELETE FROM read_log WHERE id = $1`, [last!.id]);
      expect((await verifyTrail(w.ctx, 'read_log')).firstBreak).toMatchObject({
        kind: 'head_mismatch',
        expectedCount: last!.seq,
        actualCount: second!.seq,
      });
      await w.ctx.store.db.insert(readLog).values(last!);
      expect((await verifyTrail(w.ctx, 'read_log')).firstBreak).toBeUndefined();
    });

    it('finds an altered security event and an administration row written around the application', async () => {
      const [last] = await w.ctx.store.db
        .select()
        .from(securityEvents)
        .orderBy(desc(securityEvents.seq))
        .limit(1);
      await sql(`ALTER TABLE security_events DISABLE TRIGGER security_events_no_change`);
      await sql(`UPDATE security_events SET ip = '10.9.9.9' WHERE id = $1`, [last!.id]);
      const broken = await verifyTrail(w.ctx, 'security_events');
      expect(broken.firstBreak).toMatchObject({ kind: 'altered', id: last!.id });
      expect(describeTrail(broken).zh).toContain('安全事件断裂');
      await sql(`UPDATE security_events SET ip = $2 WHERE id = $1`, [last!.id, last!.ip]);
      await sql(`ALTER TABLE security_events ENABLE TRIGGER security_events_no_change`);
      expect((await verifyTrail(w.ctx, 'security_events')).firstBreak).toBeUndefined();

      const [row] = (
        await sql(
          `INSERT INTO admin_events (actor_id, action, target_kind, target_id, scope_path, at, payload)
           VALUES ($1::uuid, 'user.update', 'user', $1::text, '', now(), '{}') RETURNING id`,
          [w.actors.admin!.userId],
        )
      ).rows as { id: string }[];
      expect((await verifyTrail(w.ctx, 'admin_events')).firstBreak).toMatchObject({
        kind: 'unchained',
        id: Number(row!.id),
      });
      await sql(`ALTER TABLE admin_events DISABLE TRIGGER admin_events_no_change`);
      await sql(`DELETE FROM admin_events WHERE id = $1`, [row!.id]);
      await sql(`ALTER TABLE admin_events ENABLE TRIGGER admin_events_no_change`);
      const all = await verifyTrails(w.ctx);
      expect(all.map((c) => c.firstBreak)).toEqual([undefined, undefined, undefined]);
    });
  },
  { open: { schema } },
);
