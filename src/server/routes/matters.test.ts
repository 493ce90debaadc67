/**
 * Accountability linkage (问责衔接) on both stores, through the use cases and over HTTP: a matter
 * registered ex officio with its circumstances and lifelong flag; circumstances recorded and
 * replaced; the tolerance outcome fed back when the determination takes effect and replaced when
 * a review changes it, each said by the event; a referral (移送) that keeps the matter with the
 * competent body so that tolerance never concludes it, nor a case whose facts suspect a crime;
 * refusals with their codes; who may record and who reads; the list of matters with its filters.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { recordAccountabilityMatter } from '../../app/cases/open-ex-officio.js';
import { decideChallenge } from '../../app/cases/decide-challenge.js';
import { requestChallenge } from '../../app/cases/request-challenge.js';
import type { CaseRow } from '../../app/cases/record.js';
import { castReviewVote } from '../../app/cases/vote-review.js';
import { AppError } from '../../app/errors.js';
import { recordCircumstances } from '../../app/matters/record-circumstances.js';
import { recordReferral } from '../../app/matters/record-referral.js';
import { getCase } from '../../app/queries/case-view.js';
import { listMatters } from '../../app/queries/matters.js';
import { accountabilityMatters, caseEvents, schema, type Schema } from '../../app/tables.js';
import { advance, caseRow, codeOf, driveTo, EXEMPTED_FACTS } from '../../app/testing/steps.js';
import type { FactValue } from '../../policy/model.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });
const LIFELONG = {
  lifelong: true,
  majorDecisionName: '产业园区整体开发决策',
  majorDecisionOn: '2024-06-01',
  majorDecisionBody: '区委常委会',
};
const REFERRAL = {
  to: 'supervisory_commission' as const,
  on: '2025-03-03',
  basis: '经调查，当事人涉嫌受贿，依规移送监察机关。',
  receipt: '监收〔2025〕7号',
};

async function lastEvent(w: HttpWorld, caseId: string) {
  const rows = await w.ctx.store.db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(caseEvents.seq);
  return rows[rows.length - 1]!;
}

async function matterOf(w: HttpWorld, c: CaseRow) {
  const [m] = await w.ctx.store.db
    .select()
    .from(accountabilityMatters)
    .where(eq(accountabilityMatters.id, c.accountabilityMatterId!));
  return m!;
}

/** The reason code a refused call carries (details.reason), or its error code. */
async function reasonOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return String(e.details['reason'] ?? e.code);
    throw e;
  }
  return 'ok';
}

