/**
 * 干部容错纠错记录 (An official's record, GET /api/officials/:id/record): who the official is, the
 * record in date order, and each case with its outcome in force and result application, its
 * corrections, talks, follow-up visits and name clearings, then the accountability matters
 * (officers only). `/officials/me` is the signed-in official's own record (the menu's 我的记录).
 * Printable: print.css lays the cards out on A4.
 */
import { Button, Card, Descriptions, Empty, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TAG } from '../../components/tagColors';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { useApi } from '../../useApi';
import { applicationItems } from '../case/SummaryCards';
import { useLimitText } from '../policy/ProcedureView';
import { recordEvents, recordOfficialId, type OfficialRecord, type RecordCase } from './model';
import './record.css';

export default function OfficialRecordPage() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const own = state.status === 'signedIn' ? state.user.officialId : null;
  const id = recordOfficialId(useParams().id, own);
  if (!id) return <Empty description={t('record.noOfficial')} />;
  return <RecordOf id={id} />;
}

function RecordOf({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const rec = useApi<OfficialRecord>(`/api/officials/${encodeURIComponent(id)}/record`);
  if (rec.status === 'error') return <ErrorAlert error={rec.error} />;
  if (rec.status !== 'ok') return <Card loading />;
  const r = rec.data;
  return (
    <article className="rc-record" data-testid="official-record">
      <Space className="rc-no-print rc-record-print">
        <Button size="small" onClick={() => window.print()}>
          {t('record.print')}
        </Button>
      </Space>
      <Typography.Title level={2} className="rc-record-title">
        {t('record.title', { name: r.official.name })}
      </Typography.Title>
      <Identity r={r} />
      <RecordTimeline r={r} />
      {r.cases.map((c) => (
        <CaseCard key={c.id} c={c} />
      ))}
      {r.cases.length === 0 ? <Empty description={t('record.noCases')} /> : null}
      {r.matters.length > 0 ? <Matters r={r} /> : null}
    </article>
  );
}

function Identity({ r }: { readonly r: OfficialRecord }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card className="rc-gap" size="small">
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('record.name')}>{r.official.name}</Descriptions.Item>
        <Descriptions.Item label={t('record.post')}>
          {pick(r.official.position, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('record.unit')}>
          {pick(r.official.unit.name, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('record.jurisdiction')}>
          {pick(r.official.jurisdiction.name, lang)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function RecordTimeline({ r }: { readonly r: OfficialRecord }) {
  const { t } = useTranslation();
  const events = recordEvents(r);
  return (
    <Card title={t('record.timeline')} className="rc-gap" size="small">
      {events.length === 0 ? (
        <Empty description={t('record.noCases')} />
      ) : (
        <Timeline
          items={events.map((e, i) => ({
            key: i,
            children: (
              <span>
                <Typography.Text strong>{e.on}</Typography.Text>{' '}
                {e.caseId && e.caseNumber ? (
                  <Link to={`/cases/${e.caseId}`}>{e.caseNumber}</Link>
                ) : null}{' '}
                {t(`record.event.${e.key}`, e.values)}
              </span>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function CaseCard({ c }: { readonly c: RecordCase }) {
  const { t } = useTranslation();
  const lang = useLang();
  const limit = useLimitText();
  const d = c.decision;
  return (
    <Card
      className="rc-gap"
      size="small"
      data-testid="record-case"
      title={
        <Space wrap>
          <Link to={`/cases/${c.id}`}>{c.number}</Link>
          <span>{c.title}</span>
        </Space>
      }
      extra={<Tag color={TAG.info}>{pick(c.stateLabel, lang)}</Tag>}
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('record.openedOn')}>{c.openedOn}</Descriptions.Item>
        <Descriptions.Item label={t('record.outcome')}>
          {d ? pick(d.outcomeLabel, lang) : t('record.undecided')}
        </Descriptions.Item>
        {d ? (
          <Descriptions.Item label={t('record.decidedOn')}>
            {t('record.decidedLine', { on: d.decidedOn, document: d.documentNumber })}
          </Descriptions.Item>
        ) : null}
        {d ? (
          <Descriptions.Item label={t('record.notifiedOn')}>
            {c.notifiedOn ?? '—'}
          </Descriptions.Item>
        ) : null}
        {d?.application ? applicationItems(d.application, t, lang, limit) : null}
      </Descriptions>
      <Corrections c={c} />
      <Talks c={c} />
      <Visits c={c} />
      <Clearings c={c} />
    </Card>
  );
}

/** One kind of a case's record as a small table, left out when the case has none of it. */
function RecordTable<T extends { readonly id: string }>(props: {
  readonly title: string;
  readonly rows: readonly T[];
  readonly columns: TableColumnsType<T>;
}) {
  if (props.rows.length === 0) return null;
  return (
    <Table<T>
      className="rc-record-table"
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ x: true }}
      title={() => props.title}
      dataSource={[...props.rows]}
      columns={props.columns}
    />
  );
}

function Corrections({ c }: { readonly c: RecordCase }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <RecordTable
      title={t('record.corrections')}
      rows={c.corrections}
      columns={[
        { key: 'doc', title: t('record.document'), dataIndex: 'documentNumber' },
        { key: 'issued', title: t('record.issuedOn'), dataIndex: 'issuedOn', width: 110 },
        { key: 'state', title: t('record.state'), render: (_, k) => pick(k.stateLabel, lang) },
        {
          key: 'actions',
          title: t('record.actions'),
          render: (_, k) =>
            t('record.actionCounts', {
              open: k.actions.open + k.actions.submitted,
              confirmed: k.actions.confirmed,
            }),
        },
        {
          key: 'review',
          title: t('record.reviewDue'),
          render: (_, k) => k.reviewedOn ?? k.reviewDueOn ?? '—',
        },
      ]}
    />
  );
}

function Talks({ c }: { readonly c: RecordCase }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <RecordTable
      title={t('record.talks')}
      rows={c.talks}
      columns={[
        { key: 'kind', title: t('record.talkKind'), render: (_, x) => pick(x.kindLabel, lang) },
        { key: 'on', title: t('record.heldOn'), dataIndex: 'heldOn', width: 110 },
        { key: 'who', title: t('record.participants'), dataIndex: 'participants' },
        { key: 'summary', title: t('record.summary'), dataIndex: 'summary' },
        { key: 'follow', title: t('record.followUp'), dataIndex: 'followUp' },
      ]}
    />
  );
}

function Visits({ c }: { readonly c: RecordCase }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <RecordTable
      title={t('record.visits')}
      rows={c.visits}
      columns={[
        { key: 'due', title: t('record.dueOn'), dataIndex: 'dueOn', width: 110 },
        { key: 'done', title: t('record.visitedOn'), render: (_, v) => v.visitedOn ?? '—' },
        {
          key: 'conclusion',
          title: t('record.conclusion'),
          render: (_, v) => (v.conclusionLabel ? pick(v.conclusionLabel, lang) : '—'),
        },
      ]}
    />
  );
}

function Clearings({ c }: { readonly c: RecordCase }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <RecordTable
      title={t('record.clearings')}
      rows={c.clearings}
      columns={[
        { key: 'on', title: t('record.recordedOn'), dataIndex: 'recordedOn', width: 110 },
        { key: 'state', title: t('record.state'), render: (_, k) => pick(k.stateLabel, lang) },
        { key: 'notice', title: t('record.notice'), render: (_, k) => k.noticeNumber ?? '—' },
        {
          key: 'referral',
          title: t('record.referral'),
          render: (_, k) =>
            k.referral
              ? t('record.referralLine', { on: k.referral.on, to: k.referral.to }) +
                (k.referral.basis ? `：${k.referral.basis}` : '')
              : '—',
        },
      ]}
    />
  );
}

function Matters({ r }: { readonly r: OfficialRecord }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card title={t('record.matters')} className="rc-gap" size="small">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={[...r.matters]}
        columns={[
          { key: 'on', title: t('record.openedOn'), dataIndex: 'openedOn', width: 110 },
          { key: 'summary', title: t('record.summary'), dataIndex: 'summary' },
          { key: 'status', title: t('record.state'), render: (_, m) => pick(m.statusLabel, lang) },
          { key: 'n', title: t('record.circumstances'), dataIndex: 'circumstances', width: 90 },
          {
            key: 'lifelong',
            title: t('record.lifelong'),
            render: (_, m) => (m.lifelong ? t('record.yes') : t('record.no')),
          },
          {
            key: 'case',
            title: t('record.case'),
            render: (_, m) => {
              const c = r.cases.find((x) => x.id === m.caseId);
              return c ? <Link to={`/cases/${c.id}`}>{c.number}</Link> : '—';
            },
          },
        ]}
      />
    </Card>
  );
}
