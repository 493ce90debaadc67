/**
 * The analysis of 100,000 survey responses on the shipped instrument seed000-v1 (issue 12).
 *
 *   npm run bench:evaluation    (builds, then node dist/bench/evaluation.js)
 *
 * Environment: BENCH_EVAL_RESPONSES (100000), BENCH_EVAL_RUNS (3).
 *
 * Data: synthetic responses (src/evaluation/synthetic.ts, seeded) on the instrument's 60 items,
 * 2 % blanks, pairwise deletion — the analysis `rongcuo evaluation analyze` and a campaign's report
 * run: every scale's figures, the instrument's omega, parallel analysis and the exploratory
 * solution, the paired test and both regressions. Generating the responses is not timed.
 *
 * Floor: ≤ 2 s per analysis (the median of the runs). Writes bench/results/evaluation.json with the
 * commit and the machine; exits non-zero when the floor is missed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/evaluation/analyze.js';
import { scaleSpecOf, shippedInstrument } from '../src/evaluation/instrument.js';
import type { ResponseTable } from '../src/evaluation/responses.js';
import { synthesize } from '../src/evaluation/synthetic.js';
import { envNumber } from './env.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const RESPONSES = envNumber('BENCH_EVAL_RESPONSES', 100_000, { min: 100, integer: true });
const RUNS = envNumber('BENCH_EVAL_RUNS', 3, { min: 1, integer: true });
const FLOOR_MS = 2_000;

const log = (s: string) => process.stderr.write(`bench:evaluation: ${s}\n`);

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
  } catch {
    return 'unknown (git unavailable)';
  }
}

function main(): number {
  const spec = scaleSpecOf(shippedInstrument('seed000-v1'));
  log(`generating ${RESPONSES} responses`);
  const plant = {
    levels: { politicalEnergy: 0.8, policyContent: 0.6, toleranceAccountability: -0.9 },
    weights: { politicalEnergy: 0.35, policyContent: 0.3, toleranceAccountability: 0.45 },
    supportLevel: 1.2,
    optimismLevel: -0.2,
    willingnessLevel: 0.4,
    common: 0.4,
    blankShare: 0.02,
  };
  const items = spec.factors.flatMap((f) => f.items);
  const table: ResponseTable = {
    items,
    rows: synthesize(spec, [], plant, RESPONSES, 1).map((r) =>
      items.map((i) => r.answers[i] ?? null),
    ),
    ignored: [],
  };
  const times: number[] = [];
  let blocking: string[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const started = performance.now();
    const analysis = analyze(table, spec, 'pairwise');
    times.push(Math.round(performance.now() - started));
    blocking = analysis.ranking.filter((r) => r.role === 'blocking').map((r) => r.id);
    log(`run ${run}: ${times.at(-1)} ms`);
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const result = {
    commit: commit(),
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memGiB: Math.round(totalmem() / 2 ** 30),
      load: loadavg(),
    },
    node: process.version,
    responses: RESPONSES,
    items: items.length,
    runsMs: times,
    medianMs: median,
    floorMs: FLOOR_MS,
    met: median <= FLOOR_MS,
    blockingFound: blocking,
  };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench', 'results', 'evaluation.json'),
    JSON.stringify(result, null, 2) + '\n',
  );
  log(
    `median ${median} ms for ${RESPONSES} responses (floor ${FLOOR_MS} ms): ${result.met ? 'met' : 'MISSED'}`,
  );
  return result.met ? 0 : 1;
}

process.exitCode = main();
