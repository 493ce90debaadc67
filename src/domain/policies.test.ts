/**
 * The full role × action × scope matrix. The expected table below is written from the procedure
 * (domain.md §5), independently of policies.ts: for each action, in a state where it is possible,
 * which roles may take it, and over which scope.
 */
import { describe, expect, it } from 'vitest';
import type { CaseState } from './case-states.js';
import {
  actionStatuses,
  CASE_ACTIONS,
  refusal,
  wouldDecideAppeal,
  type CaseAction,
  type CaseSubject,
} from './policies.js';
import { ROLES, type Actor, type Role } from './roles.js';
import type { ClearingSubject } from './clearing-conditions.js';
import type { ClearingState } from '../shared/clearings.js';

const AREA = '/p/c/x/';
const UNIT = '/p/c/x/u:1/';

/** Two departments asked: one with its own users ('dept'), one answering on paper. */
const CONSULTED = [
  { department: 'dept', answered: false, staffed: true },
  { department: 'paper', answered: false, staffed: false },
];

/** A correction with an action of the unit's and one of the official's, both open. */
const CORRECTION = (
  state: 'open' | 'submitted',
  more: Partial<NonNullable<CaseSubject['correction']>> = {},
): CaseSubject['correction'] => ({
  state: 'in_progress',
  reviewDueOn: null,
  reviewDue: false,
  actions: [
    { id: 'a1', state, ownerUnitPath: UNIT, ownerOfficialId: null, submittedBy: 'someone' },
    { id: 'a2', state, ownerUnitPath: null, ownerOfficialId: 'official-1', submittedBy: 'someone' },
  ],
  ...more,
});

/** A clearing of a determination that clears the official, found a false accusation. */
const CLEARING = (
  state: ClearingState | null,
  more: Partial<ClearingSubject> = {},
): ClearingSubject => ({
  clears: true,
  state,
  finding: state === null ? null : 'false_accusation',
  referred: false,
  ...more,
});

/** A state in which each action is possible, and any further case conditions it needs. */
const SETUP: Record<CaseAction, { state: CaseState; subject?: Partial<CaseSubject> }> = {
  read: { state: 'verification' },
  accept: { state: 'submitted' },
  refuse: { state: 'submitted' },
  withdraw: { state: 'submitted' },
  recordFact: { state: 'verification' },
  addEvidence: { state: 'verification' },
  recordStatement: { state: 'verification' },
  assess: { state: 'verification' },
  completeVerification: { state: 'verification' },
  requestConsultation: { state: 'verification' },
  recordOpinion: { state: 'consultation', subject: { consultations: CONSULTED } },
  answerConsultation: { state: 'consultation', subject: { consultations: CONSULTED } },
  completeConsultation: { state: 'consultation' },
  addMember: { state: 'deliberation' },
  declareConflict: { state: 'deliberation' },
  vote: { state: 'deliberation' },
  decide: { state: 'deliberation' },
  notify: { state: 'determined' },
  startPublicity: { state: 'notified' },
  endPublicity: { state: 'publicity' },
  fileUpward: { state: 'notified' },
  requestReview: { state: 'notified', subject: { challengeWindowOpen: true } },
  requestAppeal: { state: 'notified', subject: { challengeWindowOpen: true } },
  decideReview: { state: 'under_review' },
  decideAppeal: { state: 'under_appeal' },
  voteReview: {
    state: 'under_review',
    subject: {
      requires: { consultation: true, publicity: true, filingUpward: true, collectiveReview: true },
    },
  },
  close: { state: 'filed', subject: { challengeWindowOpen: false, filedUpward: true } },
  suspend: { state: 'verification' },
  resume: { state: 'verification', subject: { suspended: true } },
  requestExtension: { state: 'verification' },
  decideExtension: { state: 'verification' },
  issueDocument: { state: 'notified' },
  issueCorrection: { state: 'notified', subject: { correction: null } },
  addCorrectionActions: { state: 'filed', subject: { correction: CORRECTION('open') } },
  submitCorrection: { state: 'closed', subject: { correction: CORRECTION('open') } },
  verifyCorrection: { state: 'closed', subject: { correction: CORRECTION('submitted') } },
  reviewCorrection: {
    state: 'closed',
    subject: {
      correction: CORRECTION('submitted', {
        state: 'awaiting_review',
        reviewDueOn: '2026-01-01',
        reviewDue: true,
      }),
    },
  },
  recordTalk: { state: 'notified' },
  drawVisit: { state: 'closed', subject: { followUp: { inImpactPeriod: true, visit: null } } },
  recordVisit: {
    state: 'closed',
    subject: { followUp: { inImpactPeriod: true, visit: 'scheduled' } },
  },
  reportVisit: { state: 'filed', subject: { followUp: { inImpactPeriod: false, visit: 'done' } } },
  recordClearing: { state: 'determined', subject: { clearing: CLEARING(null) } },
  issueClearingNotice: { state: 'notified', subject: { clearing: CLEARING('recorded') } },
  publicizeClearing: { state: 'filed', subject: { clearing: CLEARING('notice_issued') } },
  closeClearing: { state: 'closed', subject: { clearing: CLEARING('notice_issued') } },
  referAccuser: { state: 'closed', subject: { clearing: CLEARING('recorded') } },
  recordCircumstances: {
    state: 'verification',
    subject: { matter: { status: 'open', referred: false } },
  },
  recordReferral: {
    state: 'closed',
    subject: { matter: { status: 'concluded', referred: false } },
  },
};

