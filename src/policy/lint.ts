/**
 * The linter: everything checkStructure finds, plus what needs reasoning over the rules —
 * rules that can never apply, contradictory conditions, decision entries that can never decide,
 * fact combinations with no outcome, a local pack that tolerates what its parent excludes,
 * overlapping or gapped version windows, rules without a clause; each finding that two things
 * conflict names them (the earlier entries that pre-empt an entry, the conditions that contradict
 * each other, the gateway condition a situation can never meet). lint-procedure.ts checks the
 * procedure block and `removes`.
 */
import { checkStructure } from './check.js';
import { bandProblems } from './lint-bands.js';
import { CompiledPolicy, type CNode } from './compile.js';
import { diag, PolicyError, type Diagnostic } from './errors.js';
import { renderValue } from './facts.js';
import { unusedFactWarnings } from './lint-facts.js';
import { procedureProblems, removesProblems } from './lint-procedure.js';
import { resultWarnings } from './results-check.js';
import type {
  CompareNode,
  Condition,
  Loc,
  Pack,
  PackVersion,
  Procedure,
  TimeLimit,
} from './model.js';
import type { EffectivePolicy, PackSet } from './resolve.js';
import { Searcher, type Assignment } from './search.js';
import { windowProblems } from './windows.js';

export interface LintReport {
  readonly pack: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
}

