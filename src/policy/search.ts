/**
 * Satisfiability search over condition trees: find facts that make a condition true, or prove that
 * none exist. Uses the compiled three-valued closures: a partial assignment that already decides
 * the condition prunes the whole subtree of assignments below it, so the search stays small for
 * real measures. Numbers and dates are tried at, between and beyond the thresholds the policy uses.
 */
import { U, T, F, type CNode, type CompiledPolicy } from './compile.js';
import { addDays } from './dates.js';
import { spanStart } from './derived.js';
import {
  CONDUCT_KEY,
  NONE,
  type Condition,
  type DateSpan,
  type FactDecl,
  type FactValue,
} from './model.js';

/**
 * The conduct date the search assumes for conditions relative to it (`within`): dates are tried
 * at, inside and beyond each span counted back from it.
 */
const SEARCH_CONDUCT = '2024-06-30';

export type Assignment = Record<string, FactValue>;

export interface SearchResult {
  /** Facts that make the condition true (facts not listed may be anything). */
  readonly model?: Assignment;
  /** True when the search gave up before finishing (budget). */
  readonly exhausted: boolean;
}

export class Searcher {
  private readonly domains = new Map<string, readonly FactValue[]>();

  constructor(
    private readonly p: CompiledPolicy,
    private readonly budget = 200_000,
    extra: readonly Condition[] = [],
  ) {
    const thresholds = new Map<string, Set<FactValue>>();
    const visit = (c: Condition): void => {
      switch (c.kind) {
        case 'all':
        case 'any':
          c.of.forEach(visit);
          return;
        case 'not':
          visit(c.of);
          return;
        case 'compare': {
          let set = thresholds.get(c.fact);
          if (!set) thresholds.set(c.fact, (set = new Set()));
          if (c.op === 'within') {
            set.add(spanStart(SEARCH_CONDUCT, c.value as DateSpan)).add(SEARCH_CONDUCT);
            return;
          }
          for (const v of Array.isArray(c.value) ? c.value : [c.value as FactValue]) set.add(v);
          return;
        }
        default:
          return;
      }
    };
    for (const r of p.eff.rules.values()) visit(r.when);
    for (const x of p.eff.predicates.values()) visit(x.when);
    for (const d of p.eff.decision) if (d.when) visit(d.when);
    extra.forEach(visit);
    for (const [id, decl] of p.eff.facts) {
      const values = domainOf(decl, thresholds.get(id) ?? new Set());
      this.domains.set(id, decl.none ? [...values, NONE] : values);
    }
  }

  /** Candidate values tried for a fact. */
  domain(fact: string): readonly FactValue[] {
    return this.domains.get(fact) ?? [];
  }

  find(node: CNode, fixed: Assignment = {}): SearchResult {
    const p = this.p;
    const a: Record<string, FactValue> = { ...fixed };
    if (p.usesConduct) a[CONDUCT_KEY] = SEARCH_CONDUCT;
    let steps = 0;
    let exhausted = false;
    const dfs = (): boolean => {
      if (++steps > this.budget) {
        exhausted = true;
        return false;
      }
      p.begin();
      const v = node.fn(a);
      if (v === T) return true;
      if (v === F) return false;
      const fact = firstUnknown(node, a);
      if (fact === undefined) return false;
      for (const value of this.domain(fact)) {
        a[fact] = value;
        if (dfs()) return true;
        if (exhausted) break;
      }
      delete a[fact];
      return false;
    };
    const ok = dfs();
    if (!ok) return { exhausted };
    const { [CONDUCT_KEY]: _conduct, ...model } = a;
    return { model, exhausted: false };
  }
}

/** The first fact with no value under a node whose value is unknown. */
function firstUnknown(n: CNode, a: Record<string, FactValue>): string | undefined {
  if (n.fn(a) !== U) return undefined;
  if (n.src.kind === 'compare' && !n.ref)
    return a[n.src.fact] === undefined ? n.src.fact : undefined;
  for (const k of n.ref ? [n.ref.body] : n.kids) {
    const f = firstUnknown(k, a);
    if (f !== undefined) return f;
  }
  return undefined;
}

function domainOf(decl: FactDecl, used: Set<FactValue>): FactValue[] {
  switch (decl.type) {
    case 'boolean':
      return [false, true];
    case 'enum':
      return (decl.values ?? []).map((o) => o.value);
    case 'number': {
      const ts = [...used].filter((v): v is number => typeof v === 'number').sort((x, y) => x - y);
      const out: number[] = [];
      const push = (v: number) => {
        if (decl.min !== undefined && v < decl.min) return;
        if (decl.max !== undefined && v > decl.max) return;
        if (decl.integer && !Number.isInteger(v)) return;
        if (!out.includes(v)) out.push(v);
      };
      if (ts.length === 0) {
        push(decl.min ?? 0);
        push((decl.min ?? 0) + 1);
        return out;
      }
      push(ts[0]! - 1);
      if (decl.min !== undefined) push(decl.min);
      ts.forEach((t, i) => {
        push(t);
        const next = ts[i + 1];
        if (next !== undefined) {
          const mid = decl.integer ? Math.floor((t + next) / 2) : (t + next) / 2;
          if (mid > t && mid < next) push(mid);
        }
      });
      push(ts[ts.length - 1]! + 1);
      return out;
    }
    case 'date': {
      const ts = [...used].filter((v): v is string => typeof v === 'string').sort();
      if (ts.length === 0) return ['2000-01-01'];
      const out = new Set<string>([addDays(ts[0]!, -1)]);
      ts.forEach((t, i) => {
        out.add(t);
        const next = ts[i + 1];
        if (next !== undefined && addDays(t, 1) < next) out.add(addDays(t, 1));
      });
      out.add(addDays(ts[ts.length - 1]!, 1));
      return [...out];
    }
  }
}
