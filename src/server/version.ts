/**
 * Which version and build run, for the health answers: the version in package.json, and the build
 * from RONGCUO_BUILD (setting observability.build), else the first line of the file BUILD at the
 * package root (a packager writes it, e.g. `git rev-parse --short HEAD > BUILD`), else the commit
 * of a git checkout at the package root (read from .git, no git command run), else unknown.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildInfo } from '../api/health.js';

/** The package root (the directory of rongcuo's package.json), from src/server or dist/src/server. */
function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'rongcuo') return dir;
    } catch {
      // not here; look one level up
    }
    dir = dirname(dir);
  }
  return undefined;
}

/**
 * The commit a git checkout at `root` stands at (12 hex digits), or undefined: .git/HEAD, a branch
 * it names in .git/refs/heads/ or in .git/packed-refs. A worktree's or submodule's `.git` file is
 * not followed.
 */
export function gitCommit(root: string): string | undefined {
  const read = (path: string) => {
    try {
      return readFileSync(join(root, '.git', path), 'utf8');
    } catch {
      return undefined;
    }
  };
  const head = read('HEAD')?.trim();
  if (head === undefined) return undefined;
  const ref = /^ref: (refs\/\S+)$/.exec(head)?.[1];
  const sha = ref
    ? (read(ref)?.trim() ??
      read('packed-refs')
        ?.split('\n')
        .find((l) => l.endsWith(` ${ref}`))
        ?.split(' ')[0])
    : head;
  return sha !== undefined && /^[0-9a-f]{40}$/.test(sha) ? sha.slice(0, 12) : undefined;
}

export interface VersionInfo {
  readonly version: string;
  readonly build: BuildInfo;
}

/** The version and build; `configured` is the setting RONGCUO_BUILD (undefined when unset). */
export function versionInfo(configured: string | undefined, root = packageRoot()): VersionInfo {
  let version = '0.0.0';
  let fromFile: string | undefined;
  let fromGit: string | undefined;
  if (root !== undefined) {
    try {
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        version?: string;
      };
      version = pkg.version ?? version;
    } catch {
      // keep 0.0.0
    }
    try {
      fromFile = readFileSync(join(root, 'BUILD'), 'utf8').split('\n')[0]?.trim() || undefined;
    } catch {
      // no BUILD file
    }
    fromGit = gitCommit(root);
  }
  const build: BuildInfo =
    configured !== undefined
      ? { id: configured, source: 'env' }
      : fromFile !== undefined
        ? { id: fromFile.slice(0, 200), source: 'file' }
        : fromGit !== undefined
          ? { id: fromGit, source: 'git' }
          : { id: null, source: 'unknown' };
  return { version, build };
}
