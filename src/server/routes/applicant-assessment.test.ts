/**
 * Whether an applicant sees a preliminary assessment is a jurisdiction setting (issue 10): off by
 * default, set by an administrator in scope (recorded in the administration trail), read by the
 * application form through GET /api/officials/:id/preliminary-assessment. And the panel's
 * candidates over HTTP leave out whoever would decide an appeal of the case.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { adminEvents, schema, type Schema } from '../../app/tables.js';
import { driveTo } from '../../app/testing/steps.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

describeStores<Schema>(
  'the applicant’s preliminary assessment, a jurisdiction setting',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    });

    const settingPath = () => `/api/officials/${w.ids.official}/preliminary-assessment`;
    const switchPath = () => `/api/admin/jurisdictions/${w.ids.area}/applicant-assessment`;

    it('is off by default, and an administrator in scope turns it on, on the record', async () => {
      const official = await signIn(w, 'official');
      const before = await official.get(settingPath());
      expect(before.statusCode).toBe(200);
      expect(before.json()).toEqual({
        jurisdiction: { id: w.ids.area, name: { zh: 'X新区', en: 'X New Area' } },
        shown: false,
      });

      const admin = await signIn(w, 'admin');
      const tree = (await admin.get('/api/admin/organization')).json() as {
        jurisdictions: { id: string; applicantAssessment: boolean }[];
      };
      expect(tree.jurisdictions.find((j) => j.id === w.ids.area)).toMatchObject({
        applicantAssessment: false,
      });
      const on = await admin.post(switchPath(), { enabled: true });
      expect(on.statusCode).toBe(204);
      expect((await official.get(settingPath())).json()).toMatchObject({ shown: true });
      const trail = await w.ctx.store.db
        .select()
        .from(adminEvents)
        .where(
          and(
            eq(adminEvents.action, 'jurisdiction.applicant_assessment'),
            eq(adminEvents.targetId, w.ids.area),
          ),
        );
      expect(trail).toHaveLength(1);
      expect(trail[0]!.payload).toEqual({ before: false, after: true });

      // Setting it to what it is changes nothing and records nothing.
      expect((await admin.post(switchPath(), { enabled: true })).statusCode).toBe(204);
      expect((await admin.post(switchPath(), { enabled: false })).statusCode).toBe(204);
      expect((await official.get(settingPath())).json()).toMatchObject({ shown: false });
    });

    it('is set only by an administrator, and read only by whoever may apply for the official', async () => {
      const intake = await signIn(w, 'intake');
      const refused = await intake.post(switchPath(), { enabled: true });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('ADMIN_ROLE_REQUIRED');

      const colleague = await signIn(w, 'colleague');
      const hidden = await colleague.get(settingPath());
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().error.code).toBe('NOT_FOUND');
      // The party organization of the official's unit applies on their behalf.
      const unitParty = await signIn(w, 'unitParty');
      expect((await unitParty.get(settingPath())).statusCode).toBe(200);
    });

    it('panel candidates leave out the chair above, who would decide an appeal', async () => {
      const c = await driveTo(w, 'deliberation');
      const chair = await signIn(w, 'chair');
      const res = await chair.get(`/api/cases/${c.id}/panel-candidates`);
      expect(res.statusCode).toBe(200);
      const ids = (res.json() as { items: { id: string }[] }).items.map((i) => i.id);
      expect(ids).toEqual(
        expect.arrayContaining([w.actors.member1!.userId, w.actors.member2!.userId]),
      );
      expect(ids).not.toContain(w.actors.cityChair!.userId);
      const add = await chair.post(`/api/cases/${c.id}/members`, {
        expectedVersion: c.version,
        userId: w.actors.cityChair!.userId,
      });
      expect(add.statusCode).toBe(400);
      expect(add.json().error.code).toBe('VALIDATION');
    });
  },
  { open: { schema } },
);
