/**
 * A forest plot per outcome (optimism, willingness to act): each factor's regression coefficient b
 * with its 95 % confidence interval against a zero line, significant ones (p < 0.05) dark, the
 * model's R² and F above it, and every coefficient as a table (b, SE, CI, t, p, β) below it.
 */
import { Card, Col, Row, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../../components/Chart';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { errorBars } from './charts';
import {
  fixed,
  interval,
  pCell,
  pValue,
  type Analysis,
  type Names,
  type Regression,
} from './model';
import { Scroll } from './Scroll';

type Coefficient = Regression['result']['coefficients'][number] & { label: string };

const SIGNIFICANT = '#1f4e8c';
const NOT_SIGNIFICANT = '#767676';

export function ForestPlot({ analysis, names }: { analysis: Analysis; names: Names }) {
  const { t } = useTranslation();
  return (
    <Card
      title={<h2 className="rc-card-title">{t('evaluationReport.forest.title')}</h2>}
      data-testid="forest-section"
    >
      <Typography.Paragraph>{t('evaluationReport.forest.intro')}</Typography.Paragraph>
      {analysis.regressions.length === 0 ? (
        <Typography.Paragraph data-testid="forest-none">
          {t('evaluationReport.forest.none')}
        </Typography.Paragraph>
      ) : (
        <Row gutter={[24, 24]}>
          {analysis.regressions.map((r) => (
            <Col xs={24} xl={12} key={r.outcome}>
              <OutcomeForest regression={r} names={names} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}

function OutcomeForest({ regression, names }: { regression: Regression; names: Names }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { outcome, result } = regression;
  const outcomeName = pick(names.scales.get(outcome), lang) || outcome;
  const rows = useMemo<Coefficient[]>(
    () =>
      result.coefficients
        .filter((c) => c.beta !== null)
        .map((c) => ({ ...c, label: pick(names.scales.get(c.name), lang) || c.name })),
    [result, names, lang],
  );
  const option = useMemo<ChartOption>(() => forestOption(rows, t), [rows, t]);
  return (
    <section aria-labelledby={`forest-${outcome}`} data-testid={`forest-${outcome}`}>
      <h3 id={`forest-${outcome}`} className="rc-report-h3">
        {t('evaluationReport.forest.outcome', { outcome: outcomeName })}
      </h3>
      <Typography.Paragraph data-testid={`forest-fit-${outcome}`}>
        {t('evaluationReport.forest.fit', {
          n: result.n,
          r2: fixed(result.r2, 3),
          adjR2: fixed(result.adjR2, 3),
          f: fixed(result.f),
          df1: result.df.model,
          df2: result.df.residual,
          p: pValue(result.fP),
        })}
      </Typography.Paragraph>
      <Chart
        option={option}
        label={t('evaluationReport.forest.chartLabel', { outcome: outcomeName })}
        height={Math.max(200, rows.length * 34 + 60)}
        testId={`chart-forest-${outcome}`}
      />
      <Scroll label={t('evaluationReport.forest.outcome', { outcome: outcomeName })}>
        <Table<Coefficient>
          size="small"
          rowKey="name"
          pagination={false}
          data-testid={`table-forest-${outcome}`}
          dataSource={rows}
          columns={[
            { title: t('evaluationReport.col.factor'), key: 'label', dataIndex: 'label' },
            { title: 'b', key: 'b', align: 'right', render: (_: unknown, c) => fixed(c.b, 3) },
            { title: 'SE', key: 'se', align: 'right', render: (_: unknown, c) => fixed(c.se, 3) },
            {
              title: t('evaluationReport.col.ci'),
              key: 'ci',
              render: (_: unknown, c) => interval(c.ci95, 3),
            },
            { title: 't', key: 't', align: 'right', render: (_: unknown, c) => fixed(c.t) },
            { title: 'p', key: 'p', render: (_: unknown, c) => pCell(c.p) },
            {
              title: 'β',
              key: 'beta',
              align: 'right',
              render: (_: unknown, c) => fixed(c.beta, 3),
            },
          ]}
        />
      </Scroll>
    </section>
  );
}

function forestOption(rows: readonly Coefficient[], t: (key: string) => string): ChartOption {
  const colour = (c: Coefficient) => (c.p < 0.05 ? SIGNIFICANT : NOT_SIGNIFICANT);
  // The axis always holds zero (the line of no effect) and every interval, to a tenth.
  const lo = Math.floor(10 * Math.min(0, ...rows.map((r) => r.ci95[0]))) / 10;
  const hi = Math.ceil(10 * Math.max(0, ...rows.map((r) => r.ci95[1]))) / 10;
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'item' },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: lo, max: hi },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.label),
      axisLabel: { width: 150, overflow: 'truncate' },
    },
    series: [
      {
        type: 'custom',
        name: t('evaluationReport.col.ci'),
        renderItem: errorBars(true, '#404040'),
        encode: { x: [1, 2], y: 0 },
        data: rows.map((r, i) => [i, ...r.ci95]),
        tooltip: { show: false },
      },
      {
        type: 'scatter',
        name: 'b',
        symbolSize: 10,
        z: 10,
        data: rows.map((r, i) => ({
          value: [Number(r.b.toFixed(3)), i],
          itemStyle: { color: colour(r) },
        })),
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { type: 'dashed', color: '#595959' },
          data: [{ xAxis: 0 }],
        },
      },
    ],
  };
}
