/**
 * Resolution: from packs as written to the effective policy that applies on a date.
 *
 * - Within a pack, a version that `amends` another inherits its clauses, predicates and rules,
 *   removes what it lists in `removes`, and overrides the rest by id.
 * - A pack that `extends` a parent inherits the parent's facts, sources, clauses, predicates,
 *   rules, outcomes and procedure (the parent version in force on the same date), and may add to
 *   them but not redefine them. The parent's binding decision entries (its exclusions) are always
 *   applied first; then the child's own decision, or the parent's whole decision if it has none.
 *   A child's decision without an `otherwise` entry continues with the parent's other entries (as
 *   of the same date): what the local measure does not decide, the rules above it decide.
 */
import { addDays, inWindow } from './dates.js';
import { diag, fail, PolicyError, type Diagnostic } from './errors.js';
import type {
  Clause,
  DecisionEntry,
  FactDecl,
  FollowUpInput,
  Loc,
  OtherResult,
  Outcome,
  Pack,
  Matter,
  PackVersion,
  Predicate,
  Procedure,
  ProcedureInput,
  ResultApplication,
  ResultApplicationInput,
  Rule,
  SourceDoc,
} from './model.js';
import { applicationOf, mergeFollowUp, mergeResults, STANDARD_MATTERS } from './results.js';
import { STANDARD_FACTS } from './vocabulary.js';
import { windowProblems } from './windows.js';

/** One pack version as it applies, with everything inherited folded in. */
export interface EffectivePolicy {
  /** e.g. "x-new-area@2021-01/cn-national@2019-08" */
  readonly key: string;
  readonly pack: Pack;
  readonly version: PackVersion;
  /** The chain from this pack up to the root: [{pack, version}, …]. */
  readonly chain: readonly { readonly pack: string; readonly version: string }[];
  readonly outcomes: readonly Outcome[];
  /** Results off the ladder (not applicable, referred): the parent's first, then this pack's. */
  readonly otherResults: readonly OtherResult[];
  readonly facts: ReadonlyMap<string, FactDecl>;
  readonly sources: ReadonlyMap<string, SourceDoc>;
  readonly clauses: ReadonlyMap<string, Clause>;
  readonly predicates: ReadonlyMap<string, Predicate>;
  readonly rules: ReadonlyMap<string, Rule>;
  readonly decision: readonly DecisionEntry[];
  readonly procedure: Procedure;
  /** The matters a determination may leave unaffected: the standard list and the chain's own. */
  readonly matters: ReadonlyMap<string, Matter>;
  /**
   * Result application per outcome as written, folded over the chain (parent first, then each
   * amended version); `resultApplication` gives one outcome's as the procedure reads it.
   */
  readonly results: Readonly<Record<string, ResultApplicationInput>>;
  /**
   * Follow-up visits (回访) as written, folded over the chain: the parent's, then this pack's own
   * block, then each amended version's; `followUpOf` (results.ts) gives them as the visits read them.
   */
  readonly followUp?: FollowUpInput;
  /** Problems found while folding (redefinitions); the linter reports them, compile refuses them. */
  readonly problems: readonly Diagnostic[];
}

export const EMPTY_PROCEDURE: Procedure = Object.freeze({
  timeLimits: Object.freeze({}),
  publicity: Object.freeze({ required: false }),
  consultation: Object.freeze({ required: false, departments: Object.freeze([]) }),
  review: Object.freeze({}),
  appeal: Object.freeze({}),
  followUp: Object.freeze({ enabled: false }),
  filingUpward: Object.freeze({ required: false }),
  application: Object.freeze({}),
  exOfficio: Object.freeze({ required: false }),
});

export function mergeProcedure(base: Procedure, over: ProcedureInput): Procedure {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(base) as (keyof Procedure)[]) {
    out[key] = Object.freeze({ ...(base[key] as object), ...((over[key] ?? {}) as object) });
  }
  return Object.freeze(out) as unknown as Procedure;
}

/** A set of packs by id, with the operations that need more than one pack. */
export class PackSet {
  private readonly packs = new Map<string, Pack>();
  private readonly cache = new Map<string, EffectivePolicy>();
  private readonly windowsChecked = new Set<string>();

  constructor(packs: Iterable<Pack>) {
    for (const p of packs) {
      if (this.packs.has(p.id)) {
        fail(
          'PACK_DUPLICATE_ID',
          `策略包标识“${p.id}”重复（${p.file} 与 ${this.packs.get(p.id)!.file}）。`,
          `pack id '${p.id}' is used twice (${p.file} and ${this.packs.get(p.id)!.file}).`,
          p.at,
        );
      }
      this.packs.set(p.id, p);
    }
    for (const p of this.packs.values()) this.ancestors(p);
  }

