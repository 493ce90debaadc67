/**
 * The to-do list (工作台): what waits for the signed-in user — the cases on which the procedure's
 * next move is theirs (to accept, verify, answer a consultation, vote, decide, notify, publicize,
 * file, close, decide a review or appeal; for a party, to supplement or to apply for review), the
 * correction's and the follow-up visits' tasks (read from their own tables: own-table-todos.ts) —
 * what of it is due soon and what is overdue, and, for a party, their own cases.
 *
 * "Waits for me" is computed from the case's columns through the declarative rules of
 * src/domain/policies.ts, never from the audit trail: for each task, SQL reads the candidates the
 * rule's states and scope admit (the case list's scope helpers), nearest due date first and at most
 * TODO_LIMIT + 1 per state, and each candidate is then loaded as a transition loads it (its row, its
 * jurisdiction, its members: `loadedCaseOf`) and kept only when `refusal` allows the action. A
 * case appears once, under its first task in TODO_ACTIONS' order. Indexes (migration 0013):
 * cases_todo (state, step due date) over open cases, and the pending votes of a member.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, or, type SQL } from 'drizzle-orm';
import {
  DECISION_IN_FORCE,
  STATE_LABEL,
  STEP_LABEL,
  TERMINAL,
  CASE_STATES,
  type CaseState,
} from '../../domain/case-states.js';
import {
  actionStatuses,
  CASE_RULES,
  refusal,
  type CaseAction,
  type CaseSubject,
} from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import {
  consultationSubjects,
  loadedCaseOf,
  withConsultationList,
  type CaseRow,
  type JurisdictionRow,
  type MemberRow,
} from '../cases/record.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import type { AnyDb } from '../db.js';
import { logRead } from '../read-log.js';
import {
  caseExtensions,
  cases,
  consultations,
  deliberationMembers,
  jurisdictions,
  officials,
} from '../tables.js';
import { grantedScopes, partyCases, under } from './case-list.js';
import { clearingGroup, isClearingTask } from './clearing-todos.js';
import { correctionGroup, isCorrectionTask } from './correction-todos.js';
import { isVisitTask, visitGroup } from './visit-todos.js';
import { DUE_SOON_WORKING_DAYS, dueSoonHorizon, dueStatusOf, type DueStatus } from './due.js';

/**
 * A task is due soon when its due day is at most this many working days away, today included: the
 * case list's "due soon" (due.ts), so that the reminder and the list's filter agree.
 */
export const TODO_DUE_SOON_DAYS = DUE_SOON_WORKING_DAYS;

/** The most cases a kind of task lists (the nearest due first); more is said as "20+". */
export const TODO_LIMIT = 20;

/** The most of a party's own cases listed, the newest activity first. */
export const MINE_LIMIT = 20;

/**
 * The tasks a to-do list names, in the order a case is listed under them (first allowed wins):
 * the procedure's moves, then the parties'. Optional work (facts, evidence, suspensions, a
 * conflict) is done from the case page, not listed.
 */
export const TODO_ACTIONS = [
  'accept',
  'completeVerification',
  // Opinions still to answer (by the department itself, or transcribed from a written reply by
  // the investigator) come before completing the consultation.
  'answerConsultation',
  'recordOpinion',
  'completeConsultation',
  'decide',
  'addMember',
  'vote',
  'notify',
  'startPublicity',
  'endPublicity',
  'fileUpward',
  'close',
  'decideReview',
  'decideAppeal',
  'decideExtension',
  'resume',
  'requestReview',
  'requestAppeal',
  'recordStatement',
  // Correction (纠错): the owners submit, the organization department verifies, the deciding body
  // reviews the effectiveness. Read by correction-todos.ts: they go on after the case is closed.
  'submitCorrection',
  'verifyCorrection',
  'reviewCorrection',
  // Follow-up visits (回访): the organization department's liaison visits and records, then sends
  // the results on. Read by visit-todos.ts, from the visits drawn.
  'recordVisit',
  'reportVisit',
  // Name clearing (澄清正名): the deciding body's chair issues the notice and refers a false
  // accusation on; the liaison (or the chair) decides whether it is made public. Read by
  // clearing-todos.ts, from the clearings recorded.
  'issueClearingNotice',
  'publicizeClearing',
  'referAccuser',
] as const satisfies readonly Exclude<CaseAction, 'read' | 'addEvidence'>[];
export type TodoAction = (typeof TODO_ACTIONS)[number];

