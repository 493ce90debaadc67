/**
 * The to-do list as the workbench reads it (GET /api/todos): the types of the server's schemas
 * (src/api/todos.ts), and where each task is done.
 */
import { VISIT_TASKS, visitHref } from '../../shared';

export type {
  CaseTask,
  MyCase,
  TaskReason,
  TodoGroup,
  TodoItem,
  Todos,
} from '../../../../src/api/index.js';

const ON_THE_VISITS_SCREEN: ReadonlySet<string> = new Set(VISIT_TASKS);

/**
 * Where a task is done: a visit's on the 回访 screen, on that visit (`subjectId`: the case page has
 * no visit form); any other on the case page, scrolled to the action box's entry for `task` (or
 * 'document': the decision).
 */
export function taskHref(caseId: string, task: string, subjectId: string | null = null): string {
  if (subjectId !== null && ON_THE_VISITS_SCREEN.has(task)) return visitHref(subjectId);
  return `/cases/${encodeURIComponent(caseId)}#task-${task}`;
}
