/**
 * The compiler: an effective policy becomes a tree of small closures evaluated in three-valued
 * (Kleene) logic — false, true, unknown — so that an outcome is reached as soon as the known facts
 * decide it. Compile once, evaluate many fact sets; nothing here does I/O.
 */
import { checkStructure } from './check.js';
import { compileExpr, describeExpr, describeSpan, spanStart } from './derived.js';
import { PolicyError } from './errors.js';
import { renderValue } from './facts.js';
import { CONDUCT_KEY, NONE } from './model.js';
import type {
  CompareNode,
  Condition,
  DateSpan,
  DecisionEntry,
  FactDecl,
  FactValue,
  Facts,
  I18nText,
  Outcome,
} from './model.js';
import type { EffectivePolicy } from './resolve.js';
import { inTitleMarks } from './title-marks.js';

/** Three truth values, as small integers for speed. */
export const F = 0;
export const T = 1;
export const U = 2;
export type Tri = 0 | 1 | 2;

export type TriFn = (facts: Facts) => Tri;

/** A compiled condition node, kept for explanations and for the linter's search. */
export interface CNode {
  readonly src: Condition;
  readonly fn: TriFn;
  readonly kids: readonly CNode[];
  /** For rule and predicate references: the referenced body. */
  readonly ref?: { readonly kind: 'rule' | 'predicate'; readonly id: string; readonly body: CNode };
  /** Plain-language statement of what the node requires. */
  readonly text: I18nText;
  /** For comparisons: the fact declaration. */
  readonly fact?: FactDecl;
}

/** A clause as cited in explanations. */
export interface ClauseRef {
  readonly id: string;
  /** Document title, number and article, e.g. 《中国共产党问责条例》第十七条. */
  readonly citation: I18nText;
  /** Our short paraphrase. */
  readonly text: I18nText;
}

export interface CEntry {
  readonly entry: DecisionEntry;
  /** The rank of the entry's most favourable outcome: an entry ranks at the best of its band. */
  readonly rank: number;
  /** The ranks of every outcome the entry allows, most favourable first (one unless a band). */
  readonly band: readonly number[];
  /** Index of the entry's band among the policy's distinct bands (`CompiledPolicy.bands`). */
  readonly choice: number;
  readonly node: CNode | undefined;
  readonly fn: TriFn;
}

/** Memo of rule values within one evaluation: a generation counter avoids clearing arrays. */
class Memo {
  gen = 1;
  readonly gens: Uint32Array;
  readonly vals: Uint8Array;
  constructor(n: number) {
    this.gens = new Uint32Array(Math.max(1, n));
    this.vals = new Uint8Array(Math.max(1, n));
  }
  next(): void {
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.gens.fill(0);
      this.gen = 1;
    }
  }
}

const ALWAYS: TriFn = () => T;

/** The outcomes the known facts still allow, from one evaluation. */
export interface PossibleOutcomes {
  /**
   * The rank of the (most favourable) outcome the facts decide, or -1 when none or several bands
   * are possible: two entries that may apply decide only when they allow the same outcomes.
   */
  readonly rank: number;
  /**
   * The ranks still possible, each band counted at its most favourable outcome, most favourable
   * first (empty when none applies).
   */
  readonly ranks: readonly number[];
  /** Their ids, in the same order. */
  readonly ids: readonly string[];
  /** Every band still possible (ranks, most favourable first), in the policy's band order. */
  readonly bands: readonly (readonly number[])[];
  /** The index in `CompiledPolicy.bands` of the band the facts decide, or -1. */
  readonly choice: number;
}

/** What a result is: an outcome on the ladder, or a result off it. */
export type ResultKind = 'ladder' | 'notApplicable' | 'referred';

/**
 * Policies with up to this many distinct bands (a single outcome is a band of one) keep the possible
 * bands of an evaluation as the bits of one small integer (no allocation on the hot path); others
 * use an array per evaluation.
 */
const MASK_BITS = 31;

