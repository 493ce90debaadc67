/**
 * The work queue: the cases the user may read (GET /api/cases), with deadline badges; filters by
 * state, step, due status and route, a search over number, matter and official, and the order
 * (latest activity or nearest deadline), all kept in the address so that a filtered list can be
 * reloaded or shared; in keyset pages from the server (the address keeps the page's cursor; the
 * cursors of the pages before it travel in the history entry's state, for "previous page").
 */
import {
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useUser } from '../auth';
import { DueTag } from '../components/DueTag';
import { NO_PLACES, PlaceTree } from '../components/PlaceTree';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../format';
import { pick } from '../i18n';
import { useLang } from '../lang';
import type { CasePage, CaseSummary } from '../types';
import type { CaseFilterOptions } from '../../../src/api/index.js';
import {
  CASE_SORTS,
  CASE_DATE_FILTERS,
  CASE_STAFF_ROLES,
  CASE_STATES,
  CASE_STEPS,
  DEFAULT_PAGE_SIZE,
  DUE_FILTERS,
  EXPORT_MAX_ROWS,
  FINDING_KEYS,
  idCardProblem,
  normalizeIdCard,
  POST_FILTER_MAX,
  POST_FILTER_MIN,
  ROUTES,
  STATE_LABEL,
  STEP_LABEL,
  TEXT_LIMITS,
} from '../shared';
import { useApi } from '../useApi';

/** The due filters' labels. */
const DUE_LABEL: Readonly<Record<(typeof DUE_FILTERS)[number], string>> = {
  overdue: 'due.overdue',
  due_soon: 'due.dueSoon',
};

