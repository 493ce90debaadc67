/**
 * Official numbers (发文字号) as an administrator sets them, defined once for the server and the
 * web app: the numbered kinds (the case number 受理编号 and each document type), the placeholders
 * a pattern may hold, what it must hold, and what it produces — so that the settings screen shows
 * the number a pattern would give before it is saved, and the server checks the same way.
 */
import type { I18nText } from '../policy/model.js';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_LABEL } from './documents.js';

/** What carries a number: the case itself, then the documents of a case. */
export const NUMBERED_TYPES = ['case', ...DOCUMENT_TYPES] as const;
export type NumberedType = (typeof NUMBERED_TYPES)[number];

export const NUMBERED_TYPE_LABEL: Readonly<Record<NumberedType, I18nText>> = {
  case: { zh: '受理编号', en: 'Case number' },
  ...DOCUMENT_TYPE_LABEL,
};

/** The placeholders of a pattern: the issuing code (机关代字), the year, the serial. */
export const NUMBER_PLACEHOLDERS = ['{code}', '{year}', '{n}'] as const;
/** A number without the year or the serial would repeat: every pattern holds both. */
export const REQUIRED_PLACEHOLDERS = ['{year}', '{n}'] as const;

export const NUMBERING_LIMITS = { code: 16, pattern: 64 } as const;

/**
 * The placeholders as a Chinese screen writes them ({代字}, {年份}, {序号}): a pattern may be typed
 * either way and is stored with the canonical ones.
 */
export const PLACEHOLDER_ZH: Readonly<Record<(typeof NUMBER_PLACEHOLDERS)[number], string>> = {
  '{code}': '{代字}',
  '{year}': '{年份}',
  '{n}': '{序号}',
};

/** A pattern with the canonical placeholders (Chinese ones replaced). */
export function canonicalPattern(pattern: string): string {
  let out = pattern;
  for (const [canonical, zh] of Object.entries(PLACEHOLDER_ZH)) out = out.replaceAll(zh, canonical);
  return out;
}

/** A pattern as a screen in `lang` writes it. */
export function shownPattern(pattern: string, lang: 'zh' | 'en'): string {
  if (lang !== 'zh') return pattern;
  let out = pattern;
  for (const [canonical, zh] of Object.entries(PLACEHOLDER_ZH)) out = out.replaceAll(canonical, zh);
  return out;
}

export type PatternProblem =
  | { readonly kind: 'missing'; readonly placeholder: string }
  | { readonly kind: 'unknown'; readonly token: string }
  | { readonly kind: 'tooLong'; readonly max: number };

/** What is wrong with a pattern, or null when it may be saved. */
export function patternProblem(typed: string): PatternProblem | null {
  const pattern = canonicalPattern(typed);
  if ([...pattern].length > NUMBERING_LIMITS.pattern) {
    return { kind: 'tooLong', max: NUMBERING_LIMITS.pattern };
  }
  const unknown = (pattern.match(/\{[^}]*\}?/g) ?? []).find(
    (t) => !(NUMBER_PLACEHOLDERS as readonly string[]).includes(t),
  );
  if (unknown !== undefined) return { kind: 'unknown', token: unknown };
  const missing = REQUIRED_PLACEHOLDERS.find((p) => !pattern.includes(p));
  return missing ? { kind: 'missing', placeholder: missing } : null;
}

/** The problem in words: what is wrong, and how to fix it. */
export function patternProblemText(problem: PatternProblem): I18nText {
  switch (problem.kind) {
    case 'missing':
      return problem.placeholder === '{year}'
        ? {
            zh: '文号格式缺少年份占位符 {年份}，请在六角括号内加入，如“〔{年份}〕”。',
            en: 'The pattern lacks the year placeholder {year}; add it, e.g. “〔{year}〕”.',
          }
        : {
            zh: '文号格式缺少序号占位符 {序号}，请加入，如“{序号}号”。',
            en: 'The pattern lacks the serial placeholder {n}; add it, e.g. “{n}号”.',
          };
    case 'unknown':
      return {
        zh: `文号格式中的“${problem.token}”不是可用的占位符；可用的占位符为 {代字}（机关代字）、{年份}、{序号}。`,
        en: `“${problem.token}” is not a placeholder; use {code} (issuing code), {year} (year) and {n} (serial).`,
      };
    case 'tooLong':
      return {
        zh: `文号格式不能超过 ${problem.max} 个字。`,
        en: `A pattern has at most ${problem.max} characters.`,
      };
  }
}

/** What is wrong with an issuing code (机关代字), or null. */
export function codeProblem(code: string): I18nText | null {
  if ([...code].length > NUMBERING_LIMITS.code) {
    return {
      zh: `机关代字不能超过 ${NUMBERING_LIMITS.code} 个字。`,
      en: `The issuing code has at most ${NUMBERING_LIMITS.code} characters.`,
    };
  }
  if (/[{}\s]/u.test(code)) {
    return {
      zh: '机关代字不能含有空格或花括号。',
      en: 'The issuing code may not contain spaces or braces.',
    };
  }
  return null;
}

/** The number a pattern gives: `{code}` → the issuing code, `{year}`, `{n}` → the serial. */
export function formatNumber(pattern: string, code: string, year: number, serial: number): string {
  return pattern
    .replaceAll('{code}', code)
    .replaceAll('{year}', String(year))
    .replaceAll('{n}', String(serial));
}
