/**
 * One question of the application: a fact of the pack, asked by its label with its help text
 * under it, answered by type — yes / no for booleans, one of the values for enums, a number
 * (with unit and bounds) or a date. "Not sure" leaves the fact unknown: the assessment then
 * says whether it still matters.
 */
import { DatePicker, Form, InputNumber, Radio, Tag } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { NONE, NoneOr } from '../../components/NoneOr';
import type { ApplyFact } from './types';

/** The answer that leaves a fact unknown (never a value of any pack's enum: those are codes). */
export const NOT_SURE = '__not_sure__';

export function factFieldId(factId: string): string {
  return `apply-fact-${factId}`;
}

/** What every question's form item has: the field, the label, the help text, the class. */
interface CommonProps {
  name: string[];
  label: ReactNode;
  extra: string;
  className: string;
}

/** The bounds of a number, in words, if it has any. */
function boundsText(fact: ApplyFact, t: (k: string, o?: Record<string, unknown>) => string) {
  if (fact.min !== null && fact.max !== null) {
    return t('official.apply.between', { min: fact.min, max: fact.max });
  }
  if (fact.min !== null) return t('official.apply.atLeast', { min: fact.min });
  return fact.max !== null ? t('official.apply.atMost', { max: fact.max }) : null;
}

/** A number question: checked for type, whole numbers and the pack's bounds as it is typed. */
function NumberQuestion({
  fact,
  id,
  common,
}: {
  readonly fact: ApplyFact;
  readonly id: string;
  readonly common: CommonProps;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const bounds = boundsText(fact, t);
  return (
    <Form.Item
      {...common}
      htmlFor={id}
      extra={bounds ? `${pick(fact.help, lang)} ${bounds}` : pick(fact.help, lang)}
      rules={[
        {
          validator: async (_r, v: unknown) => {
            if (v === null || v === undefined || v === NONE) return;
            if (typeof v !== 'number' || !Number.isFinite(v))
              throw new Error(t('official.apply.notANumber'));
            if (fact.integer && !Number.isInteger(v))
              throw new Error(t('official.apply.wholeNumber'));
            if (fact.min !== null && v < fact.min)
              throw new Error(t('official.apply.tooSmall', { min: fact.min }));
            if (fact.max !== null && v > fact.max)
              throw new Error(t('official.apply.tooLarge', { max: fact.max }));
          },
        },
      ]}
    >
      <NoneOr none={fact.none} lang={lang} testId={id}>
        <InputNumber<number>
          id={id}
          className="rc-apply-number"
          {...(fact.integer ? { precision: 0 } : {})}
          {...(fact.unit ? { suffix: pick(fact.unit, lang) } : {})}
        />
      </NoneOr>
    </Form.Item>
  );
}

export function FactQuestion({
  fact,
  index,
  matters,
}: {
  readonly fact: ApplyFact;
  readonly index: number;
  /** The current assessment says this fact still matters. */
  readonly matters: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = factFieldId(fact.id);
  const label = (
    <span>
      {t('official.apply.questionNumber', { n: index + 1 })} {pick(fact.label, lang)}
      {matters ? (
        <Tag color="gold" className="rc-apply-matters">
          {t('official.apply.stillMatters')}
        </Tag>
      ) : null}
    </span>
  );
  const common: CommonProps = {
    name: ['facts', fact.id],
    label,
    extra: pick(fact.help, lang),
    className: 'rc-apply-question',
  };

  switch (fact.type) {
    case 'boolean':
      return (
        <Form.Item {...common} htmlFor={undefined}>
          <Radio.Group
            id={id}
            aria-label={pick(fact.label, lang)}
            options={[
              { value: true, label: t('official.apply.yes') },
              { value: false, label: t('official.apply.no') },
              { value: NOT_SURE, label: t('official.apply.notSure') },
            ]}
          />
        </Form.Item>
      );
    case 'enum':
      return (
        <Form.Item {...common} htmlFor={undefined}>
          <Radio.Group
            id={id}
            aria-label={pick(fact.label, lang)}
            className="rc-apply-enum"
            options={[
              ...(fact.values ?? []).map((v) => ({ value: v.value, label: pick(v.label, lang) })),
              { value: NOT_SURE, label: t('official.apply.notSure') },
            ]}
          />
        </Form.Item>
      );
    case 'number':
      return <NumberQuestion fact={fact} id={id} common={common} />;
    case 'date':
      return (
        <Form.Item
          {...common}
          htmlFor={id}
          getValueProps={(v: unknown) => ({
            value: typeof v === 'string' && v !== NONE ? dayjs(v) : v,
          })}
          normalize={(v: dayjs.Dayjs | typeof NONE | null) =>
            v === NONE ? NONE : v ? v.format('YYYY-MM-DD') : undefined
          }
        >
          <NoneOr none={fact.none} lang={lang} testId={id}>
            <DatePicker id={id} />
          </NoneOr>
        </Form.Item>
      );
  }
}
