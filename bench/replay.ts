/**
 * Replaying many in-memory cases under two versions of a pack: each case under the version in
 * force on its conduct date, and under the other version, counted in a from → to transition
 * matrix of outcomes.
 *
 * The benchmark's headline figure uses `simulate` from src/policy/simulate.ts (the code the CLI
 * runs). `replayTwoVersions` below is a bare loop over `decideRank` kept as a floor to compare
 * against: no validation, no id lists, engine.at per case.
 */
import type { CompiledPolicy } from '../src/policy/compile.js';
import type { PolicyEngine } from '../src/policy/engine.js';
import {
  perDate,
  simulate,
  type PolicyResolver,
  type SimulationReport,
} from '../src/policy/simulate.js';
import { generateFacts, Rng, type CaseFacts } from './corpus.js';

export interface ReplayCase {
  readonly id: string;
  readonly conductDate: string;
  readonly facts: CaseFacts;
}

/** Every day from `from` to `to` inclusive, as YYYY-MM-DD. */
export function days(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** n cases with fresh seeded fact sets and conduct dates spread evenly over [from, to]. */
export function buildReplayCases(n: number, seed: number, from: string, to: string): ReplayCase[] {
  const r = new Rng(seed);
  const calendar = days(from, to);
  const out: ReplayCase[] = new Array<ReplayCase>(n);
  for (let i = 0; i < n; i++) {
    out[i] = {
      id: `case-${i + 1}`,
      conductDate: calendar[r.int(calendar.length)]!,
      facts: generateFacts(r),
    };
  }
  return out;
}

export interface ReplayResult {
  readonly cases: number;
  /** Seconds for the pass under the version in force (including engine.at per case). */
  readonly inForceSeconds: number;
  /** Seconds for the pass under the other version. */
  readonly otherSeconds: number;
  /** Seconds for building the matrix from the two passes. */
  readonly matrixSeconds: number;
  readonly totalSeconds: number;
  /** Cases per version in force, by version id. */
  readonly byVersion: Record<string, number>;
  /** matrix[from][to]: outcome under the version in force → outcome under the other version. */
  readonly matrix: Record<string, Record<string, number>>;
  readonly changed: number;
}

/**
 * Replays `cases` of pack `packId` whose published versions are `a` and `b`: each case under the
 * one in force at its conduct date and under the other.
 */
export function replayTwoVersions(
  engine: PolicyEngine,
  packId: string,
  a: string,
  b: string,
  cases: readonly ReplayCase[],
): ReplayResult {
  const pa = engine.version(packId, a);
  const pb = engine.version(packId, b);
  const outcomes = pa.outcomes.map((o) => o.id);
  if (pb.outcomes.map((o) => o.id).join() !== outcomes.join()) {
    throw new Error('the two versions have different outcome ladders');
  }
  const n = cases.length;
  const inForce = new Int8Array(n);
  const other = new Int8Array(n);
  const which = new Uint8Array(n);

  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const c = cases[i]!;
    const p: CompiledPolicy = engine.at(packId, c.conductDate);
    inForce[i] = p.decideRank(c.facts);
    which[i] = p === pa ? 0 : p === pb ? 1 : 2;
  }
  const t1 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const w = which[i]!;
    if (w === 2) throw new Error(`case ${cases[i]!.id}: in force is neither ${a} nor ${b}`);
    other[i] = (w === 0 ? pb : pa).decideRank(cases[i]!.facts);
  }
  const t2 = process.hrtime.bigint();
  const k = outcomes.length + 1;
  const m = new Float64Array(k * k);
  for (let i = 0; i < n; i++) m[(inForce[i]! + 1) * k + other[i]! + 1]!++;
  const t3 = process.hrtime.bigint();

  const labels = ['undetermined', ...outcomes];
  const matrix: Record<string, Record<string, number>> = {};
  let changed = 0;
  labels.forEach((from, i) => {
    const row: Record<string, number> = {};
    labels.forEach((to, j) => {
      row[to] = m[i * k + j]!;
      if (i !== j) changed += m[i * k + j]!;
    });
    matrix[from] = row;
  });
  let na = 0;
  for (let i = 0; i < n; i++) if (which[i] === 0) na++;
  const s = (x: bigint) => Number(x) / 1e9;
  return {
    cases: n,
    inForceSeconds: s(t1 - t0),
    otherSeconds: s(t2 - t1),
    matrixSeconds: s(t3 - t2),
    totalSeconds: s(t3 - t0),
    byVersion: { [a]: na, [b]: n - na },
    matrix,
    changed,
  };
}

export interface SimulateTiming {
  readonly seconds: number;
  readonly report: SimulationReport;
}

/**
 * Resolvers for "the version in force on the conduct date" (engine.at) and "the other one of
 * versions a and b" (engine.version), both memoized per date with `perDate` as the CLI does.
 */
export function twoVersionResolvers(
  engine: PolicyEngine,
  packId: string,
  a: string,
  b: string,
): { inForce: PolicyResolver; other: PolicyResolver } {
  const inForce = perDate((d) => engine.at(packId, d));
  const other = perDate((d) => {
    const v = engine.at(packId, d).eff.version.id;
    if (v !== a && v !== b) throw new Error(`${d}: in force is ${v}, neither ${a} nor ${b}`);
    return engine.version(packId, v === a ? b : a, d);
  });
  return { inForce, other };
}

/** Times `simulate` (src/policy/simulate.ts) over the cases: in force → other version. */
export function timeSimulate(
  engine: PolicyEngine,
  packId: string,
  a: string,
  b: string,
  cases: readonly ReplayCase[],
  maxIdsPerCell?: number,
): SimulateTiming {
  // Fresh resolvers each time: their per-date memo is part of what is timed.
  const { inForce, other } = twoVersionResolvers(engine, packId, a, b);
  const t0 = process.hrtime.bigint();
  const report = simulate(cases, {
    baseline: inForce,
    candidate: other,
    ...(maxIdsPerCell !== undefined ? { maxIdsPerCell, maxNotEvaluated: 100 } : {}),
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, report };
}
