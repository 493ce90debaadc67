/**
 * Explained evaluation: the outcome with the rules that decided it (and the clauses they rest on),
 * every tolerable situation that holds, the negative list checked exclusion by exclusion, why each
 * more favourable outcome the facts could have reached was not, which unknown facts still matter,
 * and every clause cited, once.
 */
import {
  F,
  T,
  U,
  type ClauseRef,
  type CNode,
  type CompiledPolicy,
  type ResultKind,
  type Tri,
} from './compile.js';
import { describeExpr, exprFacts, zeroDivisors } from './derived.js';
import type { FactValue, Facts, I18nText, RuleKind } from './model.js';
import { UNDETERMINED } from './model.js';

export type { ClauseRef, ResultKind };

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
  /** The entry's outcome (for a band, its most favourable). */
  readonly outcome: string;
  readonly label: I18nText;
  /** For a band: every outcome the entry allows, most favourable first. */
  readonly band?: readonly string[];
  readonly entry: string;
  /**
   * No longer produced (why-nots are given only for entries before the deciding one); kept in the
   * type for explanations stored before, which named the earlier entry that decided the case.
   */
  readonly precludedBy?: string;
  readonly failed: readonly Failure[];
}

/** A tolerable situation (情形: a rule of kind situation or immunity) that holds on the facts. */
export interface SituationHeld {
  readonly rule: string;
  readonly kind: RuleKind;
  readonly title: I18nText;
  /** Ids of the clauses it rests on; their text is in `citedClauses`, once. */
  readonly clauses: readonly string[];
  /** The facts that make it hold. */
  readonly facts: readonly FactUse[];
  /** True when it is among the reasons of the outcome; false when something else decided. */
  readonly decisive: boolean;
}

/** One exclusion of the negative list (负面清单: a rule of kind exclusion) as checked. */
export interface ExclusionCheck {
  readonly rule: string;
  readonly title: I18nText;
  /** absent: found not to apply; present: applies; unknown: the facts do not yet say. */
  readonly status: 'absent' | 'present' | 'unknown';
  /** Ids of the clauses it rests on; their text is in `citedClauses`, once. */
  readonly clauses: readonly string[];
  /** The facts it reads, with their values (null: unknown). */
  readonly facts: readonly FactUse[];
}

export interface Explained {
  /** The outcome recommended (for a band, its most favourable: `recommended[0]`), or undetermined. */
  readonly outcome: string;
  readonly label: I18nText;
  /**
   * The outcomes the deciding entry allows, most favourable first: one where it names one, a band
   * (可以……或者……) within which the collective body decides, empty when undetermined.
   */
  readonly recommended: readonly string[];
  /** On the ladder, or off it (not applicable, referred); absent when undetermined. */
  readonly resultKind?: ResultKind;
  /** For a referral: the body the matter is referred to, where the pack names one. */
  readonly referredTo?: I18nText;
  /** The result worded as a recommendation to the collective body (建议……由集体研究认定). */
  readonly recommendation: I18nText;
  /** The outcomes still possible, each band counted at its most favourable outcome. */
  readonly possibleOutcomes: readonly string[];
  /** The decision entry that gave the outcome. */
  readonly decidedBy?: { readonly entry: string; readonly note?: I18nText };
  /** The rules that decided the outcome: under an `any`, every alternative that holds. */
  readonly reasons: readonly Reason[];
  /**
   * Why each more favourable outcome was not reached, for the decision entries before the one that
   * decided (none for a result off the ladder, which no outcome is more favourable than): an entry after it is pre-empted, and no fact could make it give its outcome while the
   * deciding entry holds (an exclusion found present says so in `negativeList`). Empty when the
   * outcome is undetermined (`missingFacts` says what is needed).
   */
  readonly whyNot: readonly WhyNot[];
  readonly missingFacts: readonly string[];
  /** Every tolerable situation (or immunity) that holds, in the pack's order. */
  readonly situations: readonly SituationHeld[];
  /** Every exclusion of the effective policy, in the pack's order, found absent, present or unknown. */
  readonly negativeList: readonly ExclusionCheck[];
  /**
   * Every clause the explanation cites (reasons, situations, negative list, why-nots), once, in the
   * order first cited: rules and failures refer to them by id.
   */
  readonly citedClauses: readonly ClauseRef[];
  /** The derived facts of the policy, each with its formula and computed value; absent when none. */
  readonly derived?: readonly DerivedValue[];
}

/** A derived fact as computed for this explanation. */
export interface DerivedValue {
  readonly fact: string;
  readonly label: I18nText;
  /** Null when it cannot be computed: an input is unknown, or a divisor is 0 (`note` says so). */
  readonly value: number | null;
  readonly formula: I18nText;
  readonly inputs: readonly FactUse[];
  readonly note?: I18nText;
}

