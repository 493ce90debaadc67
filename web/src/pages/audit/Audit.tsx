/**
 * 审计 (the audit administrator's screens): the read log, the administration events and the
 * security events in three tabs — each filtered (time range, username, what / action / kind, case
 * number or target), newest first, a page at a time (keyset: `before` the last id shown), and
 * exported to Excel with the same filters — and the 校验 button, which runs the CLI's
 * verification on the server and shows each chain's result and hash (GET/POST /api/audit/…).
 */
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  List,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AdminEventRow,
  AuditVerifyResult,
  ReadLogRow,
  SecurityEventRow,
} from '../../../../src/api/index.js';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import {
  adminActionLabel,
  readLabel,
  SECURITY_EVENT_KINDS,
  SECURITY_EVENT_LABEL,
} from '../../shared';
import { useApi } from '../../useApi';

type Trail = 'read-log' | 'admin-events' | 'security-events';
type Filters = Record<string, string>;
interface PageOf<T> {
  readonly items: T[];
  readonly nextBefore: number | null;
}

/** The filter fields of each trail, in the API's names. */
const FIELDS: Record<Trail, readonly string[]> = {
  'read-log': ['from', 'to', 'user', 'what', 'caseNumber'],
  'admin-events': ['from', 'to', 'user', 'action', 'target'],
  'security-events': ['from', 'to', 'user', 'kind'],
};

function TrailFilters(props: { trail: Trail; onApply(f: Filters): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Filters>();
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(v) =>
        props.onApply(
          Object.fromEntries(
            Object.entries(v).filter(([, x]) => typeof x === 'string' && x !== ''),
          ),
        )
      }
      data-testid={`audit-filters-${props.trail}`}
    >
      {FIELDS[props.trail].map((f) =>
        f === 'kind' ? (
          <Form.Item key={f} name={f} label={t('audit.filters.kind')}>
            <Select
              allowClear
              style={{ minWidth: 220 }}
              options={SECURITY_EVENT_KINDS.map((k) => ({
                value: k,
                label: pick(SECURITY_EVENT_LABEL[k], lang),
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item key={f} name={f} label={t(`audit.filters.${f}`)}>
            <Input
              type={f === 'from' || f === 'to' ? 'date' : 'text'}
              allowClear={f !== 'from' && f !== 'to'}
              data-testid={`audit-filter-${f}`}
            />
          </Form.Item>
        ),
      )}
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid={`audit-apply-${props.trail}`}>
          {t('audit.filters.apply')}
        </Button>
      </Form.Item>
    </Form>
  );
}

function TrailTab<T extends { id: number }>(props: { trail: Trail; columns: TableColumnsType<T> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [filters, setFilters] = useState<Filters>({});
  const [cursors, setCursors] = useState<number[]>([]);
  const query = new URLSearchParams(filters);
  const before = cursors.at(-1);
  if (before !== undefined) query.set('before', String(before));
  const page = useApi<PageOf<T>>(`/api/audit/${props.trail}?${query.toString()}`);
  const exportQuery = new URLSearchParams({ ...filters, lang });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <TrailFilters
        trail={props.trail}
        onApply={(f) => {
          setFilters(f);
          setCursors([]);
        }}
      />
      <Card
        extra={
          <Button
            href={`/api/audit/${props.trail}/export.xlsx?${exportQuery.toString()}`}
            data-testid={`audit-export-${props.trail}`}
          >
            {t('audit.export')}
          </Button>
        }
      >
        {page.status === 'error' ? <ErrorAlert error={page.error} /> : null}
        <Table<T>
          rowKey="id"
          size="small"
          loading={page.status === 'loading'}
          columns={props.columns}
          dataSource={page.status === 'ok' ? page.data.items : []}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: t('audit.empty') }}
          data-testid={`audit-table-${props.trail}`}
        />
        <Space style={{ marginTop: 12 }}>
          <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('audit.previous')}
          </Button>
          <Button
            disabled={page.status !== 'ok' || page.data.nextBefore === null}
            onClick={() => {
              if (page.status === 'ok' && page.data.nextBefore !== null) {
                const next = page.data.nextBefore;
                setCursors((c) => [...c, next]);
              }
            }}
          >
            {t('audit.next')}
          </Button>
        </Space>
      </Card>
    </Space>
  );
}

