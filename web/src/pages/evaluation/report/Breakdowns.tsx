/**
 * Breakdowns by each demographic item: per group its number of respondents and its mean on every
 * scale, a table per item with the groups as columns (a handful) and the scales as rows. A group
 * the server hid (under k, or the complement hidden beside one that is) shows the threshold
 * sentence and no number at all.
 */
import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { fixed, thresholds, type Breakdown, type CampaignReport, type Names } from './model';
import { Scroll } from './Scroll';

type Line = { key: string; label: string; cells: (string | number)[] };

export function Breakdowns({ report, names }: { report: CampaignReport; names: Names }) {
  const { t } = useTranslation();
  const { k } = thresholds(report.campaign);
  return (
    <Card
      title={<h2 className="rc-card-title">{t('evaluationReport.breakdowns.title')}</h2>}
      data-testid="breakdowns"
    >
      <Typography.Paragraph>{t('evaluationReport.breakdowns.intro', { k })}</Typography.Paragraph>
      {report.breakdowns.length === 0 ? (
        <Typography.Paragraph>{t('evaluationReport.breakdowns.none')}</Typography.Paragraph>
      ) : (
        report.breakdowns.map((b) => (
          <BreakdownTable key={b.id} breakdown={b} report={report} names={names} k={k} />
        ))
      )}
    </Card>
  );
}

function BreakdownTable({
  breakdown,
  report,
  names,
  k,
}: {
  breakdown: Breakdown;
  report: CampaignReport;
  names: Names;
  k: number;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const hiddenText = (g: Breakdown['groups'][number]) =>
    g.hidden === 'complement'
      ? t('evaluationReport.breakdowns.hiddenComplement')
      : t('evaluationReport.breakdowns.hidden', { k });
  const scales = report.analysis?.factors.map((f) => f.id) ?? [];
  const lines: Line[] = [
    {
      key: '#n',
      label: t('evaluationReport.breakdowns.n'),
      cells: breakdown.groups.map((g) => (g.n === null ? hiddenText(g) : g.n)),
    },
    ...scales.map((id) => ({
      key: id,
      label: pick(names.scales.get(id), lang) || id,
      cells: breakdown.groups.map((g) => (g.means === null ? '—' : fixed(g.means[id]))),
    })),
  ];
  const columns: TableColumnsType<Line> = [
    {
      title: t('evaluationReport.col.scale'),
      key: 'label',
      dataIndex: 'label',
    },
    ...breakdown.groups.map((g, i) => ({
      title: pick(g.label, lang),
      key: `g${i}`,
      align: 'right' as const,
      render: (_: unknown, line: Line) =>
        g.n === null && line.key === '#n' ? (
          <span className="rc-report-hidden" data-testid="hidden-group">
            {line.cells[i]}
          </span>
        ) : (
          line.cells[i]
        ),
    })),
  ];
  const complements = breakdown.groups.filter((g) => g.hidden === 'complement').length;
  const titleId = `breakdown-${breakdown.id}`;
  return (
    <section aria-labelledby={titleId} className="rc-report-breakdown" data-testid={titleId}>
      <h3 id={titleId} className="rc-report-h3">
        {pick(breakdown.label, lang)}
      </h3>
      <Scroll label={pick(breakdown.label, lang)}>
        <Table<Line>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={lines}
          columns={columns}
        />
      </Scroll>
      {complements > 0 && (
        <Typography.Paragraph type="secondary" className="rc-report-footnote">
          {t('evaluationReport.breakdowns.complement', { k })}
        </Typography.Paragraph>
      )}
    </section>
  );
}
