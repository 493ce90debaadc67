/**
 * The application form's values and the pure helpers around them: the answers given, an answer in
 * words, and the server's refusal turned into errors on the fields it names.
 */
import type { FormInstance } from 'antd';
import { pick } from '../../i18n';
import type { Locale } from '../../shared';
import type { I18nText } from '../../types';
import { NONE } from '../../components/NoneOr';
import { NOT_SURE } from './FactQuestion';
import type { ApplyFact, FactValue } from './types';

export interface ApplyValues {
  officialId?: string;
  title?: string;
  conductDate?: string;
  /** The day the official was notified of the accountability decision, where one was made. */
  accountabilityNotifiedOn?: string;
  summary?: string;
  facts?: Record<string, FactValue | typeof NOT_SURE | null | undefined>;
}

export type ApplyForm = FormInstance<ApplyValues>;

/** One field's new state for form.setFields. */
type FieldUpdate = Parameters<ApplyForm['setFields']>[0][number];

/** The fields of the first step, validated before going on. */
export const BASIC_FIELDS = [
  'officialId',
  'title',
  'conductDate',
  'accountabilityNotifiedOn',
  'summary',
] as const;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The answers the applicant gave (not "not sure", not empty), for the facts the pack asks. */
export function knownFacts(
  facts: ApplyValues['facts'],
  asked: readonly ApplyFact[],
): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const f of asked) {
    const v = facts?.[f.id];
    if (v === undefined || v === null || v === NOT_SURE) continue;
    out[f.id] = v;
  }
  return out;
}

/** An answer in words, for the review. */
export function answerText(
  f: ApplyFact,
  v: FactValue,
  lang: Locale,
  t: (k: string) => string,
): string {
  if (typeof v === 'boolean') return v ? t('official.apply.yes') : t('official.apply.no');
  if (v === NONE && f.none) return pick(f.none, lang);
  if (f.type === 'enum') {
    const o = f.values?.find((x) => x.value === v);
    return o ? pick(o.label, lang) : String(v);
  }
  if (f.type === 'number' && f.unit) return `${String(v)} ${pick(f.unit, lang)}`;
  return String(v);
}

/**
 * The fields the server named as wrong, each with its message: every problem of a validation
 * failure (details.problems), else the one field of a refusal (details.field).
 */
export function fieldErrors(
  details: Readonly<Record<string, unknown>>,
  text: unknown,
  asked: readonly ApplyFact[],
  lang: Locale,
): FieldUpdate[] {
  const problems = Array.isArray(details['problems'])
    ? (details['problems'] as { field?: unknown; message?: unknown }[])
    : [{ field: details['field'], message: text }];
  return problems.flatMap((p): FieldUpdate[] => {
    if (typeof p.field !== 'string' || typeof p.message !== 'object' || p.message === null) {
      return [];
    }
    const message = pick(p.message as I18nText, lang);
    const [head, fact] = p.field.split('.');
    if (head === 'facts' && fact && asked.some((f) => f.id === fact)) {
      return [{ name: ['facts', fact], errors: [message] }];
    }
    return (BASIC_FIELDS as readonly string[]).includes(p.field)
      ? [{ name: p.field as (typeof BASIC_FIELDS)[number], errors: [message] }]
      : [];
  });
}
