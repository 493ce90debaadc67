/**
 * 问责事项台账 (Accountability matters): the matters of the officer's jurisdictions and those
 * below (GET /api/accountability-matters), latest opened first, filtered by status and the
 * lifelong-accountability flag, a page at a time; each row opens the case opened on it, where the
 * matter's card shows its circumstances, feedback and referral. For intake officers,
 * investigators and auditors (the menu shows it to them).
 */
import { Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TAG } from '../../components/tagColors';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { DEFAULT_PAGE_SIZE, MATTER_STATUS_LABEL, MATTER_STATUSES } from '../../shared';
import { useApi } from '../../useApi';
import type { MatterList, MatterListItem } from './model';

interface Filters {
  status?: string;
  lifelong?: 'true' | 'false';
}

const STATUS_COLOR: Readonly<Record<string, string>> = {
  open: TAG.warning,
  concluded: TAG.success,
  referred: TAG.danger,
};

function queryOf(f: Filters, page: number, pageSize: number): string {
  const p = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (f.status) p.set('status', f.status);
  if (f.lifelong) p.set('lifelong', f.lifelong);
  return p.toString();
}

export default function Matters() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const list = useApi<MatterList>(
    `/api/accountability-matters?${queryOf(filters, page.page, page.pageSize)}`,
  );
  const data = list.status === 'ok' ? list.data : null;
  const apply = (f: Filters) => {
    setFilters(f);
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <div className="rc-intake" data-testid="matters">
      <Typography.Title level={1} className="rc-intake-title">
        {t('matter.list.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('matter.list.intro')}</Typography.Paragraph>
      <FilterBar filters={filters} onChange={apply} />
      {list.status === 'error' ? <ErrorAlert error={list.error} /> : null}
      <Table<MatterListItem>
        rowKey="id"
        size="small"
        loading={list.status === 'loading'}
        dataSource={data ? [...data.items] : []}
        columns={useColumns()}
        locale={{ emptyText: t('matter.list.empty') }}
        scroll={{ x: true }}
        pagination={{
          current: data?.page ?? page.page,
          pageSize: data?.pageSize ?? page.pageSize,
          total: data?.total ?? 0,
          onChange: (p, size) => setPage({ page: p, pageSize: size }),
        }}
      />
    </div>
  );
}

function FilterBar({
  filters,
  onChange,
}: {
  readonly filters: Filters;
  readonly onChange: (f: Filters) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Form layout="inline" className="rc-gap" aria-label={t('matter.list.title')}>
      <Form.Item label={t('matter.list.status')}>
        <Select
          allowClear
          aria-label={t('matter.list.status')}
          placeholder={t('matter.list.allStatuses')}
          popupMatchSelectWidth={false}
          value={filters.status}
          onChange={(status?: string) => onChange({ ...filters, status })}
          options={MATTER_STATUSES.map((s) => ({
            value: s,
            label: pick(MATTER_STATUS_LABEL[s], lang),
          }))}
        />
      </Form.Item>
      <Form.Item label={t('matter.list.lifelong')}>
        <Select
          allowClear
          aria-label={t('matter.list.lifelong')}
          placeholder={t('matter.list.all')}
          popupMatchSelectWidth={false}
          value={filters.lifelong}
          onChange={(lifelong?: 'true' | 'false') => onChange({ ...filters, lifelong })}
          options={[
            { value: 'true', label: t('matter.list.yes') },
            { value: 'false', label: t('matter.list.no') },
          ]}
        />
      </Form.Item>
    </Form>
  );
}

function useColumns(): TableColumnsType<MatterListItem> {
  const { t } = useTranslation();
  const lang = useLang();
  return [
    { title: t('matter.openedOn'), dataIndex: 'openedOn', key: 'openedOn', width: 110 },
    {
      title: t('matter.summary'),
      key: 'summary',
      render: (_: unknown, m) => (
        <Space direction="vertical" size={2}>
          <span>{m.summary}</span>
          {m.lifelong ? (
            <Tag color={TAG.danger}>
              {t('matter.list.lifelong')}
              {m.majorDecisionName ? `：${m.majorDecisionName}` : ''}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('matter.list.official'),
      key: 'official',
      render: (_: unknown, m) => m.official.name,
    },
    {
      title: t('matter.list.jurisdiction'),
      key: 'jurisdiction',
      render: (_: unknown, m) => pick(m.jurisdiction.name, lang),
    },
    {
      title: t('matter.list.status'),
      key: 'status',
      render: (_: unknown, m) => (
        <Tag color={STATUS_COLOR[m.status]}>{pick(m.statusLabel, lang)}</Tag>
      ),
    },
    { title: t('matter.list.circumstanceCount'), dataIndex: 'circumstances', key: 'circumstances' },
    {
      title: t('matter.list.feedback'),
      key: 'feedback',
      render: (_: unknown, m) =>
        m.fedBackOutcomeLabel
          ? `${pick(m.fedBackOutcomeLabel, lang)}（${m.fedBackInForceOn ?? ''}）`
          : '—',
    },
    {
      title: t('matter.list.referredOn'),
      key: 'referredOn',
      render: (_: unknown, m) => m.referredOn ?? '—',
    },
    {
      title: t('matter.list.case'),
      key: 'case',
      render: (_: unknown, m) =>
        m.case ? <Link to={`/cases/${m.case.id}`}>{m.case.number}</Link> : '—',
    },
  ];
}
