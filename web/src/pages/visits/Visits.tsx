/**
 * Follow-up visits (回访) of officials in an impact period (GET /api/visits): the pack's rule, the
 * officials whose impact period ends within the window and who were not drawn yet, the seeded draw
 * (the share shown before, the seed after), the visits with their record form, and the report of
 * recorded results to the organization department. The organization department's liaison works
 * it; a committee chair reads it. Opened on one visit (`?visit=<id>`: the workbench's tasks and the
 * reminders link so), it reads the jurisdiction that holds it, marks its row and has it at hand:
 * the record form opened for a visit to make, the visit chosen for a result to send.
 */
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TAG } from '../../components/tagColors';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { VISIT_CONCLUSION_LABEL } from '../../shared';
import { useApi } from '../../useApi';
import { DrawDialog } from './DrawDialog';
import type { DrawAnswer, VisitDraw, VisitItem, VisitsView } from './model';
import { RecordDialog } from './RecordDialog';
import './visits.css';

/** What the screen reads: the jurisdiction chosen, else the one holding the visit asked for. */
function viewUrl(jurisdictionId: string | undefined, focus: string | null): string {
  if (jurisdictionId) return `/api/visits?jurisdictionId=${encodeURIComponent(jurisdictionId)}`;
  return focus ? `/api/visits?visitId=${encodeURIComponent(focus)}` : '/api/visits';
}

export default function Visits() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const focus = params.get('visit');
  const [jurisdictionId, setJurisdictionId] = useState<string | undefined>();
  const view = useApi<VisitsView>(viewUrl(jurisdictionId, focus));
  const [drawing, setDrawing] = useState(false);
  const [drawn, setDrawn] = useState<DrawAnswer['draw'] | null>(null);
  const [recording, setRecording] = useState<VisitItem | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [reportError, setReportError] = useState<unknown>(null);
  const [reported, setReported] = useState<number | null>(null);
  const data = view.status === 'ok' ? view.data : null;
  useFocus(data, focus, setRecording, setChosen);

  async function report() {
    setReportError(null);
    try {
      const r = await api<{ visitIds: string[] }>('POST', '/api/visits/report', {
        visitIds: chosen,
      });
      setReported(r.visitIds.length);
      setChosen([]);
      view.reload();
    } catch (e) {
      setReportError(e);
    }
  }

  return (
    <div className="rc-visits">
      <Typography.Title level={1} className="rc-visits-title">
        {t('visits.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('visits.intro')}</Typography.Paragraph>
      {view.status === 'error' ? <ErrorAlert error={view.error} /> : null}
      {data && data.jurisdictions.length > 1 ? (
        <Space wrap className="rc-gap">
          <span id="visits-jurisdiction">{t('visits.jurisdiction')}</span>
          <Select
            aria-labelledby="visits-jurisdiction"
            className="rc-visits-jurisdiction"
            value={data.jurisdiction.id}
            onChange={(id: string) => {
              setJurisdictionId(id);
              setDrawn(null);
            }}
            options={data.jurisdictions.map((j) => ({
              value: j.id,
              label: <JurisdictionName name={j.name} />,
            }))}
          />
        </Space>
      ) : null}
      {data ? (
        <>
          <RuleLine view={data} />
          {drawn ? <DrawnAlert draw={drawn} onClose={() => setDrawn(null)} /> : null}
          <Card
            className="rc-gap"
            title={t('visits.upcoming.title')}
            extra={
              data.mayDraw ? (
                <Button type="primary" data-testid="open-draw" onClick={() => setDrawing(true)}>
                  {t('visits.draw.open')}
                </Button>
              ) : null
            }
          >
            <Upcoming view={data} />
          </Card>
          <Card
            className="rc-gap"
            title={t('visits.list.title')}
            extra={
              chosen.length > 0 ? (
                <Button type="primary" data-testid="report-visits" onClick={() => void report()}>
                  {t('visits.report.button', { count: chosen.length })}
                </Button>
              ) : null
            }
          >
            {reportError ? <ErrorAlert error={reportError} /> : null}
            {reported !== null ? (
              <Alert
                type="success"
                showIcon
                closable={{ onClose: () => setReported(null) }}
                className="rc-gap"
                title={t('visits.report.done', { count: reported })}
                data-testid="reported"
              />
            ) : null}
            <VisitTable
              visits={data.visits}
              focus={focus}
              chosen={chosen}
              onChoose={setChosen}
              onRecord={setRecording}
            />
          </Card>
          <Card className="rc-gap" title={t('visits.draws.title')}>
            <DrawTable draws={data.draws} />
          </Card>
          <DrawDialog
            open={drawing}
            view={data}
            onClose={() => setDrawing(false)}
            onDrawn={(d) => {
              setDrawing(false);
              setDrawn(d);
              view.reload();
            }}
          />
          <RecordDialog
            visit={recording}
            onClose={() => setRecording(null)}
            onRecorded={() => {
              setRecording(null);
              view.reload();
            }}
          />
        </>
      ) : null}
    </div>
  );
}

/**
 * The visit asked for, once its list is read: its row scrolled to, its record form opened when it
 * is to be made, or it chosen for sending when its result is recorded and not sent.
 */
function useFocus(
  data: VisitsView | null,
  focus: string | null,
  record: (v: VisitItem) => void,
  choose: (ids: string[]) => void,
) {
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!data || !focus || done.current === focus) return;
    const v = data.visits.find((x) => x.id === focus);
    if (!v) return;
    done.current = focus;
    document
      .querySelector(`[data-row-key="${CSS.escape(focus)}"]`)
      ?.scrollIntoView({ block: 'center' });
    if (v.abilities.record) record(v);
    else if (v.abilities.report) choose([v.id]);
  }, [data, focus, record, choose]);
}

