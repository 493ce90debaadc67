import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_IDS, type IndicatorId } from '../../evaluation/indicator-definitions.js';
import { SEED000_FACTORS } from '../../evaluation/model.js';
import { describeStores } from '../../store/testing/harness.js';
import { recordAccountabilityMatter } from '../cases/open-ex-officio.js';
import { decideChallenge } from '../cases/decide-challenge.js';
import { issueDocument } from '../cases/issue-document.js';
import type { CaseRow } from '../cases/record.js';
import { requestChallenge } from '../cases/request-challenge.js';
import { createRiskFiling } from '../cases/risk-filing.js';
import { startPublicity } from '../cases/start-publicity.js';
import { castReviewVote } from '../cases/vote-review.js';
import { createOfficial, createUnit } from '../org.js';
import { readLog, riskFilings, schema, type Schema } from '../tables.js';
import { insertAction, insertCorrection } from '../testing/correction-rows.js';
import { advance, codeOf, driveTo, voteToUphold } from '../testing/steps.js';
import { insertVisit } from '../testing/visit-rows.js';
import { buildWorld, type World } from '../testing/world.js';
import { getIndicators, valuesOf, type IndicatorValue } from './indicators.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });
const MARCH = { from: '2025-03-01', to: '2025-03-31' };
const DEPARTURE =
  '经集体研究，当事人明知存在重大风险仍执意推进，造成较大损失，不符合容错条件，故不采纳系统建议。';

