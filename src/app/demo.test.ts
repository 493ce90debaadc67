import { defaultSettings } from '../config/index.js';
import { eq, isNotNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type StoredEvent } from '../domain/audit-chain.js';
import { CASE_STATES, TERMINAL, type CaseState } from '../domain/case-states.js';
import { ROLES } from '../domain/roles.js';
import { describeStores } from '../store/testing/harness.js';
import { verify } from '@node-rs/argon2';
import { loadRules } from './bootstrap.js';
import type { AppContext } from './context.js';
import { GOOD_FAITH, SCENARIOS } from './demo-data.js';
import { ZONE, ZONE_CASES } from './demo-zone.js';
import {
  CASE_SPECS,
  demoMarker,
  demoPassword,
  prng,
  resetDemoStore,
  seedDemo,
  storeHasData,
  type DemoResult,
} from './demo.js';
import { DEMO_JOINT_CASES } from './demo-joint.js';
import { AppError } from './errors.js';
import { listCampaigns } from './evaluation/campaign-view.js';
import { campaignReport } from './evaluation/report.js';
import { loadActor } from './org.js';
import { getRecommendation } from './queries/recommendation.js';
import { getTodos } from './queries/todos.js';
import { getJointMatter } from './queries/joint-matter.js';
import { resultRows } from './queries/results-export.js';
import {
  accountabilityMatters,
  caseChallenges,
  caseDocuments,
  caseEvents,
  cases,
  consultations,
  correctionActions,
  corrections,
  determinations,
  followUpVisits,
  nameClearings,
  roleGrants,
  schema,
  talks,
  visitDraws,
  users,
  type Schema,
} from './tables.js';

const rules = await loadRules();
/** A fixed "now": the demo's history is laid out back from the day before. */
const NOW = new Date('2026-11-20T06:00:00Z');

