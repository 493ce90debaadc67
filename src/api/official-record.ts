/**
 * GET /api/officials/:id/record: one official's record (干部容错纠错记录, issue 11) — their cases
 * with the outcome in force and its result application, corrections, talks, follow-up visits and
 * name clearings, and the accountability matters recorded against them
 * (src/app/queries/official-record.ts).
 */
import { CASE_STATES } from '../shared/case.js';
import { CLEARING_STATES } from '../shared/clearings.js';
import { CORRECTION_STATES, TALK_KINDS } from '../shared/corrections.js';
import { MATTER_STATUSES } from '../shared/matters.js';
import { VISIT_CONCLUSIONS, VISIT_STATES } from '../shared/visits.js';
import { ResultApplied } from './cases.js';
import {
  Count,
  DateString,
  I18nText,
  List,
  Nullable,
  Obj,
  StringEnum,
  Type,
  Uuid,
  type Static,
} from './common.js';

export const OfficialRecordParams = Obj({ id: Uuid });

const RecordDecision = Obj(
  {
    documentNumber: Type.String(),
    decidedOn: DateString,
    outcome: Type.String(),
    outcomeLabel: I18nText,
    application: Nullable(ResultApplied, {
      description: 'What stays unaffected and the impact period, as the pack said it that day.',
    }),
  },
  { description: 'The determination in force.' },
);

const RecordCorrection = Obj({
  id: Uuid,
  documentNumber: Type.String(),
  state: StringEnum(CORRECTION_STATES),
  stateLabel: I18nText,
  issuedOn: DateString,
  closedOn: Nullable(DateString),
  reviewDueOn: Nullable(DateString),
  reviewedOn: Nullable(DateString),
  actions: Obj(
    { open: Count, submitted: Count, confirmed: Count, watch: Count },
    { description: 'How many of its actions are in each state.' },
  ),
});

const RecordTalk = Obj({
  id: Uuid,
  kind: StringEnum(TALK_KINDS),
  kindLabel: I18nText,
  heldOn: DateString,
  participants: Type.String(),
  summary: Type.String(),
  followUp: Type.String(),
});

const RecordVisit = Obj(
  {
    id: Uuid,
    impactEndsOn: DateString,
    dueOn: DateString,
    state: StringEnum(VISIT_STATES),
    visitedOn: Nullable(DateString),
    conclusion: Nullable(StringEnum(VISIT_CONCLUSIONS)),
    conclusionLabel: Nullable(I18nText),
  },
  { description: 'Shown to the official and to those who read visits (liaison, chair).' },
);

const RecordClearing = Obj({
  id: Uuid,
  state: StringEnum(CLEARING_STATES),
  stateLabel: I18nText,
  recordedOn: DateString,
  noticeNumber: Nullable(Type.String()),
  noticeIssuedOn: Nullable(DateString),
  publicizedFrom: Nullable(DateString),
  closedOn: Nullable(DateString),
  referral: Nullable(
    Obj({
      to: Type.String(),
      on: DateString,
      basis: Nullable(Type.String(), { description: 'Null for the parties.' }),
    }),
  ),
});

export const RecordCase = Obj({
  id: Uuid,
  number: Type.String(),
  title: Type.String(),
  state: StringEnum(CASE_STATES),
  stateLabel: I18nText,
  openedOn: DateString,
  notifiedOn: Nullable(DateString),
  decision: Nullable(RecordDecision),
  corrections: List(RecordCorrection),
  talks: List(RecordTalk),
  visits: List(RecordVisit),
  clearings: List(RecordClearing),
});
export type RecordCase = Static<typeof RecordCase>;

const RecordMatter = Obj(
  {
    id: Uuid,
    summary: Type.String(),
    openedOn: DateString,
    status: StringEnum(MATTER_STATUSES),
    statusLabel: I18nText,
    circumstances: Count,
    lifelong: Type.Boolean(),
    referredOn: Nullable(DateString),
    caseId: Nullable(Uuid),
  },
  { description: 'Accountability matters (问责衔接): officers only, never the parties.' },
);

export const OfficialRecord = Obj({
  official: Obj({
    id: Uuid,
    name: Type.String(),
    position: I18nText,
    unit: Obj({ id: Uuid, name: I18nText }),
    jurisdiction: Obj({ id: Type.String(), name: I18nText }),
  }),
  cases: List(RecordCase, { description: 'Oldest first; only the cases the reader may read.' }),
  matters: List(RecordMatter),
});
export type OfficialRecord = Static<typeof OfficialRecord>;
