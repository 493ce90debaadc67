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
import type { PolicyClause, PolicySource } from './types';

export function Weighs({
  clauses,
  sources,
  loading,
  chosen,
}: {
  readonly clauses: readonly PolicyClause[];
  /** The documents the clauses come from: each group is headed by its title. */
  readonly sources: readonly PolicySource[];
  readonly loading: boolean;
  /** Whether the applicant is chosen (the measure that applies follows from them). */
  readonly chosen: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  // The clauses by the document they come from, in the order the documents are listed.
  const groups = sources
    .map((s) => ({ source: s, items: clauses.filter((c) => c.source === s.id) }))
    .filter((g) => g.items.length > 0);
  const known = new Set(sources.map((s) => s.id));
  const others = clauses.filter((c) => !known.has(c.source));
  return (
    <Card title={t('official.weighs.title')} data-testid="apply-weighs">
      <Alert
        type="info"
        showIcon
        className="rc-gap"
        title={t('official.weighs.notice')}
        description={t('official.weighs.noticeBody')}
      />
      {!chosen ? (
        <Empty description={t('official.weighs.choose')} />
      ) : loading ? (
        <Spin />
      ) : clauses.length === 0 ? (
        <Empty description={t('official.weighs.none')} />
      ) : (
        <div data-testid="apply-weighs-clauses">
          {groups.map((g) => (
            <section key={g.source.id}>
              <Typography.Title level={5}>{pick(g.source.title, lang)}</Typography.Title>
              <ClauseList clauses={g.items} />
            </section>
          ))}
          {others.length > 0 ? <ClauseList clauses={others} /> : null}
        </div>
      )}
    </Card>
  );
}

/** Each article with its text. */
function ClauseList({ clauses }: { readonly clauses: readonly PolicyClause[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ul className="rc-apply-clauses">
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
  );
}
