/**
 * The benchmark corpus: complete, seeded fact sets for x-new-area 2023-01 (with the inherited
 * cn-national binding entries), and the programmatic coverage check over the compiled policy.
 *
 * Generation knows the pack's vocabulary and, loosely, what each decision entry needs; it only
 * steers the draws towards each entry ("around" its conditions, with near misses). Which entry
 * actually decides a case is always read back from the compiled policy, never assumed here.
 */
import { T, type CNode, type CompiledPolicy } from '../src/policy/compile.js';
import { factProblems } from '../src/policy/facts.js';

// ------------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: a small, fast 32-bit PRNG; the same seed gives the same corpus everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<V>(xs: readonly V[]): V {
    return xs[this.int(xs.length)]!;
  }
}

// ------------------------------------------------------------------------------------------------
// Fact sets

export const PURPOSES = [
  'reform_pilot',
  'development_task',
  'emergency_response',
  'public_service',
  'routine_duty',
] as const;
export const DECISION_PROCESSES = [
  'collective',
  'emergency_reported',
  'individual',
  'not_required',
] as const;
export const REMEDIATIONS = ['none', 'partial', 'effective', 'not_needed'] as const;
export const GRAVE_CONSEQUENCES = [
  'none',
  'major_safety_accident',
  'severe_environmental_damage',
  'major_mass_incident',
  'severe_public_impact',
] as const;
export const RISK_FILINGS = ['none', 'accepted', 'rejected'] as const;

/** A complete fact set for x-new-area 2023-01: the standard vocabulary plus onReformTaskList. */
export type CaseFacts = {
  purpose: (typeof PURPOSES)[number];
  privateGain: boolean;
  knowinglyViolated: boolean;
  prohibitedAtTheTime: boolean;
  proceduralDefect: boolean;
  actedAfterExplicitBan: boolean;
  policyBoundaryUnclear: boolean;
  noPrecedent: boolean;
  forceMajeure: boolean;
  dutiesPerformed: boolean;
  decisionProcess: (typeof DECISION_PROCESSES)[number];
  objectionRecorded: boolean;
  remediation: (typeof REMEDIATIONS)[number];
  cooperated: boolean;
  obstructed: boolean;
  ignoredRepeatedOrders: boolean;
  repeatOfSameError: boolean;
  fraudulentRecords: boolean;
  graveConsequence: (typeof GRAVE_CONSEQUENCES)[number];
  crimeSuspected: boolean;
  executedIllegalHigherDecision: boolean;
  riskFiling: (typeof RISK_FILINGS)[number];
  /** Yuan; always an integer below 2^30 so the field stays a small integer in V8. */
  lossAmount: number;
  onReformTaskList: boolean;
};

/**
 * The one place fact objects are built: every corpus object has the same keys in the same order
 * (one hidden class), whatever path the draft took.
 */
export function freezeFacts(d: CaseFacts): CaseFacts {
  return {
    purpose: d.purpose,
    privateGain: d.privateGain,
    knowinglyViolated: d.knowinglyViolated,
    prohibitedAtTheTime: d.prohibitedAtTheTime,
    proceduralDefect: d.proceduralDefect,
    actedAfterExplicitBan: d.actedAfterExplicitBan,
    policyBoundaryUnclear: d.policyBoundaryUnclear,
    noPrecedent: d.noPrecedent,
    forceMajeure: d.forceMajeure,
    dutiesPerformed: d.dutiesPerformed,
    decisionProcess: d.decisionProcess,
    objectionRecorded: d.objectionRecorded,
    remediation: d.remediation,
    cooperated: d.cooperated,
    obstructed: d.obstructed,
    ignoredRepeatedOrders: d.ignoredRepeatedOrders,
    repeatOfSameError: d.repeatOfSameError,
    fraudulentRecords: d.fraudulentRecords,
    graveConsequence: d.graveConsequence,
    crimeSuspected: d.crimeSuspected,
    executedIllegalHigherDecision: d.executedIllegalHigherDecision,
    riskFiling: d.riskFiling,
    lossAmount: d.lossAmount,
    onReformTaskList: d.onReformTaskList,
  };
}

/** Loss amounts with the pack's thresholds (5 and 10 million yuan) and their neighbours. */
const LOSS_EDGES = [0, 4_999_999, 5_000_000, 5_000_001, 9_999_999, 10_000_000, 10_000_001];

