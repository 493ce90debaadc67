/** Small helpers for human-readable output in two languages. */
import type { I18nText, Lang } from '../policy/model.js';

export const tr = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);

/** Replaces every {zh, en} text inside a value by its text in one language (for JSON output). */
export function localize(value: unknown, lang: Lang): unknown {
  if (Array.isArray(value)) return value.map((v) => localize(v, lang));
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 2 && typeof o.zh === 'string' && typeof o.en === 'string') {
      return o[lang];
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = localize(o[k], lang);
    return out;
  }
  return value;
}

/** Terminal width of a text: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

/** "不予容错（not_tolerated）" / "Not tolerated (not_tolerated)". */
export function labelled(label: I18nText | undefined, id: string, lang: Lang): string {
  if (!label || label[lang] === id) return id;
  return lang === 'zh' ? `${label.zh}（${id}）` : `${label.en} (${id})`;
}

/** Makes a message safe for a one-line report: no line breaks. */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** "collective（集体决策）" / "collective (Collective decision)": a code with its label. */
export function codeWithLabel(code: string, label: I18nText | undefined, lang: Lang): string {
  if (!label) return code;
  return lang === 'zh' ? `${code}（${label.zh}）` : `${code} (${label.en})`;
}

/**
 * Several messages as one sentence: each message's own full stop gives way to the separator
 * ('；' in Chinese, '; ' in English), so no "。；" or ".;" appears; the last keeps its ending.
 */
export function joinMessages(messages: readonly string[], lang: Lang): string {
  const sep = lang === 'zh' ? '；' : '; ';
  return messages
    .map((m, i) => (i < messages.length - 1 ? m.trimEnd().replace(/[。.]$/u, '') : m))
    .join(sep);
}
