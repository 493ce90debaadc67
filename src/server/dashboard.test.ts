import { beforeAll, expect, it } from 'vitest';
import { createUser, hashPassword, loadActor } from '../app/org.js';
import { lastMonths } from '../app/queries/dashboard.js';
import type { Schema } from '../app/tables.js';
import { driveTo } from '../app/testing/steps.js';
import { TEST_PASSWORD } from '../app/testing/world.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from './testing/http.js';

interface DashboardJson {
  today: string;
  totals: { open: number; overdue: number; suspended: number; decided: number };
  openByStep: { step: string; count: number; label: { zh: string; en: string } }[];
  overdue: { count: number; items: { number: string; workingDaysOverdue: number }[] };
  outcomesByMonth: {
    months: string[];
    outcomes: { id: string; label: { zh: string; en: string } }[];
    counts: number[][];
  };
}

it('lists the months ending with the current one, across a year end', () => {
  expect(lastMonths('2026-02-10', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  expect(lastMonths('2025-03-31', 1)).toEqual(['2025-03']);
});

describeStores<Schema>('the dashboard over HTTP', (getStore) => {
  let w: HttpWorld;
  const numbers: Record<string, string[]> = {};
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    const make = async (state: Parameters<typeof driveTo>[1], n: number) => {
      for (let i = 0; i < n; i++) {
        const c = await driveTo(w, state, { title: `${state} ${i}` });
        (numbers[state] ??= []).push(c.number);
      }
    };
    await make('submitted', 2);
    await make('verification', 1);
    await make('determined', 1);
    await make('notified', 1);
    // A chair of the sibling district, whose scope holds none of these cases.
    const id = await createUser(
      w.ctx,
      {
        username: `y-chair-${w.ids.otherArea}`,
        displayName: 'Y区负责人',
        password: TEST_PASSWORD,
        grants: [{ role: 'committee_chair', scopeKind: 'jurisdiction', scopeId: w.ids.otherArea }],
      },
      await hashPassword(TEST_PASSWORD),
    );
    w.actors['yChair'] = await loadActor(w.ctx, id);
    // Three months on: the applications waiting for acceptance are long overdue.
    w.clock.setDay('2025-06-03');
  }, 120_000);

  const dashboard = async (name: string, query = '') => {
    const c = await signIn(w, name);
    const res = await c.get(`/api/dashboard${query}`);
    return res;
  };

  it('counts open cases by step, the overdue work and the decisions by month for the chair', async () => {
    const res = await dashboard('chair');
    expect(res.statusCode).toBe(200);
    const d = res.json() as DashboardJson;
    expect(d.today).toBe('2025-06-03');
    const byStep = Object.fromEntries(d.openByStep.map((s) => [s.step, s.count]));
    expect(byStep).toMatchObject({ acceptance: 2, verification: 1, notification: 1 });
    expect(d.openByStep.find((s) => s.step === 'acceptance')!.label.zh).toBe('受理');
    // Procedure order: acceptance before verification before notification.
    const steps = d.openByStep.map((s) => s.step);
    expect(steps.indexOf('acceptance')).toBeLessThan(steps.indexOf('verification'));
    expect(steps.indexOf('verification')).toBeLessThan(steps.indexOf('notification'));
    expect(d.totals.open).toBe(5);

    // The overdue count agrees with the case list's own overdue filter.
    const list = (await (await signIn(w, 'chair')).get('/api/cases?due=overdue')).json();
    expect(d.overdue.count).toBe(list.total);
    expect(d.totals.overdue).toBe(list.total);
    expect(d.overdue.count).toBeGreaterThanOrEqual(2);
    const listed = d.overdue.items.map((i) => i.number);
    expect(listed).toEqual(expect.arrayContaining(numbers['submitted']!));
    expect(d.overdue.items[0]!.workingDaysOverdue).toBeGreaterThan(30);
    for (let i = 1; i < d.overdue.items.length; i++) {
      expect(d.overdue.items[i - 1]!.workingDaysOverdue).toBeGreaterThanOrEqual(
        d.overdue.items[i]!.workingDaysOverdue,
      );
    }

    // Two decisions, both 'exempted', in March 2025 (the world's day).
    const m = d.outcomesByMonth;
    expect(m.months).toHaveLength(12);
    expect(m.months.at(-1)).toBe('2025-06');
    expect(m.outcomes.map((o) => o.id)).toEqual(['exempted']);
    expect(m.outcomes[0]!.label.zh).not.toBe('exempted');
    const march = m.months.indexOf('2025-03');
    expect(m.counts[0]![march]).toBe(2);
    expect(m.counts[0]!.reduce((a, b) => a + b, 0)).toBe(2);
    expect(d.totals.decided).toBe(2);

    const three = (await dashboard('chair', '?months=3')).json() as DashboardJson;
    expect(three.outcomesByMonth.months).toEqual(['2025-04', '2025-05', '2025-06']);
    expect(three.totals.decided).toBe(0);
  });

  it('follows the scope: the city above sees the same, a sibling district nothing', async () => {
    const chair = (await dashboard('chair')).json() as DashboardJson;
    const city = (await dashboard('cityChair')).json() as DashboardJson;
    expect(city.totals).toEqual(chair.totals);
    const y = (await dashboard('yChair')).json() as DashboardJson;
    expect(y.totals).toEqual({ open: 0, overdue: 0, suspended: 0, decided: 0 });
    expect(y.openByStep).toEqual([]);
    expect(y.overdue.items).toEqual([]);
  });

  it('counts for a policy administrator but lists no case they may not open', async () => {
    const d = (await dashboard('policyAdmin')).json() as DashboardJson;
    expect(d.overdue.count).toBeGreaterThanOrEqual(2);
    expect(d.overdue.items).toEqual([]);
    const liaison = (await dashboard('liaison')).json() as DashboardJson;
    expect(liaison.overdue.items.length).toBe(Math.min(liaison.overdue.count, 10));
  });

  it('refuses officers without a managing role, and bad queries', async () => {
    for (const name of ['intake', 'investigator', 'member1', 'official', 'unitParty']) {
      const res = await dashboard(name);
      expect(res.statusCode, name).toBe(403);
      expect(res.json().error.code).toBe('DASHBOARD_ROLE_REQUIRED');
    }
    expect((await dashboard('chair', '?months=0')).statusCode).toBe(400);
    expect((await dashboard('chair', '?months=37')).statusCode).toBe(400);
    const anon = await w.app.inject({ method: 'GET', url: '/api/dashboard' });
    expect(anon.statusCode).toBe(401);
  });

  it('logs the read', async () => {
    const chair = w.actors['chair']!;
    await dashboard('chair');
    const r = await getStore().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM read_log WHERE user_id = $1 AND what = 'dashboard'`,
      [chair.userId],
    );
    expect(r.rows[0]!.n).toBeGreaterThan(0);
  });
});
