/**
 * Policy engine benchmark: rongcuo (compiled x-new-area 2023-01, straight from the packs) against
 * hand encodings of the same decision in json-rules-engine and GoRules ZEN, plus a replay of
 * 1,000,000 in-memory cases under two versions.
 *
 *   npm run bench:policy      (builds, then node --expose-gc dist/bench/policy.js)
 *
 * Writes bench/results/policy.json and prints a table. Exits non-zero when the corpus does not
 * cover the decision or the engines disagree; missing a performance target is reported, not fatal.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem, arch } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPacks, readPackFile, shippedPacksDir } from '../src/packs/loader.js';
import type { CompiledPolicy } from '../src/policy/compile.js';
import { PolicyEngine } from '../src/policy/engine.js';
import { explain } from '../src/policy/explain.js';
import { PackSet } from '../src/policy/resolve.js';
import { checkCoverage, generateCorpus, type CaseFacts, type Coverage } from './corpus.js';
import { createJre, type JreDecider } from './encodings/json-rules-engine.js';
import { createZen, type ZenDecider } from './encodings/zen.js';
import {
  buildReplayCases,
  replayTwoVersions,
  timeSimulate,
  type ReplayResult,
  type SimulateTiming,
} from './replay.js';
import type { SimulationReport } from '../src/policy/simulate.js';

const PACK = 'x-new-area';
const VERSION = '2023-01';
const BASELINE = '2020-01';
const SEED = 0x20230101;
const CORPUS_SIZE = 100_000;
const SLOW_SUBSET = 20_000;
const ZEN_BATCH = 64;
const REPLAY_CASES = 1_000_000;
const REPLAY_SEED = 0x5eed0001;
/** Ids kept per matrix cell in the timed simulation: what `rongcuo policy simulate` keeps in text mode. */
const REPLAY_IDS_PER_CELL = 20;

const TARGETS = {
  withoutReasons: 1_000_000,
  withReasons: 200_000,
  vsJsonRulesEngine: 10,
  vsZen: 3,
  replaySeconds: 5,
};

const notes: string[] = [];
/** Results are folded in here so that no evaluation is dead code. */
let sink = 0;

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (gc) gc();
}