const UNDETERMINED_LABEL: I18nText = { zh: '尚不能确定', en: 'undetermined' };
const NO_RECOMMENDATION: readonly string[] = Object.freeze([]);
const UNDETERMINED_RECOMMENDATION: I18nText = {
  zh: '已知事实尚不足以提出建议结果；请查明尚需查明的事实后，由集体研究认定。',
  en: 'The known facts do not yet support a recommendation; establish the facts still needed, then the collective body decides.',
};

export function explain(p: CompiledPolicy, facts: Facts): Explained {
  const { rank, choice, ids: possibleOutcomes } = p.possible(facts);
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
    const situations = heldSituations(p, facts, NO_REASONS);
    const negativeList = checkNegativeList(p, facts);
    return withDerived(p, facts, {
      outcome: UNDETERMINED,
      label: UNDETERMINED_LABEL,
      recommended: NO_RECOMMENDATION,
      recommendation: UNDETERMINED_RECOMMENDATION,
      possibleOutcomes,
      reasons: NO_REASONS,
      whyNot: [],
      missingFacts: [...missing],
      situations,
      negativeList,
      citedClauses: citedClauses(p, NO_REASONS, situations, negativeList, []),
    });
  }

  const outcome = p.outcomes[rank]!;
  // The first entry that certainly applies, or for a decided outcome reached through unknown
  // entries of the same outcome, the first of those that applies.
  const decidingIndex =
    decisive >= 0 ? decisive : entries.findIndex((e, i) => values[i] !== F && e.choice === choice);
  const decEntry = entries[decidingIndex];
  const reasons: Reason[] = [];
  const seenRules = new Set<string>();
  if (decEntry?.node && values[decidingIndex] === T)
    support(p, decEntry.node, facts, reasons, seenRules);

  // Why-nots only for the outcomes the facts could have reached: the entries before the one that
  // certainly applies (each failed on the facts). An entry after it is pre-empted whatever its
  // own facts say. When the outcome was reached through unknown entries of its own band, every
  // more favourable entry failed on the facts and is explained. A band is more favourable when it
  // comes earlier in the policy's band order (its best outcome, then its worst, is better).
  // A result off the ladder is not less favourable than any outcome on it: no why-nots.
  const whyNot: WhyNot[] = [];
  const memo: FailMemo = new Map();
  const last = p.kinds[rank] !== 'ladder' ? 0 : decisive >= 0 ? decisive : entries.length;
  for (let i = 0; i < last; i++) {
    const e = entries[i]!;
    if (e.choice >= choice || !e.node) continue;
    const o = p.outcomes[e.rank]!;
    const v = values[i]!;
    whyNot.push({
      outcome: o.id,
      label: o.label,
      band: e.band.length > 1 ? recommendationOf(p, e.choice).ids : undefined,
      entry: e.entry.id,
      failed: v === T ? [] : [failure(p, e.node, facts, v, memo)],
    });
  }
  const situations = heldSituations(p, facts, reasons);
  const negativeList = checkNegativeList(p, facts);

  const rec = recommendationOf(p, choice);
  return withDerived(p, facts, {
    outcome: outcome.id,
    label: outcome.label,
    recommended: rec.ids,
    resultKind: p.kinds[rank]!,
    referredTo: rec.to,
    recommendation: rec.text,
    possibleOutcomes,
    decidedBy: decEntry
      ? decEntry.entry.note
        ? { entry: decEntry.entry.id, note: decEntry.entry.note }
        : { entry: decEntry.entry.id }
      : undefined,
    reasons,
    whyNot,
    missingFacts: [],
    situations,
    negativeList,
    citedClauses: citedClauses(p, reasons, situations, negativeList, whyNot),
  });
}

/**
 * The explanation with each derived fact's value and formula; the same object, untouched, when
 * the policy has none (no copy on the hot path).
 */
function withDerived(p: CompiledPolicy, facts: Facts, e: Explained): Explained {
  if (p.derived.length === 0) return e;
  const decls = p.eff.facts;
  return {
    ...e,
    derived: p.derived.map(({ id }) => {
      const decl = decls.get(id)!;
      const value = facts[id];
      const zero = zeroDivisors(decl.derived!, facts, decls);
      return {
        fact: id,
        label: decl.label,
        value: typeof value === 'number' ? value : null,
        formula: describeExpr(decl.derived!, decls),
        inputs: exprFacts(decl.derived!).map((f) => ({ fact: f, value: facts[f] ?? null })),
        ...(zero.length > 0
          ? {
              note: {
                zh: `除数${zero.map((z) => `“${z.zh}”`).join('、')}为 0，无法计算，按未知处理。`,
                en: `The divisor ${zero.map((z) => z.en).join(', ')} is 0: the value cannot be computed and is taken as unknown.`,
              },
            }
          : {}),
      };
    }),
  };
}

