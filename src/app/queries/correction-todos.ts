/**
 * The correction's tasks on the to-do list (工作台, todos.ts): the actions an owner has to submit,
 * the submissions the organization department has to verify, the effectiveness reviews that have
 * fallen due. Read from their own tables (own-table-todos.ts): they go on after a case is closed,
 * and their due day is the correction's own — the nearest open action's deadline, or the review's
 * due day. Candidates are read from the correction tables (migration 0020) in the actor's scope;
 * each is then loaded as a transition loads it, with its correction (`withCorrection`), and kept
 * only when the rule (policies.ts) allows the task.
 */
import { and, asc, eq, inArray, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { withCorrection } from '../cases/record.js';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db.js';
import { cases, correctionActions, corrections, units } from '../tables.js';
import { ownTableGroup, staffScope } from './own-table-todos.js';
import { escapeLike } from './paging.js';
import { TODO_LIMIT, type TodoAction, type TodoGroup } from './todos.js';

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
  // The task is on the case's correction: the workbench opens the case.
  const owned = rows.map((r) => ({ ...r, subjectId: null }));
  return ownTableGroup(ctx, tx, actor, action, today, seen, owned, (loaded) =>
    withCorrection(ctx, tx, loaded),
  );
}
