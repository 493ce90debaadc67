/** Human-readable explanation of an evaluation, in Chinese or English. */
import type { Evaluation } from '../policy/engine.js';
import type { ClauseRef, Failure } from '../policy/explain.js';
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

  if (ev.reasons.length > 0) {
    out.push('', L('理由：', 'Reasons:'));
    for (const r of ev.reasons) {
      out.push(`  • ${r.title[lang]} [${r.rule}]`);
      for (const c of r.clauses)
        out.push(`      ${L('依据', 'Basis')}${colon}${citation(c, lang)}`);
      if (r.facts.length > 0) {
        const facts = r.facts.map(
          (f) =>
            `${factName(ctx, f.fact, lang)} = ${renderValue(ctx.facts(f.fact), f.value, lang)}`,
        );
        out.push(`      ${L('事实', 'Facts')}${colon}${facts.join(L('；', '; '))}`);
      }
    }
  }

  if (ev.whyNot.length > 0) {
    out.push('', L('为何不是更有利的结果：', 'Why not a more favourable outcome:'));
    for (const w of ev.whyNot) {
      const head = `  ${labelled(w.label, w.outcome, lang)} — ${L('决定条目', 'entry')} ${w.entry}`;
      if (w.precludedBy !== undefined) {
        out.push(
          `${head}${L(`：已由在先的条目 ${w.precludedBy} 决定`, `: already decided by the earlier entry ${w.precludedBy}`)}`,
        );
      } else {
        out.push(head);
      }
      // An entry after the deciding one is pre-empted: its conditions do not matter.
      if (w.precludedBy === undefined)
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
      }
    }
  }
  return out.join('\n') + '\n';
}

function citation(c: ClauseRef, lang: Lang): string {
  return `${c.citation[lang]} — ${c.text[lang]}`;
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
    const cites = f.clauses.map((c) => c.citation[lang]).join(tr(lang, '；', '; '));
    out.push(`${'  '.repeat(depth + 1)}${tr(lang, '依据：', 'Basis: ')}${cites}`);
  }
  for (const b of f.because ?? []) renderFailure(b, depth + 1, ctx, lang, out);
}
