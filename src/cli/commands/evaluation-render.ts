/** The analysis of `rongcuo evaluation analyze` as text (zh or en) and as JSON. */
import type { Analysis, FactorFigures, Ranked } from '../../evaluation/analyze.js';
import type { Text } from '../../evaluation/model.js';
import type { Lang } from '../../policy/model.js';
import { displayWidth, padEnd, padStart, tr } from '../text.js';

/**
 * The machine-readable analysis: the fixed head (`n`, `factors` with id, n, mean, alpha,
 * alphaStd, omegaTotal; `omegaH`, `omegaTotal`), then every other figure.
 */
export function analysisJson(a: Analysis): unknown {
  return {
    n: a.n,
    missing: a.missing,
    factors: a.factors.map((f) => ({
      id: f.id,
      n: f.n,
      mean: f.mean,
      alpha: f.alpha,
      alphaStd: f.alphaStd,
      omegaTotal: f.omegaTotal,
      averageR: f.averageR,
      sd: f.description?.sd ?? null,
      ci95: f.description?.ci95 ?? null,
      items: f.itemFigures,
    })),
    omegaH: a.omegaH,
    omegaTotal: a.omegaTotal,
    structure: a.structure,
    gap: a.gap,
    regressions: a.regressions,
    ranking: a.ranking,
    notes: a.notes,
  };
}

export interface RenderOptions {
  readonly names: ReadonlyMap<string, Text>;
  readonly ignored: readonly string[];
  readonly file: string;
}

const f2 = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(2);
const f3 = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(3);
const pv = (p: number) => (p < 0.001 ? '<0.001' : p.toFixed(3));
const pIs = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

export function renderAnalysis(a: Analysis, o: RenderOptions, lang: Lang): string {
  const t = (zh: string, en: string) => tr(lang, zh, en);
  const name = (id: string) => {
    const n = o.names.get(id);
    return n ? `${n[lang]} (${id})` : id;
  };
  const lines: string[] = [];
  lines.push(
    t(
      `答卷 ${a.n} 份（${o.file}）；缺失值：${a.missing === 'pairwise' ? '成对删除（按每道题实际作答计算）' : '整行删除（只用全部作答的答卷）'}。`,
      `${a.n} responses (${o.file}); missing answers: ${a.missing === 'pairwise' ? 'pairwise (every answer given is used)' : 'listwise (only complete responses)'}.`,
    ),
  );
  if (o.ignored.length > 0)
    lines.push(
      t(`未分析的列：${o.ignored.join('、')}。`, `Columns not analysed: ${o.ignored.join(', ')}.`),
    );
  lines.push('', factorsTable(a.factors, name, lang), '');
  for (const f of a.factors) lines.push(itemsTable(f, name, lang), '');
  lines.push(
    t(
      `整体：ω_h = ${f2(a.omegaH)}，ω_t = ${f2(a.omegaTotal)}（${a.factors.length} 个组因子，minres、oblimin、Schmid–Leiman）。`,
      `Whole instrument: ω_h = ${f2(a.omegaH)}, ω_t = ${f2(a.omegaTotal)} (${a.factors.length} group factors; minres, oblimin, Schmid–Leiman).`,
    ),
  );
  lines.push(
    ...structureLines(a, name, lang),
    ...gapLines(a, lang),
    ...regressionLines(a, name, lang),
    ...rankingLines(a.ranking, name, lang),
  );
  if (a.notes.length > 0)
    lines.push('', t('未能计算：', 'Not computed:'), ...a.notes.map((n) => `  ${n}`));
  return lines.join('\n') + '\n';
}

function factorsTable(
  factors: readonly FactorFigures[],
  name: (id: string) => string,
  lang: Lang,
): string {
  const head =
    lang === 'zh'
      ? ['因子', 'n', '均值', '95% 置信区间', 'α', '标准化 α', 'ω_t']
      : ['Scale', 'n', 'mean', '95% CI', 'α', 'std α', 'ω_t'];
  const rows = factors.map((f) => [
    name(f.id),
    String(f.n),
    f2(f.mean),
    f.description ? `[${f2(f.description.ci95[0])}, ${f2(f.description.ci95[1])}]` : '—',
    f3(f.alpha),
    f3(f.alphaStd),
    f2(f.omegaTotal),
  ]);
  return table(head, rows);
}

