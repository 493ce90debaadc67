/**
 * A joint matter over HTTP, every answer checked against its schema: opened by the intake officer,
 * read by an officer (every official, with the recommendation) and by one official (their own case,
 * no deliberation), a common fact on a stale version refused, and a bad role refused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JointMatterAnswer } from '../../api/index.js';
import { schema, type Schema } from '../../app/tables.js';
import { EXEMPTED_FACTS } from '../../app/testing/steps.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

describeStores<Schema>(
  'joint matters over HTTP',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    });
    afterAll(async () => w.app.close());

    const body = () => ({
      title: '产业园区配套道路未批先建问题',
      summary: '为赶在汛期前通车，园区配套道路在施工许可办结前开工建设。',
      openedOn: '2025-02-10',
      conductDate: '2024-11-05',
      facts: EXEMPTED_FACTS,
      officials: [
        { officialId: w.ids.official, responsibility: 'direct' },
        { officialId: w.ids.colleague, responsibility: 'principal_leadership' },
      ],
    });

    it('opens, reads by scope, and refuses a stale version and an unknown role', async () => {
      const intake = await signIn(w, 'intake');
      const bad = await intake.post('/api/joint-matters', {
        ...body(),
        officials: [
          { officialId: w.ids.official, responsibility: 'chief' },
          { officialId: w.ids.colleague, responsibility: 'direct' },
        ],
      });
      expect(bad.statusCode).toBe(400);
      const res = await intake.post('/api/joint-matters', body());
      expect(res.statusCode).toBe(201);
      const opened = res.json() as { jointMatterId: string; cases: { id: string }[] };
      expect(opened.cases).toHaveLength(2);

      const inv = await signIn(w, 'investigator');
      const read = await inv.get(`/api/cases/${opened.cases[1]!.id}/joint-matter`);
      expect(read.statusCode).toBe(200);
      const view = (read.json() as JointMatterAnswer).jointMatter!;
      expect(view.officials.map((o) => [o.responsibility, o.current])).toEqual([
        ['direct', false],
        ['principal_leadership', true],
      ]);
      expect(view.officials[0]!.deliberation!.recommendation.id).toBe('exempted');

      const own = await signIn(w, 'official');
      const mine = (await own.get(`/api/cases/${opened.cases[0]!.id}/joint-matter`)).json();
      expect((mine as JointMatterAnswer).jointMatter!.officials).toMatchObject([
        { caseId: opened.cases[0]!.id, deliberation: null },
      ]);
      expect((await own.get(`/api/cases/${opened.cases[1]!.id}/joint-matter`)).statusCode).toBe(
        404,
      );

      const stale = await inv.post(`/api/joint-matters/${opened.jointMatterId}/facts`, {
        expectedVersion: view.version + 1,
        fact: 'cooperated',
        value: true,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ error: { code: 'JOINT_MATTER_VERSION_CONFLICT' } });
    });
  },
  { open: { schema } },
);