/**
 * Where the rule alone would admit cases with nothing to do, the rows that say there is something:
 * a consultation unanswered, an extension requested, a suspension running. They drive the query
 * (each through a small partial index, migration 0013 and 0010); the rule still decides.
 */
const SOMETHING_TO_DO: Partial<Record<TodoAction, (tx: AnyDb, actor: Actor) => SQL>> = {
  // The requests still waiting for the officer's own departments.
  answerConsultation: (tx, actor) =>
    inArray(
      cases.id,
      tx
        .select({ id: consultations.caseId })
        .from(consultations)
        .where(
          and(
            isNull(consultations.respondedAt),
            inArray(consultations.department, [...ownDepartments(actor)]),
          ),
        ),
    ),
  recordOpinion: (tx) =>
    inArray(
      cases.id,
      tx
        .select({ id: consultations.caseId })
        .from(consultations)
        .where(isNull(consultations.respondedAt)),
    ),
  decideExtension: (tx) =>
    inArray(
      cases.id,
      tx
        .select({ id: caseExtensions.caseId })
        .from(caseExtensions)
        .where(eq(caseExtensions.status, 'requested')),
    ),
  resume: () => isNotNull(cases.suspendedSince),
};

export interface TodoItem {
  readonly caseId: string;
  readonly number: string;
  readonly title: string;
  readonly official: string;
  readonly state: CaseState;
  readonly stateLabel: I18nText;
  readonly stepLabel: I18nText;
  /**
   * The step's due day, for review and appeal the window's last day; for a task read from its own
   * table, its own (an action's deadline, a review's day, a visit's).
   */
  readonly dueOn: string | null;
  readonly dueStatus: DueStatus | null;
  /** What on the case the task is about, where it is a row of its own (a visit); else null. */
  readonly subjectId: string | null;
}

export interface TodoGroup {
  readonly action: TodoAction;
  readonly items: readonly TodoItem[];
  /** There may be more than these (TODO_LIMIT): the list shows the nearest due. */
  readonly more: boolean;
}

export interface MyCase {
  readonly caseId: string;
  readonly number: string;
  readonly title: string;
  readonly state: CaseState;
  readonly stateLabel: I18nText;
  readonly stepLabel: I18nText;
  readonly stepDueOn: string | null;
  readonly dueStatus: DueStatus | null;
  /** What the party may do on it now. */
  readonly actions: readonly Exclude<CaseAction, 'read'>[];
  /** A decision is in force: its document may be downloaded. */
  readonly decided: boolean;
}

export interface Todos {
  readonly today: string;
  readonly dueSoonDays: number;
  readonly counts: { readonly waiting: number; readonly dueSoon: number; readonly overdue: number };
  /** Some kind of task had more than TODO_LIMIT cases: the counts are at least these. */
  readonly capped: boolean;
  readonly groups: readonly TodoGroup[];
  readonly mine: readonly MyCase[];
}

/** A candidate: the case row with its jurisdiction and its official's name. */
export interface Candidate {
  readonly row: CaseRow;
  readonly jurisdiction: JurisdictionRow;
  readonly officialName: string;
}

/** The departments a consulted department's officer answers for (their `consultee` grants). */
function ownDepartments(actor: Actor): Set<string> {
  return new Set(
    actor.grants.flatMap((g) => (g.role === 'consultee' && g.department ? [g.department] : [])),
  );
}

/** The SQL for "the actor may act under this rule's who and scope", or undefined: never. */
function whoMayAct(tx: AnyDb, actor: Actor, action: TodoAction): SQL | undefined {
  const rule = CASE_RULES[action];
  if (rule.who === 'owner') return undefined; // correction-todos.ts reads these (ownTableFamily)
  if (rule.who === 'party') return or(...partyCases(actor));
  if (rule.who === 'member') {
    const pending = tx
      .select({ id: deliberationMembers.caseId })
      .from(deliberationMembers)
      .where(and(eq(deliberationMembers.userId, actor.userId), isNull(deliberationMembers.vote)));
    return inArray(cases.id, pending);
  }
  const { jurisdictions: js, unitPaths } = grantedScopes(actor, rule.who);
  if (rule.scope === 'same') return or(...js.map((j) => eq(cases.jurisdictionPath, j.path)));
  if (rule.scope === 'above') {
    return or(
      ...js.map((j) =>
        and(under(cases.jurisdictionPath, j.path), ne(cases.jurisdictionPath, j.path)),
      ),
    );
  }
  return or(
    ...js.map((j) => under(cases.jurisdictionPath, j.path)),
    ...unitPaths.map((p) => under(cases.unitPath, p)),
  );
}

