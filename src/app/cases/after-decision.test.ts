import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { AppError } from '../errors.js';
import { getCase } from '../queries/case-view.js';
import {
  caseChallenges,
  caseEvents,
  caseSuspensions,
  determinations,
  schema,
  type Schema,
} from '../tables.js';
import { caseRow, codeOf, driveTo, voteToUphold } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { closeCase } from './close.js';
import { decideChallenge } from './decide-challenge.js';
import { endPublicity } from './end-publicity.js';
import { fileUpward } from './file-upward.js';
import type { CaseRow } from './record.js';
import { requestChallenge } from './request-challenge.js';
import { startPublicity } from './start-publicity.js';
import { suspendCase } from './suspend.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });

async function lastEvent(w: World, caseId: string) {
  const rows = await w.ctx.store.db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(caseEvents.seq);
  return rows[rows.length - 1]!;
}

describeStores<Schema>(
  'after the decision: publicity, filing upward, review, appeal, closing',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });
    beforeEach(() => {
      // Monday: decided and notified today, so the 30-day review and appeal window ends 2025-04-02.
      w.clock.setDay('2025-03-03');
    });

    it('publicity runs its period, is not repeated, and does not restart the challenge window', async () => {
      let c = await driveTo(w, 'notified');
      expect(c).toMatchObject({ state: 'notified', step: 'challengeWindow' });
      expect(c.stepDueOn).toBe('2025-04-02');
      const a = w.actors;
      expect(await codeOf(startPublicity(w.ctx, a.intake!, v(c)))).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(startPublicity(w.ctx, a.official!, v(c)))).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(startPublicity(w.ctx, a.outsiderIntake!, v(c)))).toBe('CASE_NOT_FOUND');
      expect(await codeOf(endPublicity(w.ctx, a.liaison!, v(c)))).toBe('CASE_WRONG_STATE');

      c = (await startPublicity(w.ctx, a.liaison!, v(c))).case;
      // Five working days from Monday 3 March.
      expect(c).toMatchObject({ state: 'publicity', step: 'publicity', stepDueOn: '2025-03-10' });

      // Not before the period has run (its last day included).
      w.clock.setDay('2025-03-10');
      const early = await endPublicity(w.ctx, a.liaison!, v(c)).catch((e: AppError) => e);
      expect(early).toBeInstanceOf(AppError);
      expect((early as AppError).code).toBe('CASE_PRECONDITION');
      expect((early as AppError).text.en).toContain('10 March 2025');

      w.clock.setDay('2025-03-11');
      c = (await endPublicity(w.ctx, a.liaison!, { ...v(c), objections: '  无异议。 ' })).case;
      expect(c).toMatchObject({ state: 'notified', step: 'challengeWindow' });
      expect(c.stepDueOn).toBe('2025-04-02'); // still counted from the notification on 3 March
      const ended = await lastEvent(w, c.id);
      expect(ended).toMatchObject({ type: 'case.publicity_ended', reason: '无异议。' });
      expect(ended.payload).toMatchObject({
        publicityEnded: true,
        objections: '无异议。',
        from: 'publicity',
        to: 'notified',
        endedOn: '2025-03-11',
      });

      expect(await codeOf(startPublicity(w.ctx, a.liaison!, v(c)))).toBe('CASE_PRECONDITION');
      const view = await getCase(w.ctx, a.liaison!, c.id);
      expect(view.abilities).toMatchObject({ startPublicity: false, fileUpward: true });
    });

    it('filing upward is required before closing, and closing waits for the challenge window', async () => {
      let c = await driveTo(w, 'notified');
      const a = w.actors;
      expect(await codeOf(closeCase(w.ctx, a.intake!, v(c)))).toBe('CASE_PRECONDITION');
      expect(await codeOf(fileUpward(w.ctx, a.investigator!, v(c)))).toBe('CASE_ROLE_REQUIRED');

      w.clock.setDay('2025-03-05');
      c = (await fileUpward(w.ctx, a.liaison!, { ...v(c), reference: '报备〔2025〕3号' })).case;
      expect(c).toMatchObject({ state: 'filed', step: 'challengeWindow', stepDueOn: '2025-04-02' });
      expect((await lastEvent(w, c.id)).payload).toMatchObject({
        reference: '报备〔2025〕3号',
        filedOn: '2025-03-05',
      });
      expect(await codeOf(fileUpward(w.ctx, a.liaison!, v(c)))).toBe('CASE_WRONG_STATE');

      // The window is 30 days from the decision on 3 March: 2 April is its last day.
      w.clock.setDay('2025-04-02');
      expect(await codeOf(closeCase(w.ctx, a.intake!, v(c)))).toBe('CASE_PRECONDITION');
      w.clock.setDay('2025-04-03');
      expect(await codeOf(closeCase(w.ctx, a.official!, v(c)))).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(closeCase(w.ctx, a.outsiderIntake!, v(c)))).toBe('CASE_NOT_FOUND');
      const closed = await closeCase(w.ctx, a.intake!, { ...v(c), note: '办结归档。' });
      expect(closed.case).toMatchObject({ state: 'closed', stepDueOn: null });
      expect(closed.case.closedAt).toEqual(new Date('2025-04-03T02:00:00Z'));
      expect(await codeOf(closeCase(w.ctx, a.intake!, v(closed.case)))).toBe('CASE_WRONG_STATE');
    });

    it('filing during publicity waits for its period and completes it', async () => {
      let c = await driveTo(w, 'notified');
      const a = w.actors;
      c = (await startPublicity(w.ctx, a.liaison!, v(c))).case;
      expect(await codeOf(fileUpward(w.ctx, a.liaison!, v(c)))).toBe('CASE_PRECONDITION');
      w.clock.setDay('2025-03-12');
      c = (await fileUpward(w.ctx, a.liaison!, v(c))).case;
      expect(c).toMatchObject({ state: 'filed', stepDueOn: '2025-04-02' });
      expect((await lastEvent(w, c.id)).payload).toMatchObject({
        publicityEnded: true,
        from: 'publicity',
        to: 'filed',
      });
    });

    it('an appeal keeps the decision in force and is decided from above, not by the area chair', async () => {
      let c = await driveTo(w, 'notified');
      const a = w.actors;
      const [original] = await w.ctx.store.db
        .select()
        .from(determinations)
        .where(eq(determinations.caseId, c.id));
      const appeal = { ...v(c), kind: 'appeal' as const, grounds: '认定事实不清，申请上级复查。' };
      expect(await codeOf(requestChallenge(w.ctx, a.intake!, appeal))).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(requestChallenge(w.ctx, a.unitParty!, appeal))).toBe(
        'CASE_ROLE_REQUIRED',
      );
      expect(await codeOf(requestChallenge(w.ctx, a.colleague!, appeal))).toBe('CASE_NOT_FOUND');
      expect(await codeOf(requestChallenge(w.ctx, a.official!, { ...appeal, grounds: ' ' }))).toBe(
        'VALIDATION',
      );

      w.clock.setDay('2025-03-06');
      const r = await requestChallenge(w.ctx, a.official!, appeal);
      c = r.case;
      // Decided within 30 calendar days of the request.
      expect(c).toMatchObject({ state: 'under_appeal', step: 'appeal', stepDueOn: '2025-04-07' });
      expect(r.result.dueOn).toBe('2025-04-07'); // 5 April is Qingming: the next working day
      expect((await lastEvent(w, c.id)).payload).toMatchObject({
        kind: 'appeal',
        determinationId: original!.id,
        determinationStaysInForce: true,
      });
      const inForce = await getCase(w.ctx, a.official!, c.id);
      expect(inForce.determinations.filter((d) => d.inForce).map((d) => d.id)).toEqual([
        original!.id,
      ]);

      const decision = {
        ...v(c),
        result: 'changed' as const,
        outcome: 'no_accountability',
        reasons: '经复查，该事项属于先行先试，依法不予问责。',
      };
      expect(await codeOf(decideChallenge(w.ctx, a.chair!, decision))).toBe('CASE_OUT_OF_SCOPE');
      expect(await codeOf(decideChallenge(w.ctx, a.investigator!, decision))).toBe(
        'CASE_ROLE_REQUIRED',
      );
      expect(await codeOf(decideChallenge(w.ctx, a.cityChair!, { ...decision, reasons: '' }))).toBe(
        'VALIDATION',
      );
      expect(
        await codeOf(decideChallenge(w.ctx, a.cityChair!, { ...decision, outcome: 'pardoned' })),
      ).toBe('VALIDATION');
      expect(
        await codeOf(decideChallenge(w.ctx, a.cityChair!, { ...decision, outcome: 'exempted' })),
      ).toBe('VALIDATION');

      w.clock.setDay('2025-03-20');
      const d = await decideChallenge(w.ctx, a.cityChair!, decision);
      expect(d.case).toMatchObject({ state: 'notified', step: 'challengeWindow' });
      expect(d.case.stepDueOn).toBe('2025-04-21'); // 30 days from 20 March, 19 April a Saturday
      expect(d.result).toMatchObject({
        result: 'changed',
        outcome: 'no_accountability',
      });
      // A new determination of the body above, numbered in its own sequence (某市: the city).
      expect(d.result.documentNumber).toMatch(/^某市容认〔2025〕\d+号$/);
      const [changed] = await w.ctx.store.db
        .select()
        .from(determinations)
        .where(eq(determinations.id, d.result.determinationId));
      expect(changed).toMatchObject({
        outcome: 'no_accountability',
        supersedesId: original!.id,
        basis: 'appeal',
        decidedOn: '2025-03-20',
        decidedBy: a.cityChair!.userId,
        recommendedOutcome: original!.recommendedOutcome,
        departureReasons: decision.reasons,
      });
      expect(changed!.recommendation).toEqual(original!.recommendation);
      const [challenge] = await w.ctx.store.db
        .select()
        .from(caseChallenges)
        .where(eq(caseChallenges.caseId, c.id));
      expect(challenge).toMatchObject({
        kind: 'appeal',
        status: 'changed',
        determinationId: original!.id,
        resultDeterminationId: changed!.id,
        filedOn: '2025-03-06',
      });
      const view = await getCase(w.ctx, a.official!, c.id);
      expect(view.determinations.map((x) => [x.documentNumber, x.inForce, x.basis])).toEqual([
        [original!.documentNumber, false, 'first'],
        [d.result.documentNumber, true, 'appeal'],
      ]);
      // A determination made on appeal is not reviewed by the body below; the window is open anew.
      expect(view.abilities.requestReview).toBe(false);
      expect(view.challengeWindows).toMatchObject({ notifiedOn: '2025-03-20', reviewed: true });
      const after = await caseRow(w, c.id);
      // Nothing is under challenge now, and a review is never the city chair's to decide.
      expect(await codeOf(decideChallenge(w.ctx, a.cityChair!, { ...decision, ...v(after) }))).toBe(
        'CASE_OUT_OF_SCOPE',
      );
    });

    it('a review is decided by the same body; upheld, the determination stands', async () => {
      let c = await driveTo(w, 'notified');
      const a = w.actors;
      const review = { ...v(c), kind: 'review' as const, grounds: '对认定结果有异议，申请复核。' };
      c = (await requestChallenge(w.ctx, a.official!, review)).case;
      expect(c).toMatchObject({ state: 'under_review', step: 'review', stepDueOn: '2025-04-02' });
      expect(await codeOf(fileUpward(w.ctx, a.liaison!, v(c)))).toBe('CASE_WRONG_STATE');

      const upheld = { ...v(c), result: 'upheld' as const, reasons: '原认定事实清楚，维持。' };
      const err = await decideChallenge(w.ctx, a.cityChair!, upheld).catch((e: AppError) => e);
      expect((err as AppError).code).toBe('CASE_OUT_OF_SCOPE');
      expect((err as AppError).text.en).toContain('appeals');
      const asCity = await getCase(w.ctx, a.cityChair!, c.id);
      expect(asCity.abilities).toMatchObject({ decideReview: false, decideAppeal: false });
      // Decided collectively: not before the panel has voted.
      expect((await getCase(w.ctx, a.chair!, c.id)).abilities.decideReview).toBe(false);
      expect(await codeOf(decideChallenge(w.ctx, a.chair!, upheld))).toBe('CASE_PRECONDITION');
      c = await voteToUphold(w, c);
      upheld.expectedVersion = c.version;
      expect((await getCase(w.ctx, a.chair!, c.id)).abilities.decideReview).toBe(true);
      expect(
        await codeOf(decideChallenge(w.ctx, a.chair!, { ...upheld, outcome: 'reduced' })),
      ).toBe('VALIDATION');

      c = (await decideChallenge(w.ctx, a.chair!, upheld)).case;
      expect(c.state).toBe('notified');
      const dets = await w.ctx.store.db
        .select()
        .from(determinations)
        .where(eq(determinations.caseId, c.id));
      expect(dets).toHaveLength(1);
      const [challenge] = await w.ctx.store.db
        .select()
        .from(caseChallenges)
        .where(eq(caseChallenges.caseId, c.id));
      expect(challenge).toMatchObject({ status: 'upheld', resultDeterminationId: null });

      // Not twice the same kind for the same determination; an appeal is still open to the party.
      expect(await codeOf(requestChallenge(w.ctx, a.official!, { ...review, ...v(c) }))).toBe(
        'CASE_PRECONDITION',
      );
      const appealed = await requestChallenge(w.ctx, a.official!, {
        ...v(c),
        kind: 'appeal',
        grounds: '复核维持，仍有异议，向上级申诉。',
      });
      expect(appealed.case.state).toBe('under_appeal');
    });

    it('after review and appeal: an upheld determination keeps its filing; a changed one is filed again before closing', async () => {
      let c = await driveTo(w, 'notified');
      const a = w.actors;
      c = (await fileUpward(w.ctx, a.liaison!, { ...v(c), reference: '报备〔2025〕9号' })).case;
      const review = { kind: 'review' as const, grounds: '对认定结果有异议，申请复核。' };
      c = (await requestChallenge(w.ctx, a.official!, { ...v(c), ...review })).case;
      const upheld = { result: 'upheld' as const, reasons: '原认定事实清楚，维持。' };
      c = await voteToUphold(w, c);
      c = (await decideChallenge(w.ctx, a.chair!, { ...v(c), ...upheld })).case;
      expect(c.state).toBe('notified');
      // The determination in force is the one filed: no second filing.
      expect(await codeOf(fileUpward(w.ctx, a.liaison!, v(c)))).toBe('CASE_PRECONDITION');
      expect((await getCase(w.ctx, a.liaison!, c.id)).abilities.fileUpward).toBe(false);

      w.clock.setDay('2025-03-06');
      const appeal = { kind: 'appeal' as const, grounds: '复核维持，仍有异议，向上级申诉。' };
      c = (await requestChallenge(w.ctx, a.official!, { ...v(c), ...appeal })).case;
      w.clock.setDay('2025-03-20');
      const changed = {
        result: 'changed' as const,
        outcome: 'no_accountability',
        reasons: '经复查，该事项属于先行先试，依法不予问责。',
      };
      c = (await decideChallenge(w.ctx, a.cityChair!, { ...v(c), ...changed })).case;
      expect((await getCase(w.ctx, a.liaison!, c.id)).abilities.fileUpward).toBe(true);
      // After the new window, the changed determination must be filed before the case closes.
      w.clock.setDay('2025-04-22');
      expect(await codeOf(closeCase(w.ctx, a.intake!, v(c)))).toBe('CASE_PRECONDITION');
      c = (await fileUpward(w.ctx, a.liaison!, { ...v(c), reference: '报备〔2025〕12号' })).case;
      expect(c.state).toBe('filed');
      const closed = await closeCase(w.ctx, a.intake!, v(c));
      expect(closed.case.state).toBe('closed');
    });

    it('closing a suspended case ends its suspension in the same change', async () => {
      let c = await driveTo(w, 'notified');
      const a = w.actors;
      c = (await fileUpward(w.ctx, a.liaison!, v(c))).case;
      w.clock.setDay('2025-03-04');
      c = (await suspendCase(w.ctx, a.intake!, { ...v(c), reason: '等待巡察意见。' })).case;
      w.clock.setDay('2025-04-10');
      const closed = await closeCase(w.ctx, a.intake!, v(c));
      expect(closed.case).toMatchObject({ state: 'closed', suspendedSince: null });
      expect((await lastEvent(w, c.id)).payload).toMatchObject({
        suspensionEnded: { from: '2025-03-04', to: '2025-04-09' },
      });
      const rows = await w.ctx.store.db
        .select()
        .from(caseSuspensions)
        .where(eq(caseSuspensions.caseId, c.id));
      expect(rows).toMatchObject([{ fromOn: '2025-03-04', toOn: '2025-04-09' }]);
    });

    it('the window for challenges closes 30 days after the decision', async () => {
      const c = await driveTo(w, 'notified');
      w.clock.setDay('2025-04-03');
      const err = await requestChallenge(w.ctx, w.actors.official!, {
        ...v(c),
        kind: 'review',
        grounds: '逾期申请复核。',
      }).catch((e: AppError) => e);
      expect((err as AppError).code).toBe('CASE_PRECONDITION');
      expect((await caseRow(w, c.id)).state).toBe('notified');
    });

    it('refuses the later steps in the wrong state', async () => {
      const c = await driveTo(w, 'verification');
      const a = w.actors;
      expect(await codeOf(startPublicity(w.ctx, a.liaison!, v(c)))).toBe('CASE_WRONG_STATE');
      expect(await codeOf(fileUpward(w.ctx, a.liaison!, v(c)))).toBe('CASE_WRONG_STATE');
      expect(await codeOf(closeCase(w.ctx, a.liaison!, v(c)))).toBe('CASE_WRONG_STATE');
      expect(
        await codeOf(
          requestChallenge(w.ctx, a.official!, {
            ...v(c),
            kind: 'review',
            grounds: '提前申请复核。',
          }),
        ),
      ).toBe('CASE_WRONG_STATE');
      expect(
        await codeOf(
          decideChallenge(w.ctx, a.chair!, { ...v(c), result: 'upheld', reasons: '维持原认定。' }),
        ),
      ).toBe('CASE_WRONG_STATE');
      expect(
        await codeOf(startPublicity(w.ctx, a.liaison!, { caseId: c.id, expectedVersion: 99 })),
      ).toBe('CASE_VERSION_CONFLICT');
    });
  },
  { open: { schema } },
);
