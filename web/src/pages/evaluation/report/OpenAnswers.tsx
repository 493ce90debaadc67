/**
 * The free-text answers, each question's in the random order the server gives them, shown only
 * when the campaign reached its free-text threshold (openAnswers not null); otherwise the sentence
 * that says how many responses they need.
 */
import { Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { thresholds, type CampaignReport } from './model';

export function OpenAnswers({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { freeText } = thresholds(report.campaign);
  return (
    <Card
      title={<h2 className="rc-card-title">{t('evaluationReport.open.title')}</h2>}
      data-testid="open-answers"
    >
      {report.openAnswers === null ? (
        <Typography.Paragraph data-testid="open-threshold">
          {t('evaluationReport.open.threshold', { threshold: freeText, n: report.n })}
        </Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph>{t('evaluationReport.open.intro')}</Typography.Paragraph>
          {report.openAnswers.map((q) => (
            <section key={q.id} aria-labelledby={`open-${q.id}`}>
              <h3 id={`open-${q.id}`} className="rc-report-h3">
                {pick(q.text, lang)}
              </h3>
              {q.answers.length === 0 ? (
                <Typography.Paragraph type="secondary">
                  {t('evaluationReport.open.none')}
                </Typography.Paragraph>
              ) : (
                <List
                  size="small"
                  bordered
                  dataSource={[...q.answers]}
                  pagination={q.answers.length > 20 ? { pageSize: 20, size: 'small' } : false}
                  renderItem={(a) => <List.Item className="rc-report-answer">{a}</List.Item>}
                />
              )}
            </section>
          ))}
        </>
      )}
    </Card>
  );
}
