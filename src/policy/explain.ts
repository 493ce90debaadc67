/**
 * Explained evaluation: the outcome with the rules that decided it (and the clauses they rest on),
 * why each more favourable outcome was not reached, and which unknown facts still matter.
 */
import { F, T, U, type ClauseRef, type CNode, type CompiledPolicy, type Tri } from './compile.js';
import type { FactValue, Facts, I18nText, RuleKind } from './model.js';
import { UNDETERMINED } from './model.js';

export type { ClauseRef };

export interface FactUse {
  readonly fact: string;
  readonly value: FactValue | null;
}

/** A rule that applied and led to the outcome. */
export interface Reason {
  readonly rule: string;
  readonly kind: RuleKind;
  readonly title: I18nText;
  readonly clauses: readonly ClauseRef[];
  readonly facts: readonly FactUse[];
}

/** A condition that did not hold (or is not known), with the conditions under it that explain why. */
export interface Failure {
  readonly status: 'failed' | 'unknown';
  readonly text: I18nText;
  readonly rule?: string;
  readonly clauses?: readonly ClauseRef[];
  readonly fact?: string;
  readonly actual?: FactValue | null;
  readonly because?: readonly Failure[];
}

export interface WhyNot {
  readonly outcome: string;
  readonly label: I18nText;
  readonly entry: string;
  /** When an earlier decision entry already decided the case. */
  readonly precludedBy?: string;
  readonly failed: readonly Failure[];
}

export interface Explained {
  readonly outcome: string;
  readonly label: I18nText;
  readonly possibleOutcomes: readonly string[];
  /** The decision entry that gave the outcome. */
  readonly decidedBy?: { readonly entry: string; readonly note?: I18nText };
  readonly reasons: readonly Reason[];
  readonly whyNot: readonly WhyNot[];
  readonly missingFacts: readonly string[];
}

const UNDETERMINED_LABEL: I18nText = { zh: '尚不能确定', en: 'undetermined' };

export function explain(p: CompiledPolicy, facts: Facts): Explained {
  const { rank, ids: possibleOutcomes } = p.possible(facts);
  // Values below are read under the same memo generation as the decision.
  const entries = p.entries;
  // Entry values up to the first that certainly applies; later ones are read only when needed.
  const values: Tri[] = [];
  let decisive = -1;
  for (let i = 0; i < entries.length; i++) {
    const v = entries[i]!.fn(facts);
    values.push(v);
    if (v === T) {
      decisive = i;
      break;
    }
  }

  if (rank < 0) {
    // Undetermined: the facts that could still change the outcome are those under the entries
    // whose value is unknown, up to the first entry that certainly applies.
    const missing = new Set<string>();
    for (let i = 0; i < entries.length; i++) {
      if (values[i] === F) continue;
      if (values[i] === T) break;
      collectUnknown(entries[i]!.node!, facts, missing);
    }
    return {
      outcome: UNDETERMINED,
      label: UNDETERMINED_LABEL,
      possibleOutcomes,
      reasons: [],
      whyNot: [],
      missingFacts: [...missing],
    };
  }

  const outcome = p.outcomes[rank]!;
  // The first entry that certainly applies, or for a decided outcome reached through unknown
  // entries of the same outcome, the first of those that applies.
  const decidingIndex =
    decisive >= 0 ? decisive : entries.findIndex((e, i) => values[i] !== F && e.rank === rank);
  const decEntry = entries[decidingIndex];
  const reasons: Reason[] = [];
  const seenRules = new Set<string>();
  if (decEntry?.node && values[decidingIndex] === T)
    support(p, decEntry.node, facts, reasons, seenRules);

  const whyNot: WhyNot[] = [];
  const memo: FailMemo = new Map();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.rank >= rank || !e.node) continue;
    const o = p.outcomes[e.rank]!;
    const v = i < values.length ? values[i]! : e.fn(facts);
    const failed = v === T ? [] : [failure(p, e.node, facts, v, memo)];
    whyNot.push({
      outcome: o.id,
      label: o.label,
      entry: e.entry.id,
      precludedBy: i > decidingIndex ? (decEntry?.entry.id ?? '') : undefined,
      failed,
    });
  }

  return {
    outcome: outcome.id,
    label: outcome.label,
    possibleOutcomes,
    decidedBy: decEntry
      ? decEntry.entry.note
        ? { entry: decEntry.entry.id, note: decEntry.entry.note }
        : { entry: decEntry.entry.id }
      : undefined,
    reasons,
    whyNot,
    missingFacts: [],
  };
}

function ruleClauses(p: CompiledPolicy, ruleId: string): readonly ClauseRef[] {
  return p.ruleClauses.get(ruleId)!;
}