type Who = Role | 'party' | 'member';
/** Who may take each action when the case is in their scope ('above' = only from a higher level). */
const EXPECTED: Record<CaseAction, readonly Who[]> = {
  read: [
    'party',
    'unit_party',
    'intake',
    'investigator',
    'committee_member',
    'committee_chair',
    'org_liaison',
    'auditor',
  ],
  accept: ['intake'],
  refuse: ['intake'],
  withdraw: ['party'],
  recordFact: ['investigator'],
  addEvidence: ['party', 'investigator'],
  recordStatement: ['party'],
  assess: ['investigator'],
  completeVerification: ['investigator'],
  requestConsultation: ['investigator'],
  recordOpinion: ['investigator'],
  answerConsultation: ['consultee'],
  completeConsultation: ['investigator'],
  addMember: ['committee_chair'],
  declareConflict: ['member'],
  vote: ['member'],
  decide: ['committee_chair'],
  notify: ['intake', 'committee_chair'],
  startPublicity: ['org_liaison'],
  endPublicity: ['org_liaison'],
  fileUpward: ['org_liaison'],
  requestReview: ['party'],
  requestAppeal: ['party'],
  decideReview: ['committee_chair'],
  decideAppeal: [],
  voteReview: ['member'],
  close: ['intake', 'org_liaison'],
  suspend: ['intake', 'investigator'],
  resume: ['intake', 'investigator'],
  requestExtension: ['intake', 'investigator'],
  decideExtension: ['committee_chair'],
  issueDocument: ['intake', 'committee_chair', 'org_liaison'],
  issueCorrection: ['committee_chair'],
  addCorrectionActions: ['committee_chair', 'org_liaison'],
  // The owners of its actions: the unit's party organization and the official concerned.
  submitCorrection: ['unit_party', 'party'],
  verifyCorrection: ['org_liaison', 'committee_chair'],
  reviewCorrection: ['committee_chair'],
  recordTalk: ['org_liaison', 'committee_chair'],
  drawVisit: ['org_liaison'],
  recordVisit: ['org_liaison'],
  reportVisit: ['org_liaison'],
  // The organization department's liaison or the chair records, decides on publicity, closes; the
  // deciding body's own chair issues the notice and refers a false accusation on.
  recordClearing: ['org_liaison', 'committee_chair'],
  issueClearingNotice: ['committee_chair'],
  publicizeClearing: ['org_liaison', 'committee_chair'],
  closeClearing: ['org_liaison', 'committee_chair'],
  referAccuser: ['committee_chair'],
  recordCircumstances: ['intake', 'investigator'],
  recordReferral: ['intake', 'investigator'],
};
/**
 * A grant over a jurisdiction covers its whole subtree, so an officer of a higher level may act on
 * the cases below — except a review, which only the deciding body itself decides, while an appeal
 * is decided only from above.
 */
function expectedFromAbove(action: CaseAction): readonly Who[] {
  // The deciding body itself issues the correction opinion and reviews its effectiveness.
  // So do the clearing notice and the referral of a false accusation.
  if (
    action === 'decideReview' ||
    action === 'issueCorrection' ||
    action === 'reviewCorrection' ||
    action === 'issueClearingNotice' ||
    action === 'referAccuser'
  ) {
    return [];
  }
  if (action === 'decideAppeal') return ['committee_chair'];
  return EXPECTED[action];
}