export default function CaseList() {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  /** The cursors of the pages before this one ('' for the first page). */
  const before = ((location.state as { cursors?: string[] } | null)?.cursors ?? []).filter(
    (c) => typeof c === 'string',
  );
  const state = (CASE_STATES as readonly string[]).includes(params.get('state') ?? '')
    ? params.get('state')
    : null;
  const due = (DUE_FILTERS as readonly string[]).includes(params.get('due') ?? '')
    ? params.get('due')
    : null;
  const oneOf = <T extends string>(list: readonly T[], key: string): T | null =>
    (list as readonly string[]).includes(params.get(key) ?? '') ? (params.get(key) as T) : null;
  const step = oneOf(CASE_STEPS, 'step');
  const route = oneOf(ROUTES, 'route');
  const sort = oneOf(CASE_SORTS, 'sort') ?? 'updated';
  const q = (params.get('q') ?? '').slice(0, TEXT_LIMITS.search.max);
  const cursor = params.get('cursor') ?? '';
  const finding = findingOf(params);

  const query = new URLSearchParams();
  if (state) query.set('state', state);
  if (due) query.set('due', due);
  if (step) query.set('step', step);
  if (route) query.set('route', route);
  if (sort !== 'updated') query.set('sort', sort);
  if (q) query.set('q', q);
  for (const [k, v] of Object.entries(finding)) query.set(k, v);
  /** The list's filters without its page: what the export takes. */
  const exportQuery = new URLSearchParams(query);
  exportQuery.set('lang', lang);
  if (cursor) query.set('cursor', cursor);
  query.set('pageSize', String(DEFAULT_PAGE_SIZE));
  const result = useApi<CasePage>(`/api/cases?${query.toString()}`);
  const filtered = Boolean(state || due || step || route || q || Object.keys(finding).length);
  const canFind = user.roles.some(
    (r) => (CASE_STAFF_ROLES as readonly string[]).includes(r) || r === 'unit_party',
  );

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('cursor' in changes)) next.delete('cursor');
    setParams(next);
  };
  /** Goes to the page at `to` (a cursor, '' for the first), keeping the cursors before it. */
  const goTo = (to: string, cursors: string[]) => {
    const next = new URLSearchParams(params);
    if (to) next.set('cursor', to);
    else next.delete('cursor');
    setParams(next, { state: { cursors } });
  };
  /** Clears the filters, keeping the chosen order. */
  const clear = () => setParams(sort === 'updated' ? new URLSearchParams() : { sort });
  const canApply = user.roles.includes('official') || user.roles.includes('unit_party');

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('cases.number'),
      dataIndex: 'number',
      key: 'number',
      render: (_: unknown, c) => <Link to={`/cases/${c.id}`}>{c.number}</Link>,
    },
    {
      title: t('cases.title'),
      dataIndex: 'title',
      key: 'title',
      render: (_: unknown, c) => <Link to={`/cases/${c.id}`}>{c.title}</Link>,
    },
    { title: t('cases.official'), key: 'official', render: (_: unknown, c) => c.official.name },
    {
      title: t('cases.state'),
      key: 'state',
      render: (_: unknown, c) => (
        <Space size={4} wrap>
          <Tag>{pick(c.stateLabel, lang)}</Tag>
          {c.suspended ? <Tag color="default">{t('cases.suspended')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('cases.stepDue'),
      key: 'due',
      render: (_: unknown, c) => (
        <Space size={4} wrap>
          <span>{pick(c.stepLabel, lang)}</span>
          {c.stepDueOn ? <Typography.Text type="secondary">{c.stepDueOn}</Typography.Text> : null}
          <DueTag status={c.dueStatus} />
        </Space>
      ),
    },
    {
      title: t('desk.list.jurisdiction'),
      key: 'jurisdiction',
      render: (_: unknown, c) => pick(c.jurisdiction.name, lang),
    },
    {
      title: t('cases.updatedAt'),
      key: 'updatedAt',
      render: (_: unknown, c) => formatDateTime(c.updatedAt),
    },
  ];

  const emptyText = filtered
    ? t('cases.emptyFiltered')
    : user.roles.some((r) => (CASE_STAFF_ROLES as readonly string[]).includes(r))
      ? t('cases.emptyStaff')
      : user.roles.includes('unit_party')
        ? t('cases.emptyUnit')
        : user.roles.includes('official')
          ? t('cases.emptyOfficial')
          : t('cases.emptyOther');

  return (
    <section>
      <Typography.Title level={3}>{t('cases.heading')}</Typography.Title>
      <Space wrap className="rc-filters">
        <Select<string>
          allowClear
          aria-label={t('cases.filterState')}
          placeholder={t('cases.filterState')}
          className="rc-filter-state"
          value={state ?? undefined}
          onChange={(v) => update({ state: v ?? null })}
          options={CASE_STATES.map((s) => ({ value: s, label: pick(STATE_LABEL[s], lang) }))}
        />
        <Select<string>
          allowClear
          aria-label={t('desk.list.filterStep')}
          placeholder={t('desk.list.filterStep')}
          className="rc-filter-step"
          value={step ?? undefined}
          onChange={(v) => update({ step: v ?? null })}
          options={CASE_STEPS.map((s) => ({ value: s, label: pick(STEP_LABEL[s], lang) }))}
        />
        <Select<string>
          allowClear
          aria-label={t('desk.list.filterRoute')}
          placeholder={t('desk.list.filterRoute')}
          className="rc-filter-route"
          value={route ?? undefined}
          onChange={(v) => update({ route: v ?? null })}
          options={ROUTES.map((r) => ({ value: r, label: t(`routes.${r}`) }))}
        />
        <Select<string>
          allowClear
          aria-label={t('cases.filterDue')}
          placeholder={t('cases.filterDue')}
          className="rc-filter-due"
          value={due ?? undefined}
          onChange={(v) => update({ due: v ?? null })}
          options={DUE_FILTERS.map((d) => ({ value: d, label: t(DUE_LABEL[d]) }))}
        />
        <Input.Search
          allowClear
          aria-label={t('cases.search')}
          placeholder={t('cases.search')}
          defaultValue={q}
          key={q}
          maxLength={TEXT_LIMITS.search.max}
          onSearch={(v) => update({ q: v.trim() || null })}
          className="rc-filter-q"
        />
        <Select<string>
          aria-label={t('desk.list.sort')}
          className="rc-filter-sort"
          value={sort}
          onChange={(v) => update({ sort: v === 'updated' ? null : v })}
          options={CASE_SORTS.map((s) => ({ value: s, label: t(`desk.list.sorts.${s}`) }))}
        />
        {filtered ? <Button onClick={clear}>{t('cases.clearFilters')}</Button> : null}
        {canFind ? (
          <Tooltip title={t('find.filters.exportHint', { count: EXPORT_MAX_ROWS })}>
            <Button
              href={`/api/cases/export.xlsx?${exportQuery.toString()}`}
              data-testid="case-export"
              className="rc-export"
            >
              {t('find.filters.export')}
            </Button>
          </Tooltip>
        ) : null}
      </Space>
      {canFind ? <FindFilters finding={finding} onFind={(changes) => update(changes)} /> : null}
      {result.status === 'error' ? (
        <ErrorAlert error={result.error} title={t('cases.loadFailed')} />
      ) : (
        <Table<CaseSummary>
          rowKey="id"
          data-testid="case-table"
          loading={result.status === 'loading'}
          columns={columns}
          dataSource={result.status === 'ok' ? [...result.data.items] : []}
          locale={{
            emptyText: (
              <Empty description={emptyText}>
                {filtered ? (
                  <Button type="primary" onClick={clear}>
                    {t('cases.clearFilters')}
                  </Button>
                ) : canApply ? (
                  <Link to="/apply">
                    <Button type="primary" data-testid="empty-apply">
                      {t('desk.list.apply')}
                    </Button>
                  </Link>
                ) : null}
              </Empty>
            ),
          }}
          pagination={false}
          scroll={{ x: 1000 }}
        />
      )}
      {result.status === 'ok' && (
        <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }} wrap>
          <Typography.Text data-testid="case-total">
            {result.data.totalCapped
              ? t('cases.totalCapped', { count: result.data.total })
              : t('cases.total', { count: result.data.total })}
          </Typography.Text>
          {cursor && (
            <Button onClick={() => goTo('', [])} data-testid="page-first">
              {t('cases.firstPage')}
            </Button>
          )}
          {cursor && (
            <Button
              onClick={() => goTo(before.at(-1) ?? '', before.slice(0, -1))}
              data-testid="page-previous"
            >
              {t('cases.previousPage')}
            </Button>
          )}
          {result.data.nextCursor && (
            <Button
              onClick={() => goTo(result.data.nextCursor ?? '', [...before, cursor])}
              data-testid="page-next"
            >
              {t('cases.nextPage')}
            </Button>
          )}
        </Space>
      )}
    </section>
  );
}