function drawLoss(r: Rng): number {
  const u = r.next();
  if (u < 0.25) return 0;
  if (u < 0.4) return r.pick(LOSS_EDGES);
  // Log-uniform from 1 thousand to about 60 million yuan.
  return Math.floor(10 ** (3 + r.next() * 4.8));
}

/** Every fact drawn independently and evenly (booleans 50/50, enums uniform). */
function uniformDraft(r: Rng): CaseFacts {
  return {
    purpose: r.pick(PURPOSES),
    privateGain: r.chance(0.5),
    knowinglyViolated: r.chance(0.5),
    prohibitedAtTheTime: r.chance(0.5),
    proceduralDefect: r.chance(0.5),
    actedAfterExplicitBan: r.chance(0.5),
    policyBoundaryUnclear: r.chance(0.5),
    noPrecedent: r.chance(0.5),
    forceMajeure: r.chance(0.5),
    dutiesPerformed: r.chance(0.5),
    decisionProcess: r.pick(DECISION_PROCESSES),
    objectionRecorded: r.chance(0.5),
    remediation: r.pick(REMEDIATIONS),
    cooperated: r.chance(0.5),
    obstructed: r.chance(0.5),
    ignoredRepeatedOrders: r.chance(0.5),
    repeatOfSameError: r.chance(0.5),
    fraudulentRecords: r.chance(0.5),
    graveConsequence: r.pick(GRAVE_CONSEQUENCES),
    crimeSuspected: r.chance(0.5),
    executedIllegalHigherDecision: r.chance(0.5),
    riskFiling: r.pick(RISK_FILINGS),
    lossAmount: drawLoss(r),
    onReformTaskList: r.chance(0.5),
  };
}

/**
 * A "clean" case: no exclusion applies (a few leak through on purpose), the remaining facts vary.
 * Starting point for the cases steered towards the non-binding entries.
 */
function cleanDraft(r: Rng): CaseFacts {
  const leak = 0.03;
  return {
    purpose: r.pick(PURPOSES),
    privateGain: r.chance(leak),
    knowinglyViolated: r.chance(leak),
    prohibitedAtTheTime: r.chance(0.4),
    proceduralDefect: r.chance(0.4),
    actedAfterExplicitBan: r.chance(leak),
    policyBoundaryUnclear: r.chance(0.4),
    noPrecedent: r.chance(0.5),
    forceMajeure: r.chance(0.2),
    dutiesPerformed: r.chance(0.7),
    decisionProcess: r.chance(leak)
      ? 'individual'
      : r.pick(['collective', 'emergency_reported', 'not_required']),
    objectionRecorded: r.chance(0.2),
    remediation: r.pick(REMEDIATIONS),
    cooperated: r.chance(0.5),
    obstructed: r.chance(leak),
    ignoredRepeatedOrders: r.chance(leak),
    repeatOfSameError: r.chance(leak),
    fraudulentRecords: r.chance(leak),
    graveConsequence: r.chance(leak) ? r.pick(GRAVE_CONSEQUENCES.slice(1)) : 'none',
    crimeSuspected: r.chance(leak),
    executedIllegalHigherDecision: r.chance(leak),
    riskFiling: r.pick(RISK_FILINGS),
    lossAmount: drawLoss(r),
    onReformTaskList: r.chance(0.3),
  };
}

/** Makes the (2023-01) gateway conditions other than remediation hold, choosing how at random. */
function satisfyGatewayCore(d: CaseFacts, r: Rng): void {
  d.privateGain = false;
  d.knowinglyViolated = false;
  if (r.chance(0.5)) d.prohibitedAtTheTime = false;
  else d.policyBoundaryUnclear = true;
  if (r.chance(0.6)) d.dutiesPerformed = true;
  else d.riskFiling = 'accepted';
  if (d.decisionProcess === 'individual') d.decisionProcess = 'collective';
}

/** Makes one of the tolerable situations (2023-01 has six) hold. */
function satisfySituation(d: CaseFacts, r: Rng): void {
  switch (r.int(6)) {
    case 0:
      d.purpose = 'reform_pilot';
      d.noPrecedent = true;
      break;
    case 1:
      d.policyBoundaryUnclear = true;
      break;
    case 2:
      d.onReformTaskList = true;
      break;
    case 3:
      d.purpose = 'emergency_response';
      d.decisionProcess = 'emergency_reported';
      break;
    case 4:
      d.proceduralDefect = true;
      d.purpose = r.pick(['development_task', 'public_service', 'emergency_response']);
      d.decisionProcess = 'collective';
      break;
    default:
      d.riskFiling = 'accepted';
      break;
  }
}

