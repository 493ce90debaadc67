/**
 * Declared facts no rule reads: a pack's own fact that no rule, predicate, decision entry or
 * derived fact reads — in any version of the pack, or of a pack extending it (a parent may declare
 * a fact for its children's rules; a child may declare one a parent's rule reads) — is a warning.
 */
import { exprFacts } from './derived.js';
import { diag, PolicyError, type Diagnostic } from './errors.js';
import type { Condition, Pack } from './model.js';
import type { EffectivePolicy, PackSet } from './resolve.js';

export function unusedFactWarnings(set: PackSet, pack: Pack): Diagnostic[] {
  if (pack.facts.length === 0) return [];
  const read = new Set<string>();
  const readers = [
    pack,
    ...set
      .ids()
      .map((id) => set.get(id))
      .filter((p) => set.ancestors(p).some((a) => a.id === pack.id)),
  ];
  for (const p of readers) {
    for (const v of p.versions) {
      try {
        factsRead(set.effective(p, v), read);
      } catch (e) {
        if (e instanceof PolicyError) continue; // reported by the linter where it belongs
        throw e;
      }
    }
  }
  return pack.facts
    .filter((f) => !read.has(f.id))
    .map((f) =>
      diag(
        'PACK_FACT_UNUSED',
        'warning',
        `事实“${f.id}”（${f.label.zh}）已声明，但没有任何规则、谓词、决定条目或派生事实使用它，填写它不影响结果。请在条件中使用它，或删去该声明。`,
        `fact '${f.id}' (${f.label.en}) is declared but no rule, predicate, decision entry or derived fact reads it, so giving it changes nothing. Use it in a condition or remove it.`,
        f.at,
      ),
    );
}

/** Adds the facts an effective policy reads to `out`. */
function factsRead(eff: EffectivePolicy, out: Set<string>): void {
  const visit = (c: Condition): void => {
    switch (c.kind) {
      case 'all':
      case 'any':
        c.of.forEach(visit);
        return;
      case 'not':
        visit(c.of);
        return;
      case 'compare':
        out.add(c.fact);
        return;
      default:
        return; // rules and predicates are visited below, each once
    }
  };
  for (const r of eff.rules.values()) visit(r.when);
  for (const p of eff.predicates.values()) visit(p.when);
  for (const d of eff.decision) if (d.when) visit(d.when);
  for (const f of eff.facts.values()) {
    if (f.derived !== undefined) for (const id of exprFacts(f.derived)) out.add(id);
  }
}
