/**
 * The correction's tasks on the to-do list (工作台, todos.ts): the actions an owner has to submit,
 * the submissions the organization department has to verify, the effectiveness reviews that have
 * fallen due. Unlike the procedure's tasks they go on after a case is closed, and their due day is
 * the correction's own: the nearest open action's deadline, or the review's due day. Candidates
 * are read from the correction tables (migration 0020) in the actor's scope; each is then loaded
 * as a transition loads it and kept only when the rule (policies.ts) allows the task.
 */
import { and, asc, eq, inArray, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { CASE_RULES, refusal } from '../../domain/policies.js';
import type { Actor, Role } from '../../domain/roles.js';
import { correctionSubject, loadedCaseOf } from '../cases/record.js';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db.js';
import {
  cases,
  correctionActions,
  corrections,
  jurisdictions,
  officials,
  units,
} from '../tables.js';
import { grantedScopes, under } from './case-list.js';
import { escapeLike } from './paging.js';
import {
  membersOf,
  todoItemOf,
  TODO_LIMIT,
  type Candidate,
  type TodoAction,
  type TodoGroup,
  type TodoItem,
} from './todos.js';

const TASKS = ['submitCorrection', 'verifyCorrection', 'reviewCorrection'] as const;
type CorrectionTask = (typeof TASKS)[number];

export function isCorrectionTask(action: TodoAction): action is CorrectionTask {
  return (TASKS as readonly string[]).includes(action);
}

/** The cases whose correction may hold the task for the actor, with the task's due day. */
function dueOfTask(actor: Actor, action: CorrectionTask, today: string) {
  if (action === 'submitCorrection') {
    const mine: SQL[] = [];
    if (actor.officialId !== null)
      mine.push(eq(correctionActions.ownerOfficialId, actor.officialId));
    for (const g of actor.grants) {
      if (g.role === 'unit_party' && g.scopeKind === 'unit' && g.scopePath !== '') {
        mine.push(like(units.path, `${escapeLike(g.scopePath)}%`));
      }
    }
    return {
      due: sql<string | null>`min(${correctionActions.dueOn})`,
      where: mine.length === 0 ? undefined : and(eq(correctionActions.state, 'open'), or(...mine)),
    };
  }
  if (action === 'verifyCorrection') {
    return {
      due: sql<string | null>`null`,
      where: inArray(correctionActions.state, ['submitted', 'watch']),
    };
  }
  return {
    due: sql<string | null>`min(${corrections.reviewDueOn})`,
    where: and(eq(corrections.state, 'awaiting_review'), lte(corrections.reviewDueOn, today)),
  };
}

/** The staff scope of a task (verification and review: by jurisdiction); owners by their rows. */
function staffScope(actor: Actor, action: CorrectionTask): SQL | undefined {
  const rule = CASE_RULES[action];
  if (rule.who === 'owner') return sql`true`;
  // The roles and the scope of the task's rule (policies.ts); the rule decides again per case.
  const { jurisdictions: js } = grantedScopes(actor, rule.who as readonly Role[]);
  if (js.length === 0) return undefined;
  return rule.scope === 'same'
    ? or(...js.map((j) => eq(cases.jurisdictionPath, j.path)))
    : or(...js.map((j) => under(cases.jurisdictionPath, j.path)));
}

export async function correctionGroup(
  ctx: AppContext,
  tx: AnyDb,
  actor: Actor,
  action: CorrectionTask,
  today: string,
  seen: Set<string>,
): Promise<TodoGroup> {
  const task = dueOfTask(actor, action, today);
  const scope = staffScope(actor, action);
  if (task.where === undefined || scope === undefined) return { action, items: [], more: false };
  const rows = await tx
    .select({
      caseId: corrections.caseId,
      dueOn: task.due,
    })
    .from(corrections)
    .innerJoin(cases, eq(cases.id, corrections.caseId))
    .leftJoin(correctionActions, eq(correctionActions.correctionId, corrections.id))
    .leftJoin(units, eq(units.id, correctionActions.ownerUnitId))
    .where(and(task.where, scope))
    .groupBy(corrections.caseId)
    .orderBy(sql`2 asc nulls last`, asc(corrections.caseId))
    .limit(TODO_LIMIT + 1);
  const found = await candidatesOf(
    tx,
    rows.slice(0, TODO_LIMIT).map((r) => r.caseId),
  );
  const members = await membersOf(tx, [...found.keys()]);
  const items: TodoItem[] = [];
  for (const r of rows.slice(0, TODO_LIMIT)) {
    const f = found.get(r.caseId);
    if (!f || seen.has(r.caseId)) continue;
    const plain = loadedCaseOf(ctx, { ...f, members: members.get(r.caseId) ?? [] });
    const correction = await correctionSubject(tx, r.caseId, today);
    const subject = { ...plain.subject, correction };
    if (refusal(actor, action, subject) !== null) continue;
    seen.add(r.caseId);
    items.push(itemOf(ctx, f, r.dueOn, today));
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
  // The correction runs on after the case is closed: its own deadline runs, whatever the case's state.
  return todoItemOf(ctx, f, dueOn, today, { state: 'notified', suspendedSince: null });
}
