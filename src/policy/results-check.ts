/**
 * Checks of a policy's result application (结果运用): `resultProblems` are structural errors (an
 * outcome, matter, correction kind or clause that does not exist: the compiler refuses them);
 * `resultWarnings` are what the linter points out in a policy that compiles.
 */
import { diag, didYouMean, type Diagnostic } from './errors.js';
import type { Loc, ResultApplicationInput } from './model.js';
import type { EffectivePolicy } from './resolve.js';
import { CORRECTION_KINDS } from './results.js';

export function resultProblems(eff: EffectivePolicy): Diagnostic[] {
  const out: Diagnostic[] = [];
  const outcomeIds = eff.outcomes.map((o) => o.id);
  for (const [outcome, r] of Object.entries(eff.results)) {
    if (!outcomeIds.includes(outcome)) {
      const hint = didYouMean(outcome, outcomeIds);
      out.push(
        diag(
          'PACK_RESULTS_UNKNOWN_OUTCOME',
          'error',
          `results 中的“${outcome}”不在结果阶梯中（${outcomeIds.join('、')}）。${hint.zh}`,
          `results names '${outcome}', which is not on the outcome ladder (${outcomeIds.join(', ')}). ${hint.en}`.trim(),
          r.at,
        ),
      );
    }
    out.push(...unknownIn(r, eff));
  }
  return out;
}

/** Matters, correction kinds and clauses an entry names that do not exist. */
function unknownIn(r: ResultApplicationInput, eff: EffectivePolicy): Diagnostic[] {
  const out: Diagnostic[] = [];
  const unknown = (
    code: string,
    got: string,
    known: Iterable<string>,
    what: { zh: string; en: string },
  ) => {
    const hint = didYouMean(got, known);
    out.push(
      diag(
        code,
        'error',
        `${what.zh}“${got}”不存在。${hint.zh}`,
        `${what.en} '${got}' does not exist. ${hint.en}`.trim(),
        r.at,
      ),
    );
  };
  for (const m of r.unaffected ?? []) {
    if (!eff.matters.has(m)) {
      unknown('PACK_RESULTS_UNKNOWN_MATTER', m, eff.matters.keys(), {
        zh: '不受影响的事项',
        en: 'the unaffected matter',
      });
    }
  }
  for (const k of r.correction?.kinds ?? []) {
    if (!(k in CORRECTION_KINDS)) {
      unknown('PACK_RESULTS_UNKNOWN_CORRECTION_KIND', k, Object.keys(CORRECTION_KINDS), {
        zh: '纠错方式',
        en: 'the correction kind',
      });
    }
  }
  const cited = [
    ...(r.basis ?? []),
    ...(r.impactPeriod?.basis ? [r.impactPeriod.basis] : []),
    ...(r.correction?.reviewAfter?.basis ? [r.correction.reviewAfter.basis] : []),
  ];
  for (const c of cited) {
    if (!eff.clauses.has(c)) {
      unknown('PACK_RESULTS_UNKNOWN_CLAUSE', c, eff.clauses.keys(), {
        zh: '结果运用引用的条款',
        en: 'the clause cited by results',
      });
    }
  }
  return out;
}

/**
 * Warnings for a policy that compiles: an outcome the results forget once any is described; the
 * least favourable outcome (where tolerance is refused) declared to leave matters unaffected; a
 * matter listed twice; follow-up visits with no impact period to follow; the impact period still
 * given once for all outcomes in `procedure.followUp`.
 */
export function resultWarnings(eff: EffectivePolicy, packId: string, versionAt: Loc): Diagnostic[] {
  const out: Diagnostic[] = [];
  const entries = Object.entries(eff.results);
  const own = entries.filter(([, r]) => r.at.file === eff.pack.file);
  if (entries.length > 0) {
    for (const o of eff.outcomes) {
      if (eff.results[o.id]) continue;
      out.push(
        diag(
          'PACK_RESULTS_OUTCOME_MISSING',
          'warning',
          `results 没有说明结果“${o.id}”（${o.label.zh}）如何运用：认定书和干部档案将无法写明哪些事项不受影响。`,
          `results says nothing about outcome '${o.id}' (${o.label.en}): the determination and the official's record cannot say what stays unaffected.`,
          versionAt,
        ),
      );
    }
  }
  const last = eff.outcomes[eff.outcomes.length - 1]?.id;
  for (const [outcome, r] of own) {
    if (outcome === last && (r.unaffected?.length ?? 0) > 0) {
      out.push(
        diag(
          'PACK_RESULTS_REFUSED_UNAFFECTED',
          'warning',
          `结果阶梯的最后一项“${outcome}”是不予容错，却列出了不受影响的事项；请确认这是办法的原意。`,
          `'${outcome}', the last outcome on the ladder, is where tolerance is refused, yet it lists matters left unaffected; check that the measure says so.`,
          r.at,
        ),
      );
    }
    const seen = new Set<string>();
    for (const m of r.unaffected ?? []) {
      if (seen.has(m)) {
        out.push(
          diag(
            'PACK_RESULTS_DUPLICATE_MATTER',
            'warning',
            `结果“${outcome}”重复列出了事项“${m}”。`,
            `outcome '${outcome}' lists the matter '${m}' twice.`,
            r.at,
          ),
        );
      }
      seen.add(m);
    }
  }
  out.push(...followUpWarnings(eff, packId, versionAt));
  return out;
}

function followUpWarnings(eff: EffectivePolicy, packId: string, versionAt: Loc): Diagnostic[] {
  const out: Diagnostic[] = [];
  const followUp = eff.procedure.followUp;
  if (eff.version.procedure.followUp?.impactPeriodMonths !== undefined) {
    out.push(
      diag(
        'PACK_IMPACT_PERIOD_IN_FOLLOW_UP',
        'warning',
        `策略包“${packId}”在 procedure.followUp.impactPeriodMonths 中为所有结果规定了同一影响期；影响期因结果而异，请改在 results.<结果>.impactPeriod 中分别规定。`,
        `pack '${packId}' gives one impact period for every outcome in procedure.followUp.impactPeriodMonths; the period depends on the outcome: give it under results.<outcome>.impactPeriod instead.`,
        versionAt,
      ),
    );
  }
  const anyPeriod =
    Object.values(eff.results).some((r) => r.impactPeriod) ||
    followUp.impactPeriodMonths !== undefined;
  if (followUp.enabled && !anyPeriod && Object.keys(eff.results).length > 0) {
    out.push(
      diag(
        'PACK_FOLLOW_UP_WITHOUT_PERIOD',
        'warning',
        '规定了回访（procedure.followUp），但没有任何结果设有影响期；回访对象是影响期内的干部。',
        'follow-up visits are enabled (procedure.followUp) but no outcome has an impact period; visits follow officials in an impact period.',
        versionAt,
      ),
    );
  }
  return out;
}
