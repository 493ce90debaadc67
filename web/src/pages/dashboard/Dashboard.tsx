/**
 * The managers' dashboard (GET /api/dashboard): open cases by step, overdue work with the most
 * overdue cases, and decisions by month and outcome, over the cases in the user's scope. Each
 * chart has its figures beside it as a table, for screen readers and for reading exact numbers.
 */
import type { Locale } from '../../shared';
import {
  Button,
  Card,
  Col,
  Empty,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Chart, type ChartOption } from '../../components/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { DashboardData } from '../../types';
import './dashboard.css';
import { useApi } from '../../useApi';

const MONTH_CHOICES = [6, 12, 24] as const;
type OverdueItem = DashboardData['overdue']['items'][number];

/** Colours with enough contrast against white for bars next to each other. */
const PALETTE = ['#1f4e8c', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207'];

export default function Dashboard() {
  const { t } = useTranslation();
  const lang = useLang();
  const [months, setMonths] = useState<number>(12);
  const result = useApi<DashboardData>(`/api/dashboard?months=${months}`);
  const data = result.status === 'ok' ? result.data : null;

  return (
    <section className="rc-dashboard">
      <Typography.Title level={3}>{t('dashboard.heading')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {data ? t('dashboard.intro', { today: data.today }) : t('common.loading')}
      </Typography.Paragraph>
      {result.status === 'error' ? (
        <ErrorAlert error={result.error} title={t('dashboard.loadFailed')} />
      ) : (
        <Space orientation="vertical" size="large" className="rc-full-width">
          <Totals data={data} months={months} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <OpenByStep data={data} />
            </Col>
            <Col xs={24} xl={12}>
              <Overdue data={data} />
            </Col>
          </Row>
          <Outcomes data={data} months={months} onMonths={setMonths} lang={lang} />
        </Space>
      )}
    </section>
  );
}

function Totals({ data, months }: { data: DashboardData | null; months: number }) {
  const { t } = useTranslation();
  const items = [
    { key: 'open', title: t('dashboard.totals.open'), value: data?.totals.open },
    { key: 'overdue', title: t('dashboard.totals.overdue'), value: data?.totals.overdue },
    { key: 'suspended', title: t('dashboard.totals.suspended'), value: data?.totals.suspended },
    {
      key: 'decided',
      title: t('dashboard.totals.decided', { count: months }),
      value: data?.totals.decided,
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {items.map((i) => (
        <Col xs={12} md={6} key={i.key}>
          <Card>
            <Statistic
              title={i.title}
              value={i.value ?? 0}
              loading={data === null}
              data-testid={`total-${i.key}`}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function OpenByStep({ data }: { data: DashboardData | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = data?.openByStep ?? [];
  const option = useMemo<ChartOption>(
    () => ({
      color: PALETTE,
      aria: { enabled: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => pick(r.label, lang)),
      },
      series: [
        {
          type: 'bar',
          name: t('dashboard.byStep.count'),
          data: rows.map((r) => r.count),
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [rows, lang, t],
  );
  return (
    <Card title={<h2 className="rc-card-title">{t('dashboard.byStep.title')}</h2>}>
      {data !== null && rows.length === 0 ? (
        <Empty description={t('dashboard.byStep.empty')} />
      ) : (
        <>
          <Chart
            option={option}
            label={t('dashboard.byStep.chartLabel')}
            height={Math.max(160, rows.length * 40 + 40)}
            testId="chart-by-step"
          />
          <Table
            size="small"
            rowKey="step"
            data-testid="table-by-step"
            loading={data === null}
            pagination={false}
            dataSource={[...rows]}
            columns={[
              {
                title: t('dashboard.byStep.step'),
                key: 'step',
                render: (_: unknown, r) => pick(r.label, lang),
              },
              {
                title: t('dashboard.byStep.count'),
                dataIndex: 'count',
                key: 'count',
                align: 'right',
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function Overdue({ data }: { data: DashboardData | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const items = data?.overdue.items ?? [];
  const columns: TableColumnsType<OverdueItem> = [
    {
      title: t('dashboard.overdue.case'),
      key: 'case',
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/cases/${c.id}`}>{c.number}</Link>
          <Typography.Text>{c.title}</Typography.Text>
        </Space>
      ),
    },
    { title: t('dashboard.overdue.official'), dataIndex: 'official', key: 'official' },
    {
      title: t('dashboard.overdue.step'),
      key: 'step',
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          <span>{pick(c.stepLabel, lang)}</span>
          <Typography.Text type="secondary">
            {t('dashboard.overdue.dueOn', { date: c.stepDueOn })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('dashboard.overdue.days'),
      dataIndex: 'workingDaysOverdue',
      key: 'days',
      align: 'right',
      render: (n: number) => (
        <strong className="rc-overdue-days">
          {t('dashboard.overdue.daysValue', { count: n })}
        </strong>
      ),
    },
  ];
  const hidden = data !== null && data.overdue.count > 0 && items.length === 0;
  return (
    <Card
      title={<h2 className="rc-card-title">{t('dashboard.overdue.title')}</h2>}
      extra={
        data && data.overdue.count > 0 && !hidden ? (
          <Link to="/cases?due=overdue">{t('dashboard.overdue.all')}</Link>
        ) : null
      }
    >
      <Typography.Paragraph data-testid="overdue-count">
        {data ? t('dashboard.overdue.count', { count: data.overdue.count }) : ''}
      </Typography.Paragraph>
      {hidden ? (
        <Typography.Paragraph type="secondary">
          {t('dashboard.overdue.notListed')}
        </Typography.Paragraph>
      ) : (
        <Table<OverdueItem>
          size="small"
          rowKey="id"
          data-testid="table-overdue"
          loading={data === null}
          pagination={false}
          dataSource={[...items]}
          columns={columns}
          scroll={{ x: 560 }}
          locale={{ emptyText: <Empty description={t('dashboard.overdue.empty')} /> }}
        />
      )}
    </Card>
  );
}

function Outcomes({
  data,
  months,
  onMonths,
  lang,
}: {
  data: DashboardData | null;
  months: number;
  onMonths: (n: number) => void;
  lang: Locale;
}) {
  const { t } = useTranslation();
  const m = data?.outcomesByMonth;
  const option = useMemo<ChartOption>(
    () => ({
      color: PALETTE,
      aria: { enabled: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: m ? [...m.months] : [] },
      yAxis: { type: 'value', minInterval: 1 },
      series: (m?.outcomes ?? []).map((o, i) => ({
        type: 'bar',
        stack: 'outcomes',
        name: pick(o.label, lang),
        data: [...(m?.counts[i] ?? [])],
        emphasis: { focus: 'series' },
      })),
    }),
    [m, lang],
  );
  type Row = { month: string } & Record<string, number | string>;
  const rows: Row[] = (m?.months ?? []).map((month, j) => {
    const row: Row = { month };
    m?.outcomes.forEach((o, i) => (row[o.id] = m.counts[i]?.[j] ?? 0));
    return row;
  });
  const total = data?.totals.decided ?? 0;
  return (
    <Card
      title={<h2 className="rc-card-title">{t('dashboard.outcomes.title')}</h2>}
      extra={
        <Segmented<number>
          aria-label={t('dashboard.outcomes.period')}
          value={months}
          onChange={onMonths}
          options={MONTH_CHOICES.map((n) => ({
            value: n,
            label: t('dashboard.outcomes.months', { count: n }),
          }))}
        />
      }
    >
      {data !== null && total === 0 ? (
        <Empty description={t('dashboard.outcomes.empty', { count: months })}>
          {months < 24 ? (
            <Button onClick={() => onMonths(24)}>{t('dashboard.outcomes.longer')}</Button>
          ) : null}
        </Empty>
      ) : (
        <>
          <Chart
            option={option}
            label={t('dashboard.outcomes.chartLabel', { count: months })}
            testId="chart-outcomes"
          />
          <Table<Row>
            size="small"
            rowKey="month"
            data-testid="table-outcomes"
            loading={data === null}
            pagination={false}
            dataSource={rows.filter((r) => m?.outcomes.some((o) => Number(r[o.id]) > 0))}
            scroll={{ x: 480 }}
            columns={[
              { title: t('dashboard.outcomes.month'), dataIndex: 'month', key: 'month' },
              ...(m?.outcomes ?? []).map((o) => ({
                title: pick(o.label, lang),
                dataIndex: o.id,
                key: o.id,
                align: 'right' as const,
              })),
            ]}
          />
        </>
      )}
    </Card>
  );
}
