import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { caseFacts, schema, type Schema } from '../tables.js';
import { caseRow, codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { currentFacts } from './record-fact.js';
import type { CaseRow } from './record.js';
import { createRiskFiling, linkRiskFiling } from './risk-filing.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });

describeStores<Schema>(
  'ex-ante risk filings linked to a case',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    const filing = (unitId: string, status: 'pending' | 'accepted' | 'rejected') => ({
      unitId,
      title: '招商项目容缺审批事前报备',
      filedOn: '2024-10-20',
      status,
    });

    it('intake and investigators of the jurisdiction record filings; others may not', async () => {
      const a = w.actors;
      const made = await createRiskFiling(w.ctx, a.investigator!, filing(w.ids.unit, 'accepted'));
      expect(made).toMatchObject({
        unitId: w.ids.unit,
        jurisdictionId: w.ids.area,
        status: 'accepted',
        filedOn: '2024-10-20',
        decidedOn: '2025-03-03',
      });
      expect(
        await codeOf(createRiskFiling(w.ctx, a.outsiderIntake!, filing(w.ids.unit, 'accepted'))),
      ).toBe('FORBIDDEN');
      expect(
        await codeOf(createRiskFiling(w.ctx, a.unitParty!, filing(w.ids.unit, 'accepted'))),
      ).toBe('FORBIDDEN');
      expect(
        await codeOf(
          createRiskFiling(
            w.ctx,
            a.intake!,
            filing('00000000-0000-4000-8000-000000000000', 'accepted'),
          ),
        ),
      ).toBe('NOT_FOUND');
      expect(
        await codeOf(
          createRiskFiling(w.ctx, a.intake!, {
            ...filing(w.ids.unit, 'accepted'),
            filedOn: '2099-01-01',
          }),
        ),
      ).toBe('VALIDATION');
      expect(
        await codeOf(
          createRiskFiling(w.ctx, a.intake!, {
            ...filing(w.ids.unit, 'accepted'),
            status: 'approved' as 'accepted',
          }),
        ),
      ).toBe('VALIDATION');
    });

    it('linking records the fact riskFiling from the filing, superseding an earlier link', async () => {
      const a = w.actors;
      let c = await driveTo(w, 'verification');
      const accepted = await createRiskFiling(w.ctx, a.intake!, filing(w.ids.unit, 'accepted'));
      const rejected = await createRiskFiling(w.ctx, a.intake!, filing(w.ids.subUnit, 'rejected'));
      const elsewhere = await createRiskFiling(
        w.ctx,
        a.intake!,
        filing(w.ids.otherUnit, 'accepted'),
      );

      const link = { ...v(c), riskFilingId: accepted.id };
      expect(await codeOf(linkRiskFiling(w.ctx, a.intake!, link))).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(linkRiskFiling(w.ctx, a.official!, link))).toBe('CASE_ROLE_REQUIRED');
      expect(
        await codeOf(
          linkRiskFiling(w.ctx, a.investigator!, { ...link, riskFilingId: elsewhere.id }),
        ),
      ).toBe('VALIDATION');

      const r = await linkRiskFiling(w.ctx, a.investigator!, link);
      c = r.case;
      expect(c.riskFilingId).toBe(accepted.id);
      expect(r.result.value).toBe('accepted');
      expect(await w.ctx.store.tx(async (tx) => (await currentFacts(tx, c.id))['riskFiling'])).toBe(
        'accepted',
      );

      c = (await linkRiskFiling(w.ctx, a.investigator!, { ...v(c), riskFilingId: rejected.id }))
        .case;
      expect((await caseRow(w, c.id)).riskFilingId).toBe(rejected.id);
      const rows = await w.ctx.store.db
        .select()
        .from(caseFacts)
        .where(and(eq(caseFacts.caseId, c.id), eq(caseFacts.fact, 'riskFiling')));
      expect(rows).toHaveLength(2);
      const current = rows.filter((f) => f.supersededAt === null);
      expect(current).toHaveLength(1);
      expect(current[0]).toMatchObject({
        value: 'rejected',
        source: 'risk_filing',
        recordedBy: a.investigator!.userId,
      });
    });

    it('a pending filing covers nothing; linking outside verification is refused', async () => {
      const a = w.actors;
      const pending = await createRiskFiling(w.ctx, a.intake!, filing(w.ids.unit, 'pending'));
      expect(pending.decidedOn).toBeNull();
      const c = await driveTo(w, 'verification');
      const r = await linkRiskFiling(w.ctx, a.investigator!, { ...v(c), riskFilingId: pending.id });
      expect(r.result.value).toBe('none');
      const submitted = await driveTo(w, 'submitted');
      expect(
        await codeOf(
          linkRiskFiling(w.ctx, a.investigator!, { ...v(submitted), riskFilingId: pending.id }),
        ),
      ).toBe('CASE_WRONG_STATE');
    });
  },
  { open: { schema } },
);
