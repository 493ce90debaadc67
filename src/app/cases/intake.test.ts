import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type StoredEvent } from '../../domain/audit-chain.js';
import { getCase } from '../queries/case-view.js';
import { describeStores } from '../../store/testing/harness.js';
import { AppError } from '../errors.js';
import { caseEvents, caseFacts, cases, schema, type Schema } from '../tables.js';
import { buildWorld, type World } from '../testing/world.js';
import { acceptCase } from './accept.js';
import { recordAccountabilityMatter } from './open-ex-officio.js';
import { refuseCase } from './refuse.js';
import { submitApplication } from './submit-application.js';

const application = (officialId: string) => ({
  officialId,
  title: '招商项目提前开工',
  summary: '为抢抓项目落地，在用地手续完备前组织开工。',
  conductDate: '2024-11-05',
  facts: { purpose: 'development_task', privateGain: false, onReformTaskList: true },
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'ok';
}

describeStores<Schema>(
  'opening and accepting cases',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    it('an official applies for themself: the case goes to the managing jurisdiction with its first event', async () => {
      const { case: c } = await submitApplication(
        w.ctx,
        w.actors.official!,
        application(w.ids.official),
      );
      expect(c).toMatchObject({
        state: 'submitted',
        route: 'application',
        jurisdictionId: w.ids.area,
        packId: 'x-new-area',
        step: 'acceptance',
        version: 1,
        eventCount: 1,
      });
      // 5 working days from Monday 2025-03-03 (the pack's acceptance limit).
      expect(c.stepDueOn).toBe('2025-03-10');
      // X新区's case number: its short name, 容申, the year in 〔〕 and the serial without zeros.
      expect(c.number).toMatch(/^X新容申〔2025〕[1-9]\d*号$/);
      const facts = await w.ctx.store.db.select().from(caseFacts).where(eq(caseFacts.caseId, c.id));
      expect(facts.map((f) => [f.fact, f.value, f.source]).sort()).toEqual([
        ['onReformTaskList', true, 'applicant'],
        ['privateGain', false, 'applicant'],
        ['purpose', 'development_task', 'applicant'],
      ]);
    });

    it('the unit party organization may apply for an official of its unit subtree; another official is answered as an unknown one', async () => {
      const ok = await submitApplication(w.ctx, w.actors.unitParty!, application(w.ids.official));
      expect(ok.case.applicantUserId).toBe(w.actors.unitParty!.userId);
      const by = (actor: keyof typeof w.actors, officialId: string) =>
        refusalOf(submitApplication(w.ctx, w.actors[actor]!, application(officialId)));
      const unknown = await by('unitParty', '00000000-0000-4000-8000-0000000000ff');
      const other = await by('unitParty', w.ids.otherOfficial);
      const colleague = await by('colleague', w.ids.official);
      // The same code and message as for an id that names no official: no existence leak.
      expect(unknown.code).toBe('NOT_FOUND');
      for (const refused of [other, colleague]) {
        expect(refused.code).toBe('NOT_FOUND');
        expect(refused.message).toEqual(unknown.message);
      }
    });

    it('refuses facts the pack does not know, naming the fact', async () => {
      const bad = { ...application(w.ids.official), facts: { privateGian: false } };
      const err = await submitApplication(w.ctx, w.actors.official!, bad).catch((e: AppError) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('POLICY_INPUT');
      expect((err as AppError).text.en).toContain('privateGain');
    });

    it('an idempotency key makes a retried application return the first case', async () => {
      const key = 'retry-' + Math.random().toString(36).slice(2);
      const first = await submitApplication(
        w.ctx,
        w.actors.official!,
        application(w.ids.official),
        key,
      );
      const again = await submitApplication(
        w.ctx,
        w.actors.official!,
        application(w.ids.official),
        key,
      );
      expect(again).toMatchObject({ replayed: true, case: { id: first.case.id } });
      const changed = { ...application(w.ids.official), title: '另一个事项' };
      expect(await codeOf(submitApplication(w.ctx, w.actors.official!, changed, key))).toBe(
        'IDEMPOTENCY_MISMATCH',
      );
      const [parallelA, parallelB] = await Promise.all([
        submitApplication(w.ctx, w.actors.official!, application(w.ids.official), key + '-p'),
        submitApplication(w.ctx, w.actors.official!, application(w.ids.official), key + '-p'),
      ]);
      expect(parallelA.case.id).toBe(parallelB.case.id);
    });

    it('intake accepts: verification starts, the pack version in force at the conduct is bound', async () => {
      const { case: c } = await submitApplication(
        w.ctx,
        w.actors.official!,
        application(w.ids.official),
      );
      const r = await acceptCase(w.ctx, w.actors.intake!, { caseId: c.id, expectedVersion: 1 });
      expect(r.case).toMatchObject({
        state: 'verification',
        version: 2,
        packVersion: '2023-01',
        step: 'verification',
      });
      expect(r.case.stepDueOn).toBe('2025-03-24'); // 15 working days (2023 revision)
      expect(r.event.seq).toBe(2);
    });

    it('refuses acceptance by the wrong role, out of scope, by a party, or in the wrong state', async () => {
      const { case: c } = await submitApplication(
        w.ctx,
        w.actors.official!,
        application(w.ids.official),
      );
      const req = { caseId: c.id, expectedVersion: 1 };
      expect(await codeOf(acceptCase(w.ctx, w.actors.investigator!, req))).toBe(
        'CASE_ROLE_REQUIRED',
      );
      expect(await codeOf(acceptCase(w.ctx, w.actors.outsiderIntake!, req))).toBe('CASE_NOT_FOUND');
      expect(await codeOf(acceptCase(w.ctx, w.actors.official!, req))).toBe('CASE_ROLE_REQUIRED');
      await refuseCase(w.ctx, w.actors.intake!, { ...req, reasons: '不属于容错纠错适用范围。' });
      expect(
        await codeOf(acceptCase(w.ctx, w.actors.intake!, { caseId: c.id, expectedVersion: 2 })),
      ).toBe('CASE_WRONG_STATE');
    });

    it('two officers acting on the same version: exactly one succeeds, the other gets a conflict', async () => {
      const { case: c } = await submitApplication(
        w.ctx,
        w.actors.official!,
        application(w.ids.official),
      );
      const req = { caseId: c.id, expectedVersion: 1 };
      const results = await Promise.allSettled([
        acceptCase(w.ctx, w.actors.intake!, req),
        refuseCase(w.ctx, w.actors.intake!, { ...req, reasons: '材料不全，不予受理。' }),
      ]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect((failed[0]!.reason as AppError).code).toBe('CASE_VERSION_CONFLICT');
      const [row] = await w.ctx.store.db.select().from(cases).where(eq(cases.id, c.id));
      expect(row!.version).toBe(2);
      expect(row!.eventCount).toBe(2);
    });

    it('recording an accountability matter opens an ex-officio tolerance check', async () => {
      const { case: c } = await recordAccountabilityMatter(w.ctx, w.actors.investigator!, {
        officialId: w.ids.colleague,
        summary: '项目审批程序不规范',
        openedOn: '2025-02-20',
        conductDate: '2024-09-01',
        source: 'inspection',
        sourceDetail: '区委第二巡察组反馈问题第3项',
      });
      expect(c).toMatchObject({ route: 'ex_officio', state: 'submitted', applicantUserId: null });
      expect(c.accountabilityMatterId).not.toBeNull();
      // The officers see where the matter came from; the official does not.
      const staff = await getCase(w.ctx, w.actors.intake!, c.id);
      expect(staff.matter).toMatchObject({
        openedOn: '2025-02-20',
        source: 'inspection',
        sourceDetail: '区委第二巡察组反馈问题第3项',
        status: 'open',
        circumstances: [],
        lifelong: null,
      });
      const official = await getCase(w.ctx, w.actors.colleague!, c.id);
      expect(official.matter).toBeNull();
      expect(
        await codeOf(
          recordAccountabilityMatter(w.ctx, w.actors.outsiderIntake!, {
            officialId: w.ids.colleague,
            summary: '越权记录',
            openedOn: '2025-02-20',
            conductDate: '2024-09-01',
          }),
        ),
      ).toBe('FORBIDDEN');
    });

    it('keeps every case chain intact', async () => {
      const rows = await w.ctx.store.db.select().from(cases);
      for (const row of rows) {
        const events = await w.ctx.store.db
          .select()
          .from(caseEvents)
          .where(eq(caseEvents.caseId, row.id))
          .orderBy(caseEvents.seq);
        const stored: StoredEvent[] = events.map((e) => ({ ...e, at: e.at.toISOString() }));
        expect(verifyChain(stored, { count: row.eventCount, hash: row.headHash })).toBeNull();
      }
    });
  },
  { open: { schema } },
);

describe('the China date', () => {
  it('is the calendar day in UTC+8', async () => {
    const { chinaDate } = await import('../context.js');
    expect(chinaDate(new Date('2025-03-02T16:30:00Z'))).toBe('2025-03-03');
    expect(chinaDate(new Date('2025-03-02T15:30:00Z'))).toBe('2025-03-02');
  });
});

/** The error a use case refused with (fails the test when it did not refuse). */
async function refusalOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}
