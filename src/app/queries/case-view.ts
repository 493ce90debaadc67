/**
 * One case as a user may see it: a presenter that allow-lists fields (never a storage row), the
 * actor's abilities on the case, and a read-log entry.
 *
 * Who sees what. Officers in scope (and committee chairs above) see the whole file. The parties —
 * the official and whoever applied for them, even when they also hold an office — and the unit's
 * party organization see the procedure and the decision, not the deliberation: the committee's
 * composition and recusals but no declared conflicts or votes, no department opinions, no
 * minutes, and the events without their internal payloads, leaving out votes, conflicts, member
 * changes and opinions.
 *
 * A consulted department's officer (the `consultee` role) sees what they need to give their
 * department's opinion, and no more: the case's header, the facts with their evidence, the
 * statements and the six-element assessment, and their own department's requests with the
 * opinions given — not the other departments' opinions (each department answers on its own), the
 * panel, the decision, the challenges, the extensions or the trail.
 */
import {
  CASE_STATES,
  SIX_ELEMENT_LABEL,
  STATE_LABEL,
  STEP_LABEL,
  type CaseState,
  type SixElement,
} from '../../domain/case-states.js';
import {
  abilities,
  aboveScope,
  answersFor,
  actionStatuses,
  type ActionStatus,
  type CaseAction,
  type CaseSubject,
  inScope,
  isParty,
  refusal,
  STAFF,
} from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import {
  casePolicy,
  loadCase,
  withConsultations,
  withCorrection,
  isDetermined,
  type LoadedCase,
} from '../cases/record.js';
import {
  peopleInCorrection,
  presentCorrection,
  presentTalks,
  readCorrection,
  type CorrectionRows,
  type CorrectionView,
  type TalkView,
} from './correction-view.js';
import { peopleInClearing, presentClearing, type ClearingView } from './clearing-view.js';
import { readClearing, withClearingRow, type ClearingRow } from '../clearings/subject.js';
import { logRead } from '../read-log.js';
import { applicationFor, type StoredApplication } from '../cases/result-application.js';
import { presentMatter, type MatterView } from '../matters/present.js';
import { matterSubjectOf, withMatterSubject } from '../matters/subject.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { AppError, CATALOGUE, type ErrorCode } from '../errors.js';
import { displayNames, readCaseFile, type CaseFile } from './case-file.js';
import { dueSoonHorizon, dueStatusOf, type DueStatus } from './due.js';

/** Event types a party does not see: the committee's internal deliberation and opinions. */
const INTERNAL_EVENT = /vote|conflict|recus|member|opinion/i;

/** The votes of a collective review, as the challenge row stores them (decide-challenge.ts). */
export interface ChallengeVotes {
  readonly tally: Record<string, number>;
  readonly sitting: number;
  readonly needed: number;
  readonly members: readonly {
    readonly user: PersonRef | null;
    readonly vote: string;
    readonly voteLabel: I18nText | null;
    readonly reason: string;
    readonly votedAt: string | null;
  }[];
}

export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

export type CaseViewKind = 'full' | 'party' | 'consultee';

