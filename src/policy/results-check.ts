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
  out.push(...followUpProblems(eff));
  return out;
}

/** A `followUp:` block's errors: a share outside 0–1, a `before` of no time, an unknown clause. */
function followUpProblems(eff: EffectivePolicy): Diagnostic[] {
  const f = eff.followUp;
  if (!f) return [];
  const out: Diagnostic[] = [];
  if (f.sampleShare !== undefined && !(f.sampleShare > 0 && f.sampleShare <= 1)) {
    out.push(
      diag(
        'PACK_FOLLOW_UP_SHARE_RANGE',
        'error',
        `followUp.sampleShare 为 ${f.sampleShare}，抽查比例应大于 0、不超过 1（如 0.3 即不低于30%）。`,
        `followUp.sampleShare is ${f.sampleShare}; the share must be above 0 and at most 1 (0.3 means at least 30%).`,
        f.at,
      ),
    );
  }
  if (f.before && (f.before.months ?? 0) === 0 && (f.before.days ?? 0) === 0) {
    out.push(
      diag(
        'PACK_FOLLOW_UP_BEFORE_EMPTY',
        'error',
        'followUp.before 未给出时间：请写明影响期满前多久回访，如 { months: 1 }。',
        'followUp.before gives no time: say how long before the impact period ends the visit is due, e.g. { months: 1 }.',
        f.at,
      ),
    );
  }
  if (f.basis !== undefined && !eff.clauses.has(f.basis)) {
    const hint = didYouMean(f.basis, eff.clauses.keys());
    out.push(
      diag(
        'PACK_FOLLOW_UP_UNKNOWN_CLAUSE',
        'error',
        `回访（followUp）引用的条款“${f.basis}”不存在。${hint.zh}`,
        `the clause '${f.basis}' cited by followUp does not exist. ${hint.en}`.trim(),
        f.at,
      ),
    );
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
 * given once for all outcomes in `procedure.followUp`; impact periods nobody follows up, a
 * `followUp` block missing `before` or `sampleShare`, a visit due before the shortest period
 * starts, and the visit figures still in `procedure.followUp`.
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
  if ((followUp.enabled || eff.followUp) && !anyPeriod && Object.keys(eff.results).length > 0) {
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
  const own = eff.version.procedure.followUp;
  if (own?.prepareBefore !== undefined || own?.samplingRate !== undefined) {
    out.push(
      diag(
        'PACK_FOLLOW_UP_IN_PROCEDURE',
        'warning',
        `策略包“${packId}”在 procedure.followUp 中规定了回访时间或抽查比例；回访抽查只读取 followUp 块，请改写为 followUp: { before: …, sampleShare: … }。`,
        `pack '${packId}' gives the visit time or sample share in procedure.followUp; the visit draw reads only the followUp block: write followUp: { before: …, sampleShare: … } instead.`,
        versionAt,
      ),
    );
  }
  const periods = Object.values(eff.results).flatMap((r) =>
    r.impactPeriod ? [r.impactPeriod.months] : [],
  );
  const f = eff.followUp;
  if (!f && periods.length > 0) {
    out.push(
      diag(
        'PACK_IMPACT_PERIOD_WITHOUT_FOLLOW_UP',
        'warning',
        `策略包“${packId}”有影响期，但没有 followUp 块：影响期内的干部不会被抽取回访。依据办法写明影响期满前多久回访、抽查比例（如 followUp: { before: { months: 1 }, sampleShare: 0.3 }）。`,
        `pack '${packId}' has impact periods but no followUp block: officials in an impact period are never drawn for a visit. Give, from the measure, how long before the period ends and what share (e.g. followUp: { before: { months: 1 }, sampleShare: 0.3 }).`,
        versionAt,
      ),
    );
  }
  if (f && (f.before === undefined || f.sampleShare === undefined)) {
    const missing = f.before === undefined ? 'before' : 'sampleShare';
    out.push(
      diag(
        'PACK_FOLLOW_UP_INCOMPLETE',
        'warning',
        `followUp 缺少 ${missing}：在补全之前不能抽取回访对象。`,
        `followUp lacks ${missing}: no visits can be drawn until it is given.`,
        f.at,
      ),
    );
  }
  if (f?.before && periods.length > 0) {
    const shortest = Math.min(...periods);
    const beforeMonths = (f.before.months ?? 0) + (f.before.days ?? 0) / 30;
    if (beforeMonths >= shortest) {
      out.push(
        diag(
          'PACK_FOLLOW_UP_BEFORE_PERIOD',
          'warning',
          `followUp.before 不短于最短的影响期（${shortest}个月）：回访会在影响期开始之前就到期。`,
          `followUp.before is not shorter than the shortest impact period (${shortest} months): the visit would fall due before the period starts.`,
          f.at,
        ),
      );
    }
  }
  return out;
}
