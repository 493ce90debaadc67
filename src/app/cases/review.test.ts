/**
 * Review and appeal done right (issue 10): what a challenge does to a running publicity, the
 * windows counted from the notification, a determination reviewed once, the collective review,
 * the decision stored for its document, and the panel without those who would hear the appeal.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { getCase } from '../queries/case-view.js';
import { getPanelCandidates } from '../queries/recommendation.js';
import { caseChallenges, caseEvents, schema, type Schema } from '../tables.js';
import { caseRow, codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { addMember } from './add-member.js';
import { decideChallenge } from './decide-challenge.js';
import { endPublicity } from './end-publicity.js';
import { notifyDecision } from './notify.js';
import type { CaseRow } from './record.js';
import { requestChallenge } from './request-challenge.js';
import { startPublicity } from './start-publicity.js';
import { castReviewVote } from './vote-review.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });
const REVIEW = { kind: 'review' as const, grounds: '对认定结果有异议，申请复核。' };
const APPEAL = { kind: 'appeal' as const, grounds: '复核维持，仍有异议，向上级申诉。' };
const UPHELD = { result: 'upheld' as const, reasons: '经复核，原认定事实清楚，维持原认定。' };
const CHANGED = {
  result: 'changed' as const,
  outcome: 'lighter',
  reasons: '经复核，当事人未完全履行报告义务，变更为从轻处理。',
};

async function lastEvent(w: World, caseId: string) {
  const rows = await w.ctx.store.db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(caseEvents.seq);
  return rows[rows.length - 1]!;
}

async function challengeOf(w: World, caseId: string) {
  const rows = await w.ctx.store.db
    .select()
    .from(caseChallenges)
    .where(eq(caseChallenges.caseId, caseId));
  return rows[rows.length - 1]!;
}

/** The panel (chair, member1, member2) votes for `outcome` on the review. */
async function panelVotes(w: World, c: CaseRow, outcome: string, voters = 3): Promise<CaseRow> {
  let row = c;
  const panel = [w.actors.chair!, w.actors.member1!, w.actors.member2!].slice(0, voters);
  for (const m of panel) {
    row = (await castReviewVote(w.ctx, m, { ...v(row), outcome, reason: '经研究，同意。' })).case;
  }
  return row;
}

