/**
 * The to-do list as the workbench reads it (GET /api/todos): the types of the server's schemas
 * (src/api/todos.ts), and where on the case page each task is done.
 */
export type {
  CaseTask,
  MyCase,
  TaskReason,
  TodoGroup,
  TodoItem,
  Todos,
} from '../../../../src/api/index.js';

/** The case page, scrolled to the action box's entry for `task` (or 'document': the decision). */
export function taskHref(caseId: string, task: string): string {
  return `/cases/${encodeURIComponent(caseId)}#task-${task}`;
}