function subject(action: CaseAction, extra: Partial<CaseSubject> = {}): CaseSubject {
  const s = SETUP[action];
  return {
    state: s.state,
    jurisdictionPath: AREA,
    unitPath: UNIT,
    officialId: 'official-1',
    applicantUserId: null,
    members: [
      { userId: 'member-user', conflict: null, recused: false, voted: false },
      { userId: 'voter', conflict: null, recused: false, voted: true },
    ],
    requires: { consultation: true, publicity: true, filingUpward: true },
    challengeWindowOpen: false,
    filedUpward: false,
    publicityDone: false,
    suspended: false,
    ...s.subject,
    ...extra,
  };
}

function actor(role: Role, scopePath: string, userId = `${role}-user`): Actor {
  const scopeKind = role === 'unit_party' ? 'unit' : role === 'official' ? 'self' : 'jurisdiction';
  return {
    userId,
    username: userId,
    displayName: userId,
    officialId: null,
    grants: [
      {
        role,
        scopeKind,
        scopeId: 'x',
        scopePath: scopeKind === 'self' ? '' : scopePath,
        ...(role === 'consultee' ? { department: 'dept' } : {}),
      },
    ],
  };
}

const PARTY: Actor = {
  userId: 'official-user',
  username: 'official',
  displayName: 'official',
  officialId: 'official-1',
  grants: [{ role: 'official', scopeKind: 'self', scopeId: '', scopePath: '' }],
};

describe('the role × action × scope matrix', () => {
  for (const action of CASE_ACTIONS) {
    // Voting and declaring a conflict belong to the deliberation's members, whatever their role.
    const byMembers = action === 'vote' || action === 'declareConflict' || action === 'voteReview';
    describe(action, () => {
      for (const role of ROLES) {
        const own = role === 'unit_party' ? UNIT : AREA;
        const userId = byMembers ? 'member-user' : undefined;
        const expected = byMembers || EXPECTED[action].includes(role);
        it(`${role} over the case's own scope: ${expected ? 'allowed' : 'refused'}`, () => {
          expect(refusal(actor(role, own, userId), action, subject(action)) === null).toBe(
            expected,
          );
        });
        it(`${role} over another subtree: refused`, () => {
          if (byMembers || role === 'official') return; // membership and self are not scoped by path
          const elsewhere = actor(role, role === 'unit_party' ? '/p/c/x/u:2/' : '/p/c/y/');
          expect(refusal(elsewhere, action, subject(action))).not.toBeNull();
        });
        if (role !== 'unit_party' && role !== 'official' && !byMembers) {
          const fromAbove = expectedFromAbove(action).includes(role);
          it(`${role} over the level above: ${fromAbove ? 'allowed' : 'refused'}`, () => {
            expect(refusal(actor(role, '/p/c/'), action, subject(action)) === null).toBe(fromAbove);
          });
        }
      }
      it(`the official concerned: ${EXPECTED[action].includes('party') ? 'allowed' : 'refused'}`, () => {
        expect(refusal(PARTY, action, subject(action)) === null).toBe(
          EXPECTED[action].includes('party'),
        );
      });
    });
  }
});

describe('consulted departments', () => {
  const officer = actor('consultee', AREA);
  const asked = (consultations: CaseSubject['consultations']) =>
    subject('answerConsultation', { consultations });

  it('a department officer reads only the cases their department was asked about', () => {
    expect(refusal(officer, 'read', asked(CONSULTED))).toBeNull();
    expect(refusal(officer, 'read', asked([CONSULTED[1]!]))).toBe('CASE_OUT_OF_SCOPE');
    expect(refusal(officer, 'read', subject('read'))).toBe('CASE_OUT_OF_SCOPE');
    expect(refusal(actor('consultee', '/p/c/y/'), 'read', asked(CONSULTED))).toBe(
      'CASE_OUT_OF_SCOPE',
    );
  });

  it('answers once: an answered request is not answered again, and says why', () => {
    const answered = asked([{ department: 'dept', answered: true, staffed: true }]);
    expect(refusal(officer, 'answerConsultation', answered)).toBe('CASE_PRECONDITION');
    const [status] = actionStatuses(officer, answered);
    expect(status?.reason?.code).toBe('CONSULTATION_ANSWERED');
  });

  it('the investigator transcribes only for a department with no user of its own', () => {
    const investigator = actor('investigator', AREA);
    const staffedOnly = asked([CONSULTED[0]!]);
    expect(refusal(investigator, 'recordOpinion', staffedOnly)).toBe('CASE_PRECONDITION');
    const status = actionStatuses(investigator, staffedOnly).find(
      (s) => s.action === 'recordOpinion',
    );
    expect(status?.reason?.code).toBe('CONSULTATION_DEPARTMENT_SIGNS');
    expect(refusal(investigator, 'recordOpinion', asked(CONSULTED))).toBeNull();
    // Not loaded: no consultation rule holds.
    expect(refusal(investigator, 'recordOpinion', asked(undefined))).toBe('CASE_PRECONDITION');
  });
});

