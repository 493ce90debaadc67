/**
 * The follow-up visits' tasks on the to-do list (工作台, todos.ts): for the organization
 * department's liaison, the scheduled visits to make and record (due on the visit's `due_on`), and
 * the recorded visits not yet sent to the organization department (no due day; the longest
 * recorded first). Read from their own tables (own-table-todos.ts, migration 0022): they go on
 * after a case is closed. Only the visit of the determination in force counts, as the rules see
 * it; each case is then loaded with its follow-up (`withFollowUp`, as the visit use cases load it)
 * and kept only when recordVisit or reportVisit (policies.ts) allows it. The workbench links each
 * to the 回访 screen, on that visit (`subjectId`).
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db.js';
import { CASE_RULES } from '../../domain/policies.js';
import { VISIT_TASKS } from '../../shared/visits.js';
import { cases, determinations, followUpVisits } from '../tables.js';
import { inForce, withFollowUp } from '../visits/subject.js';
import { ownTableGroup, staffScope } from './own-table-todos.js';
import { TODO_LIMIT, type TodoAction, type TodoGroup } from './todos.js';

type VisitTask = (typeof VISIT_TASKS)[number];

export function isVisitTask(action: TodoAction): action is VisitTask {
  return (VISIT_TASKS as readonly string[]).includes(action);
}

/** The visits that may hold the task, its due day, and the order they are listed in. */
function visitsOf(action: VisitTask) {
  if (action === 'recordVisit') {
    return {
      where: eq(followUpVisits.state, 'scheduled'),
      due: sql<string | null>`${followUpVisits.dueOn}`,
      order: followUpVisits.dueOn,
    };
  }
  return {
    where: and(eq(followUpVisits.state, 'done'), isNull(followUpVisits.reportedOn)),
    due: sql<string | null>`null`,
    order: followUpVisits.visitedOn,
  };
}

export async function visitGroup(
  ctx: AppContext,
  tx: AnyDb,
  actor: Actor,
  action: VisitTask,
  today: string,
  seen: Set<string>,
): Promise<TodoGroup> {
  const scope = staffScope(actor, action);
  if (scope === undefined) return { action, items: [], more: false };
  const task = visitsOf(action);
  const states = CASE_RULES[action].states;
  const rows = await tx
    .select({ caseId: followUpVisits.caseId, subjectId: followUpVisits.id, dueOn: task.due })
    .from(followUpVisits)
    .innerJoin(cases, eq(cases.id, followUpVisits.caseId))
    .innerJoin(determinations, eq(determinations.id, followUpVisits.determinationId))
    .where(
      and(
        task.where,
        scope,
        states === 'open' ? undefined : inArray(cases.state, [...states]),
        inForce(tx),
      ),
    )
    .orderBy(asc(task.order), asc(followUpVisits.id))
    .limit(TODO_LIMIT + 1);
  return ownTableGroup(ctx, tx, actor, action, today, seen, rows, (loaded) =>
    withFollowUp(tx, loaded, today),
  );
}
