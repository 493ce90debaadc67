import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { createUser, hashPassword, loadActor } from '../../app/org.js';
import { schema, type Schema } from '../../app/tables.js';
import { TEST_PASSWORD } from '../../app/testing/world.js';
import { trailExportHeaders } from '../../app/trails/export.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, freshIp, signIn, type Client, type HttpWorld } from '../testing/http.js';

interface SecurityRow {
  kind: string;
  username: string;
  userId: string | null;
  ip: string;
  route: string;
  method: string;
  requestId: string;
  details: string;
  userAgent: string;
}

describeStores<Schema>(
  'the audit administrator’s screens and the security events over HTTP',
  (getStore) => {
    let w: HttpWorld;
    let audit: Client;
    let areaAudit: Client;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
      const hash = await hashPassword(TEST_PASSWORD);
      for (const [name, scopeId] of [
        ['auditAdmin', w.ids.province],
        ['areaAuditAdmin', w.ids.area],
      ] as const) {
        const id = await createUser(
          w.ctx,
          {
            username: `${name}-${w.ids.area}`,
            displayName: name === 'auditAdmin' ? '省审计管理员' : '新区审计管理员',
            password: TEST_PASSWORD,
            grants: [{ role: 'audit_admin', scopeKind: 'jurisdiction', scopeId }],
          },
          hash,
        );
        w.actors[name] = await loadActor(w.ctx, id);
      }
      audit = await signIn(w, 'auditAdmin');
      areaAudit = await signIn(w, 'areaAuditAdmin');
    }, 60_000);

    const login = (username: string, password: string, ip = freshIp()) =>
      w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        headers: { 'user-agent': 'TestAgent/1.0 ' + 'x'.repeat(400) },
        payload: { username, password },
      });

    const events = async (query: string) => {
      const res = await audit.get(`/api/audit/security-events?${query}`);
      expect(res.statusCode).toBe(200);
      return (res.json() as { items: SecurityRow[] }).items;
    };

    it('a failed sign-in is recorded with the username tried, the address, the request — never the password', async () => {
      const ip = freshIp();
      const wrong = await login(w.actors.intake!.username, 'Wrong-password-1', ip);
      expect(wrong.statusCode).toBe(401);
      const unknown = await login('nobody-here', 'Wrong-password-2', ip);
      expect(unknown.statusCode).toBe(401);
      const failed = await events(`kind=login.failed&user=${w.actors.intake!.username}`);
      expect(failed[0]).toMatchObject({
        kind: 'login.failed',
        userId: w.actors.intake!.userId,
        ip,
        method: 'POST',
        route: '/api/auth/login',
        details: '{"reason":"password"}',
      });
      expect(failed[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(failed[0]!.userAgent.length).toBe(256);
      const unknownRows = await events('kind=login.unknown_user&user=nobody-here');
      expect(unknownRows[0]).toMatchObject({ username: 'nobody-here', userId: null, ip });
      const all = JSON.stringify(await events('limit=500'));
      expect(all).not.toContain('Wrong-password');
    });

    it('five failures from one address lock the account there: the lock is recorded', async () => {
      const ip = freshIp();
      for (let i = 0; i < 5; i++) await login(w.actors.member1!.username, `Wrong-${i}-pass`, ip);
      const locked = await login(w.actors.member1!.username, TEST_PASSWORD, ip);
      expect(locked.statusCode).toBe(423);
      const rows = await events(`kind=login.locked&user=${w.actors.member1!.username}`);
      expect(rows.length).toBeGreaterThanOrEqual(2); // the fifth failure, and the refused attempt
      expect(rows[0]).toMatchObject({ ip, userId: w.actors.member1!.userId });
    });

    it('a refused request (403) and a CSRF failure are recorded with the route and the user; a sign-out too', async () => {
      const auditor = await signIn(w, 'auditor');
      const refused = await auditor.get('/api/audit/read-log');
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: { code: 'AUDIT_ROLE_REQUIRED' } });
      const rows = await events(`kind=request.forbidden&user=${auditor.username}`);
      expect(rows[0]).toMatchObject({
        userId: w.actors.auditor!.userId,
        method: 'GET',
        route: '/api/audit/read-log',
        details: '{"code":"AUDIT_ROLE_REQUIRED"}',
      });
      const noToken = await w.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        cookies: { rongcuo_session: auditor.cookie },
      });
      expect(noToken.statusCode).toBe(403);
      // The session is not taken for the request, but the event names whose cookie it was.
      expect((await events('kind=csrf.invalid'))[0]).toMatchObject({
        route: '/api/auth/logout',
        userId: w.actors.auditor!.userId,
        details: '{"code":"CSRF_INVALID"}',
      });
      expect((await auditor.post('/api/auth/logout')).statusCode).toBe(204);
      expect((await events(`kind=logout&user=${auditor.username}`)).length).toBe(1);
    });

    it('nobody but the audit administrator reads the trails: the system administrator and the auditor get 403', async () => {
      for (const name of ['admin', 'auditor', 'chair'] as const) {
        const c = await signIn(w, name);
        for (const url of [
          '/api/audit/read-log',
          '/api/audit/admin-events',
          '/api/audit/security-events',
          '/api/audit/security-events/export.xlsx',
        ]) {
          const res = await c.get(url);
          expect(res.statusCode, `${name} ${url}`).toBe(403);
        }
        expect((await c.post('/api/audit/verify')).statusCode).toBe(403);
      }
    });

    it('administration events: filtered by action and actor, paged newest first', async () => {
      const admin = await signIn(w, 'admin');
      const created = await admin.post('/api/admin/users', {
        username: `audit-target-${w.ids.area}`,
        displayName: '审计对象',
        password: 'Xin-mima-2031',
        grants: [{ role: 'intake', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
      });
      expect(created.statusCode).toBe(201);
      const id = await w.ctx.store.query<{ id: string }>(
        `SELECT id::text FROM users WHERE username = $1`,
        [`audit-target-${w.ids.area}`],
      );
      const res = await audit.get(
        `/api/audit/admin-events?action=user.create&user=${w.actors.admin!.username}&target=${id.rows[0]!.id}`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { action: string; targetId: string; seq: number }[] };
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({ action: 'user.create', targetId: id.rows[0]!.id });
      expect(body.items[0]!.seq).toBeGreaterThan(0);
      const p1 = (await audit.get('/api/audit/security-events?limit=2')).json() as {
        items: { id: number }[];
        nextBefore: number;
      };
      expect(p1.items).toHaveLength(2);
      const p2 = (
        await audit.get(`/api/audit/security-events?limit=2&before=${p1.nextBefore}`)
      ).json() as { items: { id: number }[] };
      expect(p2.items[0]!.id).toBeLessThan(p1.items[1]!.id);
    });

    it('the read log: the audit administrator’s own reads are in it; X New Area’s audit administrator sees the security events of the area’s users only', async () => {
      const res = await audit.get('/api/audit/read-log?what=audit.');
      const items = (res.json() as { items: { what: string; user: { username: string } }[] }).items;
      expect(items.map((i) => i.what)).toContain('audit.security_events');
      expect(items[0]!.user.username).toBe(audit.username);
      const area = await areaAudit.get('/api/audit/security-events?limit=500');
      expect(area.statusCode).toBe(200);
      const seen = new Set(
        (area.json() as { items: { username: string }[] }).items.map((i) => i.username),
      );
      // The intake officer's failed sign-in (the area), not the unknown username nor the auditor
      // (the province).
      expect(seen).toContain(w.actors.intake!.username);
      expect(seen).not.toContain('nobody-here');
      expect(seen).not.toContain(w.actors.auditor!.username);
      const bad = await audit.get('/api/audit/read-log?from=2025-03-05&to=2025-03-01');
      expect(bad.json()).toMatchObject({ error: { code: 'AUDIT_RANGE_INVALID' } });
    });

    it('each trail is exported to an Excel workbook that opens, in zh and en', async () => {
      for (const [path, trail] of [
        ['security-events', 'security_events'],
        ['admin-events', 'admin_events'],
        ['read-log', 'read_log'],
      ] as const) {
        for (const lang of ['zh', 'en'] as const) {
          const res = await audit.get(`/api/audit/${path}/export.xlsx?lang=${lang}`);
          expect(res.statusCode).toBe(200);
          const book = new ExcelJS.Workbook();
          await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
          const sheet = book.worksheets[0]!;
          expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(
            trailExportHeaders(trail, lang),
          );
          expect(Number(res.headers['x-rows'])).toBeGreaterThan(0);
        }
      }
    });

    it('verify runs the CLI’s check from the web app: intact, naming each chain’s hash; a tampered row is named', async () => {
      const ok = await audit.post('/api/audit/verify');
      expect(ok.statusCode).toBe(200);
      const body = ok.json() as {
        intact: boolean;
        trails: { chain: string; hashes: string[]; pending: number; message: { zh: string } }[];
      };
      expect(body.intact).toBe(true);
      expect(body.trails.map((t) => t.chain)).toEqual([
        'read_log',
        'admin_events',
        'security_events',
      ]);
      expect(body.trails.every((t) => t.pending === 0)).toBe(true);
      expect(body.trails[2]!.hashes).toEqual(['sha256']);
      expect(body.trails[2]!.message.zh).toMatch(/^安全事件：\d+ 条记录校验通过（SHA-256）/);
      await w.ctx.store.query(
        `ALTER TABLE security_events DISABLE TRIGGER security_events_no_change`,
      );
      await w.ctx.store.query(`UPDATE security_events SET username = 'someone-else' WHERE seq = 2`);
      const broken = (await audit.post('/api/audit/verify')).json() as typeof body;
      expect(broken.intact).toBe(false);
      expect(broken.trails[2]!.message.zh).toContain('安全事件断裂：第 2 条');
      await w.ctx.store.query(
        `ALTER TABLE security_events ENABLE TRIGGER security_events_no_change`,
      );
    });
  },
  { open: { schema } },
);