export function lintPack(set: PackSet, pack: Pack): LintReport {
  const out = new Diagnostics();
  out.addAll(windowProblems(pack));
  if (pack.versions.every((v) => v.status !== 'published') && pack.status === 'published') {
    out.add(
      diag(
        'PACK_NO_PUBLISHED_VERSION',
        'error',
        `策略包“${pack.id}”状态为已发布，但没有已发布的版本。`,
        `pack '${pack.id}' is published but has no published version.`,
        pack.at,
      ),
    );
  }
  for (const v of pack.versions) {
    lintVersion(set, pack, v, out);
    out.addAll(removesProblems(set, pack, v));
  }
  out.addAll(unusedFactWarnings(set, pack));
  const diagnostics = out.list();
  return {
    pack: pack.id,
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

class Diagnostics {
  private readonly seen = new Set<string>();
  private readonly items: Diagnostic[] = [];
  add(d: Diagnostic): void {
    const key = `${d.code}|${d.at?.file}:${d.at?.line}:${d.at?.col}|${d.message.en}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(d);
  }
  addAll(ds: Iterable<Diagnostic>): void {
    for (const d of ds) this.add(d);
  }
  list(): Diagnostic[] {
    return [...this.items].sort(
      (a, b) =>
        (a.at?.file ?? '').localeCompare(b.at?.file ?? '') ||
        (a.at?.line ?? 0) - (b.at?.line ?? 0) ||
        (a.at?.col ?? 0) - (b.at?.col ?? 0),
    );
  }
}

function lintVersion(set: PackSet, pack: Pack, v: PackVersion, out: Diagnostics): void {
  let dates: string[];
  try {
    dates = set.ancestorBoundaries(pack, v);
  } catch (e) {
    if (e instanceof PolicyError) return out.addAll(e.diagnostics);
    throw e;
  }
  for (const date of dates) {
    let eff: EffectivePolicy;
    try {
      eff = set.effective(pack, v, date);
    } catch (e) {
      if (e instanceof PolicyError) {
        out.addAll(e.diagnostics);
        continue;
      }
      throw e;
    }
    const structural = checkStructure(eff);
    out.addAll(structural);
    out.addAll(procedureProblems(v, eff));
    out.addAll(bandProblems(pack, eff));
    for (const r of eff.rules.values()) {
      if (r.origin === pack.id && r.clauses.length === 0) {
        out.add(
          diag(
            'PACK_RULE_WITHOUT_CLAUSE',
            'error',
            `规则“${r.id}”没有引用任何条款。每条规则都要说明依据哪一条款。`,
            `rule '${r.id}' cites no clause. Every rule must say which clause it rests on.`,
            r.at,
          ),
        );
      }
    }
    if (structural.some((d) => d.severity === 'error')) continue;
    semantic(set, pack, v, eff, out);
  }
}

function semantic(
  set: PackSet,
  pack: Pack,
  v: PackVersion,
  eff: EffectivePolicy,
  out: Diagnostics,
): void {
  const p = CompiledPolicy.compile(eff);
  const entries = eff.decision;
  // Synthetic conditions: "entry i decides" = no earlier entry applies and entry i applies.
  const reaches: Condition[] = entries.map((e, i) => ({
    kind: 'all',
    of: [...entries.slice(0, i).flatMap((x) => (x.when ? [negate(x.when)] : [])), e.when ?? TRUE],
    at: e.at,
  }));
  const noneApplies: Condition = {
    kind: 'all',
    of: entries.flatMap((x) => (x.when ? [negate(x.when)] : [])),
    at: v.at,
  };
  const search = new Searcher(p, 200_000, [...reaches, noneApplies]);
  const lang = (a: Assignment) => showAssignment(p, a);
  const exhaustedWarning = (at: Loc | undefined, what: string) =>
    out.add(
      diag(
        'PACK_LINT_INCONCLUSIVE',
        'warning',
        `${what}：条件过于复杂，在搜索预算内未能判断。`,
        `${what}: the conditions are too complex to decide within the search budget.`,
        at,
      ),
    );

  // Contradictions and rules that can never apply (only what this pack wrote).
  const contradictionIn = new Set<CNode>();
  const visitAll = (n: CNode): boolean => {
    let found = false;
    for (const k of n.kids) if (!k.ref) found = visitAll(k) || found;
    if (n.src.kind === 'all' && !n.ref && !found) {
      const r = search.find(n);
      if (!r.model && !r.exhausted && n.kids.every((k) => search.find(k).model)) {
        contradictionIn.add(n);
        const kids = n.kids.map((k) => k.src);
        const names = minimalConflict(search, p, kids).map((i) => shown(eff, kids[i]!));
        out.add(
          diag(
            'PACK_CONTRADICTION',
            'error',
            `这些条件互相矛盾，不可能同时满足：${names.map((x) => x.zh).join('与 ')}。请改正或删去其中之一。`,
            `these conditions contradict each other and can never all hold: ${names.map((x) => x.en).join(' and ')}. Correct or remove one of them.`,
            n.src.at,
          ),
        );
        return true;
      }
    }
    return found;
  };
  for (const [id, node] of p.ruleNodes) {
    const rule = eff.rules.get(id)!;
    if (rule.origin !== pack.id) continue;
    const body = node.ref!.body;
    const contradicted = visitAll(body);
    const r = search.find(body);
    if (r.exhausted) exhaustedWarning(rule.at, `rule ${id}`);
    else if (!r.model && !contradicted) {
      out.add(
        diag(
          'PACK_RULE_NEVER_APPLIES',
          'error',
          `规则“${id}”在任何事实组合下都不可能适用。`,
          `rule '${id}' can never apply, whatever the facts.`,
          rule.at,
        ),
      );
    }
    const always = search.find(p.compileCondition(negate(rule.when)));
    if (!always.model && !always.exhausted) {
      out.add(
        diag(
          'PACK_RULE_ALWAYS_APPLIES',
          'warning',
          `规则“${id}”在任何事实组合下都适用，条件形同虚设。`,
          `rule '${id}' applies whatever the facts; its condition tests nothing.`,
          rule.at,
        ),
      );
    }
  }
  for (const [id, node] of p.predicateNodes) {
    const pred = eff.predicates.get(id)!;
    if (pred.origin !== pack.id) continue;
    const contradicted = visitAll(node.ref!.body);
    const r = search.find(node.ref!.body);
    if (!r.model && !r.exhausted && !contradicted) {
      out.add(
        diag(
          'PACK_PREDICATE_NEVER_HOLDS',
          'error',
          `谓词“${id}”在任何事实组合下都不可能成立。`,
          `predicate '${id}' can never hold, whatever the facts.`,
          pred.at,
        ),
      );
    }
  }

  // Decision entries that can never decide, and fact combinations with no outcome.
  entries.forEach((e, i) => {
    // A parent's entries are the parent's to check; after a child's own decision (one without
    // `otherwise`) the child's entries pre-empting them is the local measure taking precedence.
    if (e.origin !== pack.id) return;
    // A fallback that earlier entries always pre-empt is a harmless safety net.
    if (!e.when) return;
    if (e.when && e.origin === pack.id) visitAll(p.entries[i]!.node!);
    const r = search.find(p.compileCondition(reaches[i]!));
    if (r.exhausted) exhaustedWarning(e.at, `decision ${e.id}`);
    else if (!r.model) {
      if (!search.find(p.entries[i]!.node!).model) {
        out.add(
          diag(
            'PACK_DECISION_UNREACHABLE',
            'error',
            `决定条目“${e.id}”永远不会作出决定：它自身的条件在任何事实组合下都不可能同时满足。请改正其条件（矛盾之处见同一文件中的 PACK_CONTRADICTION），或删除该条目。`,
            `decision entry '${e.id}' can never decide: its own conditions can never all hold, whatever the facts. Correct them (see PACK_CONTRADICTION in the same file for where they conflict) or delete the entry.`,
            e.at,
          ),
        );
        return;
      }
      const earlier = entries.slice(0, i).filter((x) => x.when);
      const blocking = minimalConflict(
        search,
        p,
        earlier.map((x) => negate(x.when!)),
        [e.when],
      ).map((k) => earlier[k]!);
      const ids = blocking.map((x) => x.id);
      const zhIds = ids.map((x) => `“${x}”`).join('、');
      const enIds = ids.map((x) => `'${x}'`).join(', ');
      out.add(
        diag(
          'PACK_DECISION_UNREACHABLE',
          'warning',
          `决定条目“${e.id}”永远不会作出决定：凡它适用的情形，前面的条目${zhIds}都已先作出决定（第${blocking.map((x) => x.at.line).join('、')}行）。请把“${e.id}”移到${zhIds}之前，收窄前面条目的条件，或删除“${e.id}”。`,
          `decision entry '${e.id}' can never decide: whenever it applies, the earlier ${ids.length === 1 ? 'entry' : 'entries'} ${enIds} (line ${blocking.map((x) => x.at.line).join(', ')}) ${ids.length === 1 ? 'has' : 'have'} already decided. Move '${e.id}' before ${enIds}, narrow ${ids.length === 1 ? 'its' : 'their'} conditions, or delete '${e.id}'.`,
          e.at,
        ),
      );
    }
  });
  situationsAgainstGateways(pack, eff, p, search, out);
  const last = entries[entries.length - 1];
  if (last?.when) {
    const gap = search.find(p.compileCondition(noneApplies));
    if (gap.model) {
      out.add(
        diag(
          'PACK_DECISION_GAP',
          'error',
          `决定没有覆盖所有事实组合，例如 ${lang(gap.model).zh} 时没有任何结果。请增加 otherwise 兜底条目或补全条件。`,
          `the decision leaves fact combinations with no outcome, e.g. ${lang(gap.model).en}. Add an otherwise entry or complete the conditions.`,
          last.at,
        ),
      );
    } else if (gap.exhausted) exhaustedWarning(last.at, 'decision coverage');
  }

  // A local pack may not tolerate what its parent excludes.
  if (pack.extends) {
    const parentPack = set.get(pack.extends);
    const parentVersion = set.versionAt(parentPack, v.from);
    if (parentVersion) {
      const parent = set.effective(parentPack, parentVersion, v.from);
      const exclusionRules = new Set(
        [...parent.rules.values()].filter((r) => r.kind === 'exclusion').map((r) => r.id),
      );
      for (const pe of parent.decision) {
        if (!pe.when || !mentionsAny(pe.when, exclusionRules)) continue;
        // An entry ranks at the most favourable outcome of its band.
        const parentRank = Math.min(...pe.outcomes.map((o) => p.rank.get(o)!));
        const better = entries
          .map((e, i) => ({ e, i }))
          .filter(({ i }) => p.entries[i]!.rank < parentRank)
          .map(({ i }) => reaches[i]!);
        if (better.length === 0) continue;
        const loosened = search.find(
          p.compileCondition({
            kind: 'all',
            of: [pe.when, { kind: 'any', of: better, at: pe.at }],
            at: pe.at,
          }),
        );
        if (loosened.model) {
          const facts = lang(loosened.model);
          out.add(
            diag(
              'PACK_LOOSENS_PARENT_EXCLUSION',
              'error',
              `下级策略包放宽了上级“${parent.pack.id}”的排除情形“${pe.id}”：例如 ${facts.zh} 时，上级不予容错，本包却给出更有利的结果。请把该排除条目在上级标为 binding，或在本包中先行排除。`,
              `this local pack tolerates what its parent '${parent.pack.id}' excludes in '${pe.id}': e.g. with ${facts.en} the parent refuses tolerance but this pack gives a more favourable outcome. Mark the parent's entry binding or exclude the case first here.`,
              v.decision?.[0]?.at ?? v.at,
            ),
          );
        }
      }
    }
  }

  // Unused rules, predicates and clauses written by this pack.
  const used = usedIds(eff);
  for (const r of eff.rules.values()) {
    if (r.origin === pack.id && !used.has('rule:' + r.id)) {
      out.add(
        diag(
          'PACK_RULE_UNUSED',
          'warning',
          `规则“${r.id}”没有被任何决定条目用到。`,
          `rule '${r.id}' is not used by any decision entry.`,
          r.at,
        ),
      );
    }
  }
  for (const x of eff.predicates.values()) {
    if (x.origin === pack.id && !used.has('predicate:' + x.id)) {
      out.add(
        diag(
          'PACK_PREDICATE_UNUSED',
          'warning',
          `谓词“${x.id}”没有被用到。`,
          `predicate '${x.id}' is not used.`,
          x.at,
        ),
      );
    }
  }
  for (const d of resultWarnings(eff, pack.id, v.at)) out.add(d);
  // A clause is cited by a rule, as the basis of one of the procedure's time limits or of a
  // result application.
  const cited = new Set([...eff.rules.values()].flatMap((r) => r.clauses));
  for (const basis of procedureBases(eff.procedure)) cited.add(basis);
  for (const basis of resultBases(eff)) cited.add(basis);
  for (const c of eff.clauses.values()) {
    if (c.origin === pack.id && !cited.has(c.id) && v.clauses.some((x) => x.id === c.id)) {
      out.add(
        diag(
          'PACK_CLAUSE_UNCITED',
          'warning',
          `条款“${c.id}”没有被任何规则引用。`,
          `clause '${c.id}' is not cited by any rule.`,
          c.at,
        ),
      );
    }
  }
}

