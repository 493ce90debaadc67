import { beforeAll, expect, it } from 'vitest';
import type { IndicatorsReport } from '../api/index.js';
import { schema, type Schema } from '../app/tables.js';
import { driveTo } from '../app/testing/steps.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from './testing/http.js';

describeStores<Schema>(
  'the implementation indicators over HTTP',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
      w.clock.setDay('2025-03-03');
      await driveTo(w, 'notified');
      await driveTo(w, 'notified', {
        outcome: 'not_tolerated',
        departureReasons:
          '经集体研究，当事人明知存在重大风险仍执意推进，造成较大损失，不符合容错条件，故不采纳系统建议。',
      });
    }, 120_000);

    const get = async (name: string, query: string) =>
      (await signIn(w, name)).get(`/api/evaluation/indicators${query}`);

    it('answers the liaison with the figures of their jurisdiction, definitions included', async () => {
      const res = await get('liaison', '?from=2025-03-01&to=2025-03-31');
      expect(res.statusCode).toBe(200);
      const r = res.json() as IndicatorsReport;
      expect(r.jurisdictions.map((j) => j.id)).toEqual([w.ids.area]);
      const tolerance = r.total.find((x) => x.id === 'toleranceRate');
      expect(tolerance).toEqual({ id: 'toleranceRate', numerator: 1, denominator: 2, value: 0.5 });
      const reversal = r.total.find((x) => x.id === 'reversalRate');
      expect(reversal).toEqual({ id: 'reversalRate', numerator: 0, denominator: 0, value: null });
      const definition = r.definitions.find((d) => d.id === 'toleranceRate')!;
      expect(definition.formula.zh).toContain('÷');
      expect(definition.factor).toBe('policyScope');
    });

    it('refuses other roles, jurisdictions outside the scope and bad periods, each with its code', async () => {
      const official = await get('official', '');
      expect(official.statusCode).toBe(403);
      expect(official.json().error.code).toBe('EVALUATION_ROLE_REQUIRED');
      const outside = await get('liaison', `?jurisdiction=${w.ids.otherArea}`);
      expect(outside.statusCode).toBe(404);
      expect(outside.json().error.code).toBe('ORG_NOT_FOUND');
      const bad = await get('auditor', '?from=2025-03-31&to=2025-03-01');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION');
      const auditor = await get('auditor', `?jurisdiction=${w.ids.otherArea}`);
      expect(auditor.statusCode).toBe(200);
      expect((auditor.json() as IndicatorsReport).jurisdictions.map((j) => j.id)).toEqual([
        w.ids.otherArea,
      ]);
    });
  },
  { open: { schema } },
);
