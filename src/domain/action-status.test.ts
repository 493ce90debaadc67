/**
 * The reasons of the declarative rules (policies.ts `actionStatuses`): which actions a user's role
 * could take on a case, and for those it cannot take now, why and from when.
 */
import { describe, expect, it } from 'vitest';
import {
  actionStatuses,
  refusal,
  refusalReason,
  unnamedConditions,
  type ActionStatus,
  type CaseSubject,
} from './policies.js';
import type { Actor, Role } from './roles.js';

const AREA = '/p/c/x/';

function subject(extra: Partial<CaseSubject>): CaseSubject {
  return {
    state: 'verification',
    jurisdictionPath: AREA,
    unitPath: `${AREA}u:1/`,
    officialId: 'official-1',
    applicantUserId: null,
    members: [],
    requires: { consultation: true, publicity: true, filingUpward: true },
    challengeWindowOpen: false,
    filedUpward: false,
    publicityDone: false,
    suspended: false,
    ...extra,
  };
}

function officer(role: Role, userId = `${role}-user`): Actor {
  return {
    userId,
    username: userId,
    displayName: userId,
    officialId: null,
    grants: [{ role, scopeKind: 'jurisdiction', scopeId: 'x', scopePath: AREA }],
  };
}

function status(a: Actor, c: CaseSubject, action: string): ActionStatus | undefined {
  return actionStatuses(a, c).find((s) => s.action === action);
}

describe('what an action waits for', () => {
  it('closing waits for the review and appeal window, and says from which day', () => {
    const c = subject({
      state: 'filed',
      filedUpward: true,
      challengeWindowOpen: true,
      challengeWindowEnds: '2026-12-08',
    });
    const close = status(officer('intake'), c, 'close');
    expect(close).toMatchObject({
      allowed: false,
      reason: { code: 'CASE_CHALLENGE_WINDOW_OPEN', date: '2026-12-09' },
    });
    expect(close?.reason?.text?.zh).toContain('2026年12月8日');
    expect(close?.reason?.text?.zh).toContain('2026年12月9日');
    expect(close?.reason?.text?.en).toContain('9 December 2026');
    // Once the window has run out, filing upward is what it waits for; then it is allowed.
    const over = { ...c, challengeWindowOpen: false, filedUpward: false };
    expect(status(officer('intake'), over, 'close')?.reason?.code).toBe('CASE_NOT_FILED_UPWARD');
    expect(status(officer('intake'), { ...over, filedUpward: true }, 'close')).toEqual({
      action: 'close',
      allowed: true,
      reason: null,
    });
  });

  it('a step on a suspended case waits for the resumption', () => {
    const c = subject({ suspended: true });
    const complete = status(officer('investigator'), c, 'completeVerification');
    expect(complete).toMatchObject({ allowed: false, reason: { code: 'CASE_SUSPENDED' } });
    expect(complete?.reason?.date).toBeUndefined();
    expect(status(officer('investigator'), c, 'resume')?.allowed).toBe(true);
    // Nothing to resume on a running case: no task, not a disabled one.
    expect(status(officer('investigator'), subject({}), 'resume')).toBeUndefined();
  });

  it("names the procedure's next step for whoever will take it, and nothing further", () => {
    const c = subject({ state: 'submitted' });
    const investigator = officer('investigator');
    const next = status(investigator, c, 'completeVerification');
    expect(next).toMatchObject({ allowed: false, reason: { code: 'CASE_WRONG_STATE' } });
    expect(next?.reason?.text?.zh).toContain('核实中');
    // Consultation and deliberation are further away: not named.
    expect(status(investigator, c, 'completeConsultation')).toBeUndefined();
    expect(status(officer('committee_chair'), c, 'decide')).toBeUndefined();
  });

  it("leaves out what the user's role never does on the case", () => {
    const c = subject({ state: 'submitted' });
    const intake = actionStatuses(officer('intake'), c);
    expect(intake.find((s) => s.action === 'accept')?.allowed).toBe(true);
    expect(intake.map((s) => s.action)).not.toContain('completeVerification');
    const outsider: Actor = {
      ...officer('intake'),
      grants: [{ role: 'intake', scopeKind: 'jurisdiction', scopeId: 'y', scopePath: '/p/c/y/' }],
    };
    expect(actionStatuses(outsider, c)).toEqual([]);
  });

  it('a conflicted member is told why they may not vote', () => {
    const c = subject({
      state: 'deliberation',
      members: [{ userId: 'm', conflict: '近亲属', recused: true, voted: false }],
    });
    expect(status(officer('committee_member', 'm'), c, 'vote')).toMatchObject({
      allowed: false,
      reason: { code: 'CASE_CONFLICTED' },
    });
  });

  it('agrees with refusal on every action it names as allowed', () => {
    const states = ['submitted', 'verification', 'deliberation', 'notified', 'filed'] as const;
    for (const role of ['intake', 'investigator', 'committee_chair', 'org_liaison'] as const) {
      for (const state of states) {
        const c = subject({ state });
        for (const s of actionStatuses(officer(role), c)) {
          expect(s.allowed).toBe(refusal(officer(role), s.action, c) === null);
        }
      }
    }
  });
});

