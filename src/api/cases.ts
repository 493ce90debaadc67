/**
 * Cases as the API shows them: one line of the work queue (CaseSummary), the case file
 * (CaseView, GET /api/cases/:id), what a transition answers, and the requests that open a case.
 * The presenters are src/app/queries/case-view.ts and case-list.ts.
 */
import { CorrectionView, TalkView } from './correction-views.js';
import { ClearingView } from './clearing-views.js';
import { CIRCUMSTANCE_FIELDS, MatterView } from './matter-views.js';
import { CASE_STATES, ROUTES, STEP_LABEL } from '../domain/case-states.js';
import { CASE_ACTIONS, type CaseAction } from '../domain/policies.js';
import { MATTER_SOURCES } from '../shared/case.js';
import { POST_FILTER_MAX, TEXT_LIMITS } from '../shared/limits.js';
import {
  Count,
  DateString,
  DateTime,
  FactValue,
  Facts,
  I18nText,
  List,
  Locale,
  Nullable,
  Obj,
  PAGING,
  PersonRef,
  Ref,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';
import { ClosingBlock, DocumentTypeName } from './document-parts.js';

export const CaseState = StringEnum(CASE_STATES);
/** How the case was opened; typed as a string as the presenters hand it out. */
export const CaseRoute = Type.Unsafe<string>({ type: 'string', enum: [...ROUTES] });
export const DueStatus = StringEnum(['overdue', 'due_soon', 'on_time'] as const);
export type DueStatus = Static<typeof DueStatus>;

const NamedPlace = Obj({ id: Type.String(), name: I18nText });

/** For each action on the case, whether the signed-in user may take it now. */
export const CaseAbilities = Obj(
  Object.fromEntries(CASE_ACTIONS.map((a) => [a, Type.Boolean()])) as Record<
    (typeof CASE_ACTIONS)[number],
    ReturnType<typeof Type.Boolean>
  >,
  { description: 'For each action, whether the signed-in user may take it now.' },
);

/** The actions, without 'read': what a task names. */
export const CaseTaskAction = StringEnum(
  CASE_ACTIONS.filter((a): a is Exclude<CaseAction, 'read'> => a !== 'read'),
);

/** Why an action waits: a stable code, the reason in words, and the date it becomes possible. */
export const TaskReason = Obj({
  code: Type.String({
    description:
      'Stable: CASE_WRONG_STATE (the next step), CASE_PRECONDITION, CASE_CONFLICTED, or the named condition that is not met (CASE_SUSPENDED, CASE_CHALLENGE_WINDOW_OPEN, CASE_NOT_FILED_UPWARD, …).',
  }),
  text: I18nText,
  date: Nullable(DateString, {
    description: 'The day the action becomes possible, where the case’s dates say; else null.',
  }),
});
export type TaskReason = Static<typeof TaskReason>;

/** An action the user's role could take on this case: allowed now, or not now and why. */
export const CaseTask = Obj({
  action: CaseTaskAction,
  allowed: Type.Boolean(),
  reason: Nullable(TaskReason, { description: 'Null when allowed.' }),
});
export type CaseTask = Static<typeof CaseTask>;

export const CaseFact = Obj({
  fact: Type.String(),
  // The stored value as recorded (the pack's vocabulary checks it): typed loosely for readers.
  value: Type.Unsafe<unknown>({
    ...FactValue,
    description: 'The value; null: explicitly unknown.',
  }),
  source: Type.String(),
  note: Type.String(),
  recordedAt: DateTime,
  recordedBy: Nullable(PersonRef),
  evidenceIds: List(Uuid),
});
export type CaseFact = Static<typeof CaseFact>;

export const EvidenceFile = Obj({
  id: Uuid,
  filename: Type.String(),
  mediaType: Type.String(),
  description: Type.String(),
  size: Count,
  sha256: Type.String(),
  uploadedAt: DateTime,
  uploadedBy: Nullable(PersonRef),
  withdrawn: Nullable(
    Obj(
      { at: DateTime, by: Nullable(PersonRef), reason: Type.String() },
      { description: 'Withdrawn by its uploader (uploaded by mistake); kept, not active.' },
    ),
  ),
});
export type EvidenceFile = Static<typeof EvidenceFile>;

export const Statement = Obj({
  id: Uuid,
  text: Type.String(),
  madeAt: DateTime,
  madeBy: Nullable(PersonRef),
});
export type Statement = Static<typeof Statement>;

export const Assessment = Obj({
  element: Type.String(),
  label: Nullable(I18nText),
  rating: Type.String(),
  notes: Type.String(),
  assessedAt: DateTime,
  assessedBy: Nullable(PersonRef),
});
export type Assessment = Static<typeof Assessment>;

export const Consultation = Obj({
  id: Uuid,
  department: Type.String(),
  requestedAt: DateTime,
  responded: Type.Boolean(),
  respondedAt: Nullable(DateTime),
  opinion: Type.Optional(
    Nullable(Type.String(), { description: "Officers, and the department's own officer." }),
  ),
  respondedBy: Type.Optional(
    Nullable(PersonRef, {
      description:
        'Who signed the opinion: the department’s own officer, or the investigator who transcribed it.',
    }),
  ),
  transcribed: Type.Optional(
    Nullable(Obj({ replyReference: Type.String(), replyDate: DateString }), {
      description:
        'Transcribed by the investigator from the department’s written reply (据书面复函录入): its reference and date.',
    }),
  ),
  staffed: Type.Optional(
    Type.Boolean({ description: 'The department has users of its own, who sign its opinion.' }),
  ),
  canAnswer: Type.Boolean({ description: "The viewer may answer it now: their department's." }),
  canTranscribe: Type.Boolean({
    description: 'The viewer may transcribe its written reply now (a department with no users).',
  }),
});
export type Consultation = Static<typeof Consultation>;

/** A member of the deliberating panel. Officers get the conflict and vote fields; parties do not. */
export const CaseMember = Obj({
  user: PersonRef,
  isChair: Type.Boolean(),
  recused: Type.Boolean(),
  conflict: Type.Optional(Nullable(Type.String(), { description: 'Officers only.' })),
  voted: Type.Optional(Type.Boolean()),
  vote: Type.Optional(Nullable(Type.String())),
  voteReason: Type.Optional(Type.String()),
  votedAt: Type.Optional(Nullable(DateTime)),
  reviewVoted: Type.Optional(Type.Boolean({ description: 'Officers only: voted on the review.' })),
  reviewVote: Type.Optional(Nullable(Type.String())),
  reviewVoteReason: Type.Optional(Type.String()),
  reviewVotedAt: Type.Optional(Nullable(DateTime)),
});
export type CaseMember = Static<typeof CaseMember>;

const Labelled = Obj({ id: Type.String(), label: I18nText });

/** How a determination's outcome is applied to the official (结果运用), as the pack said it. */
export const ResultApplied = Obj({
  pack: Obj({ id: Type.String(), version: Type.String() }),
  unaffected: List(Labelled, { description: 'Matters the determination leaves unaffected.' }),
  impactPeriod: Nullable(
    Obj({
      months: Type.Integer(),
      endsOn: DateString,
      basis: Nullable(Type.String({ description: 'Clause id.' })),
    }),
  ),
  correction: Nullable(
    Obj({
      kinds: List(Labelled),
      within: Nullable(
        Obj({
          days: Type.Integer(),
          unit: StringEnum(['working', 'calendar'] as const),
          basis: Type.Optional(Type.String()),
          note: Type.Optional(I18nText),
        }),
      ),
    }),
  ),
  basis: List(Type.String(), { description: 'Clause ids.' }),
  note: Nullable(I18nText),
});
export type ResultApplied = Static<typeof ResultApplied>;

export const Determination = Obj({
  id: Uuid,
  inForce: Type.Boolean(),
  outcome: Type.String(),
  outcomeLabel: Nullable(I18nText),
  recommendedOutcome: Type.String(),
  recommendedOutcomeLabel: Nullable(I18nText),
  recommended: List(Obj({ id: Type.String(), label: Nullable(I18nText) }), {
    description:
      'The recommended band the committee decided against, most favourable first (one outcome where the rules name one; empty when undetermined).',
  }),
  departs: Type.Boolean({
    description: 'Decided outside the recommended band, with departure reasons.',
  }),
  departureReasons: Type.String(),
  documentNumber: Type.String(),
  decidedOn: DateString,
  basis: Type.String(),
  supersedesId: Nullable(Uuid),
  application: Nullable(ResultApplied),
  minutes: Type.Optional(Type.String({ description: 'Officers only.' })),
});
export type Determination = Static<typeof Determination>;

export const Challenge = Obj({
  id: Uuid,
  kind: Type.String(),
  determinationId: Uuid,
  grounds: Type.String(),
  filedOn: DateString,
  filedBy: Nullable(PersonRef),
  dueOn: Nullable(DateString),
  status: Type.String(),
  resultDeterminationId: Nullable(Uuid),
  decidedAt: Nullable(DateTime),
  decidedOn: Nullable(DateString),
  decidedBy: Nullable(PersonRef),
  reasons: Type.String({ description: 'The decision’s reasons (empty while pending).' }),
  outcome: Nullable(Type.String({ description: 'The outcome in force after the decision.' })),
  outcomeLabel: Nullable(I18nText),
  previousOutcome: Nullable(Type.String()),
  previousOutcomeLabel: Nullable(I18nText),
  collective: Type.Boolean({ description: 'Decided by the panel’s vote (a collective review).' }),
  votes: Type.Optional(
    Nullable(
      Obj(
        {
          tally: Type.Record(Type.String(), Type.Integer()),
          sitting: Type.Integer(),
          needed: Type.Integer(),
          members: List(
            Obj({
              user: Nullable(PersonRef),
              vote: Type.String(),
              voteLabel: Nullable(I18nText),
              reason: Type.String(),
              votedAt: Nullable(DateTime),
            }),
          ),
        },
        { description: 'Officers only: the votes of a collective review.' },
      ),
    ),
  ),
  publicity: Nullable(
    Obj(
      {
        suspendedOn: DateString,
        dueOn: Nullable(DateString, { description: 'Its last day when it stopped.' }),
        daysLeft: Nullable(Type.Integer({ minimum: 0 })),
        unit: Nullable(StringEnum(['working', 'calendar'] as const)),
        resumedOn: Nullable(DateString),
        resumedDueOn: Nullable(DateString),
      },
      {
        description:
          'The publicity running when the challenge was asked for: suspended, and resumed with the days it had left when the determination is upheld (a changed determination is publicized afresh).',
      },
    ),
  ),
});
export type Challenge = Static<typeof Challenge>;

/** The review and appeal windows, counted from the notification of the decision in force. */
export const ChallengeWindows = Obj({
  notifiedOn: Nullable(DateString, { description: 'The day the decision in force was notified.' }),
  reviewUntil: Nullable(DateString, {
    description: 'Last day to ask for review; null before notification or if none is provided.',
  }),
  appealUntil: Nullable(DateString, {
    description: 'Last day to appeal; null before notification or if none is provided.',
  }),
  reviewed: Type.Boolean({
    description:
      'The determination in force was reviewed, or made on review or appeal: it is not reviewed again (an appeal is the route).',
  }),
});
export type ChallengeWindows = Static<typeof ChallengeWindows>;

export const Suspension = Obj({
  id: Uuid,
  step: Type.String(),
  from: DateString,
  to: Nullable(DateString, {
    description:
      'Last suspended day; null while it runs. Before `from` when lifted the day it began.',
  }),
  ongoing: Type.Boolean(),
  reason: Type.String(),
});
export type Suspension = Static<typeof Suspension>;

export const Extension = Obj({
  id: Uuid,
  step: Type.String(),
  days: Type.Integer(),
  reason: Type.String(),
  status: Type.String(),
  requestedAt: DateTime,
  requestedBy: Nullable(PersonRef),
  decidedAt: Nullable(DateTime),
  decidedBy: Nullable(PersonRef),
});
export type Extension = Static<typeof Extension>;

export const CaseEvent = Obj({
  seq: Type.Integer(),
  type: Type.String(),
  step: Type.String(),
  at: DateTime,
  actor: Nullable(PersonRef),
  reason: Type.String(),
  from: Type.Optional(Type.Unsafe<string>({ ...CaseState, description: 'The state before.' })),
  to: Type.Optional(Type.Unsafe<string>({ ...CaseState, description: 'The state after.' })),
  payload: Type.Optional(
    Type.Unsafe<unknown>({
      $ref: 'JsonValue#',
      description: 'Officers only: what the event recorded, as the audit trail holds it.',
    }),
  ),
});
export type CaseEvent = Static<typeof CaseEvent>;

const CASE_DESCRIPTION =
  "A case as the signed-in user may see it: its number, state, step clock, facts, evidence, statements, assessments, consultations, members, determinations, challenges, suspensions, extensions and event trail, `abilities`, the actions the user may take now, and `tasks`, the actions their role could take with why each waits. `view` is 'full' for officers and 'party' for the parties, who do not see votes, opinions, minutes or internal events; 'consultee' for a consulted department's officer, who sees the facts, evidence, statements, assessment and their own department's requests only.";

/** A case as getCase presents it (src/app/queries/case-view.ts). */
export const CaseView = Obj(
  {
    id: Uuid,
    number: Type.String({ examples: ['X新容申〔2025〕1号'] }),
    title: Type.String(),
    summary: Type.String(),
    state: CaseState,
    stateLabel: I18nText,
    route: CaseRoute,
    official: Obj({
      id: Uuid,
      name: Type.String(),
      position: I18nText,
      unit: Obj({ id: Uuid, name: I18nText }),
    }),
    jurisdiction: NamedPlace,
    conductDate: DateString,
    accountabilityNotifiedOn: Nullable(DateString, {
      description:
        'The day the official was notified of the accountability decision, as the application gave it (the application window counts from it).',
    }),
    packId: Type.String(),
    packVersion: Nullable(Type.String()),
    step: Type.String(),
    stepLabel: I18nText,
    stepStartedOn: DateString,
    stepDueOn: Nullable(DateString),
    stepDueProvisional: Type.Boolean({
      description: 'The due date counts days of a year whose official calendar is not out yet.',
    }),
    dueStatus: Nullable(DueStatus),
    suspended: Type.Boolean(),
    suspendedSince: Nullable(DateString),
    version: Type.Integer({ description: 'Send back as expectedVersion when acting on it.' }),
    createdAt: DateTime,
    updatedAt: DateTime,
    closedAt: Nullable(DateTime),
    view: StringEnum(['full', 'party', 'consultee'] as const),
    jointMatterId: Nullable(Uuid, {
      description:
        'The joint matter (多人一案) the case is one official’s part of: GET /api/cases/:id/joint-matter. Null for a matter of one official, and for a consulted department.',
    }),
    matter: Nullable(MatterView),
    facts: List(CaseFact, {
      description: 'The current facts, each with its source, note, evidence and recorder.',
    }),
    evidence: List(EvidenceFile, {
      description: 'Evidence files (download each at /api/cases/{id}/evidence/{eid}).',
    }),
    statements: List(Statement, { description: "The parties' statements." }),
    assessments: List(Assessment, { description: 'The six-element assessment.' }),
    consultations: List(Consultation, {
      description: 'Departments consulted and, for officers, their opinions.',
    }),
    members: List(CaseMember, {
      description: 'Deliberation members; for officers, conflicts and votes.',
    }),
    determinations: List(Determination, {
      description: 'Determinations, the one in force marked inForce.',
    }),
    challenges: List(Challenge, { description: 'Review and appeal requests.' }),
    challengeWindows: ChallengeWindows,
    suspensions: List(Suspension, { description: 'Suspensions of the step clock.' }),
    extensions: List(Extension, { description: 'Extensions requested and decided.' }),
    events: List(CaseEvent, { description: 'The hash-chained event trail.' }),
    correction: Nullable(CorrectionView, {
      description: 'The correction (纠错) once its opinion is issued; null before.',
    }),
    talks: List(TalkView, { description: 'Talks held with the official after the decision.' }),
    clearing: Nullable(ClearingView, {
      description: 'The name clearing (澄清正名) once recorded; null before.',
    }),
    abilities: CaseAbilities,
    tasks: List(CaseTask, {
      description:
        'Every action the user’s role could take on this case, in procedure order: allowed now, or not now with the reason and, where known, the date it becomes possible.',
    }),
  },
  { $id: 'Case', description: CASE_DESCRIPTION },
);
export type CaseView = Static<typeof CaseView>;

/** One line of the case list, as listCases presents it (src/app/queries/case-list.ts). */
export const CaseSummary = Obj(
  {
    id: Uuid,
    number: Type.String(),
    title: Type.String(),
    state: CaseState,
    stateLabel: I18nText,
    route: CaseRoute,
    official: PersonRef,
    jurisdiction: NamedPlace,
    step: Type.String(),
    stepLabel: I18nText,
    stepDueOn: Nullable(DateString),
    dueStatus: Nullable(DueStatus),
    suspended: Type.Boolean(),
    version: Type.Integer(),
    updatedAt: DateTime,
    abilities: Type.Partial(CaseAbilities, {
      additionalProperties: false,
      description:
        'What the user may do from the list (the actions whose rule depends only on the case row); open the case for everything else.',
    }),
  },
  { $id: 'CaseSummary' },
);
export type CaseSummary = Static<typeof CaseSummary>;

export const CasePage = Obj({
  items: List(Ref(CaseSummary)),
  total: Type.Integer({
    minimum: 0,
    description: 'The cases that match, counted up to 1,000 (see totalCapped).',
  }),
  totalCapped: Type.Boolean({ description: 'More than `total` cases match (shown as “1,000+”).' }),
  pageSize: Type.Integer(),
  nextCursor: Nullable(
    Type.String({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  ),
});
export type CasePage = Static<typeof CasePage>;

/** The work queue's finding filters (issue 10), shared by the list and its export. */
const FINDING_QUERY = {
  idCard: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'The official’s identity card number (居民身份证号码), matched exactly; a final x is read as X. Never shown in lists.',
    }),
  ),
  unitId: Type.Optional(
    Type.String({ description: 'A unit id: its cases and those of the units under it.' }),
  ),
  post: Type.Optional(
    Type.String({
      maxLength: POST_FILTER_MAX,
      description: 'Part of the official’s post (职务), in either language.',
    }),
  ),
  appliedFrom: Type.Optional(
    Type.String({ description: 'First day (YYYY-MM-DD, China) the case was opened.' }),
  ),
  appliedTo: Type.Optional(Type.String({ description: 'Last day the case was opened.' })),
  acceptedFrom: Type.Optional(
    Type.String({ description: 'First day (YYYY-MM-DD) intake accepted the application.' }),
  ),
  acceptedTo: Type.Optional(
    Type.String({ description: 'Last day intake accepted the application.' }),
  ),
  decidedFrom: Type.Optional(
    Type.String({ description: 'First day the determination in force was made.' }),
  ),
  decidedTo: Type.Optional(
    Type.String({ description: 'Last day the determination in force was made.' }),
  ),
  outcome: Type.Optional(
    Type.String({
      maxLength: 64,
      description:
        'The outcome of the determination in force (e.g. exempted, lighter, reduced, not_tolerated; see GET /api/cases/filters).',
    }),
  ),
};

