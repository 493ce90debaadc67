/**
 * The wording of a campaign's report as an official-style document (issue 12), zh or en: the
 * title, an opening, 一、调查基本情况, 二、总体评价, 三、影响因素, 四、量表信度, 五、分组情况,
 * 六、说明, the signature (the jurisdiction's organization department) and the date — as headings,
 * paragraphs and tables, which report-pdf-layout.ts sets on the page. Figures are written as the
 * report page writes them (src/shared/figures.ts). Under k answers: the opening and one paragraph
 * saying no analysis is given. Pure.
 */
import type { Analysis, Ranked } from '../../evaluation/analyze.js';
import type { Instrument, Text } from '../../evaluation/model.js';
import type { Lang } from '../../policy/model.js';
import {
  decisiveBeta,
  effectSize,
  fixed,
  interval,
  midpoint,
  pValue,
  percent,
  thresholds,
} from '../../shared/figures.js';
import { writtenDate } from '../../shared/time.js';
import type { Breakdown, CampaignReport } from './report.js';
import { nameMap } from './report-workbook.js';

export interface TableColumn {
  readonly title: string;
  /** Share of the text block's width. */
  readonly width: number;
  readonly align: 'left' | 'right' | 'center';
}

/** A block of the report's body: a heading (一、), a subheading (（一）), a paragraph or a table. */
export type ReportBlock =
  | { readonly kind: 'heading' | 'subheading' | 'paragraph' | 'caption'; readonly text: string }
  | {
      readonly kind: 'table';
      readonly columns: readonly TableColumn[];
      readonly rows: readonly (readonly string[])[];
    };

export interface ReportDocument {
  readonly lang: Lang;
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
  /** 落款: the jurisdiction's organization department. */
  readonly signature: string;
  /** 成文日期, as written: 2026年12月4日. */
  readonly date: string;
}

/** What every section reads: the report, names, the language and its wording helper. */
interface Ctx {
  readonly r: CampaignReport;
  readonly instrument: Instrument;
  readonly lang: Lang;
  readonly t: (zh: string, en: string) => string;
  readonly name: (id: string) => string;
  /** The next table's number (表1, 表2…). */
  readonly table: () => number;
}

/** The report of a campaign as a document, written on `day` (an ISO day, China time). */
export function reportDocument(
  r: CampaignReport,
  instrument: Instrument,
  lang: Lang,
  day: string,
): ReportDocument {
  const names = nameMap(instrument);
  let tables = 0;
  const c: Ctx = {
    r,
    instrument,
    lang,
    t: (zh, en) => (lang === 'zh' ? zh : en),
    name: (id) => names.get(id)?.[lang] ?? id,
    table: () => ++tables,
  };
  const place = r.campaign.jurisdiction.name[lang];
  const a = r.analysis;
  return {
    lang,
    title: c.t(
      `关于${place}容错纠错机制执行情况问卷调查的分析报告`,
      `Report on the survey of how the fault-tolerance and error-correction mechanism is implemented in ${place}`,
    ),
    blocks: [
      para(opening(c)),
      ...(a === null
        ? withheld(c, day)
        : [
            ...basics(c),
            ...overall(c, a),
            ...factors(c, a),
            ...reliability(c, a),
            ...breakdowns(c),
            ...notes(c, a),
          ]),
    ],
    signature: c.t(`${place}组织部门`, `Organization department, ${place}`),
    date: writtenDate(day)[lang],
  };
}

const para = (text: string): ReportBlock => ({ kind: 'paragraph', text });
const heading = (text: string): ReportBlock => ({ kind: 'heading', text });
const subheading = (text: string): ReportBlock => ({ kind: 'subheading', text });

function opening(c: Ctx): string {
  const k = c.r.campaign;
  const from = writtenDate(k.opensOn)[c.lang];
  const to = writtenDate(k.closesOn)[c.lang];
  const place = k.jurisdiction.name[c.lang];
  return c.t(
    `为掌握${place}容错纠错机制执行情况，${place}组织部门于${from}至${to}组织开展了“${k.title}”${k.title.endsWith('调查') ? '' : '问卷调查'}。现将调查分析情况报告如下。`,
    `To learn how the fault-tolerance and error-correction mechanism is implemented in ${place}, its organization department ran the survey “${k.title}” from ${from} to ${to}. This report sets out what it found.`,
  );
}