/**
 * Indices of a smallest-by-deletion subset of `items` whose conjunction (with `fixed`) can never
 * hold, given that all of them together cannot: the conditions that conflict.
 */
function minimalConflict(
  search: Searcher,
  p: CompiledPolicy,
  items: readonly Condition[],
  fixed: readonly Condition[] = [],
): number[] {
  let keep = items.map((_, i) => i);
  for (let k = keep.length - 1; k >= 0; k--) {
    const without = keep.filter((_, j) => j !== k);
    const r = search.find(
      p.compileCondition({
        kind: 'all',
        of: [...fixed, ...without.map((i) => items[i]!)],
        at: TRUE.at,
      }),
    );
    if (!r.model && !r.exhausted) keep = without;
  }
  return keep;
}

/**
 * Situations (rules of kind situation) that can never hold when the other conditions of a
 * decision entry they serve — its gateway — hold: for each entry that requires both a situation
 * and other conditions, each situation it offers is tried against those conditions.
 */
function situationsAgainstGateways(
  pack: Pack,
  eff: EffectivePolicy,
  p: CompiledPolicy,
  search: Searcher,
  out: Diagnostics,
): void {
  const reported = new Set<string>();
  for (const e of eff.decision) {
    if (!e.when) continue;
    const parts = conjuncts(eff, e.when);
    const situationParts: Condition[] = [];
    const gateway: Condition[] = [];
    const situations = new Set<string>();
    for (const c of parts) {
      const found = situationsIn(eff, c, new Set());
      if (found.size > 0) {
        situationParts.push(c);
        for (const s of found) situations.add(s);
      } else gateway.push(c);
    }
    if (gateway.length === 0 || situations.size === 0) continue;
    // A whole entry that can never apply is reported as such; here only the situations it offers.
    const alive = search.find(
      p.compileCondition({ kind: 'all', of: [...gateway, ...situationParts], at: e.at }),
    );
    if (!alive.model) continue;
    for (const id of situations) {
      const rule = eff.rules.get(id)!;
      if (e.origin !== pack.id && rule.origin !== pack.id) continue;
      const ref: Condition = { kind: 'rule', id, at: rule.at };
      if (!search.find(p.compileCondition(ref)).model) continue;
      const r = search.find(p.compileCondition({ kind: 'all', of: [...gateway, ref], at: e.at }));
      if (r.model || r.exhausted) continue;
      const names = minimalConflict(search, p, gateway, [ref]).map((i) => shown(eff, gateway[i]!));
      const key = `${id}|${names.map((x) => x.en).join('|')}`;
      if (reported.has(key)) continue;
      reported.add(key);
      out.add(
        diag(
          'PACK_SITUATION_AGAINST_GATEWAY',
          'warning',
          `容错情形“${id}”与决定条目“${e.id}”的容错条件 ${names.map((x) => x.zh).join('、')} 相矛盾：条件具备时，该情形不可能成立，它永远不会让“${e.id}”适用。请改正该情形或相应条件的取值，或把该情形移出此条目。`,
          `the situation '${id}' contradicts the gateway condition${names.length === 1 ? '' : 's'} ${names.map((x) => x.en).join(', ')} of decision entry '${e.id}': it can never hold when the gateway passes, so it never makes '${e.id}' apply. Correct the situation or the condition's value, or take the situation out of this entry.`,
          rule.origin === pack.id ? rule.at : e.at,
        ),
      );
    }
  }
}