function Verify() {
  const { t } = useTranslation();
  const lang = useLang();
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'running' }
    | { status: 'done'; result: AuditVerifyResult }
    | { status: 'error'; error: unknown }
  >({ status: 'idle' });
  const run = () => {
    setState({ status: 'running' });
    api<AuditVerifyResult>('POST', '/api/audit/verify', {})
      .then((result) => setState({ status: 'done', result }))
      .catch((error: unknown) => setState({ status: 'error', error }));
  };
  return (
    <Card title={t('audit.verify.title')} data-testid="audit-verify">
      <Typography.Paragraph type="secondary">{t('audit.verify.intro')}</Typography.Paragraph>
      <Button
        type="primary"
        onClick={run}
        loading={state.status === 'running'}
        data-testid="audit-verify-button"
      >
        {t('audit.verify.button')}
      </Button>
      {state.status === 'error' ? <ErrorAlert error={state.error} /> : null}
      {state.status === 'done' ? (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Alert
            type={state.result.intact ? 'success' : 'error'}
            data-testid="audit-verify-result"
            title={
              state.result.intact
                ? t('audit.verify.intact', {
                    cases: state.result.cases,
                    events: state.result.events,
                    ms: state.result.ms,
                  })
                : t('audit.verify.broken')
            }
            description={state.result.caseBreak ? pick(state.result.caseBreak, lang) : undefined}
          />
          <List
            size="small"
            dataSource={state.result.trails}
            renderItem={(c) => (
              <List.Item data-testid={`audit-verify-${c.chain}`}>
                <Typography.Text type={c.intact ? undefined : 'danger'}>
                  {pick(c.message, lang)}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Space>
      ) : null}
    </Card>
  );
}

/**
 * A trail's record shown as it is stored (usernames, ids, addresses, request lines, payloads): the
 * auditor reads the original, not a rendering of it. Marked so that the scan for code words on
 * Chinese screens (e2e/code-words.test.ts) passes over it and reads the rest of the screen.
 */
function Verbatim({ children }: { readonly children: ReactNode }) {
  return <span className="rc-verbatim">{children}</span>;
}

export default function Audit() {
  const { t } = useTranslation();
  const lang = useLang();
  const time = { title: t('audit.columns.at'), key: 'at', width: 150, className: 'rc-nowrap' };
  const readColumns: TableColumnsType<ReadLogRow> = [
    { ...time, render: (_: unknown, r) => formatDateTime(r.at) },
    {
      title: t('audit.columns.user'),
      key: 'user',
      render: (_: unknown, r) =>
        r.user ? (
          <>
            {r.user.name}（<Verbatim>{r.user.username}</Verbatim>）
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.columns.what'),
      key: 'what',
      render: (_: unknown, r) => pick(readLabel(r.what), lang),
    },
    {
      title: t('audit.columns.caseNumber'),
      key: 'case',
      render: (_: unknown, r) => r.caseNumber ?? '—',
    },
    {
      title: t('audit.columns.jurisdiction'),
      key: 'jurisdiction',
      render: (_: unknown, r) => (r.jurisdiction ? pick(r.jurisdiction.name, lang) : '—'),
    },
  ];
  const adminColumns: TableColumnsType<AdminEventRow> = [
    { ...time, render: (_: unknown, r) => formatDateTime(r.at) },
    {
      title: t('audit.columns.actor'),
      key: 'actor',
      render: (_: unknown, r) => (
        <>
          {r.actor.name}（<Verbatim>{r.actor.username}</Verbatim>）
        </>
      ),
    },
    {
      title: t('audit.columns.action'),
      key: 'action',
      render: (_: unknown, r) => pick(adminActionLabel(r.action), lang),
    },
    {
      title: t('audit.columns.target'),
      key: 'target',
      render: (_: unknown, r) => <Verbatim>{r.targetId}</Verbatim>,
    },
    {
      title: t('audit.columns.payload'),
      key: 'payload',
      render: (_: unknown, r) => (
        <Verbatim>
          <Typography.Text code>{r.payload}</Typography.Text>
        </Verbatim>
      ),
    },
  ];
  const securityColumns: TableColumnsType<SecurityEventRow> = [
    { ...time, render: (_: unknown, r) => formatDateTime(r.at) },
    {
      title: t('audit.columns.kind'),
      key: 'kind',
      render: (_: unknown, r) => pick(r.kindLabel, lang),
    },
    {
      title: t('audit.columns.username'),
      key: 'username',
      render: (_: unknown, r) => <Verbatim>{r.username}</Verbatim>,
    },
    {
      title: t('audit.columns.ip'),
      key: 'ip',
      render: (_: unknown, r) => <Verbatim>{r.ip}</Verbatim>,
    },
    {
      title: t('audit.columns.request'),
      key: 'request',
      render: (_: unknown, r) => <Verbatim>{`${r.method} ${r.route}`.trim() || '—'}</Verbatim>,
    },
    {
      title: t('audit.columns.details'),
      key: 'details',
      render: (_: unknown, r) => <Verbatim>{r.details}</Verbatim>,
    },
  ];
  return (
    <section data-testid="audit">
      <Typography.Title level={3}>{t('audit.heading')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Verify />
        <Tabs
          items={[
            {
              key: 'read-log',
              label: t('audit.tabs.readLog'),
              children: <TrailTab trail="read-log" columns={readColumns} />,
            },
            {
              key: 'admin-events',
              label: t('audit.tabs.adminEvents'),
              children: <TrailTab trail="admin-events" columns={adminColumns} />,
            },
            {
              key: 'security-events',
              label: t('audit.tabs.securityEvents'),
              children: <TrailTab trail="security-events" columns={securityColumns} />,
            },
          ]}
        />
      </Space>
    </section>
  );
}
