/**
 * The explanation's sections a committee checks beside the reasons: every tolerable situation that
 * holds (成立的容错情形), the negative list checked one exclusion at a time (负面清单核查), and each
 * clause cited, quoted once (所引条款). A recommendation stored before these sections were given
 * has none of them, and shows none.
 */
import { Collapse, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick, type Lang } from '../../../i18n';
import { useLang } from '../../../lang';
import type { Recommendation } from '../../../types';
import { TAG } from '../../../components/tagColors';

type FactInWords = NonNullable<Recommendation['situations']>[number]['facts'][number];
type ExclusionStatus = NonNullable<Recommendation['negativeList']>[number]['status'];

const STATUS_COLOR: Record<ExclusionStatus, string> = {
  absent: TAG.success,
  present: TAG.danger,
  unknown: TAG.warning,
};

function FactsLine({ facts, lang }: { facts: readonly FactInWords[]; lang: Lang }) {
  const { t } = useTranslation();
  if (facts.length === 0) return null;
  return (
    <div>
      <Typography.Text type="secondary">
        {facts
          .map((f) => `${pick(f.label, lang)}：${pick(f.value, lang)}`)
          .join(t('common.listSeparator'))}
      </Typography.Text>
    </div>
  );
}

/** The articles a rule rests on, by their citation in the clauses cited once below. */
function Articles({ ids, rec, lang }: { ids: readonly string[]; rec: Recommendation; lang: Lang }) {
  const { t } = useTranslation();
  const cited = ids.flatMap((id) => rec.citedClauses?.find((c) => c.id === id) ?? []);
  if (cited.length === 0) return null;
  return (
    <div>
      <Typography.Text type="secondary">
        {t('committee.rec.restsOn', {
          clauses: cited.map((c) => pick(c.citation, lang)).join(t('common.listSeparator')),
        })}
      </Typography.Text>
    </div>
  );
}

type Exclusion = NonNullable<Recommendation['negativeList']>[number];

/**
 * The negative list in one sentence (how many exclusions were found absent, present, not yet
 * known), each exclusion below it: opened at once when one is present or unknown.
 */
function NegativeList(props: { items: readonly Exclusion[]; rec: Recommendation; lang: Lang }) {
  const { items, rec, lang } = props;
  const { t } = useTranslation();
  const count = (status: ExclusionStatus) => items.filter((x) => x.status === status).length;
  const open = count('present') + count('unknown') > 0;
  return (
    <section data-testid="recommendation-negative-list">
      <Typography.Title level={4} className="rc-gap-top">
        {t('committee.rec.negativeList')}
      </Typography.Title>
      <Typography.Paragraph data-testid="negative-list-summary">
        {open
          ? t('committee.rec.negativeSummary', {
              total: items.length,
              absent: count('absent'),
              present: count('present'),
              unknown: count('unknown'),
            })
          : t('committee.rec.negativeAllAbsent', { total: items.length })}
      </Typography.Paragraph>
      <Collapse
        size="small"
        defaultActiveKey={open ? ['items'] : []}
        items={[
          {
            key: 'items',
            label: t('committee.rec.negativeEach'),
            children: (
              <ul className="rc-deliberation-list">
                {items.map((x) => (
                  <li key={x.rule} data-status={x.status}>
                    <Tag color={STATUS_COLOR[x.status]}>
                      {t(`committee.rec.exclusion.${x.status}`)}
                    </Tag>
                    {pick(x.title, lang)}
                    <FactsLine facts={x.facts} lang={lang} />
                    <Articles ids={x.clauses} rec={rec} lang={lang} />
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </section>
  );
}

export function ExplanationSections({ rec }: { readonly rec: Recommendation }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      {rec.situations ? (
        <section data-testid="recommendation-situations">
          <Typography.Title level={4} className="rc-gap-top">
            {t('committee.rec.situations')}
          </Typography.Title>
          {rec.situations.length === 0 ? (
            <Typography.Paragraph>{t('committee.rec.noSituation')}</Typography.Paragraph>
          ) : (
            <ol className="rc-deliberation-list">
              {rec.situations.map((s) => (
                <li key={s.rule}>
                  <Typography.Text strong>{pick(s.title, lang)}</Typography.Text>
                  {s.decisive ? null : (
                    <>
                      {' '}
                      <Tag color={TAG.neutral}>{t('committee.rec.notDecisive')}</Tag>
                    </>
                  )}
                  <FactsLine facts={s.facts} lang={lang} />
                  <Articles ids={s.clauses} rec={rec} lang={lang} />
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}

      {rec.negativeList && rec.negativeList.length > 0 ? (
        <NegativeList items={rec.negativeList} rec={rec} lang={lang} />
      ) : null}

      {rec.citedClauses && rec.citedClauses.length > 0 ? (
        <section data-testid="recommendation-cited-clauses">
          <Typography.Title level={4} className="rc-gap-top">
            {t('committee.rec.citedClauses')}
          </Typography.Title>
          <Collapse
            size="small"
            items={[
              {
                key: 'clauses',
                label: t('committee.rec.clausesCount', { count: rec.citedClauses.length }),
                children: (
                  <ul className="rc-deliberation-list">
                    {rec.citedClauses.map((c) => (
                      <li key={c.id}>
                        <Typography.Text strong>{pick(c.citation, lang)}</Typography.Text>
                        <div>{pick(c.text, lang)}</div>
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        </section>
      ) : null}
    </>
  );
}
