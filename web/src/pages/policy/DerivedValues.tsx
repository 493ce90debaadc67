/**
 * The derived facts of an evaluation (computed from others by the pack's formula): each with its
 * value, or “cannot be computed” and why, and its formula with the inputs it was computed from.
 */
import { List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useValueText } from './ConditionView';
import { usePack } from './context';
import type { Evaluation } from './model';

export function DerivedValues({ ev }: { readonly ev: Evaluation }) {
  const { t } = useTranslation();
  const { lang, facts } = usePack();
  const valueText = useValueText();
  if (!ev.derived || ev.derived.length === 0) return null;
  return (
    <>
      <Typography.Title level={5}>{t('policy.try.derived')}</Typography.Title>
      <List
        size="small"
        data-testid="evaluation-derived"
        dataSource={[...ev.derived]}
        renderItem={(d) => (
          <List.Item>
            <Typography.Text>
              {t('policy.try.derivedValue', {
                fact: pick(d.label, lang),
                value:
                  d.value === null
                    ? t('policy.try.notComputed')
                    : valueText(facts.get(d.fact), d.value),
                formula: pick(d.formula, lang),
                inputs: d.inputs
                  .map(
                    (i) =>
                      `${pick(facts.get(i.fact)?.label, lang) || i.fact} ${
                        i.value === null
                          ? t('policy.try.unknown')
                          : valueText(facts.get(i.fact), i.value)
                      }`,
                  )
                  .join(t('common.listSeparator')),
              })}
              {d.note ? ` ${pick(d.note, lang)}` : ''}
            </Typography.Text>
          </List.Item>
        )}
      />
    </>
  );
}
