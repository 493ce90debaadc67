/**
 * The correction loop on both stores (issue 11): opinion → actions → submission → verification
 * (confirmed, not confirmed, inconclusive) → closure → effectiveness review (not effective
 * reopens, effective ends it), talks, and the rules that guard each step.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { verifyAudit } from '../audit.js';
import { getCase } from '../queries/case-view.js';
import { caseEvents, correctionActions, corrections, schema, type Schema } from '../tables.js';
import { caseRow, codeOf, driveTo } from '../testing/steps.js';
import { PDF_FILE } from '../testing/files.js';
import { buildWorld, type World } from '../testing/world.js';
import type { CaseRow } from '../cases/record.js';
import { addCorrectionActions } from './add-actions.js';
import { issueCorrection } from './issue-opinion.js';
import { recordTalk } from './record-talk.js';
import { reviewCorrection } from './review-effect.js';
import { submitCorrection } from './submit-action.js';
import { verifyCorrection } from './verify-action.js';

const OPINION = {
  problem: '项目在用地手续完备前组织开工，程序存在瑕疵。',
  requirement: '补齐用地审批手续，完善重大项目开工前合规审查制度。',
  actions: [
    {
      task: '补办项目用地审批手续',
      evidenceRequired: '用地批复文件复印件',
      owner: 'unit' as const,
    },
    {
      task: '提交书面情况说明和整改报告',
      evidenceRequired: '本人签字的整改报告',
      owner: 'official' as const,
      dueDays: 10,
    },
  ],
};

describeStores<Schema>(
  'correction (纠错): opinion, actions, verification, closure, effectiveness review',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
      w.clock.setDay('2025-03-03');
    });

    const version = async (c: { id: string }) => (await caseRow(w, c.id)).version;
    const actionsOf = (caseId: string) =>
      w.ctx.store.db
        .select()
        .from(correctionActions)
        .where(eq(correctionActions.caseId, caseId))
        .orderBy(correctionActions.seq);

    async function issued(): Promise<CaseRow> {
      w.clock.setDay('2025-03-03');
      const c = await driveTo(w, 'notified');
      await issueCorrection(w.ctx, w.actors.chair!, {
        caseId: c.id,
        expectedVersion: c.version,
        ...OPINION,
      });
      return caseRow(w, c.id);
    }

    it('is issued by the chair with a number, the pack’s default deadline and one event', async () => {
      const c = await issued();
      const [k] = await w.ctx.store.db
        .select()
        .from(corrections)
        .where(eq(corrections.caseId, c.id));
      expect(k!.state).toBe('in_progress');
      expect(k!.documentNumber).toMatch(/容纠〔2025〕\d+号$/);
      const [unit, own] = await actionsOf(c.id);
      // 30 working days from 3 March 2025 (the pack's x20 Art. 13), 10 where the opinion says so.
      expect(unit!.dueDays).toBe(30);
      expect(unit!.ownerUnitId).toBe(c.unitId);
      expect(own!.dueDays).toBe(10);
      expect(own!.ownerOfficialId).toBe(w.ids.official);
      expect(own!.dueOn < unit!.dueOn).toBe(true);
      const events = await w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, c.id));
      expect(events.at(-1)!.type).toBe('case.correction_issued');
      // Once per case: a second opinion is refused, with the reason.
      expect(
        await codeOf(
          issueCorrection(w.ctx, w.actors.chair!, {
            caseId: c.id,
            expectedVersion: c.version,
            ...OPINION,
          }),
        ),
      ).toBe('CASE_PRECONDITION');
    });

    it('is not issued before a determination, nor by the liaison, nor with bad actions', async () => {
      const early = await driveTo(w, 'deliberation');
      const req = { caseId: early.id, expectedVersion: early.version, ...OPINION };
      expect(await codeOf(issueCorrection(w.ctx, w.actors.chair!, req))).toBe('CASE_WRONG_STATE');
      const c = await driveTo(w, 'notified');
      const at = { caseId: c.id, expectedVersion: c.version };
      expect(await codeOf(issueCorrection(w.ctx, w.actors.liaison!, { ...at, ...OPINION }))).toBe(
        'CASE_ROLE_REQUIRED',
      );
      expect(
        await codeOf(issueCorrection(w.ctx, w.actors.chair!, { ...at, ...OPINION, actions: [] })),
      ).toBe('VALIDATION');
      const bad = [{ ...OPINION.actions[0]!, owner: 'someone' as never }];
      await expect(
        issueCorrection(w.ctx, w.actors.chair!, { ...at, ...OPINION, actions: bad }),
      ).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'actions[0].owner' } });
      // Nothing was written by the refused requests.
      expect(await actionsOf(c.id)).toHaveLength(0);
      expect(await version(c)).toBe(c.version);
    });

    it('runs to closure: submitted, returned, under watch, confirmed; then reviewed', async () => {
      let c = await issued();
      const [unitAction, ownAction] = await actionsOf(c.id);
      // Only the owner submits: the unit's party organization, not the official, for the unit's.
      expect(
        await codeOf(
          submitCorrection(w.ctx, w.actors.official!, {
            caseId: c.id,
            expectedVersion: c.version,
            actionId: unitAction!.id,
            submission: '已完成整改。',
          }),
        ),
      ).toBe('CASE_ROLE_REQUIRED');
      await submitCorrection(w.ctx, w.actors.unitParty!, {
        caseId: c.id,
        expectedVersion: c.version,
        actionId: unitAction!.id,
        submission: '已补办用地审批手续，取得批复。',
        files: [{ filename: '批复.pdf', mediaType: 'application/pdf', content: PDF_FILE }],
      });
      c = await caseRow(w, c.id);
      await submitCorrection(w.ctx, w.actors.official!, {
        caseId: c.id,
        expectedVersion: c.version,
        actionId: ownAction!.id,
        submission: '已提交书面整改报告。',
      });
      c = await caseRow(w, c.id);
      // Not confirmed: back to open with a new deadline and the reasons.
      await verifyCorrection(w.ctx, w.actors.liaison!, {
        caseId: c.id,
        expectedVersion: c.version,
        actionId: ownAction!.id,
        verdict: 'not_confirmed',
        reasons: '整改报告未说明制度完善措施，请补充。',
        dueDays: 5,
      });
      c = await caseRow(w, c.id);
      let [, own] = await actionsOf(c.id);
      expect(own).toMatchObject({ state: 'open', returnedCount: 1, dueDays: 5 });
      // Inconclusive: under watch.
      await verifyCorrection(w.ctx, w.actors.liaison!, {
        caseId: c.id,
        expectedVersion: c.version,
        actionId: unitAction!.id,
        verdict: 'inconclusive',
        reasons: '批复文件尚在公示期内，待公示期满后再行核实。',
      });
      c = await caseRow(w, c.id);
      await submitCorrection(w.ctx, w.actors.official!, {
        caseId: c.id,
        expectedVersion: c.version,
        actionId: ownAction!.id,
        submission: '已补充制度完善措施，修订了开工前审查流程。',
      });
      c = await caseRow(w, c.id);
      for (const id of [unitAction!.id, ownAction!.id]) {
        await verifyCorrection(w.ctx, w.actors.liaison!, {
          caseId: c.id,
          expectedVersion: c.version,
          actionId: id,
          verdict: 'confirmed',
        });
        c = await caseRow(w, c.id);
      }
      const [k] = await w.ctx.store.db
        .select()
        .from(corrections)
        .where(eq(corrections.caseId, c.id));
      expect(k).toMatchObject({
        state: 'awaiting_review',
        closedOn: '2025-03-03',
        reviewDueOn: '2025-06-03',
      });
      // The review waits for its day, and says which.
      await expect(
        reviewCorrection(w.ctx, w.actors.chair!, {
          caseId: c.id,
          expectedVersion: c.version,
          finding: 'effective',
          reasons: '整改后未再发生同类问题。',
        }),
      ).rejects.toMatchObject({ code: 'CASE_PRECONDITION', details: { date: '2025-06-03' } });
      // Not effective: reopened in round 2 with a new action.
      w.clock.setDay('2025-06-03');
      await reviewCorrection(w.ctx, w.actors.chair!, {
        caseId: c.id,
        expectedVersion: c.version,
        finding: 'not_effective',
        reasons: '同类问题在另一项目中再次出现，整改成效不明显。',
        actions: [
          {
            task: '对全部在建项目开展合规排查',
            evidenceRequired: '排查报告',
            owner: 'unit',
          },
        ],
      });
      c = await caseRow(w, c.id);
      const reopened = await w.ctx.store.db
        .select()
        .from(corrections)
        .where(eq(corrections.caseId, c.id));
      expect(reopened[0]).toMatchObject({ state: 'in_progress', round: 2, closedOn: null });
      const third = (await actionsOf(c.id))[2]!;
      expect(third).toMatchObject({ round: 2, state: 'open', seq: 3 });
      await submitCorrection(w.ctx, w.actors.unitParty!, {
        caseId: c.id,
        expectedVersion: c.version,
        actionId: third.id,
        submission: '已完成全部在建项目合规排查。',
      });
      c = await caseRow(w, c.id);
      await verifyCorrection(w.ctx, w.actors.chair!, {
        caseId: c.id,
        expectedVersion: c.version,
        actionId: third.id,
        verdict: 'confirmed',
      });
      w.clock.setDay('2025-09-03');
      c = await caseRow(w, c.id);
      await reviewCorrection(w.ctx, w.actors.chair!, {
        caseId: c.id,
        expectedVersion: c.version,
        finding: 'effective',
        reasons: '排查后未再发现同类问题。',
      });
      const [done] = await w.ctx.store.db
        .select()
        .from(corrections)
        .where(eq(corrections.caseId, c.id));
      expect(done).toMatchObject({
        state: 'effective',
        reviewDueOn: null,
        reviewedOn: '2025-09-03',
      });
      [, own] = await actionsOf(c.id);
      expect(own!.state).toBe('confirmed');
      // Every step is on the case's hash chain, and the chain holds.
      const types = (
        await w.ctx.store.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id))
      ).map((e) => e.type);
      expect(types).toEqual(
        expect.arrayContaining([
          'case.correction_issued',
          'case.correction_submitted',
          'case.correction_verified',
          'case.correction_reopened',
          'case.correction_reviewed',
        ]),
      );
      expect((await verifyAudit(w.ctx)).firstBreak).toBeUndefined();
    });

    it('is verified only by someone other than the submitter', async () => {
      let c = await issued();
      const [unitAction] = await actionsOf(c.id);
      // The chair holds the unit's party role too in this case: a user who submitted cannot verify.
      await submitCorrection(w.ctx, w.actors.unitParty!, {
        caseId: c.id,
        expectedVersion: c.version,
        actionId: unitAction!.id,
        submission: '已补办手续。',
      });
      c = await caseRow(w, c.id);
      expect(
        await codeOf(
          verifyCorrection(w.ctx, w.actors.unitParty!, {
            caseId: c.id,
            expectedVersion: c.version,
            actionId: unitAction!.id,
            verdict: 'confirmed',
          }),
        ),
      ).toBe('CASE_ROLE_REQUIRED');
      // A not-confirmed verdict needs reasons and a new deadline.
      await expect(
        verifyCorrection(w.ctx, w.actors.liaison!, {
          caseId: c.id,
          expectedVersion: c.version,
          actionId: unitAction!.id,
          verdict: 'not_confirmed',
          reasons: '材料不全。',
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'dueDays' } });
      // A verified action is not verified again.
      await verifyCorrection(w.ctx, w.actors.liaison!, {
        caseId: c.id,
        expectedVersion: c.version,
        actionId: unitAction!.id,
        verdict: 'confirmed',
      });
      c = await caseRow(w, c.id);
      expect(
        await codeOf(
          verifyCorrection(w.ctx, w.actors.chair!, {
            caseId: c.id,
            expectedVersion: c.version,
            actionId: unitAction!.id,
            verdict: 'confirmed',
          }),
        ),
      ).toBe('CASE_PRECONDITION');
    });

    it('takes more actions while in progress; records talks on the official’s record', async () => {
      let c = await issued();
      await addCorrectionActions(w.ctx, w.actors.liaison!, {
        caseId: c.id,
        expectedVersion: c.version,
        actions: [{ task: '组织专题学习', evidenceRequired: '学习记录', owner: 'unit' }],
      });
      c = await caseRow(w, c.id);
      expect((await actionsOf(c.id)).map((a) => a.seq)).toEqual([1, 2, 3]);
      await recordTalk(w.ctx, w.actors.liaison!, {
        caseId: c.id,
        expectedVersion: c.version,
        kind: 'supportive',
        heldOn: '2025-03-03',
        participants: '组织部干部科科长，本人',
        summary: '肯定担当作为，提醒依法依规推进项目。',
        followUp: '三个月后回访。',
      });
      c = await caseRow(w, c.id);
      expect(
        await codeOf(
          recordTalk(w.ctx, w.actors.liaison!, {
            caseId: c.id,
            expectedVersion: c.version,
            kind: 'reminder',
            heldOn: '2099-01-01',
            participants: '组织部',
            summary: '提醒谈话。',
          }),
        ),
      ).toBe('VALIDATION');
      const view = await getCase(w.ctx, w.actors.liaison!, c.id);
      expect(view.abilities.addCorrectionActions).toBe(true);
      expect(view.abilities.recordTalk).toBe(true);
      const asOwner = await getCase(w.ctx, w.actors.unitParty!, c.id);
      expect(asOwner.abilities.submitCorrection).toBe(true);
    });
  },
  { open: { schema } },
);