/** The conjuncts of a condition, through `all` and predicates (a rule stays one conjunct). */
function conjuncts(eff: EffectivePolicy, c: Condition, seen = new Set<string>()): Condition[] {
  if (c.kind === 'all') return c.of.flatMap((x) => conjuncts(eff, x, seen));
  if (c.kind === 'predicate' && !seen.has(c.id)) {
    const body = eff.predicates.get(c.id)?.when;
    if (body) return conjuncts(eff, body, new Set([...seen, c.id]));
  }
  return [c];
}

/** The situation rules a condition offers (not under a negation), through predicates. */
function situationsIn(eff: EffectivePolicy, c: Condition, seen: Set<string>): Set<string> {
  const out = new Set<string>();
  const visit = (x: Condition): void => {
    switch (x.kind) {
      case 'all':
      case 'any':
        x.of.forEach(visit);
        return;
      case 'rule':
        if (eff.rules.get(x.id)?.kind === 'situation') out.add(x.id);
        return;
      case 'predicate': {
        if (seen.has(x.id)) return;
        seen.add(x.id);
        const body = eff.predicates.get(x.id)?.when;
        if (body) visit(body);
        return;
      }
      default:
        return;
    }
  };
  visit(c);
  return out;
}

const OP_SIGNS: Readonly<Record<CompareNode['op'], string>> = {
  eq: '==',
  ne: '!=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  in: 'in',
  notIn: 'not in',
  within: 'within',
};