export const CaseListQuery = Obj({
  state: Type.Optional(CaseState),
  q: Type.Optional(
    Type.String({
      maxLength: TEXT_LIMITS.search.max,
      description: 'Searches the case number, the title and the official’s name.',
    }),
  ),
  due: Type.Optional(
    StringEnum(['overdue', 'due_soon'] as const, {
      description: 'Open cases past their step’s due date, or due within 3 working days.',
    }),
  ),
  route: Type.Optional(CaseRoute),
  step: Type.Optional(
    StringEnum(Object.keys(STEP_LABEL), {
      description: 'The step whose clock runs (acceptance, verification, consultation…).',
    }),
  ),
  sort: Type.Optional(
    StringEnum(['updated', 'due'] as const, {
      default: 'updated',
      description:
        'updated: newest activity first; due: nearest step due date first (no clock last).',
    }),
  ),
  cursor: Type.Optional(
    Type.String({
      maxLength: 1000,
      description: 'The nextCursor of the previous page; absent for the first page.',
    }),
  ),
  pageSize: PAGING.pageSize,
  ...FINDING_QUERY,
});

/** The list's filters without paging: what GET /api/cases/export.xlsx takes. */
export const CaseExportQuery = Obj({
  state: Type.Optional(CaseState),
  q: CaseListQuery.properties.q,
  due: CaseListQuery.properties.due,
  route: Type.Optional(CaseRoute),
  step: CaseListQuery.properties.step,
  sort: CaseListQuery.properties.sort,
  ...FINDING_QUERY,
  lang: Type.Optional(Locale),
});

