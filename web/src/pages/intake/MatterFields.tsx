/**
 * The fields an accountability matter is registered with, on the ex-officio screen and the joint
 * matter's form alike: where it came from, the dates of the conduct and of the opening, and the
 * summary; and the fold of the facts the measure weighs that may be recorded with it.
 */
import { Collapse, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MATTER_SOURCES, TEXT_LIMITS } from '../../shared';
import type { PackFact } from '../case/model';
import { FactQuestion } from '../official/FactQuestion';

/** Where the matter came from, its dates and its summary. */
export function MatterFields({ today }: { readonly today: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="source"
        label={t('intake.exOfficio.source')}
        rules={[{ required: true, message: t('intake.exOfficio.sourceRequired') }]}
      >
        <Select
          aria-label={t('intake.exOfficio.source')}
          placeholder={t('intake.exOfficio.sourcePlaceholder')}
          options={MATTER_SOURCES.map((s) => ({ value: s, label: t(`intake.sources.${s}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="sourceDetail"
        label={t('intake.exOfficio.sourceDetail')}
        extra={t('intake.exOfficio.sourceDetailHelp')}
        rules={[{ max: TEXT_LIMITS.matterSourceDetail.max }]}
      >
        <Input maxLength={TEXT_LIMITS.matterSourceDetail.max} />
      </Form.Item>
      <DateFields today={today} />
      <Form.Item
        name="summary"
        label={t('intake.exOfficio.summary')}
        extra={t('intake.exOfficio.summaryHelp')}
        rules={[
          { required: true, whitespace: true, message: t('intake.exOfficio.summaryRequired') },
          {
            min: TEXT_LIMITS.exOfficioSummary.min,
            max: TEXT_LIMITS.exOfficioSummary.max,
            message: t('intake.form.between', TEXT_LIMITS.exOfficioSummary),
          },
        ]}
      >
        <Input.TextArea rows={5} maxLength={TEXT_LIMITS.exOfficioSummary.max} showCount />
      </Form.Item>
    </>
  );
}

/** The facts the measure weighs, in a fold; nothing when there are none to ask. */
export function FactsFold(props: {
  readonly facts: readonly PackFact[];
  readonly label: string;
  readonly help: string;
}) {
  if (props.facts.length === 0) return null;
  return (
    <Collapse
      className="rc-intake-facts"
      items={[
        {
          key: 'facts',
          forceRender: true,
          label: props.label,
          children: (
            <>
              <Typography.Paragraph type="secondary">{props.help}</Typography.Paragraph>
              {props.facts.map((f, i) => (
                <FactQuestion key={f.id} fact={f} index={i} matters={false} />
              ))}
            </>
          ),
        },
      ]}
    />
  );
}

/** The date the check opened (on or after the conduct) and the date of the conduct. */
function DateFields({ today }: { readonly today: string }) {
  const { t } = useTranslation();
  const notFuture = { max: today };
  return (
    <div className="rc-intake-dates">
      <Form.Item
        name="conductDate"
        label={t('intake.exOfficio.conductDate')}
        rules={[
          { required: true, message: t('intake.exOfficio.conductDateRequired') },
          {
            validator: async (_r, v: string | undefined) => {
              if (v && v > today) throw new Error(t('intake.form.notFuture'));
            },
          },
        ]}
      >
        <Input type="date" {...notFuture} />
      </Form.Item>
      <Form.Item
        name="openedOn"
        label={t('intake.exOfficio.openedOn')}
        dependencies={['conductDate']}
        rules={[
          { required: true, message: t('intake.exOfficio.openedOnRequired') },
          ({ getFieldValue }) => ({
            validator: async (_r, v: string | undefined) => {
              if (v && v > today) throw new Error(t('intake.form.notFuture'));
              const conduct = getFieldValue('conductDate') as string | undefined;
              if (v && conduct && v < conduct) throw new Error(t('intake.exOfficio.openedEarly'));
            },
          }),
        ]}
      >
        <Input type="date" {...notFuture} />
      </Form.Item>
    </div>
  );
}
