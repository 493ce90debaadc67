/**
 * Finding and reading policy packs on disk: the shipped packs under packs/, and packs given by
 * path. This is the I/O shell around the pure engine in src/policy.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail } from '../policy/errors.js';
import type { Pack } from '../policy/model.js';
import { parsePack } from '../policy/parse.js';
import { PackSet } from '../policy/resolve.js';

/** The packs/ folder shipped with rongcuo (works from src/ under Vitest and from dist/src/). */
export function shippedPacksDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'packs');
    if (existsSync(join(candidate, 'cn-national', 'pack.yaml'))) return candidate;
    dir = dirname(dir);
  }
  return resolve('packs');
}

/** A short path for messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export function readPackFile(file: string): Pack {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(
      'PACK_FILE_UNREADABLE',
      `无法读取策略包文件 ${displayPath(file)}：${(e as NodeJS.ErrnoException).code ?? String(e)}。`,
      `cannot read pack file ${displayPath(file)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`,
    );
  }
  return parsePack(text, displayPath(file));
}

/** Pack files in a folder: each subfolder's pack.yaml. */
export function packFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => join(dir, name, 'pack.yaml'))
    .filter((f) => existsSync(f));
}

export interface LoadedPacks {
  readonly set: PackSet;
  /** The pack the user named (by id or path), when one was named. */
  readonly target?: Pack;
  /** Folder of each pack's file, by pack id (scenario files live beside the pack). */
  readonly dirs: ReadonlyMap<string, string>;
}

/** Whether a user's pack argument is a path rather than an id. */
export function looksLikePath(arg: string): boolean {
  return (
    arg.includes('/') ||
    arg.includes('\\') ||
    arg.endsWith('.yaml') ||
    arg.endsWith('.yml') ||
    existsSync(arg)
  );
}

/**
 * Loads the shipped packs plus, if `target` is a path, that pack file (or folder with pack.yaml),
 * which replaces a shipped pack of the same id.
 */
export function loadPacks(target?: string, packsDir = shippedPacksDir()): LoadedPacks {
  const byId = new Map<string, Pack>();
  const dirs = new Map<string, string>();
  for (const f of packFilesIn(packsDir)) {
    const p = readPackFile(f);
    byId.set(p.id, p);
    dirs.set(p.id, dirname(f));
  }
  let named: Pack | undefined;
  if (target !== undefined) {
    if (looksLikePath(target)) {
      let file = resolve(target);
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'pack.yaml');
      if (!existsSync(file)) {
        fail('PACK_FILE_NOT_FOUND', `找不到策略包文件 ${target}。`, `no pack file at ${target}.`);
      }
      named = readPackFile(file);
      byId.set(named.id, named);
      dirs.set(named.id, dirname(file));
    } else {
      const set = new PackSet(byId.values());
      named = set.get(target);
      return { set, target: named, dirs };
    }
  }
  const set = new PackSet(byId.values());
  return named ? { set, target: named, dirs } : { set, dirs };
}
