/**
 * Cases as the API shows them: one line of the work queue (CaseSummary), the case file
 * (CaseView, GET /api/cases/:id), what a transition answers, and the requests that open a case.
 * The presenters are src/app/queries/case-view.ts and case-list.ts.
 */
import { CASE_STATES, ROUTES, STEP_LABEL } from '../domain/case-states.js';
import { CASE_ACTIONS } from '../domain/policies.js';
import { TEXT_LIMITS } from '../shared/limits.js';
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
  opinion: Type.Optional(Nullable(Type.String(), { description: 'Officers only.' })),
  respondedBy: Type.Optional(Nullable(PersonRef, { description: 'Officers only.' })),
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
});
export type CaseMember = Static<typeof CaseMember>;

export const Determination = Obj({
  id: Uuid,
  inForce: Type.Boolean(),
  outcome: Type.String(),
  outcomeLabel: Nullable(I18nText),
  recommendedOutcome: Type.String(),
  recommendedOutcomeLabel: Nullable(I18nText),
  departureReasons: Type.String(),
  documentNumber: Type.String(),
  decidedOn: DateString,
  basis: Type.String(),
  supersedesId: Nullable(Uuid),
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
});
export type Challenge = Static<typeof Challenge>;

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
  "A case as the signed-in user may see it: its number, state, step clock, facts, evidence, statements, assessments, consultations, members, determinations, challenges, suspensions, extensions and event trail, and `abilities`, the actions the user may take now. `view` is 'full' for officers and 'party' for the parties, who do not see votes, opinions, minutes or internal events.";

/** A case as getCase presents it (src/app/queries/case-view.ts). */
export const CaseView = Obj(
  {
    id: Uuid,
    number: Type.String({ examples: ['x-new-area-2025-0001'] }),
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
    view: StringEnum(['full', 'party'] as const),
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
    suspensions: List(Suspension, { description: 'Suspensions of the step clock.' }),
    extensions: List(Extension, { description: 'Extensions requested and decided.' }),
    events: List(CaseEvent, { description: 'The hash-chained event trail.' }),
    abilities: CaseAbilities,
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
});

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
});

/** The answer of a creating request: the new case. */
export const CreatedCase = Obj({ case: Ref(CaseView) });

export const RiskFilingBody = Obj({
  unitId: Uuid,
  title: Text(TEXT_LIMITS.riskFilingTitle.max, TEXT_LIMITS.riskFilingTitle.min),
  filedOn: DateString,
  status: StringEnum(['pending', 'accepted', 'rejected'] as const),
});

export const RiskFilingAnswer = Obj({
  riskFiling: Obj({
    id: Uuid,
    jurisdictionId: Type.String(),
    unitId: Uuid,
    title: Type.String(),
    status: Type.String(),
    filedOn: DateString,
    decidedOn: Nullable(DateString),
  }),
});

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
});
export type DecisionDocument = Static<typeof DecisionDocument>;

export const DecisionDocumentQuery = Obj({
  lang: Type.Optional(Locale),
  format: Type.Optional(StringEnum(['json', 'text', 'pdf'] as const, { default: 'json' })),
});

export const DocumentAnswer = Obj({ document: DecisionDocument });
export type DocumentAnswer = Static<typeof DocumentAnswer>;