/** Under k answers: no figure at all, and why. */
function withheld(c: Ctx, day: string): ReportBlock[] {
  const { k } = thresholds(c.r.campaign);
  const on = writtenDate(day)[c.lang];
  return [
    para(
      c.t(
        `本次调查邀请${c.r.campaign.invitedCount}名干部参加。截至${on}，回收答卷不足${k}份，不予出具分析结果。`,
        `${c.r.campaign.invitedCount} cadres were invited. As of ${on}, fewer than ${k} answers have been returned: no analysis is given.`,
      ),
    ),
    para(
      c.t(
        `为保护作答人匿名，答卷达到${k}份后方可出具分析报告。`,
        `To keep the answers anonymous, a report is given only from ${k} answers.`,
      ),
    ),
  ];
}

/** 一、调查基本情况: campaign, period, invited, answered, response rate, instrument, anonymity and k. */
function basics(c: Ctx): ReportBlock[] {
  const k = c.r.campaign;
  const units = k.invitedUnits.map((u) => u.name[c.lang]);
  const shown = units.slice(0, 5).join(c.t('、', ', '));
  const reach =
    units.length === 0
      ? ''
      : c.t(
          `面向${shown}${units.length > 5 ? '等' : ''}${units.length}个单位的干部，`,
          `among the cadres of ${units.length} unit${units.length > 1 ? 's' : ''} (${shown}${units.length > 5 ? ' and others' : ''}), `,
        );
  const scale = c.instrument.scale;
  return [
    heading(c.t('一、调查基本情况', 'I. The survey')),
    para(
      c.t(
        `本次调查${reach}计划邀请${k.invitedCount}人参加，回收有效答卷${c.r.n}份，回收率${percent(c.r.n, k.invitedCount)}。`,
        `The survey invited ${k.invitedCount} people ${reach}and ${c.r.n} valid answers were returned, a response rate of ${percent(c.r.n, k.invitedCount)}.`,
      ),
    ),
    para(
      c.t(
        `调查使用“${c.instrument.title[c.lang]}”（版本 ${c.r.instrument.id}），各题采用${scale.min}—${scale.max}分李克特量表，${midpoint(scale)}分为中点，分值越高表示评价越积极，反向题已反向计分。`,
        `It used the instrument “${c.instrument.title[c.lang]}” (version ${c.r.instrument.id}), each item on a ${scale.min}–${scale.max} Likert scale with its midpoint at ${midpoint(scale)}; higher scores are more favourable, and reversed items were scored in reverse.`,
      ),
    ),
    para(anonymity(c)),
  ];
}

function anonymity(c: Ctx): string {
  const { k, freeText } = thresholds(c.r.campaign);
  const day = c.r.campaign.keepDay;
  return c.t(
    `调查以一次性令牌匿名作答：令牌与答卷之间不作任何关联，不记录IP地址和设备信息，${day ? '提交时间只保留到日' : '不保留提交时间'}，背景信息只按区间粗略采集。分析结果按报告门槛出具：答卷不足${k}份的不出具分析结果；任何分组不足${k}人的不予显示，并按互补隐藏规则另隐去可据以推算的群体；文字意见在答卷达到${freeText}份时方予汇总。`,
    `Answers were anonymous, each through a one-time token: no link is kept between a token and an answer, no IP address or device is recorded, ${day ? 'the day of submission only is kept' : 'no submission time is kept'}, and background questions are asked in coarse bands only. The report follows its thresholds (k = ${k}): no analysis under ${k} answers; no group under ${k} people is shown, and a second group is hidden beside a lone hidden one so that no total gives it back; free text only from ${freeText} answers.`,
  );
}

const OUTCOMES = ['support', 'optimism', 'willingness'] as const;

