/**
 * Simulation: replay many cases under two policies (a baseline and a candidate, e.g. the version in
 * force and a draft amendment) and count how outcomes move. Pure: the caller reads the case file
 * and passes cases (or parse failures) in, one at a time or as an iterable.
 *
 * The core loop uses the compiled fast path (`decideRank`), so a million cases take well under a
 * few seconds; resolvers are memoized per conduct date.
 */
import type { CompiledPolicy } from './compile.js';
import { isIsoDate } from './dates.js';
import { PolicyError, type Diagnostic } from './errors.js';
import { factProblems } from './facts.js';
import type { FactDecl, Facts, I18nText } from './model.js';
import { UNDETERMINED } from './model.js';

/** One case to replay. `line` is its 1-based line in the case file, when it came from one. */
export interface SimCase {
  readonly id: string;
  readonly conductDate: string;
  readonly facts: Facts;
  readonly line?: number;
}

/** A case that could not be evaluated, and why. */
export interface NotEvaluated {
  readonly line?: number;
  readonly id?: string;
  /** Which side refused it: the case itself (bad line, bad facts), or one of the two policies. */
  readonly side: 'input' | 'baseline' | 'candidate';
  readonly code: string;
  readonly reason: I18nText;
}

/** What the simulation consumes: a case, or a line that could not be read as one. */
export type SimInput = SimCase | NotEvaluated;

/** The policy that applies to a case on one side; throws PolicyError when none can apply. */
export type PolicyResolver = (c: SimCase) => CompiledPolicy;

export interface Transition {
  readonly from: string;
  readonly to: string;
  readonly count: number;
  /** Case ids in input order; at most `maxIdsPerCell` of them. */
  readonly ids: readonly string[];
}

export interface SimulationReport {
  /** Inputs seen: evaluated plus not evaluated. */
  readonly total: number;
  readonly evaluated: number;
  readonly unchanged: number;
  readonly changed: number;
  readonly notEvaluated: number;
  /** Outcome ids in ladder order (most favourable first), then 'undetermined'. */
  readonly outcomes: readonly string[];
  /** Count of each outcome under each policy (evaluated cases only). */
  readonly totals: {
    readonly baseline: Readonly<Record<string, number>>;
    readonly candidate: Readonly<Record<string, number>>;
  };
  /** Non-empty cells of the transition matrix, in ladder order of `from`, then of `to`. */
  readonly transitions: readonly Transition[];
  /** The cases that could not be evaluated, in input order (at most `maxNotEvaluated`). */
  readonly skipped: readonly NotEvaluated[];
}

export interface SimulateOptions {
  readonly baseline: PolicyResolver;
  readonly candidate: PolicyResolver;
  /** Check each case's facts against the facts each policy declares (default true). */
  readonly validate?: boolean;
  /** Case ids kept per matrix cell (default: all). Counts are always exact. */
  readonly maxIdsPerCell?: number;
  /** Not-evaluated cases kept in the report (default: all). The count is always exact. */
  readonly maxNotEvaluated?: number;
  /** Called with the number of inputs seen, every `progressEvery` inputs. */
  readonly onProgress?: (seen: number) => void;
  readonly progressEvery?: number;
}

interface Cell {
  count: number;
  readonly ids: string[];
}

/** Accumulates a simulation case by case; `report()` may be called at any time. */
export class Simulation {
  private readonly opts: SimulateOptions;
  private readonly validate: boolean;
  private readonly maxIds: number;
  private readonly maxSkipped: number;
  private readonly every: number;
  private readonly cells = new Map<string, Map<string, Cell>>();
  private readonly baseTotals = new Map<string, number>();
  private readonly candTotals = new Map<string, number>();
  private readonly order: string[] = [];
  private readonly ordered = new WeakSet<CompiledPolicy>();
  private readonly sameFacts = new WeakMap<CompiledPolicy, WeakMap<CompiledPolicy, boolean>>();
  private readonly skippedList: NotEvaluated[] = [];
  private total = 0;
  private evaluated = 0;
  private unchanged = 0;
  private skipped = 0;

  constructor(opts: SimulateOptions) {
    this.opts = opts;
    this.validate = opts.validate !== false;
    this.maxIds = opts.maxIdsPerCell ?? Infinity;
    this.maxSkipped = opts.maxNotEvaluated ?? Infinity;
    this.every =
      opts.onProgress && opts.progressEvery && opts.progressEvery > 0 ? opts.progressEvery : 0;
  }