/**
 * The states to read a task's candidates in, one query each so that each walks cases_todo in due
 * order and stops at the limit. A rule open in every state has its rows to do (SOMETHING_TO_DO)
 * drive one query instead.
 */
function statesOf(action: TodoAction): (readonly CaseState[])[] {
  const states = CASE_RULES[action].states;
  if (states !== 'open') return states.map((s) => [s]);
  return [CASE_STATES.filter((s) => !TERMINAL.has(s))];
}

const CONSULTATION_TASKS: ReadonlySet<TodoAction> = new Set([
  'answerConsultation',
  'recordOpinion',
]);

/** The candidates for a task, nearest due first, and whether some were left unread. */
async function candidates(
  tx: AnyDb,
  actor: Actor,
  action: TodoAction,
): Promise<{ found: Candidate[]; truncated: boolean }> {
  const who = whoMayAct(tx, actor, action);
  if (who === undefined) return { found: [], truncated: false };
  const found: Candidate[] = [];
  let truncated = false;
  for (const states of statesOf(action)) {
    const rows = await tx
      .select({ row: cases, jurisdiction: jurisdictions, officialName: officials.name })
      .from(cases)
      .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
      .innerJoin(officials, eq(officials.id, cases.officialId))
      .where(
        and(
          inArray(cases.state, [...states]),
          isNull(cases.closedAt),
          who,
          SOMETHING_TO_DO[action]?.(tx, actor),
        ),
      )
      .orderBy(asc(cases.stepDueOn), asc(cases.id))
      .limit(TODO_LIMIT + 1);
    truncated ||= rows.length > TODO_LIMIT;
    found.push(...rows.slice(0, TODO_LIMIT));
  }
  return { found: found.sort(byDue), truncated };
}

function byDue(a: Candidate, b: Candidate): number {
  const x = a.row.stepDueOn ?? '9999-12-31';
  const y = b.row.stepDueOn ?? '9999-12-31';
  return x < y ? -1 : x > y ? 1 : a.row.id < b.row.id ? -1 : 1;
}

/** The members of the candidates, by case. */
export async function membersOf(
  tx: AnyDb,
  ids: readonly string[],
): Promise<Map<string, MemberRow[]>> {
  const byCase = new Map<string, MemberRow[]>();
  if (ids.length === 0) return byCase;
  const rows = await tx
    .select()
    .from(deliberationMembers)
    .where(inArray(deliberationMembers.caseId, [...ids]));
  for (const m of rows) byCase.set(m.caseId, [...(byCase.get(m.caseId) ?? []), m]);
  return byCase;
}

/** The to-do list of `actor`, with the counts and, for a party, their own cases. */
export async function getTodos(ctx: AppContext, actor: Actor): Promise<Todos> {
  return ctx.store.tx(async (tx) => {
    const todos = await readTodos(ctx, tx, actor);
    await logRead(tx, { userId: actor.userId, what: 'case.todos', at: ctx.now() });
    return todos;
  });
}

/**
 * The to-do list read in `tx`, not logged: the caller logs the read as what it is (the workbench,
 * or its export, todos-export.ts).
 */
export async function readTodos(ctx: AppContext, tx: AnyDb, actor: Actor): Promise<Todos> {
  const today = todayOf(ctx);
  // A case is listed once in each family of tasks: among the procedure's, the correction's and the
  // visits' (its correction and its visit are work of their own, beside a review the party may
  // still ask for).
  const seen = new Map<string, Set<string>>();
  const groups: TodoGroup[] = [];
  for (const action of TODO_ACTIONS) {
    const family = ownTableFamily(action) ?? 'procedure';
    if (!seen.has(family)) seen.set(family, new Set());
    const group = await todoGroup(ctx, tx, actor, action, today, seen.get(family)!);
    if (group.items.length > 0) groups.push(group);
  }
  const mine = await myCases(ctx, tx, actor, today);
  const items = groups.flatMap((g) => g.items);
  return {
    today,
    dueSoonDays: TODO_DUE_SOON_DAYS,
    counts: {
      waiting: items.length,
      dueSoon: items.filter((i) => i.dueStatus === 'due_soon').length,
      overdue: items.filter((i) => i.dueStatus === 'overdue').length,
    },
    capped: groups.some((g) => g.more),
    groups,
    mine,
  };
}

/**
 * The family of a task read from its own tables rather than from the case's state and step clock
 * (own-table-todos.ts): the correction's and the follow-up visits' tasks go on after the case is
 * closed, each with its own due day. Null for the procedure's tasks.
 */
