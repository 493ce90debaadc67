/**
 * The to-do list's tasks read from their own tables (todos.ts): the correction's
 * (correction-todos.ts), the follow-up visits' (visit-todos.ts) and the name clearing's
 * (clearing-todos.ts). Unlike the procedure's tasks
 * they go on after a case is closed, and their due day is their own (an action's deadline, a
 * review's day, a visit's), so their candidates come from their own rows in the actor's scope, not
 * from the case's state and step clock. Each candidate case is then loaded as a transition loads
 * it, with what the task's use case loads beside it (the correction, the visit), and kept only
 * when the rule (policies.ts) allows the task.
 */
import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { CASE_RULES, refusal } from '../../domain/policies.js';
import type { Actor, Role } from '../../domain/roles.js';
import { loadedCaseOf, type LoadedCase } from '../cases/record.js';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db.js';
import { cases, jurisdictions, officials } from '../tables.js';
import { grantedScopes, under } from './case-list.js';
import {
  membersOf,
  todoItemOf,
  TODO_LIMIT,
  type Candidate,
  type TodoAction,
  type TodoGroup,
  type TodoItem,
} from './todos.js';

/** A row that may hold the task: its case, what it is about (a visit; null: the case) and due day. */
export interface OwnTableRow {
  readonly caseId: string;
  readonly subjectId: string | null;
  readonly dueOn: string | null;
}

/**
 * The staff scope of a task whose rule names roles: the jurisdictions the actor holds one of them
 * over (the rule's own scope, 'same' or the subtree); undefined when they hold none. Owners are
 * found by their rows instead (correction-todos.ts).
 */
export function staffScope(actor: Actor, action: TodoAction): SQL | undefined {
  const rule = CASE_RULES[action];
  if (rule.who === 'owner') return sql`true`;
  // The roles and the scope of the task's rule (policies.ts); the rule decides again per case.
  const { jurisdictions: js } = grantedScopes(actor, rule.who as readonly Role[]);
  if (js.length === 0) return undefined;
  return rule.scope === 'same'
    ? or(...js.map((j) => eq(cases.jurisdictionPath, j.path)))
    : or(...js.map((j) => under(cases.jurisdictionPath, j.path)));
}

/**
 * The group of a task from its rows (read nearest due first, at most TODO_LIMIT + 1): each case
 * loaded, `withSubject` adding what the task's rule reads, kept when the rule allows the task and
 * the case was not listed earlier in the family (`seen`).
 */
export async function ownTableGroup(
  ctx: AppContext,
  tx: AnyDb,
  actor: Actor,
  action: TodoAction,
  today: string,
  seen: Set<string>,
  rows: readonly OwnTableRow[],
  withSubject: (loaded: LoadedCase) => Promise<LoadedCase>,
): Promise<TodoGroup> {
  const listed = rows.slice(0, TODO_LIMIT);
  const found = await candidatesOf(
    tx,
    listed.map((r) => r.caseId),
  );
  const members = await membersOf(tx, [...found.keys()]);
  const items: TodoItem[] = [];
  for (const r of listed) {
    const f = found.get(r.caseId);
    if (!f || seen.has(r.caseId)) continue;
    const loaded = await withSubject(
      loadedCaseOf(ctx, { ...f, members: members.get(r.caseId) ?? [] }),
    );
    if (refusal(actor, action, loaded.subject) !== null) continue;
    seen.add(r.caseId);
    items.push({ ...itemOf(ctx, f, r.dueOn, today), subjectId: r.subjectId });
  }
  return { action, items, more: rows.length > TODO_LIMIT };
}

async function candidatesOf(tx: AnyDb, ids: readonly string[]): Promise<Map<string, Candidate>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ row: cases, jurisdiction: jurisdictions, officialName: officials.name })
    .from(cases)
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .innerJoin(officials, eq(officials.id, cases.officialId))
    .where(inArray(cases.id, [...ids]));
  return new Map(rows.map((r) => [r.row.id, r]));
}

function itemOf(ctx: AppContext, f: Candidate, dueOn: string | null, today: string): TodoItem {
  // The task runs on after the case is closed: its own deadline runs, whatever the case's state.
  return todoItemOf(ctx, f, dueOn, today, { state: 'notified', suspendedSince: null });
}