describeStores<Schema>(
  'accountability linkage (问责衔接)',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    }, 60_000);

    async function exOfficio(
      extra: Record<string, unknown> = {},
      facts: Readonly<Record<string, FactValue | null>> = EXEMPTED_FACTS,
    ): Promise<CaseRow> {
      const { case: c } = await recordAccountabilityMatter(w.ctx, w.actors.investigator!, {
        officialId: w.ids.colleague,
        summary: '巡察反馈：园区项目未批先建',
        openedOn: '2025-02-20',
        conductDate: '2024-11-05',
        source: 'inspection',
        facts,
        ...extra,
      });
      return c;
    }

    it('registers a matter ex officio with its circumstances and the lifelong flag', async () => {
      const c = await exOfficio({
        circumstances: ['remediation', 'three_distinctions'],
        ...LIFELONG,
      });
      const m = await matterOf(w, c);
      expect(m).toMatchObject({
        status: 'open',
        circumstances: ['three_distinctions', 'remediation'],
        lifelong: true,
        majorDecisionOn: '2024-06-01',
        majorDecisionBody: '区委常委会',
      });
      const view = await getCase(w.ctx, w.actors.auditor!, c.id);
      expect(view.matter).toMatchObject({
        status: 'open',
        lifelong: { name: '产业园区整体开发决策', on: '2024-06-01', body: '区委常委会' },
        feedback: null,
        referral: null,
        withCompetentBody: false,
      });
      expect(view.matter!.circumstances.map((x) => [x.code, x.article])).toEqual([
        ['three_distinctions', 'art17'],
        ['remediation', 'art18'],
      ]);
    });

    it('refuses bad circumstances and a half-given major decision, naming the field', async () => {
      const field = async (extra: Record<string, unknown>) => {
        try {
          await exOfficio(extra);
        } catch (e) {
          if (e instanceof AppError && e.code === 'VALIDATION') return e.details['field'];
          throw e;
        }
        return 'ok';
      };
      expect(await field({ circumstances: ['rumour'] })).toBe('circumstances');
      expect(await field({ lifelong: true, majorDecisionName: '开发决策' })).toBe(
        'majorDecisionOn',
      );
      expect(await field({ ...LIFELONG, majorDecisionOn: '2099-01-01' })).toBe('majorDecisionOn');
      expect(await field({ majorDecisionName: '开发决策' })).toBe('lifelong');
    });

    it('records the circumstances on the case’s chain, replacing those before', async () => {
      let c = await exOfficio({ circumstances: ['cooperation'] });
      const inv = w.actors.investigator!;
      c = (
        await recordCircumstances(w.ctx, inv, {
          ...v(c),
          circumstances: ['obstruction', 'ignored_repeated_orders'],
          ...LIFELONG,
        })
      ).case;
      expect(await matterOf(w, c)).toMatchObject({
        circumstances: ['ignored_repeated_orders', 'obstruction'],
        lifelong: true,
      });
      const e = await lastEvent(w, c.id);
      expect(e.type).toBe('case.matter_circumstances_recorded');
      expect(e.payload).toMatchObject({
        circumstances: ['ignored_repeated_orders', 'obstruction'],
        previous: { circumstances: ['cooperation'], lifelong: false },
      });
      // Clearing the flag clears the decision.
      c = (await recordCircumstances(w.ctx, inv, { ...v(c), circumstances: [], lifelong: false }))
        .case;
      expect(await matterOf(w, c)).toMatchObject({ lifelong: false, majorDecisionName: null });
    });

    it('refuses with codes: no matter, a role that does not hold it, a second referral', async () => {
      const app = await driveTo(w, 'verification');
      expect(await reasonOf(recordCircumstances(w.ctx, w.actors.investigator!, v(app)))).toBe(
        'MATTER_NONE',
      );
      expect(
        await reasonOf(recordReferral(w.ctx, w.actors.investigator!, { ...v(app), ...REFERRAL })),
      ).toBe('MATTER_NONE');
      const c = await exOfficio();
      expect(await codeOf(recordCircumstances(w.ctx, w.actors.auditor!, v(c)))).toBe(
        'CASE_ROLE_REQUIRED',
      );
      expect(await codeOf(recordCircumstances(w.ctx, w.actors.outsiderIntake!, v(c)))).toBe(
        'CASE_NOT_FOUND',
      );
      const referred = (await recordReferral(w.ctx, w.actors.intake!, { ...v(c), ...REFERRAL }))
        .case;
      expect(
        await reasonOf(recordReferral(w.ctx, w.actors.intake!, { ...v(referred), ...REFERRAL })),
      ).toBe('MATTER_REFERRED');
      expect(
        await codeOf(
          recordReferral(w.ctx, w.actors.intake!, {
            ...v(referred),
            ...REFERRAL,
            on: '2099-01-01',
          }),
        ),
      ).toBe('VALIDATION');
    });

    it('feeds the outcome back when the determination takes effect: the matter is concluded', async () => {
      const c = await advance(w, await exOfficio(), 'determined');
      expect(await matterOf(w, c)).toMatchObject({
        status: 'concluded',
        fedBackCaseId: c.id,
        fedBackOutcome: 'exempted',
        fedBackInForceOn: '2025-03-03',
        fedBackBasis: 'first',
        fedBackPreviousOutcome: null,
      });
      const e = await lastEvent(w, c.id);
      expect(e.type).toBe('case.decided');
      expect(e.payload).toMatchObject({
        matter: { outcome: 'exempted', feedback: 'written', status: 'concluded', keptOpen: null },
      });
      const view = await getCase(w.ctx, w.actors.investigator!, c.id);
      expect(view.matter?.feedback).toMatchObject({ outcome: 'exempted', basis: 'first' });
      expect(view.matter?.feedback?.outcomeLabel?.zh).toBeTruthy();
    });

    it('replaces the fed-back outcome when a review changes the determination, and says so', async () => {
      let c = await advance(w, await exOfficio(), 'notified');
      const a = w.actors;
      c = (
        await requestChallenge(w.ctx, a.colleague!, {
          ...v(c),
          kind: 'review',
          grounds: '对认定结果有异议，申请复核。',
        })
      ).case;
      for (const m of [a.chair!, a.member1!, a.member2!]) {
        const req = { ...v(c), outcome: 'lighter', reason: '经研究，同意。' };
        c = (await castReviewVote(w.ctx, m, req)).case;
      }
      w.clock.setDay('2025-03-10');
      c = (
        await decideChallenge(w.ctx, a.chair!, {
          ...v(c),
          result: 'changed',
          outcome: 'lighter',
          reasons: '经复核，当事人未完全履行报告义务，变更为从轻处理。',
        })
      ).case;
      w.clock.setDay('2025-03-03');
      expect(await matterOf(w, c)).toMatchObject({
        status: 'concluded',
        fedBackOutcome: 'lighter',
        fedBackInForceOn: '2025-03-10',
        fedBackBasis: 'review',
        fedBackPreviousOutcome: 'exempted',
      });
      expect((await lastEvent(w, c.id)).payload).toMatchObject({
        matter: { outcome: 'lighter', previousOutcome: 'exempted', feedback: 'replaced' },
      });
    });

    it('a referred matter stays with the competent body: tolerance does not conclude it', async () => {
      let c = await exOfficio();
      c = (await recordReferral(w.ctx, w.actors.investigator!, { ...v(c), ...REFERRAL })).case;
      expect(await matterOf(w, c)).toMatchObject({
        status: 'referred',
        referredTo: 'supervisory_commission',
        referralReceipt: '监收〔2025〕7号',
        referredBy: w.actors.investigator!.userId,
      });
      expect((await lastEvent(w, c.id)).type).toBe('case.matter_referred');
      c = await advance(w, c, 'determined');
      expect(await matterOf(w, c)).toMatchObject({
        status: 'referred',
        fedBackOutcome: 'exempted',
      });
      expect((await lastEvent(w, c.id)).payload).toMatchObject({
        matter: { status: 'referred', keptOpen: 'referred' },
      });
      const view = await getCase(w.ctx, w.actors.investigator!, c.id);
      expect(view.matter).toMatchObject({ status: 'referred', withCompetentBody: true });
      expect(view.matter?.referral?.by?.id).toBe(w.actors.investigator!.userId);
      expect(view.abilities.recordReferral).toBe(false);
      // A referral recorded after a conclusion takes the matter out of it.
      let done = await advance(w, await exOfficio(), 'determined');
      done = (await recordReferral(w.ctx, w.actors.intake!, { ...v(done), ...REFERRAL })).case;
      expect(await matterOf(w, done)).toMatchObject({ status: 'referred' });
    });

    it('a case whose facts suspect a crime leaves its matter open with the competent body', async () => {
      const facts = { ...EXEMPTED_FACTS, crimeSuspected: true };
      const c = await advance(w, await exOfficio({}, facts), 'determined', {
        outcome: 'not_tolerated',
        departureReasons: '涉嫌犯罪，依规不予容错，并移送有权机关处理。',
      });
      expect(await matterOf(w, c)).toMatchObject({
        status: 'open',
        fedBackOutcome: 'not_tolerated',
      });
      expect((await lastEvent(w, c.id)).payload).toMatchObject({
        matter: { status: 'open', keptOpen: 'crime_suspected' },
      });
      const view = await getCase(w.ctx, w.actors.investigator!, c.id);
      expect(view.matter).toMatchObject({ crimeSuspected: true, withCompetentBody: true });
      expect(view.abilities.recordReferral).toBe(true);
    });

    it('an application is not linked to a matter: nothing is fed back and nothing to record', async () => {
      const c = await driveTo(w, 'determined');
      expect(c.accountabilityMatterId).toBeNull();
      expect((await lastEvent(w, c.id)).payload).not.toHaveProperty('matter');
      const view = await getCase(w.ctx, w.actors.investigator!, c.id);
      expect(view.matter).toBeNull();
      expect(view.tasks.map((t) => t.action)).not.toContain('recordCircumstances');
    });

    it('over HTTP: records and refuses, every answer in its schema; the party sees no matter', async () => {
      const c = await exOfficio();
      const inv = await signIn(w, 'investigator');
      const url = `/api/cases/${c.id}/matter`;
      const bad = await inv.post(`${url}/circumstances`, {
        expectedVersion: c.version,
        circumstances: ['rumour'],
      });
      expect(bad.statusCode).toBe(400);
      const ok = await inv.post(`${url}/circumstances`, {
        expectedVersion: c.version,
        circumstances: ['force_majeure'],
        ...LIFELONG,
      });
      expect(ok.statusCode).toBe(200);
      const body = ok.json() as { case: { version: number; matter: { lifelong: unknown } } };
      expect(body.case.matter.lifelong).toMatchObject({ body: '区委常委会' });
      const ref = await inv.post(`${url}/referral`, {
        expectedVersion: body.case.version,
        ...REFERRAL,
      });
      expect(ref.statusCode).toBe(200);
      const again = await inv.post(`${url}/referral`, {
        expectedVersion: (ref.json() as { case: { version: number } }).case.version,
        ...REFERRAL,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        error: { code: 'CASE_PRECONDITION', details: { reason: 'MATTER_REFERRED' } },
      });
      const auditor = await signIn(w, 'auditor');
      const no = await auditor.post(`${url}/circumstances`, { expectedVersion: 99 });
      expect(no.statusCode).toBe(409);
      const party = await signIn(w, 'colleague');
      expect(
        ((await party.get(`/api/cases/${c.id}`)).json() as { matter: unknown }).matter,
      ).toBeNull();
    });

    it('lists the matters of the jurisdiction, filtered by status and lifelong, for those who read them', async () => {
      const referred = await listMatters(w.ctx, w.actors.auditor!, { status: 'referred' });
      expect(referred.total).toBeGreaterThan(0);
      expect(referred.items.every((m) => m.status === 'referred' && m.case !== null)).toBe(true);
      const lifelong = await listMatters(w.ctx, w.actors.intake!, { lifelong: true });
      expect(lifelong.items.every((m) => m.lifelong && m.majorDecisionName)).toBe(true);
      expect(lifelong.total).toBeGreaterThan(0);
      expect(await codeOf(listMatters(w.ctx, w.actors.chair!))).toBe('MATTER_ROLE_REQUIRED');
      expect(await codeOf(listMatters(w.ctx, w.actors.intake!, { status: 'closed' }))).toBe(
        'VALIDATION',
      );
      const http = await signIn(w, 'investigator');
      const res = await http.get('/api/accountability-matters?status=concluded&lifelong=false');
      expect(res.statusCode).toBe(200);
      const page = res.json() as {
        items: { status: string; lifelong: boolean; fedBackOutcomeLabel: unknown }[];
      };
      expect(page.items.every((m) => m.status === 'concluded' && !m.lifelong)).toBe(true);
      // The outcome fed back is named as its pack names it, not by its id.
      expect(page.items.map((m) => m.fedBackOutcomeLabel)).toContainEqual({
        zh: '免予问责（容错免责）',
        en: expect.any(String),
      });
      const out = await signIn(w, 'official');
      expect((await out.get('/api/accountability-matters')).statusCode).toBe(403);
      expect((await caseRow(w, referred.items[0]!.case!.id)).accountabilityMatterId).toBe(
        referred.items[0]!.id,
      );
    });
  },
  { open: { schema } },
);