export interface CaseView {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly summary: string;
  readonly state: CaseState;
  readonly stateLabel: I18nText;
  readonly route: string;
  readonly official: {
    readonly id: string;
    readonly name: string;
    readonly position: I18nText;
    readonly unit: { readonly id: string; readonly name: I18nText };
  };
  readonly jurisdiction: { readonly id: string; readonly name: I18nText };
  readonly conductDate: string;
  /** The day the official was notified of the accountability decision, as the application gave it. */
  readonly accountabilityNotifiedOn: string | null;
  readonly packId: string;
  readonly packVersion: string | null;
  readonly step: string;
  readonly stepLabel: I18nText;
  readonly stepStartedOn: string;
  readonly stepDueOn: string | null;
  readonly stepDueProvisional: boolean;
  readonly dueStatus: DueStatus | null;
  readonly suspended: boolean;
  readonly suspendedSince: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  /**
   * 'full' for officers; 'party' for the parties and the unit's party organization; 'consultee'
   * for a consulted department's officer (see the top of this file).
   */
  readonly view: CaseViewKind;
  /**
   * Officers only: the accountability matter an ex-officio case was opened on, with its
   * circumstances, lifelong flag, the outcome fed back and the referral (matters/present.ts).
   */
  readonly matter: MatterView | null;
  /** The joint matter (多人一案) the case is one official's part of (GET …/joint-matter); or null. */
  readonly jointMatterId: string | null;
  /** The correction (纠错) once issued, and the talks held; null and [] before. */
  readonly correction: CorrectionView | null;
  readonly talks: readonly TalkView[];
  /** The name clearing (澄清正名) once recorded; null before. */
  readonly clearing: ClearingView | null;
  readonly facts: readonly {
    readonly fact: string;
    readonly value: unknown;
    readonly source: string;
    readonly note: string;
    readonly recordedAt: string;
    readonly recordedBy: PersonRef | null;
    readonly evidenceIds: readonly string[];
  }[];
  readonly evidence: readonly {
    readonly id: string;
    readonly filename: string;
    readonly mediaType: string;
    readonly description: string;
    readonly size: number;
    readonly sha256: string;
    readonly uploadedAt: string;
    readonly uploadedBy: PersonRef | null;
    readonly withdrawn: { at: string; by: PersonRef | null; reason: string } | null;
  }[];
  readonly statements: readonly {
    readonly id: string;
    readonly text: string;
    readonly madeAt: string;
    readonly madeBy: PersonRef | null;
  }[];
  readonly assessments: readonly {
    readonly element: string;
    readonly label: I18nText | null;
    readonly rating: string;
    readonly notes: string;
    readonly assessedAt: string;
    readonly assessedBy: PersonRef | null;
  }[];
  readonly consultations: readonly {
    readonly id: string;
    readonly department: string;
    readonly requestedAt: string;
    readonly responded: boolean;
    readonly respondedAt: string | null;
    /** Officers, and the department's own officer. */
    readonly opinion?: string | null;
    readonly respondedBy?: PersonRef | null;
    /** Transcribed by the investigator from the department's written reply (据书面复函录入). */
    readonly transcribed?: { readonly replyReference: string; readonly replyDate: string } | null;
    /** The department has users of its own, who sign its opinion. */
    readonly staffed?: boolean;
    /** The viewer may answer it now (their department's), or transcribe its written reply. */
    readonly canAnswer: boolean;
    readonly canTranscribe: boolean;
  }[];
  readonly members: readonly {
    readonly user: PersonRef;
    readonly isChair: boolean;
    readonly recused: boolean;
    /** Officers only. */
    readonly conflict?: string | null;
    readonly voted?: boolean;
    readonly vote?: string | null;
    readonly voteReason?: string;
    readonly votedAt?: string | null;
  }[];
  readonly determinations: readonly {
    readonly id: string;
    readonly inForce: boolean;
    readonly outcome: string;
    readonly outcomeLabel: I18nText | null;
    readonly recommendedOutcome: string;
    readonly recommendedOutcomeLabel: I18nText | null;
    /** The recommended band, most favourable first (empty when undetermined). */
    readonly recommended: readonly { readonly id: string; readonly label: I18nText | null }[];
    /** Decided outside the band, with departure reasons. */
    readonly departs: boolean;
    readonly departureReasons: string;
    readonly documentNumber: string;
    readonly decidedOn: string;
    readonly basis: string;
    readonly supersedesId: string | null;
    /** How the outcome is applied to the official (结果运用); null when the pack says nothing. */
    readonly application: StoredApplication | null;
    /** Officers only. */
    readonly minutes?: string;
  }[];
  readonly challenges: readonly {
    readonly id: string;
    readonly kind: string;
    readonly determinationId: string;
    readonly grounds: string;
    readonly filedOn: string;
    readonly filedBy: PersonRef | null;
    readonly dueOn: string | null;
    readonly status: string;
    readonly resultDeterminationId: string | null;
    readonly decidedAt: string | null;
    readonly decidedOn: string | null;
    readonly decidedBy: PersonRef | null;
    readonly reasons: string;
    readonly outcome: string | null;
    readonly outcomeLabel: I18nText | null;
    readonly previousOutcome: string | null;
    readonly previousOutcomeLabel: I18nText | null;
    readonly collective: boolean;
    /** Officers only. */
    readonly votes?: ChallengeVotes | null;
    readonly publicity: {
      readonly suspendedOn: string;
      readonly dueOn: string | null;
      readonly daysLeft: number | null;
      readonly unit: 'working' | 'calendar' | null;
      readonly resumedOn: string | null;
      readonly resumedDueOn: string | null;
    } | null;
  }[];
  /** The review and appeal windows, counted from the notification of the decision in force. */
  readonly challengeWindows: {
    readonly notifiedOn: string | null;
    readonly reviewUntil: string | null;
    readonly appealUntil: string | null;
    readonly reviewed: boolean;
  };
  readonly suspensions: readonly {
    readonly id: string;
    readonly step: string;
    readonly from: string;
    /** Last suspended day; null while it runs. Before `from` when lifted the day it began. */
    readonly to: string | null;
    readonly ongoing: boolean;
    readonly reason: string;
  }[];
  readonly extensions: readonly {
    readonly id: string;
    readonly step: string;
    readonly days: number;
    readonly reason: string;
    readonly status: string;
    readonly requestedAt: string;
    readonly requestedBy: PersonRef | null;
    readonly decidedAt: string | null;
    readonly decidedBy: PersonRef | null;
  }[];
  readonly events: readonly {
    readonly seq: number;
    readonly type: string;
    readonly step: string;
    readonly at: string;
    readonly actor: PersonRef | null;
    readonly reason: string;
    readonly from?: string;
    readonly to?: string;
    /** Officers only. */
    readonly payload?: unknown;
  }[];
  readonly abilities: Record<CaseAction, boolean>;
  /** The actions the actor's role could take: allowed now, or not now with why (policies.ts). */
  readonly tasks: readonly CaseTask[];
}

