/**
 * One case, read-only (GET /api/cases/:id): summary, the step and its deadline, the facts with
 * where each came from, the determination in force, and the event trail. A case the user may not
 * read is answered 404 by the server, as if it did not exist, and shown as not found.
 *
 * Actions come with the screens that take them; they will be offered only where `abilities` says
 * the user may take them now.
 */
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api';
import { DueTag } from '../components/DueTag';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../format';
import { pick, type Lang } from '../i18n';
import { useLang } from '../lang';
import type { CaseEvent, CaseFact, CaseView as Case, FactDecl, PackAnswer } from '../types';
import { useApi } from '../useApi';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function CaseNotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('caseView.notFoundTitle')}
      subTitle={t('caseView.notFound')}
      extra={
        <Link to="/cases">
          <Button type="primary">{t('notFound.toCases')}</Button>
        </Link>
      }
    />
  );
}

export default function CaseView() {
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const result = useApi<Case>(valid ? `/api/cases/${encodeURIComponent(id)}` : null);
  const { t } = useTranslation();
  if (!valid) return <CaseNotFound />;
  if (result.status === 'loading') {
    return (
      <div className="rc-loading" role="status">
        <Spin />
      </div>
    );
  }
  if (result.status === 'error') {
    if (result.error instanceof ApiError && result.error.status === 404) return <CaseNotFound />;
    return <ErrorAlert error={result.error} title={t('caseView.loadFailed')} />;
  }
  return <CaseDetails c={result.data} />;
}

function factValue(
  value: unknown,
  decl: FactDecl | undefined,
  lang: Lang,
  yes: string,
  no: string,
) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'string' && decl?.values) {
    const v = decl.values.find((x) => x.value === value);
    if (v) return pick(v.label, lang);
  }
  if (Array.isArray(value)) {
    return value
      .map((x) => {
        const v = decl?.values?.find((d) => d.value === x);
        return v ? pick(v.label, lang) : String(x);
      })
      .join(', ');
  }
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const unit = typeof decl?.unit === 'string' ? decl.unit : pick(decl?.unit, lang);
  return unit ? `${text} ${unit}` : text;
}