function JurisdictionName({ name }: { readonly name: { zh: string; en: string } }) {
  const lang = useLang();
  return <>{pick(name, lang)}</>;
}

/** The pack's rule in force here, or that it sets none. */
function RuleLine({ view }: { readonly view: VisitsView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const where = pick(view.jurisdiction.name, lang);
  if (!view.rule) {
    return <Alert type="info" showIcon title={t('visits.rule.none', { where })} />;
  }
  const r = view.rule;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="visit-rule"
      title={t('visits.rule.line', {
        where,
        before: beforeText(t, r.months, r.days),
        share: Math.round(r.sampleShare * 100),
      })}
      description={
        view.window
          ? t('visits.rule.window', { from: view.window.from, to: view.window.to }) +
            (r.citation ? t('visits.rule.basis', { basis: pick(r.citation, lang) }) : '')
          : null
      }
    />
  );
}

function beforeText(
  t: (k: string, o?: Record<string, unknown>) => string,
  months: number,
  days: number,
) {
  return [
    months > 0 ? t('visits.rule.months', { count: months }) : '',
    days > 0 ? t('visits.rule.days', { count: days }) : '',
  ].join('');
}

function Upcoming({ view }: { readonly view: VisitsView }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table
      rowKey="caseId"
      size="small"
      data-testid="upcoming-table"
      dataSource={[...view.upcoming]}
      pagination={false}
      scroll={{ x: 560 }}
      locale={{ emptyText: t('visits.upcoming.empty') }}
      columns={[
        {
          key: 'case',
          title: t('visits.col.case'),
          render: (_, p) => <Link to={`/cases/${p.caseId}`}>{p.caseNumber}</Link>,
        },
        {
          key: 'official',
          title: t('visits.col.official'),
          render: (_, x) => <Link to={`/officials/${x.officialId}`}>{x.officialName}</Link>,
        },
        { key: 'unit', title: t('visits.col.unit'), render: (_, p) => pick(p.unit, lang) },
        { key: 'ends', title: t('visits.col.impactEnds'), dataIndex: 'impactEndsOn', width: 120 },
      ]}
    />
  );
}

function DrawnAlert({
  draw,
  onClose,
}: {
  readonly draw: DrawAnswer['draw'];
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      type="success"
      showIcon
      className="rc-gap"
      data-testid="drawn"
      closable={{ onClose }}
      title={t('visits.draw.done', {
        selected: draw.selected.length,
        population: draw.population.length,
      })}
      description={
        <span>
          {t('visits.draw.seed')}{' '}
          <Typography.Text code copyable data-testid="drawn-seed" className="rc-visits-seed">
            {draw.seed}
          </Typography.Text>
        </span>
      }
    />
  );
}

const STATE_COLOR: Record<string, string> = { scheduled: TAG.warning, done: TAG.success };