/** 二、总体评价: the outcomes' means, a table of them, the support–optimism gap in words. */
function overall(c: Ctx, a: Analysis): ReportBlock[] {
  const rows = OUTCOMES.flatMap((id) => {
    const f = a.factors.find((x) => x.id === id);
    return f ? [f] : [];
  });
  const said = rows.map((f) =>
    c.t(
      `${c.name(f.id)}均值为${fixed(f.mean)}分（95%置信区间${f.description ? interval(f.description.ci95) : '—'}）`,
      `${c.name(f.id).toLowerCase()} ${fixed(f.mean)} (95% CI ${f.description ? interval(f.description.ci95) : '—'})`,
    ),
  );
  const n = c.table();
  return [
    heading(c.t('二、总体评价', 'II. Overall assessment')),
    para(
      c.t(
        `受访干部的${said.join('，')}（详见表${n}）。`,
        `The respondents’ mean scores were: ${said.join('; ')} (table ${n}).`,
      ),
    ),
    { kind: 'caption', text: c.t(`表${n}\u3000总体评价`, `Table ${n}. Overall assessment`) },
    {
      kind: 'table',
      columns: [
        col(c.t('量表', 'Scale'), 0.3, 'left'),
        col(c.t('有效答卷', 'n'), 0.14, 'right'),
        col(c.t('均值', 'Mean'), 0.14, 'right'),
        col(c.t('标准差', 'SD'), 0.14, 'right'),
        col(c.t('95%置信区间', '95% CI'), 0.28, 'center'),
      ],
      rows: rows.map((f) => [
        c.name(f.id),
        String(f.n),
        fixed(f.mean),
        fixed(f.description?.sd),
        f.description ? interval(f.description.ci95) : '—',
      ]),
    },
    para(gapSentence(c, a)),
  ];
}

const col = (title: string, width: number, align: TableColumn['align']): TableColumn => ({
  title,
  width,
  align,
});

const EFFECT: Record<ReturnType<typeof effectSize>, Text> = {
  negligible: { zh: '极小', en: 'negligible' },
  small: { zh: '较小', en: 'small' },
  medium: { zh: '中等', en: 'medium' },
  large: { zh: '较大', en: 'large' },
};

/** The paired t-test of support against optimism, in words, and what it means. */
function gapSentence(c: Ctx, a: Analysis): string {
  const g = a.gap;
  if (g === null) {
    return c.t(
      '支持度与信心的配对检验未能计算，原因见“六、说明”。',
      'The paired test of support against optimism could not be computed; see VI.',
    );
  }
  const [s, o] = [c.name('support'), c.name('optimism')];
  const size = EFFECT[effectSize(g.dz)][c.lang];
  const diff = c.t(
    `${s}均值比${o}均值${g.meanDiff >= 0 ? '高' : '低'}${fixed(Math.abs(g.meanDiff))}分（95%置信区间${interval(g.ci95)}，${g.n}份答卷两项均有作答）。配对t检验：t(${fixed(g.df, 0)}) = ${fixed(g.t)}，p ${pValue(g.p)}，效应量d_z = ${fixed(g.dz)}。`,
    `Mean ${s.toLowerCase()} is ${fixed(Math.abs(g.meanDiff))} points ${g.meanDiff >= 0 ? 'above' : 'below'} mean ${o.toLowerCase()} (95% CI ${interval(g.ci95)}; ${g.n} answers gave both). Paired t test: t(${fixed(g.df, 0)}) = ${fixed(g.t)}, p ${pValue(g.p)}, effect size d_z = ${fixed(g.dz)}.`,
  );
  if (g.p >= 0.05) {
    return `${diff}${c.t(`差异在0.05水平上不显著（效应${size}），未见支持与信心之间存在明显落差。`, ` The difference is not significant at the 0.05 level (${size} effect): no clear gap between support and optimism.`)}`;
  }
  return `${diff}${c.t(
    `差异在0.05水平上显著，效应${size}${g.meanDiff > 0 ? '，表明干部对机制总体认同，但对其实施前景信心不足' : ''}。`,
    ` The difference is significant at the 0.05 level, a ${size} effect${g.meanDiff > 0 ? ': cadres applaud the mechanism but are less optimistic about how it will work' : ''}.`,
  )}`;
}

