/**
 * Diagnostics and errors of the policy engine. Each has a stable code, a severity, a message in
 * zh and en saying what is wrong and how to fix it, and where (file, line, path) when known.
 */
import type { I18nText, Lang, Loc } from './model.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable code, e.g. POLICY_UNKNOWN_FACT. Never reworded once published. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: I18nText;
  readonly at?: Loc;
}

export function diag(
  code: string,
  severity: Severity,
  zh: string,
  en: string,
  at?: Loc,
): Diagnostic {
  return Object.freeze(
    at ? { code, severity, message: { zh, en }, at } : { code, severity, message: { zh, en } },
  );
}

/** Renders `file:line:col` (or just the file) for a location. */
export function formatLoc(at: Loc | undefined): string {
  if (!at) return '';
  return at.line > 0 ? `${at.file}:${at.line}:${at.col}` : at.file;
}

export function formatDiagnostic(d: Diagnostic, lang: Lang): string {
  const where = formatLoc(d.at);
  const label = lang === 'zh' ? (d.severity === 'error' ? '错误' : '警告') : d.severity;
  return `${where ? where + ': ' : ''}${label} ${d.code}: ${d.message[lang]}`;
}

/**
 * Thrown when input cannot be used: a malformed pack, a bad fact set, a date outside every version.
 * Carries one or more diagnostics; the first is the headline.
 */
export class PolicyError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const first = diagnostics[0];
    super(first ? `${first.code}: ${first.message.en}` : 'policy error');
    this.name = 'PolicyError';
    this.diagnostics = diagnostics;
  }
  get code(): string {
    return this.diagnostics[0]?.code ?? 'POLICY_ERROR';
  }
  format(lang: Lang): string {
    const first = this.diagnostics[0];
    return first ? formatDiagnostic(first, lang) : this.message;
  }
}

export function fail(code: string, zh: string, en: string, at?: Loc): never {
  throw new PolicyError([diag(code, 'error', zh, en, at)]);
}

/** Edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = levenshtein(w, c.toLowerCase());
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return best !== undefined &&
    bestScore <= Math.max(1, Math.floor(word.length / 3)) &&
    bestScore < word.length
    ? best
    : undefined;
}

function levenshtein(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = up;
    }
  }
  return prev[b.length]!;
}

export function didYouMean(word: string, candidates: Iterable<string>): I18nText {
  const c = closest(word, candidates);
  return c ? { zh: `是否应为“${c}”？`, en: `Did you mean '${c}'?` } : { zh: '', en: '' };
}