function VisitTable({
  visits,
  focus,
  chosen,
  onChoose,
  onRecord,
}: {
  readonly visits: readonly VisitItem[];
  /** The visit the screen was opened on: its row is marked. */
  readonly focus: string | null;
  readonly chosen: readonly string[];
  readonly onChoose: (ids: string[]) => void;
  readonly onRecord: (v: VisitItem) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table<VisitItem>
      rowKey="id"
      size="small"
      data-testid="visit-table"
      dataSource={[...visits]}
      pagination={false}
      scroll={{ x: 720 }}
      locale={{ emptyText: t('visits.list.empty') }}
      rowClassName={(v) => (v.id === focus ? 'rc-visits-focus' : '')}
      rowSelection={{
        // A title of text, not the select-all box: the table's measuring row copies the titles
        // into a hidden row, where a checkbox would be focusable and hidden (axe, aria-hidden-focus).
        columnTitle: t('visits.report.column'),
        selectedRowKeys: [...chosen],
        onChange: (keys) => onChoose(keys.map(String)),
        getCheckboxProps: (v) => ({
          disabled: !v.abilities.report,
          'aria-label': t('visits.report.choose', { name: v.officialName }),
        }),
      }}
      expandable={{
        rowExpandable: (v) => v.state === 'done',
        expandedRowRender: (v) => (
          <dl className="rc-visits-detail" data-testid={`visit-detail-${v.id}`}>
            <dt>{t('visits.record.visitedOn')}</dt>
            <dd>{v.visitedOn}</dd>
            <dt>{t('visits.record.visitors')}</dt>
            <dd>{v.visitors}</dd>
            <dt>{t('visits.record.findings')}</dt>
            <dd>{v.findings}</dd>
          </dl>
        ),
      }}
      columns={[
        {
          key: 'case',
          title: t('visits.col.case'),
          render: (_, v) => <Link to={`/cases/${v.caseId}`}>{v.caseNumber}</Link>,
        },
        {
          key: 'official',
          title: t('visits.col.official'),
          render: (_, x) => <Link to={`/officials/${x.officialId}`}>{x.officialName}</Link>,
        },
        { key: 'unit', title: t('visits.col.unit'), render: (_, v) => pick(v.unit, lang) },
        { key: 'due', title: t('visits.col.due'), dataIndex: 'dueOn', width: 110 },
        {
          key: 'state',
          title: t('visits.col.state'),
          width: 150,
          render: (_, v) => (
            <Space size={4} wrap>
              <Tag color={STATE_COLOR[v.state]}>{t(`visits.state.${v.state}`)}</Tag>
              {v.conclusion ? (
                <Tag color={TAG.neutral}>{pick(VISIT_CONCLUSION_LABEL[v.conclusion], lang)}</Tag>
              ) : null}
              {v.reportedOn ? (
                <Tag color={TAG.info}>{t('visits.report.on', { date: v.reportedOn })}</Tag>
              ) : null}
            </Space>
          ),
        },
        {
          key: 'act',
          title: t('visits.col.action'),
          width: 110,
          render: (_, v) =>
            v.abilities.record ? (
              <Button size="small" data-testid={`record-${v.id}`} onClick={() => onRecord(v)}>
                {t('visits.record.open')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

function DrawTable({ draws }: { readonly draws: readonly VisitDraw[] }) {
  const { t } = useTranslation();
  return (
    <Table<VisitDraw>
      rowKey="id"
      size="small"
      data-testid="draw-table"
      dataSource={[...draws]}
      pagination={false}
      scroll={{ x: 640 }}
      locale={{ emptyText: t('visits.draws.empty') }}
      columns={[
        { key: 'on', title: t('visits.draws.on'), dataIndex: 'drawnOn', width: 110 },
        { key: 'by', title: t('visits.draws.by'), dataIndex: 'drawnBy' },
        {
          key: 'window',
          title: t('visits.draws.window'),
          render: (_, d) => `${d.windowFrom} – ${d.windowTo}`,
        },
        {
          key: 'count',
          title: t('visits.draws.count'),
          render: (_, d) =>
            t('visits.draws.countText', {
              selected: d.selected.length,
              population: d.population.length,
              share: Math.round(d.share * 100),
            }),
        },
        {
          key: 'seed',
          title: t('visits.draws.seed'),
          render: (_, d) => (
            <Typography.Text code copyable className="rc-visits-seed">
              {d.seed}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