describe('conflicts and parties', () => {
  it('a conflicted or recused member may neither vote nor decide', () => {
    const chair = actor('committee_chair', AREA, 'member-user');
    const conflicted = subject('vote', {
      members: [
        { userId: 'member-user', conflict: '与当事人系近亲属', recused: true, voted: false },
      ],
    });
    expect(refusal(chair, 'vote', conflicted)).toBe('CASE_CONFLICTED');
    expect(
      refusal(chair, 'decide', {
        ...conflicted,
        members: [
          ...conflicted.members,
          { userId: 'v', conflict: null, recused: false, voted: true },
        ],
      }),
    ).toBe('CASE_CONFLICTED');
  });

  it('the official concerned never acts as an officer on their own case, whatever roles they hold', () => {
    const both: Actor = {
      ...PARTY,
      grants: [
        ...PARTY.grants,
        { role: 'committee_chair', scopeKind: 'jurisdiction', scopeId: 'x', scopePath: AREA },
      ],
    };
    expect(refusal(both, 'decide', subject('decide'))).toBe('CASE_PARTY');
    const seated = subject('vote', {
      members: [{ userId: 'official-user', conflict: null, recused: false, voted: false }],
    });
    expect(refusal(both, 'vote', seated)).toBe('CASE_CONFLICTED');
  });

  it('distinguishes a missing role, the wrong scope and the wrong state', () => {
    expect(refusal(actor('investigator', AREA), 'accept', subject('accept'))).toBe(
      'CASE_ROLE_REQUIRED',
    );
    expect(refusal(actor('intake', '/p/c/y/'), 'accept', subject('accept'))).toBe(
      'CASE_OUT_OF_SCOPE',
    );
    expect(
      refusal(actor('intake', AREA), 'accept', subject('accept', { state: 'verification' })),
    ).toBe('CASE_WRONG_STATE');
    expect(
      refusal(PARTY, 'requestReview', subject('requestReview', { challengeWindowOpen: false })),
    ).toBe('CASE_PRECONDITION');
  });
});

describe('review and appeal', () => {
  const chair = actor('committee_chair', AREA, 'member-user');
  const collective = {
    consultation: true,
    publicity: true,
    filingUpward: true,
    collectiveReview: true,
  };

  it('a determination reviewed (or made on review or appeal) is not reviewed again; the appeal stays open', () => {
    const reviewed = { reviewed: true };
    expect(refusal(PARTY, 'requestReview', subject('requestReview', reviewed))).toBe(
      'CASE_PRECONDITION',
    );
    expect(refusal(PARTY, 'requestAppeal', subject('requestAppeal', reviewed))).toBeNull();
  });

  it('each window on its own: the review window closed, the appeal window open', () => {
    const windows = { windows: { review: false, appeal: true } };
    expect(refusal(PARTY, 'requestReview', subject('requestReview', windows))).toBe(
      'CASE_PRECONDITION',
    );
    expect(refusal(PARTY, 'requestAppeal', subject('requestAppeal', windows))).toBeNull();
  });

  it('a collective review: the sitting members vote once each, and the chair decides after a vote', () => {
    const noVotes = subject('decideReview', {
      requires: collective,
      members: [{ userId: 'member-user', conflict: null, recused: false, voted: true }],
    });
    expect(refusal(chair, 'decideReview', noVotes)).toBe('CASE_PRECONDITION');
    expect(refusal(chair, 'voteReview', noVotes)).toBeNull();
    const voted = {
      ...noVotes,
      members: [
        { userId: 'member-user', conflict: null, recused: false, voted: true, reviewVoted: true },
      ],
    };
    expect(refusal(chair, 'decideReview', voted)).toBeNull();
    expect(refusal(chair, 'voteReview', voted)).toBe('CASE_PRECONDITION');
  });

  it('a review decided by the chair alone has no vote', () => {
    const alone = subject('voteReview', {
      requires: { consultation: true, publicity: true, filingUpward: true },
    });
    expect(refusal(actor('committee_member', AREA, 'member-user'), 'voteReview', alone)).toBe(
      'CASE_PRECONDITION',
    );
    expect(refusal(chair, 'decideReview', { ...alone, state: 'under_review' })).toBeNull();
  });

  it('who would decide an appeal: a chair strictly above the case, not a member above nor the own chair', () => {
    const c = { jurisdictionPath: AREA };
    expect(wouldDecideAppeal(actor('committee_chair', '/p/c/').grants, c)).toBe(true);
    expect(wouldDecideAppeal(actor('committee_chair', AREA).grants, c)).toBe(false);
    expect(wouldDecideAppeal(actor('committee_member', '/p/c/').grants, c)).toBe(false);
    expect(wouldDecideAppeal(actor('committee_chair', '/p/c/y/').grants, c)).toBe(false);
  });
});