/** Keeps the two immunities (objection, force majeure) from pre-empting later entries. */
function avoidImmunities(d: CaseFacts): void {
  d.objectionRecorded = false;
  d.forceMajeure = false;
}

/** Breaks the gateway or every situation, so that neither exemption nor reduction applies. */
function breakGatewayOrSituation(d: CaseFacts, r: Rng): void {
  switch (r.int(4)) {
    case 0:
      d.prohibitedAtTheTime = true;
      d.policyBoundaryUnclear = false;
      break;
    case 1:
      d.dutiesPerformed = false;
      if (d.riskFiling === 'accepted') d.riskFiling = r.pick(['none', 'rejected']);
      break;
    case 2:
      d.remediation = 'none';
      break;
    default:
      // No situation: no pilot, no unclear boundary, not on the list, no emergency, no defect,
      // no accepted filing.
      d.noPrecedent = false;
      d.policyBoundaryUnclear = false;
      d.onReformTaskList = false;
      if (d.decisionProcess === 'emergency_reported') d.decisionProcess = 'not_required';
      d.proceduralDefect = false;
      if (d.riskFiling === 'accepted') d.riskFiling = 'none';
      break;
  }
}

/**
 * The decision entries the generator steers towards, in decision order. Each sets the facts its
 * entry needs on a draft; the coverage check reads back what really decided.
 */
const STEER: readonly { readonly entry: string; readonly apply: (d: CaseFacts, r: Rng) => void }[] =
  [
    { entry: 'd-crime', apply: (d) => void (d.crimeSuspected = true) },
    { entry: 'd-knowing', apply: (d) => void (d.knowinglyViolated = true) },
    { entry: 'd-after-ban', apply: (d) => void (d.actedAfterExplicitBan = true) },
    { entry: 'd-private-gain', apply: (d) => void (d.privateGain = true) },
    { entry: 'd-illegal-higher', apply: (d) => void (d.executedIllegalHigherDecision = true) },
    {
      entry: 'd-aggravation',
      apply: (d, r) => {
        const w = r.int(3);
        d.ignoredRepeatedOrders = w !== 1;
        d.obstructed = w !== 0;
      },
    },
    {
      entry: 'x-grave',
      apply: (d, r) => void (d.graveConsequence = r.pick(GRAVE_CONSEQUENCES.slice(1))),
    },
    { entry: 'x-fraud', apply: (d) => void (d.fraudulentRecords = true) },
    { entry: 'x-repeat', apply: (d) => void (d.repeatOfSameError = true) },
    { entry: 'x-individual', apply: (d) => void (d.decisionProcess = 'individual') },
    {
      entry: 'x-objection',
      apply: (d) => {
        d.decisionProcess = 'collective';
        d.objectionRecorded = true;
      },
    },
    {
      entry: 'x-force-majeure',
      apply: (d) => {
        d.dutiesPerformed = true;
        d.forceMajeure = true;
      },
    },
    {
      entry: 'x-exempted',
      apply: (d, r) => {
        satisfyGatewayCore(d, r);
        satisfySituation(d, r);
        d.remediation = r.pick(['effective', 'not_needed']);
        avoidImmunities(d);
        if (d.lossAmount > 10_000_000) d.lossAmount = r.pick([0, 5_000_001, 10_000_000]);
      },
    },
    {
      entry: 'x-reduced-large-loss',
      apply: (d, r) => {
        satisfyGatewayCore(d, r);
        satisfySituation(d, r);
        d.remediation = r.pick(['effective', 'not_needed']);
        avoidImmunities(d);
        if (d.lossAmount <= 10_000_000) d.lossAmount = r.pick([10_000_001, 12_345_678, 55_000_000]);
      },
    },
    {
      entry: 'x-reduced-partial',
      apply: (d, r) => {
        satisfyGatewayCore(d, r);
        satisfySituation(d, r);
        d.remediation = 'partial';
        d.cooperated = true;
        avoidImmunities(d);
      },
    },
    {
      entry: 'x-lighter',
      apply: (d, r) => {
        breakGatewayOrSituation(d, r);
        if (d.remediation !== 'effective' || r.chance(0.5)) d.cooperated = true;
        avoidImmunities(d);
      },
    },
    {
      entry: 'x-default',
      apply: (d, r) => {
        breakGatewayOrSituation(d, r);
        if (d.remediation === 'effective')
          d.remediation = r.pick(['none', 'partial', 'not_needed']);
        d.cooperated = false;
        avoidImmunities(d);
      },
    },
  ];

