import { beforeAll, describe, expect, it } from 'vitest';
import { refusal, type CaseSubject } from '../../domain/policies.js';
import { describeStores } from '../../store/testing/harness.js';
import { AppError } from '../errors.js';
import { getCase } from '../queries/case-view.js';
import { schema, type Schema } from '../tables.js';
import { buildWorld, type World } from '../testing/world.js';
import { recordAccountabilityMatter } from './open-ex-officio.js';
import { refuseCase } from './refuse.js';
import { submitApplication } from './submit-application.js';
import { withdrawCase } from './withdraw.js';

const matter = (officialId: string) => ({
  officialId,
  summary: '项目审批程序不规范',
  openedOn: '2025-02-20',
  conductDate: '2024-09-01',
  source: 'inspection' as const,
});

describeStores<Schema>(
  'the mandatory ex-officio check (procedure.exOfficio)',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    // X新区 (x-new-area, Art. 9 of the sample measure): before deciding accountability the body
    // itself considers whether tolerance applies.
    it('the official cannot withdraw the check opened on an accountability matter; the action box says why', async () => {
      const { case: c } = await recordAccountabilityMatter(
        w.ctx,
        w.actors.investigator!,
        matter(w.ids.official),
      );
      const view = await getCase(w.ctx, w.actors.official!, c.id);
      const task = view.tasks.find((t) => t.action === 'withdraw');
      expect(task?.allowed).toBe(false);
      expect(task?.reason?.code).toBe('EX_OFFICIO_CHECK_REQUIRED');
      expect(task?.reason?.text.zh).toContain('依职权启动的容错审查，不能撤回');
      const err = await withdrawCase(w.ctx, w.actors.official!, {
        caseId: c.id,
        expectedVersion: c.version,
        reason: '本人不再申请',
      }).catch((e: unknown) => e as AppError);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('CASE_PRECONDITION');
      expect((err as AppError).details).toMatchObject({ reason: 'EX_OFFICIO_CHECK_REQUIRED' });
      // Intake may still refuse it with written reasons: the recorded reason why not.
      const refused = await refuseCase(w.ctx, w.actors.intake!, {
        caseId: c.id,
        expectedVersion: c.version,
        reasons: '该问责事项系个人违纪行为，不属于容错审查范围。',
      });
      expect(refused.case.state).toBe('refused');
    });

    it('an application stays the applicant’s to withdraw', async () => {
      const { case: c } = await submitApplication(w.ctx, w.actors.official!, {
        officialId: w.ids.official,
        title: '招商项目提前开工',
        summary: '为抢抓项目落地，在用地手续完备前组织开工。',
        conductDate: '2024-11-05',
      });
      const r = await withdrawCase(w.ctx, w.actors.official!, {
        caseId: c.id,
        expectedVersion: c.version,
        reason: '本人撤回申请',
      });
      expect(r.case.state).toBe('withdrawn');
    });
  },
  { open: { schema } },
);

describe('the withdraw rule', () => {
  const official = {
    userId: 'u-official',
    officialId: 'o-1',
    grants: [],
  } as unknown as Parameters<typeof refusal>[0];
  const subject = (exOfficioCheck: boolean): CaseSubject => ({
    state: 'verification',
    jurisdictionPath: 'p.c.x',
    unitPath: 'u',
    officialId: 'o-1',
    applicantUserId: null,
    members: [],
    requires: { consultation: false, publicity: false, filingUpward: false, exOfficioCheck },
    challengeWindowOpen: false,
    filedUpward: false,
    publicityDone: false,
    suspended: false,
  });
  it('refuses only a required ex-officio check', () => {
    expect(refusal(official, 'withdraw', subject(true))).toBe('CASE_PRECONDITION');
    expect(refusal(official, 'withdraw', subject(false))).toBeNull();
  });
});
