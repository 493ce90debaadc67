/**
 * `npm run docs:config`: writes the reference table of every setting into
 * docs/operations/configuration.zh.md and .en.md, between the markers (reference.ts). Run it
 * after adding or changing a setting; src/config/reference.test.ts fails until it is run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceIsCurrent, withReference } from './reference.js';

/** The reference files, from the package root. */
export const REFERENCE_FILES = {
  zh: 'docs/operations/configuration.zh.md',
  en: 'docs/operations/configuration.en.md',
} as const;

/** The package root: the nearest directory above this module with rongcuo's package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (
      existsSync(file) &&
      (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'rongcuo'
    ) {
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the package root above ' + import.meta.url);
    dir = up;
  }
}

async function main(): Promise<void> {
  const root = packageRoot();
  // Formatted as `npm run lint` wants it (prettier aligns the table's columns).
  const prettier = await import('prettier');
  for (const [lang, path] of Object.entries(REFERENCE_FILES) as ['zh' | 'en', string][]) {
    const file = join(root, path);
    const before = readFileSync(file, 'utf8');
    if (referenceIsCurrent(before, lang)) {
      process.stdout.write(`current: ${path}\n`);
      continue;
    }
    const options = (await prettier.resolveConfig(file)) ?? {};
    const after = await prettier.format(withReference(before, lang), {
      ...options,
      filepath: file,
    });
    writeFileSync(file, after);
    process.stdout.write(`written: ${path}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    process.stderr.write(`docs:config: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