/** The indicator `id` among `values`. */
function pick(values: readonly IndicatorValue[], id: IndicatorId): IndicatorValue {
  const found = values.find((x) => x.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
}

describe('indicator values from counts', () => {
  it('are null, never NaN, when a denominator is 0', () => {
    const zero = Object.fromEntries(
      [
        'applications',
        'exOfficio',
        'cadres',
        'matters',
        'riskFilings',
        'determinations',
        'tolerated',
        'departed',
        'publicized',
        'timed',
        'challengesDecided',
        'challengesChanged',
        'actionsDue',
        'actionsConfirmed',
        'reviewed',
        'effective',
        'drawn',
        'visited',
      ].map((k) => [k, 0]),
    );
    const values = valuesOf({ ...zero, medianDays: null } as Parameters<typeof valuesOf>[0]);
    expect(values.map((x) => x.id)).toEqual([...INDICATOR_IDS]);
    for (const x of values) expect(x.value).toBeNull();
  });
});

describeStores<Schema>(
  'implementation indicators from case records',
  (getStore) => {
    let w: World;
    /** The other district of the world, with a unit and an official of its own. */
    let other: { unit: string; official: string };
    const cal = () => w.ctx.calendars.get('cn');

    beforeAll(async () => {
      w = await buildWorld(getStore());
      const a = w.actors;
      const db = w.ctx.store.db;

      // February: one application decided, outside the period.
      w.clock.setDay('2025-02-20');
      const e = await driveTo(w, 'notified');

      // March. A: accepted 3 March, decided exempted 10 March, publicized.
      w.clock.setDay('2025-03-03');
      let caseA = await driveTo(w, 'verification');
      // B: accepted 3 March, decided exempted 5 March, changed on review 12 March.
      let caseB = await driveTo(w, 'verification');
      w.clock.setDay('2025-03-04');
      let caseC = await driveTo(w, 'verification');
      w.clock.setDay('2025-03-05');
      caseB = await advance(w, caseB, 'notified');
      w.clock.setDay('2025-03-06');
      caseB = (
        await requestChallenge(w.ctx, a.official!, {
          ...v(caseB),
          kind: 'review',
          grounds: '对认定结果有异议，申请复核。',
        })
      ).case;
      w.clock.setDay('2025-03-10');
      caseA = await advance(w, caseA, 'notified');
      caseA = (await startPublicity(w.ctx, a.liaison!, v(caseA))).case;
      caseA = (await issueDocument(w.ctx, a.liaison!, { ...v(caseA), type: 'publicity' })).case;
      w.clock.setDay('2025-03-12');
      for (const m of [a.chair!, a.member1!, a.member2!]) {
        const vote = { ...v(caseB), outcome: 'lighter', reason: '经研究，同意变更。' };
        caseB = (await castReviewVote(w.ctx, m, vote)).case;
      }
      await decideChallenge(w.ctx, a.chair!, {
        ...v(caseB),
        result: 'changed',
        outcome: 'lighter',
        reasons: '经复核，当事人未完全履行报告义务，变更为从轻处理。',
      });
      // C: accepted 4 March, decided exempted 17 March, upheld on review 19 March.
      w.clock.setDay('2025-03-17');
      caseC = await advance(w, caseC, 'notified');
      w.clock.setDay('2025-03-18');
      caseC = (
        await requestChallenge(w.ctx, a.official!, {
          ...v(caseC),
          kind: 'review',
          grounds: '对认定理由有异议，申请复核。',
        })
      ).case;
      w.clock.setDay('2025-03-19');
      caseC = await voteToUphold(w, caseC);
      caseC = (
        await decideChallenge(w.ctx, a.chair!, {
          ...v(caseC),
          result: 'upheld',
          reasons: '经复核，原认定事实清楚，维持原认定。',
        })
      ).case;
      // D: accepted and decided 20 March, not tolerated against the recommendation.
      w.clock.setDay('2025-03-20');
      const caseD = await driveTo(w, 'notified', {
        outcome: 'not_tolerated',
        departureReasons: DEPARTURE,
      });

      // Two accountability matters recorded on 21 March, one opened in February: two ex-officio
      // checks opened in March, one matter opened in March.
      w.clock.setDay('2025-03-21');
      for (const openedOn of ['2025-03-21', '2025-02-25']) {
        await recordAccountabilityMatter(w.ctx, a.investigator!, {
          officialId: w.ids.colleague,
          summary: '项目审批程序不规范',
          openedOn,
          conductDate: '2024-09-01',
          source: 'inspection',
        });
      }
      // Risk filings: one in March, one in February.
      for (const filedOn of ['2025-03-10', '2025-02-10']) {
        await createRiskFiling(w.ctx, a.investigator!, {
          unitId: w.ids.unit,
          title: '园区标准厂房代建试点',
          filedOn,
          status: 'pending',
        });
      }

      // Corrections: on A, actions due 20, 25 and 28 March (one confirmed in time, one open, one
      // confirmed in April) and one due in April; A's reviewed effective on 30 March, C's found
      // not effective on 15 March (reopened, round 2), E's effective in February.
      w.clock.setDay('2025-03-31');
      const chairId = a.chair!.userId;
      const kA = await insertCorrection(db, caseA, chairId, {
        issuedOn: '2025-03-11',
        state: 'effective',
        closedOn: '2025-03-28',
        reviewedOn: '2025-03-30',
      });
      const owner = { ownerOfficialId: w.ids.official };
      await insertAction(db, kA, chairId, {
        ...owner,
        dueOn: '2025-03-20',
        state: 'confirmed',
        verifiedOn: '2025-03-19',
      });
      await insertAction(db, kA, chairId, { ...owner, dueOn: '2025-03-25' });
      await insertAction(db, kA, chairId, {
        ...owner,
        dueOn: '2025-03-28',
        state: 'confirmed',
        verifiedOn: '2025-04-02',
      });
      await insertAction(db, kA, chairId, {
        ...owner,
        dueOn: '2025-04-10',
        state: 'confirmed',
        verifiedOn: '2025-03-28',
      });
      await insertCorrection(db, caseC, chairId, {
        issuedOn: '2025-03-11',
        state: 'in_progress',
        round: 2,
        reviewedOn: '2025-03-15',
      });
      await insertCorrection(db, e, chairId, {
        issuedOn: '2025-02-21',
        state: 'effective',
        closedOn: '2025-02-25',
        reviewedOn: '2025-02-28',
      });

      // Visits: A (visited 25 March), C (not yet) and D (visited in April) drawn on 15 March; E
      // drawn in February.
      const liaisonId = a.liaison!.userId;
      const done = (visitedOn: string) => ({
        state: 'done' as const,
        visitedOn,
        visitors: '组织部干部一科 王某',
        findings: '工作状态良好，干事创业积极性较高。',
        conclusion: 'performing_well' as const,
        recordedBy: liaisonId,
      });
      await insertVisit(db, caseA, liaisonId, {
        drawnOn: '2025-03-15',
        dueOn: '2025-04-15',
        ...done('2025-03-25'),
      });
      await insertVisit(db, caseC, liaisonId, { drawnOn: '2025-03-15', dueOn: '2025-04-15' });
      await insertVisit(db, caseD, liaisonId, {
        drawnOn: '2025-03-15',
        dueOn: '2025-04-15',
        ...done('2025-04-05'),
      });
      await insertVisit(db, e, liaisonId, {
        drawnOn: '2025-02-15',
        dueOn: '2025-03-15',
        ...done('2025-03-10'),
      });

      // Y District: one official and a risk filing in March, outside X New Area.
      const unit = await createUnit(w.ctx, {
        jurisdictionId: w.ids.otherArea,
        nameZh: '发展改革局',
        nameEn: 'Development and Reform Bureau',
      });
      const official = await createOfficial(w.ctx, {
        name: '赵六',
        unitId: unit.id,
        managingJurisdictionId: w.ids.otherArea,
      });
      other = { unit: unit.id, official: official.id };
      await db.insert(riskFilings).values({
        id: randomUUID(),
        jurisdictionId: w.ids.otherArea,
        unitId: other.unit,
        title: '片区综合开发试点',
        status: 'pending',
        filedOn: '2025-03-12',
      });
    }, 240_000);

    it("counts each indicator's numerator and denominator from what happened in the period", async () => {
      const r = await getIndicators(w.ctx, w.actors.liaison!, MARCH);
      expect(r.jurisdictions.map((j) => j.id)).toEqual([w.ids.area]);
      const x = r.jurisdictions[0]!.indicators;
      const parts = (id: IndicatorId) => {
        const p = pick(x, id);
        return [p.numerator, p.denominator];
      };
      // Four applications in March (A–D; E was February) among the area's three officials.
      expect(parts('applicationsPerThousandCadres')).toEqual([4, 3]);
      expect(pick(x, 'applicationsPerThousandCadres').value).toBeCloseTo(4000 / 3, 9);
      expect(parts('exOfficioChecksPerMatter')).toEqual([2, 1]);
      expect(pick(x, 'exOfficioChecksPerMatter').value).toBe(2);
      // A, B, C, D first decided in March; B's change on review is not a first determination.
      expect(parts('toleranceRate')).toEqual([3, 4]);
      expect(parts('departureRate')).toEqual([1, 4]);
      expect(parts('publicityShare')).toEqual([1, 4]);
      expect(parts('reversalRate')).toEqual([1, 2]);
      expect(pick(x, 'reversalRate').value).toBe(0.5);
      expect(parts('correctionCompletion')).toEqual([1, 3]);
      expect(parts('correctionEffectiveness')).toEqual([1, 2]);
      expect(parts('visitCoverage')).toEqual([1, 3]);
      expect(parts('riskFilingsPerThousandCadres')).toEqual([1, 3]);
    });

    it("takes the median of working days on the jurisdiction's calendar", async () => {
      const r = await getIndicators(w.ctx, w.actors.liaison!, MARCH);
      const median = pick(r.jurisdictions[0]!.indicators, 'medianWorkingDaysToDecision');
      // A 3→10 March, B 3→5, C 4→17, D 20→20, by the calendar's own count.
      const days = [
        cal().workingDaysBetween('2025-03-03', '2025-03-10'),
        cal().workingDaysBetween('2025-03-03', '2025-03-05'),
        cal().workingDaysBetween('2025-03-04', '2025-03-17'),
        0,
      ].sort((p, q) => p - q);
      expect(days).toEqual([0, 2, 5, 9]);
      expect(median).toEqual({
        id: 'medianWorkingDaysToDecision',
        numerator: null,
        denominator: 4,
        value: (days[1]! + days[2]!) / 2,
      });
      // Only A and B were decided by 10 March: the median of 2 and 5.
      const early = await getIndicators(w.ctx, w.actors.liaison!, {
        from: '2025-03-01',
        to: '2025-03-10',
      });
      expect(pick(early.total, 'medianWorkingDaysToDecision').value).toBe(3.5);
    });

    it('shows a reader only the jurisdictions they hold a role over', async () => {
      const auditor = await getIndicators(w.ctx, w.actors.auditor!, MARCH);
      expect(new Set(auditor.jurisdictions.map((j) => j.id))).toEqual(
        new Set([w.ids.province, w.ids.city, w.ids.area, w.ids.otherArea]),
      );
      const y = auditor.jurisdictions.find((j) => j.id === w.ids.otherArea)!;
      expect(pick(y.indicators, 'riskFilingsPerThousandCadres')).toMatchObject({
        numerator: 1,
        denominator: 1,
        value: 1000,
      });
      // The province itself manages no officials: no per-thousand figure, not 0 or NaN.
      const province = auditor.jurisdictions.find((j) => j.id === w.ids.province)!;
      expect(pick(province.indicators, 'applicationsPerThousandCadres').value).toBeNull();
      // The whole scope adds the districts; the liaison's scope is X New Area alone.
      expect(pick(auditor.total, 'riskFilingsPerThousandCadres')).toMatchObject({
        numerator: 2,
        denominator: 4,
        value: 500,
      });
      const liaison = await getIndicators(w.ctx, w.actors.liaison!, MARCH);
      expect(pick(liaison.total, 'riskFilingsPerThousandCadres')).toMatchObject({
        numerator: 1,
        denominator: 3,
      });
      // The city's chair may narrow to Y District; X New Area's liaison may not see it at all.
      const cityChair = await getIndicators(w.ctx, w.actors.cityChair!, {
        ...MARCH,
        jurisdiction: w.ids.otherArea,
      });
      expect(cityChair.jurisdictions.map((j) => j.id)).toEqual([w.ids.otherArea]);
      expect(pick(cityChair.total, 'toleranceRate').value).toBeNull();
      const refused = getIndicators(w.ctx, w.actors.liaison!, {
        ...MARCH,
        jurisdiction: w.ids.otherArea,
      });
      expect(await codeOf(refused)).toBe('ORG_NOT_FOUND');
      for (const name of ['investigator', 'official', 'policyAdmin', 'unitParty']) {
        expect(await codeOf(getIndicators(w.ctx, w.actors[name]!, MARCH))).toBe(
          'EVALUATION_ROLE_REQUIRED',
        );
      }
    });

    it('gives nulls for a period with nothing in it, and logs the read', async () => {
      const r = await getIndicators(w.ctx, w.actors.admin!, {
        from: '2024-01-01',
        to: '2024-01-31',
      });
      for (const x of [...r.total, ...r.jurisdictions.flatMap((j) => j.indicators)]) {
        if (x.id.endsWith('PerThousandCadres')) {
          // The register is not empty where officials are managed: a true 0, else null.
          expect(x.value === null || x.value === 0).toBe(true);
          expect(x.value === null).toBe(x.denominator === 0);
        } else {
          expect(x.denominator).toBe(0);
          expect(x.value).toBeNull();
        }
      }
      const logged = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(
          and(
            eq(readLog.what, 'evaluation.indicators'),
            eq(readLog.userId, w.actors.admin!.userId),
          ),
        );
      expect(logged.map((l) => l.detail)).toContainEqual({ from: '2024-01-01', to: '2024-01-31' });
    });

    it('refuses a period that is not one, saying how to fix it', async () => {
      const bad = [
        { from: '2025-02-30' },
        { from: '2025-03-31', to: '2025-03-01' },
        { from: '2007-12-31', to: '2008-01-31' },
        { to: '2101-01-01' },
      ];
      for (const input of bad) {
        expect(await codeOf(getIndicators(w.ctx, w.actors.admin!, input))).toBe('VALIDATION');
      }
      // Default: the year to date.
      const r = await getIndicators(w.ctx, w.actors.admin!);
      expect([r.from, r.to]).toEqual(['2025-01-01', '2025-03-31']);
    });

    it('maps every indicator to a factor of the seed-000 model, with both languages', async () => {
      const factors = new Set<string>(Object.values(SEED000_FACTORS).flat());
      const r = await getIndicators(w.ctx, w.actors.admin!, MARCH);
      expect(r.definitions.map((d) => d.id)).toEqual([...INDICATOR_IDS]);
      for (const d of r.definitions) {
        expect(factors.has(d.factor)).toBe(true);
        for (const t of [d.name, d.definition, d.formula, d.denominator]) {
          expect(t.zh.length).toBeGreaterThan(0);
          expect(t.en.length).toBeGreaterThan(0);
        }
        expect(d.numerator === null).toBe(d.kind === 'median');
      }
    });
  },
  { open: { schema } },
);