function now(): bigint {
  return process.hrtime.bigint();
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Timing {
  readonly evalsPerSec: number;
  readonly casesPerRound: number;
  readonly rounds: number;
  readonly roundMs: readonly number[];
  readonly medianRoundMs: number;
  readonly minEvalsPerSec: number;
  readonly maxEvalsPerSec: number;
}

function timing(cases: number, ns: readonly bigint[]): Timing {
  const ms = ns.map((x) => Number(x) / 1e6);
  const med = median(ms);
  return {
    evalsPerSec: Math.round(cases / (med / 1000)),
    casesPerRound: cases,
    rounds: ms.length,
    roundMs: ms.map((x) => Math.round(x * 100) / 100),
    medianRoundMs: Math.round(med * 100) / 100,
    minEvalsPerSec: Math.round(cases / (Math.max(...ms) / 1000)),
    maxEvalsPerSec: Math.round(cases / (Math.min(...ms) / 1000)),
  };
}

// --- Rongcuo passes (kept as separate monomorphic functions) --------------------------------------

function passDecide(p: CompiledPolicy, corpus: readonly CaseFacts[]): number {
  let s = 0;
  for (let i = 0; i < corpus.length; i++) s += p.decide(corpus[i]!).length;
  return s;
}

function passDecideRank(p: CompiledPolicy, corpus: readonly CaseFacts[]): number {
  let s = 0;
  for (let i = 0; i < corpus.length; i++) s += p.decideRank(corpus[i]!);
  return s;
}

function passExplain(p: CompiledPolicy, corpus: readonly CaseFacts[]): number {
  let s = 0;
  for (let i = 0; i < corpus.length; i++) {
    const e = explain(p, corpus[i]!);
    s += e.reasons.length + e.whyNot.length + e.outcome.length;
  }
  return s;
}

function timeSync(
  warmups: number,
  rounds: number,
  corpus: readonly CaseFacts[],
  pass: (c: readonly CaseFacts[]) => number,
): Timing {
  for (let i = 0; i < warmups; i++) sink += pass(corpus);
  const ns: bigint[] = [];
  for (let r = 0; r < rounds; r++) {
    collect();
    const t0 = now();
    sink += pass(corpus);
    ns.push(now() - t0);
  }
  return timing(corpus.length, ns);
}

async function timeAsync(
  warmups: number,
  rounds: number,
  corpus: readonly CaseFacts[],
  pass: (c: readonly CaseFacts[]) => Promise<number>,
): Promise<Timing> {
  for (let i = 0; i < warmups; i++) sink += await pass(corpus);
  const ns: bigint[] = [];
  for (let r = 0; r < rounds; r++) {
    collect();
    const t0 = now();
    sink += await pass(corpus);
    ns.push(now() - t0);
  }
  return timing(corpus.length, ns);
}

// --- The other engines' passes ---------------------------------------------------------------------

function jrePass(d: JreDecider) {
  return async (corpus: readonly CaseFacts[]): Promise<number> => {
    let s = 0;
    for (let i = 0; i < corpus.length; i++) s += (await d.run(corpus[i]!)).outcome.length;
    return s;
  };
}

function zenSequentialPass(z: ZenDecider) {
  const decision = z.decision;
  return async (corpus: readonly CaseFacts[]): Promise<number> => {
    let s = 0;
    for (let i = 0; i < corpus.length; i++) {
      const r = await decision.evaluate(corpus[i]!);
      s += (r.result as { outcome: string }).outcome.length;
    }
    return s;
  };
}

function zenBatchedPass(z: ZenDecider, batch: number) {
  const decision = z.decision;
  return async (corpus: readonly CaseFacts[]): Promise<number> => {
    let s = 0;
    const pending: Promise<{ result: unknown }>[] = new Array(batch);
    for (let i = 0; i < corpus.length; i += batch) {
      const n = Math.min(batch, corpus.length - i);
      pending.length = n;
      for (let j = 0; j < n; j++) pending[j] = decision.evaluate(corpus[i + j]!);
      const rs = await Promise.all(pending);
      for (const r of rs) s += (r.result as { outcome: string }).outcome.length;
    }
    return s;
  };
}

// --- Agreement ---------------------------------------------------------------------------------------

interface Verdict {
  readonly outcome: string;
  readonly entry: string;
}

async function checkAgreement(
  p: CompiledPolicy,
  corpus: readonly CaseFacts[],
  cov: Coverage,
  name: string,
  evaluate: (f: CaseFacts) => Promise<Verdict>,
  concurrency = 1,
): Promise<void> {
  for (let i = 0; i < corpus.length; i += concurrency) {
    const idx: number[] = [];
    for (let j = i; j < Math.min(corpus.length, i + concurrency); j++) idx.push(j);
    const got = await Promise.all(idx.map((j) => evaluate(corpus[j]!)));
    got.forEach((g, k) => {
      const c = idx[k]!;
      const facts = corpus[c]!;
      const outcome = p.decide(facts);
      const entry = p.entries[cov.decidingEntry[c]!]!.entry.id;
      if (g.outcome !== outcome || g.entry !== entry) {
        console.error(`\nDISAGREEMENT on case ${c} (${name}):`);
        console.error(`  rongcuo: outcome ${outcome}, entry ${entry}`);
        console.error(`  ${name}: outcome ${g.outcome}, entry ${g.entry}`);
        console.error(`  facts: ${JSON.stringify(facts)}`);
        process.exit(2);
      }
    });
  }
}

// --- Setup ---------------------------------------------------------------------------------------------

function loadEngine(): PolicyEngine {
  try {
    return new PolicyEngine(loadPacks().set);
  } catch (e) {
    // Another pack in packs/ may be broken while being written; the benchmark only needs these two.
    const dir = shippedPacksDir();
    const first = String((e as Error).message ?? e).split('\n')[0];
    notes.push(
      `loadPacks() failed (${first}); loaded only cn-national and x-new-area from ${dir} instead.`,
    );
    return new PolicyEngine(
      new PackSet(['cn-national', PACK].map((id) => readPackFile(join(dir, id, 'pack.yaml')))),
    );
  }
}

/** Which engine source was measured: commit, uncommitted changes, and a hash of src/policy. */
function sourceState(root: string): Record<string, unknown> {
  const dir = join(root, 'src', 'policy');
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith('.ts') && !f.endsWith('.test.ts'))
      hash.update(f).update(readFileSync(join(dir, f)));
  }
  const state: Record<string, unknown> = { srcPolicySha256: hash.digest('hex').slice(0, 16) };
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trimEnd();
    state.commit = git('rev-parse', '--short', 'HEAD').trim();
    state.uncommittedInSrc = git('status', '--porcelain', '--', 'src')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.slice(3));
  } catch {
    state.commit = 'unknown (git unavailable)';
  }
  return state;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const load0 = loadavg();
  if (!gc) notes.push('run without --expose-gc: no forced collection between rounds.');

  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const source = sourceState(root);
  const engine = loadEngine();
  const p = engine.version(PACK, VERSION);
  const inForce2024 = engine.at(PACK, '2024-06-01');
  if (p !== inForce2024) throw new Error(`engine.at(${PACK}, 2024-06-01) is not ${p.eff.key}`);
  console.log(
    `policy ${p.eff.key}: ${p.entries.length} decision entries, ${p.ruleNodes.size} rules`,
  );

  // 1. Corpus and coverage.
  let t = now();
  const corpus = generateCorpus({ size: CORPUS_SIZE, seed: SEED });
  const generationMs = Number(now() - t) / 1e6;
  t = now();
  const cov = checkCoverage(p, corpus);
  const coverageMs = Number(now() - t) / 1e6;
  if (cov.problems.length > 0) {
    console.error('CORPUS DOES NOT COVER THE DECISION:');
    for (const x of cov.problems) console.error(`  - ${x}`);
    process.exit(3);
  }
  console.log(
    `corpus: ${fmt(CORPUS_SIZE)} complete fact sets (seed 0x${SEED.toString(16)}, mulberry32), ` +
      `generated in ${fmt(generationMs)} ms; coverage checked in ${fmt(coverageMs)} ms`,
  );
  console.log(
    `  all ${cov.rulesRequired} rules used by the merged decision are true at least once; ` +
      `all ${p.entries.length} entries decide at least once`,
  );
  const rareRule = Object.entries(cov.ruleTrue).sort((a, b) => a[1] - b[1])[0]!;
  const rareEntry = Object.entries(cov.entryDecided).sort((a, b) => a[1] - b[1])[0]!;
  console.log(
    `  rarest rule ${rareRule[0]} (${fmt(rareRule[1])} cases), rarest entry ${rareEntry[0]} (${fmt(rareEntry[1])} cases)`,
  );
  console.log(
    `  outcomes: ${Object.entries(cov.outcomes)
      .map(([o, n]) => `${o} ${fmt(n)}`)
      .join(', ')}`,
  );

  // 2. Encodings, and 3. agreement on the whole corpus, before any timing.
  const subset = corpus.slice(0, SLOW_SUBSET);
  const jreStop = createJre('stop');
  const jreAll = createJre('all');
  const zenUnary = createZen(true);
  const zenExpr = createZen(false);
  t = now();
  await checkAgreement(p, corpus, cov, 'json-rules-engine (stop)', (f) => jreStop.run(f));
  await checkAgreement(
    p,
    corpus,
    cov,
    'ZEN (unary + expression columns)',
    (f) => zenUnary.evaluate(f),
    ZEN_BATCH,
  );
  await checkAgreement(
    p,
    corpus,
    cov,
    'ZEN (expression column only)',
    (f) => zenExpr.evaluate(f),
    ZEN_BATCH,
  );
  // The slow "every rule runs" variant: on the subset it is timed on.
  await checkAgreement(p, subset, cov, 'json-rules-engine (all rules)', (f) => jreAll.run(f));
  const agreementMs = Number(now() - t) / 1e6;
  console.log(
    `agreement: rongcuo, json-rules-engine and ZEN give identical outcomes and deciding entries ` +
      `on all ${fmt(CORPUS_SIZE)} cases (json-rules-engine "all rules" variant: first ${fmt(SLOW_SUBSET)}) ` +
      `(${fmt(agreementMs)} ms)\n`,
  );

  // 4. Throughput. Rongcuo first, on the whole corpus.
  const rcDecide = timeSync(3, 11, corpus, (c) => passDecide(p, c));
  const rcRank = timeSync(2, 11, corpus, (c) => passDecideRank(p, c));
  const rcExplain = timeSync(2, 9, corpus, (c) => passExplain(p, c));
  // Explanations cost more when more favourable outcomes must be explained away.
  const byOutcome: Record<string, Timing> = {};
  for (const o of [...p.outcomes.map((x) => x.id)]) {
    const group = corpus.filter((f) => p.decide(f) === o);
    if (group.length > 0) byOutcome[o] = timeSync(2, 5, group, (c) => passExplain(p, c));
  }
  const jreStopT = await timeAsync(1, 5, subset, jrePass(jreStop));
  const jreAllT = await timeAsync(1, 3, subset, jrePass(jreAll));
  const zenUnarySeq = await timeAsync(1, 5, subset, zenSequentialPass(zenUnary));
  const zenExprSeq = await timeAsync(1, 3, subset, zenSequentialPass(zenExpr));
  const zenUnaryBatch = await timeAsync(1, 5, subset, zenBatchedPass(zenUnary, ZEN_BATCH));
  const zenExprBatch = await timeAsync(1, 3, subset, zenBatchedPass(zenExpr, ZEN_BATCH));

  const byRate = Object.entries(byOutcome).sort((a, b) => a[1].evalsPerSec - b[1].evalsPerSec);
  const slowest = byRate[0]!;
  const fastest = byRate[byRate.length - 1]!;
  const jreBest = jreStopT.evalsPerSec >= jreAllT.evalsPerSec ? 'stop' : 'all';
  const jre = jreBest === 'stop' ? jreStopT : jreAllT;
  const zenCandidates = [
    ['sequential awaits, unary+expression table', zenUnarySeq],
    ['sequential awaits, expression-only table', zenExprSeq],
    [`Promise.all batches of ${ZEN_BATCH}, unary+expression table`, zenUnaryBatch],
    [`Promise.all batches of ${ZEN_BATCH}, expression-only table`, zenExprBatch],
  ] as const;
  const zenBestEntry = [...zenCandidates].sort((a, b) => b[1].evalsPerSec - a[1].evalsPerSec)[0]!;
  const zen = zenBestEntry[1];

  // 5. Replay: 1,000,000 in-memory cases, each under the version in force and under the other.
  t = now();
  const replayCases = buildReplayCases(REPLAY_CASES, REPLAY_SEED, '2020-01-01', '2026-12-31');
  const replayBuildMs = Number(now() - t) / 1e6;
  const warm = replayCases.slice(0, 50_000);
  timeSimulate(engine, PACK, BASELINE, VERSION, warm, REPLAY_IDS_PER_CELL);
  replayTwoVersions(engine, PACK, BASELINE, VERSION, warm);
  const sims: SimulateTiming[] = [];
  for (let r = 0; r < 3; r++) {
    collect();
    sims.push(timeSimulate(engine, PACK, BASELINE, VERSION, replayCases, REPLAY_IDS_PER_CELL));
  }
  collect();
  const simAllIds = timeSimulate(engine, PACK, BASELINE, VERSION, replayCases);
  collect();
  const floor: ReplayResult = replayTwoVersions(engine, PACK, BASELINE, VERSION, replayCases);
  const simSeconds = median(sims.map((x) => x.seconds));
  const sim = sims[0]!.report;
  if (sim.evaluated !== REPLAY_CASES || sim.notEvaluated !== 0) {
    console.error(`simulate evaluated ${sim.evaluated} of ${REPLAY_CASES} cases:`);
    console.error(JSON.stringify(sim.skipped.slice(0, 5), null, 2));
    process.exit(4);
  }
  const matrix = matrixOf(sim);
  for (const from of Object.keys(floor.matrix)) {
    for (const to of Object.keys(floor.matrix[from]!)) {
      if ((matrix[from]?.[to] ?? 0) !== floor.matrix[from]![to]) {
        console.error(`simulate and the bare replay loop disagree on ${from} → ${to}`);
        process.exit(5);
      }
    }
  }
  sink += sim.changed + simAllIds.report.changed + floor.changed;

  // 6. Results.
  const ratioJre = rcDecide.evalsPerSec / jre.evalsPerSec;
  const ratioZen = rcDecide.evalsPerSec / zen.evalsPerSec;
  const targets = [
    {
      name: 'rongcuo without reasons ≥ 1,000,000 evals/s',
      target: TARGETS.withoutReasons,
      measured: rcDecide.evalsPerSec,
      pass: rcDecide.evalsPerSec >= TARGETS.withoutReasons,
    },
    {
      name: 'rongcuo with full reasons ≥ 200,000 evals/s',
      target: TARGETS.withReasons,
      measured: rcExplain.evalsPerSec,
      pass: rcExplain.evalsPerSec >= TARGETS.withReasons,
    },
    {
      name: 'rongcuo ≥ 10× json-rules-engine (no reasons)',
      target: TARGETS.vsJsonRulesEngine,
      measured: Math.round(ratioJre * 10) / 10,
      pass: ratioJre >= TARGETS.vsJsonRulesEngine,
    },
    {
      name: 'rongcuo ≥ 3× ZEN (no reasons, best ZEN figure)',
      target: TARGETS.vsZen,
      measured: Math.round(ratioZen * 10) / 10,
      pass: ratioZen >= TARGETS.vsZen,
    },
    {
      name: 'replay 1,000,000 cases under two versions ≤ 5 s (simulate)',
      target: TARGETS.replaySeconds,
      measured: Math.round(simSeconds * 1000) / 1000,
      pass: simSeconds <= TARGETS.replaySeconds,
    },
  ];

  notes.push(
    `json-rules-engine and ZEN are timed on the first ${fmt(SLOW_SUBSET)} corpus cases per round (they are slow); rongcuo on all ${fmt(CORPUS_SIZE)}.`,
    'json-rules-engine is async: each engine.run(facts) is awaited in turn (its API); one Engine instance, one rule per decision entry with descending priorities; "stop" = engine.stop() on the first success.',
    `ZEN is async (native, N-API): decision.evaluate(facts) awaited in turn, and in concurrent Promise.all batches of ${ZEN_BATCH}; the best figure is used for the ratio.`,
    'Agreement is checked on outcome AND deciding entry for every corpus case, before timing.',
    `The explain figure depends on the outcome mix (the corpus is ${Math.round((cov.outcomes.not_tolerated! / CORPUS_SIZE) * 100)}% not_tolerated); by outcome it ranges from ${fmt(slowest[1].evalsPerSec)}/s (${slowest[0]}) to ${fmt(fastest[1].evalsPerSec)}/s (${fastest[0]}).`,
    `Replay uses simulate() from src/policy/simulate.ts with perDate resolvers (engine.at for the version in force, engine.version for the other), fact validation on, ${REPLAY_IDS_PER_CELL} ids kept per matrix cell (the CLI text mode); median of ${sims.length} runs. Also given: every id kept (the CLI --json mode), and a bare decideRank loop with engine.at per case (bench/replay.ts) as a floor; its matrix matches simulate's.`,
  );

  const machine = {
    node: process.version,
    v8: process.versions.v8,
    os: `${platform()} ${release()} ${arch()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: load0.map((x) => Math.round(x * 100) / 100),
    loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
    date: startedAt,
  };
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const out = {
    benchmark: 'policy',
    machine,
    source,
    policy: {
      pack: PACK,
      version: VERSION,
      key: p.eff.key,
      decisionEntries: p.entries.map((e) => e.entry.id),
      rules: p.ruleNodes.size,
    },
    corpus: {
      size: CORPUS_SIZE,
      seed: SEED,
      prng: 'mulberry32',
      generationMs: Math.round(generationMs),
      coverage: {
        rulesUsedByDecision: cov.rulesRequired,
        allRulesTrueAtLeastOnce: true,
        allEntriesDecideAtLeastOnce: true,
        factsUsed: cov.factsUsed,
        ruleTrue: cov.ruleTrue,
        rulesNotUsedByMergedDecision: cov.rulesUnused,
        entryDecided: cov.entryDecided,
        outcomes: cov.outcomes,
      },
    },
    agreement: {
      identical: true,
      compared: ['outcome', 'deciding entry'],
      cases: {
        'json-rules-engine (stop)': CORPUS_SIZE,
        'ZEN (unary + expression)': CORPUS_SIZE,
        'ZEN (expression only)': CORPUS_SIZE,
        'json-rules-engine (all rules)': SLOW_SUBSET,
      },
    },
    results: {
      rongcuoWithoutReasons: { api: 'compiled.decide(facts)', ...rcDecide },
      rongcuoDecideRank: { api: 'compiled.decideRank(facts)', ...rcRank },
      rongcuoWithReasons: { api: 'explain(compiled, facts)', ...rcExplain },
      rongcuoWithReasonsByOutcome: byOutcome,
      jsonRulesEngine: {
        api: 'await engine.run(facts), sequential (async)',
        chosen: jreBest,
        ...jre,
        variants: { stop: jreStopT, allRules: jreAllT },
      },
      zen: {
        api: 'await decision.evaluate(facts) (async)',
        chosen: zenBestEntry[0],
        ...zen,
        variants: {
          sequentialUnary: zenUnarySeq,
          sequentialExpression: zenExprSeq,
          batchedUnary: zenUnaryBatch,
          batchedExpression: zenExprBatch,
        },
      },
    },
    ratios: {
      rongcuoOverJsonRulesEngine: Math.round(ratioJre * 100) / 100,
      rongcuoOverZen: Math.round(ratioZen * 100) / 100,
      basis: 'rongcuo decide (no reasons) evals/s over the best evals/s of the other engine',
    },
    replay: {
      cases: REPLAY_CASES,
      seed: REPLAY_SEED,
      dates: '2020-01-01 … 2026-12-31, uniform',
      versions: [BASELINE, VERSION],
      byVersionInForce: floor.byVersion,
      buildSeconds: r3(replayBuildMs / 1000),
      simulate: {
        implementation: 'simulate() from src/policy/simulate.ts, perDate resolvers, validation on',
        idsPerCell: REPLAY_IDS_PER_CELL,
        seconds: r3(simSeconds),
        runs: sims.map((x) => r3(x.seconds)),
      },
      simulateAllIds: { seconds: r3(simAllIds.seconds) },
      bareLoop: {
        implementation:
          'bench/replay.ts: engine.at per case + decideRank under both, no validation',
        seconds: r3(floor.totalSeconds),
        inForceSeconds: r3(floor.inForceSeconds),
        otherSeconds: r3(floor.otherSeconds),
      },
      changed: sim.changed,
      matrix,
    },
    targets,
    allTargetsPass: targets.every((x) => x.pass),
    notes,
    checksum: sink,
  };
  const file = join(root, 'bench', 'results', 'policy.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');

  // Table.
  const row = (name: string, x: Timing): [string, string, string, string] => [
    name,
    fmt(x.evalsPerSec),
    `${fmt(x.minEvalsPerSec)} – ${fmt(x.maxEvalsPerSec)}`,
    `${fmt(x.casesPerRound)} × ${x.rounds}`,
  ];
  const rows: [string, string, string, string][] = [
    ['engine', 'evals/s (median)', 'range over rounds', 'cases × rounds'],
    row('rongcuo decide (no reasons)', rcDecide),
    row('rongcuo decideRank', rcRank),
    row('rongcuo explain (full reasons)', rcExplain),
    ...Object.entries(byOutcome).map(([o, x]) => row(`  explain, cases decided ${o}`, x)),
    row('json-rules-engine, stop() (async)', jreStopT),
    row('json-rules-engine, all rules run (async)', jreAllT),
    ...zenCandidates.map(([name, x]) => row(`ZEN, ${name}`, x)),
  ];
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [i, r] of rows.entries()) {
    console.log(
      `${pad(r[0], w[0]!)}  ${pad(r[1], w[1]!, true)}  ${pad(r[2], w[2]!, true)}  ${pad(r[3], w[3]!, true)}`,
    );
    if (i === 0) console.log(w.map((x) => '-'.repeat(x)).join('  '));
  }
  console.log(
    `\nratios (rongcuo decide / best other): json-rules-engine ${ratioJre.toFixed(1)}× (${jreBest}), ` +
      `ZEN ${ratioZen.toFixed(1)}× (${zenBestEntry[0]})`,
  );
  console.log(
    `\nreplay: ${fmt(REPLAY_CASES)} cases (in force: ${Object.entries(floor.byVersion)
      .map(([v, n]) => `${v} ${fmt(n)}`)
      .join(', ')}), each under the version in force and the other one`,
  );
  console.log(
    `  simulate():        ${simSeconds.toFixed(3)} s median (${sims.map((x) => x.seconds.toFixed(3)).join(', ')})`,
  );
  console.log(`  simulate(), all ids kept: ${simAllIds.seconds.toFixed(3)} s`);
  console.log(
    `  bare loop:         ${floor.totalSeconds.toFixed(3)} s (in force ${floor.inForceSeconds.toFixed(3)} s incl. engine.at per case, other ${floor.otherSeconds.toFixed(3)} s)`,
  );
  console.log(`  ${fmt(sim.changed)} cases change outcome; in force ↓, other version →`);
  const labels = sim.outcomes;
  const cw = Math.max(...labels.map((l) => l.length), 9);
  console.log(`  ${pad('', cw + 2)}${labels.map((l) => pad(l, cw, true)).join(' ')}`);
  for (const from of labels) {
    console.log(
      `  ${pad(from, cw + 2)}${labels.map((to) => pad(fmt(matrix[from]?.[to] ?? 0), cw, true)).join(' ')}`,
    );
  }
  console.log('\ntargets:');
  for (const x of targets) {
    console.log(
      `  ${x.pass ? 'PASS' : 'FAIL'}  ${x.name}: measured ${x.measured.toLocaleString('en-US')}`,
    );
  }
  console.log('\nnotes:');
  for (const n of notes) console.log(`  - ${n}`);
  console.log(`\nwrote ${file}`);
}

/** The report's transitions as a full from → to matrix over its outcomes. */
function matrixOf(r: SimulationReport): Record<string, Record<string, number>> {
  const m: Record<string, Record<string, number>> = {};
  for (const from of r.outcomes) {
    m[from] = {};
    for (const to of r.outcomes) m[from][to] = 0;
  }
  for (const t of r.transitions) m[t.from]![t.to] = t.count;
  return m;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
