/**
 * The answering page's state and what it sends (POST /api/survey/{token}, SurveyAnswerBody): an
 * item left blank is sent as null, a background question left blank is left out, an open answer
 * is sent trimmed and only when something is written.
 */
import type { SurveyAnswerBody, SurveyForm } from '../model';

export interface SheetState {
  /** Item id → the point of the scale chosen. */
  readonly answers: Readonly<Record<string, number>>;
  /** Background question id → the option chosen. */
  readonly demographics: Readonly<Record<string, string>>;
  /** Open question id → the text written. */
  readonly openAnswers: Readonly<Record<string, string>>;
}

export const EMPTY_SHEET: SheetState = { answers: {}, demographics: {}, openAnswers: {} };

/** The items answered, of those the form asks. */
export function answeredCount(form: SurveyForm, sheet: SheetState): number {
  return form.instrument.items.filter((i) => sheet.answers[i.id] !== undefined).length;
}

/** Whether nothing at all is answered (the server refuses an empty sheet: SURVEY_EMPTY). */
export function isEmpty(sheet: SheetState): boolean {
  return (
    Object.keys(sheet.answers).length === 0 &&
    Object.keys(sheet.demographics).length === 0 &&
    Object.values(sheet.openAnswers).every((v) => v.trim() === '')
  );
}

export function answerBody(form: SurveyForm, sheet: SheetState): SurveyAnswerBody {
  const answers: Record<string, number | null> = {};
  for (const item of form.instrument.items) answers[item.id] = sheet.answers[item.id] ?? null;
  const demographics: Record<string, string> = {};
  for (const d of form.instrument.demographics) {
    const v = sheet.demographics[d.id];
    if (v !== undefined) demographics[d.id] = v;
  }
  const openAnswers: Record<string, string> = {};
  for (const q of form.instrument.openQuestions) {
    const v = sheet.openAnswers[q.id]?.trim();
    if (v) openAnswers[q.id] = v;
  }
  return { answers, demographics, openAnswers };
}

/** Without one key (a question cleared back to blank). */
export function without<T>(map: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = map;
  return rest;
}