  ids(): string[] {
    return [...this.packs.keys()].sort();
  }

  has(id: string): boolean {
    return this.packs.has(id);
  }

  get(id: string): Pack {
    const p = this.packs.get(id);
    if (!p) {
      fail(
        'POLICY_UNKNOWN_PACK',
        `找不到策略包“${id}”。可用：${this.ids().join('、') || '无'}。`,
        `no policy pack '${id}'. Available: ${this.ids().join(', ') || 'none'}.`,
      );
    }
    return p;
  }

  /** The pack's ancestors, nearest first. Refuses unknown parents and cycles. */
  ancestors(p: Pack): Pack[] {
    const out: Pack[] = [];
    const seen = new Set([p.id]);
    let cur = p;
    while (cur.extends) {
      const parent = this.packs.get(cur.extends);
      if (!parent) {
        fail(
          'PACK_UNKNOWN_PARENT',
          `策略包“${cur.id}”继承的“${cur.extends}”不存在。请先加载上级策略包，或更正 extends。`,
          `pack '${cur.id}' extends '${cur.extends}', which is not loaded. Load the parent pack or correct extends.`,
          cur.at,
        );
      }
      if (seen.has(parent.id)) {
        fail(
          'PACK_EXTENDS_CYCLE',
          `策略包继承形成循环：${[...seen, parent.id].join(' → ')}。`,
          `packs extend each other in a cycle: ${[...seen, parent.id].join(' → ')}.`,
          cur.at,
        );
      }
      seen.add(parent.id);
      out.push(parent);
      cur = parent;
    }
    return out;
  }

  root(p: Pack): Pack {
    const a = this.ancestors(p);
    return a.length > 0 ? a[a.length - 1]! : p;
  }

  /**
   * The published version of a pack in force on a date, or undefined. Refuses a pack whose
   * windows overlap (the linter reports them without refusing: it never calls this on its pack).
   */
  versionAt(p: Pack, date: string): PackVersion | undefined {
    if (!this.windowsChecked.has(p.id)) {
      const overlaps = windowProblems(p).filter((d) => d.severity === 'error');
      if (overlaps.length > 0) throw new PolicyError(overlaps);
      this.windowsChecked.add(p.id);
    }
    return p.versions.find((v) => v.status === 'published' && inWindow(date, v.from, v.to));
  }

  /** Like versionAt but refuses a date outside every version. */
  requireVersionAt(p: Pack, date: string): PackVersion {
    const v = this.versionAt(p, date);
    if (!v) {
      const windows = p.versions
        .filter((x) => x.status === 'published')
        .map((x) => `${x.id}: ${x.from} – ${x.to ?? '…'}`)
        .join('; ');
      fail(
        'POLICY_NO_VERSION_AT_DATE',
        `策略包“${p.id}”在 ${date} 没有生效的版本（生效期：${windows || '无已发布版本'}）。请检查行为发生日期。`,
        `pack '${p.id}' has no version in force on ${date} (windows: ${windows || 'no published version'}). Check the date of the conduct.`,
      );
    }
    return v;
  }

  version(p: Pack, versionId: string): PackVersion {
    const v = p.versions.find((x) => x.id === versionId);
    if (!v) {
      fail(
        'POLICY_UNKNOWN_VERSION',
        `策略包“${p.id}”没有版本“${versionId}”。可用：${p.versions.map((x) => x.id).join('、')}。`,
        `pack '${p.id}' has no version '${versionId}'. Available: ${p.versions.map((x) => x.id).join(', ')}.`,
        p.at,
      );
    }
    return v;
  }

