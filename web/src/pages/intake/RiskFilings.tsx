/**
 * The ex-ante risk filings (事前风险报备) of the units in the officer's jurisdictions
 * (GET /api/risk-filings): filtered by title, review status, unit and filing date, a page at a
 * time; a row opens to the filing's risks, measures, review and the cases linked to it. Officers
 * who record filings (`mayRecord`) open the form from here.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { RISK_FILING_STATUSES, TEXT_LIMITS } from '../../shared';
import { useApi } from '../../useApi';
import type { CaseFilterOptions, RiskFilingItem, RiskFilingPage } from './model';
import { RiskFilingForm } from './RiskFilingForm';
import { UnitPicker, type Unit } from './UnitPicker';
import './intake.css';

interface Filters {
  q?: string;
  status?: string;
  unitId?: string;
  filedFrom?: string;
  filedTo?: string;
}

const STATUS_COLOR: Record<string, string> = {
  pending: 'gold',
  accepted: 'green',
  rejected: 'red',
};

function queryOf(f: Filters, page: number, pageSize: number): string {
  const p = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  for (const [k, v] of Object.entries(f)) {
    if (typeof v === 'string' && v.trim() !== '') p.set(k, v.trim());
  }
  return p.toString();
}

export default function RiskFilings() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [recording, setRecording] = useState(false);
  const list = useApi<RiskFilingPage>(
    `/api/risk-filings?${queryOf(filters, page.page, page.pageSize)}`,
  );
  const options = useApi<CaseFilterOptions>('/api/cases/filters');
  const units = options.status === 'ok' ? options.data.units : [];
  const data = list.status === 'ok' ? list.data : null;

  return (
    <div className="rc-intake">
      <div className="rc-intake-head">
        <Typography.Title level={1} className="rc-intake-title">
          {t('intake.filings.title')}
        </Typography.Title>
        {data?.mayRecord ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="record-filing"
            onClick={() => setRecording(true)}
          >
            {t('intake.filings.record')}
          </Button>
        ) : null}
      </div>
      <Typography.Paragraph type="secondary">{t('intake.filings.intro')}</Typography.Paragraph>
      <FilterBar
        units={units}
        onApply={(f) => {
          setFilters(f);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      {list.status === 'error' ? <ErrorAlert error={list.error} /> : null}
      <FilingTable
        data={data}
        loading={list.status === 'loading'}
        onPage={(p, size) => setPage({ page: p, pageSize: size })}
      />
      <RiskFilingForm
        open={recording}
        units={units}
        onClose={() => setRecording(false)}
        onRecorded={() => {
          setRecording(false);
          setPage((p) => ({ ...p, page: 1 }));
          list.reload();
        }}
      />
    </div>
  );
}

function FilterBar({
  units,
  onApply,
}: {
  readonly units: readonly Unit[];
  readonly onApply: (f: Filters) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Filters>();
  return (
    <Form<Filters>
      form={form}
      layout="inline"
      className="rc-intake-filters rc-gap"
      aria-label={t('intake.filings.filters')}
      onFinish={onApply}
    >
      <Form.Item name="q" label={t('intake.filings.q')}>
        <Input allowClear maxLength={TEXT_LIMITS.search.max} className="rc-intake-q" />
      </Form.Item>
      <Form.Item name="status" label={t('intake.filings.status')}>
        <Select
          allowClear
          aria-label={t('intake.filings.status')}
          className="rc-intake-status"
          placeholder={t('intake.filings.anyStatus')}
          options={RISK_FILING_STATUSES.map((s) => ({
            value: s,
            label: t(`intake.statuses.${s}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="unitId" label={t('intake.filings.unit')}>
        <UnitPicker
          units={units}
          allowClear
          className="rc-intake-unit-picker"
          placeholder={t('intake.filings.anyUnit')}
        />
      </Form.Item>
      <Form.Item name="filedFrom" label={t('intake.filings.filedFrom')}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="filedTo" label={t('intake.filings.filedTo')}>
        <Input type="date" />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('intake.filings.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onApply({});
            }}
          >
            {t('intake.filings.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}

function FilingTable({
  data,
  loading,
  onPage,
}: {
  readonly data: RiskFilingPage | null;
  readonly loading: boolean;
  readonly onPage: (page: number, pageSize: number) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table<RiskFilingItem>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data ? [...data.items] : []}
      data-testid="filing-table"
      scroll={{ x: 760 }}
      locale={{ emptyText: t('intake.filings.empty') }}
      expandable={{ expandedRowRender: (f) => <FilingDetail f={f} /> }}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 20,
        total: data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (n) => t('intake.filings.total', { count: n }),
        onChange: onPage,
      }}
      columns={[
        { key: 'title', title: t('intake.filings.colTitle'), dataIndex: 'title' },
        {
          key: 'unit',
          title: t('intake.filings.colUnit'),
          render: (_, f) => pick(f.unit.name, lang),
        },
        { key: 'filedOn', title: t('intake.filings.colFiledOn'), dataIndex: 'filedOn', width: 120 },
        {
          key: 'status',
          title: t('intake.filings.colStatus'),
          width: 110,
          render: (_, f) => (
            <Tag color={STATUS_COLOR[f.status]}>{t(`intake.statuses.${f.status}`)}</Tag>
          ),
        },
        {
          key: 'cases',
          title: t('intake.filings.colCases'),
          width: 110,
          render: (_, f) => t('intake.filings.caseCount', { count: f.linkedCaseCount }),
        },
      ]}
    />
  );
}

/** A filing opened: what was filed, its review, and the cases linked to it. */
function FilingDetail({ f }: { readonly f: RiskFilingItem }) {
  const { t } = useTranslation();
  const lang = useLang();
  const blank = t('intake.filings.notRecorded');
  return (
    <div className="rc-intake-detail" data-testid={`filing-detail-${f.id}`}>
      <dl>
        <dt>{t('intake.filings.jurisdiction')}</dt>
        <dd>{pick(f.jurisdiction.name, lang)}</dd>
        <dt>{t('intake.filings.risks')}</dt>
        <dd>{f.risks || blank}</dd>
        <dt>{t('intake.filings.measures')}</dt>
        <dd>{f.measures || blank}</dd>
        <dt>{t('intake.filings.decidedOn')}</dt>
        <dd>{f.decidedOn ?? t('intake.filings.notDecided')}</dd>
        <dt>{t('intake.filings.reviewOpinion')}</dt>
        <dd>{f.reviewOpinion || blank}</dd>
        <dt>{t('intake.filings.linkedCases')}</dt>
        <dd>
          {f.linkedCases.length === 0 ? (
            t('intake.filings.noCases')
          ) : (
            <ul className="rc-intake-cases">
              {f.linkedCases.map((c) => (
                <li key={c.id}>
                  <Link to={`/cases/${c.id}`}>
                    {c.number} {c.title}
                  </Link>
                </li>
              ))}
              {f.linkedCaseCount > f.linkedCases.length ? (
                <li>
                  {t('intake.filings.moreCases', {
                    count: f.linkedCaseCount - f.linkedCases.length,
                  })}
                </li>
              ) : null}
            </ul>
          )}
        </dd>
      </dl>
    </div>
  );
}
