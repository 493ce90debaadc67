import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The real entry point, bin/rongcuo.js, runs the compiled CLI in dist/.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'rongcuo.js');
const built = existsSync(join(root, 'dist', 'src', 'cli', 'main.js'));
if (!built) {
  console.warn(
    'bin.test.ts: skipped — dist/ is missing; build first with npx tsc -p tsconfig.build.json',
  );
}

function rongcuo(args: string[], input = '') {
  return spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', cwd: root });
}

describe.skipIf(!built)('bin/rongcuo.js (spawned; needs a build)', () => {
  it('evaluates facts from stdin and prints JSON', () => {
    const r = rongcuo(
      ['policy', 'eval', '--pack', 'cn-national', '--facts', '-', '--at', '2023-06-01', '--json'],
      '{"privateGain": true}',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const ev = JSON.parse(r.stdout);
    expect(ev.outcome).toBe('not_tolerated');
    expect(ev.reasons.map((x: { rule: string }) => x.rule)).toContain('excl-private-gain');
  });

  it('exits 2 with one line and no stack trace on bad input', () => {
    const r = rongcuo(
      ['policy', 'eval', '--pack', 'cn-national', '--facts', '-'],
      '{"privateGain": ',
    );
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^rongcuo: <stdin>:1:\d+/);
  });
});
