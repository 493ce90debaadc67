import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { monthsEndIso } from '../dates.js';
import { getCase } from '../queries/case-view.js';
import { caseEvents, determinations, schema, type Schema } from '../tables.js';
import { driveTo } from '../testing/steps.js';
import { loadDecisionDocument } from '../documents/decision-document.js';
import { decideChallenge } from './decide-challenge.js';
import { requestChallenge } from './request-challenge.js';
import { buildWorld, type World } from '../testing/world.js';

describe('the end of an impact period (Civil Code Arts. 201–202)', () => {
  it('is the corresponding day of the last month, or its last day', () => {
    expect(monthsEndIso('2025-03-03', 12)).toBe('2026-03-03');
    expect(monthsEndIso('2025-03-03', 6)).toBe('2025-09-03');
    expect(monthsEndIso('2025-01-31', 1)).toBe('2025-02-28');
    expect(monthsEndIso('2024-01-31', 1)).toBe('2024-02-29');
    expect(monthsEndIso('2025-08-31', 6)).toBe('2026-02-28');
    expect(monthsEndIso('2025-11-15', 2)).toBe('2026-01-15');
  });
});

describeStores<Schema>(
  'a determination carries its result application (结果运用)',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
      w.clock.setDay('2025-03-03');
    });

    it('keeps what an exemption leaves unaffected, with labels, and no impact period', async () => {
      const c = await driveTo(w, 'determined');
      const [d] = await w.ctx.store.db
        .select()
        .from(determinations)
        .where(eq(determinations.caseId, c.id));
      expect(d!.impactEndsOn).toBeNull();
      expect(d!.application?.pack.id).toBe('x-new-area');
      const ids = d!.application!.unaffected.map((m) => m.id);
      expect(ids).toContain('annualAssessment');
      expect(ids).toContain('talentProgramme');
      expect(d!.application!.unaffected.find((m) => m.id === 'promotion')?.label.zh).toBe(
        '选拔任用',
      );
      expect(d!.application!.correction?.within).toMatchObject({ days: 30, unit: 'working' });
      // The trail records it with the decision.
      const events = await w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, c.id));
      const decided = events.find((e) => e.type === 'case.decided');
      expect(
        (decided!.payload as { application: { unaffected: unknown[] } }).application.unaffected,
      ).toHaveLength(ids.length);
    });

    it('runs an impact period from the decision for a mitigated outcome, shown on the case', async () => {
      const c = await driveTo(w, 'determined', {
        outcome: 'lighter',
        departureReasons:
          '综合考虑损失情况和挽回情况，认定机构决定从轻问责，理由已记录在会议纪要中。',
      });
      const [d] = await w.ctx.store.db
        .select()
        .from(determinations)
        .where(eq(determinations.caseId, c.id));
      expect(d!.impactEndsOn).toBe('2026-03-03');
      expect(d!.application?.impactPeriod).toMatchObject({ months: 12, endsOn: '2026-03-03' });
      expect(d!.application?.unaffected.map((m) => m.id)).toEqual(['annualAssessment']);
      const view = await getCase(w.ctx, w.actors.official!, c.id);
      const inForce = view.determinations.find((x) => x.inForce)!;
      expect(inForce.application?.impactPeriod?.endsOn).toBe('2026-03-03');
    });

    it('is replaced with the determination when an appeal changes it', async () => {
      w.clock.setDay('2025-03-03');
      let c = await driveTo(w, 'notified');
      c = (
        await requestChallenge(w.ctx, w.actors.official!, {
          caseId: c.id,
          expectedVersion: c.version,
          kind: 'appeal',
          grounds: '对认定结果有异议，向上级申诉。',
        })
      ).case;
      w.clock.setDay('2025-03-17');
      await decideChallenge(w.ctx, w.actors.cityChair!, {
        caseId: c.id,
        expectedVersion: c.version,
        result: 'changed',
        outcome: 'lighter',
        reasons: '经审查，当事人未完全履行报告义务，变更为从轻问责。',
      });
      const rows = await w.ctx.store.db
        .select()
        .from(determinations)
        .where(eq(determinations.caseId, c.id))
        .orderBy(determinations.createdAt);
      expect(rows.map((d) => [d.outcome, d.impactEndsOn])).toEqual([
        ['exempted', null],
        ['lighter', '2026-03-17'],
      ]);
      const view = await getCase(w.ctx, w.actors.official!, c.id);
      const inForce = view.determinations.find((x) => x.inForce)!;
      expect(inForce.application?.impactPeriod?.endsOn).toBe('2026-03-17');
      const events = await w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, c.id))
        .orderBy(caseEvents.seq);
      const decided = events.at(-1)!.payload as { application?: { impactPeriod: unknown } };
      expect(decided.application?.impactPeriod).toMatchObject({ months: 12 });
      // Its document is issued by the level that decided the appeal, and is not reviewed again.
      const doc = await loadDecisionDocument(w.ctx, w.actors.official!, c.id, 'zh');
      expect(doc.issuingBody).toBe('某市容错纠错认定机构');
      expect(doc.text).toContain('影响期为12个月');
      expect(doc.text).not.toContain('申请复核');
    });

    it('is read from the bound pack for a determination made before it was kept', async () => {
      const c = await driveTo(w, 'determined');
      await w.ctx.store.db
        .update(determinations)
        .set({ application: null })
        .where(eq(determinations.caseId, c.id));
      const view = await getCase(w.ctx, w.actors.chair!, c.id);
      const inForce = view.determinations.find((x) => x.inForce)!;
      expect(inForce.application?.unaffected.map((m) => m.id)).toContain('awards');
    });
  },
  { open: { schema } },
);
