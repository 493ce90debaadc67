import { beforeAll, expect, it } from 'vitest';
import type { CaseView } from '../api/cases.js';
import type { Todos } from '../api/todos.js';
import type { Schema } from '../app/tables.js';
import { driveTo } from '../app/testing/steps.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from './testing/http.js';

describeStores<Schema>('the to-do list over HTTP', (getStore) => {
  let w: HttpWorld;
  let submitted: string;
  let notified: string;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    submitted = (await driveTo(w, 'submitted', { title: '待受理' })).id;
    notified = (await driveTo(w, 'notified', { title: '已反馈' })).id;
  }, 120_000);

  const todos = async (name: string): Promise<Todos> => {
    const res = await (await signIn(w, name)).get('/api/todos');
    expect(res.statusCode, name).toBe(200);
    return res.json() as Todos;
  };

  it('answers every signed-in user with what waits for them, in its schema', async () => {
    const intake = await todos('intake');
    expect(intake.groups.map((g) => [g.action, g.items.map((i) => i.caseId)])).toEqual([
      ['accept', [submitted]],
    ]);
    expect(intake.groups[0]!.items[0]!.stateLabel.zh).toBe('已提交，待受理');
    expect(intake.dueSoonDays).toBe(3);
    const official = await todos('official');
    expect(official.mine.map((m) => m.caseId).sort()).toEqual([submitted, notified].sort());
    expect(official.groups.find((g) => g.action === 'requestReview')?.items[0]?.caseId).toBe(
      notified,
    );
    // An auditor reads the cases but acts on none of them.
    expect((await todos('auditor')).groups).toEqual([]);
    const anon = await w.app.inject({ method: 'GET', url: '/api/todos' });
    expect(anon.statusCode).toBe(401);
  });

  it("sends a case's tasks: closing waits for the review window, with the day it opens", async () => {
    const res = await (await signIn(w, 'intake')).get(`/api/cases/${notified}`);
    const { tasks } = res.json() as CaseView;
    const close = tasks.find((t) => t.action === 'close');
    expect(close?.allowed).toBe(false);
    expect(close?.reason?.code).toBe('CASE_CHALLENGE_WINDOW_OPEN');
    expect(close?.reason?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