function CaseDetails({ c }: { readonly c: Case }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const pack = useApi<PackAnswer>(
    `/api/policy/packs/${encodeURIComponent(c.packId)}` +
      (c.packVersion ? `?version=${encodeURIComponent(c.packVersion)}` : ''),
  );
  const decls = new Map<string, FactDecl>(
    pack.status === 'ok' ? pack.data.effective.facts.map((f) => [f.id, f]) : [],
  );
  const label = (prefix: string, key: string) =>
    i18n.exists(`${prefix}.${key}`) ? t(`${prefix}.${key}`) : key;
  const determination = c.determinations.find((d) => d.inForce);

  const factColumns: TableColumnsType<CaseFact> = [
    {
      title: t('caseView.fact'),
      key: 'fact',
      render: (_: unknown, f) => {
        const d = decls.get(f.fact);
        return d ? pick(d.label, lang) : f.fact;
      },
    },
    {
      title: t('caseView.value'),
      key: 'value',
      render: (_: unknown, f) =>
        factValue(f.value, decls.get(f.fact), lang, t('common.yes'), t('common.no')),
    },
    {
      title: t('caseView.source'),
      key: 'source',
      render: (_: unknown, f) => <Tag>{label('factSources', f.source)}</Tag>,
    },
    {
      title: t('caseView.recorded'),
      key: 'recorded',
      render: (_: unknown, f) => (
        <span>
          {f.recordedBy?.name ?? t('caseView.system')}
          <br />
          <Typography.Text type="secondary">{formatDateTime(f.recordedAt, lang)}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('caseView.note'),
      key: 'note',
      render: (_: unknown, f) => (
        <span>
          {f.note || '—'}
          {f.evidenceIds.length > 0 ? (
            <>
              <br />
              <Typography.Text type="secondary">
                {t('caseView.evidenceCount', { count: f.evidenceIds.length })}
              </Typography.Text>
            </>
          ) : null}
        </span>
      ),
    },
  ];

  const events = [...c.events].sort((a, b) => b.seq - a.seq);

  return (
    <article className="rc-case">
      <Space align="center" wrap className="rc-case-head">
        <Link to="/cases">{t('caseView.back')}</Link>
      </Space>
      <Typography.Title level={3} data-testid="case-title">
        {c.title}
      </Typography.Title>
      <Space wrap className="rc-gap">
        <Typography.Text type="secondary">{c.number}</Typography.Text>
        <Tag color="blue">{pick(c.stateLabel, lang)}</Tag>
        <DueTag status={c.dueStatus} />
        {c.suspended ? <Tag>{t('cases.suspended')}</Tag> : null}
      </Space>

      <Card title={t('caseView.summary')} className="rc-gap">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('caseView.official')}>
            {pick(c.official.position, lang)
              ? t('caseView.officialWithPosition', {
                  name: c.official.name,
                  position: pick(c.official.position, lang),
                })
              : c.official.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('caseView.unit')}>
            {pick(c.official.unit.name, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('caseView.jurisdiction')}>
            {pick(c.jurisdiction.name, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('caseView.route')}>
            {label('routes', c.route)}
          </Descriptions.Item>
          <Descriptions.Item label={t('caseView.conductDate')}>{c.conductDate}</Descriptions.Item>
          <Descriptions.Item label={t('caseView.pack')}>
            {c.packId}
            {c.packVersion ? ` · ${c.packVersion}` : ''}
          </Descriptions.Item>
        </Descriptions>
        {c.summary ? (
          <Typography.Paragraph className="rc-prewrap">{c.summary}</Typography.Paragraph>
        ) : null}
      </Card>

      <Card title={t('caseView.stepTitle')} className="rc-gap" data-testid="case-step">
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('caseView.step')}>
            {pick(c.stepLabel, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('caseView.stepStartedOn')}>
            {c.stepStartedOn}
          </Descriptions.Item>
          <Descriptions.Item label={t('caseView.stepDueOn')}>
            {c.stepDueOn ? (
              <Space size={4}>
                {c.stepDueOn}
                <DueTag status={c.dueStatus} />
              </Space>
            ) : (
              t('caseView.noDeadline')
            )}
          </Descriptions.Item>
        </Descriptions>
        {c.stepDueProvisional ? (
          <Alert type="info" showIcon title={t('caseView.provisional')} className="rc-gap-top" />
        ) : null}
        {c.suspended ? (
          <Alert
            type="warning"
            showIcon
            title={t('caseView.suspendedSince', { date: c.suspendedSince ?? '—' })}
            className="rc-gap-top"
          />
        ) : null}
      </Card>

      <Card title={t('caseView.determination')} className="rc-gap" data-testid="case-determination">
        {determination ? (
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('caseView.outcome')}>
              <Tag color="green">
                {pick(determination.outcomeLabel, lang) || determination.outcome}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('caseView.decidedOn')}>
              {determination.decidedOn}
            </Descriptions.Item>
            <Descriptions.Item label={t('caseView.documentNumber')}>
              {determination.documentNumber || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('caseView.recommended')}>
              {pick(determination.recommendedOutcomeLabel, lang) ||
                determination.recommendedOutcome ||
                '—'}
            </Descriptions.Item>
            {determination.departureReasons ? (
              <Descriptions.Item label={t('caseView.departure')} span={2}>
                {determination.departureReasons}
              </Descriptions.Item>
            ) : null}
            {determination.basis ? (
              <Descriptions.Item label={t('caseView.basis')} span={2}>
                <span className="rc-prewrap">{determination.basis}</span>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">{t('caseView.noDetermination')}</Typography.Text>
        )}
      </Card>

      <Card title={t('caseView.facts')} className="rc-gap" data-testid="case-facts">
        <Table<CaseFact>
          rowKey={(f) => `${f.fact}-${f.recordedAt}`}
          size="small"
          columns={factColumns}
          dataSource={[...c.facts]}
          pagination={false}
          locale={{ emptyText: <Empty description={t('caseView.noFacts')} /> }}
          scroll={{ x: 700 }}
        />
      </Card>

      <Card title={t('caseView.timeline')} className="rc-gap" data-testid="case-timeline">
        {events.length === 0 ? (
          <Empty description={t('caseView.noEvents')} />
        ) : (
          <Timeline
            items={events.map((e: CaseEvent) => ({
              key: e.seq,
              title: formatDateTime(e.at, lang),
              content: (
                <div>
                  <Typography.Text strong>
                    {label('events', e.type.replace(/^case\./, ''))}
                  </Typography.Text>
                  {e.from && e.to && e.from !== e.to ? (
                    <Typography.Text type="secondary">
                      {' '}
                      {t('caseView.stateChange', {
                        from: label('states', e.from),
                        to: label('states', e.to),
                      })}
                    </Typography.Text>
                  ) : null}
                  <div>
                    <Typography.Text type="secondary">
                      {e.actor?.name ?? t('caseView.system')}
                    </Typography.Text>
                  </div>
                  {e.reason ? <div className="rc-prewrap">{e.reason}</div> : null}
                </div>
              ),
            }))}
          />
        )}
      </Card>
    </article>
  );
}