/** 三、影响因素: the regressions in brief, the rule, the promoting and the blocking factors named. */
function factors(c: Ctx, a: Analysis): ReportBlock[] {
  const head = heading(c.t('三、影响因素', 'III. What promotes and what blocks implementation'));
  if (a.regressions.length === 0 || a.ranking.length === 0) {
    return [
      head,
      para(
        c.t(
          '回归分析未能计算，无法判定促进因素与阻碍因素，原因见“六、说明”。',
          'The regressions could not be computed, so no factor is named promoting or blocking; see VI.',
        ),
      ),
    ];
  }
  const promoting = a.ranking.filter((x) => x.role === 'promoting');
  const blocking = a.ranking.filter((x) => x.role === 'blocking');
  const neutral = a.ranking.length - promoting.length - blocking.length;
  return [
    head,
    para(method(c, a)),
    subheading(c.t('（一）促进因素', '1. Promoting factors')),
    ...roleList(c, a, promoting, c.t('未发现促进因素。', 'No factor was found promoting.')),
    subheading(c.t('（二）阻碍因素', '2. Blocking factors')),
    ...roleList(c, a, blocking, c.t('未发现阻碍因素。', 'No factor was found blocking.')),
    para(
      c.t(
        `其余${neutral}项因素未同时满足上述条件，列为中性因素。`,
        `The other ${neutral} factor${neutral === 1 ? '' : 's'} met neither condition and count as neutral.`,
      ),
    ),
  ];
}

function method(c: Ctx, a: Analysis): string {
  const fits = a.regressions.map(({ outcome, result }) =>
    c.t(
      `${c.name(outcome)}：R² = ${fixed(result.r2, 3)}，有效样本${result.n}份`,
      `${c.name(outcome).toLowerCase()}: R² = ${fixed(result.r2, 3)}, n = ${result.n}`,
    ),
  );
  const mid = midpoint(a.scale);
  return c.t(
    `以各因素得分为自变量，分别对${a.regressions.map((x) => c.name(x.outcome)).join('和')}进行最小二乘回归（${fits.join('；')}）。某因素的标准化回归系数为正且显著（p < 0.05），且其均值的95%置信区间整体高于量表中点（${mid}分）的，列为促进因素；整体低于中点的，列为阻碍因素；其余列为中性因素。`,
    `Each outcome (${a.regressions.map((x) => c.name(x.outcome).toLowerCase()).join(', ')}) was regressed on the factor scores by least squares (${fits.join('; ')}). A factor whose standardized coefficient is positive and significant (p < 0.05) is promoting when the 95% CI of its mean lies wholly above the scale’s midpoint (${mid}), blocking when it lies wholly below; any other factor is neutral.`,
  );
}

function roleList(c: Ctx, a: Analysis, list: readonly Ranked[], none: string): ReportBlock[] {
  if (list.length === 0) return [para(none)];
  return list.map((x, i) => para(`${i + 1}.${c.t('', ' ')}${why(c, a, x)}`));
}

/** One factor and why: its mean and CI against the midpoint, and the β that makes it matter. */
function why(c: Ctx, a: Analysis, x: Ranked): string {
  const f = a.factors.find((y) => y.id === x.id);
  const b = decisiveBeta(x);
  const ci = f?.description ? interval(f.description.ci95) : '—';
  const mid = midpoint(a.scale);
  const level = {
    high: c.t('整体高于', 'wholly above'),
    low: c.t('整体低于', 'wholly below'),
    middle: c.t('跨越', 'across'),
  }[x.level];
  const on = b ? c.name(b.outcome) : '—';
  return c.t(
    `${c.name(x.id)}：均值${fixed(f?.mean)}分（95%置信区间${ci}），${level}量表中点${mid}分；对${on}的标准化回归系数β = ${fixed(b?.beta)}（p ${b ? pValue(b.p) : '—'}）。`,
    `${c.name(x.id)}: mean ${fixed(f?.mean)} (95% CI ${ci}), ${level} the midpoint ${mid}; standardized coefficient on ${on.toLowerCase()} β = ${fixed(b?.beta)} (p ${b ? pValue(b.p) : '—'}).`,
  );
}