/** The finding filters in the address (each kept only when present). */
type Finding = Partial<Record<(typeof FINDING_KEYS)[number], string>>;

function findingOf(params: URLSearchParams): Finding {
  const out: Finding = {};
  for (const k of FINDING_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

interface FindValues {
  idCard?: string;
  unitId?: string;
  post?: string;
  dateField: (typeof CASE_DATE_FILTERS)[number];
  range?: [Dayjs | null, Dayjs | null] | null;
  outcome?: string;
}

/**
 * The finding bar: identity card (checked as typed: 18 characters and the check character), unit
 * subtree, post, a date range (opened, accepted or decided) and the outcome in force. Applied on "Find";
 * the values go into the address, so a found list can be bookmarked.
 */
function FindFilters(props: {
  readonly finding: Finding;
  readonly onFind: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useApi<CaseFilterOptions>('/api/cases/filters');
  const { finding } = props;
  // The date the address filters by (one at a time), else the day opened.
  const dateField =
    CASE_DATE_FILTERS.find((d) => finding[`${d}From`] || finding[`${d}To`]) ?? 'applied';
  const from = finding[`${dateField}From`];
  const to = finding[`${dateField}To`];
  const initial: FindValues = {
    idCard: finding.idCard,
    unitId: finding.unitId,
    post: finding.post,
    dateField,
    range: from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null,
    outcome: finding.outcome,
  };
  const submit = (v: FindValues) => {
    const [start, end] = v.range ?? [null, null];
    const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
    props.onFind({
      idCard: v.idCard ? normalizeIdCard(v.idCard) : null,
      unitId: v.unitId ?? null,
      post: v.post?.trim() || null,
      ...Object.fromEntries(
        CASE_DATE_FILTERS.flatMap((d) => [
          [`${d}From`, v.dateField === d ? day(start) : null],
          [`${d}To`, v.dateField === d ? day(end) : null],
        ]),
      ),
      outcome: v.outcome ?? null,
    });
  };
  const reset = () => props.onFind(Object.fromEntries(FINDING_KEYS.map((k) => [k, null])));
  const data = options.status === 'ok' ? options.data : null;
  return (
    <Form<FindValues>
      layout="inline"
      className="rc-find rc-gap"
      aria-label={t('find.filters.title')}
      key={JSON.stringify(finding)}
      initialValues={initial}
      onFinish={submit}
    >
      <Form.Item
        name="idCard"
        label={t('find.filters.idCard')}
        rules={[
          {
            validator: (_, value: string | undefined) => {
              if (!value) return Promise.resolve();
              const problem = idCardProblem(normalizeIdCard(value));
              if (problem === null) return Promise.resolve();
              return Promise.reject(
                new Error(
                  t(
                    problem === 'format' ? 'find.filters.idCardFormat' : 'find.filters.idCardCheck',
                  ),
                ),
              );
            },
          },
        ]}
      >
        <Input
          allowClear
          className="rc-find-idcard"
          placeholder={t('find.filters.idCardPlaceholder')}
          autoComplete="off"
        />
      </Form.Item>
      <Form.Item
        name="unitId"
        label={t('find.filters.unit')}
        extra={data?.unitsCapped ? t('find.filters.unitsCapped') : undefined}
      >
        <PlaceTree
          allowClear
          className="rc-find-unit"
          placeholder={t('find.filters.unitPlaceholder')}
          loading={options.status === 'loading'}
          places={data?.units ?? NO_PLACES}
        />
      </Form.Item>
      <Form.Item
        name="post"
        label={t('find.filters.post')}
        rules={[
          {
            min: POST_FILTER_MIN,
            message: t('find.filters.postShort', { count: POST_FILTER_MIN }),
          },
        ]}
      >
        <Input
          allowClear
          className="rc-find-post"
          maxLength={POST_FILTER_MAX}
          placeholder={t('find.filters.postPlaceholder')}
        />
      </Form.Item>
      <Form.Item label={t('find.filters.dateField')}>
        <Space.Compact>
          <Form.Item name="dateField" noStyle>
            <Select
              aria-label={t('find.filters.dateField')}
              className="rc-find-datefield"
              options={CASE_DATE_FILTERS.map((d) => ({
                value: d,
                label: t(`find.filters.dates.${d}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="range" noStyle>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              className="rc-find-range"
              placeholder={[t('find.filters.rangeStart'), t('find.filters.rangeEnd')]}
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="outcome" label={t('find.filters.outcome')}>
        <Select
          allowClear
          className="rc-find-outcome"
          placeholder={t('find.filters.outcomePlaceholder')}
          options={(data?.outcomes ?? []).map((o) => ({ value: o.id, label: pick(o.label, lang) }))}
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="find-submit">
            {t('find.filters.submit')}
          </Button>
          <Button onClick={reset} data-testid="find-reset">
            {t('find.filters.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