/** Collects the rules (and facts) that make a true node true. */
function support(
  p: CompiledPolicy,
  node: CNode,
  facts: Facts,
  out: Reason[],
  seen: Set<string>,
): FactUse[] {
  const used: FactUse[] = [];
  const walk = (n: CNode): void => {
    const src = n.src;
    if (n.ref) {
      if (n.ref.kind === 'rule') {
        const id = n.ref.id;
        const inner = support(p, n.ref.body, facts, out, seen);
        if (!seen.has(id)) {
          seen.add(id);
          const rule = p.eff.rules.get(id)!;
          out.push({
            rule: id,
            kind: rule.kind,
            title: rule.title,
            clauses: ruleClauses(p, id),
            facts: inner,
          });
        }
        used.push(...inner);
      } else {
        walk(n.ref.body);
      }
      return;
    }
    switch (src.kind) {
      case 'compare':
        used.push({ fact: src.fact, value: facts[src.fact] ?? null });
        return;
      case 'all':
        for (const k of n.kids) walk(k);
        return;
      case 'any':
        for (const k of n.kids) {
          if (k.fn(facts) === T) {
            walk(k);
            return;
          }
        }
        return;
      case 'not':
        // A condition that holds because something does not: name the facts it rests on.
        for (const f of factsUnder(n.kids[0]!)) used.push({ fact: f, value: facts[f] ?? null });
        return;
      default:
        return;
    }
  };
  walk(node);
  return dedupe(used);
}

function dedupe(uses: FactUse[]): FactUse[] {
  const seen = new Set<string>();
  return uses.filter((u) => (seen.has(u.fact) ? false : (seen.add(u.fact), true)));
}

const factsCache = new WeakMap<CNode, readonly string[]>();

/** The facts a node's value depends on (cached per node). */
function factsUnder(n: CNode): readonly string[] {
  let out = factsCache.get(n);
  if (!out) {
    const acc = new Set<string>();
    const walk = (x: CNode): void => {
      if (x.src.kind === 'compare' && !x.ref) acc.add(x.src.fact);
      for (const k of x.ref ? [x.ref.body] : x.kids) walk(k);
    };
    walk(n);
    out = Object.freeze([...acc]);
    factsCache.set(n, out);
  }
  return out;
}

/** Per-explanation memo: a node's failure is the same wherever it appears (shared rules). */
type FailMemo = Map<CNode, Failure>;

function failure(p: CompiledPolicy, n: CNode, facts: Facts, v: Tri, memo: FailMemo): Failure {
  const hit = memo.get(n);
  if (hit) return hit;
  const status = v === U ? 'unknown' : 'failed';
  let out: Failure;
  if (n.ref) {
    const because = childFailures(p, n.ref.body, facts, memo);
    const isRule = n.ref.kind === 'rule';
    out = {
      status,
      text: n.text,
      rule: isRule ? n.ref.id : undefined,
      clauses: isRule ? ruleClauses(p, n.ref.id) : undefined,
      because: because.length > 0 ? because : undefined,
    };
  } else if (n.src.kind === 'compare') {
    const fact = n.src.fact;
    out = { status, text: n.text, fact, actual: facts[fact] ?? null };
  } else {
    const because = childFailures(p, n, facts, memo);
    out = { status, text: n.text, because: because.length > 0 ? because : undefined };
  }
  memo.set(n, out);
  return out;
}

/** The children responsible for a node not being true. */
function childFailures(p: CompiledPolicy, n: CNode, facts: Facts, memo: FailMemo): Failure[] {
  const src = n.src;
  if (n.ref) return [failure(p, n, facts, n.fn(facts), memo)];
  switch (src.kind) {
    case 'all':
    case 'any': {
      const out: Failure[] = [];
      for (const k of n.kids) {
        const kv = k.fn(facts);
        if (kv !== T) out.push(failure(p, k, facts, kv, memo));
      }
      return out;
    }
    case 'not': {
      // not(X) fails because X holds (or is not known).
      const kid = n.kids[0]!;
      const kv = kid.fn(facts);
      if (kv === U) return [failure(p, kid, facts, U, memo)];
      if (kid.ref?.kind === 'rule') {
        return [
          {
            status: 'failed',
            text: { zh: `适用：${kid.text.zh}`, en: `applies: ${kid.text.en}` },
            rule: kid.ref.id,
            clauses: ruleClauses(p, kid.ref.id),
          },
        ];
      }
      return factsUnder(kid).map((f) => ({
        status: 'failed' as const,
        text: kid.text,
        fact: f,
        actual: facts[f] ?? null,
      }));
    }
    case 'compare':
      return [failure(p, n, facts, n.fn(facts), memo)];
    default:
      return [];
  }
}

/** Unknown facts under a node whose value is unknown, skipping subtrees already decided. */
function collectUnknown(n: CNode, facts: Facts, out: Set<string>): void {
  if (n.fn(facts) !== U) return;
  if (n.src.kind === 'compare') {
    out.add(n.src.fact);
    return;
  }
  const kids = n.ref ? [n.ref.body] : n.kids;
  for (const k of kids) collectUnknown(k, facts, out);
}
