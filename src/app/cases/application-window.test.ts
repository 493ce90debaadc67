import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { AppError } from '../errors.js';
import { caseEvents, cases, schema, type Schema } from '../tables.js';
import { buildWorld, type World } from '../testing/world.js';
import { checkApplicationWindow, type ApplicationWindowState } from './application-window.js';
import { getCase } from '../queries/case-view.js';
import { submitApplication } from './submit-application.js';

const application = (officialId: string, accountabilityNotifiedOn?: string) => ({
  officialId,
  title: '招商项目提前开工',
  summary: '为抢抓项目落地，在用地手续完备前组织开工。',
  conductDate: '2024-11-05',
  ...(accountabilityNotifiedOn ? { accountabilityNotifiedOn } : {}),
  facts: { purpose: 'development_task', privateGain: false },
});

async function refusalOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describeStores<Schema>(
  'the application window (procedure.application)',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    // X新区 (x-new-area, Art. 9 of the sample measure): during the accountability investigation, or
    // within 15 working days of being notified of the accountability decision. Today is Monday
    // 2025-03-03.
    it('takes an application during the investigation (no decision notified yet)', async () => {
      const { case: c } = await submitApplication(
        w.ctx,
        w.actors.official!,
        application(w.ids.official),
      );
      expect(c.accountabilityNotifiedOn).toBeNull();
    });

    it('takes one on the last day of the window, keeping the day of notification', async () => {
      // Notified Monday 10 February: the 15th working day after it is today.
      const { case: c } = await submitApplication(
        w.ctx,
        w.actors.official!,
        application(w.ids.official, '2025-02-10'),
      );
      expect(c.accountabilityNotifiedOn).toBe('2025-02-10');
      const [event] = await w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, c.id));
      expect(event!.payload).toMatchObject({ accountabilityNotifiedOn: '2025-02-10' });
      // The officers read it on the case.
      const view = await getCase(w.ctx, w.actors.intake!, c.id);
      expect(view.accountabilityNotifiedOn).toBe('2025-02-10');
    });

    it('refuses one made after the window, naming the window, its anchor, last day and clause', async () => {
      const before = await w.ctx.store.db.select({ id: cases.id }).from(cases);
      // Notified Wednesday 5 February: 15 working days (Saturday 8 February was a working day
      // in 2025) end on Tuesday 25 February.
      const err = await refusalOf(
        submitApplication(w.ctx, w.actors.official!, application(w.ids.official, '2025-02-05')),
      );
      expect(err.code).toBe('APPLICATION_OUT_OF_TIME');
      expect(err.status).toBe(422);
      expect(err.details).toEqual({ anchorOn: '2025-02-05', lastDay: '2025-02-25' });
      expect(err.text.zh).toBe(
        '容错申请应当在问责调查期间，或者收到问责决定之日起15个工作日内提出（依据《X新区干部容错纠错实施办法（示例）》（X新党发〔2020〕1号（示例））第九条）。申请已超过时限：自收到问责决定之日（2025年2月5日）起计算，最后一日为2025年2月25日，今天已逾期。',
      );
      expect(err.text.en).toContain(
        'An application for tolerance is to be made during the accountability investigation, or within 15 working days of being notified of the accountability decision (under ',
      );
      expect(err.text.en).toContain(
        'Art. 9): the application is out of time: counted from the notification of the accountability decision (5 February 2025), its last day was 25 February 2025.',
      );
      // Nothing was written.
      expect(await w.ctx.store.db.select({ id: cases.id }).from(cases)).toHaveLength(before.length);
    });

    it('refuses a day of notification before the conduct or in the future', async () => {
      const early = await refusalOf(
        submitApplication(w.ctx, w.actors.official!, application(w.ids.official, '2024-11-04')),
      );
      expect(early.code).toBe('VALIDATION');
      expect(early.text.zh).toContain(
        'accountabilityNotifiedOn：收到问责决定的日期不能早于行为发生日期',
      );
      const future = await refusalOf(
        submitApplication(w.ctx, w.actors.official!, application(w.ids.official, '2025-03-04')),
      );
      expect(future.text.en).toContain('cannot be in the future');
    });
  },
  { open: { schema } },
);

describe('checkApplicationWindow', () => {
  const base: ApplicationWindowState = {
    within: { days: 30, unit: 'calendar' },
    from: 'conduct',
    duringInvestigation: false,
    anchorOn: '2025-01-10',
    lastDay: '2025-02-10',
    basis: null,
  };
  it('counts a window from the conduct, whatever the notification', () => {
    expect(() => checkApplicationWindow(base, '2025-02-10')).not.toThrow();
    const err = (() => {
      try {
        checkApplicationWindow(base, '2025-02-11');
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    expect(err?.text.zh).toBe(
      '容错申请应当在自行为发生之日起30日内提出。申请已超过时限：自行为发生之日（2025年1月10日）起计算，最后一日为2025年2月10日，今天已逾期。',
    );
  });

  it('asks for the day of notification where the measure allows no application during the investigation', () => {
    const notified: ApplicationWindowState = {
      ...base,
      from: 'notifiedOfAccountability',
      anchorOn: null,
      lastDay: null,
    };
    expect(() => checkApplicationWindow(notified, '2025-02-11')).toThrow(
      /give that day \(accountabilityNotifiedOn\)/,
    );
    expect(() =>
      checkApplicationWindow({ ...notified, duringInvestigation: true }, '2025-02-11'),
    ).not.toThrow();
    expect(() => checkApplicationWindow(null, '2030-01-01')).not.toThrow();
  });
});