/** A condition as written, short, with its line: `lossAmount > 100（第27行）`. */
function shown(eff: EffectivePolicy, c: Condition): { zh: string; en: string } {
  const text = (x: Condition, depth: number): string => {
    switch (x.kind) {
      case 'compare': {
        const v = Array.isArray(x.value)
          ? `[${x.value.join(', ')}]`
          : typeof x.value === 'object'
            ? JSON.stringify(x.value)
            : String(x.value);
        return `${x.fact} ${OP_SIGNS[x.op]} ${v}`;
      }
      case 'rule':
      case 'predicate': {
        const body = (x.kind === 'rule' ? eff.rules : eff.predicates).get(x.id)?.when;
        return depth === 0 && body ? `${x.kind} ${x.id} (${text(body, 1)})` : `${x.kind} ${x.id}`;
      }
      case 'not':
        return `not (${text(x.of, depth + 1)})`;
      case 'all':
      case 'any':
        return `${x.kind} [${x.of.map((y) => text(y, depth + 1)).join(', ')}]`;
    }
  };
  let t = text(c, 0);
  if (t.length > 90) t = t.slice(0, 87) + '…';
  const line = c.at.line;
  return line > 0 ? { zh: `${t}（第${line}行）`, en: `${t} (line ${line})` } : { zh: t, en: t };
}

