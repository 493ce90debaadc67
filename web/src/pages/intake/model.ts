/**
 * The intake screens' shapes (src/api, as the server declares them) and the server's refusal
 * turned into errors on the fields it names.
 */
import type { FormInstance } from 'antd';
import { pick } from '../../i18n';
import type { Locale } from '../../shared';
import type { I18nText } from '../../types';

export type {
  CaseFilterOptions,
  CaseView,
  OfficialOption,
  OfficialsPage,
  PackAnswer,
  PackFact,
  RiskFilingItem,
  RiskFilingPage,
} from '../../../../src/api/index.js';

/** Today in the browser, as an ISO date (the latest date the forms accept). */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Puts the server's messages on the fields it named: every problem of a validation failure
 * (details.problems), else the one field of a refusal (details.field). `facts.x` goes to the
 * question of fact x. Returns whether any field was marked.
 */
export function markFields(
  form: FormInstance,
  details: Readonly<Record<string, unknown>>,
  text: unknown,
  fields: readonly string[],
  lang: Locale,
): boolean {
  const problems = Array.isArray(details['problems'])
    ? (details['problems'] as { field?: unknown; message?: unknown }[])
    : [{ field: details['field'], message: text }];
  const marks = problems.flatMap((p) => {
    if (typeof p.field !== 'string' || typeof p.message !== 'object' || p.message === null) {
      return [];
    }
    const name = p.field.startsWith('facts.') ? ['facts', p.field.slice(6)] : [p.field];
    if (name.length === 1 && !fields.includes(p.field)) return [];
    return [{ name, errors: [pick(p.message as I18nText, lang)] }];
  });
  form.setFields(marks);
  return marks.length > 0;
}
