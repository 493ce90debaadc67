/**
 * A rule's condition tree in words: "all of these hold", "any of these", "this does not hold",
 * comparisons with the fact's label and the value's label ("直接经济损失 超过 10,000,000 元"),
 * references to other rules (a link that selects the rule) and to predicates (shown inline).
 */
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { NONE } from '../../components/NoneOr';
import { usePack } from './context';
import type { Condition, PolicyFact } from './model';

/** A fact value in words: yes/no, the enum value's label, a number with its unit. */
export function useValueText() {
  const { t } = useTranslation();
  const { lang } = usePack();
  return (fact: PolicyFact | undefined, v: unknown): string => {
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (v === NONE && fact?.none) return pick(fact.none, lang);
    if (typeof v === 'number') {
      const unit = fact?.unit
        ? typeof fact.unit === 'string'
          ? fact.unit
          : pick(fact.unit, lang)
        : '';
      const n = new Intl.NumberFormat(lang === 'en' ? 'en' : 'zh-CN').format(v);
      return unit ? `${n} ${unit}` : n;
    }
    if (typeof v === 'string') {
      const label = fact?.values?.find((x) => x.value === v)?.label;
      return label ? pick(label, lang) : v;
    }
    return String(v);
  };
}

function Compare({ c }: { readonly c: Condition }) {
  const { t } = useTranslation();
  const { facts, lang } = usePack();
  const valueText = useValueText();
  const fact = c.fact ? facts.get(c.fact) : undefined;
  const label = fact ? pick(fact.label, lang) : (c.fact ?? '');
  const op = t(`policy.cond.op.${c.op ?? 'eq'}`);
  if (c.op === 'within' && c.value && typeof c.value === 'object' && !Array.isArray(c.value)) {
    const span = c.value as { years?: number; months?: number; days?: number };
    const parts = [
      span.years ? t('policy.cond.spanYears', { count: span.years }) : '',
      span.months ? t('policy.cond.spanMonths', { count: span.months }) : '',
      span.days ? t('policy.cond.spanDays', { count: span.days }) : '',
    ].filter(Boolean);
    return (
      <span className="rc-cond-compare">
        <span className="rc-cond-fact">{label}</span> {op}{' '}
        {t('policy.cond.withinSpan', { span: parts.join(lang === 'en' ? ' and ' : '') })}
      </span>
    );
  }
  const values = Array.isArray(c.value) ? (c.value as unknown[]) : [c.value];
  const shown = values
    .map((v) =>
      typeof v === 'number'
        ? valueText(fact, v)
        : t('policy.cond.quoted', { value: valueText(fact, v) }),
    )
    .join(t('common.listSeparator'));
  return (
    <span className="rc-cond-compare">
      <span className="rc-cond-fact">{label}</span>
      {fact?.derived
        ? t('policy.cond.derivedFrom', { formula: pick(fact.derived, lang) })
        : null}{' '}
      {op} {shown}
    </span>
  );
}

export function ConditionView({
  c,
  depth = 0,
}: {
  readonly c: Condition;
  readonly depth?: number;
}) {
  const { t } = useTranslation();
  const { rules, predicates, lang, select } = usePack();
  const note = c.note ? (
    <span className="rc-cond-note">{t('policy.cond.noteWrap', { note: pick(c.note, lang) })}</span>
  ) : null;
  switch (c.kind) {
    case 'all':
    case 'any': {
      const list = (Array.isArray(c.of) ? c.of : []) as readonly Condition[];
      return (
        <div className="rc-cond-group">
          <span>
            {t(c.kind === 'all' ? 'policy.cond.all' : 'policy.cond.any')}
            {note}
          </span>
          <ul>
            {list.map((x, i) => (
              <li key={i}>
                <ConditionView c={x} depth={depth + 1} />
              </li>
            ))}
          </ul>
        </div>
      );
    }
    case 'not':
      return (
        <div className="rc-cond-group">
          <span>
            {t('policy.cond.not')}
            {note}
          </span>
          <ul>
            <li>
              {c.of && !Array.isArray(c.of) ? (
                <ConditionView c={c.of as Condition} depth={depth + 1} />
              ) : null}
            </li>
          </ul>
        </div>
      );
    case 'compare':
      return (
        <>
          <Compare c={c} />
          {note}
        </>
      );
    case 'rule': {
      const r = c.id ? rules.get(c.id) : undefined;
      return (
        <>
          <Button
            type="link"
            size="small"
            className="rc-inline-link"
            onClick={() => c.id && select('rule', c.id)}
          >
            {t('policy.cond.rule', { title: r ? pick(r.title, lang) : c.id })}
          </Button>
          {note}
        </>
      );
    }
    case 'predicate': {
      const p = c.id ? predicates.get(c.id) : undefined;
      return (
        <div className="rc-cond-group">
          <span>
            {t('policy.cond.predicate', { title: p ? pick(p.title, lang) : c.id })}
            {note}
          </span>
          {/* Predicates are named sub-conditions; shown once inline, not expanded again below. */}
          {p && depth < 4 ? (
            <div className="rc-cond-predicate">
              <ConditionView c={p.when} depth={depth + 1} />
            </div>
          ) : null}
        </div>
      );
    }
  }
}