/** 四、量表信度: alpha and omega total per scale in a table; omega h; the structure. */
function reliability(c: Ctx, a: Analysis): ReportBlock[] {
  const n = c.table();
  return [
    heading(c.t('四、量表信度', 'IV. Reliability of the scales')),
    para(
      c.t(
        `各量表的信度按Cronbach's α和McDonald's ω_t（单因子最小残差法）计算，计算方法与R语言psych包一致，结果见表${n}。`,
        `Each scale’s reliability is given as Cronbach’s α and McDonald’s ω_t (one-factor minres), computed as R’s psych package does (table ${n}).`,
      ),
    ),
    {
      kind: 'caption',
      text: c.t(`表${n}\u3000各量表信度`, `Table ${n}. Reliability of the scales`),
    },
    {
      kind: 'table',
      columns: [
        col(c.t('量表', 'Scale'), 0.46, 'left'),
        col(c.t('题数', 'Items'), 0.14, 'right'),
        col('α', 0.2, 'right'),
        col('ω_t', 0.2, 'right'),
      ],
      rows: a.factors.map((f) => [
        c.name(f.id),
        String(f.items.length),
        fixed(f.alpha, 3),
        fixed(f.omegaTotal, 3),
      ]),
    },
    para(
      c.t(
        `全问卷ω_h（一般因子）为${fixed(a.omegaH, 3)}，ω_t为${fixed(a.omegaTotal, 3)}。`,
        `For the whole instrument ω_h (general factor) is ${fixed(a.omegaH, 3)} and ω_t ${fixed(a.omegaTotal, 3)}.`,
      ),
    ),
    para(structure(c, a)),
  ];
}

function structure(c: Ctx, a: Analysis): string {
  const s = a.structure;
  if (s === null) {
    return c.t(
      '平行分析未能得出因子结构，无法判断数据对模型结构的支持程度，原因见“六、说明”。',
      'Parallel analysis gave no factor structure, so how far the data support the model cannot be said; see VI.',
    );
  }
  const scales = a.factors.length;
  const same = s.nFactors === scales;
  return c.t(
    `平行分析建议提取${s.nFactors}个因子（主成分${s.nComponents}个），问卷设计为${scales}个量表，${same ? '因子数与量表数一致。' : '因子数与量表数不一致，数据对模型结构的支持有限，宜结合各量表题目审视。'}`,
    `Parallel analysis suggests ${s.nFactors} factors (${s.nComponents} components) for an instrument of ${scales} scales: ${same ? 'the numbers agree.' : 'the numbers differ, so the data support the model’s structure only in part and the scales’ items deserve a second look.'}`,
  );
}

/** 五、分组情况: per background question, the groups as columns, hidden ones saying why. */
function breakdowns(c: Ctx): ReportBlock[] {
  const { k } = thresholds(c.r.campaign);
  const head = heading(c.t('五、分组情况', 'V. By group'));
  if (c.r.breakdowns.length === 0) {
    return [
      head,
      para(c.t('本问卷未设背景信息题。', 'The instrument asks no background question.')),
    ];
  }
  return [
    head,
    para(
      c.t(
        `按问卷的各项背景信息分组，列示各组人数和各量表均值。不足${k}人的群体不予显示；为防止由合计推算，另一群体相应隐去。`,
        `By each background question: the number in each group and its mean on every scale. No group under ${k} people is shown; to keep totals from giving it back, a second group is hidden beside it.`,
      ),
    ),
    ...c.r.breakdowns.flatMap((b) => breakdownTable(c, b)),
  ];
}

