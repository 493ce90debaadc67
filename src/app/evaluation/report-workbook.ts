/**
 * A campaign's report as an Excel workbook (issue 12): every table of the report, one sheet each —
 * summary, scales (reliability), items, regressions, promoting and blocking factors, structure,
 * breakdowns and, at the free-text threshold, the open answers. Under k answers the workbook holds
 * the summary only, saying why. Headers in Chinese, or English; the read is logged as the report's.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Actor } from '../../domain/roles.js';
import type { Instrument, Text } from '../../evaluation/model.js';
import type { Lang } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { chinaStamp } from '../queries/workbook.js';
import { loadInstrument } from './instruments.js';
import { campaignReport, type CampaignReport } from './report.js';

type Cell = string | number | null;

export async function campaignWorkbook(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  lang: Lang,
): Promise<{ filename: string; stream: Readable }> {
  const report = await campaignReport(ctx, actor, campaignId);
  const { body: instrument } = await loadInstrument(ctx.store.db, report.campaign.instrumentId);
  const book = reportWorkbook(report, instrument, lang, ctx.now());
  const buffer = await book.xlsx.writeBuffer();
  const day = chinaStamp(ctx.now()).slice(0, 10);
  const filename = `${report.campaign.title}-${lang === 'zh' ? '分析报告' : 'report'}-${day}.xlsx`;
  return { filename, stream: Readable.from([Buffer.from(buffer)]) };
}

/** The workbook of a report; pure apart from building the file in memory. */
export function reportWorkbook(
  r: CampaignReport,
  instrument: Instrument,
  lang: Lang,
  at: Date,
): ExcelJS.Workbook {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const names = nameMap(instrument);
  const name = (id: string) => names.get(id)?.[lang] ?? id;
  const book = new ExcelJS.Workbook();
  book.creator = 'rongcuo';
  book.created = at;
  sheet(
    book,
    t('概况', 'Summary'),
    [t('项目', 'Item'), t('内容', 'Value')],
    summaryRows(r, lang, at),
    [28, 90],
  );
  const a = r.analysis;
  if (!a) return book;
  sheet(
    book,
    t('信度', 'Scales'),
    [
      t('量表', 'Scale'),
      'n',
      t('均值', 'Mean'),
      t('标准差', 'SD'),
      t('95%下限', 'CI low'),
      t('95%上限', 'CI high'),
      'α',
      t('标准化α', 'Std α'),
      t('平均相关', 'Mean r'),
      'ω_t',
    ],
    a.factors.map((f) => [
      name(f.id),
      f.n,
      f.mean,
      f.description?.sd ?? null,
      f.description?.ci95[0] ?? null,
      f.description?.ci95[1] ?? null,
      f.alpha,
      f.alphaStd,
      f.averageR,
      f.omegaTotal,
    ]),
  );
  const itemText = itemTexts(instrument);
  sheet(
    book,
    t('题目', 'Items'),
    [
      t('量表', 'Scale'),
      t('题号', 'Item'),
      t('题目', 'Text'),
      t('反向', 'Reversed'),
      'n',
      t('均值', 'Mean'),
      t('标准差', 'SD'),
      t('题总相关', 'Item–rest r'),
      t('删除后α', 'α if dropped'),
      t('删除后标准化α', 'Std α if dropped'),
    ],
    a.factors.flatMap((f) =>
      f.itemFigures.map((i) => [
        name(f.id),
        i.id,
        itemText.get(i.id)?.[lang] ?? '',
        i.reversed ? t('是', 'yes') : '',
        i.n,
        i.mean,
        i.sd,
        i.itemRest,
        i.alphaIfDropped,
        i.alphaStdIfDropped,
      ]),
    ),
    [20, 18, 50],
  );
  sheet(
    book,
    t('回归', 'Regressions'),
    [
      t('因变量', 'Outcome'),
      t('自变量', 'Predictor'),
      'B',
      t('标准误', 'SE'),
      'β',
      't',
      'p',
      t('95%下限', 'CI low'),
      t('95%上限', 'CI high'),
      'n',
      'R²',
      t('调整R²', 'Adj. R²'),
    ],
    a.regressions.flatMap(({ outcome, result }) =>
      result.coefficients.map((c) => [
        name(outcome),
        c.name === '(Intercept)' ? t('（常数项）', '(intercept)') : name(c.name),
        c.b,
        c.se,
        c.beta,
        c.t,
        c.p,
        c.ci95[0],
        c.ci95[1],
        result.n,
        result.r2,
        result.adjR2,
      ]),
    ),
  );
  const role = {
    promoting: t('促进', 'promoting'),
    blocking: t('阻碍', 'blocking'),
    neutral: t('未见显著作用', 'no clear effect'),
  };
  const level = {
    high: t('高于中点', 'above midpoint'),
    low: t('低于中点', 'below midpoint'),
    middle: t('接近中点', 'at midpoint'),
  };
  sheet(
    book,
    t('促进与阻碍因素', 'Factors'),
    [
      t('因素', 'Factor'),
      t('作用', 'Role'),
      t('评价水平', 'Level'),
      t('对信心的β', 'β on optimism'),
      'p',
      t('对担当意愿的β', 'β on willingness'),
      'p',
    ],
    a.ranking.map((k) => {
      const on = (o: string) => k.betas.find((b) => b.outcome === o);
      return [
        name(k.id),
        role[k.role],
        level[k.level],
        on('optimism')?.beta ?? null,
        on('optimism')?.p ?? null,
        on('willingness')?.beta ?? null,
        on('willingness')?.p ?? null,
      ];
    }),
  );
  if (a.structure) {
    sheet(
      book,
      t('结构', 'Structure'),
      [
        t('题号', 'Item'),
        t('主要负荷的探索性因子', 'Main exploratory factor'),
        t('负荷', 'Loading'),
      ],
      a.structure.primary.map((p) => [p.item, p.factor, p.loading]),
    );
  }
  const scaleIds = a.factors.map((f) => f.id);
  sheet(
    book,
    t('分组', 'Breakdowns'),
    [t('分组依据', 'By'), t('组别', 'Group'), 'n', ...scaleIds.map(name)],
    r.breakdowns.flatMap((b) =>
      b.groups.map((g) => [
        b.label[lang],
        g.label[lang],
        g.n ??
          t(
            `不足${r.campaign.thresholdK}人，不予显示`,
            `under ${r.campaign.thresholdK}, not shown`,
          ),
        ...scaleIds.map((id) => g.means?.[id] ?? null),
      ]),
    ),
  );
  if (r.openAnswers) {
    sheet(
      book,
      t('开放题', 'Open answers'),
      [t('问题', 'Question'), t('回答', 'Answer')],
      r.openAnswers.flatMap((q) => q.answers.map((ans) => [q.text[lang], ans])),
      [40, 90],
    );
  }
  return book;
}

