import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../calendar/loader.js';
import { describeStores } from '../../store/testing/harness.js';
import type { AppError } from '../errors.js';
import { dueSoonHorizon } from '../queries/due.js';
import { getCase } from '../queries/case-view.js';
import { caseExtensions, caseSuspensions, schema, type Schema } from '../tables.js';
import { advance, codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { acceptCase } from './accept.js';
import { decideExtension } from './decide-extension.js';
import type { CaseRow } from './record.js';
import { requestExtension } from './request-extension.js';
import { refuseCase } from './refuse.js';
import { resumeCase } from './resume.js';
import { suspendCase } from './suspend.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });

describeStores<Schema>(
  'step clocks: suspension and extension over the holidays',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    /** A case whose verification (15 working days, 2023 revision) starts on `day`. */
    async function verificationFrom(day: string): Promise<CaseRow> {
      w.clock.setDay(day);
      const c = await driveTo(w, 'submitted');
      return (await acceptCase(w.ctx, w.actors.intake!, v(c))).case;
    }

    it('Spring Festival 2026: counts both make-up Saturdays; a suspension over the holiday and an extension push the due date', async () => {
      const a = w.actors;
      let c = await verificationFrom('2026-02-12');
      // 13 Feb, 14 Feb (make-up Saturday), then 15–23 Feb off, 24–27 Feb, 28 Feb (make-up
      // Saturday), 2–6 Mar, 9–11 Mar: the 15th working day is 11 March.
      expect(c).toMatchObject({ step: 'verification', stepDueOn: '2026-03-11' });

      w.clock.setDay('2026-02-13');
      expect(
        await codeOf(suspendCase(w.ctx, a.official!, { ...v(c), reason: '等待审计结论。' })),
      ).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(suspendCase(w.ctx, a.investigator!, { ...v(c), reason: '' }))).toBe(
        'VALIDATION',
      );
      c = (await suspendCase(w.ctx, a.investigator!, { ...v(c), reason: '等待审计结论。' })).case;
      expect(c.suspendedSince).toBe('2026-02-13');
      expect(
        await codeOf(suspendCase(w.ctx, a.investigator!, { ...v(c), reason: '再次中止。' })),
      ).toBe('CASE_PRECONDITION');
      const suspended = await getCase(w.ctx, a.intake!, c.id);
      expect(suspended).toMatchObject({ suspended: true, dueStatus: null });

      w.clock.setDay('2026-02-25');
      const resumed = await resumeCase(w.ctx, a.intake!, v(c));
      c = resumed.case;
      // Suspended 13–24 Feb: three working days (13, 14 make-up, 24) do not count.
      expect(c).toMatchObject({ suspendedSince: null, stepDueOn: '2026-03-16' });
      expect(resumed.event.seq).toBeGreaterThan(0);
      const [s] = await w.ctx.store.db
        .select()
        .from(caseSuspensions)
        .where(eq(caseSuspensions.caseId, c.id));
      expect(s).toMatchObject({
        step: 'verification',
        fromOn: '2026-02-13',
        toOn: '2026-02-24',
      });
      expect(await codeOf(resumeCase(w.ctx, a.intake!, v(c)))).toBe('CASE_PRECONDITION');

      w.clock.setDay('2026-02-26');
      expect(
        await codeOf(
          requestExtension(w.ctx, a.investigator!, { ...v(c), days: 0, reason: '需补充调查。' }),
        ),
      ).toBe('VALIDATION');
      const asked = await requestExtension(w.ctx, a.investigator!, {
        ...v(c),
        days: 5,
        reason: '需向外单位调取材料。',
      });
      c = asked.case;
      expect(c.stepDueOn).toBe('2026-03-16'); // unchanged until approved
      expect(
        await codeOf(
          requestExtension(w.ctx, a.intake!, { ...v(c), days: 3, reason: '再申请延期。' }),
        ),
      ).toBe('CASE_PRECONDITION');
      const decision = {
        ...v(c),
        extensionId: asked.result.extensionId,
        approve: true,
        reason: '同意延长。',
      };
      expect(await codeOf(decideExtension(w.ctx, a.investigator!, decision))).toBe(
        'CASE_ROLE_REQUIRED',
      );
      expect(
        await codeOf(decideExtension(w.ctx, a.cityChair!, { ...decision, extensionId: 'x' })),
      ).toBe('VALIDATION');

      w.clock.setDay('2026-02-27');
      const approved = await decideExtension(w.ctx, a.chair!, decision);
      c = approved.case;
      // 20 working days, less the three suspended: 12, 13, 16–20, 23 March.
      expect(c.stepDueOn).toBe('2026-03-23');
      expect(approved.result).toEqual({ status: 'approved', dueOn: '2026-03-23' });
      expect(await codeOf(decideExtension(w.ctx, a.chair!, { ...decision, ...v(c) }))).toBe(
        'CASE_PRECONDITION',
      );
      const [ext] = await w.ctx.store.db
        .select()
        .from(caseExtensions)
        .where(eq(caseExtensions.caseId, c.id));
      expect(ext).toMatchObject({ status: 'approved', days: 5, decidedBy: a.chair!.userId });

      // A later suspension ending the same day covers no day and moves nothing.
      w.clock.setDay('2026-03-02');
      c = (await suspendCase(w.ctx, a.intake!, { ...v(c), reason: '当事人请假。' })).case;
      c = (await resumeCase(w.ctx, a.intake!, v(c))).case;
      expect(c.stepDueOn).toBe('2026-03-23');
      const view = await getCase(w.ctx, a.intake!, c.id);
      expect(view.suspensions.map((x) => [x.from, x.to, x.ongoing])).toEqual([
        ['2026-02-13', '2026-02-24', false],
        ['2026-03-02', '2026-03-01', false],
      ]);
      expect(view.extensions.map((x) => [x.days, x.status])).toEqual([[5, 'approved']]);
    });

    it('National Day 2025: suspended across the Golden Week, only its working days count', async () => {
      const a = w.actors;
      let c = await verificationFrom('2025-09-26');
      // 28 Sep (make-up Sunday), 29, 30 Sep; 1–8 Oct off; 9, 10, 11 Oct (make-up Saturday), 13–17,
      // 20–23 Oct: the 15th working day is 23 October.
      expect(c.stepDueOn).toBe('2025-10-23');
      w.clock.setDay('2025-09-30');
      c = (await suspendCase(w.ctx, a.intake!, { ...v(c), reason: '等待纪检监察机关意见。' })).case;
      w.clock.setDay('2025-10-10');
      const r = await resumeCase(w.ctx, a.investigator!, v(c));
      // Suspended 30 Sep – 9 Oct: two working days (30 Sep, 9 Oct).
      expect(r.case.stepDueOn).toBe('2025-10-27');
      expect(r.result.dueOn).toBe('2025-10-27');
    });

    it('an extension asked for in one step cannot be approved once the case has moved on', async () => {
      const a = w.actors;
      let c = await verificationFrom('2025-03-03');
      const asked = await requestExtension(w.ctx, a.investigator!, {
        ...v(c),
        days: 3,
        reason: '需补充调查。',
      });
      c = await advance(w, asked.case, 'consultation');
      const decision = { ...v(c), extensionId: asked.result.extensionId, reason: '环节已结束。' };
      const err = await decideExtension(w.ctx, a.chair!, { ...decision, approve: true }).catch(
        (e: AppError) => e,
      );
      expect((err as AppError).code).toBe('CASE_PRECONDITION');
      const refused = await decideExtension(w.ctx, a.chair!, { ...decision, approve: false });
      expect(refused.result.status).toBe('refused');
      expect(refused.case.stepDueOn).toBe(c.stepDueOn);
    });

    it('the review and appeal window cannot be extended; a refused case cannot be suspended', async () => {
      const a = w.actors;
      w.clock.setDay('2025-03-03');
      const c = await driveTo(w, 'notified');
      const err = await requestExtension(w.ctx, a.intake!, {
        ...v(c),
        days: 5,
        reason: '申请延长复核期。',
      }).catch((e: AppError) => e);
      expect((err as AppError).code).toBe('CASE_PRECONDITION');
      expect((err as AppError).text.en).toContain('window');

      const refused = await refuseCase(w.ctx, a.intake!, {
        ...v(await driveTo(w, 'submitted')),
        reasons: '不属于容错纠错适用范围。',
      });
      expect(
        await codeOf(suspendCase(w.ctx, a.intake!, { ...v(refused.case), reason: '中止办理。' })),
      ).toBe('CASE_WRONG_STATE');
    });
  },
  { open: { schema } },
);

describe('the due-soon horizon', () => {
  const cn = loadCalendarSet().get('cn');
  it('is three working days ahead, counting make-up working weekends', () => {
    // 13 Feb, 14 Feb (make-up Saturday), then the Spring Festival until 23 Feb.
    expect(dueSoonHorizon(cn, '2026-02-12')).toBe('2026-02-24');
    // 28 Sep is a make-up Sunday.
    expect(dueSoonHorizon(cn, '2025-09-26')).toBe('2025-09-30');
    expect(dueSoonHorizon(cn, '2025-03-19')).toBe('2025-03-24');
  });
});