export interface CaseTask {
  readonly action: ActionStatus['action'];
  readonly allowed: boolean;
  readonly reason: {
    readonly code: string;
    readonly text: I18nText;
    readonly date: string | null;
  } | null;
}

/** The actor's tasks on the case, each reason in words (the catalogue's, where the rule has none). */
export function presentTasks(actor: Actor, subject: CaseSubject): CaseTask[] {
  return actionStatuses(actor, subject).map(({ action, allowed, reason }) => ({
    action,
    allowed,
    reason: reason && {
      code: reason.code,
      text: reason.text ?? catalogueText(reason.code),
      date: reason.date ?? null,
    },
  }));
}

function catalogueText(code: string): I18nText {
  const entry = Object.hasOwn(CATALOGUE, code) ? CATALOGUE[code as ErrorCode] : undefined;
  return entry?.message ?? CATALOGUE.CASE_PRECONDITION.message;
}

/** Whether the actor sees the whole file (an officer in scope who is not a party). */
export function fullView(actor: Actor, subject: CaseSubject): boolean {
  return (
    !isParty(actor, subject) &&
    (inScope(actor, STAFF, subject) || aboveScope(actor, ['committee_chair'], subject))
  );
}

const isState = (v: unknown): v is CaseState =>
  typeof v === 'string' && (CASE_STATES as readonly string[]).includes(v);

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * One case for `actor`, in one repeatable-read transaction so that every part shows the same
 * moment: the case is loaded once, the read is logged (a read the permission check refuses stays
 * on record as 'case.view.refused', and to the caller the case does not exist), then the case file
 * is read and presented.
 */