  /**
   * The effective policy of `version` of pack `p`, with the ancestors' versions in force on
   * `date` (by default the version's own start date, or the latest ancestor date inside it).
   */
  effective(p: Pack, version: PackVersion, date: string = version.from): EffectivePolicy {
    const parentPack = p.extends ? this.get(p.extends) : undefined;
    const parentVersion = parentPack ? this.parentVersionFor(parentPack, p, date) : undefined;
    const parent =
      parentPack && parentVersion ? this.effective(parentPack, parentVersion, date) : undefined;
    const key = `${p.id}@${version.id}${parent ? '/' + parent.key : ''}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const eff = fold(p, this.ownContent(p, version), parent);
    this.cache.set(key, eff);
    return eff;
  }

  private parentVersionFor(parent: Pack, child: Pack, date: string): PackVersion {
    const v = this.versionAt(parent, date);
    if (v) return v;
    fail(
      'PACK_PARENT_NO_VERSION',
      `策略包“${child.id}”在 ${date} 适用，但其上级“${parent.id}”在该日没有生效版本。`,
      `pack '${child.id}' applies on ${date}, but its parent '${parent.id}' has no version in force that day.`,
      child.at,
    );
  }

  /** Dates inside a version's window on which some ancestor changes version (for linting). */
  ancestorBoundaries(p: Pack, version: PackVersion): string[] {
    const dates = new Set<string>([version.from]);
    for (const a of this.ancestors(p)) {
      for (const v of a.versions) {
        if (v.status !== 'published') continue;
        for (const d of [v.from, v.to ? addDays(v.to, 1) : undefined]) {
          if (d && inWindow(d, version.from, version.to)) dates.add(d);
        }
      }
    }
    return [...dates].sort();
  }

  /** A version's own content with its `amends` chain folded in. */
  ownContent(p: Pack, version: PackVersion): OwnContent {
    const chain: PackVersion[] = [];
    const seen = new Set<string>();
    let cur: PackVersion | undefined = version;
    while (cur) {
      if (seen.has(cur.id)) {
        fail(
          'PACK_AMENDS_CYCLE',
          `版本修订关系形成循环：${[...seen, cur.id].join(' → ')}。`,
          `versions amend each other in a cycle: ${[...seen, cur.id].join(' → ')}.`,
          cur.at,
        );
      }
      seen.add(cur.id);
      chain.unshift(cur);
      if (!cur.amends) break;
      const amended: PackVersion | undefined = p.versions.find((x) => x.id === cur!.amends);
      if (!amended) {
        fail(
          'PACK_UNKNOWN_AMENDED_VERSION',
          `版本“${cur.id}”修订的版本“${cur.amends}”不存在。`,
          `version '${cur.id}' amends '${cur.amends}', which does not exist in this pack.`,
          cur.at,
        );
      }
      cur = amended;
    }
    const clauses = new Map<string, Clause>();
    const predicates = new Map<string, Predicate>();
    const rules = new Map<string, Rule>();
    let decision: readonly DecisionEntry[] | undefined;
    let procedure: ProcedureInput = {};
    let results: Readonly<Record<string, ResultApplicationInput>> = {};
    let followUp: FollowUpInput | undefined = p.followUp;
    for (const v of chain) {
      for (const id of v.removes) {
        clauses.delete(id);
        predicates.delete(id);
        rules.delete(id);
      }
      for (const c of v.clauses) clauses.set(c.id, c);
      for (const x of v.predicates) predicates.set(x.id, x);
      for (const r of v.rules) rules.set(r.id, r);
      if (v.decision) decision = v.decision;
      procedure = mergeInput(procedure, v.procedure);
      results = mergeResults(results, v.results);
      followUp = mergeFollowUp(followUp, v.followUp);
    }
    return { version, clauses, predicates, rules, decision, procedure, results, followUp };
  }
}

interface OwnContent {
  readonly version: PackVersion;
  readonly clauses: ReadonlyMap<string, Clause>;
  readonly predicates: ReadonlyMap<string, Predicate>;
  readonly rules: ReadonlyMap<string, Rule>;
  readonly decision: readonly DecisionEntry[] | undefined;
  readonly procedure: ProcedureInput;
  readonly results: Readonly<Record<string, ResultApplicationInput>>;
  readonly followUp: FollowUpInput | undefined;
}

function mergeInput(a: ProcedureInput, b: ProcedureInput): ProcedureInput {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = { ...((a as Record<string, object>)[k] ?? {}), ...(v as object) };
  }
  return out as ProcedureInput;
}

function addAll<T extends { id: string; at?: Loc }>(
  into: Map<string, T>,
  items: Iterable<T>,
  what: { zh: string; en: string },
  packId: string,
  problems: Diagnostic[],
): void {
  for (const item of items) {
    const prev = into.get(item.id);
    if (prev) {
      problems.push(
        diag(
          'PACK_REDEFINES_INHERITED',
          'error',
          `策略包“${packId}”重新定义了上级已有的${what.zh}“${item.id}”。下级办法只能增加，不能改写上级内容；请换一个标识。`,
          `pack '${packId}' redefines the inherited ${what.en} '${item.id}'. A local measure may add to its parent but not rewrite it; use a new id.`,
          item.at,
        ),
      );
      continue;
    }
    into.set(item.id, item);
  }
}

function fold(p: Pack, own: OwnContent, parent: EffectivePolicy | undefined): EffectivePolicy {
  const problems: Diagnostic[] = [...(parent?.problems ?? [])];
  const facts = new Map<string, FactDecl>(parent?.facts ?? []);
  if (!parent && p.standardVocabulary) for (const f of STANDARD_FACTS) facts.set(f.id, f);
  addAll(facts, p.facts, { zh: '事实', en: 'fact' }, p.id, problems);
  const sources = new Map<string, SourceDoc>(parent?.sources ?? []);
  addAll(sources, p.sources, { zh: '文件', en: 'source' }, p.id, problems);
  const clauses = new Map<string, Clause>(parent?.clauses ?? []);
  addAll(clauses, own.clauses.values(), { zh: '条款', en: 'clause' }, p.id, problems);
  const predicates = new Map<string, Predicate>(parent?.predicates ?? []);
  addAll(predicates, own.predicates.values(), { zh: '谓词', en: 'predicate' }, p.id, problems);
  const rules = new Map<string, Rule>(parent?.rules ?? []);
  addAll(rules, own.rules.values(), { zh: '规则', en: 'rule' }, p.id, problems);
  const matters = new Map<string, Matter>(parent?.matters ?? []);
  if (!parent) for (const m of STANDARD_MATTERS) matters.set(m.id, m);
  addAll(matters, p.matters, { zh: '事项', en: 'matter' }, p.id, problems);

  let outcomes: readonly Outcome[];
  if (parent) {
    outcomes = parent.outcomes;
    if (p.outcomes) {
      problems.push(
        diag(
          'PACK_CHILD_OUTCOMES',
          'error',
          `策略包“${p.id}”继承了“${parent.pack.id}”，不能另设结果阶梯；请删除 outcomes。`,
          `pack '${p.id}' extends '${parent.pack.id}' and cannot define its own outcome ladder; remove outcomes.`,
          p.at,
        ),
      );
    }
  } else if (p.outcomes) {
    outcomes = p.outcomes;
  } else {
    outcomes = [];
    problems.push(
      diag(
        'PACK_NO_OUTCOMES',
        'error',
        `根策略包“${p.id}”必须列出结果阶梯 outcomes（对当事人最有利的在前）。`,
        `root pack '${p.id}' must list its outcome ladder in outcomes (most favourable to the official first).`,
        p.at,
      ),
    );
  }

  const otherResults = new Map<string, OtherResult>(
    (parent?.otherResults ?? []).map((o) => [o.id, o]),
  );
  addAll(otherResults, p.otherResults, { zh: '阶梯外结果', en: 'result' }, p.id, problems);

  let decision: readonly DecisionEntry[];
  if (parent) {
    const binding = parent.decision.filter((d) => d.binding);
    const rest = parent.decision.filter((d) => !d.binding);
    decision = !own.decision
      ? parent.decision
      : own.decision.some((d) => !d.when)
        ? [...binding, ...own.decision]
        : [...binding, ...own.decision, ...rest];
  } else {
    decision = own.decision ?? [];
    if (!own.decision) {
      problems.push(
        diag(
          'PACK_NO_DECISION',
          'error',
          `根策略包“${p.id}”的版本“${own.version.id}”没有 decision。`,
          `version '${own.version.id}' of root pack '${p.id}' has no decision.`,
          own.version.at,
        ),
      );
    }
  }
  const ids = new Set<string>();
  for (const d of decision) {
    if (ids.has(d.id)) {
      problems.push(
        diag(
          'PACK_DUPLICATE_DECISION_ID',
          'error',
          `决定条目标识“${d.id}”重复。`,
          `decision entry id '${d.id}' is used twice.`,
          d.at,
        ),
      );
    }
    ids.add(d.id);
  }

  const procedure = mergeProcedure(parent?.procedure ?? EMPTY_PROCEDURE, own.procedure);
  const results = Object.freeze(mergeResults(parent?.results ?? {}, own.results));
  const followUp = mergeFollowUp(parent?.followUp, own.followUp);
  const chain = [{ pack: p.id, version: own.version.id }, ...(parent?.chain ?? [])];
  return Object.freeze({
    key: chain.map((c) => `${c.pack}@${c.version}`).join('/'),
    pack: p,
    version: own.version,
    chain,
    outcomes,
    otherResults: Object.freeze([...otherResults.values()]),
    facts,
    sources,
    clauses,
    predicates,
    rules,
    decision,
    procedure,
    matters,
    results,
    ...(followUp ? { followUp } : {}),
    problems,
  });
}

/** How one outcome is applied to the official under this policy; undefined when it says nothing. */
export function resultApplication(
  eff: Pick<EffectivePolicy, 'results'>,
  outcome: string,
): ResultApplication | undefined {
  const input = eff.results[outcome];
  return input ? applicationOf(input) : undefined;
}

export { PolicyError };
