/**
 * One fact of the pack as a typed question: yes / no / unknown for a boolean, a choice for an
 * enum, a number with its unit and bounds, a date. Left empty (or "unknown"), the fact is unknown
 * to the engine. The help text of the pack is shown under each.
 */
import { DatePicker, Form, InputNumber, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { NONE, NoneOr } from '../../components/NoneOr';
import { domId, usePack } from './context';
import type { PolicyFact } from './model';

/** A boolean's radio value: the engine gets true, false or nothing. */
export const UNKNOWN = 'unknown';

export function FactInput({ fact }: { readonly fact: PolicyFact }) {
  const { t } = useTranslation();
  const { lang } = usePack();
  const id = domId.fact(fact.id);
  const common = {
    name: ['facts', fact.id],
    // The label points at the input by the id set on it (scrolled to from "missing facts").
    htmlFor: id,
    label: pick(fact.label, lang),
    extra: pick(fact.help, lang),
    className: 'rc-policy-fact',
  };
  switch (fact.type) {
    case 'boolean':
      return (
        <Form.Item {...common} htmlFor={`${id}-group`} initialValue={UNKNOWN}>
          <Radio.Group
            id={`${id}-group`}
            data-testid={`fact-${fact.id}`}
            aria-label={pick(fact.label, lang)}
            optionType="button"
            options={[
              { value: UNKNOWN, label: t('policy.try.unknown') },
              { value: 'yes', label: t('policy.try.yes') },
              { value: 'no', label: t('policy.try.no') },
            ]}
          />
        </Form.Item>
      );
    case 'enum':
      return (
        <Form.Item {...common}>
          <Select
            id={id}
            data-testid={`fact-${fact.id}`}
            allowClear
            placeholder={t('policy.try.unknown')}
            options={(fact.values ?? []).map((v) => ({
              value: v.value,
              label: pick(v.label, lang),
            }))}
          />
        </Form.Item>
      );
    case 'number': {
      const unit = fact.unit
        ? typeof fact.unit === 'string'
          ? fact.unit
          : pick(fact.unit, lang)
        : '';
      return (
        <Form.Item
          {...common}
          rules={[
            {
              validator: async (_r, v: unknown) => {
                if (v === null || v === undefined || typeof v !== 'number') return;
                if (fact.integer && !Number.isInteger(v)) throw new Error(t('policy.try.integer'));
                if (fact.min !== null && fact.max !== null && (v < fact.min || v > fact.max)) {
                  throw new Error(t('policy.try.numberRange', { min: fact.min, max: fact.max }));
                }
                if (fact.min !== null && v < fact.min)
                  throw new Error(t('policy.try.numberMin', { min: fact.min }));
                if (fact.max !== null && v > fact.max)
                  throw new Error(t('policy.try.numberMax', { max: fact.max }));
              },
            },
          ]}
        >
          <NoneOr none={fact.none} lang={lang} testId={`fact-${fact.id}`}>
            <InputNumber<number>
              id={id}
              data-testid={`fact-${fact.id}`}
              className="rc-policy-number"
              placeholder={t('policy.try.unknown')}
              {...(fact.integer ? { precision: 0 } : {})}
              {...(unit ? { suffix: unit } : {})}
            />
          </NoneOr>
        </Form.Item>
      );
    }
    case 'date':
      return (
        <Form.Item
          {...common}
          getValueProps={(v: unknown) => ({
            value: typeof v === 'string' && v !== NONE ? dayjs(v) : v,
          })}
          normalize={(v: dayjs.Dayjs | typeof NONE | null) =>
            v === NONE ? NONE : v ? v.format('YYYY-MM-DD') : undefined
          }
        >
          <NoneOr none={fact.none} lang={lang} testId={`fact-${fact.id}`}>
            <DatePicker
              id={id}
              data-testid={`fact-${fact.id}`}
              placeholder={t('policy.try.unknown')}
            />
          </NoneOr>
        </Form.Item>
      );
  }
}
