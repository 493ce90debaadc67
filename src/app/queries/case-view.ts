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
 */
import { eq, sql } from 'drizzle-orm';
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
  type CaseAction,
  type CaseSubject,
  inScope,
  isParty,
  refusal,
  STAFF,
} from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import { CASE_DEPENDENCIES, isCaseId, loadedCaseOf, type LoadedCase } from '../cases/record.js';
import { rowFromJson, rowsFromJson } from '../json-rows.js';
import { markReadRefused, relaxedDurabilityColumn } from '../read-log.js';
import { compiled } from '../compiled.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { AppError } from '../errors.js';
import {
  caseAssessments,
  cases,
  caseChallenges,
  caseEvents,
  caseExtensions,
  caseFacts,
  caseStatements,
  caseSuspensions,
  consultations,
  determinations,
  evidence,
  jurisdictions,
} from '../tables.js';
import { dueSoonHorizon, dueStatusOf, type DueStatus } from './due.js';

/** Event types a party does not see: the committee's internal deliberation and opinions. */
const INTERNAL_EVENT = /vote|conflict|recus|member|opinion/i;

export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

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
  /** 'full' for officers; 'party' for the parties and the unit's party organization. */
  readonly view: 'full' | 'party';
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
    /** Officers only. */
    readonly opinion?: string | null;
    readonly respondedBy?: PersonRef | null;
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
    readonly departureReasons: string;
    readonly documentNumber: string;
    readonly decidedOn: string;
    readonly basis: string;
    readonly supersedesId: string | null;
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
  }[];
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
}

/** Whether the actor sees the whole file (an officer in scope who is not a party). */
export function fullView(actor: Actor, subject: CaseSubject): boolean {
  return (
    !isParty(actor, subject) &&
    (inScope(actor, STAFF, subject) || aboveScope(actor, ['committee_chair'], subject))
  );
}

/**
 * The abilities the UI shows. policies.ts answers for most actions; one condition it cannot see
 * is applied here as the transition applies it: a determination is publicized once.
 */
function abilitiesOf(
  actor: Actor,
  loaded: LoadedCase,
  publicityDone: boolean,
): Record<CaseAction, boolean> {
  const out = abilities(actor, loaded.subject);
  if (out.startPublicity && loaded.determination) out.startPublicity = !publicityDone;
  return out;
}

const isState = (v: unknown): v is CaseState =>
  typeof v === 'string' && (CASE_STATES as readonly string[]).includes(v);

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * A JSON array of a child table's rows of this case, ordered. With `columns`, only those columns
 * (database names) are sent: the others arrive as null and the presenter must not read them —
 * large columns the view never shows (a determination's stored recommendation, an event's hashes)
 * cost the database time to write as JSON and Node time to parse.
 */
const childRows = (table: string, order: string, where = '', columns?: readonly string[]) =>
  sql<unknown>`(select coalesce(json_agg(${sql.raw(
    columns ? `json_build_object(${columns.map((c) => `'${c}', t.${c}`).join(', ')})` : 't',
  )} order by ${sql.raw(order)}), '[]'::json) from ${sql.raw(table)} t where t.case_id = ${
    cases.id
  }${sql.raw(where)})`;

/**
 * Everything a case view shows beyond the case row, as columns of the one statement that reads the
 * case (a read is one statement and the read-log insert). The set_config column makes this read's
 * transaction commit without waiting for the disk flush: its only write is the read-log row (see
 * read-log.ts).
 */
const CASE_FILE = {
  official: sql<{
    name: string;
    positionZh: string;
    positionEn: string;
    unitZh: string;
    unitEn: string;
  } | null>`(select json_build_object('name', o.name, 'positionZh', o.position_zh, 'positionEn', o.position_en, 'unitZh', u.name_zh, 'unitEn', u.name_en) from officials o join units u on u.id = o.unit_id where o.id = ${cases.officialId})`,
  facts: childRows('case_facts', 't.fact, t.recorded_at', ' and t.superseded_at is null'),
  evidence: sql<unknown>`(select coalesce(json_agg(to_jsonb(t) || jsonb_build_object('size', b.size) order by t.uploaded_at, t.id), '[]'::json) from evidence t join evidence_blobs b on b.sha256 = t.sha256 where t.case_id = ${cases.id})`,
  statements: childRows('case_statements', 't.made_at, t.id'),
  assessments: childRows('case_assessments', 't.element'),
  consultations: childRows('consultations', 't.requested_at, t.id'),
  // Without the stored recommendation (the deliberation page reads it on its own).
  determinations: childRows('determinations', 't.created_at', '', [
    'id',
    'outcome',
    'recommended_outcome',
    'departure_reasons',
    'minutes',
    'document_number',
    'decided_on',
    'decided_by',
    'supersedes_id',
    'basis',
    'created_at',
  ]),
  challenges: childRows('case_challenges', 't.filed_on, t.id'),
  suspensions: childRows('case_suspensions', 't.from_on, t.id'),
  extensions: childRows('case_extensions', 't.requested_at, t.id'),
  // Without the hashes (`rongcuo audit verify` checks the chain).
  events: childRows('case_events', 't.seq', '', [
    'seq',
    'type',
    'step',
    'actor_id',
    'at',
    'reason',
    'payload',
  ]),
  names: sql<Record<
    string,
    string
  > | null>`(select json_object_agg(u.id, u.display_name) from users u where u.id in (
    select recorded_by from case_facts where case_id = ${cases.id} and superseded_at is null
    union select uploaded_by from evidence where case_id = ${cases.id}
    union select made_by from case_statements where case_id = ${cases.id}
    union select assessed_by from case_assessments where case_id = ${cases.id}
    union select responded_by from consultations where case_id = ${cases.id}
    union select user_id from deliberation_members where case_id = ${cases.id}
    union select filed_by from case_challenges where case_id = ${cases.id}
    union select requested_by from case_extensions where case_id = ${cases.id}
    union select decided_by from case_extensions where case_id = ${cases.id}
    union select actor_id from case_events where case_id = ${cases.id}))`,
  publicityDone: sql<boolean>`exists (select 1 from case_events e where e.case_id = ${cases.id} and e.payload->>'publicityEnded' = 'true' and e.payload->>'determinationId' = (select d.id::text from determinations d where d.case_id = ${cases.id} order by d.created_at desc limit 1))`,
};