/** GET /api/cases/filters: what the work queue's filter bar offers the signed-in user. */
export const CaseFilterOptions = Obj({
  units: List(
    Obj({
      id: Uuid,
      parentId: Nullable(Uuid),
      name: I18nText,
      jurisdiction: NamedPlace,
    }),
    {
      description:
        'The units inside the user’s read scope, parents before children (for a tree picker); at most `unitsLimit`.',
    },
  ),
  unitsCapped: Type.Boolean({
    description: 'More units than `unitsLimit` are in scope; pick a higher unit, or search.',
  }),
  outcomes: List(Obj({ id: Type.String(), label: I18nText }), {
    description: 'The outcomes of the ladders of the policies in force in the user’s scope.',
  }),
});
export type CaseFilterOptions = Static<typeof CaseFilterOptions>;

export const CaseIdParams = Obj({
  id: Type.String({ format: 'uuid', description: 'The case id.' }),
});

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9_.:-]{8,128}$',
      description:
        'Makes a retried creating request return the first result (200, Idempotent-Replayed: true) instead of creating twice.',
    }),
  ),
});

export const ApplicationBody = Obj({
  officialId: Uuid,
  title: Text(TEXT_LIMITS.caseTitle.max, TEXT_LIMITS.caseTitle.min, 'The matter, in a few words.'),
  summary: Text(
    TEXT_LIMITS.caseSummary.max,
    TEXT_LIMITS.caseSummary.min,
    'What happened, in the applicant’s words.',
  ),
  conductDate: Type.String({ format: 'date', description: 'When the conduct took place.' }),
  accountabilityNotifiedOn: Type.Optional(
    Type.String({
      format: 'date',
      description:
        'The day the official was notified of the accountability decision (收到问责决定之日), where one has been made: the application window of the pack’s procedure.application counts from it. Absent: the investigation is still running (or none has opened).',
    }),
  ),
  facts: Type.Optional(Facts),
});
export type ApplicationBody = Static<typeof ApplicationBody>;

