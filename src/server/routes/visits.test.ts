import { beforeAll, expect, it } from 'vitest';
import type { VisitsView } from '../../api/index.js';
import { drawVisits } from '../../app/visits/draw.js';
import { redraw } from '../../app/visits/sample.js';
import type { Schema } from '../../app/tables.js';
import { driveTo } from '../../app/testing/steps.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

const REASONS = '综合考虑损失情况和挽回情况，认定机构决定减轻问责，理由已记录在会议纪要中。';

describeStores<Schema>('the follow-up visits API (/api/visits)', (getStore) => {
  let w: HttpWorld;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    w.clock.setDay('2025-03-03');
    for (let i = 0; i < 3; i++) {
      await driveTo(w, 'notified', { outcome: 'reduced', departureReasons: REASONS });
    }
    w.clock.setDay('2025-08-20');
  }, 120_000);

  it('draws with a given seed, records and reports, as the liaison', async () => {
    const liaison = await signIn(w, 'liaison');
    const before = (await liaison.get('/api/visits')).json() as VisitsView;
    expect(before.upcoming).toHaveLength(3);
    expect(before.mayDraw).toBe(true);
    const drawn = await liaison.post('/api/visits/draws', {
      jurisdictionId: w.ids.area,
      seed: '2025-08-20-public',
    });
    expect(drawn.statusCode).toBe(201);
    const draw = (drawn.json() as { draw: { population: string[]; selected: string[] } }).draw;
    expect(draw.selected).toHaveLength(1);
    expect(redraw('2025-08-20-public', draw.population, 0.3)).toEqual(draw.selected);

    const view = (
      await liaison.get(`/api/visits?jurisdictionId=${w.ids.area}`)
    ).json() as VisitsView;
    expect(view.upcoming).toHaveLength(2);
    expect(view.draws[0]).toMatchObject({ seed: '2025-08-20-public', share: 0.3 });
    const v = view.visits[0]!;
    expect(v).toMatchObject({ state: 'scheduled', abilities: { record: true, report: false } });

    const bad = await liaison.post(`/api/visits/${v.id}/record`, {
      expectedVersion: v.caseVersion,
      visitedOn: '2025-08-20',
      visitors: '组织部 王科长',
      findings: '情况良好。',
      conclusion: 'excellent',
    });
    expect(bad.statusCode).toBe(400);
    const recorded = await liaison.post(`/api/visits/${v.id}/record`, {
      expectedVersion: v.caseVersion,
      visitedOn: '2025-08-20',
      visitors: '组织部 王科长',
      findings: '整改到位，工作状态良好。',
      conclusion: 'needs_support',
    });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json()).toEqual({ visitId: v.id, caseVersion: v.caseVersion + 1 });
    const stale = await liaison.post(`/api/visits/${v.id}/record`, {
      expectedVersion: v.caseVersion,
      visitedOn: '2025-08-20',
      visitors: '组织部 王科长',
      findings: '整改到位，工作状态良好。',
      conclusion: 'needs_support',
    });
    expect(stale.statusCode).toBe(409);
    const sent = await liaison.post('/api/visits/report', { visitIds: [v.id] });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ reportedOn: '2025-08-20', visitIds: [v.id] });
  });

  it('runs two draws at once one after the other: nobody is drawn twice', async () => {
    const draw = (seed: string) =>
      drawVisits(w.ctx, w.actors.liaison!, { jurisdictionId: w.ids.area, seed });
    const [a, b] = await Promise.allSettled([draw('race-a'), draw('race-b')]);
    const drawn = [a, b].flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    // 2 left: the first takes ⌈0.3 × 2⌉ = 1, the second the last one.
    expect(drawn).toHaveLength(2);
    const ids = drawn.flatMap((d) => d.selected);
    expect(new Set(ids).size).toBe(2);
    expect(drawn.map((d) => d.population.length).sort()).toEqual([1, 2]);
  });

  it('lets a committee chair read and nobody else draw', async () => {
    const chair = await signIn(w, 'chair');
    const view = (await chair.get('/api/visits')).json() as VisitsView;
    expect(view.visits).toHaveLength(3);
    expect(view.mayDraw).toBe(false);
    expect((await chair.post('/api/visits/draws', { jurisdictionId: w.ids.area })).statusCode).toBe(
      403,
    );
    const official = await signIn(w, 'official');
    const refused = await official.get('/api/visits');
    expect(refused.statusCode).toBe(403);
    expect((refused.json() as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const none = await (await signIn(w, 'liaison')).post('/api/visits/report', { visitIds: [] });
    expect(none.statusCode).toBe(400);
  });
});