/** Binding (exclusion) facts that may also be set on steered cases, to exercise entry order. */
const OVERLAPS: readonly ((d: CaseFacts, r: Rng) => void)[] = [
  (d) => void (d.crimeSuspected = true),
  (d) => void (d.knowinglyViolated = true),
  (d) => void (d.actedAfterExplicitBan = true),
  (d) => void (d.privateGain = true),
  (d) => void (d.executedIllegalHigherDecision = true),
  (d) => void (d.obstructed = true),
  (d, r) => void (d.graveConsequence = r.pick(GRAVE_CONSEQUENCES.slice(1))),
  (d) => void (d.fraudulentRecords = true),
  (d) => void (d.repeatOfSameError = true),
  (d) => void (d.decisionProcess = 'individual'),
];

/** Flips one fact to a different value: near misses around an entry's conditions. */
function perturb(d: CaseFacts, r: Rng): void {
  const key = r.pick(FACT_KEYS) as keyof CaseFacts;
  const rec = d as unknown as Record<string, unknown>;
  const v = rec[key];
  if (typeof v === 'boolean') rec[key] = !v;
  else if (typeof v === 'number') rec[key] = drawLoss(r);
  else {
    const domain: readonly string[] =
      key === 'purpose'
        ? PURPOSES
        : key === 'decisionProcess'
          ? DECISION_PROCESSES
          : key === 'remediation'
            ? REMEDIATIONS
            : key === 'graveConsequence'
              ? GRAVE_CONSEQUENCES
              : RISK_FILINGS;
    const others = domain.filter((x) => x !== v);
    rec[key] = r.pick(others);
  }
}

export interface CorpusOptions {
  readonly size: number;
  readonly seed: number;
  /** Share of cases drawn uniformly; the rest are steered towards a decision entry. */
  readonly uniformShare?: number;
  /** Share of steered cases that get one fact flipped afterwards. */
  readonly perturbShare?: number;
}

export function generateFacts(r: Rng, uniformShare = 0.3, perturbShare = 0.15): CaseFacts {
  if (r.chance(uniformShare)) return freezeFacts(uniformDraft(r));
  const d = cleanDraft(r);
  const steer = r.pick(STEER);
  steer.apply(d, r);
  if (r.chance(0.1)) r.pick(OVERLAPS)(d, r);
  if (r.chance(perturbShare)) perturb(d, r);
  return freezeFacts(d);
}

export function generateCorpus(opts: CorpusOptions): CaseFacts[] {
  const r = new Rng(opts.seed);
  const out: CaseFacts[] = new Array<CaseFacts>(opts.size);
  for (let i = 0; i < opts.size; i++)
    out[i] = generateFacts(r, opts.uniformShare, opts.perturbShare);
  return out;
}

/** The fact keys, in the order every corpus object has them. */
export const FACT_KEYS: readonly string[] = Object.keys(freezeFacts(uniformDraft(new Rng(1))));

/** The entry ids the generator steers towards, for cross-checking against the pack. */
export const STEERED_ENTRIES: readonly string[] = STEER.map((s) => s.entry);

// ------------------------------------------------------------------------------------------------
// Coverage

export interface Coverage {
  readonly cases: number;
  /** Rules reachable from the merged decision; each must be true at least once. */
  readonly rulesRequired: number;
  readonly ruleTrue: Record<string, number>;
  /** Rules defined (e.g. inherited) but not used by the merged decision: informative only. */
  readonly rulesUnused: Record<string, number>;
  /** How many cases each decision entry decided (in decision order). */
  readonly entryDecided: Record<string, number>;
  readonly outcomes: Record<string, number>;
  /** Facts the decision uses (transitively); all present and non-null in every case. */
  readonly factsUsed: readonly string[];
  /** The entry that decided each case (index into p.entries). */
  readonly decidingEntry: Uint8Array;
  readonly problems: readonly string[];
}

