/**
 * The support–optimism gap (seed 000: the mechanism is applauded but not trusted): the means of
 * support, optimism and willingness to act with their 95 % confidence intervals as bars with error
 * bars, the same figures as a table, and the paired t-test of support against optimism in words.
 */
import { Card, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../../components/Chart';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { errorBars } from './charts';
import {
  effectSize,
  fixed,
  interval,
  OUTCOME_ORDER,
  pValue,
  type Analysis,
  type FactorFigures,
  type Names,
} from './model';
import { Scroll } from './Scroll';

type Row = { id: string; name: string; figures: FactorFigures };

export function GapSection({ analysis, names }: { analysis: Analysis; names: Names }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = useMemo<Row[]>(
    () =>
      OUTCOME_ORDER.flatMap((id) => {
        const figures = analysis.factors.find((f) => f.id === id);
        return figures ? [{ id, name: pick(names.scales.get(id), lang) || id, figures }] : [];
      }),
    [analysis, names, lang],
  );
  const option = useMemo<ChartOption>(
    () => gapOption(rows, analysis.scale, t),
    [rows, analysis, t],
  );
  return (
    <Card
      title={<h2 className="rc-card-title">{t('evaluationReport.gap.title')}</h2>}
      data-testid="gap-section"
    >
      <Typography.Paragraph data-testid="gap-test">
        <GapSentence analysis={analysis} names={names} />
      </Typography.Paragraph>
      <Chart
        option={option}
        label={t('evaluationReport.gap.chartLabel')}
        height={280}
        testId="chart-gap"
      />
      <Scroll label={t('evaluationReport.gap.title')}>
        <Table<Row>
          size="small"
          rowKey="id"
          pagination={false}
          data-testid="table-gap"
          dataSource={rows}
          columns={[
            { title: t('evaluationReport.col.scale'), key: 'name', dataIndex: 'name' },
            { title: 'n', key: 'n', align: 'right', render: (_: unknown, r) => r.figures.n },
            {
              title: t('evaluationReport.col.mean'),
              key: 'mean',
              align: 'right',
              render: (_: unknown, r) => fixed(r.figures.mean),
            },
            {
              title: t('evaluationReport.col.sd'),
              key: 'sd',
              align: 'right',
              render: (_: unknown, r) => fixed(r.figures.description?.sd),
            },
            {
              title: t('evaluationReport.col.ci'),
              key: 'ci',
              render: (_: unknown, r) =>
                r.figures.description ? interval(r.figures.description.ci95) : '—',
            },
          ]}
        />
      </Scroll>
    </Card>
  );
}

function gapOption(
  rows: readonly Row[],
  scale: Analysis['scale'],
  t: (key: string) => string,
): ChartOption {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.name) },
    yAxis: { type: 'value', min: scale.min, max: scale.max, interval: 1 },
    series: [
      {
        type: 'bar',
        name: t('evaluationReport.col.mean'),
        barMaxWidth: 64,
        itemStyle: { color: '#1f4e8c' },
        data: rows.map((r) => (r.figures.mean === null ? null : Number(r.figures.mean.toFixed(2)))),
        label: {
          show: true,
          position: 'insideBottom',
          color: '#ffffff',
          formatter: (p: { value: unknown }) => fixed(Number(p.value)),
        },
      },
      {
        type: 'custom',
        name: t('evaluationReport.col.ci'),
        renderItem: errorBars(false),
        z: 10,
        encode: { x: 0, y: [1, 2] },
        data: rows.flatMap((r, i) =>
          r.figures.description ? [[i, ...r.figures.description.ci95]] : [],
        ),
      },
    ],
  };
}

/** The paired test of support against optimism, in words: difference, CI, t, p, d_z. */
function GapSentence({ analysis, names }: { analysis: Analysis; names: Names }) {
  const { t } = useTranslation();
  const lang = useLang();
  const gap = analysis.gap;
  if (gap === null) return <>{t('evaluationReport.gap.none')}</>;
  const support = pick(names.scales.get('support'), lang);
  const optimism = pick(names.scales.get('optimism'), lang);
  return (
    <>
      {t(gap.meanDiff >= 0 ? 'evaluationReport.gap.higher' : 'evaluationReport.gap.lower', {
        support,
        optimism,
        diff: fixed(Math.abs(gap.meanDiff)),
        ci: interval(gap.ci95),
        n: gap.n,
      })}{' '}
      {t('evaluationReport.gap.test', {
        df: fixed(gap.df, 0),
        t: fixed(gap.t),
        p: pValue(gap.p),
        dz: fixed(gap.dz),
      })}{' '}
      {t(
        gap.p < 0.05 ? 'evaluationReport.gap.significant' : 'evaluationReport.gap.notSignificant',
        {
          size: t(`evaluationReport.effect.${effectSize(gap.dz)}`),
        },
      )}
    </>
  );
}