export async function getCase(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseView> {
  const view = await ctx.store.tx(
    async (tx) => {
      // A consulted department's officer reads a case because their department was asked.
      // After a determination the correction's owners and verifiers act on it (its actions).
      const loaded = await withCorrection(
        ctx,
        tx,
        await withConsultations(tx, await loadCase(ctx, tx, caseId), actor),
      );
      const refused = refusal(actor, 'read', loaded.subject) !== null;
      const logged = logRead(tx, {
        userId: actor.userId,
        caseId: loaded.row.id,
        jurisdictionId: loaded.row.jurisdictionId,
        what: refused ? 'case.view.refused' : 'case.view',
        at: ctx.now(),
      });
      // Committed with its log row: the refusal is answered after the commit.
      if (refused) {
        await logged;
        return undefined;
      }
      // The log row and the case file are written and read together (one round trip).
      const determined = isDetermined(loaded.row.state);
      const [file, correction, clearing] = await Promise.all([
        readCaseFile(tx, caseId, loaded.row.officialId, loaded.row.accountabilityMatterId),
        determined ? readCorrection(tx, caseId) : null,
        determined ? readClearing(tx, caseId) : null,
        logged,
      ]);
      const names = await displayNames(tx, [
        ...peopleIn(loaded, file),
        ...(correction ? peopleInCorrection(correction) : []),
        ...peopleInClearing(clearing),
      ]);
      // The clearing's rules read it, and the matter's rules see it as the case file read it (no
      // extra query): the abilities and tasks below include their actions.
      const withRules = withMatterSubject(
        withClearingRow(loaded, clearing),
        matterSubjectOf(file.matter),
      );
      return presentCase(ctx, actor, withRules, { ...file, correction, clearing }, names);
    },
    { isolation: 'repeatable read' },
  );
  if (!view) throw new AppError('CASE_NOT_FOUND', { caseId });
  return view;
}

/** Everyone the case file names, for their display names. */
function peopleIn(loaded: LoadedCase, file: CaseFile): (string | null)[] {
  return [
    ...file.facts.map((f) => f.recordedBy),
    ...file.evidence.map((e) => e.uploadedBy),
    ...file.evidence.map((e) => e.withdrawnBy),
    ...file.statements.map((s) => s.madeBy),
    ...file.assessments.map((a) => a.assessedBy),
    ...file.consultations.map((c) => c.respondedBy),
    ...loaded.members.map((m) => m.userId),
    ...file.challenges.flatMap((c) => [c.filedBy, c.decidedBy]),
    ...file.extensions.flatMap((e) => [e.requestedBy, e.decidedBy]),
    ...file.events.map((e) => e.actorId),
    file.matter?.referredBy ?? null,
  ];
}

/** What presenting a case needs besides the case: who sees what, names, outcome labels. */
interface PresentContext {
  readonly ctx: AppContext;
  readonly loaded: LoadedCase;
  readonly file: CaseFile & {
    readonly correction: CorrectionRows | null;
    readonly clearing: ClearingRow | null;
  };
  /** The whole file (officers) or the parties' view. */
  readonly full: boolean;
  readonly view: CaseViewKind;
  readonly actor: Actor;
  readonly abilities: Readonly<Record<CaseAction, boolean>>;
  readonly person: (u: string | null) => PersonRef | null;
  readonly outcomeLabel: (o: string) => I18nText | null;
}

/** The view of a case: only the fields listed here leave the server. */
function presentCase(
  ctx: AppContext,
  actor: Actor,
  loaded: LoadedCase,
  file: CaseFile & {
    readonly correction: CorrectionRows | null;
    readonly clearing: ClearingRow | null;
  },
  names: Readonly<Record<string, string>>,
): CaseView {
  const outcomes = casePolicy(ctx, loaded.row).outcomes;
  const view = viewOf(actor, loaded.subject);
  const can = abilities(actor, loaded.subject);
  const p: PresentContext = {
    ctx,
    loaded,
    file,
    full: view === 'full',
    view,
    actor,
    abilities: can,
    person: (u) => (u ? { id: u, name: names[u] ?? '' } : null),
    outcomeLabel: (o) => outcomes.find((x) => x.id === o)?.label ?? null,
  };
  const whole = {
    ...presentHeader(ctx, p),
    ...presentRecord(p),
    ...presentDeliberation(p),
    ...presentClockAndTrail(p),
    ...presentCorrectionPart(p),
    clearing: presentClearing(file.clearing, p.full, p.person),
    abilities: can,
    tasks: presentTasks(actor, loaded.subject),
  };
  return view === 'consultee' ? consulteeView(whole) : whole;
}

/** The correction and the talks, once the case has a determination (correction-view.ts). */
function presentCorrectionPart({ file, actor, loaded, abilities: can, person }: PresentContext) {
  const rows = file.correction;
  if (!rows) return { correction: null, talks: [] };
  const may = { submit: can.submitCorrection, verify: can.verifyCorrection };
  return {
    correction: presentCorrection(rows, actor, loaded.subject.correction, may, person),
    talks: presentTalks(rows, person),
  };
}

/** Who the viewer is to the case: an officer, a party, or a consulted department's officer. */
function viewOf(actor: Actor, subject: CaseSubject): CaseViewKind {
  if (fullView(actor, subject)) return 'full';
  if (!isParty(actor, subject) && !inScope(actor, ['unit_party'], subject)) return 'consultee';
  return 'party';
}

/** What a consulted department's officer does not see (see the top of this file). */
function consulteeView(v: CaseView): CaseView {
  return {
    ...v,
    members: [],
    determinations: [],
    challenges: [],
    extensions: [],
    events: [],
    correction: null,
    talks: [],
    clearing: null,
    challengeWindows: { notifiedOn: null, reviewUntil: null, appealUntil: null, reviewed: false },
  };
}

/** The accountability matter, with whether the case's facts suspect a crime. */
function matterPart(p: PresentContext, matter: NonNullable<CaseFile['matter']>): MatterView {
  const crime = p.file.facts.some((f) => f.fact === 'crimeSuspected' && f.value === true);
  return presentMatter(matter, {
    crimeSuspected: crime,
    person: p.person,
    outcomeLabel: p.outcomeLabel,
  });
}

/** The case's identity, parties, step clock and version. */
function presentHeader(ctx: AppContext, p: PresentContext) {
  const { loaded, file, view } = p;
  const row = loaded.row;
  const id = row.id;
  const who = file.official;
  const today = todayOf(ctx);
  const calendar = ctx.calendars.get(loaded.jurisdiction.calendarId);
  const state = row.state as CaseState;
  return {
    id,
    number: row.number,
    title: row.title,
    summary: row.summary,
    state,
    stateLabel: STATE_LABEL[state],
    route: row.route,
    official: {
      id: row.officialId,
      name: who?.name ?? '',
      position: { zh: who?.positionZh ?? '', en: who?.positionEn ?? '' },
      unit: {
        id: row.unitId,
        name: { zh: who?.unitZh ?? '', en: who?.unitEn ?? '' },
      },
    },
    jurisdiction: {
      id: loaded.jurisdiction.id,
      name: { zh: loaded.jurisdiction.nameZh, en: loaded.jurisdiction.nameEn },
    },
    conductDate: row.conductDate,
    accountabilityNotifiedOn: row.accountabilityNotifiedOn,
    packId: row.packId,
    packVersion: row.packVersion,
    step: row.step,
    stepLabel: STEP_LABEL[row.step] ?? { zh: row.step, en: row.step },
    stepStartedOn: row.stepStartedOn,
    stepDueOn: row.stepDueOn,
    stepDueProvisional: row.stepDueProvisional,
    dueStatus: dueStatusOf(row, today, dueSoonHorizon(calendar, today)),
    suspended: row.suspendedSince !== null,
    suspendedSince: row.suspendedSince,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: iso(row.closedAt),
    view,
    matter: view === 'full' && file.matter ? matterPart(p, file.matter) : null,
    jointMatterId: view === 'consultee' ? null : row.jointMatterId,
  };
}

/** What the case file holds: facts, evidence, statements, assessments, consultations. */
function presentRecord(p: PresentContext) {
  const { file, person } = p;
  const { facts, statements, assessments } = file;
  const files = file.evidence;
  return {
    facts: facts.map((f) => ({
      fact: f.fact,
      value: f.value,
      source: f.source,
      note: f.note,
      recordedAt: f.recordedAt.toISOString(),
      recordedBy: person(f.recordedBy),
      evidenceIds: [...f.evidenceIds],
    })),
    evidence: files.map((f) => ({
      id: f.id,
      filename: f.filename,
      mediaType: f.mediaType,
      description: f.description,
      size: f.size,
      sha256: f.sha256,
      uploadedAt: f.uploadedAt.toISOString(),
      uploadedBy: person(f.uploadedBy),
      withdrawn: f.withdrawnAt
        ? {
            at: f.withdrawnAt.toISOString(),
            by: person(f.withdrawnBy),
            reason: f.withdrawalReason ?? '',
          }
        : null,
    })),
    statements: statements.map((s) => ({
      id: s.id,
      text: s.text,
      madeAt: s.madeAt.toISOString(),
      madeBy: person(s.madeBy),
    })),
    assessments: assessments.map((a) => ({
      element: a.element,
      label: SIX_ELEMENT_LABEL[a.element as SixElement] ?? null,
      rating: a.rating,
      notes: a.notes,
      assessedAt: a.assessedAt.toISOString(),
      assessedBy: person(a.assessedBy),
    })),
    consultations: presentConsultations(p),
  };
}

/**
 * The departments asked: to officers every request with its opinion, who signed it, and whether
 * it was transcribed from a written reply; to a consulted department's officer their own
 * department's requests; to the parties whether each answered.
 */
function presentConsultations({
  file,
  view,
  actor,
  loaded,
  person,
  abilities: can,
}: PresentContext) {
  const { subject } = loaded;
  const staffed = new Map(subject.consultations?.map((x) => [x.department, x.staffed]));
  const own = (department: string) => answersFor(actor, department, subject);
  return file.consultations
    .filter((c) => view !== 'consultee' || own(c.department))
    .map((c) => {
      const open = c.respondedAt === null;
      return {
        id: c.id,
        department: c.department,
        requestedAt: c.requestedAt.toISOString(),
        responded: !open,
        respondedAt: iso(c.respondedAt),
        ...(view === 'party'
          ? {}
          : {
              opinion: c.opinion,
              respondedBy: person(c.respondedBy),
              transcribed:
                c.replyReference !== null && c.replyDate !== null
                  ? { replyReference: c.replyReference, replyDate: c.replyDate }
                  : null,
              ...(staffed.has(c.department) ? { staffed: staffed.get(c.department)! } : {}),
            }),
        canAnswer: open && can.answerConsultation && own(c.department),
        canTranscribe: open && can.recordOpinion && staffed.get(c.department) === false,
      };
    });
}

/** The panel, the determinations and the challenges to them. */
function presentDeliberation({ ctx, loaded, file, full, person, outcomeLabel }: PresentContext) {
  const dets = file.determinations;
  const { challenges } = file;
  return {
    members: loaded.members.map((m) => ({
      user: person(m.userId)!,
      isChair: m.isChair,
      recused: m.recused,
      ...(full
        ? {
            conflict: m.conflict,
            voted: m.vote !== null,
            vote: m.vote,
            voteReason: m.voteReason,
            votedAt: iso(m.votedAt),
            reviewVoted: m.reviewVote !== null,
            reviewVote: m.reviewVote,
            reviewVoteReason: m.reviewVoteReason,
            reviewVotedAt: iso(m.reviewVotedAt),
          }
        : {}),
    })),
    determinations: dets.map((d) => ({
      id: d.id,
      inForce: d.id === dets.at(-1)?.id,
      outcome: d.outcome,
      outcomeLabel: outcomeLabel(d.outcome),
      recommendedOutcome: d.recommendedOutcome,
      recommendedOutcomeLabel: outcomeLabel(d.recommendedOutcome),
      recommended: d.recommendedOutcomes.map((id) => ({ id, label: outcomeLabel(id) })),
      departs: d.departs,
      departureReasons: d.departureReasons,
      documentNumber: d.documentNumber,
      decidedOn: d.decidedOn,
      basis: d.basis,
      supersedesId: d.supersedesId,
      // Determinations made before the application was kept (migration 0018) read it from the
      // pack version bound to the case, which never changes.
      application:
        d.application ?? applicationFor(ctx, loaded.row, d.outcome, d.decidedOn).application,
      ...(full ? { minutes: d.minutes } : {}),
    })),
    challenges: challenges.map((c) => ({
      id: c.id,
      kind: c.kind,
      determinationId: c.determinationId,
      grounds: c.grounds,
      filedOn: c.filedOn,
      filedBy: person(c.filedBy),
      dueOn: c.dueOn,
      status: c.status,
      resultDeterminationId: c.resultDeterminationId,
      decidedAt: iso(c.decidedAt),
      decidedOn: c.decidedOn,
      decidedBy: person(c.decidedBy),
      reasons: c.reasons,
      outcome: c.outcome,
      outcomeLabel: c.outcome === null ? null : outcomeLabel(c.outcome),
      previousOutcome: c.previousOutcome,
      previousOutcomeLabel: c.previousOutcome === null ? null : outcomeLabel(c.previousOutcome),
      collective: c.collective,
      ...(full ? { votes: presentVotes(c.votes, person, outcomeLabel) } : {}),
      publicity: presentPausedPublicity(c, loaded),
    })),
    challengeWindows: {
      notifiedOn: loaded.row.notifiedOn,
      reviewUntil: loaded.windows.review ?? null,
      appealUntil: loaded.windows.appeal ?? null,
      reviewed: loaded.row.reviewedOn !== null,
    },
  };
}

type ChallengeRow = CaseFile['challenges'][number];

/** The publicity a challenge suspended, and its resumption (publicity-pause.ts). */
function presentPausedPublicity(c: ChallengeRow, loaded: LoadedCase) {
  if (c.publicitySuspendedOn === null) return null;
  return {
    suspendedOn: c.publicitySuspendedOn,
    dueOn: c.publicityDueOn,
    daysLeft: c.publicityDaysLeft,
    unit: loaded.procedure.publicity.period?.unit ?? null,
    resumedOn: c.publicityResumedOn,
    resumedDueOn: c.publicityResumedDueOn,
  };
}

/** The stored votes of a collective review, with names and outcome labels. */
function presentVotes(
  stored: unknown,
  person: PresentContext['person'],
  outcomeLabel: PresentContext['outcomeLabel'],
): ChallengeVotes | null {
  if (stored === null || typeof stored !== 'object') return null;
  const v = stored as {
    tally: Record<string, number>;
    sitting: number;
    needed: number;
    members: { userId: string; vote: string; reason: string; votedAt: string | null }[];
  };
  return {
    tally: v.tally,
    sitting: v.sitting,
    needed: v.needed,
    members: v.members.map((m) => ({
      user: person(m.userId),
      vote: m.vote,
      voteLabel: outcomeLabel(m.vote),
      reason: m.reason,
      votedAt: m.votedAt,
    })),
  };
}

/** Suspensions, extensions and the timeline of events. */
function presentClockAndTrail({ file, full, person }: PresentContext) {
  const { suspensions, extensions, events } = file;
  return {
    suspensions: suspensions.map((s) => ({
      id: s.id,
      step: s.step,
      from: s.fromOn,
      to: s.toOn,
      ongoing: s.toOn === null,
      reason: s.reason,
    })),
    extensions: extensions.map((e) => ({
      id: e.id,
      step: e.step,
      days: e.days,
      reason: e.reason,
      status: e.status,
      requestedAt: e.requestedAt.toISOString(),
      requestedBy: person(e.requestedBy),
      decidedAt: iso(e.decidedAt),
      decidedBy: person(e.decidedBy),
    })),
    events: events
      .filter((e) => full || !INTERNAL_EVENT.test(e.type))
      .map((e) => {
        const p = (e.payload ?? {}) as Record<string, unknown>;
        return {
          seq: e.seq,
          type: e.type,
          step: e.step,
          at: e.at.toISOString(),
          actor: person(e.actorId),
          reason: e.reason,
          ...(isState(p['from']) ? { from: p['from'] } : {}),
          ...(isState(p['to']) ? { to: p['to'] } : {}),
          ...(full ? { payload: e.payload } : {}),
        };
      }),
  };
}
