/**
 * Loading packs and input files for the commands. Unlike `loadPacks` in src/packs, a shipped pack
 * that cannot be loaded does not stop commands about other packs: it is set aside with its error,
 * and reported when it is the pack asked for (or by `check` and `list`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { packFilesIn, readPackFile, shippedPacksDir } from '../packs/loader.js';
import { diag, PolicyError } from '../policy/errors.js';
import type { Pack } from '../policy/model.js';
import { PackSet } from '../policy/resolve.js';
import { cliFail } from './errors.js';
import type { Io } from './io.js';
import { jsonSyntaxError } from './json.js';

/** A pack file that could not be loaded. */
export interface BrokenPack {
  readonly file: string;
  /** Folder name (the pack's id by convention) and id when it was read. */
  readonly dir: string;
  readonly id?: string;
  readonly error: PolicyError;
}

export interface LoadedSet {
  readonly set: PackSet;
  /** The packs in the set, shipped order, the named one in place of a shipped one of its id. */
  readonly packs: readonly Pack[];
  /** Folder of each pack's file, by id. */
  readonly dirs: ReadonlyMap<string, string>;
  /** Files that could not be read or resolved. */
  readonly broken: readonly BrokenPack[];
}

/** A path for messages: relative to the working directory when inside it. */
export function shown(io: Io, file: string): string {
  const rel = relative(io.cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Whether a pack argument names a file or folder rather than a pack id. */
export function isPathArg(io: Io, arg: string): boolean {
  return (
    arg.includes('/') ||
    arg.includes('\\') ||
    arg.endsWith('.yaml') ||
    arg.endsWith('.yml') ||
    arg === '.' ||
    arg === '..' ||
    existsSync(resolve(io.cwd, arg))
  );
}

/** The pack file a path argument names (a file, or a folder holding pack.yaml). */
export function packFileOf(io: Io, arg: string): string {
  let file = resolve(io.cwd, arg);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'pack.yaml');
  if (!existsSync(file)) {
    cliFail(`找不到策略包文件 ${arg}。`, `no pack file at ${arg}.`);
  }
  return file;
}

export function packsDir(io: Io): string {
  return io.packsDir ?? shippedPacksDir();
}

/**
 * The shipped packs, with `replace` (packs read from files given by the user) taking the place of
 * shipped packs of the same id. Packs that fail to load or resolve are set aside in `broken`.
 */
export function loadSet(io: Io, replace: readonly { pack: Pack; file: string }[] = []): LoadedSet {
  const broken: BrokenPack[] = [];
  const byId = new Map<string, Pack>();
  const dirs = new Map<string, string>();
  const replaced = new Set(replace.map((r) => r.pack.id));
  for (const f of packFilesIn(packsDir(io))) {
    const dir = dirname(f);
    let p: Pack;
    try {
      p = readPackFile(f);
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      broken.push({ file: f, dir: basename(dir), error: e });
      continue;
    }
    if (replaced.has(p.id)) continue;
    if (byId.has(p.id)) {
      broken.push({
        file: f,
        dir: basename(dir),
        id: p.id,
        error: new PolicyError([
          diag(
            'PACK_DUPLICATE_ID',
            'error',
            `策略包标识“${p.id}”重复（${p.file} 与 ${byId.get(p.id)!.file}）。`,
            `pack id '${p.id}' is used twice (${p.file} and ${byId.get(p.id)!.file}).`,
            p.at,
          ),
        ]),
      });
      continue;
    }
    byId.set(p.id, p);
    dirs.set(p.id, dir);
  }
  for (const r of replace) {
    byId.set(r.pack.id, r.pack);
    dirs.set(r.pack.id, dirname(r.file));
  }
  // Set aside packs the set refuses (unknown parent, cycles), one at a time.
  let pool = [...byId.values()];
  let set: PackSet | undefined;
  while (!set) {
    try {
      set = new PackSet(pool);
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      const file = e.diagnostics[0]?.at?.file;
      const culprit = pool.find((p) => p.file === file);
      if (!culprit) throw e;
      pool = pool.filter((p) => p !== culprit);
      broken.push({
        file: culprit.file,
        dir: basename(dirs.get(culprit.id) ?? ''),
        id: culprit.id,
        error: e,
      });
      dirs.delete(culprit.id);
    }
  }
  return { set, packs: pool, dirs, broken };
}

/**
 * Loads the packs with the one the user named (by id or path). Throws PolicyError when that pack
 * cannot be read or resolved, CliError when it does not exist.
 */
export function loadNamed(
  io: Io,
  arg: string,
  extra: readonly { pack: Pack; file: string }[] = [],
): LoadedSet & { readonly target: Pack } {
  if (isPathArg(io, arg)) {
    const file = packFileOf(io, arg);
    const pack = readPackFile(file);
    const loaded = loadSet(io, [{ pack, file }, ...extra]);
    const b = loaded.broken.find((x) => x.id === pack.id && x.file === pack.file);
    if (b) throw b.error;
    // An `extra` pack of the same id takes its place.
    return { ...loaded, target: loaded.set.get(pack.id) };
  }
  const loaded = loadSet(io, extra);
  if (!loaded.set.has(arg)) {
    const b = loaded.broken.find((x) => x.id === arg) ?? loaded.broken.find((x) => x.dir === arg);
    if (b) throw b.error;
  }
  return { ...loaded, target: loaded.set.get(arg) };
}

/** Reads a text file named on the command line, or standard input for "-". */
export async function readInput(
  io: Io,
  arg: string,
  what: { zh: string; en: string },
): Promise<string> {
  if (arg === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  const file = resolve(io.cwd, arg);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') cliFail(`找不到${what.zh} ${arg}。`, `no ${what.en} at ${arg}.`);
    if (code === 'EISDIR')
      cliFail(`${what.zh} ${arg} 是一个目录。`, `the ${what.en} ${arg} is a folder.`);
    cliFail(
      `无法读取${what.zh} ${arg}：${code ?? String(e)}。`,
      `cannot read the ${what.en} ${arg}: ${code ?? String(e)}.`,
    );
  }
}

/** Line and column (1-based) of a character offset in a text. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

/** Parses JSON, refusing it with the file, line and column of the problem. */
export function parseJsonText(text: string, where: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    if (body.trim() === '') {
      cliFail(
        `${where}：文件为空，应为一个 JSON 对象。`,
        `${where}: the file is empty; it must hold a JSON object.`,
      );
    }
    const found = jsonSyntaxError(text);
    if (found) {
      const { line, col } = lineCol(text, found.offset);
      cliFail(
        `${where}:${line}:${col}：不是有效的 JSON：${found.reason.zh}。`,
        `${where}:${line}:${col}: not valid JSON: ${found.reason.en}.`,
      );
    }
    const msg = e instanceof Error ? e.message : String(e);
    cliFail(`${where}：不是有效的 JSON（${msg}）。`, `${where}: not valid JSON (${msg}).`);
  }
}

/** Line and column of a key in a JSON text (for messages about a fact), if it can be found. */
export function keyLoc(text: string, key: string): { line: number; col: number } | undefined {
  const re = new RegExp(`${JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
  const m = re.exec(text);
  return m ? lineCol(text, m.index) : undefined;
}
