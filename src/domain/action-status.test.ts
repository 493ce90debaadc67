/**
 * The reasons of the declarative rules (policies.ts `actionStatuses`): which actions a user's role
 * could take on a case, and for those it cannot take now, why and from when.
 */
import { describe, expect, it } from 'vitest';
import { actionStatuses, refusal, type ActionStatus, type CaseSubject } from './policies.js';
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
