/**
 * Consulted departments over HTTP: an administrator gives the consultee role with its department;
 * the department's officer reads the case in the limited view and answers at
 * POST /api/cases/:id/consultations/:cid/answer; the investigator sees the signed opinion, and
 * transcribes (…/opinion) only a department with no user, with the reply's reference and date.
 */
import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hashPassword, loadActor } from '../app/org.js';
import { today as todayOf } from '../app/context.js';
import { schema, users, type Schema } from '../app/tables.js';
import { driveTo } from '../app/testing/steps.js';
import { TEST_PASSWORD } from '../app/testing/world.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, signIn, type Client, type HttpWorld } from './testing/http.js';

interface ConsultationJson {
  id: string;
  department: string;
  responded: boolean;
  opinion?: string | null;
  respondedBy?: { id: string; name: string } | null;
  transcribed?: { replyReference: string; replyDate: string } | null;
  canAnswer: boolean;
  canTranscribe: boolean;
}
interface CaseJson {
  id: string;
  version: number;
  view: string;
  consultations: ConsultationJson[];
  events: unknown[];
  abilities: Record<string, boolean>;
}

describeStores<Schema>(
  'consulted departments over HTTP',
  (getStore) => {
    let w: HttpWorld;
    let admin: Client;
    let investigator: Client;

    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
      admin = await signIn(w, 'admin');
      investigator = await signIn(w, 'investigator');
    }, 60_000);

    /** Creates a consultee through the administration API and signs them in. */
    async function consultee(name: string, department: string | undefined): Promise<Client> {
      const res = await admin.post('/api/admin/users', {
        username: `${name}-${w.ids.area}`,
        displayName: name,
        password: 'Xin-mima-2031',
        grants: [
          {
            role: 'consultee',
            scopeKind: 'jurisdiction',
            scopeId: w.ids.area,
            ...(department === undefined ? {} : { department }),
          },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
      const user = (res.json() as { user: { id: string; grants: { department: string }[] } }).user;
      expect(user.grants[0]!.department).toBe(department);
      // The test world's sign-in helper uses its one password.
      await w.ctx.store.db
        .update(users)
        .set({ passwordHash: await hashPassword(TEST_PASSWORD), mustChangePassword: false })
        .where(eq(users.id, user.id));
      w.actors[name] = await loadActor(w.ctx, user.id);
      return signIn(w, name);
    }

    it('the administrator gives the role with a department; without one it is refused', async () => {
      const known = await admin.get('/api/admin/consulted-departments');
      expect(known.statusCode).toBe(200);
      expect((known.json() as { departments: string[] }).departments).toEqual(
        expect.arrayContaining(['organization', 'discipline', 'audit']),
      );
      const missing = await admin.post('/api/admin/users', {
        username: `no-dept-${w.ids.area}`,
        displayName: '无部门',
        password: 'Xin-mima-2031',
        grants: [{ role: 'consultee', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toMatchObject({
        error: { code: 'VALIDATION', details: { field: 'grants[0].department' } },
      });
      // Only an administrator lists the departments.
      expect((await investigator.get('/api/admin/consulted-departments')).statusCode).toBe(403);
    });

    it('the officer answers their department’s request; the investigator sees it signed', async () => {
      const audit = await consultee('dept-audit', 'audit');
      const row = await driveTo(w, 'consultation');
      const url = `/api/cases/${row.id}`;
      const seen = (await audit.get(url)).json() as CaseJson;
      expect(seen.view).toBe('consultee');
      expect(seen.events).toEqual([]);
      expect(seen.consultations).toHaveLength(1);
      const [request] = seen.consultations;
      expect(request).toMatchObject({ department: 'audit', canAnswer: true });
      const answered = await audit.post(`${url}/consultations/${request!.id}/answer`, {
        expectedVersion: seen.version,
        opinion: '审计部门意见：经审计，资金使用合规，同意。',
      });
      expect(answered.statusCode, answered.body).toBe(200);

      const full = (await investigator.get(url)).json() as CaseJson;
      const signed = full.consultations.find((x) => x.department === 'audit')!;
      expect(signed).toMatchObject({
        responded: true,
        opinion: '审计部门意见：经审计，资金使用合规，同意。',
        respondedBy: { name: 'dept-audit' },
        transcribed: null,
      });
      // The investigator may not write for a department with its own officer…
      const forAudit = await investigator.post(`${url}/consultations/${request!.id}/opinion`, {
        expectedVersion: full.version,
        opinion: '同意。',
        replyReference: '审复〔2026〕1号',
        replyDate: todayOf(w.ctx),
      });
      expect(forAudit.json()).toMatchObject({ error: { code: 'CASE_PRECONDITION' } });
      // …but transcribes the party organization's written reply, marked with it.
      const party = full.consultations.find((x) => x.department === 'party-organization')!;
      expect(party.canTranscribe).toBe(true);
      const transcribed = await investigator.post(`${url}/consultations/${party.id}/opinion`, {
        expectedVersion: full.version,
        opinion: '所在单位党组织意见：同意。',
        replyReference: '党组复〔2026〕2号',
        replyDate: todayOf(w.ctx),
      });
      expect(transcribed.statusCode, transcribed.body).toBe(200);
      const after = (transcribed.json() as { case: CaseJson }).case;
      expect(after.consultations.find((x) => x.department === 'party-organization')).toMatchObject({
        transcribed: { replyReference: '党组复〔2026〕2号', replyDate: todayOf(w.ctx) },
      });
      // The answer route is the officer's alone.
      const other = after.consultations.find((x) => x.department === 'organization')!;
      const byInvestigator = await investigator.post(`${url}/consultations/${other.id}/answer`, {
        expectedVersion: after.version,
        opinion: '同意。',
      });
      expect(byInvestigator.json()).toMatchObject({ error: { code: 'CASE_ROLE_REQUIRED' } });
    });
  },
  { open: { schema } },
);
