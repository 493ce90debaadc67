/**
 * 结果运用台账 (Result applications): for the organization department's liaison, committee chairs,
 * auditors and administrators, the determinations in force with what they leave unaffected and
 * until when an impact period runs (GET /api/results, keyset pages), filtered by jurisdiction, unit
 * (each with what lies under it) and the day decided; the same rows downloaded as an Excel
 * workbook, CSV or the appointment form's LRMX data (GET /api/results/export). The filters live in
 * the address, so a filtered ledger can be reloaded or shared; the cursors of the pages before
 * this one travel in the history entry's state, as on the case list.
 */
import { Button, Card, DatePicker, Empty, Form, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { NO_PLACES, PlaceTree } from '../../components/PlaceTree';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { ResultFilterOptions, ResultItem, ResultsPage } from '../../../../src/api/index.js';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TAG } from '../../components/tagColors';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { DEFAULT_PAGE_SIZE, RESULT_FORMATS } from '../../shared';
import { useApi } from '../../useApi';
import './results.css';

/** The filters the address keeps, in the API's names. */
const FILTER_KEYS = ['jurisdiction', 'unit', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

function filtersOf(params: URLSearchParams): Filters {
  const out: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

export default function Results() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const before = ((location.state as { cursors?: string[] } | null)?.cursors ?? []).filter(
    (c) => typeof c === 'string',
  );
  const filters = filtersOf(params);
  const cursor = params.get('cursor') ?? '';
  const query = new URLSearchParams(filters);
  const exportQuery = new URLSearchParams(filters);
  exportQuery.set('lang', lang);
  if (cursor) query.set('cursor', cursor);
  query.set('pageSize', String(DEFAULT_PAGE_SIZE));
  const result = useApi<ResultsPage>(`/api/results?${query.toString()}`);
  const filtered = Object.keys(filters).length > 0;

  /** Goes to the page at `to` (a cursor, '' for the first), keeping the cursors before it. */
  const goTo = (to: string, cursors: string[]) => {
    const next = new URLSearchParams(params);
    if (to) next.set('cursor', to);
    else next.delete('cursor');
    setParams(next, { state: { cursors } });
  };
  const apply = (f: Filters) => setParams(new URLSearchParams(f as Record<string, string>));

  const columns: TableColumnsType<ResultItem> = [
    {
      title: t('results.columns.official'),
      key: 'official',
      width: 130,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/officials/${r.official.id}`}>{r.official.name}</Link>
          <Link to={`/cases/${r.caseId}`}>
            <Typography.Text type="secondary">{r.caseNumber}</Typography.Text>
          </Link>
        </Space>
      ),
    },
    {
      title: t('results.columns.unit'),
      key: 'unit',
      width: 150,
      render: (_: unknown, r) => pick(r.unit.name, lang),
    },
    {
      title: t('results.columns.outcome'),
      key: 'outcome',
      width: 150,
      render: (_: unknown, r) => <Tag color={TAG.info}>{pick(r.outcomeLabel, lang)}</Tag>,
    },
    {
      title: t('results.columns.decidedOn'),
      key: 'decidedOn',
      dataIndex: 'decidedOn',
      width: 110,
      className: 'rc-nowrap',
    },
    {
      title: t('results.columns.unaffected'),
      key: 'unaffected',
      width: 300,
      render: (_: unknown, r) => {
        const matters = r.application?.unaffected ?? [];
        return matters.length === 0 ? (
          <Typography.Text type="secondary">{t('results.none')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {matters.map((m) => (
              <Tag key={m.id} color={TAG.success}>
                {pick(m.label, lang)}
              </Tag>
            ))}
          </Space>
        );
      },
    },
    {
      title: t('results.columns.impactEnds'),
      key: 'impactEnds',
      width: 120,
      className: 'rc-nowrap',
      render: (_: unknown, r) =>
        r.application?.impactPeriod?.endsOn ?? (
          <Typography.Text type="secondary">{t('results.noImpactPeriod')}</Typography.Text>
        ),
    },
    {
      title: t('results.columns.documentNumber'),
      key: 'documentNumber',
      dataIndex: 'documentNumber',
      width: 170,
    },
  ];

  return (
    <section className="rc-results" data-testid="results">
      <Typography.Title level={3}>{t('results.heading')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('results.intro')}</Typography.Paragraph>
      <ResultFilters filters={filters} onApply={apply} />
      <Card
        title={t('results.table')}
        className="rc-results-card"
        extra={
          <Space wrap>
            {RESULT_FORMATS.map((f) => (
              <Button
                key={f}
                href={`/api/results/export?${new URLSearchParams([...exportQuery, ['format', f]]).toString()}`}
                data-testid={`results-export-${f}`}
                title={t('results.export.hint')}
                type={f === 'xlsx' ? 'primary' : 'default'}
              >
                {t(`results.export.${f}`)}
              </Button>
            ))}
          </Space>
        }
      >
        {result.status === 'error' ? (
          <ErrorAlert error={result.error} title={t('results.loadFailed')} />
        ) : (
          <Table<ResultItem>
            rowKey="caseId"
            data-testid="results-table"
            loading={result.status === 'loading'}
            columns={columns}
            dataSource={result.status === 'ok' ? [...result.data.items] : []}
            locale={{
              emptyText: (
                <Empty description={filtered ? t('results.emptyFiltered') : t('results.empty')} />
              ),
            }}
            pagination={false}
            scroll={{ x: 1130 }}
          />
        )}
        {result.status === 'ok' && (
          <Space className="rc-results-pages" wrap>
            <Typography.Text data-testid="results-shown">
              {t('results.shown', { count: result.data.items.length })}
            </Typography.Text>
            {cursor && (
              <Button onClick={() => goTo('', [])} data-testid="results-first">
                {t('results.firstPage')}
              </Button>
            )}
            {cursor && (
              <Button onClick={() => goTo(before.at(-1) ?? '', before.slice(0, -1))}>
                {t('results.previousPage')}
              </Button>
            )}
            {result.data.nextCursor && (
              <Button
                onClick={() => goTo(result.data.nextCursor ?? '', [...before, cursor])}
                data-testid="results-next"
              >
                {t('results.nextPage')}
              </Button>
            )}
          </Space>
        )}
      </Card>
    </section>
  );
}

interface FilterValues {
  jurisdiction?: string;
  unit?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The filter bar: jurisdiction and unit tree pickers and the period decided; applied on Search. */
function ResultFilters(props: {
  readonly filters: Filters;
  readonly onApply: (f: Filters) => void;
}) {
  const { t } = useTranslation();
  const options = useApi<ResultFilterOptions>('/api/results/filters');
  const data = options.status === 'ok' ? options.data : null;
  const { filters } = props;
  const [form] = Form.useForm<FilterValues>();
  const chosenJurisdiction = Form.useWatch('jurisdiction', form);
  const initial: FilterValues = {
    jurisdiction: filters.jurisdiction,
    unit: filters.unit,
    range:
      filters.from || filters.to
        ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
        : null,
  };
  // The units of the chosen jurisdiction and the jurisdictions under it (kept between renders:
  // see PlaceTree).
  const unitsShown = useMemo(() => {
    if (!data) return NO_PLACES;
    if (!chosenJurisdiction) return data.units;
    const ids = new Set([chosenJurisdiction]);
    for (const j of data.jurisdictions) if (j.parentId && ids.has(j.parentId)) ids.add(j.id);
    return data.units.filter((u) => ids.has(u.jurisdictionId));
  }, [data, chosenJurisdiction]);
  const submit = (v: FilterValues) => {
    const [start, end] = v.range ?? [null, null];
    const out: Filters = {};
    if (v.jurisdiction) out.jurisdiction = v.jurisdiction;
    if (v.unit) out.unit = v.unit;
    if (start) out.from = start.format('YYYY-MM-DD');
    if (end) out.to = end.format('YYYY-MM-DD');
    props.onApply(out);
  };
  return (
    <Form<FilterValues>
      form={form}
      layout="inline"
      className="rc-find rc-results-filters"
      aria-label={t('results.filters.title')}
      key={JSON.stringify(filters)}
      initialValues={initial}
      onFinish={submit}
    >
      <Form.Item name="jurisdiction" label={t('results.filters.jurisdiction')}>
        <PlaceTree
          allowClear
          className="rc-results-jurisdiction"
          data-testid="results-jurisdiction"
          placeholder={t('results.filters.jurisdictionPlaceholder')}
          loading={options.status === 'loading'}
          places={data?.jurisdictions ?? NO_PLACES}
          onChange={() => form.setFieldValue('unit', undefined)}
        />
      </Form.Item>
      <Form.Item
        name="unit"
        label={t('results.filters.unit')}
        extra={data?.unitsCapped ? t('results.filters.unitsCapped') : undefined}
      >
        <PlaceTree
          allowClear
          className="rc-results-unit"
          data-testid="results-unit"
          placeholder={t('results.filters.unitPlaceholder')}
          loading={options.status === 'loading'}
          places={unitsShown}
        />
      </Form.Item>
      <Form.Item name="range" label={t('results.filters.period')}>
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          className="rc-results-range"
          placeholder={[t('results.filters.rangeStart'), t('results.filters.rangeEnd')]}
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="results-submit">
            {t('results.filters.submit')}
          </Button>
          <Button onClick={() => props.onApply({})} data-testid="results-reset">
            {t('results.filters.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