describeStores<Schema>(
  'review and appeal done right',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });
    beforeEach(() => {
      // Monday 3 March 2025: decided and notified today.
      w.clock.setDay('2025-03-03');
    });

    describe('a review asked for during publicity', () => {
      it('suspends the publicity with its days left; upheld, it resumes for those days', async () => {
        let c = await driveTo(w, 'notified');
        const a = w.actors;
        c = (await startPublicity(w.ctx, a.liaison!, v(c))).case;
        expect(c.stepDueOn).toBe('2025-03-10'); // five working days from Monday 3 March

        // Wednesday 5 March: the publicity stops counting today; 5, 6, 7 and 10 March are left.
        w.clock.setDay('2025-03-05');
        c = (await requestChallenge(w.ctx, a.official!, { ...v(c), ...REVIEW })).case;
        expect(c.state).toBe('under_review');
        expect(await challengeOf(w, c.id)).toMatchObject({
          publicitySuspendedOn: '2025-03-05',
          publicityDueOn: '2025-03-10',
          publicityDaysLeft: 4,
          publicityResumedOn: null,
        });
        expect((await lastEvent(w, c.id)).payload).toMatchObject({
          from: 'publicity',
          to: 'under_review',
          publicity: { suspended: true, suspendedOn: '2025-03-05', daysLeft: 4 },
        });
        // Nothing ends a publicity that is not running.
        expect(await codeOf(endPublicity(w.ctx, a.liaison!, v(c)))).toBe('CASE_WRONG_STATE');

        // Decided on Monday 17 March, which counts again: 17, 18, 19 and 20 March.
        w.clock.setDay('2025-03-17');
        c = await panelVotes(w, c, 'exempted');
        const d = await decideChallenge(w.ctx, a.chair!, { ...v(c), ...UPHELD });
        expect(d.case).toMatchObject({ state: 'publicity', stepDueOn: '2025-03-20' });
        expect(d.case.reviewedOn).toBe('2025-03-17');
        expect(await challengeOf(w, c.id)).toMatchObject({
          status: 'upheld',
          publicityResumedOn: '2025-03-17',
          publicityResumedDueOn: '2025-03-20',
        });
        expect((await lastEvent(w, c.id)).payload).toMatchObject({
          from: 'under_review',
          to: 'publicity',
          publicity: { resumed: true, resumedOn: '2025-03-17', dueOn: '2025-03-20' },
        });

        // The publicity ends after its resumed last day, and is then done.
        w.clock.setDay('2025-03-20');
        expect(await codeOf(endPublicity(w.ctx, a.liaison!, v(d.case)))).toBe('CASE_PRECONDITION');
        w.clock.setDay('2025-03-21');
        const ended = await endPublicity(w.ctx, a.liaison!, v(d.case));
        expect(ended.case).toMatchObject({ state: 'notified', publicityEndedOn: '2025-03-21' });

        const view = await getCase(w.ctx, a.official!, c.id);
        expect(view.challenges[0]!.publicity).toEqual({
          suspendedOn: '2025-03-05',
          dueOn: '2025-03-10',
          daysLeft: 4,
          unit: 'working',
          resumedOn: '2025-03-17',
          resumedDueOn: '2025-03-20',
        });
        const trail = view.events.map((e) => [e.type, e.from ?? null, e.to ?? null]);
        expect(trail).toContainEqual(['case.review_requested', 'publicity', 'under_review']);
        expect(trail).toContainEqual(['case.review_decided', 'under_review', 'publicity']);
      });

      it('changed, the old publicity ends there and the new determination is publicized afresh', async () => {
        let c = await driveTo(w, 'notified');
        const a = w.actors;
        c = (await startPublicity(w.ctx, a.liaison!, v(c))).case;
        w.clock.setDay('2025-03-05');
        c = (await requestChallenge(w.ctx, a.official!, { ...v(c), ...REVIEW })).case;
        w.clock.setDay('2025-03-12');
        c = await panelVotes(w, c, 'lighter');
        expect(c.outcomeInForce).toBe('exempted');
        const d = await decideChallenge(w.ctx, a.chair!, { ...v(c), ...CHANGED });
        // The outcome in force (the work queue's filter) is the changed determination's.
        expect(d.case).toMatchObject({
          state: 'notified',
          publicityEndedOn: null,
          outcomeInForce: 'lighter',
        });
        expect((await lastEvent(w, c.id)).payload).toMatchObject({
          publicity: { resumed: false, endedWithDetermination: true, daysLeft: 4 },
        });
        expect(await challengeOf(w, c.id)).toMatchObject({ publicityResumedOn: null });
        const again = await startPublicity(w.ctx, a.liaison!, v(d.case));
        expect(again.case).toMatchObject({ state: 'publicity', stepDueOn: '2025-03-19' });
      });

      it('an appeal during publicity suspends it too', async () => {
        let c = await driveTo(w, 'notified');
        c = (await startPublicity(w.ctx, w.actors.liaison!, v(c))).case;
        w.clock.setDay('2025-03-07');
        c = (await requestChallenge(w.ctx, w.actors.official!, { ...v(c), ...APPEAL })).case;
        expect(c.state).toBe('under_appeal');
        expect(await challengeOf(w, c.id)).toMatchObject({ publicityDaysLeft: 2 });
        w.clock.setDay('2025-03-11');
        const d = await decideChallenge(w.ctx, w.actors.cityChair!, { ...v(c), ...UPHELD });
        // Tuesday 11 and Wednesday 12 March.
        expect(d.case).toMatchObject({ state: 'publicity', stepDueOn: '2025-03-12' });
      });
    });

    describe('the windows and the review once', () => {
      it('count from the notification, not from the decision, and are shown during publicity', async () => {
        const d = await driveTo(w, 'determined');
        // Notified a week after the decision: 30 days from 10 March is 9 April.
        w.clock.setDay('2025-03-10');
        let c = (await notifyDecision(w.ctx, w.actors.intake!, v(d))).case;
        c = (await startPublicity(w.ctx, w.actors.liaison!, v(c))).case;
        const view = await getCase(w.ctx, w.actors.official!, c.id);
        expect(view.challengeWindows).toEqual({
          notifiedOn: '2025-03-10',
          reviewUntil: '2025-04-09',
          appealUntil: '2025-04-09',
          reviewed: false,
        });
        expect(view.abilities).toMatchObject({ requestReview: true, requestAppeal: true });
        // 3 April: more than 30 days after the decision, within 30 days of the notification.
        w.clock.setDay('2025-04-03');
        c = await caseRow(w, c.id);
        const r = await requestChallenge(w.ctx, w.actors.official!, { ...v(c), ...REVIEW });
        expect(r.case.state).toBe('under_review');
      });

      it('a determination reviewed is not reviewed again; an appeal is then the route', async () => {
        let c = await driveTo(w, 'notified');
        const a = w.actors;
        c = (await requestChallenge(w.ctx, a.official!, { ...v(c), ...REVIEW })).case;
        c = await panelVotes(w, c, 'lighter');
        c = (await decideChallenge(w.ctx, a.chair!, { ...v(c), ...CHANGED })).case;
        // The new determination was made on review: no review of it.
        const view = await getCase(w.ctx, a.official!, c.id);
        expect(view.challengeWindows.reviewed).toBe(true);
        expect(view.abilities).toMatchObject({ requestReview: false, requestAppeal: true });
        const err = await requestChallenge(w.ctx, a.official!, { ...v(c), ...REVIEW }).catch(
          (e: unknown) => e,
        );
        expect(err).toMatchObject({ code: 'CASE_PRECONDITION' });
        expect((err as { text: { zh: string } }).text.zh).toContain('申诉');
        const appealed = await requestChallenge(w.ctx, a.official!, { ...v(c), ...APPEAL });
        expect(appealed.case.state).toBe('under_appeal');
      });
    });

    describe('a review decided collectively', () => {
      it('needs the votes of a majority of the sitting members for the outcome left in force', async () => {
        let c = await driveTo(w, 'notified');
        const a = w.actors;
        c = (await requestChallenge(w.ctx, a.official!, { ...v(c), ...REVIEW })).case;
        expect(await codeOf(decideChallenge(w.ctx, a.chair!, { ...v(c), ...UPHELD }))).toBe(
          'CASE_PRECONDITION',
        );
        // Not a member of the panel; the official may not vote.
        const vote = { outcome: 'exempted', reason: '同意维持。' };
        expect(await codeOf(castReviewVote(w.ctx, a.cityChair!, { ...v(c), ...vote }))).toBe(
          'CASE_ROLE_REQUIRED',
        );
        c = await panelVotes(w, c, 'exempted', 1);
        expect(await codeOf(castReviewVote(w.ctx, a.chair!, { ...v(c), ...vote }))).toBe(
          'CASE_PRECONDITION',
        );
        // One vote of three sitting is no majority.
        expect(await codeOf(decideChallenge(w.ctx, a.chair!, { ...v(c), ...UPHELD }))).toBe(
          'CASE_PRECONDITION',
        );
        c = (await castReviewVote(w.ctx, a.member1!, { ...v(c), ...vote })).case;
        c = (
          await castReviewVote(w.ctx, a.member2!, {
            ...v(c),
            outcome: 'lighter',
            reason: '建议从轻。',
          })
        ).case;
        // Two of three for upholding: no majority for changing it.
        expect(await codeOf(decideChallenge(w.ctx, a.chair!, { ...v(c), ...CHANGED }))).toBe(
          'CASE_PRECONDITION',
        );
        w.clock.setDay('2025-03-14');
        await decideChallenge(w.ctx, a.chair!, { ...v(c), ...UPHELD });
        const stored = await challengeOf(w, c.id);
        expect(stored).toMatchObject({
          status: 'upheld',
          outcome: 'exempted',
          previousOutcome: 'exempted',
          reasons: UPHELD.reasons,
          decidedBy: a.chair!.userId,
          decidedOn: '2025-03-14',
          collective: true,
        });
        expect(stored.votes).toMatchObject({
          tally: { exempted: 2, lighter: 1 },
          sitting: 3,
          needed: 2,
        });
        const asOfficer = await getCase(w.ctx, a.chair!, c.id);
        expect(asOfficer.challenges[0]).toMatchObject({
          outcome: 'exempted',
          decidedOn: '2025-03-14',
          decidedBy: { id: a.chair!.userId },
          collective: true,
          votes: { sitting: 3, needed: 2 },
        });
        expect(asOfficer.challenges[0]!.votes!.members).toHaveLength(3);
        // The parties see the decision, not the votes.
        const asParty = await getCase(w.ctx, a.official!, c.id);
        expect(asParty.challenges[0]).toMatchObject({ reasons: UPHELD.reasons, collective: true });
        expect(asParty.challenges[0]!.votes).toBeUndefined();
        expect(asParty.events.map((e) => e.type)).not.toContain('case.review_vote_cast');
      });

      it('an appeal is decided by the chair above alone, and stores its decision', async () => {
        let c = await driveTo(w, 'notified');
        c = (await requestChallenge(w.ctx, w.actors.official!, { ...v(c), ...APPEAL })).case;
        w.clock.setDay('2025-03-20');
        await decideChallenge(w.ctx, w.actors.cityChair!, {
          ...v(c),
          ...CHANGED,
          reasons: '经审查，变更为从轻处理。',
        });
        expect(await challengeOf(w, c.id)).toMatchObject({
          status: 'changed',
          outcome: 'lighter',
          previousOutcome: 'exempted',
          decidedBy: w.actors.cityChair!.userId,
          decidedOn: '2025-03-20',
          collective: false,
          votes: null,
        });
      });
    });

    describe('a changed determination', () => {
      it('is a new 认定 with a number of its own from the deciding body, each change its own', async () => {
        let c = await driveTo(w, 'notified');
        const a = w.actors;
        const first = (await getCase(w.ctx, a.chair!, c.id)).determinations[0]!.documentNumber;
        const serial = (n: string) => Number(/〕(\d+)号$/.exec(n)![1]);
        c = (await requestChallenge(w.ctx, a.official!, { ...v(c), ...REVIEW })).case;
        c = await panelVotes(w, c, 'lighter');
        const reviewed = await decideChallenge(w.ctx, a.chair!, { ...v(c), ...CHANGED });
        // The review is decided by the same body: its own sequence, the next serial.
        const onReview = reviewed.result.documentNumber;
        expect(onReview).toMatch(/^X新容认〔2025〕\d+号$/);
        expect(serial(onReview)).toBeGreaterThan(serial(first));

        // Appealed twice to the level above, changed each time: the city's sequence.
        const changes: string[] = [];
        c = reviewed.case;
        for (const outcome of ['exempted', 'lighter']) {
          c = (await requestChallenge(w.ctx, a.official!, { ...v(c), ...APPEAL })).case;
          const d = await decideChallenge(w.ctx, a.cityChair!, {
            ...v(c),
            result: 'changed',
            outcome,
            reasons: '经审查，变更原认定。',
          });
          changes.push(d.result.documentNumber);
          c = d.case;
        }
        expect(changes[0]).toMatch(/^某市容认〔2025〕\d+号$/);
        expect(changes[1]).toMatch(/^某市容认〔2025〕\d+号$/);
        expect(new Set([first, onReview, ...changes]).size).toBe(4);
        // Issued numbers stay as they were; the view lists each with its own.
        const view = await getCase(w.ctx, a.official!, c.id);
        expect(view.determinations.map((d) => d.documentNumber)).toEqual([
          first,
          onReview,
          ...changes,
        ]);
      });
    });

    describe('the panel', () => {
      it('leaves out whoever would decide an appeal of the case, in the list and when adding', async () => {
        const c = await driveTo(w, 'deliberation');
        const a = w.actors;
        const { items } = await getPanelCandidates(w.ctx, a.chair!, c.id);
        const ids = items.map((i) => i.id);
        expect(ids).toContain(a.member1!.userId);
        expect(ids).not.toContain(a.cityChair!.userId);
        const err = await addMember(w.ctx, a.chair!, {
          ...v(c),
          userId: a.cityChair!.userId,
        }).catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'VALIDATION', details: { field: 'userId' } });
        // Nor may the chair above sit by constituting the panel themself.
        expect(
          await codeOf(addMember(w.ctx, a.cityChair!, { ...v(c), userId: a.member1!.userId })),
        ).toBe('VALIDATION');
      });
    });
  },
  { open: { schema } },
);
