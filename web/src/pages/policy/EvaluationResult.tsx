/**
 * What the engine recommends for a tried scenario: the outcome, the rules that decide it with
 * their clause citations (a citation shows the clause beside its rules), why each more favourable
 * outcome was not reached, and the unknown facts that would still change the result.
 */
import { Alert, Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { RuleKindTag } from './ClausesAndRules';
import { SOLID } from './colors';
import { DerivedValues } from './DerivedValues';
import { useValueText } from './ConditionView';
import { domId, usePack } from './context';
import { EntryOutcomes, OUTCOME_COLOR } from './DecisionLadder';
import type { ClauseRef, Evaluation, Failure } from './model';

function Citations({ clauses }: { readonly clauses: readonly ClauseRef[] | undefined }) {
  const { t } = useTranslation();
  const { lang, select } = usePack();
  if (!clauses?.length) return null;
  return (
    <span className="rc-citations">
      {clauses.map((c) => (
        <Button
          key={c.id}
          type="link"
          size="small"
          className="rc-inline-link rc-citation"
          data-testid={`citation-${c.id}`}
          aria-label={t('policy.try.citation', { citation: pick(c.citation, lang) })}
          onClick={() => select('clause', c.id)}
        >
          {pick(c.citation, lang)}
        </Button>
      ))}
    </span>
  );
}

function FailureView({ f }: { readonly f: Failure }) {
  const { t } = useTranslation();
  const { lang } = usePack();
  return (
    <li>
      <Tag color={f.status === 'unknown' ? SOLID.neutral : SOLID.warning}>
        {f.status === 'unknown' ? t('policy.try.unknownStatus') : t('policy.try.failedStatus')}
      </Tag>
      {pick(f.text, lang)} <Citations clauses={f.clauses} />
      {f.because?.length ? (
        <ul className="rc-policy-failures">
          {f.because.map((b, i) => (
            <FailureView key={i} f={b} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Puts the cursor on a fact's question in the form. */
function goToFact(id: string) {
  const el =
    document.getElementById(domId.fact(id)) ?? document.getElementById(`${domId.fact(id)}-group`);
  el?.scrollIntoView({ block: 'center' });
  const focusable = el?.matches('input, [tabindex]') ? el : el?.querySelector<HTMLElement>('input');
  focusable?.focus();
}

export function EvaluationResult({ ev }: { readonly ev: Evaluation }) {
  const { t } = useTranslation();
  const { lang, facts, outcomeLabel, eff } = usePack();
  const valueText = useValueText();
  const description = [...eff.outcomes, ...eff.otherResults].find(
    (o) => o.id === ev.outcome,
  )?.description;
  const band = ev.recommended ?? [];
  /** An entry's place in the decision ladder, counted from 1 as the ladder tab shows it. */
  const ladderNo = (entry: string) => eff.decision.findIndex((d) => d.id === entry) + 1;
  // The scenario's date may pick another version than the one shown: then the entry has no place here.
  const byEntry = (key: 'decidedBy' | 'precludedBy', entry: string) => {
    const n = ladderNo(entry);
    return n > 0 ? t(`policy.try.${key}`, { n }) : t(`policy.try.${key}Entry`);
  };
  const factLabel = (id: string) => {
    const f = facts.get(id);
    return f ? pick(f.label, lang) : id;
  };
  return (
    <Card title={t('policy.try.result')} className="rc-gap" data-testid="evaluation">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('policy.try.outcome')}>
          <Space direction="vertical" size={2}>
            <span>
              <Tag
                color={OUTCOME_COLOR[ev.outcome] ?? SOLID.info}
                className="rc-outcome-tag"
                data-testid="evaluation-outcome"
              >
                {pick(ev.label, lang)}
              </Tag>
              {ev.decidedBy ? (
                <Typography.Text type="secondary" className="rc-policy-small">
                  {byEntry('decidedBy', ev.decidedBy.entry)}
                </Typography.Text>
              ) : null}
            </span>
            {band.length > 1 ||
            ev.resultKind === 'notApplicable' ||
            ev.resultKind === 'referred' ? (
              <span data-testid="evaluation-band">
                <EntryOutcomes outcomes={band} />
              </span>
            ) : null}
            {ev.recommendation ? (
              <Typography.Text strong data-testid="evaluation-recommendation">
                {pick(ev.recommendation, lang)}
              </Typography.Text>
            ) : null}
            {description ? <Typography.Text>{pick(description, lang)}</Typography.Text> : null}
            {ev.decidedBy?.note ? (
              <Typography.Text>{pick(ev.decidedBy.note, lang)}</Typography.Text>
            ) : null}
            {ev.possibleOutcomes.length > 1 ? (
              <Typography.Text type="secondary">
                {t('policy.try.possible', {
                  outcomes: ev.possibleOutcomes.map(outcomeLabel).join(t('common.listSeparator')),
                })}
              </Typography.Text>
            ) : null}
            <Typography.Text type="secondary">{pick(ev.time.note, lang)}</Typography.Text>
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {ev.notice ? (
        <Alert
          type="warning"
          showIcon
          className="rc-gap"
          title={t('policy.try.sampleNotice')}
          description={pick(ev.notice, lang)}
        />
      ) : null}

      <DerivedValues ev={ev} />

      <Typography.Title level={5}>{t('policy.try.reasons')}</Typography.Title>
      {ev.reasons.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('policy.try.noReasons')}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          data-testid="evaluation-reasons"
          dataSource={[...ev.reasons]}
          renderItem={(r) => (
            <List.Item>
              <div>
                <RuleKindTag kind={r.kind} />
                <Typography.Text strong>{pick(r.title, lang)}</Typography.Text>{' '}
                <Citations clauses={r.clauses} />
                {r.facts.length ? (
                  <div className="rc-policy-small">
                    <Typography.Text type="secondary">
                      {t('policy.try.facts_used', {
                        facts: r.facts
                          .map((f) =>
                            t('policy.try.factValue', {
                              fact: factLabel(f.fact),
                              value:
                                f.value === null
                                  ? t('policy.try.unknown')
                                  : valueText(facts.get(f.fact), f.value),
                            }),
                          )
                          .join(t('common.listSeparator')),
                      })}
                    </Typography.Text>
                  </div>
                ) : null}
              </div>
            </List.Item>
          )}
        />
      )}

      {ev.whyNot.length ? (
        <>
          <Typography.Title level={5}>{t('policy.try.whyNot')}</Typography.Title>
          <ul className="rc-policy-whynot" data-testid="evaluation-whynot">
            {ev.whyNot.map((w, i) => (
              <li key={`${w.entry}-${i}`}>
                {w.band ? (
                  <EntryOutcomes outcomes={w.band} />
                ) : (
                  <Tag color={OUTCOME_COLOR[w.outcome] ?? SOLID.info}>{pick(w.label, lang)}</Tag>
                )}
                {ladderNo(w.entry) > 0 ? (
                  <span className="rc-policy-small">
                    {t('policy.ladder.step', { n: ladderNo(w.entry) })}
                  </span>
                ) : null}
                {w.precludedBy ? (
                  <div className="rc-policy-small">
                    <Typography.Text type="secondary">
                      {byEntry('precludedBy', w.precludedBy)}
                    </Typography.Text>
                  </div>
                ) : null}
                {w.failed.length ? (
                  <ul className="rc-policy-failures">
                    {w.failed.map((f, j) => (
                      <FailureView key={j} f={f} />
                    ))}
                  </ul>
                ) : (
                  <div className="rc-policy-small">{t('policy.try.noFailures')}</div>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <Typography.Title level={5}>{t('policy.try.missing')}</Typography.Title>
      {ev.missingFacts.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('policy.try.noMissing')}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('policy.try.missingHelp')}
          </Typography.Paragraph>
          <Space wrap data-testid="evaluation-missing">
            {ev.missingFacts.map((id) => (
              <Button key={id} size="small" onClick={() => goToFact(id)}>
                {factLabel(id)}
              </Button>
            ))}
          </Space>
        </>
      )}
    </Card>
  );
}
