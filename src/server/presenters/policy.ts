/**
 * Policy packs as the API shows them: what each pack says (versions, facts, clauses, rules,
 * decision, procedure) with every source location (file paths on the server) left out.
 */
import type {
  Condition,
  DecisionEntry,
  FactDecl,
  FollowUp,
  I18nText,
  Pack,
  PackVersion,
  ResultApplication,
  Rule,
} from '../../policy/model.js';
import { resultApplication, type EffectivePolicy } from '../../policy/resolve.js';
import { CORRECTION_KINDS, followUpOf } from '../../policy/results.js';
import { describeExpr } from '../../policy/derived.js';
import type { Diagnostic } from '../../policy/errors.js';
import type { LintReport } from '../../policy/lint.js';
import type { PolicyCondition } from '../../api/index.js';

function presentVersion(v: PackVersion) {
  return {
    id: v.id,
    status: v.status,
    title: v.title ?? null,
    from: v.from,
    to: v.to ?? null,
    amends: v.amends ?? null,
  };
}

/** Where a pack applies in the user's view (src/app/queries/policy-packs.ts). */
export interface PackReachView {
  readonly names: readonly { readonly id: string; readonly name: I18nText }[];
  readonly count: number;
}

/** A pack's header; `titleOf` names the pack it extends, `reach` where it applies (none: a reference). */
export function presentPackSummary(
  p: Pack,
  titleOf: (packId: string) => I18nText | undefined,
  reach: PackReachView | undefined,
) {
  return {
    id: p.id,
    title: p.title,
    authority: p.authority,
    documentNumber: p.documentNumber,
    jurisdiction: p.jurisdiction,
    extends: p.extends ?? null,
    status: p.status,
    notice: p.notice ?? null,
    versions: p.versions.map(presentVersion),
    extendsTitle: p.extends ? (titleOf(p.extends) ?? null) : null,
    appliesIn: {
      names: (reach?.names ?? []).map((n) => ({ id: n.id, name: n.name })),
      count: reach?.count ?? 0,
      reference: reach === undefined,
    },
  };
}

/** A condition tree as the API shows it (src/api/policy.ts: PolicyCondition). */
export type PresentedCondition = PolicyCondition;

export function presentCondition(c: Condition): PresentedCondition {
  const note = c.note ? { note: c.note } : {};
  switch (c.kind) {
    case 'all':
    case 'any':
      return { kind: c.kind, ...note, of: c.of.map(presentCondition) };
    case 'not':
      return { kind: c.kind, ...note, of: presentCondition(c.of) };
    case 'compare':
      return { kind: c.kind, ...note, fact: c.fact, op: c.op, value: c.value };
    case 'rule':
    case 'predicate':
      return { kind: c.kind, ...note, id: c.id };
  }
}

function presentFact(f: FactDecl, facts: ReadonlyMap<string, FactDecl>) {
  return {
    id: f.id,
    type: f.type,
    label: f.label,
    help: f.help,
    values: f.values?.map((v) => ({ value: v.value, label: v.label })) ?? null,
    unit: f.unit ?? null,
    min: f.min ?? null,
    max: f.max ?? null,
    integer: f.integer ?? false,
    derived: f.derived !== undefined ? describeExpr(f.derived, facts) : null,
    none: f.none ?? null,
    origin: f.origin,
  };
}

function presentRule(r: Rule) {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    clauses: [...r.clauses],
    when: presentCondition(r.when),
    origin: r.origin,
  };
}

function presentEntry(d: DecisionEntry, rank: ReadonlyMap<string, number>) {
  // A band in ladder order, most favourable first (results off the ladder stand alone).
  const outcomes = [...new Set(d.outcomes)].sort(
    (a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity),
  );
  return {
    id: d.id,
    outcome: outcomes[0]!,
    outcomes,
    when: d.when ? presentCondition(d.when) : null,
    binding: d.binding,
    note: d.note ?? null,
    origin: d.origin,
  };
}

export function presentEffective(
  eff: EffectivePolicy,
  titleOf: (packId: string) => I18nText | undefined,
) {
  const ladderRank = new Map(eff.outcomes.map((o, i) => [o.id, i]));
  return {
    version: presentVersion(eff.version),
    chain: eff.chain.map((c) => ({
      pack: c.pack,
      version: c.version,
      title: titleOf(c.pack) ?? { zh: c.pack, en: c.pack },
    })),
    outcomes: eff.outcomes.map((o) => ({
      id: o.id,
      label: o.label,
      description: o.description ?? null,
    })),
    otherResults: eff.otherResults.map((o) => ({
      id: o.id,
      kind: o.kind,
      label: o.label,
      description: o.description ?? null,
      to: o.to ?? null,
      origin: o.origin,
    })),
    facts: [...eff.facts.values()].map((f) => presentFact(f, eff.facts)),
    sources: [...eff.sources.values()].map((s) => ({
      id: s.id,
      title: s.title,
      number: s.number,
      issuer: s.issuer,
      date: s.date ?? null,
      origin: s.origin,
    })),
    clauses: [...eff.clauses.values()].map((c) => ({
      id: c.id,
      source: c.source,
      article: c.article,
      text: c.text,
      origin: c.origin,
    })),
    rules: [...eff.rules.values()].map(presentRule),
    predicates: [...eff.predicates.values()].map((p) => ({
      id: p.id,
      title: p.title,
      when: presentCondition(p.when),
      origin: p.origin,
    })),
    decision: eff.decision.map((d) => presentEntry(d, ladderRank)),
    procedure: eff.procedure,
    matters: [...eff.matters.values()].map((m) => ({
      id: m.id,
      label: m.label,
      description: m.description ?? null,
      origin: m.origin,
    })),
    results: eff.outcomes.flatMap((o) => {
      const r = resultApplication(eff, o.id);
      return r ? [presentResult(o.id, r)] : [];
    }),
    correctionKinds: Object.entries(CORRECTION_KINDS).map(([id, label]) => ({ id, label })),
    followUp: presentFollowUp(followUpOf(eff.followUp)),
  };
}

function presentFollowUp(f: FollowUp | undefined) {
  if (!f) return null;
  return {
    before: { months: f.before.months ?? 0, days: f.before.days ?? 0 },
    sampleShare: f.sampleShare,
    basis: f.basis ?? null,
    note: f.note ?? null,
  };
}

function presentResult(outcome: string, r: ResultApplication) {
  return {
    outcome,
    unaffected: [...r.unaffected],
    impactPeriod: r.impactPeriod
      ? {
          months: r.impactPeriod.months,
          basis: r.impactPeriod.basis ?? null,
          note: r.impactPeriod.note ?? null,
        }
      : null,
    correction: r.correction
      ? { kinds: [...r.correction.kinds], within: r.correction.within ?? null }
      : null,
    basis: [...r.basis],
    note: r.note ?? null,
  };
}

/**
 * Where a diagnostic points: the pack file by its last two path segments (`x-new-area/pack.yaml`,
 * never the server's folders), the line and column, and the path inside the file.
 */
function presentLoc(at: Diagnostic['at']) {
  if (!at) return null;
  const file = at.file.split(/[\\/]/).filter(Boolean).slice(-2).join('/');
  return { file, line: at.line, col: at.col, path: [...at.path] };
}

export function presentDiagnostic(d: Diagnostic) {
  return { severity: d.severity, code: d.code, message: d.message, at: presentLoc(d.at) };
}

export function presentLint(r: LintReport) {
  return {
    pack: r.pack,
    errors: r.errors,
    warnings: r.warnings,
    diagnostics: r.diagnostics.map(presentDiagnostic),
  };
}