function walk(n: CNode, rules: Set<string>, facts: Set<string>, seen: Set<CNode>): void {
  if (seen.has(n)) return;
  seen.add(n);
  if (n.ref) {
    if (n.ref.kind === 'rule') rules.add(n.ref.id);
    walk(n.ref.body, rules, facts, seen);
    return;
  }
  if (n.src.kind === 'compare') facts.add(n.src.fact);
  for (const k of n.kids) walk(k, rules, facts, seen);
}

/**
 * Evaluates every rule and every entry of the compiled policy on every case (through the
 * compiled nodes, after `begin()`), and checks that the corpus is complete and covers the
 * decision: each rule the decision uses is true at least once, each entry decides at least once.
 */
export function checkCoverage(p: CompiledPolicy, corpus: readonly CaseFacts[]): Coverage {
  const used = new Set<string>();
  const factsUsed = new Set<string>();
  const seen = new Set<CNode>();
  for (const e of p.entries) if (e.node) walk(e.node, used, factsUsed, seen);

  const problems: string[] = [];
  for (const f of factsUsed) {
    if (!FACT_KEYS.includes(f))
      problems.push(`the decision uses fact '${f}', which the corpus lacks`);
  }
  for (const f of FACT_KEYS) {
    if (!p.eff.facts.has(f))
      problems.push(`the corpus has fact '${f}', which the policy does not declare`);
  }

  const ruleIds = [...p.ruleNodes.keys()];
  const ruleFns = ruleIds.map((id) => p.ruleNodes.get(id)!.fn);
  const ruleCounts = new Float64Array(ruleIds.length);
  const entryCounts = new Float64Array(p.entries.length);
  const decidingEntry = new Uint8Array(corpus.length);
  const outcomes: Record<string, number> = {};
  for (const o of p.outcomes) outcomes[o.id] = 0;
  outcomes.undetermined = 0;

  const keyString = FACT_KEYS.join(',');
  for (let c = 0; c < corpus.length; c++) {
    const facts = corpus[c]!;
    // Same keys in the same order, and values the policy's vocabulary accepts.
    if (Object.keys(facts).join(',') !== keyString) problems.push(`case ${c}: keys differ`);
    for (const b of factProblems(facts, p.eff.facts, `case ${c}`)) problems.push(b.message.en);
    for (const k of FACT_KEYS) {
      const v = (facts as unknown as Record<string, unknown>)[k];
      if (v === undefined || v === null) problems.push(`case ${c}: fact '${k}' has no value`);
    }
    p.begin();
    for (let i = 0; i < ruleFns.length; i++) if (ruleFns[i]!(facts) === T) ruleCounts[i]!++;
    let decided = -1;
    for (let i = 0; i < p.entries.length; i++) {
      if (p.entries[i]!.fn(facts) === T) {
        decided = i;
        break;
      }
    }
    if (decided < 0) problems.push(`case ${c}: no entry applies`);
    else {
      entryCounts[decided]!++;
      decidingEntry[c] = decided;
    }
    outcomes[p.decide(facts)]!++;
    if (problems.length > 20) break;
  }

  const ruleTrue: Record<string, number> = {};
  const rulesUnused: Record<string, number> = {};
  ruleIds.forEach((id, i) => {
    if (used.has(id)) {
      ruleTrue[id] = ruleCounts[i]!;
      if (ruleCounts[i] === 0) problems.push(`rule '${id}' is never true`);
    } else rulesUnused[id] = ruleCounts[i]!;
  });
  const entryDecided: Record<string, number> = {};
  p.entries.forEach((e, i) => {
    entryDecided[e.entry.id] = entryCounts[i]!;
    if (entryCounts[i] === 0) problems.push(`decision entry '${e.entry.id}' never decides`);
  });
  const entryIds = p.entries.map((e) => e.entry.id).join(',');
  if (entryIds !== STEERED_ENTRIES.join(',')) {
    problems.push(
      `the merged decision is now [${entryIds}]; the generator steers [${STEERED_ENTRIES.join(',')}]`,
    );
  }
  return {
    cases: corpus.length,
    rulesRequired: used.size,
    ruleTrue,
    rulesUnused,
    entryDecided,
    outcomes,
    factsUsed: [...factsUsed].sort(),
    decidingEntry,
    problems,
  };
}