describe('the demo material', () => {
  it('every scenario gets the outcome it claims under x-new-area', () => {
    for (const s of SCENARIOS) {
      const ev = rules.engine.evaluate('x-new-area', { ...s.facts }, { at: '2025-06-01' });
      expect([s.key, ev.outcome, ev.missingFacts]).toEqual([s.key, s.expected, []]);
    }
  });

  it('the base facts are all facts the pack knows', () => {
    const known = rules.engine.at('x-new-area', '2025-06-01').eff.facts;
    for (const k of Object.keys(GOOD_FAITH)) expect(known.has(k), k).toBe(true);
  });

  it('plans about fifty cases over every state', () => {
    expect(CASE_SPECS.length).toBeGreaterThanOrEqual(45);
    expect(new Set(CASE_SPECS.map((c) => c.state))).toEqual(new Set(CASE_STATES));
  });

  it('the PRNG is deterministic', () => {
    const a = prng(7);
    const b = prng(7);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describeStores<Schema>(
  'seeding the demo',
  (getStore) => {
    let ctx: AppContext;
    let result: DemoResult;
    beforeAll(async () => {
      ctx = { store: getStore(), ...rules, now: () => NOW, settings: defaultSettings() };
      result = await seedDemo(ctx);
    }, 240_000);

    it('makes about fifty cases in every state, over 2025 and 2026', async () => {
      expect(result.cases).toBe(CASE_SPECS.length + DEMO_JOINT_CASES + ZONE_CASES.length);
      expect(result.cases).toBeGreaterThanOrEqual(45);
      for (const state of CASE_STATES) expect(result.byState[state], state).toBeGreaterThan(0);
      // X New Area's cases (the zone's are checked on their own below).
      const rows = (await ctx.store.db.select().from(cases)).filter(
        (c) => c.jurisdictionId !== ZONE.id,
      );
      const expected: Partial<Record<CaseState, number>> = {};
      for (const s of CASE_SPECS) expected[s.state] = (expected[s.state] ?? 0) + 1;
      expected.determined = (expected.determined ?? 0) + DEMO_JOINT_CASES;
      const actual: Partial<Record<CaseState, number>> = {};
      for (const c of rows) actual[c.state as CaseState] = (actual[c.state as CaseState] ?? 0) + 1;
      expect(actual).toEqual(expected);
      const conduct = rows.map((c) => c.conductDate).sort();
      expect(conduct[0]! >= '2025-01-01').toBe(true);
      expect(conduct.some((d) => d.startsWith('2025'))).toBe(true);
      expect(conduct.some((d) => d.startsWith('2026'))).toBe(true);
      // Case numbers in X新区's pattern: X新容申〔2025〕7号.
      const years = new Set(rows.map((c) => /^X新容申〔(\d{4})〕[1-9]\d*号$/.exec(c.number)?.[1]));
      expect(years).toEqual(new Set(['2025', '2026']));
      // Nothing happens after the day before "today".
      const [last] = await ctx.store
        .query<{ at: Date }>(`SELECT max(at) AS at FROM case_events`)
        .then((q) => q.rows);
      expect(last!.at.getTime()).toBeLessThan(NOW.getTime());
    });

    it('the free-trade-zone area: a decision within the band, one live, not applicable, by reference', async () => {
      expect(result.jurisdictions).toBe(4);
      const zoneCases = await ctx.store.db
        .select()
        .from(cases)
        .where(eq(cases.jurisdictionId, ZONE.id))
        .orderBy(cases.number);
      expect(zoneCases.map((c) => c.packId)).toEqual(ZONE_CASES.map(() => 'sichuan-ftz'));
      for (const c of zoneCases) {
        expect(c.number).toMatch(/^川自贸容申〔20\d\d〕[1-4]号$/);
        expect(c.conductDate > '2024-04-28').toBe(true);
      }
      const byTitle = (key: string) =>
        zoneCases.find((c) => c.title === ZONE_CASES.find((z) => z.key === key)!.title)!;
      const decision = async (key: string) => {
        const ds = await ctx.store.db
          .select()
          .from(determinations)
          .where(eq(determinations.caseId, byTitle(key).id));
        expect(ds).toHaveLength(1);
        return ds[0]!;
      };
      const BAND = ['exempted', 'reduced', 'lighter'];
      // (a) Within the band, not at its most favourable step, without departure reasons.
      expect(byTitle('band-decided').state).toBe('notified');
      const a = await decision('band-decided');
      expect(a).toMatchObject({ outcome: 'reduced', departs: false, departureReasons: '' });
      expect(a.recommendedOutcomes).toEqual(BAND);
      expect(a.documentNumber).toMatch(/^川自贸容认〔20\d\d〕[1-9]号$/);
      // (b) In deliberation, the band recommended, one vote cast.
      const live = byTitle('band-live');
      expect(live.state).toBe('deliberation');
      const chair = await ctx.store.db.select().from(users).where(eq(users.username, 'ftz-chair'));
      const rec = await getRecommendation(ctx, await loadActor(ctx, chair[0]!.id), live.id);
      expect(rec.recommendation.recommended.map((o) => o.id)).toEqual(BAND);
      // (c) Outside the zone's reform work: not applicable, a result off the ladder.
      const c = await decision('not-applicable');
      expect(byTitle('not-applicable').state).toBe('notified');
      expect(c).toMatchObject({ outcome: 'scftz-not-applicable', departs: false });
      // (d) Accountability lies with another body: proposed to it by reference.
      const d = await decision('by-reference');
      expect(byTitle('by-reference').state).toBe('determined');
      expect(d).toMatchObject({ outcome: 'scftz-by-reference', departs: false });
      // Its officers and officials are listed with the other logins.
      for (const u of [
        'ftz-intake',
        'ftz-investigator',
        'ftz-chair',
        'ftz-member1',
        'ftz-official',
      ])
        expect(result.logins.map((l) => l.username)).toContain(u);
    });

    it('issues the documents of the set, and leaves some to be issued', async () => {
      const issued = await ctx.store.db.select().from(caseDocuments);
      expect(new Set(issued.map((d) => d.docType))).toEqual(
        new Set([
          'acceptance',
          'refusal',
          'delivery_receipt',
          'publicity',
          'review_decision',
          'appeal_decision',
          // The clearing notices (澄清正名通报), issued by the clearings (demo-clearings.ts).
          'clearing',
        ]),
      );
      for (const d of issued)
        expect(d.number, d.docType).toMatch(/^(X新|某市)容.+〔20\d\d〕[1-9]\d*号$/);
      // About a quarter are left to be issued, so that the demo shows both.
      const accepted = (await ctx.store.db.select().from(cases)).filter(
        (c) => c.route === 'application' && c.packVersion !== null && c.state !== 'refused',
      );
      const notices = issued.filter((d) => d.docType === 'acceptance').length;
      expect(notices).toBeGreaterThan(0);
      expect(notices).toBeLessThan(accepted.length);
    });

    it('some open cases are overdue today, and the count is what the store says', async () => {
      const today = '2026-11-20';
      const rows = await ctx.store.db.select().from(cases);
      const overdue = rows.filter(
        (c) =>
          !TERMINAL.has(c.state as CaseState) &&
          c.suspendedSince === null &&
          c.stepDueOn !== null &&
          c.stepDueOn < today,
      );
      expect(overdue.length).toBeGreaterThanOrEqual(1);
      expect(result.overdue).toBe(overdue.length);
      // Cases planned as overdue are overdue; the suspended one is not counted.
      expect(rows.some((c) => c.suspendedSince !== null && c.state === 'verification')).toBe(true);
    });

    it('runs the evaluation: campaigns in every state, the reports find the planted gap and blocking factor', async () => {
      const actor = async (name: string) => {
        const [u] = await ctx.store.db.select().from(users).where(eq(users.username, name));
        return loadActor(ctx, u!.id);
      };
      const liaison = await actor('liaison');
      const campaigns = await listCampaigns(ctx, liaison);
      expect(new Set(campaigns.map((c) => c.state))).toEqual(new Set(['draft', 'open', 'closed']));
      const thisYear = campaigns.find((c) => c.state === 'closed')!;
      const report = await campaignReport(ctx, liaison, thisYear.id);
      expect(report.reportable).toBe(true);
      expect(report.n).toBeGreaterThan(500);
      expect(report.analysis!.gap!.meanDiff).toBeGreaterThan(0.5);
      const blocking = report.analysis!.ranking.filter((r) => r.role === 'blocking');
      expect(blocking.map((r) => r.id)).toEqual(['toleranceAccountability']);
      const open = campaigns.find((c) => c.state === 'open')!;
      expect((await campaignReport(ctx, liaison, open.id)).reportable).toBe(false);
      const city = await actor('city-liaison');
      const cityCampaigns = await listCampaigns(ctx, city);
      expect(cityCampaigns.some((c) => c.jurisdiction.id !== thisYear.jurisdiction.id)).toBe(true);
      expect(result.surveyToken).toMatch(/^[0-9A-Z]{26}$/);
    });

    it('every role has a user whose password is the documented one', async () => {
      const grants = await ctx.store.db.select().from(roleGrants);
      for (const role of ROLES)
        expect(
          grants.some((g) => g.role === role),
          role,
        ).toBe(true);
      for (const role of ROLES)
        expect(
          result.logins.some((l) => l.role === role),
          role,
        ).toBe(true);
      const members = result.logins.filter((l) => l.role === 'committee_member');
      expect(members.filter((l) => !l.username.startsWith('ftz-'))).toHaveLength(3);
      expect(members.filter((l) => l.username.startsWith('ftz-'))).toHaveLength(2);
      expect(result.logins.map((l) => l.username)).toContain('city-chair');
      const [intake] = await ctx.store.db.select().from(users).where(eq(users.username, 'intake'));
      expect(await verify(intake!.passwordHash, demoPassword('intake'))).toBe(true);
      expect(await verify(intake!.passwordHash, 'wrong-password')).toBe(false);
    });

    it('the organization department’s liaison has result applications to export', async () => {
      const [u] = await ctx.store.db.select().from(users).where(eq(users.username, 'liaison'));
      const rows = await resultRows(ctx, await loadActor(ctx, u!.id), {});
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(rows.some((r) => (r.application?.unaffected.length ?? 0) > 0)).toBe(true);
      expect(new Set(rows.map((r) => r.outcome)).size).toBeGreaterThan(1);
    });

    it('corrections in every state, with talks, and each role’s correction task waiting', async () => {
      const ks = await ctx.store.db.select().from(corrections);
      expect(new Set(ks.map((k) => k.state))).toEqual(
        new Set(['in_progress', 'awaiting_review', 'effective']),
      );
      expect(ks.some((k) => k.round === 2)).toBe(true);
      const actions = await ctx.store.db.select().from(correctionActions);
      expect(new Set(actions.map((a) => a.state))).toEqual(
        new Set(['open', 'submitted', 'confirmed', 'watch']),
      );
      expect(actions.some((a) => a.returnedCount > 0)).toBe(true);
      expect(new Set((await ctx.store.db.select().from(talks)).map((t) => t.kind))).toEqual(
        new Set(['supportive', 'reminder']),
      );
      const tasksOf = async (username: string) => {
        const [u] = await ctx.store.db.select().from(users).where(eq(users.username, username));
        const todos = await getTodos(ctx, await loadActor(ctx, u!.id));
        return todos.groups.map((g) => g.action);
      };
      expect(await tasksOf('liaison')).toContain('verifyCorrection');
      expect(await tasksOf('chair')).toContain('reviewCorrection');
      expect(await tasksOf('official')).toContain('submitCorrection');
    });

    it('name clearings in every state, a false accusation referred, the notices numbered', async () => {
      const ks = await ctx.store.db.select().from(nameClearings);
      expect(new Set(ks.map((k) => k.state))).toEqual(
        new Set(['recorded', 'notice_issued', 'publicized', 'closed']),
      );
      expect(ks.some((k) => k.referredOn !== null && k.finding === 'false_accusation')).toBe(true);
      expect(ks.every((k) => k.state === 'recorded' || k.noticeNumber !== null)).toBe(true);
      const notices = await ctx.store.db
        .select()
        .from(caseDocuments)
        .where(eq(caseDocuments.docType, 'clearing'));
      expect(notices).toHaveLength(3);
      for (const d of notices) expect(d.number).toMatch(/^X新容澄〔20\d\d〕[1-9]\d*号$/);
    });

    it('accountability matters in every state: open with circumstances, lifelong, concluded, referred', async () => {
      const ms = await ctx.store.db.select().from(accountabilityMatters);
      expect(new Set(ms.map((m) => m.status))).toEqual(new Set(['open', 'concluded', 'referred']));
      expect(ms.some((m) => m.status === 'open' && m.circumstances.length > 0)).toBe(true);
      expect(ms.some((m) => m.lifelong && m.majorDecisionBody !== null)).toBe(true);
      expect(ms.some((m) => m.status === 'concluded' && m.fedBackOutcome !== null)).toBe(true);
      // Referred after the decision: the outcome stays fed back, the matter with the commission.
      expect(
        ms.some((m) => m.status === 'referred' && m.fedBackOutcome !== null && m.referralReceipt),
      ).toBe(true);
    });

    it('a joint matter: three officials in different roles, one panel, three outcomes', async () => {
      const joint = await ctx.store.db.select().from(cases).where(isNotNull(cases.jointMatterId));
      expect(joint).toHaveLength(DEMO_JOINT_CASES);
      const [u] = await ctx.store.db.select().from(users).where(eq(users.username, 'chair'));
      const chair = await loadActor(ctx, u!.id);
      const view = (await getJointMatter(ctx, chair, joint[0]!.id))!;
      expect(view.officials.map((o) => o.responsibility)).toEqual([
        'direct',
        'principal_leadership',
        'important_leadership',
      ]);
      expect(view.officials.map((o) => o.deliberation?.determination?.outcome.id)).toEqual([
        'reduced',
        'not_tolerated',
        'exempted',
      ]);
      for (const o of view.officials) expect(o.deliberation!.sitting).toBe(4);
    });

    it('every audit chain is intact', async () => {
      const rows = await ctx.store.db.select().from(cases);
      let events = 0;
      for (const c of rows) {
        const evs = await ctx.store.db
          .select()
          .from(caseEvents)
          .where(eq(caseEvents.caseId, c.id))
          .orderBy(caseEvents.seq);
        const stored: StoredEvent[] = evs.map((e) => ({
          ...e,
          actorId: e.actorId,
          at: e.at.toISOString(),
        }));
        expect(verifyChain(stored, { count: c.eventCount, hash: c.headHash }), c.number).toBeNull();
        events += evs.length;
      }
      expect(events).toBe(result.events);
      expect(events).toBeGreaterThan(result.cases * 5);
    });

    it('the histories are those of the real procedure: decisions, a departure, review and appeal', async () => {
      const ds = await ctx.store.db.select().from(determinations);
      expect(ds.some((d) => d.basis === 'appeal' && d.supersedesId !== null)).toBe(true);
      // Changed on review and on appeal: each a new 认定 with a number of its own, the appeal's in
      // the city's own numbering (set by the administrator's use case).
      const byId = new Map(ds.map((d) => [d.id, d]));
      const onReview = ds.find((d) => d.basis === 'review' && d.supersedesId !== null);
      expect(onReview?.documentNumber).toMatch(/^X新容认〔20\d\d〕[1-9]\d*号$/);
      expect(onReview?.documentNumber).not.toBe(byId.get(onReview!.supersedesId!)?.documentNumber);
      const onAppeal = ds.find((d) => d.basis === 'appeal' && d.supersedesId !== null);
      expect(onAppeal?.documentNumber).toMatch(/^某市容纠认〔20\d\d〕[1-9]\d*号$/);
      expect(ds.some((d) => d.departureReasons !== '' && d.outcome !== d.recommendedOutcome)).toBe(
        true,
      );
      const types = new Set(
        (await ctx.store.db.select({ type: caseEvents.type }).from(caseEvents)).map((e) => e.type),
      );
      for (const t of [
        'case.applied',
        'case.opened_ex_officio',
        'case.refused',
        'case.withdrawn',
        'case.accepted',
        'case.fact_recorded',
        'case.element_assessed',
        'case.opinion_signed',
        'case.opinion_transcribed',
        'case.vote_cast',
        'case.decided',
        'case.notified',
        'case.publicity_started',
        'case.filed_upward',
        'case.closed',
        'case.review_requested',
        'case.review_decided',
        'case.appeal_requested',
        'case.appeal_decided',
        'case.suspended',
        'case.resumed',
        'case.conflict_declared',
        'case.risk_filing_linked',
        'case.review_vote_cast',
      ]) {
        expect(types.has(t), t).toBe(true);
      }
      // A review asked for during publicity (suspended), and one upheld during it (resumed).
      const challenges = await ctx.store.db.select().from(caseChallenges);
      expect(challenges.some((c) => c.status === 'pending' && c.publicitySuspendedOn)).toBe(true);
      expect(challenges.some((c) => c.publicityResumedOn !== null)).toBe(true);
      expect(challenges.some((c) => c.collective && c.votes !== null)).toBe(true);
    });

    it('consultation: opinions signed by the departments, one transcribed, and requests waiting for each', async () => {
      const rows = await ctx.store.db.select().from(consultations);
      expect(rows.some((r) => r.respondedAt !== null && r.replyReference === null)).toBe(true);
      expect(
        rows.some((r) => r.department === 'party-organization' && r.replyReference !== null),
      ).toBe(true);
      for (const d of ['organization', 'discipline', 'audit'] as const) {
        const [u] = await ctx.store.db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.username, `dept-${d}`));
        const todos = await getTodos(ctx, await loadActor(ctx, u!.id));
        const group = todos.groups.find((g) => g.action === 'answerConsultation');
        expect(group?.items.length ?? 0, d).toBeGreaterThan(0);
      }
    });

    it('follow-up visits: a draw on the last day, one visit reported, one recorded, one to make', async () => {
      const [draw, ...more] = await ctx.store.db.select().from(visitDraws);
      expect(more).toHaveLength(0);
      expect(draw).toMatchObject({
        drawnOn: '2026-11-19',
        share: 0.3,
        seed: 'demo-2025-2026-11-19',
      });
      expect(draw!.population.length).toBeGreaterThanOrEqual(4);
      const visits = await ctx.store.db.select().from(followUpVisits);
      expect(visits).toHaveLength(Math.ceil(0.3 * draw!.population.length));
      expect(visits.some((v) => v.state === 'done' && v.reportedOn === '2026-11-19')).toBe(true);
      expect(visits.some((v) => v.state === 'done' && v.reportedOn === null)).toBe(true);
      expect(visits.some((v) => v.state === 'scheduled')).toBe(true);
      // Officials left in the window, for the next draw.
      expect(draw!.population.length).toBeGreaterThan(visits.length);
      // The liaison's workbench, the day after: the visits to make (overdue), the result to send.
      const [u] = await ctx.store.db.select().from(users).where(eq(users.username, 'liaison'));
      const todos = await getTodos(ctx, await loadActor(ctx, u!.id));
      const items = (action: string) => todos.groups.find((g) => g.action === action)?.items ?? [];
      expect(items('recordVisit').length).toBeGreaterThan(0);
      expect(items('recordVisit').every((i) => i.dueStatus === 'overdue')).toBe(true);
      expect(items('reportVisit')).toHaveLength(1);
    });

    it('marks the store, and refuses to seed twice', async () => {
      expect(await storeHasData(ctx)).toBe(true);
      expect(await demoMarker(ctx)).toMatchObject({ seed: 2025, asOf: '2026-11-19' });
      const err = await seedDemo(ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).text.en).toContain('already holds data');
    });

    it('a reset empties a demo store; on PGlite the same seed then gives the same demo again', async () => {
      const before = await ctx.store.db
        .select({
          number: cases.number,
          title: cases.title,
          state: cases.state,
          due: cases.stepDueOn,
        })
        .from(cases)
        .orderBy(cases.number);
      await resetDemoStore(ctx);
      expect(await storeHasData(ctx)).toBe(false);
      expect(await demoMarker(ctx)).toBeUndefined();
      // Seeding again shows the demo deterministic.
      const again = await seedDemo(ctx);
      expect(again.byState).toEqual(result.byState);
      const after = await ctx.store.db
        .select({
          number: cases.number,
          title: cases.title,
          state: cases.state,
          due: cases.stepDueOn,
        })
        .from(cases)
        .orderBy(cases.number);
      expect(after).toEqual(before);
    }, 240_000);
  },
  // PGlite only: on PostgreSQL the demo is seeded, its chains verified, a second seeding refused
  // and --force seeding it again the same, by src/cli/commands/demo.test.ts. A seeding takes a
  // minute of the suite's time on each store.
  { open: { schema }, kinds: ['pglite'] },
);

describeStores<Schema>(
  'resetting a store the demo did not seed',
  (getStore) => {
    it('is refused', async () => {
      const ctx: AppContext = {
        store: getStore(),
        ...rules,
        now: () => NOW,
        settings: defaultSettings(),
      };
      await ctx.store.query(
        `INSERT INTO jurisdictions (id, path, level, name_zh, name_en, pack_id) VALUES ('real', '/real/', 'province', '省', 'P', 'cn-national')`,
      );
      const err = await resetDemoStore(ctx).catch((e: unknown) => e);
      expect((err as AppError).code).toBe('FORBIDDEN');
      expect(await storeHasData(ctx)).toBe(true);
    });
  },
  { open: { schema } },
);
