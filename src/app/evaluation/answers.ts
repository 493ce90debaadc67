/**
 * Checking an answer sheet against its instrument: every Likert answer names an item of the
 * instrument and is a whole point of its scale, or is blank (null or left out); every background
 * answer names a demographic question and is one of its options, or is blank; every open answer
 * names an open question and is not too long. Each problem is its own error naming the field.
 * The sheet is stored in full: every item and question, blanks as null (open answers left blank
 * are left out).
 */
import type { Instrument } from '../../evaluation/model.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { AppError } from '../errors.js';
import { itemsOf } from './instruments.js';

export interface AnswerSheet {
  readonly answers: Readonly<Record<string, number | null>>;
  readonly demographics?: Readonly<Record<string, string | null>>;
  readonly openAnswers?: Readonly<Record<string, string>>;
}

export interface CheckedSheet {
  readonly answers: Record<string, number | null>;
  readonly demographics: Record<string, string | null>;
  readonly openAnswers: Record<string, string>;
}

function unknown(field: string, id: string, kind: { zh: string; en: string }): AppError {
  return new AppError(
    'SURVEY_UNKNOWN_QUESTION',
    { field, id },
    {
      zh: `${field}：本问卷没有编号为“${id}”的${kind.zh}，请刷新页面后重新填写。`,
      en: `${field}: this survey has no ${kind.en} '${id}'; reload the page and answer again.`,
    },
  );
}

function checkLikert(instrument: Instrument, given: AnswerSheet['answers']) {
  const { min, max } = instrument.scale;
  const out: Record<string, number | null> = {};
  for (const item of itemsOf(instrument)) out[item.id] = null;
  for (const [id, value] of Object.entries(given)) {
    if (!Object.hasOwn(out, id)) throw unknown(`answers.${id}`, id, { zh: '题目', en: 'item' });
    if (value === null) continue;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new AppError(
        'SURVEY_VALUE_OFF_SCALE',
        { field: `answers.${id}`, id, value, min, max },
        {
          zh: `answers.${id}：答案应为 ${min} 至 ${max} 之间的整数（或不答），而不是 ${String(value)}。`,
          en: `answers.${id}: an answer is a whole number from ${min} to ${max} (or blank), not ${String(value)}.`,
        },
      );
    }
    out[id] = value;
  }
  return out;
}

function checkDemographics(instrument: Instrument, given: AnswerSheet['demographics'] = {}) {
  const out: Record<string, string | null> = {};
  for (const d of instrument.demographics) out[d.id] = null;
  for (const [id, value] of Object.entries(given)) {
    const question = instrument.demographics.find((d) => d.id === id);
    if (!question)
      throw unknown(`demographics.${id}`, id, { zh: '基本情况题', en: 'background question' });
    if (value === null) continue;
    if (!question.options.some((o) => o.value === value)) {
      const values = question.options.map((o) => o.value);
      throw new AppError(
        'SURVEY_NOT_AN_OPTION',
        { field: `demographics.${id}`, id, options: values },
        {
          zh: `demographics.${id}：应为以下选项之一（或不答）：${values.join('、')}。`,
          en: `demographics.${id}: choose one of ${values.join(', ')} (or leave it blank).`,
        },
      );
    }
    out[id] = value;
  }
  return out;
}

function checkOpen(instrument: Instrument, given: AnswerSheet['openAnswers'] = {}) {
  const out: Record<string, string> = {};
  const { max } = TEXT_LIMITS.surveyOpenAnswer;
  for (const [id, value] of Object.entries(given)) {
    if (!instrument.openQuestions.some((q) => q.id === id)) {
      throw unknown(`openAnswers.${id}`, id, { zh: '开放题', en: 'open question' });
    }
    const text = value.trim();
    if ([...text].length > max) {
      throw new AppError(
        'VALIDATION',
        { field: `openAnswers.${id}` },
        {
          zh: `openAnswers.${id}：回答不能超过 ${max} 个字。`,
          en: `openAnswers.${id}: an answer is at most ${max} characters.`,
        },
      );
    }
    if (text !== '') out[id] = text;
  }
  return out;
}

/** The sheet checked and completed with blanks; SURVEY_EMPTY when nothing at all was answered. */
export function checkSheet(instrument: Instrument, sheet: AnswerSheet): CheckedSheet {
  const answers = checkLikert(instrument, sheet.answers);
  const demographics = checkDemographics(instrument, sheet.demographics);
  const openAnswers = checkOpen(instrument, sheet.openAnswers);
  const answered =
    Object.values(answers).some((v) => v !== null) ||
    Object.values(demographics).some((v) => v !== null) ||
    Object.keys(openAnswers).length > 0;
  if (!answered) throw new AppError('SURVEY_EMPTY');
  return { answers, demographics, openAnswers };
}