export const AccountabilityMatterBody = Obj({
  officialId: Uuid,
  summary: Text(
    TEXT_LIMITS.exOfficioSummary.max,
    TEXT_LIMITS.exOfficioSummary.min,
    'The matter under accountability.',
  ),
  openedOn: Type.String({
    format: 'date',
    description: 'When the accountability investigation opened.',
  }),
  conductDate: Type.String({ format: 'date', description: 'When the conduct took place.' }),
  facts: Type.Optional(Facts),
  source: Type.Optional(
    StringEnum(MATTER_SOURCES, {
      description:
        'Where the matter came from (问题线索来源): an inspection tour, an audit, a petition or report, supervision, the media, a referral by another organ, or other. The web form always asks it.',
    }),
  ),
  sourceDetail: Type.Optional(
    Text(
      TEXT_LIMITS.matterSourceDetail.max,
      0,
      'The referral it came by, e.g. the inspection team’s feedback and its item.',
    ),
  ),
  ...CIRCUMSTANCE_FIELDS,
});

/** The answer of a creating request: the new case. */
export const CreatedCase = Obj({ case: Ref(CaseView) });

/** The decision document as JSON: GET /api/cases/:id/decision-document and the preview. */
export const DecisionDocument = Obj({
  lang: Locale,
  issuingBody: Type.String(),
  title: Type.String(),
  documentNumber: Type.String(),
  addressee: Type.String(),
  sections: List(Obj({ heading: Type.String(), paragraphs: List(Type.String()) })),
  signature: Type.String(),
  date: Type.String(),
  notice: Type.Optional(
    Type.String({
      description: 'A warning when the policy applied is a sample, not a measure in force.',
    }),
  ),
  text: Type.String({ description: 'The whole document as plain text.' }),
  type: Type.Optional(DocumentTypeName),
  closing: Type.Optional(ClosingBlock),
});
export type DecisionDocument = Static<typeof DecisionDocument>;

export const DecisionDocumentQuery = Obj({
  lang: Type.Optional(Locale),
  format: Type.Optional(StringEnum(['json', 'text', 'pdf'] as const, { default: 'json' })),
});

export const DocumentAnswer = Obj({ document: DecisionDocument });
export type DocumentAnswer = Static<typeof DocumentAnswer>;