/**
 * A case read in one statement: the case with everything it holds, and its read-log row written
 * by the same statement (a data-modifying CTE; the row's id comes back so that a read the
 * permission check then refuses is marked as refused). Its only write being that row, the
 * statement commits without waiting for the disk flush (read-log.ts). Built once (compiled.ts);
 * exported for tools that show its plan.
 */
export const GET_CASE = compiled('get_case', (db) => {
  const logged = db.$with('logged', {}).as(
    sql`insert into read_log (user_id, case_id, jurisdiction_id, what, at)
      select ${sql.placeholder('userId')}::uuid, c.id, c.jurisdiction_id, 'case.view', ${sql.placeholder('at')}::timestamptz
      from cases c where c.id = ${sql.placeholder('caseId')} returning id`,
  );
  return db
    .with(logged)
    .select({
      row: cases,
      jurisdiction: jurisdictions,
      ...CASE_DEPENDENCIES,
      // The determination in force is the last of CASE_FILE's determinations: not sent twice.
      determination: sql<unknown>`null::json`,
      ...CASE_FILE,
      readLogId: sql<string | null>`(select id::text from logged)`,
      relaxedDurability: relaxedDurabilityColumn,
    })
    .from(cases)
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .where(eq(cases.id, sql.placeholder('caseId')));
});

export async function getCase(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseView> {
  if (!isCaseId(caseId)) throw new AppError('CASE_NOT_FOUND', { caseId });
  // One statement, one round trip: the case and its read-log row (see GET_CASE).
  const db = ctx.store.db;
  const [file] = await GET_CASE.run(db, {
    caseId,
    userId: actor.userId,
    at: ctx.now().toISOString(),
  });
  if (!file) throw new AppError('CASE_NOT_FOUND', { caseId });
  const determinationsJson = Array.isArray(file.determinations) ? file.determinations : [];
  const loaded = loadedCaseOf(ctx, { ...file, determination: determinationsJson.at(-1) ?? null });
  if (refusal(actor, 'read', loaded.subject) !== null) {
    // The attempt stays on record, marked as refused; to the caller the case does not exist.
    if (file.readLogId !== null) await markReadRefused(db, file.readLogId);
    throw new AppError('CASE_NOT_FOUND', { caseId });
  }
  const row = loaded.row;
  const full = fullView(actor, loaded.subject);
  const id = row.id;

  const who = file.official;
  const facts = rowsFromJson(caseFacts, file.facts);
  const files = Array.isArray(file.evidence)
    ? (file.evidence as Record<string, unknown>[]).map((j) => ({
        ...rowFromJson(evidence, j),
        size: Number(j['size']),
      }))
    : [];
  const statements = rowsFromJson(caseStatements, file.statements);
  const assessments = rowsFromJson(caseAssessments, file.assessments);
  const consults = rowsFromJson(consultations, file.consultations);
  const dets = rowsFromJson(determinations, file.determinations);
  const challenges = rowsFromJson(caseChallenges, file.challenges);
  const suspensions = rowsFromJson(caseSuspensions, file.suspensions);
  const extensions = rowsFromJson(caseExtensions, file.extensions);
  const events = rowsFromJson(caseEvents, file.events);
  const names = file.names ?? {};
  const person = (u: string | null): PersonRef | null =>
    u ? { id: u, name: names[u] ?? '' } : null;

  const compiled = row.packVersion
    ? ctx.engine.version(row.packId, row.packVersion, row.conductDate)
    : ctx.engine.at(row.packId, row.conductDate);
  const outcomeLabel = (o: string): I18nText | null =>
    compiled.eff.outcomes.find((x) => x.id === o)?.label ?? null;
  const today = todayOf(ctx);
  const calendar = ctx.calendars.get(loaded.jurisdiction.calendarId);
  const state = row.state as CaseState;

  const view: CaseView = {
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
    view: full ? 'full' : 'party',
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
    consultations: consults.map((c) => ({
      id: c.id,
      department: c.department,
      requestedAt: c.requestedAt.toISOString(),
      responded: c.respondedAt !== null,
      respondedAt: iso(c.respondedAt),
      ...(full ? { opinion: c.opinion, respondedBy: person(c.respondedBy) } : {}),
    })),
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
          }
        : {}),
    })),
    determinations: dets.map((d) => ({
      id: d.id,
      inForce: d.id === loaded.determination?.id,
      outcome: d.outcome,
      outcomeLabel: outcomeLabel(d.outcome),
      recommendedOutcome: d.recommendedOutcome,
      recommendedOutcomeLabel: outcomeLabel(d.recommendedOutcome),
      departureReasons: d.departureReasons,
      documentNumber: d.documentNumber,
      decidedOn: d.decidedOn,
      basis: d.basis,
      supersedesId: d.supersedesId,
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
    })),
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
    abilities: abilitiesOf(actor, loaded, file.publicityDone),
  };
  return view;
}