describe('follow-up visits (回访)', () => {
  const liaison = actor('org_liaison', AREA);
  const visit = (v: 'scheduled' | 'done' | 'reported' | null, inImpactPeriod = true): CaseSubject =>
    subject('drawVisit', { followUp: { inImpactPeriod, visit: v } });

  it('a case is drawn once, while its impact period runs; recorded once; reported once recorded', () => {
    expect(refusal(liaison, 'drawVisit', visit(null))).toBeNull();
    expect(refusal(liaison, 'drawVisit', visit(null, false))).toBe('CASE_PRECONDITION');
    expect(refusal(liaison, 'drawVisit', visit('scheduled'))).toBe('CASE_PRECONDITION');
    expect(refusal(liaison, 'recordVisit', visit('scheduled'))).toBeNull();
    expect(refusal(liaison, 'recordVisit', visit('done'))).toBe('CASE_PRECONDITION');
    expect(refusal(liaison, 'reportVisit', visit('scheduled'))).toBe('CASE_PRECONDITION');
    expect(refusal(liaison, 'reportVisit', visit('done'))).toBeNull();
    expect(refusal(liaison, 'reportVisit', visit('reported'))).toBe('CASE_PRECONDITION');
    expect(refusal(liaison, 'recordVisit', { ...visit('scheduled'), state: 'deliberation' })).toBe(
      'CASE_WRONG_STATE',
    );
  });

  it('are no task in the action box: where the visit is not loaded, they are left out quietly', () => {
    const plain = subject('close');
    expect(refusal(liaison, 'recordVisit', plain)).toBe('CASE_PRECONDITION');
    const tasks = actionStatuses(liaison, plain).map((x) => x.action);
    expect(tasks).not.toContain('drawVisit');
    expect(tasks).not.toContain('recordVisit');
    expect(tasks).not.toContain('reportVisit');
    const reasons = actionStatuses(liaison, visit('scheduled'));
    expect(reasons.find((x) => x.action === 'reportVisit')?.reason?.code).toBe(
      'VISIT_NOT_RECORDED',
    );
  });
});