function ownTableFamily(action: TodoAction): 'correction' | 'visit' | 'clearing' | null {
  if (isCorrectionTask(action)) return 'correction';
  if (isVisitTask(action)) return 'visit';
  if (isClearingTask(action)) return 'clearing';
  return null;
}

/** The cases on which `action` waits for the actor, not already listed under an earlier task. */
async function todoGroup(
  ctx: AppContext,
  tx: AnyDb,
  actor: Actor,
  action: TodoAction,
  today: string,
  seen: Set<string>,
): Promise<TodoGroup> {
  if (isCorrectionTask(action)) return correctionGroup(ctx, tx, actor, action, today, seen);
  if (isVisitTask(action)) return visitGroup(ctx, tx, actor, action, today, seen);
  if (isClearingTask(action)) return clearingGroup(ctx, tx, actor, action, today, seen);
  const { found, truncated } = await candidates(tx, actor, action);
  const ids = found.map((f) => f.row.id);
  const members = await membersOf(tx, ids);
  // The consultation's tasks depend on who answered and who has users (CaseSubject.consultations).
  const consulted = CONSULTATION_TASKS.has(action) ? await consultationSubjects(tx, ids) : null;
  const items: TodoItem[] = [];
  let unread = false;
  for (const f of found) {
    if (seen.has(f.row.id)) continue;
    if (items.length === TODO_LIMIT) {
      unread = true;
      break;
    }
    const plain = loadedCaseOf(ctx, { ...f, members: members.get(f.row.id) ?? [] });
    const loaded = consulted ? withConsultationList(plain, consulted.get(f.row.id) ?? []) : plain;
    if (refusal(actor, action, loaded.subject) !== null) continue;
    seen.add(f.row.id);
    items.push(todoItem(ctx, f, loaded.subject, action, today));
  }
  return { action, items, more: truncated || unread };
}

function todoItem(
  ctx: AppContext,
  f: Candidate,
  subject: CaseSubject,
  action: TodoAction,
  today: string,
): TodoItem {
  const challenge = action === 'requestReview' || action === 'requestAppeal';
  const dueOn = challenge ? (subject.challengeWindowEnds ?? null) : f.row.stepDueOn;
  return todoItemOf(ctx, f, dueOn, today);
}

/**
 * A case as the to-do list names it, with its task's due day and how near that is. `clock` is
 * what says whether a deadline runs (the case's state and suspension, by default).
 */
export function todoItemOf(
  ctx: AppContext,
  f: Candidate,
  dueOn: string | null,
  today: string,
  clock: { readonly state: string; readonly suspendedSince: string | null } = f.row,
): TodoItem {
  const { row } = f;
  const state = row.state as CaseState;
  const horizon = dueSoonHorizon(ctx.calendars.get(f.jurisdiction.calendarId), today);
  return {
    caseId: row.id,
    number: row.number,
    title: row.title,
    official: f.officialName,
    state,
    stateLabel: STATE_LABEL[state],
    stepLabel: STEP_LABEL[row.step] ?? { zh: row.step, en: row.step },
    dueOn,
    dueStatus: dueStatusOf({ ...clock, stepDueOn: dueOn }, today, horizon),
    subjectId: null,
  };
}

/** The cases the actor is a party to, newest activity first, with what they may do on each. */
async function myCases(ctx: AppContext, tx: AnyDb, actor: Actor, today: string): Promise<MyCase[]> {
  const rows = await tx
    .select({ row: cases, jurisdiction: jurisdictions })
    .from(cases)
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .where(or(...partyCases(actor)))
    .orderBy(desc(cases.updatedAt), asc(cases.id))
    .limit(MINE_LIMIT);
  const members = await membersOf(
    tx,
    rows.map((r) => r.row.id),
  );
  return rows.map(({ row, jurisdiction }) => {
    const loaded = loadedCaseOf(ctx, { row, jurisdiction, members: members.get(row.id) ?? [] });
    const state = row.state as CaseState;
    const horizon = dueSoonHorizon(ctx.calendars.get(jurisdiction.calendarId), today);
    return {
      caseId: row.id,
      number: row.number,
      title: row.title,
      state,
      stateLabel: STATE_LABEL[state],
      stepLabel: STEP_LABEL[row.step] ?? { zh: row.step, en: row.step },
      stepDueOn: row.stepDueOn,
      dueStatus: dueStatusOf(row, today, horizon),
      actions: actionStatuses(actor, loaded.subject)
        .filter((s) => s.allowed)
        .map((s) => s.action),
      decided: DECISION_IN_FORCE.has(state),
    };
  });
}