  add(input: SimInput): void {
    this.total++;
    if (this.every !== 0 && this.total % this.every === 0) this.opts.onProgress!(this.total);
    if ('side' in input) {
      this.skip(input);
      return;
    }
    const c = input;
    const base = this.resolve(this.opts.baseline, c, 'baseline');
    if (!base) return;
    const cand = this.resolve(this.opts.candidate, c, 'candidate');
    if (!cand) return;
    if (this.validate) {
      let problems = checkFacts(c.facts, base.eff.facts);
      if (problems.length === 0 && !this.sameDecls(base, cand)) {
        problems = checkFacts(c.facts, cand.eff.facts);
      }
      if (problems.length > 0) {
        this.skip(fromDiagnostics(c, 'input', problems));
        return;
      }
    }
    const rb = base.decideRank(base.withContext(c.facts, c.conductDate));
    const rc = cand.decideRank(cand.withContext(c.facts, c.conductDate));
    const from = rb < 0 ? UNDETERMINED : base.outcomes[rb]!.id;
    const to = rc < 0 ? UNDETERMINED : cand.outcomes[rc]!.id;
    if (!this.ordered.has(base)) this.learnOrder(base);
    if (!this.ordered.has(cand)) this.learnOrder(cand);
    let row = this.cells.get(from);
    if (!row) {
      row = new Map();
      this.cells.set(from, row);
    }
    let cell = row.get(to);
    if (!cell) {
      cell = { count: 0, ids: [] };
      row.set(to, cell);
    }
    cell.count++;
    if (cell.ids.length < this.maxIds) cell.ids.push(c.id);
    this.baseTotals.set(from, (this.baseTotals.get(from) ?? 0) + 1);
    this.candTotals.set(to, (this.candTotals.get(to) ?? 0) + 1);
    this.evaluated++;
    if (from === to) this.unchanged++;
  }

  report(): SimulationReport {
    const order = [...this.order];
    // Outcomes of cells whose policies were never learned (cannot happen) still get a place.
    for (const [from, row] of this.cells) {
      if (!order.includes(from)) order.push(from);
      for (const to of row.keys()) if (!order.includes(to)) order.push(to);
    }
    const und = order.indexOf(UNDETERMINED);
    if (und >= 0) order.splice(und, 1);
    order.push(UNDETERMINED);
    const idx = new Map(order.map((o, i) => [o, i]));
    const transitions: Transition[] = [];
    for (const [from, row] of this.cells) {
      for (const [to, cell] of row)
        transitions.push({ from, to, count: cell.count, ids: [...cell.ids] });
    }
    transitions.sort(
      (a, b) => idx.get(a.from)! - idx.get(b.from)! || idx.get(a.to)! - idx.get(b.to)!,
    );
    const totals = (m: Map<string, number>) =>
      Object.fromEntries(order.map((o) => [o, m.get(o) ?? 0]));
    return {
      total: this.total,
      evaluated: this.evaluated,
      unchanged: this.unchanged,
      changed: this.evaluated - this.unchanged,
      notEvaluated: this.skipped,
      outcomes: order,
      totals: { baseline: totals(this.baseTotals), candidate: totals(this.candTotals) },
      transitions,
      skipped: [...this.skippedList],
    };
  }

  private resolve(
    r: PolicyResolver,
    c: SimCase,
    side: 'baseline' | 'candidate',
  ): CompiledPolicy | undefined {
    try {
      return r(c);
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      this.skip(fromDiagnostics(c, side, e.diagnostics));
      return undefined;
    }
  }

  private skip(n: NotEvaluated): void {
    this.skipped++;
    if (this.skippedList.length < this.maxSkipped) this.skippedList.push(n);
  }

  private learnOrder(p: CompiledPolicy): void {
    this.ordered.add(p);
    for (const o of p.outcomes) if (!this.order.includes(o.id)) this.order.push(o.id);
  }

  /** Whether two policies declare the same facts (then one validation serves both). */
  private sameDecls(a: CompiledPolicy, b: CompiledPolicy): boolean {
    if (a === b) return true;
    let inner = this.sameFacts.get(a);
    if (!inner) {
      inner = new WeakMap();
      this.sameFacts.set(a, inner);
    }
    let same = inner.get(b);
    if (same === undefined) {
      same = sameDeclarations(a.eff.facts, b.eff.facts);
      inner.set(b, same);
    }
    return same;
  }
}

const NO_PROBLEMS: Diagnostic[] = [];

/**
 * `factProblems`, with a quick test first: `factProblems` builds messages for every value it
 * checks, which would dominate the run time, so only fact sets the quick test cannot accept go to it.
 * The quick test accepts nothing `factProblems` refuses.
 */
function checkFacts(facts: Facts, decls: ReadonlyMap<string, FactDecl>): Diagnostic[] {
  return quickValid(facts, decls) ? NO_PROBLEMS : factProblems(facts, decls);
}

type ValueTest = (v: unknown) => boolean;
const valueTests = new WeakMap<ReadonlyMap<string, FactDecl>, Map<string, ValueTest>>();

function quickValid(facts: unknown, decls: ReadonlyMap<string, FactDecl>): boolean {
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) return false;
  let tests = valueTests.get(decls);
  if (!tests) {
    tests = new Map([...decls].map(([id, d]) => [id, valueTest(d)]));
    valueTests.set(decls, tests);
  }
  for (const id in facts) {
    if (!Object.prototype.hasOwnProperty.call(facts, id)) continue;
    const test = tests.get(id);
    if (!test) return false;
    const v = (facts as Record<string, unknown>)[id];
    if (v !== null && v !== undefined && !test(v)) return false;
  }
  return true;
}