export class CompiledPolicy {
  readonly eff: EffectivePolicy;
  /**
   * Every result an entry may give, by rank: the ladder (most favourable first), then the results
   * off it (`ladderSize` onwards), which are not more or less favourable than any outcome.
   */
  readonly outcomes: readonly Outcome[];
  /** How many of `outcomes` are on the ladder. */
  readonly ladderSize: number;
  /** Per rank: on the ladder or off it, and for a referral the body referred to. */
  readonly kinds: readonly ResultKind[];
  readonly referredTo: readonly (I18nText | undefined)[];
  readonly rank: ReadonlyMap<string, number>;
  /**
   * The distinct bands the decision entries give (ranks, most favourable first), ordered by their
   * most favourable outcome, then their least favourable: a single outcome is a band of one.
   */
  readonly bands: readonly (readonly number[])[];
  readonly entries: readonly CEntry[];
  readonly ruleNodes: ReadonlyMap<string, CNode>;
  readonly predicateNodes: ReadonlyMap<string, CNode>;
  /** The clauses each rule cites, with their citations, built once. */
  readonly ruleClauses: ReadonlyMap<string, readonly ClauseRef[]>;
  readonly #memo: Memo;
  readonly #entryFns: TriFn[];
  readonly #entryChoices: Int32Array;
  /** Per band, the rank of its most favourable outcome. */
  readonly #choiceLead: Int32Array;
  /** Per entry, the bit of its band; undefined when there are too many bands for a mask. */
  readonly #entryBits: Int32Array | undefined;
  /** The possible outcomes of each mask seen so far (a mask stands for one set of outcomes). */
  readonly #byMask = new Map<number, PossibleOutcomes>();

