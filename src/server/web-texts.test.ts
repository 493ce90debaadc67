/**
 * The web app's texts: Chinese and English hold the same keys, in the shared files and in each
 * area's files (plural suffixes aside), no text is empty, and no two areas define the same top-level key (areas merge).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(process.cwd(), 'web', 'src', 'i18n');

function keysOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    keysOf(v, prefix ? `${prefix}.${k}` : k),
  );
}

function load(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

const pairs: [name: string, zh: string, en: string][] = [
  ['shared', join(DIR, 'zh.json'), join(DIR, 'en.json')],
  ...readdirSync(join(DIR, 'areas'))
    .filter((f) => f.endsWith('.zh.json'))
    .map((f): [string, string, string] => [
      f.replace('.zh.json', ''),
      join(DIR, 'areas', f),
      join(DIR, 'areas', f.replace('.zh.json', '.en.json')),
    ]),
];

describe('web texts', () => {
  it.each(pairs)('%s: zh and en have the same keys, none empty', (_name, zhFile, enFile) => {
    const zh = load(zhFile);
    const en = load(enFile);
    // Plural forms differ by language (English has _one, Chinese only _other): compare the stems.
    const stems = (t: Record<string, unknown>) => [
      ...new Set(keysOf(t).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ''))),
    ];
    expect(stems(en).sort()).toEqual(stems(zh).sort());
    for (const [file, texts] of [
      [zhFile, zh],
      [enFile, en],
    ] as const) {
      const empty = keysOf(texts).filter((k) => {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], texts);
        return typeof v === 'string' && v.trim() === '';
      });
      expect(empty, `empty texts in ${file}`).toEqual([]);
    }
  });

  it('areas do not redefine each other’s or the shared top-level keys', () => {
    const seen = new Map<string, string>();
    for (const [name, zhFile] of pairs) {
      for (const key of Object.keys(load(zhFile))) {
        expect(seen.get(key), `top-level key '${key}' in ${name}`).toBeUndefined();
        seen.set(key, name);
      }
    }
  });
});
