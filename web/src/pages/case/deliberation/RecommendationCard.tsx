/**
 * The engine's recommendation as the committee reads it: the outcome, the rules that decide it
 * with the clauses they rest on and the facts they used, why each more favourable outcome was not
 * reached, and the facts the rules still miss. A recommendation with reasons, not a decision.
 */
import { Alert, Card, Collapse, Descriptions, Empty, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick, type Lang } from '../../../i18n';
import { useLang } from '../../../lang';
import type { ClauseCitation, ConditionFailure, Recommendation } from '../../../types';
import { TAG } from '../../../components/tagColors';
import { ExplanationSections } from './ExplanationSections';

function Clauses({ clauses, lang }: { clauses: readonly ClauseCitation[]; lang: Lang }) {
  if (clauses.length === 0) return null;
  return (
    <div className="rc-gap-top">
      {clauses.map((c) => (
        <Tooltip key={c.id} title={pick(c.text, lang)}>
          {/* Focusable, so that keyboard users reach the paraphrase too. */}
          <Tag
            color={TAG.neutral}
            tabIndex={0}
            className="rc-citation"
            data-testid="clause-citation"
          >
            {pick(c.citation, lang)}
          </Tag>
        </Tooltip>
      ))}
    </div>
  );
}

function Failures({ items, lang }: { items: readonly ConditionFailure[]; lang: Lang }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <ul className="rc-deliberation-list">
      {items.map((f, i) => (
        <li key={`${f.rule ?? f.fact ?? 'c'}-${i}`}>
          <Tag color={f.status === 'failed' ? TAG.danger : TAG.warning}>
            {t(f.status === 'failed' ? 'committee.rec.failed' : 'committee.rec.unknown')}
          </Tag>
          {pick(f.text, lang)}
          {f.factLabel && f.actual ? (
            <Typography.Text type="secondary">
              {' '}
              {t('committee.rec.actual', {
                fact: pick(f.factLabel, lang),
                value: pick(f.actual, lang),
              })}
            </Typography.Text>
          ) : null}
          <Clauses clauses={f.clauses} lang={lang} />
          <Failures items={f.because} lang={lang} />
        </li>
      ))}
    </ul>
  );
}

type WhyNot = Recommendation['whyNot'][number];

/** The why-nots grouped by outcome, in the engine's order. */
function byOutcome(items: readonly WhyNot[]): [string, WhyNot[]][] {
  const groups = new Map<string, WhyNot[]>();
  for (const w of items) groups.set(w.outcome, [...(groups.get(w.outcome) ?? []), w]);
  return [...groups.entries()];
}

/**
 * The recommended outcome, or the band the committee decides within (a measure's *may*: 可以免除
 * ……或者从轻、减轻) — a recommendation to the collective body either way.
 */
function RecommendedOutcome({ rec, lang }: { rec: Recommendation; lang: Lang }) {
  const { t } = useTranslation();
  if (rec.recommended.length <= 1) {
    return (
      <Tag color={rec.undetermined ? TAG.warning : TAG.info} data-testid="recommended-outcome">
        {pick(rec.label, lang)}
      </Tag>
    );
  }
  return (
    <span data-testid="recommended-band">
      {t('committee.rec.bandIntro')}
      {rec.recommended.map((o) => (
        <Tag key={o.id} color={TAG.info} data-testid="recommended-outcome">
          {pick(o.label, lang)}
        </Tag>
      ))}
      <div>
        <Typography.Text type="secondary">{t('committee.rec.bandHelp')}</Typography.Text>
      </div>
    </span>
  );
}

export function RecommendationCard({ rec }: { readonly rec: Recommendation }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card title={t('committee.rec.title')} className="rc-gap" data-testid="recommendation">
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'outcome',
            label: t('committee.rec.outcome'),
            children: <RecommendedOutcome rec={rec} lang={lang} />,
          },
          {
            key: 'source',
            label: t('committee.rec.basis'),
            children:
              rec.source === 'current'
                ? t('committee.rec.fromCurrent', { date: rec.asOf })
                : t('committee.rec.fromDetermination', { date: rec.asOf }),
          },
          {
            key: 'policy',
            label: t('committee.rec.policy'),
            children: `${pick(rec.packTitle, lang)} · ${rec.version}`,
          },
          { key: 'time', label: t('committee.rec.time'), children: pick(rec.time.note, lang) },
        ]}
      />
      {rec.recommendationText ? (
        <Typography.Paragraph className="rc-gap-top" strong data-testid="recommendation-text">
          {pick(rec.recommendationText, lang)}
        </Typography.Paragraph>
      ) : null}
      <Alert type="info" showIcon className="rc-gap-top" title={t('committee.rec.notADecision')} />

      {rec.missingFacts.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="rc-gap-top"
          data-testid="missing-facts"
          title={t('committee.rec.missingTitle')}
          description={
            <ul className="rc-deliberation-list">
              {rec.missingFacts.map((m) => (
                <li key={m.fact}>
                  <Typography.Text strong>{pick(m.label, lang)}</Typography.Text>
                  {m.help ? ` — ${pick(m.help, lang)}` : null}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}

      {rec.derived.length > 0 ? (
        <Descriptions
          size="small"
          column={1}
          className="rc-gap-top"
          data-testid="recommendation-derived"
          title={t('committee.rec.derived')}
          items={rec.derived.map((d) => ({
            key: d.fact,
            label: pick(d.label, lang),
            children: `${pick(d.value, lang)}${t('committee.rec.formula', { formula: pick(d.formula, lang) })}${d.note ? ` ${pick(d.note, lang)}` : ''}`,
          }))}
        />
      ) : null}

      <Typography.Title level={4} className="rc-gap-top">
        {t('committee.rec.reasons')}
      </Typography.Title>
      {rec.reasons.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('committee.rec.noReasons')} />
      ) : (
        <ol className="rc-deliberation-list" data-testid="recommendation-reasons">
          {rec.reasons.map((r) => (
            <li key={r.rule}>
              <Typography.Text strong>{pick(r.title, lang)}</Typography.Text>
              {r.facts.length > 0 ? (
                <div>
                  <Typography.Text type="secondary">
                    {r.facts
                      .map((f) => `${pick(f.label, lang)}：${pick(f.value, lang)}`)
                      .join(t('common.listSeparator'))}
                  </Typography.Text>
                </div>
              ) : null}
              <Clauses clauses={r.clauses} lang={lang} />
            </li>
          ))}
        </ol>
      )}

      <ExplanationSections rec={rec} />

      {rec.whyNot.length > 0 ? (
        <>
          <Typography.Title level={4} className="rc-gap-top">
            {t('committee.rec.whyNot')}
          </Typography.Title>
          <Collapse
            size="small"
            data-testid="recommendation-whynot"
            items={byOutcome(rec.whyNot).map(([outcome, entries]) => ({
              key: outcome,
              label: t('committee.rec.whyNotOutcome', { outcome: pick(entries[0]!.label, lang) }),
              // One outcome may be reachable through several decision entries: each one's reasons.
              children: entries.map((w) =>
                w.precludedBy ? (
                  <Typography.Paragraph key={w.entry}>
                    {t('committee.rec.precluded')}
                  </Typography.Paragraph>
                ) : (
                  <Failures key={w.entry} items={w.failed} lang={lang} />
                ),
              ),
            }))}
          />
        </>
      ) : null}
    </Card>
  );
}