  private constructor(eff: EffectivePolicy) {
    this.eff = eff;
    const others = eff.otherResults.map((o) =>
      Object.freeze({
        id: o.id,
        label: o.label,
        ...(o.description ? { description: o.description } : {}),
      } satisfies Outcome),
    );
    this.outcomes = [...eff.outcomes, ...others];
    this.ladderSize = eff.outcomes.length;
    this.kinds = [
      ...eff.outcomes.map(() => 'ladder' as const),
      ...eff.otherResults.map((o) => o.kind),
    ];
    this.referredTo = [...eff.outcomes.map(() => undefined), ...eff.otherResults.map((o) => o.to)];
    this.rank = new Map(this.outcomes.map((o, i) => [o.id, i]));
    const ruleIds = [...eff.rules.keys()];
    // Rules and predicates are memoized within one evaluation: each is computed at most once.
    const memoKeys = [
      ...ruleIds.map((id) => 'rule:' + id),
      ...[...eff.predicates.keys()].map((id) => 'predicate:' + id),
    ];
    this.#memo = new Memo(memoKeys.length);
    const memoIndex = new Map(memoKeys.map((k, i) => [k, i]));
    const ruleNodes = new Map<string, CNode>();
    const predicateNodes = new Map<string, CNode>();
    const memo = this.#memo;

    const compileRef = (kind: 'rule' | 'predicate', id: string): CNode => {
      const cache = kind === 'rule' ? ruleNodes : predicateNodes;
      const hit = cache.get(id);
      if (hit) return hit;
      const def = kind === 'rule' ? eff.rules.get(id)! : eff.predicates.get(id)!;
      const body = compileNode(def.when);
      const i = memoIndex.get(`${kind}:${id}`)!;
      const inner = body.fn;
      const gens = memo.gens;
      const vals = memo.vals;
      const fn: TriFn = (f) => {
        if (gens[i] === memo.gen) return vals[i] as Tri;
        const v = inner(f);
        gens[i] = memo.gen;
        vals[i] = v;
        return v;
      };
      const node: CNode = {
        src: def.when,
        fn,
        kids: [body],
        text: def.title,
        ref: { kind, id, body },
      };
      cache.set(id, node);
      return node;
    };

    const compileNode = (c: Condition): CNode => {
      switch (c.kind) {
        case 'all': {
          const kids = c.of.map(compileNode);
          return { src: c, kids, fn: allFn(kids.map((k) => k.fn)), text: c.note ?? ALL_TEXT };
        }
        case 'any': {
          const kids = c.of.map(compileNode);
          return { src: c, kids, fn: anyFn(kids.map((k) => k.fn)), text: c.note ?? ANY_TEXT };
        }
        case 'not': {
          const kid = compileNode(c.of);
          const inner = kid.fn;
          const fn: TriFn = (f) => {
            const v = inner(f);
            return v === U ? U : v === T ? F : T;
          };
          return {
            src: c,
            kids: [kid],
            fn,
            text: c.note ?? { zh: `并非：${kid.text.zh}`, en: `not: ${kid.text.en}` },
          };
        }
        case 'rule':
        case 'predicate': {
          const target = compileRef(c.kind, c.id);
          return c.note ? { ...target, src: c, text: c.note } : { ...target, src: c };
        }
        case 'compare': {
          const decl = eff.facts.get(c.fact)!;
          return {
            src: c,
            kids: [],
            fn: compareFn(c, decl),
            text: c.note ?? describeCompare(c, decl, eff.facts),
            fact: decl,
          };
        }
      }
    };

    this.ruleNodes = ruleNodes;
    this.predicateNodes = predicateNodes;
    for (const id of ruleIds) compileRef('rule', id);
    for (const id of eff.predicates.keys()) compileRef('predicate', id);
    const entryBands = eff.decision.map((entry) => bandOf(entry, this.rank));
    this.bands = distinctBands(entryBands);
    const choiceOf = new Map(this.bands.map((b, i) => [b.join(','), i]));
    this.entries = eff.decision.map((entry, i) => {
      const node = entry.when ? compileNode(entry.when) : undefined;
      const band = entryBands[i]!;
      return {
        entry,
        rank: band[0]!,
        band,
        choice: choiceOf.get(band.join(','))!,
        node,
        fn: node ? node.fn : ALWAYS,
      };
    });
    this.#entryFns = this.entries.map((e) => e.fn);
    this.ruleClauses = new Map(
      [...eff.rules.values()].map((r) => [
        r.id,
        Object.freeze(r.clauses.map((id) => clauseRef(eff, id))),
      ]),
    );
    this.#entryChoices = Int32Array.from(this.entries.map((e) => e.choice));
    this.#choiceLead = Int32Array.from(this.bands.map((b) => b[0]!));
    this.#entryBits =
      this.bands.length <= MASK_BITS
        ? Int32Array.from(this.entries.map((e) => 1 << e.choice))
        : undefined;
    this.compileCondition = compileNode;
    this.derived = [...eff.facts.values()]
      .filter((f) => f.derived !== undefined)
      .map((f) => ({ id: f.id, fn: compileExpr(f.derived!) }));
    this.usesConduct = [...compiledCompares(ruleNodes, predicateNodes, this.entries)].some(
      (c) => c.op === 'within',
    );
  }

  /** The derived facts, each with its formula as a function of the facts given. */
  readonly derived: readonly { readonly id: string; readonly fn: (f: Facts) => number | null }[];
  /** Whether a condition is relative to the conduct date (`within`). */
  readonly usesConduct: boolean;

  /**
   * The facts as the conditions read them: the derived facts computed and the conduct date put in
   * (under CONDUCT_KEY). The same object when the policy has neither, so that the common case
   * costs nothing. Call it once per evaluation, before decide, possible or explain.
   */
  withContext(facts: Facts, conductDate?: string): Facts {
    if (this.derived.length === 0 && !this.usesConduct) return facts;
    const out: Record<string, FactValue | null | undefined> = { ...facts };
    if (this.usesConduct && conductDate !== undefined) out[CONDUCT_KEY] = conductDate;
    for (const d of this.derived) out[d.id] = d.fn(out);
    return out;
  }

  /** Compiles an extra condition against this policy's facts, rules and predicates (for the linter). */
  readonly compileCondition: (c: Condition) => CNode;

  static compile(eff: EffectivePolicy): CompiledPolicy {
    const problems = checkStructure(eff).filter((d) => d.severity === 'error');
    if (problems.length > 0) throw new PolicyError(problems);
    return new CompiledPolicy(eff);
  }