const NO_REASONS: readonly Reason[] = Object.freeze([]);

/**
 * An explanation made undetermined after the fact (从旧兼从轻 where the known facts do not say
 * which version is more favourable): no reasons or why-nots, no situation decisive, the clauses
 * cited by what is left.
 */
export function asUndetermined(
  p: CompiledPolicy,
  e: Explained,
  possibleOutcomes: readonly string[],
  missingFacts: readonly string[],
): Explained {
  const situations = e.situations.map((s) => (s.decisive ? { ...s, decisive: false } : s));
  return {
    outcome: UNDETERMINED,
    label: UNDETERMINED_LABEL,
    recommended: NO_RECOMMENDATION,
    recommendation: UNDETERMINED_RECOMMENDATION,
    possibleOutcomes,
    reasons: NO_REASONS,
    whyNot: [],
    missingFacts,
    situations,
    negativeList: e.negativeList,
    citedClauses: citedClauses(p, NO_REASONS, situations, e.negativeList, []),
    ...(e.derived ? { derived: e.derived } : {}),
  };
}

/** A band as recommended: its outcome ids and its wording, built once per policy and band. */
interface Recommendation {
  readonly ids: readonly string[];
  readonly text: I18nText;
  readonly to?: I18nText;
}

const recommendationCache = new WeakMap<CompiledPolicy, Recommendation[]>();

function recommendationOf(p: CompiledPolicy, choice: number): Recommendation {
  let list = recommendationCache.get(p);
  if (!list) {
    list = p.bands.map((band) => wordRecommendation(p, band));
    recommendationCache.set(p, list);
  }
  return list[choice]!;
}

/**
 * Every result is a recommendation to the collective body, which decides: 建议……由集体研究认定.
 * A band says the body decides within it; a result off the ladder says plainly what it means.
 */
function wordRecommendation(p: CompiledPolicy, band: readonly number[]): Recommendation {
  const ids = Object.freeze(band.map((r) => p.outcomes[r]!.id));
  const first = p.outcomes[band[0]!]!;
  const kind = p.kinds[band[0]!]!;
  if (kind === 'notApplicable') {
    return Object.freeze({
      ids,
      text: {
        zh: '不属于本办法适用范围，建议不适用本办法容错，由集体研究认定。',
        en: "Outside the measure's scope: the recommendation is not to apply the measure's tolerance; the collective body decides.",
      },
    });
  }
  if (kind === 'referred') {
    const to = p.referredTo[band[0]!];
    return Object.freeze({
      ids,
      text: {
        zh: `不按本办法的结果阶梯认定，建议${first.label.zh}${to ? `，移送${to.zh}` : ''}，由集体研究认定。`,
        en: `Not an outcome on the measure's ladder. Recommended: ${first.label.en}${to ? `, referred to ${to.en}` : ''}; the collective body decides.`,
      },
      ...(to ? { to } : {}),
    });
  }
  if (band.length === 1) {
    return Object.freeze({
      ids,
      text: {
        zh: `建议${first.label.zh}，由集体研究认定。`,
        en: `Recommended: ${first.label.en}; the collective body decides.`,
      },
    });
  }
  const zh = band.map((r) => p.outcomes[r]!.label.zh);
  const en = band.map((r) => p.outcomes[r]!.label.en);
  return Object.freeze({
    ids,
    text: {
      zh: `建议可以${zh.slice(0, -1).join('、')}或者${zh[zh.length - 1]}（由集体研究在此范围内认定）。`,
      en: `Recommended: ${en.slice(0, -1).join(', ')} or ${en[en.length - 1]} (the collective body decides within this range).`,
    },
  });
}

/** What the explanation needs of a policy beyond the compiled tree, built once per policy. */
interface RuleIndex {
  readonly situations: readonly IndexedRule[];
  readonly exclusions: readonly IndexedRule[];
}

interface IndexedRule {
  readonly id: string;
  readonly kind: RuleKind;
  readonly title: I18nText;
  readonly node: CNode;
  readonly clauses: readonly string[];
  readonly facts: readonly string[];
  /** For an exclusion over one fact: its checks by the fact's value (null: unknown). */
  readonly byValue?: Map<FactValue | null, ExclusionCheck>;
}

const indexCache = new WeakMap<CompiledPolicy, RuleIndex>();

