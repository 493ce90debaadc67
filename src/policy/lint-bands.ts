/**
 * Discretion bands (outcome: [exempted, reduced]) as written: warnings for a band that repeats an
 * outcome, is not written most favourable first, or skips a step of the ladder between its ends.
 * Unknown outcomes and results off the ladder inside a band are errors of checkStructure.
 */
import { diag, type Diagnostic } from './errors.js';
import type { DecisionEntry, Pack } from './model.js';
import type { EffectivePolicy } from './resolve.js';

export function bandProblems(pack: Pack, eff: EffectivePolicy): Diagnostic[] {
  const rank = new Map(eff.outcomes.map((o, i) => [o.id, i]));
  const out: Diagnostic[] = [];
  for (const d of eff.decision) {
    if (d.origin !== pack.id || d.outcomes.length < 2) continue;
    const ranks = d.outcomes.map((o) => rank.get(o));
    if (ranks.some((r) => r === undefined)) continue;
    out.push(...bandWarnings(d, ranks as number[], eff));
  }
  return out;
}

function bandWarnings(d: DecisionEntry, ranks: number[], eff: EffectivePolicy): Diagnostic[] {
  const out: Diagnostic[] = [];
  const repeated = d.outcomes.filter((o, i) => d.outcomes.indexOf(o) !== i);
  if (repeated.length > 0) {
    out.push(
      diag(
        'PACK_BAND_REPEATED',
        'warning',
        `决定条目“${d.id}”的裁量幅度重复列出了“${[...new Set(repeated)].join('、')}”；每个结果只需列一次。`,
        `decision entry '${d.id}' names '${[...new Set(repeated)].join(', ')}' twice in its band; name each outcome once.`,
        d.at,
      ),
    );
  }
  const distinct = [...new Set(ranks)];
  const sorted = [...distinct].sort((a, b) => a - b);
  if (distinct.some((r, i) => r !== sorted[i])) {
    const order = sorted.map((r) => eff.outcomes[r]!.id);
    out.push(
      diag(
        'PACK_BAND_ORDER',
        'warning',
        `决定条目“${d.id}”的裁量幅度未按结果阶梯排列（对当事人最有利的在前）；引擎按阶梯排列，请写作 [${order.join(', ')}]。`,
        `decision entry '${d.id}' does not list its band in ladder order (most favourable first); the engine orders it: write [${order.join(', ')}].`,
        d.at,
      ),
    );
  }
  const skipped = eff.outcomes
    .slice(sorted[0]!, sorted[sorted.length - 1]! + 1)
    .filter((_, i) => !sorted.includes(sorted[0]! + i));
  if (skipped.length > 0) {
    const ids = skipped.map((o) => o.id);
    out.push(
      diag(
        'PACK_BAND_GAP',
        'warning',
        `决定条目“${d.id}”的裁量幅度跳过了结果阶梯上处于其间的“${ids.join('、')}”：集体研究可以选两端，却不能选中间。请核对办法原文确系如此，否则补入。`,
        `decision entry '${d.id}' skips '${ids.join(', ')}', between the ends of its band on the ladder: the collective body may choose either end but not the step between. Check that the measure says so, or add it.`,
        d.at,
      ),
    );
  }
  return out;
}
