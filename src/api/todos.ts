/** GET /api/todos: the signed-in user's to-do list (工作台), src/app/queries/todos.ts. */
import { CaseState, CaseTaskAction, DueStatus } from './cases.js';
import {
  Count,
  DateString,
  I18nText,
  List,
  Locale,
  Nullable,
  Obj,
  Type,
  Uuid,
  type Static,
} from './common.js';

export const TodoItem = Obj({
  caseId: Uuid,
  number: Type.String(),
  title: Type.String(),
  official: Type.String({ description: 'The official concerned.' }),
  state: CaseState,
  stateLabel: I18nText,
  stepLabel: I18nText,
  dueOn: Nullable(DateString, {
    description:
      "The step's due day; for review and appeal, the window's last day; for the correction's and the visits' tasks, their own (an action's deadline, a review's day, a visit's; null for a submission to verify or a visit result to send).",
  }),
  dueStatus: Nullable(DueStatus),
  subjectId: Nullable(Uuid, {
    description:
      'What on the case the task is about, where it is a row of its own: the follow-up visit of recordVisit and reportVisit (the 回访 screen, /visits?visit=…). Null for the other tasks.',
  }),
});
export type TodoItem = Static<typeof TodoItem>;

export const TodoGroup = Obj({
  action: CaseTaskAction,
  items: List(TodoItem, { description: 'The nearest due first, at most 20.' }),
  more: Type.Boolean({ description: 'There may be more than these: open the case list.' }),
});
export type TodoGroup = Static<typeof TodoGroup>;

export const MyCase = Obj({
  caseId: Uuid,
  number: Type.String(),
  title: Type.String(),
  state: CaseState,
  stateLabel: I18nText,
  stepLabel: I18nText,
  stepDueOn: Nullable(DateString),
  dueStatus: Nullable(DueStatus),
  actions: List(CaseTaskAction, { description: 'What the party may do on it now.' }),
  decided: Type.Boolean({ description: 'A decision is in force; its document may be downloaded.' }),
});
export type MyCase = Static<typeof MyCase>;

export const Todos = Obj({
  today: DateString,
  dueSoonDays: Count,
  counts: Obj({
    waiting: Count,
    dueSoon: Count,
    overdue: Count,
  }),
  capped: Type.Boolean({
    description: 'Some kind of task has more cases than it lists: the counts are at least these.',
  }),
  groups: List(TodoGroup, { description: 'One per kind of task that waits, in procedure order.' }),
  mine: List(MyCase, { description: 'The cases the user is a party to, newest activity first.' }),
});
export type Todos = Static<typeof Todos>;

/** GET /api/todos/export.xlsx: the workbench's tasks as an Excel workbook. */
export const TodoExportQuery = Obj({
  lang: Type.Optional(Locale),
});
export type TodoExportQuery = Static<typeof TodoExportQuery>;