function ruleIndex(p: CompiledPolicy): RuleIndex {
  let idx = indexCache.get(p);
  if (!idx) {
    const situations: IndexedRule[] = [];
    const exclusions: IndexedRule[] = [];
    for (const r of p.eff.rules.values()) {
      const list =
        r.kind === 'exclusion'
          ? exclusions
          : r.kind === 'situation' || r.kind === 'immunity'
            ? situations
            : undefined;
      const node = p.ruleNodes.get(r.id);
      if (!list || !node) continue;
      const ruleFacts = factsUnder(node);
      list.push(
        Object.freeze({
          id: r.id,
          kind: r.kind,
          title: r.title,
          node,
          clauses: Object.freeze(ruleClauses(p, r.id).map((c) => c.id)),
          facts: ruleFacts,
          // Cached only over a fact of few values (boolean, enum): the cache stays small.
          ...(list === exclusions && ruleFacts.length === 1 && fewValues(p, ruleFacts[0]!)
            ? { byValue: new Map<FactValue | null, ExclusionCheck>() }
            : {}),
        }),
      );
    }
    idx = Object.freeze({ situations, exclusions });
    indexCache.set(p, idx);
  }
  return idx;
}

function fewValues(p: CompiledPolicy, fact: string): boolean {
  const type = p.eff.facts.get(fact)?.type;
  return type === 'boolean' || type === 'enum';
}

/** Every situation or immunity that holds (values under the evaluation's memo generation). */
function heldSituations(
  p: CompiledPolicy,
  facts: Facts,
  reasons: readonly Reason[],
): SituationHeld[] {
  const out: SituationHeld[] = [];
  for (const r of ruleIndex(p).situations) {
    if (r.node.fn(facts) !== T) continue;
    const reason = reasons.find((x) => x.rule === r.id);
    out.push({
      rule: r.id,
      kind: r.kind,
      title: r.title,
      clauses: r.clauses,
      facts: reason ? reason.facts : support(p, r.node.ref!.body, facts, [], new Set()),
      decisive: reason !== undefined,
    });
  }
  return out;
}

/**
 * Every exclusion of the negative list, with its status on the facts. An exclusion over one fact
 * (most are) is answered from a small per-policy cache of frozen checks keyed by the fact's value,
 * so the explanation allocates nothing per exclusion on the common path.
 */
function checkNegativeList(p: CompiledPolicy, facts: Facts): ExclusionCheck[] {
  const list = ruleIndex(p).exclusions;
  const out: ExclusionCheck[] = new Array<ExclusionCheck>(list.length);
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    const v = r.node.fn(facts);
    const status = v === T ? 'present' : v === F ? 'absent' : 'unknown';
    if (r.byValue) {
      const value = facts[r.facts[0]!] ?? null;
      let hit = r.byValue.get(value);
      if (!hit || hit.status !== status) {
        hit = Object.freeze({
          rule: r.id,
          title: r.title,
          status,
          clauses: r.clauses,
          facts: Object.freeze([Object.freeze({ fact: r.facts[0]!, value })]),
        });
        r.byValue.set(value, hit);
      }
      out[i] = hit;
    } else {
      out[i] = {
        rule: r.id,
        title: r.title,
        status,
        clauses: r.clauses,
        facts: r.facts.map((f) => ({ fact: f, value: facts[f] ?? null })),
      };
    }
  }
  return out;
}

/** The clauses cited anywhere in the explanation, each once, in the order first cited. */
function citedClauses(
  p: CompiledPolicy,
  reasons: readonly Reason[],
  situations: readonly SituationHeld[],
  negativeList: readonly ExclusionCheck[],
  whyNot: readonly WhyNot[],
): ClauseRef[] {
  const seen = new Map<string, ClauseRef>();
  const add = (cs: readonly ClauseRef[] | undefined): void => {
    if (cs) for (const c of cs) if (!seen.has(c.id)) seen.set(c.id, c);
  };
  for (const r of reasons) add(r.clauses);
  for (const s of situations) add(ruleClauses(p, s.rule));
  for (const x of negativeList) add(ruleClauses(p, x.rule));
  const walk = (f: Failure): void => {
    add(f.clauses);
    if (f.because) for (const b of f.because) walk(b);
  };
  for (const w of whyNot) for (const f of w.failed) walk(f);
  return [...seen.values()];
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
        // Every alternative that holds is a reason (all the situations, not only the first).
        for (const k of n.kids) if (k.fn(facts) === T) walk(k);
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
    // A derived fact is not asked: the facts it is computed from are.
    const formula = n.fact?.derived;
    if (formula === undefined) out.add(n.src.fact);
    else for (const f of exprFacts(formula)) if (facts[f] == null) out.add(f);
    return;
  }
  const kids = n.ref ? [n.ref.body] : n.kids;
  for (const k of kids) collectUnknown(k, facts, out);
}
