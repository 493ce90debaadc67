#!/usr/bin/env node
/**
 * Runs npm scripts at the same time and fails when any fails: `node scripts/together.mjs
 * typecheck lint`. Each script's output is held and printed whole when it ends, so the two do not
 * interleave. `npm test` runs the type check and the lint this way: both are single-threaded, and
 * on two cores side by side they take the time of the longer instead of the sum.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import process from 'node:process';

const names = process.argv.slice(2);
if (names.length === 0) {
  process.stderr.write('usage: node scripts/together.mjs <npm script> [<npm script> …]\n');
  process.exit(2);
}

function run(name) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('error', (e) => {
      out.push(Buffer.from(`${e.message}\n`));
      resolve({ name, code: 1, out });
    });
    child.on('close', (code) => resolve({ name, code: code ?? 1, out }));
  });
}

let failed = 0;
await Promise.all(
  names.map((n) =>
    run(n).then(({ name, code, out }) => {
      process.stdout.write(`\n> ${name} (${code === 0 ? 'ok' : `exit ${code}`})\n`);
      process.stdout.write(Buffer.concat(out));
      if (code !== 0) failed += 1;
    }),
  ),
);
process.exit(failed === 0 ? 0 : 1);
