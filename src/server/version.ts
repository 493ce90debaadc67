/**
 * Which version and build run, for the health answers: the version in package.json, and the build
 * from RONGCUO_BUILD (setting observability.build), else the first line of the file BUILD at the
 * package root (a packager writes it, e.g. `git rev-parse --short HEAD > BUILD`), else unknown.
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

export interface VersionInfo {
  readonly version: string;
  readonly build: BuildInfo;
}

/** The version and build; `configured` is the setting RONGCUO_BUILD (undefined when unset). */
export function versionInfo(configured: string | undefined, root = packageRoot()): VersionInfo {
  let version = '0.0.0';
  let fromFile: string | undefined;
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
  }
  const build: BuildInfo =
    configured !== undefined
      ? { id: configured, source: 'env' }
      : fromFile !== undefined
        ? { id: fromFile.slice(0, 200), source: 'file' }
        : { id: null, source: 'unknown' };
  return { version, build };
}
