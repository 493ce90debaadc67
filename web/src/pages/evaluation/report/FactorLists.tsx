/**
 * The promoting and the blocking factors (analysis.ranking, src/evaluation/analyze.ts `rank`), each
 * with one sentence of why: its mean and confidence interval against the scale's midpoint, and the
 * standardized coefficient that makes it matter. The rule itself is stated above the lists.
 */
import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import {
  decisiveBeta,
  fixed,
  interval,
  midpoint,
  pValue,
  type Analysis,
  type Names,
  type Ranked,
} from './model';

export function FactorLists({ analysis, names }: { analysis: Analysis; names: Names }) {
  const { t } = useTranslation();
  const promoting = analysis.ranking.filter((r) => r.role === 'promoting');
  const blocking = analysis.ranking.filter((r) => r.role === 'blocking');
  const neutral = analysis.ranking.length - promoting.length - blocking.length;
  return (
    <Card
      title={<h2 className="rc-card-title">{t('evaluationReport.factors.title')}</h2>}
      data-testid="factor-lists"
    >
      <Typography.Paragraph>
        {t('evaluationReport.factors.rule', { mid: midpoint(analysis.scale) })}
      </Typography.Paragraph>
      {analysis.ranking.length === 0 ? (
        <Typography.Paragraph>{t('evaluationReport.factors.none')}</Typography.Paragraph>
      ) : (
        <>
          <Row gutter={[24, 16]}>
            <Col xs={24} lg={12}>
              <FactorList role="promoting" list={promoting} analysis={analysis} names={names} />
            </Col>
            <Col xs={24} lg={12}>
              <FactorList role="blocking" list={blocking} analysis={analysis} names={names} />
            </Col>
          </Row>
          <Typography.Paragraph type="secondary">
            {t('evaluationReport.factors.neutral', { count: neutral })}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}

function FactorList({
  role,
  list,
  analysis,
  names,
}: {
  role: 'promoting' | 'blocking';
  list: readonly Ranked[];
  analysis: Analysis;
  names: Names;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`factors-${role}`} data-testid={`factors-${role}`}>
      <h3 id={`factors-${role}`} className={`rc-report-h3 rc-report-${role}`}>
        {t(`evaluationReport.factors.${role}`, { count: list.length })}
      </h3>
      {list.length === 0 ? (
        <Typography.Paragraph>{t(`evaluationReport.factors.${role}None`)}</Typography.Paragraph>
      ) : (
        <ol className="rc-report-factor-list">
          {list.map((r) => (
            <li key={r.id}>
              <Why ranked={r} analysis={analysis} names={names} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Why({ ranked, analysis, names }: { ranked: Ranked; analysis: Analysis; names: Names }) {
  const { t } = useTranslation();
  const lang = useLang();
  const figures = analysis.factors.find((f) => f.id === ranked.id);
  const beta = decisiveBeta(ranked);
  const name = pick(names.scales.get(ranked.id), lang) || ranked.id;
  return (
    <>
      <strong>{name}</strong>
      {t('evaluationReport.factors.why', {
        mean: fixed(figures?.mean),
        ci: figures?.description ? interval(figures.description.ci95) : '—',
        level: t(`evaluationReport.level.${ranked.level}`),
        mid: midpoint(analysis.scale),
        outcome: beta ? pick(names.scales.get(beta.outcome), lang) || beta.outcome : '—',
        beta: fixed(beta?.beta, 2),
        p: beta ? pValue(beta.p) : '—',
      })}
    </>
  );
}