function valueTest(d: FactDecl): ValueTest {
  switch (d.type) {
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'date':
      return isIsoDate;
    case 'enum': {
      const allowed = new Set<unknown>((d.values ?? []).map((o) => o.value));
      return (v) => typeof v === 'string' && allowed.has(v);
    }
    case 'number': {
      const { min, max, integer } = d;
      return (v) =>
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (min === undefined || v >= min) &&
        (max === undefined || v <= max) &&
        (!integer || Number.isInteger(v));
    }
    default:
      return () => false;
  }
}

function sameDeclarations(
  a: ReadonlyMap<string, FactDecl>,
  b: ReadonlyMap<string, FactDecl>,
): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function fromDiagnostics(
  c: SimCase,
  side: NotEvaluated['side'],
  ds: readonly Diagnostic[],
): NotEvaluated {
  const first = ds[0];
  const reason: I18nText =
    ds.length <= 1
      ? (first?.message ?? { zh: '无法评估。', en: 'cannot be evaluated.' })
      : {
          // One sentence: each message's own full stop gives way to the separator (no "。；").
          zh: ds
            .map((d, i) => (i < ds.length - 1 ? d.message.zh.replace(/。$/u, '') : d.message.zh))
            .join('；'),
          en: ds
            .map((d, i) => (i < ds.length - 1 ? d.message.en.replace(/\.$/u, '') : d.message.en))
            .join('; '),
        };
  return {
    ...(c.line !== undefined ? { line: c.line } : {}),
    id: c.id,
    side,
    code: first?.code ?? 'POLICY_ERROR',
    reason,
  };
}

/** Replays cases under two policies and returns the transition matrix. */
export function simulate(cases: Iterable<SimInput>, opts: SimulateOptions): SimulationReport {
  const sim = new Simulation(opts);
  for (const c of cases) sim.add(c);
  return sim.report();
}

/** Like `simulate`, for cases that arrive asynchronously (e.g. lines of a file). */
export async function simulateAsync(
  cases: AsyncIterable<SimInput>,
  opts: SimulateOptions,
): Promise<SimulationReport> {
  const sim = new Simulation(opts);
  for await (const c of cases) sim.add(c);
  return sim.report();
}

/**
 * Memoizes a resolver by conduct date, refusals included: the policy in force changes only at
 * version boundaries, so a case file with many cases has few distinct answers.
 */
export function perDate(resolve: (date: string) => CompiledPolicy): PolicyResolver {
  const cache = new Map<string, CompiledPolicy | PolicyError>();
  return (c) => {
    let hit = cache.get(c.conductDate);
    if (hit === undefined) {
      try {
        hit = resolve(c.conductDate);
      } catch (e) {
        if (!(e instanceof PolicyError)) throw e;
        hit = e;
      }
      cache.set(c.conductDate, hit);
    }
    if (hit instanceof PolicyError) throw hit;
    return hit;
  };
}

function bad(line: number, code: string, zh: string, en: string, id?: string): NotEvaluated {
  return { line, ...(id !== undefined ? { id } : {}), side: 'input', code, reason: { zh, en } };
}

/**
 * Reads one line of a JSON-lines case file: {"id": "...", "conductDate": "YYYY-MM-DD", "facts": {...}}.
 * Returns the case, a NotEvaluated saying what is wrong with the line, or undefined for a blank line.
 */
export function parseCaseLine(text: string, line: number): SimInput | undefined {
  if (text.trim() === '') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return bad(line, 'SIM_BAD_JSON', `不是有效的 JSON（${msg}）。`, `not valid JSON (${msg}).`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return bad(
      line,
      'SIM_BAD_CASE',
      '每行应是一个 JSON 对象：{"id": …, "conductDate": "YYYY-MM-DD", "facts": {…}}。',
      'each line must be a JSON object: {"id": …, "conductDate": "YYYY-MM-DD", "facts": {…}}.',
    );
  }
  const o = raw as Record<string, unknown>;
  const rawId = o.id;
  if (
    !(typeof rawId === 'string' && rawId !== '') &&
    !(typeof rawId === 'number' && Number.isFinite(rawId))
  ) {
    return bad(
      line,
      'SIM_BAD_CASE',
      '缺少案例标识 id（字符串）。',
      'the case has no id (a string).',
    );
  }
  const id = String(rawId);
  if (!isIsoDate(o.conductDate)) {
    return bad(
      line,
      'SIM_BAD_CASE',
      `行为日期 conductDate ${o.conductDate === undefined ? '缺失' : `“${String(o.conductDate)}”无效`}，应写作 YYYY-MM-DD。`,
      `conductDate ${o.conductDate === undefined ? 'is missing' : `'${String(o.conductDate)}' is not valid`}; write it as YYYY-MM-DD.`,
      id,
    );
  }
  const facts = o.facts;
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) {
    return bad(
      line,
      'SIM_BAD_CASE',
      'facts 应是一个对象，例如 {"privateGain": false}。',
      'facts must be an object such as {"privateGain": false}.',
      id,
    );
  }
  return { id, conductDate: o.conductDate, facts: facts as Facts, line };
}