  /** Starts a new evaluation: forget memoized rule values. Call before evaluating nodes directly. */
  begin(): void {
    this.#memo.next();
  }

  /**
   * The fast path: the rank of the outcome on the ladder, or -1 when the known facts do not decide
   * it (several outcomes still possible, or none).
   */
  decideRank(facts: Facts): number {
    if (!this.#entryBits) return this.#possibleWide(facts).rank;
    const mask = this.#maskOf(facts, this.#entryBits);
    // A single possible band: the facts decide it.
    return mask !== 0 && (mask & (mask - 1)) === 0 ? this.#choiceLead[31 - Math.clz32(mask)]! : -1;
  }

  /**
   * Every outcome the known facts still allow, with the decided rank. Starts a new evaluation:
   * node values read right after it (explanations) share its memoized rule values.
   */
  possible(facts: Facts): PossibleOutcomes {
    if (!this.#entryBits) return this.#possibleWide(facts);
    const mask = this.#maskOf(facts, this.#entryBits);
    let out = this.#byMask.get(mask);
    if (!out) {
      const choices = this.bands.map((_, i) => i).filter((i) => (mask & (1 << i)) !== 0);
      out = this.#possibleOf(choices);
      this.#byMask.set(mask, out);
    }
    return out;
  }

  /** Entries in order up to the first that certainly applies: the bits of those that may apply. */
  #maskOf(facts: Facts, bits: Int32Array): number {
    this.#memo.next();
    const fns = this.#entryFns;
    let mask = 0;
    for (let i = 0; i < fns.length; i++) {
      const v = fns[i]!(facts);
      if (v === F) continue;
      mask |= bits[i]!;
      if (v === T) break;
    }
    return mask;
  }

  /** The same walk for too many bands for a mask: the possible bands marked in an array. */
  #possibleWide(facts: Facts): PossibleOutcomes {
    this.#memo.next();
    const fns = this.#entryFns;
    const seen = new Uint8Array(this.bands.length);
    for (let i = 0; i < fns.length; i++) {
      const v = fns[i]!(facts);
      if (v === F) continue;
      seen[this.#entryChoices[i]!] = 1;
      if (v === T) break;
    }
    return this.#possibleOf(this.bands.map((_, i) => i).filter((i) => seen[i] === 1));
  }

  #possibleOf(choices: readonly number[]): PossibleOutcomes {
    const bands = choices.map((c) => this.bands[c]!);
    // Bands are ordered by their most favourable outcome: the distinct leads stay in order.
    const ranks = [...new Set(bands.map((b) => b[0]!))];
    return Object.freeze({
      rank: bands.length === 1 ? ranks[0]! : -1,
      ranks: Object.freeze(ranks),
      ids: Object.freeze(ranks.map((r) => this.outcomes[r]!.id)),
      bands: Object.freeze(bands),
      choice: choices.length === 1 ? choices[0]! : -1,
    });
  }

  /** The outcome id, or 'undetermined'. */
  decide(facts: Facts): string {
    const r = this.decideRank(facts);
    return r < 0 ? 'undetermined' : this.outcomes[r]!.id;
  }

  /** Values of a node under the current memo generation (call begin() first). */
  value(node: CNode, facts: Facts): Tri {
    return node.fn(facts);
  }
}

/** An entry's outcomes as ranks, without repeats, most favourable first. */
function bandOf(entry: DecisionEntry, rank: ReadonlyMap<string, number>): readonly number[] {
  const ranks = [...new Set(entry.outcomes.map((o) => rank.get(o)!))];
  return Object.freeze(ranks.sort((a, b) => a - b));
}

/** The distinct bands, by most favourable outcome, then least favourable, then the whole band. */
function distinctBands(bands: readonly (readonly number[])[]): (readonly number[])[] {
  const byKey = new Map(bands.map((b) => [b.join(','), b]));
  return [...byKey.values()].sort((a, b) => {
    for (const [x, y] of [
      [a[0]!, b[0]!],
      [a[a.length - 1]!, b[b.length - 1]!],
      [a.length, b.length],
    ] as const) {
      if (x !== y) return x - y;
    }
    return a.join(',') < b.join(',') ? -1 : 1;
  });
}