function summaryRows(r: CampaignReport, lang: Lang, at: Date): Cell[][] {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const c = r.campaign;
  const rows: Cell[][] = [
    [t('问卷调查', 'Campaign'), c.title],
    [t('辖区', 'Jurisdiction'), c.jurisdiction.name[lang]],
    [t('起止日期', 'Open'), `${c.opensOn} ~ ${c.closesOn}`],
    [t('邀请人数', 'Invited'), c.invitedCount],
    [t('有效答卷', 'Answers'), r.n],
    [t('报告门槛', 'Threshold k'), c.thresholdK],
    [t('量表', 'Instrument'), r.instrument.id],
    [t('量表检验情况', 'Validation'), r.instrument.validationNote[lang]],
    [t('生成时间', 'Made'), `${chinaStamp(at)}${t('（北京时间）', ' (China time)')}`],
  ];
  const a = r.analysis;
  if (!a) {
    rows.push([
      t('说明', 'Note'),
      t(
        `答卷不足 ${c.thresholdK} 份，不予分析。`,
        `Fewer than ${c.thresholdK} answers: no figures are given.`,
      ),
    ]);
    return rows;
  }
  rows.push(['ω_h', a.omegaH], ['ω_t', a.omegaTotal]);
  if (a.structure)
    rows.push([t('平行分析建议因子数', 'Factors by parallel analysis'), a.structure.nFactors]);
  if (a.gap) {
    rows.push(
      [t('支持与信心之差（均值差）', 'Support minus optimism (mean difference)'), a.gap.meanDiff],
      [
        t('配对t检验', 'Paired t test'),
        `t(${a.gap.df}) = ${a.gap.t.toFixed(2)}, p = ${a.gap.p < 0.001 ? '< 0.001' : a.gap.p.toFixed(3)}, d_z = ${a.gap.dz.toFixed(2)}`,
      ],
    );
  }
  for (const n of a.notes) rows.push([t('未能计算', 'Not computed'), `${n.what}: ${n[lang]}`]);
  return rows;
}

function sheet(
  book: ExcelJS.Workbook,
  title: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  widths: readonly number[] = [],
): void {
  const ws = book.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h, i) => ({
    header: h,
    key: String(i),
    width: widths[i] ?? Math.max(12, h.length * 2),
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows)
    ws.addRow(row.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
}

/** The name of every scale (factor or outcome) of an instrument, by id. */
export function nameMap(instrument: Instrument): Map<string, Text> {
  const names = new Map<string, Text>();
  for (const d of instrument.dimensions) for (const f of d.factors) names.set(f.id, f.name);
  for (const o of instrument.outcomes) names.set(o.id, o.name);
  return names;
}

function itemTexts(instrument: Instrument): Map<string, Text> {
  const texts = new Map<string, Text>();
  for (const d of instrument.dimensions)
    for (const f of d.factors) for (const i of f.items) texts.set(i.id, i.text);
  for (const o of instrument.outcomes) for (const i of o.items) texts.set(i.id, i.text);
  return texts;
}
