/**
 * Each jurisdiction's surveys as a trend: its waves with figures as lines (the outcomes' means and
 * the support–optimism gap, by the day each opened), and every wave of it in a table beside the
 * chart — linked to its report, with its state and number of answers; a wave under its threshold
 * shows that number only.
 */
import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Chart } from '../../../components/Chart';
import { fixed } from '../report/model';
import { Scroll } from '../report/Scroll';
import { StateTag } from '../StateTag';
import { trendOption } from './charts';
import type { Series, Wave } from './model';

export interface TrendProps {
  readonly jurisdictionId: string;
  /** The jurisdiction's name in the language shown. */
  readonly jurisdiction: string;
  readonly waves: readonly Wave[];
  /** The outcomes' names, in the seed's order; the gap's column title. */
  readonly outcomes: readonly Series[];
  readonly gapName: string;
  readonly scale: { readonly min: number; readonly max: number } | null;
}

export function Trend(props: TrendProps) {
  const { t } = useTranslation();
  const { jurisdiction, waves, outcomes, gapName, scale } = props;
  const shown = useMemo(() => waves.filter((w) => w.row.reportable), [waves]);
  const option = useMemo(
    () =>
      scale === null
        ? null
        : trendOption(
            shown,
            outcomes,
            { name: gapName, axis: t('evaluationOverview.trend.gapAxis') },
            scale,
          ),
    [shown, outcomes, gapName, scale, t],
  );
  return (
    <Card
      title={
        <h3 className="rc-card-title">{t('evaluationOverview.trend.title', { jurisdiction })}</h3>
      }
      data-testid={`trend-${props.jurisdictionId}`}
    >
      {shown.length === 0 || option === null ? (
        <Typography.Paragraph type="secondary" data-testid="trend-none">
          {t('evaluationOverview.trend.noFigures')}
        </Typography.Paragraph>
      ) : (
        <Chart
          option={option}
          label={t('evaluationOverview.trend.chartLabel', { jurisdiction })}
          height={280}
          testId="chart-trend"
        />
      )}
      <Scroll label={t('evaluationOverview.trend.title', { jurisdiction })}>
        <WaveTable waves={waves} outcomes={outcomes} gapName={gapName} />
      </Scroll>
    </Card>
  );
}

function WaveTable(props: Pick<TrendProps, 'waves' | 'outcomes' | 'gapName'>) {
  const { t } = useTranslation();
  const figureCount = props.outcomes.length + 1;
  // Under k, one cell across the figures says why they are not shown.
  const figure = (first: boolean, value: (w: Wave) => number | null | undefined) => ({
    align: 'right' as const,
    onCell: (w: Wave) =>
      w.row.reportable || w.row.n === 0 ? {} : { colSpan: first ? figureCount : 0 },
    render: (_: unknown, w: Wave) =>
      // With no answer there is nothing to hide; under k the figures are withheld.
      w.row.reportable || w.row.n === 0 ? (
        <span className="rc-overview-num">{fixed(value(w))}</span>
      ) : (
        <span className="rc-overview-hidden" data-testid="wave-hidden">
          {t('evaluationReport.breakdowns.hidden', { k: w.k })}
        </span>
      ),
  });
  const columns: TableColumnsType<Wave> = [
    {
      title: t('evaluationOverview.col.campaign'),
      key: 'title',
      width: 220,
      render: (_, w) => (
        <Link to={`/evaluation/campaigns/${w.row.campaignId}/report`}>{w.row.title}</Link>
      ),
    },
    {
      title: t('evaluationOverview.col.opensOn'),
      key: 'opensOn',
      width: 110,
      className: 'rc-nowrap',
      render: (_, w) => w.row.opensOn,
    },
    {
      title: t('evaluationOverview.col.state'),
      key: 'state',
      width: 100,
      render: (_, w) => <StateTag campaign={w.row} />,
    },
    {
      title: t('evaluationOverview.col.n'),
      key: 'n',
      width: 80,
      align: 'right',
      render: (_, w) => <span className="rc-overview-num">{w.row.n}</span>,
    },
    ...props.outcomes.map((o, i) => ({
      title: o.name,
      key: o.id,
      ...figure(i === 0, (w) => w.row.means?.[o.id]),
    })),
    { title: props.gapName, key: 'gap', ...figure(false, (w) => w.row.gap) },
  ];
  return (
    <Table<Wave>
      size="small"
      rowKey={(w) => w.row.campaignId}
      pagination={false}
      data-testid="trend-table"
      className="rc-overview-trend-table"
      dataSource={[...props.waves]}
      columns={columns}
    />
  );
}