describe('every rule that waits says why, and when', () => {
  const party: Actor = { ...officer('intake', 'applicant'), officialId: 'official-1', grants: [] };
  const chair = officer('committee_chair', 'chair');
  const notified = (extra: Partial<CaseSubject>) =>
    subject({ state: 'notified', notifiedOn: '2026-11-02', ...extra });

  it('no rule refuses with a bare predicate: each `when` is a named condition', () => {
    expect(unnamedConditions()).toEqual([]);
  });

  it('a member who has voted is told they vote once', () => {
    const c = subject({
      state: 'deliberation',
      members: [{ userId: 'm', conflict: null, recused: false, voted: true }],
    });
    expect(status(officer('committee_member', 'm'), c, 'vote')?.reason?.code).toBe(
      'CASE_ALREADY_VOTED',
    );
  });

  it('deciding waits for the votes, then for the resumption of a suspended case', () => {
    const members = [
      { userId: 'm1', conflict: null, recused: false, voted: false },
      { userId: 'm2', conflict: null, recused: false, voted: false },
      { userId: 'm3', conflict: '近亲属', recused: true, voted: false },
    ];
    const c = subject({ state: 'deliberation', members });
    const decide = status(chair, c, 'decide');
    expect(decide).toMatchObject({ allowed: false, reason: { code: 'CASE_NO_VOTES' } });
    expect(decide?.reason?.text?.zh).toContain('应参加表决2人');
    const voted = members.map((m, i) => (i === 0 ? { ...m, voted: true } : m));
    expect(status(chair, { ...c, members: voted, suspended: true }, 'decide')?.reason?.code).toBe(
      'CASE_SUSPENDED',
    );
    expect(status(chair, { ...c, members: voted }, 'decide')?.allowed).toBe(true);
  });

  it('publicity: none where the measure requires none; once only', () => {
    const liaison = officer('org_liaison');
    const none = notified({
      requires: { consultation: true, publicity: false, filingUpward: true },
    });
    expect(status(liaison, none, 'startPublicity')).toBeUndefined();
    expect(refusalReason('startPublicity', 'CASE_PRECONDITION', none, liaison)?.code).toBe(
      'CASE_PUBLICITY_NOT_REQUIRED',
    );
    expect(
      status(liaison, notified({ publicityDone: true }), 'startPublicity')?.reason,
    ).toMatchObject({ code: 'CASE_ALREADY_PUBLICIZED' });
  });

  it('publicity ends once its period has run out, from the day after', () => {
    const liaison = officer('org_liaison');
    const c = subject({ state: 'publicity', stepDueOn: '2026-12-08', stepRunOut: false });
    expect(status(liaison, c, 'endPublicity')?.reason).toMatchObject({
      code: 'CASE_PUBLICITY_RUNNING',
      date: '2026-12-09',
    });
    expect(status(liaison, { ...c, stepRunOut: true }, 'endPublicity')?.allowed).toBe(true);
  });

  it('review: the window ran out on a named day, and the appeal still open is the route', () => {
    const c = notified({
      challengeWindowOpen: true,
      windows: { review: false, appeal: true },
      windowEnds: { review: '2026-12-02', appeal: '2026-12-17' },
    });
    const review = status(party, c, 'requestReview');
    expect(review).toMatchObject({
      allowed: false,
      reason: { code: 'CASE_REVIEW_WINDOW_CLOSED', date: '2026-12-02' },
    });
    expect(review?.reason?.text?.zh).toBe(
      '复核期限已于2026年12月2日届满，不能再提出复核。对其不服的，可以在申诉期限内（至2026年12月17日届满）向上一级提出申诉。',
    );
    expect(review?.reason?.text?.en).toContain('ran out on 2 December 2026');
    expect(status(party, c, 'requestAppeal')?.allowed).toBe(true);
  });

  it('review: a reviewed determination is not reviewed again; the appeal is the route, until when', () => {
    const c = notified({
      challengeWindowOpen: true,
      reviewed: true,
      windows: { review: true, appeal: true },
      windowEnds: { review: '2026-12-17', appeal: '2026-12-17' },
    });
    const review = status(party, c, 'requestReview');
    expect(review?.reason?.code).toBe('CASE_ALREADY_REVIEWED');
    expect(review?.reason?.text?.zh).toContain('向上一级提出申诉');
    expect(review?.reason?.text?.zh).toContain('2026年12月17日');
    expect(review?.reason?.text?.en).toContain('17 December 2026');
  });

  it('appeal: not open before delivery, none where the measure has none, closed on a day', () => {
    const before = notified({ notifiedOn: null, windows: { review: false, appeal: false } });
    expect(status(party, before, 'requestAppeal')?.reason?.code).toBe(
      'CASE_APPEAL_WINDOW_NOT_OPEN',
    );
    const none = notified({
      windows: { review: true, appeal: false },
      windowEnds: { review: '2026-12-02', appeal: null },
    });
    expect(status(party, none, 'requestAppeal')?.reason?.code).toBe('CASE_APPEAL_NOT_PROVIDED');
    const closed = notified({
      windows: { review: false, appeal: false },
      windowEnds: { review: '2026-12-02', appeal: '2026-12-02' },
    });
    const appeal = status(party, closed, 'requestAppeal');
    expect(appeal?.reason).toMatchObject({ code: 'CASE_APPEAL_WINDOW_CLOSED', date: '2026-12-02' });
    expect(appeal?.reason?.text?.zh).toBe('申诉期限已于2026年12月2日届满，不能再提出申诉。');
  });

  it('a collective review waits for the votes; a member votes on it once; none if not collective', () => {
    const requires = {
      consultation: true,
      publicity: true,
      filingUpward: true,
      collectiveReview: true,
    };
    const member = { userId: 'm', conflict: null, recused: false, voted: true };
    const c = subject({ state: 'under_review', requires, members: [member] });
    expect(status(chair, c, 'decideReview')?.reason?.code).toBe('CASE_REVIEW_VOTES_MISSING');
    const m = officer('committee_member', 'm');
    expect(status(m, c, 'voteReview')?.allowed).toBe(true);
    const voted = { ...c, members: [{ ...member, reviewVoted: true }] };
    expect(status(m, voted, 'voteReview')?.reason?.code).toBe('CASE_ALREADY_VOTED_REVIEW');
    expect(status(chair, voted, 'decideReview')?.allowed).toBe(true);
    const single = { ...c, requires: { ...requires, collectiveReview: false } };
    expect(status(m, single, 'voteReview')).toBeUndefined();
    expect(refusalReason('voteReview', 'CASE_PRECONDITION', single, m)?.code).toBe(
      'CASE_REVIEW_NOT_COLLECTIVE',
    );
  });

  it("the procedure's next step names the current step's due date", () => {
    const c = subject({ state: 'submitted', stepDueOn: '2026-12-09' });
    const next = status(officer('investigator'), c, 'completeVerification');
    expect(next?.reason?.text?.zh).toContain('办理期限至2026年12月9日');
    expect(next?.reason?.text?.en).toContain('due by 9 December 2026');
  });
});