const TRUE: Condition = { kind: 'all', of: [], at: { file: '', line: 0, col: 0, path: [] } };

function negate(c: Condition): Condition {
  return { kind: 'not', of: c, at: c.at };
}

function mentionsAny(c: Condition, ids: ReadonlySet<string>): boolean {
  switch (c.kind) {
    case 'all':
    case 'any':
      return c.of.some((x) => mentionsAny(x, ids));
    case 'not':
      return false;
    case 'rule':
      return ids.has(c.id);
    default:
      return false;
  }
}

function usedIds(eff: EffectivePolicy): Set<string> {
  const used = new Set<string>();
  const visit = (c: Condition): void => {
    switch (c.kind) {
      case 'all':
      case 'any':
        c.of.forEach(visit);
        return;
      case 'not':
        visit(c.of);
        return;
      case 'rule':
      case 'predicate': {
        const key = `${c.kind}:${c.id}`;
        if (used.has(key)) return;
        used.add(key);
        const body = c.kind === 'rule' ? eff.rules.get(c.id)?.when : eff.predicates.get(c.id)?.when;
        if (body) visit(body);
        return;
      }
      default:
        return;
    }
  };
  for (const d of eff.decision) if (d.when) visit(d.when);
  return used;
}

function showAssignment(p: CompiledPolicy, a: Assignment): { zh: string; en: string } {
  const entries = Object.entries(a);
  const render = (lang: 'zh' | 'en') =>
    entries.length === 0
      ? lang === 'zh'
        ? '（任意事实）'
        : '(any facts)'
      : entries
          .map(
            ([k, v]) =>
              `${k}=${lang === 'zh' ? renderValue(p.eff.facts.get(k), v, 'zh') : JSON.stringify(v)}`,
          )
          .join(lang === 'zh' ? '，' : ', ');
  return { zh: render('zh'), en: render('en') };
}

/** The clauses a policy's result application rests on. */
function resultBases(eff: EffectivePolicy): string[] {
  return Object.values(eff.results)
    .flatMap((r) => [
      ...(r.basis ?? []),
      ...(r.impactPeriod?.basis ? [r.impactPeriod.basis] : []),
      ...(r.correction?.within?.basis ? [r.correction.within.basis] : []),
    ])
    .concat(eff.followUp?.basis ? [eff.followUp.basis] : []);
}

/** The basis of every time limit of a procedure (a clause id or a free reference). */
export function procedureBases(p: Procedure): string[] {
  const limits: (TimeLimit | undefined)[] = [
    ...Object.values(p.timeLimits),
    p.publicity.period,
    p.review.applyWithin,
    p.review.decideWithin,
    p.appeal.applyWithin,
    p.appeal.decideWithin,
    p.followUp.prepareBefore,
    p.filingUpward.within,
    p.application.within,
  ];
  const bases = limits.flatMap((l) => (l?.basis !== undefined ? [l.basis] : []));
  return p.exOfficio.basis !== undefined ? [...bases, p.exOfficio.basis] : bases;
}
