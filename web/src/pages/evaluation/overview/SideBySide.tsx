/**
 * The jurisdictions side by side for a chosen year: a table of every scale's mean (rows) in each
 * survey opened that year (columns, by jurisdiction), coloured from red below the scale's midpoint
 * to blue above it as the report's model is; the gap and the number of answers; a survey under its
 * threshold shows its number of answers and the threshold sentence, never a score. The same means
 * as bars beside it.
 */
import { Card, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Chart } from '../../../components/Chart';
import { useLang } from '../../../lang';
import { divergingColour, fixed, midpoint } from '../report/model';
import { Scroll } from '../report/Scroll';
import { compareOption } from './charts';
import {
  columnLabels,
  wavesOfYear,
  yearsWithFigures,
  type InstrumentBody,
  type Series,
  type Wave,
} from './model';

type Row =
  | { readonly key: 'n'; readonly label: string }
  | { readonly key: 'gap'; readonly label: string }
  | { readonly key: string; readonly label: string; readonly scale: string };

export interface SideBySideProps {
  readonly waves: readonly Wave[];
  readonly scales: readonly Series[];
  readonly gapName: string;
  readonly instruments: readonly InstrumentBody[];
  readonly range: { readonly min: number; readonly max: number };
}

export function SideBySide(props: SideBySideProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const years = useMemo(() => yearsWithFigures(props.waves), [props.waves]);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const year = chosen ?? years[0];
  const waves = useMemo(
    () => (year === undefined ? [] : wavesOfYear(props.waves, year)),
    [props.waves, year],
  );
  const labels = useMemo(() => columnLabels(waves, lang), [waves, lang]);
  const option = useMemo(
    () =>
      compareOption(
        waves.flatMap((wave, i) => (wave.row.reportable ? [{ wave, label: labels[i]! }] : [])),
        props.scales,
        props.range,
      ),
    [waves, labels, props.scales, props.range],
  );
  const title = <h3 className="rc-card-title">{t('evaluationOverview.compare.title')}</h3>;
  if (year === undefined) {
    return (
      <Card title={title} data-testid="compare">
        <Typography.Paragraph type="secondary">
          {t('evaluationOverview.compare.none')}
        </Typography.Paragraph>
      </Card>
    );
  }
  return (
    <Card title={title} data-testid="compare">
      <div className="rc-overview-year">
        <label htmlFor="rc-overview-year">{t('evaluationOverview.compare.year')}</label>
        <Select
          id="rc-overview-year"
          data-testid="compare-year"
          value={year}
          onChange={setChosen}
          options={years.map((y) => ({
            value: y,
            label: t('evaluationOverview.compare.yearValue', { year: y }),
          }))}
        />
      </div>
      <Typography.Paragraph>
        {t('evaluationOverview.compare.intro', {
          year,
          min: props.range.min,
          max: props.range.max,
          mid: midpoint(props.range),
        })}
      </Typography.Paragraph>
      <Scroll label={t('evaluationOverview.compare.tableLabel', { year })}>
        <CompareTable {...props} waves={waves} labels={labels} />
      </Scroll>
      <Chart
        option={option}
        label={t('evaluationOverview.compare.chartLabel', { year })}
        height={60 + props.scales.length * (10 + 14 * Math.max(1, waves.length))}
        testId="chart-compare"
      />
    </Card>
  );
}

function CompareTable(props: SideBySideProps & { readonly labels: readonly string[] }) {
  const { t } = useTranslation();
  const rows: Row[] = [
    { key: 'n', label: t('evaluationOverview.col.n') },
    ...props.scales.map((s) => ({ key: `scale:${s.id}`, label: s.name, scale: s.id })),
    { key: 'gap', label: props.gapName },
  ];
  const scaleOf = new Map(props.instruments.map((i) => [i.id, i.scale]));
  const columns: TableColumnsType<Row> = [
    {
      title: t('evaluationOverview.col.scale'),
      key: 'label',
      fixed: 'left',
      width: 150,
      render: (_, r) => r.label,
    },
    ...props.waves.map((w, i) => ({
      title: <ColumnHead wave={w} label={props.labels[i]!} />,
      key: w.row.campaignId,
      align: 'right' as const,
      // Under k, one cell down the figures says why they are not shown.
      onCell: (r: Row, at?: number) =>
        w.row.reportable || r.key === 'n' ? {} : { rowSpan: at === 1 ? rows.length - 1 : 0 },
      render: (_: unknown, r: Row) => (
        <Cell wave={w} row={r} scale={scaleOf.get(w.row.instrumentId)} />
      ),
    })),
  ];
  return (
    <Table<Row>
      size="small"
      bordered
      rowKey="key"
      pagination={false}
      data-testid="compare-table"
      // Columns keep their width on a phone: the box scrolls instead.
      style={{ minWidth: 150 + 130 * props.waves.length }}
      dataSource={rows}
      columns={columns}
    />
  );
}

function ColumnHead({ wave, label }: { readonly wave: Wave; readonly label: string }) {
  const { t } = useTranslation();
  return (
    <span className="rc-overview-col-head">
      <span>{label}</span>
      <Link
        to={`/evaluation/campaigns/${wave.row.campaignId}/report`}
        aria-label={t('evaluationOverview.compare.reportOf', { title: wave.row.title })}
      >
        {t('evaluationOverview.compare.report')}
      </Link>
    </span>
  );
}

function Cell(props: {
  readonly wave: Wave;
  readonly row: Row;
  readonly scale: { readonly min: number; readonly max: number } | undefined;
}) {
  const { t } = useTranslation();
  const { wave, row, scale } = props;
  if (row.key === 'n') return <span className="rc-overview-num">{wave.row.n}</span>;
  if (!wave.row.reportable) {
    return (
      <span className="rc-overview-hidden" data-testid="compare-hidden">
        {t('evaluationReport.breakdowns.hidden', { k: wave.k })}
      </span>
    );
  }
  if (!('scale' in row)) return <span className="rc-overview-num">{fixed(wave.row.gap)}</span>;
  const mean = wave.row.means?.[row.scale];
  if (mean == null || scale === undefined) return <span>{fixed(mean)}</span>;
  const { ground, text } = divergingColour(mean, scale);
  return (
    <span className="rc-overview-cell" style={{ background: ground, color: text }}>
      {fixed(mean)}
    </span>
  );
}