function clauseRef(eff: EffectivePolicy, id: string): ClauseRef {
  const c = eff.clauses.get(id)!;
  const s = eff.sources.get(c.source);
  const citation: I18nText = s
    ? {
        zh: `${inTitleMarks(s.title.zh)}${s.number ? `（${s.number}）` : ''}${c.article.zh}`,
        en: `${s.title.en}${s.number ? ` (${s.number})` : ''}, ${c.article.en}`,
      }
    : c.article;
  return Object.freeze({ id, citation, text: c.text });
}

const ALL_TEXT: I18nText = { zh: '以下条件全部满足', en: 'all of the following hold' };
const ANY_TEXT: I18nText = {
  zh: '以下条件至少满足一项',
  en: 'at least one of the following holds',
};

function allFn(fns: TriFn[]): TriFn {
  if (fns.length === 1) return fns[0]!;
  if (fns.length === 2) {
    const [a, b] = fns as [TriFn, TriFn];
    return (f) => {
      const x = a(f);
      if (x === F) return F;
      const y = b(f);
      if (y === F) return F;
      return x === U || y === U ? U : T;
    };
  }
  const n = fns.length;
  return (f) => {
    let unknown = false;
    for (let i = 0; i < n; i++) {
      const v = fns[i]!(f);
      if (v === F) return F;
      if (v === U) unknown = true;
    }
    return unknown ? U : T;
  };
}

function anyFn(fns: TriFn[]): TriFn {
  if (fns.length === 1) return fns[0]!;
  if (fns.length === 2) {
    const [a, b] = fns as [TriFn, TriFn];
    return (f) => {
      const x = a(f);
      if (x === T) return T;
      const y = b(f);
      if (y === T) return T;
      return x === U || y === U ? U : F;
    };
  }
  const n = fns.length;
  return (f) => {
    let unknown = false;
    for (let i = 0; i < n; i++) {
      const v = fns[i]!(f);
      if (v === T) return T;
      if (v === U) unknown = true;
    }
    return unknown ? U : F;
  };
}

/** The comparisons under the compiled rules, predicates and decision entries. */
function* compiledCompares(
  rules: ReadonlyMap<string, CNode>,
  predicates: ReadonlyMap<string, CNode>,
  entries: readonly CEntry[],
): Generator<CompareNode> {
  const seen = new Set<CNode>();
  const walk = function* (n: CNode): Generator<CompareNode> {
    if (seen.has(n)) return;
    seen.add(n);
    if (n.src.kind === 'compare' && !n.ref) yield n.src;
    for (const k of n.ref ? [n.ref.body] : n.kids) yield* walk(k);
  };
  for (const n of [...rules.values(), ...predicates.values()]) yield* walk(n);
  for (const e of entries) if (e.node) yield* walk(e.node);
}

/**
 * A comparison as a closure. Over a fact that allows “none”, the ordered comparisons and `within`
 * are false for none (the thing does not exist, so it is not before, after or within anything);
 * eq, ne, in and notIn compare the value 'none' like any other.
 */
function compareFn(c: CompareNode, decl: FactDecl): TriFn {
  const fn = plainCompareFn(c);
  if (!decl.none || !ORDERED.has(c.op)) return fn;
  const k = c.fact;
  return (f) => (f[k] === NONE ? F : fn(f));
}

const ORDERED = new Set<CompareNode['op']>(['lt', 'lte', 'gt', 'gte', 'within']);

/** `within`: the fact's date lies in the span before the conduct date, both ends included. */
function withinFn(k: string, span: DateSpan): TriFn {
  let conduct = '';
  let start = '';
  return (f) => {
    const v = f[k];
    if (v === undefined || v === null) return U;
    const at = f[CONDUCT_KEY];
    if (typeof at !== 'string') return U;
    if (at !== conduct) {
      start = spanStart(at, span);
      conduct = at;
    }
    return (v as string) >= start && (v as string) <= at ? T : F;
  };
}

