/** Human-readable explanation of an evaluation, in Chinese or English. */
import type { Evaluation } from '../policy/engine.js';
import type { ClauseRef, ExclusionCheck, FactUse, Failure } from '../policy/explain.js';
import { renderValue } from '../policy/facts.js';
import type { FactDecl, I18nText, Lang } from '../policy/model.js';
import { UNDETERMINED } from '../policy/model.js';
import { codeWithLabel, labelled, tr } from './text.js';

export interface RenderContext {
  /** Declared facts (of the version applied, then of the other version compared). */
  readonly facts: (id: string) => FactDecl | undefined;
  /** Outcome labels by id. */
  readonly outcomeLabel: (id: string) => I18nText | undefined;
}

export function renderEvaluation(ev: Evaluation, ctx: RenderContext, lang: Lang): string {
  const out: string[] = [];
  const L = (zh: string, en: string) => tr(lang, zh, en);
  const colon = L('：', ': ');
  out.push(`${L('策略包', 'Policy pack')}${colon}${ev.packTitle[lang]} (${ev.pack})`);
  if (ev.notice) out.push(`${L('⚠ 提示', '⚠ Notice')}${colon}${ev.notice[lang]}`);
  out.push(`${L('结果', 'Outcome')}${colon}${labelled(ev.label, ev.outcome, lang)}`);
  if (ev.recommended.length > 1) {
    const band = ev.recommended.map((o) => labelled(ctx.outcomeLabel(o), o, lang));
    out.push(`${L('裁量幅度', 'Band')}${colon}${band.join(L('、', ', '))}`);
  }
  out.push(`${L('建议', 'Recommendation')}${colon}${ev.recommendation[lang]}`);
  if (ev.outcome === UNDETERMINED && ev.possibleOutcomes.length > 0) {
    const list = ev.possibleOutcomes.map((o) => labelled(ctx.outcomeLabel(o), o, lang));
    out.push(`${L('可能的结果', 'Possible outcomes')}${colon}${list.join(L('、', ', '))}`);
  }
  const chain =
    ev.chain.length > 1 ? ` [${ev.chain.map((c) => `${c.pack}@${c.version}`).join(' → ')}]` : '';
  out.push(`${L('适用版本', 'Version applied')}${colon}${ev.version}${chain}`);
  out.push(`${L('时间说明', 'Time')}${colon}${ev.time.note[lang]}`);
  if (ev.decidedBy) {
    const note = ev.decidedBy.note ? ` — ${ev.decidedBy.note[lang]}` : '';
    out.push(`${L('决定条目', 'Decided by')}${colon}${ev.decidedBy.entry}${note}`);
  }

  const sep = L('；', '; ');
  const factList = (uses: readonly FactUse[]): string =>
    uses
      .map(
        (f) => `${factName(ctx, f.fact, lang)} = ${renderValue(ctx.facts(f.fact), f.value, lang)}`,
      )
      .join(sep);
  // Rules refer to their clauses by citation; each clause's text is quoted once, at the end.
  const basis = (refs: readonly ClauseRef[]): string =>
    refs.map((c) => `${c.citation[lang]} [${c.id}]`).join(sep);
  const cited = new Map(ev.citedClauses.map((c) => [c.id, c]));
  // Situations and exclusions name their clauses by id: every one is among the clauses cited.
  const basisOf = (ids: readonly string[]): string =>
    basis(ids.flatMap((id) => cited.get(id) ?? []));

  if (ev.derived && ev.derived.length > 0) {
    out.push('', L('计算得出的事实：', 'Computed facts:'));
    for (const d of ev.derived) {
      const value =
        d.value === null
          ? L('无法计算', 'cannot be computed')
          : renderValue(ctx.facts(d.fact), d.value, lang);
      out.push(`  • ${d.label[lang]} [${d.fact}] = ${value}`);
      out.push(
        `      ${L('公式', 'Formula')}${colon}${d.formula[lang]}${sep}${factList(d.inputs)}`,
      );
      if (d.note) out.push(`      ${d.note[lang]}`);
    }
  }

  if (ev.reasons.length > 0) {
    out.push('', L('理由：', 'Reasons:'));
    for (const r of ev.reasons) {
      out.push(`  • ${r.title[lang]} [${r.rule}]`);
      if (r.clauses.length > 0) out.push(`      ${L('依据', 'Basis')}${colon}${basis(r.clauses)}`);
      if (r.facts.length > 0) out.push(`      ${L('事实', 'Facts')}${colon}${factList(r.facts)}`);
    }
  }

  const situations = ev.situations;
  out.push(
    '',
    situations.length > 0
      ? L(
          `成立的容错情形（共 ${situations.length} 项）：`,
          `Tolerable situations that hold (${situations.length}):`,
        )
      : L('成立的容错情形：无。', 'Tolerable situations that hold: none.'),
  );
  for (const x of situations) {
    // One among the reasons is named, not repeated; one that holds without deciding is shown whole.
    if (x.decisive) {
      out.push(
        `  • ${x.title[lang]} [${x.rule}]${L('（已列入理由）', ' (among the reasons above)')}`,
      );
      continue;
    }
    out.push(
      `  • ${x.title[lang]} [${x.rule}]${L('（成立，但未作为本结果的理由）', ' (holds, but is not a reason for this outcome)')}`,
    );
    if (x.clauses.length > 0) out.push(`      ${L('依据', 'Basis')}${colon}${basisOf(x.clauses)}`);
    if (x.facts.length > 0) out.push(`      ${L('事实', 'Facts')}${colon}${factList(x.facts)}`);
  }

  const negative = ev.negativeList;
  if (negative.length > 0) {
    const count = (s: ExclusionCheck['status']) => negative.filter((x) => x.status === s).length;
    const [present, absent, unknown] = [count('present'), count('absent'), count('unknown')];
    out.push(
      '',
      L(
        `负面清单核查（共 ${negative.length} 项：存在 ${present} 项，不存在 ${absent} 项，尚未查明 ${unknown} 项）：`,
        `Negative list checked (${negative.length}: ${present} present, ${absent} absent, ${unknown} not yet known):`,
      ),
    );
    for (const x of negative) {
      const [mark, word]: readonly [string, string] =
        x.status === 'present'
          ? ['✗', L('存在', 'present')]
          : x.status === 'absent'
            ? ['✓', L('不存在', 'absent')]
            : ['?', L('尚未查明', 'not yet known')];
      const facts =
        x.facts.length > 0 ? L(`（${factList(x.facts)}）`, ` (${factList(x.facts)})`) : '';
      out.push(`  ${mark} ${word}${colon}${x.title[lang]} [${x.rule}]${facts}`);
      if (x.clauses.length > 0)
        out.push(`      ${L('依据', 'Basis')}${colon}${basisOf(x.clauses)}`);
    }
  }

  if (ev.whyNot.length > 0) {
    out.push('', L('为何不是更有利的结果：', 'Why not a more favourable outcome:'));
    for (const w of ev.whyNot) {
      // Only entries before the deciding one: each failed on the facts (explain.ts).
      const shown = (w.band ?? [w.outcome]).map((o) =>
        labelled(o === w.outcome ? w.label : ctx.outcomeLabel(o), o, lang),
      );
      out.push(`  ${shown.join(L(' 或 ', ' or '))} — ${L('决定条目', 'entry')} ${w.entry}`);
      for (const f of w.failed) renderFailure(f, 3, ctx, lang, out);
    }
  }

  if (ev.missingFacts.length > 0) {
    out.push(
      '',
      ev.outcome === UNDETERMINED
        ? L('尚需查明的事实（补充后才能确定结果）：', 'Facts still needed to decide the outcome:')
        : L('尚未知的事实：', 'Facts not yet known:'),
    );
    for (const id of ev.missingFacts) {
      const d = ctx.facts(id);
      out.push(`  • ${id}${d ? ` — ${d.label[lang]}` : ''}`);
      if (d) {
        out.push(`      ${d.help[lang]}`);
        const values = d.values?.map((o) => codeWithLabel(o.value, o.label, lang));
        if (values) out.push(`      ${L('取值', 'Values')}${colon}${values.join(L('、', ', '))}`);
        else if (d.type === 'boolean')
          out.push(`      ${L('取值：true 或 false', 'Values: true or false')}`);
        else if (d.type === 'number')
          out.push(
            `      ${L('取值：数字', 'Value: a number')}${d.unit ? ` (${d.unit[lang]})` : ''}`,
          );
        else if (d.type === 'date')
          out.push(`      ${L('取值：日期 YYYY-MM-DD', 'Value: a date YYYY-MM-DD')}`);
        if (d.none) {
          out.push(
            `      ${L(`若不存在，填 none（${d.none.zh}）`, `If there is none, give none (${d.none.en})`)}`,
          );
        }
      }
    }
  }
  if (cited.size > 0) {
    out.push('', L('所引条款（每条只列一次）：', 'Clauses cited (each once):'));
    for (const c of cited.values()) {
      out.push(`  [${c.id}] ${c.citation[lang]}`, `      ${c.text[lang]}`);
    }
  }
  return out.join('\n') + '\n';
}

function factName(ctx: RenderContext, id: string, lang: Lang): string {
  return ctx.facts(id)?.label[lang] ?? id;
}

function renderFailure(
  f: Failure,
  depth: number,
  ctx: RenderContext,
  lang: Lang,
  out: string[],
): void {
  const mark = f.status === 'unknown' ? '?' : '✗';
  let line = `${'  '.repeat(depth)}${mark} ${f.text[lang]}`;
  if (f.rule) line += ` [${f.rule}]`;
  if (f.fact !== undefined) {
    const v = renderValue(ctx.facts(f.fact), f.actual ?? null, lang);
    line +=
      f.actual === null || f.actual === undefined
        ? tr(lang, '（未知）', ' (unknown)')
        : tr(lang, `（实际：${v}）`, ` (actual: ${v})`);
  }
  out.push(line);
  if (f.clauses && f.clauses.length > 0) {
    const cites = f.clauses.map((c) => `${c.citation[lang]} [${c.id}]`).join(tr(lang, '；', '; '));
    out.push(`${'  '.repeat(depth + 1)}${tr(lang, '依据：', 'Basis: ')}${cites}`);
  }
  for (const b of f.because ?? []) renderFailure(b, depth + 1, ctx, lang, out);
}
