/**
 * What the measure weighs, beside the questions, where the official's jurisdiction does not show
 * applicants a preliminary assessment (the default): the measure's articles — the exclusions, the
 * conditions, the tolerable situations — each with its text, and no predicted outcome. The body
 * with cadre-management authority decides collectively after verification.
 */
import { Alert, Card, Empty, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { PolicyClause } from './types';

export function Weighs({
  clauses,
  loading,
}: {
  readonly clauses: readonly PolicyClause[];
  readonly loading: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card title={t('official.weighs.title')} data-testid="apply-weighs">
      <Alert
        type="info"
        showIcon
        className="rc-gap"
        title={t('official.weighs.notice')}
        description={t('official.weighs.noticeBody')}
      />
      {loading ? (
        <Spin />
      ) : clauses.length === 0 ? (
        <Empty description={t('official.weighs.none')} />
      ) : (
        <ul className="rc-apply-clauses" data-testid="apply-weighs-clauses">
          {clauses.map((c) => (
            <li key={c.id}>
              <Typography.Text strong>{pick(c.article, lang)}</Typography.Text>
              <Typography.Text>
                {t('official.assessment.sep')}
                {pick(c.text, lang)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