function plainCompareFn(c: CompareNode): TriFn {
  const k = c.fact;
  switch (c.op) {
    case 'within':
      return withinFn(k, c.value as DateSpan);
    case 'eq': {
      const x = c.value as FactValue;
      return (f) => {
        const v = f[k];
        return v === undefined || v === null ? U : v === x ? T : F;
      };
    }
    case 'ne': {
      const x = c.value as FactValue;
      return (f) => {
        const v = f[k];
        return v === undefined || v === null ? U : v === x ? F : T;
      };
    }
    case 'in':
    case 'notIn': {
      const list = c.value as readonly FactValue[];
      const hit = c.op === 'in' ? T : F;
      const miss = c.op === 'in' ? F : T;
      if (list.length <= 4) {
        const [a, b, d, e] = list;
        return (f) => {
          const v = f[k];
          if (v === undefined || v === null) return U;
          return v === a || v === b || v === d || v === e ? hit : miss;
        };
      }
      const set = new Set<FactValue>(list);
      return (f) => {
        const v = f[k];
        if (v === undefined || v === null) return U;
        return set.has(v) ? hit : miss;
      };
    }
    case 'lt': {
      const x = c.value as number;
      return (f) => {
        const v = f[k];
        return v === undefined || v === null ? U : (v as number) < x ? T : F;
      };
    }
    case 'lte': {
      const x = c.value as number;
      return (f) => {
        const v = f[k];
        return v === undefined || v === null ? U : (v as number) <= x ? T : F;
      };
    }
    case 'gt': {
      const x = c.value as number;
      return (f) => {
        const v = f[k];
        return v === undefined || v === null ? U : (v as number) > x ? T : F;
      };
    }
    case 'gte': {
      const x = c.value as number;
      return (f) => {
        const v = f[k];
        return v === undefined || v === null ? U : (v as number) >= x ? T : F;
      };
    }
  }
}

const OP_WORDS: Record<CompareNode['op'], I18nText> = {
  eq: { zh: '为', en: 'is' },
  ne: { zh: '不为', en: 'is not' },
  in: { zh: '属于', en: 'is one of' },
  notIn: { zh: '不属于', en: 'is none of' },
  lt: { zh: '小于', en: 'is less than' },
  lte: { zh: '不超过', en: 'is at most' },
  gt: { zh: '大于', en: 'is more than' },
  gte: { zh: '不少于', en: 'is at least' },
  within: { zh: '在', en: 'is within' },
};

/**
 * "谋取私利为“否”" / "Private gain is no"; a derived fact with its formula, "损失占比（损失金额 ÷
 * 项目投资额）大于“0.3”"; `within`, "上一次同类错误的日期在行为发生前两年内".
 */
export function describeCompare(
  c: CompareNode,
  f: FactDecl,
  decls?: ReadonlyMap<string, FactDecl>,
): I18nText {
  if (c.op === 'within') {
    const span = describeSpan(c.value as DateSpan);
    return {
      zh: `${f.label.zh}在行为发生前${span.zh}内`,
      en: `${f.label.en} is within ${span.en} before the conduct`,
    };
  }
  const formula = f.derived !== undefined && decls ? describeExpr(f.derived, decls) : undefined;
  const render = (lang: 'zh' | 'en') => {
    const label = formula
      ? lang === 'zh'
        ? `${f.label.zh}（${formula.zh}）`
        : `${f.label.en} (${formula.en})`
      : f.label[lang];
    const values = Array.isArray(c.value) ? c.value : [c.value as FactValue];
    const shown = values.map((v) => renderValue(f, v, lang));
    const joined = lang === 'zh' ? shown.map((s) => `“${s}”`).join('、') : shown.join(', ');
    return lang === 'zh'
      ? `${label}${OP_WORDS[c.op].zh}${joined}`
      : `${label} ${OP_WORDS[c.op].en} ${joined}`;
  };
  return { zh: render('zh'), en: render('en') };
}