function breakdownTable(c: Ctx, b: Breakdown): ReportBlock[] {
  const { k } = thresholds(c.r.campaign);
  const hidden = (g: Breakdown['groups'][number]) =>
    g.hidden === 'complement'
      ? c.t('为防推算，不予显示', 'hidden so that totals do not reveal a group')
      : c.t(`不足${k}人，不予显示`, `under ${k}, not shown`);
  const scales = c.r.analysis?.factors.map((f) => f.id) ?? [];
  const groupWidth = 0.7 / Math.max(1, b.groups.length);
  const n = c.table();
  const label = b.label[c.lang];
  const complement = b.groups.some((g) => g.hidden === 'complement');
  return [
    { kind: 'caption', text: c.t(`表${n}\u3000按“${label}”分组`, `Table ${n}. By “${label}”`) },
    {
      kind: 'table',
      columns: [
        col(c.t('量表', 'Scale'), 0.3, 'left'),
        ...b.groups.map((g) => col(g.label[c.lang], groupWidth, 'right')),
      ],
      rows: [
        [c.t('人数', 'People'), ...b.groups.map((g) => (g.n === null ? hidden(g) : String(g.n)))],
        ...scales.map((id) => [
          c.name(id),
          ...b.groups.map((g) => (g.means === null ? '—' : fixed(g.means[id]))),
        ]),
      ],
    },
    ...(complement
      ? [
          para(
            c.t(
              `注：为防止由合计和其他群体推算出不足${k}人群体的结果，按互补隐藏规则另隐去一个群体（标注“为防推算，不予显示”），该群体人数不少于${k}人。`,
              `Note: so that totals and the other groups cannot give back a group under ${k}, a second group of at least ${k} people is hidden beside it (marked “hidden so that totals do not reveal a group”).`,
            ),
          ),
        ]
      : []),
  ];
}

/** 六、说明: the instrument's validation, the methods, missing answers, what was not computed. */
function notes(c: Ctx, a: Analysis): ReportBlock[] {
  const { freeText } = thresholds(c.r.campaign);
  const lines = [
    validation(c),
    c.t(
      '因子结构采用探索性因子分析：按平行分析确定因子数，以最小残差法（minres）提取，oblimin斜交旋转；全问卷ω_h与ω_t经Schmid–Leiman变换求得。',
      'Structure: exploratory factor analysis, the number of factors by parallel analysis, minres extraction and oblimin rotation; the whole instrument’s ω_h and ω_t through the Schmid–Leiman transformation.',
    ),
    missing(c, a),
    c.r.openAnswers === null
      ? c.t(
          `答卷不足${freeText}份，文字意见不予汇总。`,
          `Fewer than ${freeText} answers: free text is not given.`,
        )
      : c.t(
          `文字意见共${c.r.openAnswers.reduce((s, q) => s + q.answers.length, 0)}条，未列入本报告，可在分析报告页面和Excel工作簿中查阅。`,
          `${c.r.openAnswers.reduce((s, q) => s + q.answers.length, 0)} free-text answers are not printed here; they are on the report page and in the Excel workbook.`,
        ),
    ...a.notes.map((x) => c.t(`${x.what}未能计算：${x.zh}`, `${x.what} not computed: ${x.en}`)),
  ];
  return [
    heading(c.t('六、说明', 'VI. Notes')),
    ...lines.map((line, i) => para(`${i + 1}.${c.t('', ' ')}${line}`)),
  ];
}

function validation(c: Ctx): string {
  const note = c.r.instrument.validationNote[c.lang];
  return c.r.instrument.validated
    ? c.t(
        `本次调查所用问卷已经实地检验。${note}`,
        `The instrument has been validated in the field. ${note}`,
      )
    : c.t(
        `本次调查所用问卷尚未经过实地检验，分析结果仅供参考。${note}`,
        `The instrument has not yet been validated in the field: read the figures as indicative only. ${note}`,
      );
}

function missing(c: Ctx, a: Analysis): string {
  return a.missing === 'pairwise'
    ? c.t(
        '缺失作答按成对删除（pairwise）处理：信度与相关系数使用每一对题目均有作答的答卷，量表得分取已答题目的均值；回归分析与配对t检验只使用所涉各项得分齐全的答卷（列表删除，listwise）。',
        'Missing answers: pairwise deletion — reliability and correlations use every respondent who answered both items of a pair, a scale score is the mean of the items answered; the regressions and the paired t test use only respondents with every score they need (listwise).',
      )
    : c.t(
        '缺失作答按列表删除（listwise）处理：只使用全部题目均有作答的答卷。',
        'Missing answers: listwise deletion — only respondents who answered every item are used.',
      );
}