describe('name clearing (澄清正名)', () => {
  const liaison = actor('org_liaison', AREA);
  const chair = actor('committee_chair', AREA);
  const at = (
    state: CaseState,
    clearing: ClearingSubject | undefined,
    action: CaseAction = 'recordClearing',
  ): CaseSubject => ({ ...subject(action, { state }), clearing });

  it('is recorded once, only when the determination in force clears the official', () => {
    expect(refusal(liaison, 'recordClearing', at('notified', CLEARING(null)))).toBeNull();
    const notCleared = at('notified', CLEARING(null, { clears: false }));
    expect(refusal(liaison, 'recordClearing', notCleared)).toBe('CASE_PRECONDITION');
    expect(refusal(liaison, 'recordClearing', at('notified', CLEARING('recorded')))).toBe(
      'CASE_PRECONDITION',
    );
    expect(refusal(liaison, 'recordClearing', at('deliberation', CLEARING(null)))).toBe(
      'CASE_WRONG_STATE',
    );
    // Not loaded: no clearing rule holds, and the action box leaves it out.
    expect(refusal(liaison, 'recordClearing', at('notified', undefined))).toBe('CASE_PRECONDITION');
    expect(actionStatuses(liaison, notCleared).map((x) => x.action)).not.toContain(
      'recordClearing',
    );
  });

  it('the notice waits for the notification, and is issued once, while the outcome still clears', () => {
    expect(refusal(chair, 'issueClearingNotice', at('determined', CLEARING('recorded')))).toBe(
      'CASE_WRONG_STATE',
    );
    expect(refusal(chair, 'issueClearingNotice', at('under_review', CLEARING('recorded')))).toBe(
      'CASE_WRONG_STATE',
    );
    expect(refusal(chair, 'issueClearingNotice', at('notified', CLEARING('notice_issued')))).toBe(
      'CASE_PRECONDITION',
    );
    const changed = at('notified', CLEARING('recorded', { clears: false }));
    expect(refusal(chair, 'issueClearingNotice', changed)).toBe('CASE_PRECONDITION');
    expect(
      actionStatuses(chair, changed).find((x) => x.action === 'issueClearingNotice')?.reason?.code,
    ).toBe('CLEARING_OUTCOME_CHANGED');
  });

  it('publicity is decided once, after the notice: made public or closed', () => {
    const recorded = at('filed', CLEARING('recorded'));
    expect(refusal(liaison, 'publicizeClearing', recorded)).toBe('CASE_PRECONDITION');
    expect(
      actionStatuses(liaison, recorded).find((x) => x.action === 'publicizeClearing')?.reason?.code,
    ).toBe('CLEARING_NOTICE_FIRST');
    for (const done of ['publicized', 'closed'] as const) {
      expect(refusal(liaison, 'publicizeClearing', at('filed', CLEARING(done)))).toBe(
        'CASE_PRECONDITION',
      );
      expect(refusal(liaison, 'closeClearing', at('filed', CLEARING(done)))).toBe(
        'CASE_PRECONDITION',
      );
    }
  });

  it('only a false accusation is referred on, once, from the recording on', () => {
    expect(refusal(chair, 'referAccuser', at('determined', CLEARING('recorded')))).toBeNull();
    expect(refusal(chair, 'referAccuser', at('closed', CLEARING('publicized')))).toBeNull();
    const untrue = at('closed', CLEARING('recorded', { finding: 'untrue' }));
    expect(refusal(chair, 'referAccuser', untrue)).toBe('CASE_PRECONDITION');
    const referred = at('closed', CLEARING('recorded', { referred: true }));
    expect(refusal(chair, 'referAccuser', referred)).toBe('CASE_PRECONDITION');
    expect(refusal(chair, 'referAccuser', at('closed', CLEARING(null)))).toBe('CASE_PRECONDITION');
  });
});

describe('accountability linkage (问责衔接)', () => {
  const investigator = actor('investigator', AREA);
  const auditor = actor('auditor', AREA);
  const withMatter = (
    m: CaseSubject['matter'],
    state: CaseState = 'verification',
  ): CaseSubject => ({
    ...subject('recordCircumstances', { matter: m }),
    state,
  });
  const open = { status: 'open' as const, referred: false };

  it('circumstances and a referral are recorded on a case with a matter, at any stage; once referred, not again', () => {
    expect(refusal(investigator, 'recordCircumstances', withMatter(open))).toBeNull();
    expect(refusal(investigator, 'recordReferral', withMatter(open, 'closed'))).toBeNull();
    const referred = withMatter({ status: 'referred', referred: true }, 'notified');
    expect(refusal(investigator, 'recordReferral', referred)).toBe('CASE_PRECONDITION');
    expect(refusal(investigator, 'recordCircumstances', referred)).toBeNull();
    const reason = actionStatuses(investigator, referred).find(
      (x) => x.action === 'recordReferral',
    );
    expect(reason).toBeUndefined();
  });

  it('an application has no matter: nothing to record, and no task in the action box', () => {
    for (const m of [null, undefined]) {
      const c = withMatter(m);
      expect(refusal(investigator, 'recordCircumstances', c)).toBe('CASE_PRECONDITION');
      expect(refusal(investigator, 'recordReferral', c)).toBe('CASE_PRECONDITION');
      const tasks = actionStatuses(investigator, c).map((x) => x.action);
      expect(tasks).not.toContain('recordCircumstances');
      expect(tasks).not.toContain('recordReferral');
    }
  });

  it('auditors read the case and its matter but record nothing', () => {
    expect(refusal(auditor, 'read', withMatter(open))).toBeNull();
    expect(refusal(auditor, 'recordCircumstances', withMatter(open))).toBe('CASE_ROLE_REQUIRED');
    expect(refusal(auditor, 'recordReferral', withMatter(open))).toBe('CASE_ROLE_REQUIRED');
  });
});
