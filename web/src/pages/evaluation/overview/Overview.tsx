/**
 * 各地区与历年对比 (/evaluation/overview, issue 12): every survey the reader may read
 * (GET /api/evaluation/overview) — each jurisdiction's waves as a trend of the outcomes' means and
 * the support–optimism gap, and the jurisdictions side by side for a chosen year, factor by factor.
 * The scales' names and ranges come from the instruments the surveys were answered on, each
 * survey's threshold and state from the overview itself. Nothing is summed
 * across surveys: they ask different people.
 */
import { Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { useApi } from '../../../useApi';
import { OUTCOME_ORDER } from '../report/model';
import { EvaluationNav } from './EvaluationNav';
import {
  byJurisdiction,
  scaleNames,
  scaleOrder,
  scaleRange,
  seriesOf,
  wavesOf,
  type EvaluationOverview,
  type InstrumentBody,
  type Wave,
} from './model';
import { SideBySide } from './SideBySide';
import { Trend } from './Trends';
import { useInstruments } from './useInstruments';
import '../report/report.css'; // the Scroll boxes' rules
import './overview.css';

export default function Overview() {
  const { t } = useTranslation();
  const overview = useApi<EvaluationOverview>('/api/evaluation/overview');
  const instrumentIds =
    overview.status === 'ok' ? overview.data.campaigns.map((c) => c.instrumentId) : [];
  const instruments = useInstruments(instrumentIds);
  const failed = [overview, instruments].find((s) => s.status === 'error');
  const ready =
    overview.status === 'ok' && instruments.status === 'ok'
      ? {
          waves: wavesOf(overview.data.campaigns),
          instruments: instruments.data,
        }
      : null;
  return (
    <section
      className="rc-overview"
      data-testid="evaluation-overview"
      aria-busy={ready === null && !failed}
    >
      <Typography.Title level={1} className="rc-eval-title">
        {t('evaluation.title')}
      </Typography.Title>
      <EvaluationNav current="overview" />
      <Typography.Title level={2} className="rc-eval-h2">
        {t('evaluationOverview.title')}
      </Typography.Title>
      {failed && failed.status === 'error' ? (
        <ErrorAlert error={failed.error} title={t('evaluationOverview.loadFailed')} />
      ) : ready === null ? (
        <Typography.Paragraph type="secondary">{t('common.loading')}</Typography.Paragraph>
      ) : (
        <OverviewBody waves={ready.waves} instruments={ready.instruments} />
      )}
    </section>
  );
}

function OverviewBody(props: { waves: readonly Wave[]; instruments: readonly InstrumentBody[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { waves, instruments } = props;
  const names = useMemo(() => scaleNames(instruments), [instruments]);
  const outcomes = useMemo(() => seriesOf(OUTCOME_ORDER, names, lang), [names, lang]);
  const scales = useMemo(
    () => seriesOf(scaleOrder(instruments), names, lang),
    [instruments, names, lang],
  );
  const range = useMemo(() => scaleRange(instruments), [instruments]);
  const groups = useMemo(() => byJurisdiction(waves), [waves]);
  const name = (id: string) => outcomes.find((o) => o.id === id)?.name ?? id;
  const gapName = t('evaluationOverview.col.gap', {
    support: name('support'),
    optimism: name('optimism'),
  });
  if (waves.length === 0) {
    return (
      <Typography.Paragraph type="secondary">{t('evaluationOverview.empty')}</Typography.Paragraph>
    );
  }
  return (
    <Space orientation="vertical" size="large" className="rc-overview-body">
      <Typography.Paragraph type="secondary">
        {t('evaluationOverview.intro', {
          support: name('support'),
          optimism: name('optimism'),
          willingness: name('willingness'),
        })}
      </Typography.Paragraph>
      {groups.map((g) => (
        <Trend
          key={g.id}
          jurisdictionId={g.id}
          jurisdiction={pick(g.waves[0]!.row.jurisdiction.name, lang)}
          waves={g.waves}
          outcomes={outcomes}
          gapName={gapName}
          scale={range}
        />
      ))}
      {range !== null && (
        <SideBySide
          waves={waves}
          scales={scales}
          gapName={gapName}
          instruments={instruments}
          range={range}
        />
      )}
    </Space>
  );
}