function itemsTable(f: FactorFigures, name: (id: string) => string, lang: Lang): string {
  const head =
    lang === 'zh'
      ? [`${name(f.id)} 的题目`, 'n', '均值', '标准差', '题总相关', '删除后 α', '删除后标准化 α']
      : [
          `Items of ${name(f.id)}`,
          'n',
          'mean',
          'sd',
          'item–rest r',
          'α if dropped',
          'std α if dropped',
        ];
  const rows = f.itemFigures.map((i) => [
    i.reversed ? `${i.id} (${lang === 'zh' ? '反向' : 'reversed'})` : i.id,
    String(i.n),
    f2(i.mean),
    f2(i.sd),
    f2(i.itemRest),
    f3(i.alphaIfDropped),
    f3(i.alphaStdIfDropped),
  ]);
  return table(head, rows);
}

function structureLines(a: Analysis, name: (id: string) => string, lang: Lang): string[] {
  const s = a.structure;
  if (!s) return [];
  const t = (zh: string, en: string) => tr(lang, zh, en);
  return [
    '',
    t(
      `结构：平行分析建议 ${s.nFactors} 个因子、${s.nComponents} 个主成分（量表设 ${a.factors.length} 个）。`,
      `Structure: parallel analysis suggests ${s.nFactors} factors and ${s.nComponents} components (the instrument has ${a.factors.length} scales).`,
    ),
    ...s.coherence.map((c) =>
      t(
        `  ${name(c.id)}：${Math.round(c.share * 100)}% 的题目主要负荷在探索性因子 ${c.factor} 上`,
        `  ${name(c.id)}: ${Math.round(c.share * 100)}% of its items load mainly on exploratory factor ${c.factor}`,
      ),
    ),
  ];
}

function gapLines(a: Analysis, lang: Lang): string[] {
  const g = a.gap;
  if (!g) return [];
  return [
    '',
    tr(
      lang,
      `支持与乐观之差（配对 t 检验）：n = ${g.n}，均值差 ${f2(g.meanDiff)}，95% 置信区间 [${f2(g.ci95[0])}, ${f2(g.ci95[1])}]，t(${g.df}) = ${f2(g.t)}，${pIs(g.p)}，效应量 d_z = ${f2(g.dz)}。`,
      `Support minus optimism (paired t test): n = ${g.n}, mean difference ${f2(g.meanDiff)}, 95% CI [${f2(g.ci95[0])}, ${f2(g.ci95[1])}], t(${g.df}) = ${f2(g.t)}, ${pIs(g.p)}, effect size d_z = ${f2(g.dz)}.`,
    ),
  ];
}

function regressionLines(a: Analysis, name: (id: string) => string, lang: Lang): string[] {
  return a.regressions.flatMap(({ outcome, result }) => {
    const head =
      lang === 'zh'
        ? ['自变量', 'B', '标准误', 'β', 't', 'p']
        : ['Predictor', 'B', 'SE', 'β', 't', 'p'];
    const rows = result.coefficients.map((c) => [
      c.name === '(Intercept)' ? tr(lang, '（常数项）', '(intercept)') : name(c.name),
      f3(c.b),
      f3(c.se),
      f3(c.beta),
      f2(c.t),
      pv(c.p),
    ]);
    return [
      '',
      tr(
        lang,
        `${name(outcome)} 对各因子得分的回归（OLS）：n = ${result.n}，R² = ${f3(result.r2)}，调整 R² = ${f3(result.adjR2)}，F = ${f2(result.f)}，${pIs(result.fP)}`,
        `${name(outcome)} regressed on the factor scores (OLS): n = ${result.n}, R² = ${f3(result.r2)}, adjusted R² = ${f3(result.adjR2)}, F = ${f2(result.f)}, ${pIs(result.fP)}`,
      ),
      table(head, rows),
    ];
  });
}

function rankingLines(
  ranking: readonly Ranked[],
  name: (id: string) => string,
  lang: Lang,
): string[] {
  if (ranking.length === 0) return [];
  const of = (role: Ranked['role']) =>
    ranking.filter((r) => r.role === role).map((r) => name(r.id));
  const list = (ids: string[]) =>
    ids.length > 0 ? ids.join(lang === 'zh' ? '、' : ', ') : tr(lang, '无', 'none');
  return [
    '',
    tr(
      lang,
      `促进因素（显著影响信心或担当意愿，且评价高于中点）：${list(of('promoting'))}`,
      `Promoting factors (a significant effect on optimism or willingness, rated above the midpoint): ${list(of('promoting'))}`,
    ),
    tr(
      lang,
      `阻碍因素（显著影响信心或担当意愿，且评价低于中点）：${list(of('blocking'))}`,
      `Blocking factors (a significant effect on optimism or willingness, rated below the midpoint): ${list(of('blocking'))}`,
    ),
  ];
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, k) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[k]!))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, k) => (k === 0 ? padEnd(c, widths[k]!) : padStart(c, widths[k]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
