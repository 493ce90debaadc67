/**
 * The report of a survey campaign (issue 12, 政策执行评估): GET /api/evaluation/campaigns/:id/report
 * read with the instrument's names (GET /api/evaluation/instruments/:id). Under k responses it
 * says so and nothing else; above it, the model coloured by factor score, the support–optimism
 * gap, the regressions, reliability and structure, the promoting and blocking factors, the
 * breakdowns under the thresholds, and the free text at its threshold. Every chart has its figures
 * beside it as a table; the page prints on A4 (report.css).
 */
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { useApi } from '../../../useApi';
import { Breakdowns } from './Breakdowns';
import { FactorLists } from './FactorLists';
import { ForestPlot } from './ForestPlot';
import { GapSection } from './GapSection';
import { ModelDiagram } from './ModelDiagram';
import {
  namesOf,
  percent,
  thresholds,
  type CampaignReport,
  type InstrumentView,
  type Names,
} from './model';
import { OpenAnswers } from './OpenAnswers';
import { Reliability } from './Reliability';
import './report.css';

export default function Report() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const report = useApi<CampaignReport>(
    `/api/evaluation/campaigns/${encodeURIComponent(id)}/report`,
  );
  const instrumentId = report.status === 'ok' ? report.data.campaign.instrumentId : null;
  const instrument = useApi<InstrumentView>(
    instrumentId === null
      ? null
      : `/api/evaluation/instruments/${encodeURIComponent(instrumentId)}`,
  );
  const body = instrument.status === 'ok' ? instrument.data.instrument : null;
  const names = useMemo(() => (body === null ? null : namesOf(body)), [body]);

  const failed =
    report.status === 'error' ? report : instrument.status === 'error' ? instrument : null;
  if (failed !== null) {
    return (
      <section className="rc-report">
        <Typography.Title level={3}>{t('evaluationReport.title')}</Typography.Title>
        <ErrorAlert error={failed.error} title={t('evaluationReport.loadFailed')} />
      </section>
    );
  }
  if (report.status !== 'ok' || names === null) {
    return (
      <section className="rc-report" aria-busy="true">
        <Typography.Title level={3}>{t('evaluationReport.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('common.loading')}</Typography.Paragraph>
      </section>
    );
  }
  return <ReportBody data={report.data} names={names} />;
}

function ReportBody({ data, names }: { data: CampaignReport; names: Names }) {
  const { t } = useTranslation();
  const { k } = thresholds(data.campaign);
  return (
    <section className="rc-report" data-testid="evaluation-report">
      <Header data={data} />
      {!data.reportable || data.analysis === null ? (
        <Alert
          className="rc-report-under-k"
          type="info"
          showIcon
          data-testid="not-reportable"
          title={t('evaluationReport.notReportable', { k })}
        />
      ) : (
        <Space orientation="vertical" size="large" className="rc-report-body">
          <ModelDiagram analysis={data.analysis} names={names} />
          <GapSection analysis={data.analysis} names={names} />
          <ForestPlot analysis={data.analysis} names={names} />
          <FactorLists analysis={data.analysis} names={names} />
          <Reliability analysis={data.analysis} names={names} />
          <Breakdowns report={data} names={names} />
          <OpenAnswers report={data} />
          <Notes notes={data.analysis.notes} />
        </Space>
      )}
    </section>
  );
}

function Header({ data }: { data: CampaignReport }) {
  const { t } = useTranslation();
  const lang = useLang();
  const c = data.campaign;
  const items = [
    {
      key: 'jurisdiction',
      label: t('evaluationReport.head.jurisdiction'),
      children: pick(c.jurisdiction.name, lang),
    },
    {
      key: 'period',
      label: t('evaluationReport.head.period'),
      children: t('evaluationReport.head.periodValue', { from: c.opensOn, to: c.closesOn }),
    },
    {
      key: 'instrument',
      label: t('evaluationReport.head.instrument'),
      children: data.instrument.id,
    },
  ];
  if (data.reportable) {
    items.push({
      key: 'responses',
      label: t('evaluationReport.head.responses'),
      children: t('evaluationReport.head.responsesValue', {
        n: data.n,
        invited: c.invitedCount,
        rate: percent(data.n, c.invitedCount),
      }),
    });
  }
  return (
    <header className="rc-report-head">
      <Space className="rc-report-actions rc-no-print" wrap>
        <Link to={`/evaluation/campaigns/${c.id}`}>{t('evaluationReport.back')}</Link>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('evaluationReport.print')}
        </Button>
        <Button
          icon={<FilePdfOutlined />}
          href={`/api/evaluation/campaigns/${encodeURIComponent(c.id)}/report.pdf?lang=${lang}`}
          data-testid="report-pdf"
        >
          {t('evaluationReport.downloadPdf')}
        </Button>
        <Button
          icon={<FileExcelOutlined />}
          href={`/api/evaluation/campaigns/${c.id}/report.xlsx?lang=${lang}`}
          title={t('evaluationDownloads.workbookHint')}
          data-testid="report-xlsx"
        >
          {t('evaluationDownloads.workbook')}
        </Button>
      </Space>
      <Typography.Title level={3} className="rc-report-title">
        {c.title}
      </Typography.Title>
      <Typography.Paragraph className="rc-report-subtitle">
        {t('evaluationReport.title')}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 1, md: 2 }}
        items={items}
        data-testid="report-head"
      />
      {data.reportable && !data.instrument.validated && (
        <Alert
          className="rc-report-validation"
          type="warning"
          showIcon
          data-testid="validation-note"
          title={t('evaluationReport.notValidated')}
          description={pick(data.instrument.validationNote, lang)}
        />
      )}
    </header>
  );
}

function Notes({ notes }: { notes: NonNullable<CampaignReport['analysis']>['notes'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (notes.length === 0) return null;
  return (
    <Card title={<h2 className="rc-card-title">{t('evaluationReport.notes.title')}</h2>}>
      <Typography.Paragraph>{t('evaluationReport.notes.intro')}</Typography.Paragraph>
      <ul className="rc-report-notes" data-testid="analysis-notes">
        {notes.map((n, i) => (
          <li key={i}>
            {t('evaluationReport.notes.line', { what: n.what, text: lang === 'en' ? n.en : n.zh })}
          </li>
        ))}
      </ul>
    </Card>
  );
}
