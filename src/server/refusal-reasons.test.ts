/**
 * A refused action (409) says why in the words the action box shows: the named condition's code
 * in `details.reason`, its text as the message and its date in `details.date`. One request per
 * rule that waits on a condition.
 */
import { beforeAll, expect, it } from 'vitest';
import { schema, type Schema } from '../app/tables.js';
import { caseRow, driveTo, voteToUphold } from '../app/testing/steps.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, signIn, type Client, type HttpWorld } from './testing/http.js';

interface Refused {
  readonly code: string;
  readonly reason: string | undefined;
  readonly date: string | undefined;
  readonly zh: string;
}

describeStores<Schema>(
  'a refusal over HTTP carries the reason and date of the rule',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    }, 60_000);

    const versionOf = async (c: Client, id: string) =>
      (await c.get(`/api/cases/${id}`)).json().version as number;

    /** POSTs an action and returns what the refusal says (failing if it was not refused). */
    async function refused(c: Client, id: string, path: string, body: object): Promise<Refused> {
      const res = await c.post(`/api/cases/${id}/${path}`, {
        expectedVersion: await versionOf(c, id),
        ...body,
      });
      expect(res.statusCode, res.body).toBe(409);
      const e = res.json().error as {
        code: string;
        message: { zh: string };
        details: { reason?: string; date?: string };
      };
      return { code: e.code, reason: e.details.reason, date: e.details.date, zh: e.message.zh };
    }

    async function ok(c: Client, id: string, path: string, body: object): Promise<void> {
      const res = await c.post(`/api/cases/${id}/${path}`, {
        expectedVersion: await versionOf(c, id),
        ...body,
      });
      expect(res.statusCode, res.body).toBe(200);
    }

    it('deciding without votes, and voting twice', { timeout: 60_000 }, async () => {
      const { id } = await driveTo(w, 'deliberation');
      const chair = await signIn(w, 'chair');
      const decision = { outcome: 'exempted', minutes: '认定机构于本日召开会议。' };
      expect(await refused(chair, id, 'decision', decision)).toMatchObject({
        code: 'CASE_PRECONDITION',
        reason: 'CASE_NO_VOTES',
      });
      await ok(chair, id, 'members', { userId: w.actors.member1!.userId });
      const member = await signIn(w, 'member1');
      await ok(member, id, 'votes', { outcome: 'exempted', reason: '同意。' });
      const again = await refused(member, id, 'votes', { outcome: 'exempted', reason: '同意。' });
      expect(again.reason).toBe('CASE_ALREADY_VOTED');
      expect(again.zh).toContain('表决一次');
      const intake = await signIn(w, 'intake');
      expect((await refused(intake, id, 'resume', {})).reason).toBe('CASE_NOT_SUSPENDED');
      // The procedure's next step, as the action box names it.
      const submitted = await driveTo(w, 'submitted');
      const investigator = await signIn(w, 'investigator');
      const early = await refused(investigator, submitted.id, 'complete-verification', {});
      expect(early).toMatchObject({ code: 'CASE_WRONG_STATE', reason: 'CASE_WRONG_STATE' });
      expect(early.zh).toContain('“核实中”');
    });

    it(
      'publicity once; the review voted and decided once; the appeal and review windows with their last day',
      { timeout: 90_000 },
      async () => {
        const { id } = await driveTo(w, 'notified');
        const liaison = await signIn(w, 'liaison');
        await ok(liaison, id, 'publicity/start', {});
        const running = await refused(liaison, id, 'publicity/end', {});
        expect(running).toMatchObject({ reason: 'CASE_PUBLICITY_RUNNING', date: '2025-03-11' });
        expect(running.zh).toBe('公示期至2025年3月10日届满，可于2025年3月11日起结束公示。');
        // A session does not outlive a jump of the clock: sign in again after each.
        w.clock.setDay('2025-03-11');
        const liaisonLater = await signIn(w, 'liaison');
        await ok(liaisonLater, id, 'publicity/end', {});
        expect((await refused(liaisonLater, id, 'publicity/start', {})).reason).toBe(
          'CASE_ALREADY_PUBLICIZED',
        );

        const official = await signIn(w, 'official');
        const grounds = '认定所依据的事实有误，请求复核。';
        await ok(official, id, 'challenges', { kind: 'review', grounds });
        const chair = await signIn(w, 'chair');
        const upheld = { result: 'upheld', reasons: '原认定事实清楚，予以维持。' };
        expect((await refused(chair, id, 'challenges/decide', upheld)).reason).toBe(
          'CASE_REVIEW_VOTES_MISSING',
        );
        const voted = await voteToUphold(w, await caseRow(w, id));
        const member = await signIn(w, 'member1');
        const vote = { outcome: 'exempted', reason: '同意维持。' };
        expect((await refused(member, voted.id, 'challenges/votes', vote)).reason).toBe(
          'CASE_ALREADY_VOTED_REVIEW',
        );
        await ok(chair, id, 'challenges/decide', upheld);

        const review = await refused(official, id, 'challenges', { kind: 'review', grounds });
        expect(review.reason).toBe('CASE_ALREADY_REVIEWED');
        expect(review.zh).toContain('向上一级提出申诉');

        // Well past both windows (30 calendar days from today's decision).
        w.clock.setDay('2025-06-30');
        const later = await signIn(w, 'official');
        const appeal = await refused(later, id, 'challenges', { kind: 'appeal', grounds });
        expect(appeal.reason).toBe('CASE_APPEAL_WINDOW_CLOSED');
        expect(appeal.date).toMatch(/^2025-04-\d\d$/);
        expect(appeal.zh).toContain('申诉期限已于2025年4月');
      },
    );

    it('the review window closed on its last day', { timeout: 60_000 }, async () => {
      w.clock.setDay('2025-03-03');
      const { id } = await driveTo(w, 'notified');
      w.clock.setDay('2025-06-30');
      const official = await signIn(w, 'official');
      const grounds = '认定所依据的事实有误，请求复核。';
      const review = await refused(official, id, 'challenges', { kind: 'review', grounds });
      expect(review).toMatchObject({ reason: 'CASE_REVIEW_WINDOW_CLOSED', date: '2025-04-02' });
      expect(review.zh).toContain('复核期限已于2025年4月2日届满');
      w.clock.setDay('2025-03-03');
    });
  },
  { open: { schema } },
);
