/**
 * The clauses of the measure beside the rules that implement them. Choosing a rule marks the
 * clauses it rests on; choosing a clause marks the rules that rest on it; the marked items are
 * scrolled into view in their column.
 */
import { Button, Empty, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { SOLID } from './colors';
import { ConditionView } from './ConditionView';
import { domId, usePack } from './context';
import type { PolicyClause, PolicyRule, RuleKind } from './model';

const KIND_COLOR: Record<RuleKind, string> = {
  exclusion: SOLID.danger,
  condition: SOLID.info,
  situation: SOLID.success,
  mitigation: SOLID.warning,
  aggravation: SOLID.brown,
  immunity: SOLID.teal,
  other: SOLID.neutral,
};

export function RuleKindTag({ kind }: { readonly kind: RuleKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLOR[kind] ?? SOLID.neutral}>{t(`policy.rules.kind.${kind}`)}</Tag>;
}

function ClauseItem({
  c,
  marked,
  selected,
}: {
  readonly c: PolicyClause;
  readonly marked: boolean;
  readonly selected: boolean;
}) {
  const { t } = useTranslation();
  const { lang, select, rulesByClause, packId, packTitle } = usePack();
  const citing = rulesByClause.get(c.id) ?? [];
  return (
    <li
      id={domId.clause(c.id)}
      className={`rc-policy-item${marked ? ' rc-marked' : ''}${selected ? ' rc-selected' : ''}`}
      data-testid={`clause-${c.id}`}
      data-marked={marked || selected ? 'true' : 'false'}
    >
      <Button
        type="link"
        className="rc-policy-item-head"
        aria-pressed={selected}
        onClick={() => select('clause', c.id)}
      >
        {pick(c.article, lang)}
      </Button>
      {c.origin !== packId ? (
        <Tag>{t('policy.clauses.inherited', { pack: packTitle(c.origin) })}</Tag>
      ) : null}
      <Typography.Paragraph className="rc-policy-clause-text">
        {pick(c.text, lang)}
      </Typography.Paragraph>
      <Typography.Text type="secondary" className="rc-policy-small">
        {citing.length
          ? t('policy.clauses.citedBy', { count: citing.length })
          : t('policy.clauses.notCited')}
      </Typography.Text>
    </li>
  );
}

function RuleItem({
  r,
  marked,
  selected,
}: {
  readonly r: PolicyRule;
  readonly marked: boolean;
  readonly selected: boolean;
}) {
  const { t } = useTranslation();
  const { lang, select, clauses, packId, packTitle } = usePack();
  return (
    <li
      id={domId.rule(r.id)}
      className={`rc-policy-item${marked ? ' rc-marked' : ''}${selected ? ' rc-selected' : ''}`}
      data-testid={`rule-${r.id}`}
      data-marked={marked || selected ? 'true' : 'false'}
    >
      <div>
        <RuleKindTag kind={r.kind} />
        <Button
          type="link"
          className="rc-policy-item-head"
          aria-pressed={selected}
          onClick={() => select('rule', r.id)}
        >
          {pick(r.title, lang)}
        </Button>
        {r.origin !== packId ? (
          <Tag>{t('policy.clauses.inherited', { pack: packTitle(r.origin) })}</Tag>
        ) : null}
      </div>
      <div className="rc-policy-small">
        <Typography.Text type="secondary">{t('policy.rules.clausesColon')}</Typography.Text>
        {r.clauses.length === 0 ? (
          <Typography.Text type="warning">{t('policy.rules.noClause')}</Typography.Text>
        ) : (
          r.clauses.map((id) => (
            <Button
              key={id}
              size="small"
              type="link"
              className="rc-inline-link"
              onClick={() => select('clause', id)}
            >
              {clauses.get(id) ? pick(clauses.get(id)!.article, lang) : id}
            </Button>
          ))
        )}
      </div>
      <div className="rc-policy-when">
        <div>
          <Typography.Text type="secondary" className="rc-policy-small">
            {t('policy.rules.when')}
          </Typography.Text>
        </div>
        <ConditionView c={r.when} />
      </div>
    </li>
  );
}

export function ClausesAndRules() {
  const { t } = useTranslation();
  const { eff, lang, selection, clearSelection } = usePack();
  const [kind, setKind] = useState<RuleKind | 'all'>('all');

  const { markedClauses, markedRules } = useMemo(() => {
    const mc = new Set<string>();
    const mr = new Set<string>();
    if (selection?.kind === 'rule') {
      for (const c of eff.rules.find((r) => r.id === selection.id)?.clauses ?? []) mc.add(c);
    } else if (selection?.kind === 'clause') {
      for (const r of eff.rules) if (r.clauses.includes(selection.id)) mr.add(r.id);
    }
    return { markedClauses: mc, markedRules: mr };
  }, [eff, selection]);

  // A rule chosen while hidden by the kind filter is shown anyway.
  const visibleRules = eff.rules.filter(
    (r) =>
      kind === 'all' ||
      r.kind === kind ||
      markedRules.has(r.id) ||
      (selection?.kind === 'rule' && selection.id === r.id),
  );

  useEffect(() => {
    if (!selection) return;
    const own = document.getElementById(
      selection.kind === 'rule' ? domId.rule(selection.id) : domId.clause(selection.id),
    );
    const firstOther =
      selection.kind === 'rule'
        ? [...markedClauses].map((id) => document.getElementById(domId.clause(id))).find(Boolean)
        : [...markedRules].map((id) => document.getElementById(domId.rule(id))).find(Boolean);
    own?.scrollIntoView({ block: 'nearest' });
    firstOther?.scrollIntoView({ block: 'nearest' });
  }, [selection, markedClauses, markedRules]);

  const sources = new Map(eff.sources.map((s) => [s.id, s]));
  const bySource = new Map<string, PolicyClause[]>();
  for (const c of eff.clauses) bySource.set(c.source, [...(bySource.get(c.source) ?? []), c]);
  const kinds = [...new Set(eff.rules.map((r) => r.kind))];

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('policy.clauses.hint')}</Typography.Paragraph>
      {selection ? (
        <Space className="rc-gap">
          <Tag color={SOLID.info}>
            {selection.kind === 'rule'
              ? t('policy.rules.selected', {
                  title: pick(
                    eff.rules.find((r) => r.id === selection.id)?.title ?? {
                      zh: selection.id,
                      en: selection.id,
                    },
                    lang,
                  ),
                })
              : pick(
                  eff.clauses.find((c) => c.id === selection.id)?.article ?? {
                    zh: selection.id,
                    en: selection.id,
                  },
                  lang,
                )}
          </Tag>
          <Button size="small" onClick={clearSelection}>
            {t('policy.rules.clear')}
          </Button>
        </Space>
      ) : null}
      <div className="rc-policy-columns">
        <section aria-labelledby="rc-clauses-title" className="rc-policy-column">
          <Typography.Title level={4} id="rc-clauses-title">
            {t('policy.clauses.title')}
          </Typography.Title>
          <div
            className="rc-policy-scroll"
            tabIndex={0}
            aria-labelledby="rc-clauses-title"
            data-testid="clauses"
          >
            {[...bySource.entries()].map(([sourceId, list]) => {
              const s = sources.get(sourceId);
              return (
                <div key={sourceId}>
                  <Typography.Title level={5} className="rc-policy-source">
                    {s ? pick(s.title, lang) : sourceId}
                    {s?.number ? <span className="rc-policy-small">（{s.number}）</span> : null}
                  </Typography.Title>
                  <ul className="rc-policy-list">
                    {list.map((c) => (
                      <ClauseItem
                        key={c.id}
                        c={c}
                        marked={markedClauses.has(c.id)}
                        selected={selection?.kind === 'clause' && selection.id === c.id}
                      />
                    ))}
                  </ul>
                </div>
              );
            })}
          </div>
        </section>
        <section aria-labelledby="rc-rules-title" className="rc-policy-column">
          <Typography.Title level={4} id="rc-rules-title">
            {t('policy.rules.title')}
          </Typography.Title>
          <Select
            aria-label={t('policy.rules.filter')}
            className="rc-policy-filter"
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: t('policy.rules.all') },
              ...kinds.map((k) => ({ value: k, label: t(`policy.rules.kind.${k}`) })),
            ]}
          />
          <div
            className="rc-policy-scroll"
            tabIndex={0}
            aria-labelledby="rc-rules-title"
            data-testid="rules"
          >
            {visibleRules.length === 0 ? (
              <Empty description={t('policy.rules.empty')} />
            ) : (
              <ul className="rc-policy-list">
                {visibleRules.map((r) => (
                  <RuleItem
                    key={r.id}
                    r={r}
                    marked={markedRules.has(r.id)}
                    selected={selection?.kind === 'rule' && selection.id === r.id}
                  />
                ))}
              </ul>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
