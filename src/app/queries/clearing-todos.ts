/**
 * The name clearing's tasks on the to-do list (工作台, todos.ts): the notices the deciding body's
 * chair has to issue (clearings recorded), the clearings whose notice is out and whose publicity is
 * still to decide (made public with the official's consent, or closed), and the false accusations
 * still to refer on. Read from their own table (own-table-todos.ts, name_clearings): a clearing
 * goes on after the case is closed. None has a due day of its own. Each case is then loaded with
 * its clearing (`withClearing`, as the clearing use cases load it) and kept only when the rule
 * (policies.ts) allows the task; the workbench opens the case, where the clearing card is.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { withClearing } from '../clearings/subject.js';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db.js';
import { cases, nameClearings } from '../tables.js';
import { ownTableGroup, staffScope } from './own-table-todos.js';
import { TODO_LIMIT, type TodoAction, type TodoGroup } from './todos.js';

const TASKS = ['issueClearingNotice', 'publicizeClearing', 'referAccuser'] as const;
type ClearingTask = (typeof TASKS)[number];

export function isClearingTask(action: TodoAction): action is ClearingTask {
  return (TASKS as readonly string[]).includes(action);
}

/** The clearings that may hold the task. */
function clearingsOf(action: ClearingTask) {
  if (action === 'issueClearingNotice') return eq(nameClearings.state, 'recorded');
  if (action === 'publicizeClearing') return eq(nameClearings.state, 'notice_issued');
  return and(eq(nameClearings.finding, 'false_accusation'), isNull(nameClearings.referredOn));
}

export async function clearingGroup(
  ctx: AppContext,
  tx: AnyDb,
  actor: Actor,
  action: ClearingTask,
  today: string,
  seen: Set<string>,
): Promise<TodoGroup> {
  const scope = staffScope(actor, action);
  if (scope === undefined) return { action, items: [], more: false };
  const rows = await tx
    .select({ caseId: nameClearings.caseId, dueOn: sql<string | null>`null` })
    .from(nameClearings)
    .innerJoin(cases, eq(cases.id, nameClearings.caseId))
    .where(and(clearingsOf(action), scope))
    .orderBy(asc(nameClearings.recordedOn), asc(nameClearings.caseId))
    .limit(TODO_LIMIT + 1);
  // The task is on the case's clearing: the workbench opens the case.
  const owned = rows.map((r) => ({ ...r, subjectId: null }));
  return ownTableGroup(ctx, tx, actor, action, today, seen, owned, (loaded) =>
    withClearing(tx, loaded),
  );
}
