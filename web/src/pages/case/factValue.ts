import { pick, type Lang } from '../../i18n';
import type { FactDecl } from '../../types';

/** A fact's value in words: yes/no, the enum's label, a number with its unit. */
export function factValue(
  value: unknown,
  decl: FactDecl | undefined,
  lang: Lang,
  words: { yes: string; no: string; unknown: string },
): string {
  if (value === null || value === undefined) return words.unknown;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (value === 'none' && decl?.none) return pick(decl.none, lang);
  if (typeof value === 'string' && decl?.values) {
    const v = decl.values.find((x) => x.value === value);
    if (v) return pick(v.label, lang);
  }
  if (Array.isArray(value)) {
    return value
      .map((x) => {
        const v = decl?.values?.find((d) => d.value === x);
        return v ? pick(v.label, lang) : String(x);
      })
      .join(', ');
  }
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const unit = typeof decl?.unit === 'string' ? decl.unit : pick(decl?.unit, lang);
  return unit ? `${text} ${unit}` : text;
}

/** Bytes in words: 12 KB, 3.4 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
