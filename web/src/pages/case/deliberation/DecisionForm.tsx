/**
 * The chair's decision: the outcome from the pack's ladder, the minutes of the meeting, and —
 * when the outcome departs from the recommendation — written reasons. Which outcome needs no
 * reasons and how long reasons must be come from the server (GET …/recommendation → decision),
 * so the form checks as the user types what the server will check again. Deciding cannot be
 * undone (only a review or appeal changes it), so it asks first.
 */
import { TEXT_LIMITS } from '../../../shared';
import { Alert, App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import type { CaseView, RecommendationAnswer } from '../../../types';
import { DocumentPreviewButton } from './DocumentPreview';
import { trimmed } from './FormAction';
import { useDeliberationAction } from './useDeliberationAction';
import { voteDraft } from './voteDraft';

const MINUTES = TEXT_LIMITS.minutes;
const MAX_REASONS = TEXT_LIMITS.departureReasons.max;

interface Values {
  outcome?: string;
  minutes?: string;
  departureReasons?: string;
}

export function DecisionForm({
  view,
  answer,
  onChanged,
}: {
  readonly view: CaseView;
  /** Null when the recommendation could not be loaded: the server still checks the reasons. */
  readonly answer: RecommendationAnswer | null;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { modal } = App.useApp();
  const action = useDeliberationAction(view, onChanged);
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const [sending, setSending] = useState(false);

  const ladder = answer?.ladder ?? [];
  const minReasons = answer?.decision.minDepartureReasons ?? 1;
  // The recommended band: deciding within it needs no reasons (empty: every outcome needs them).
  const withoutReasons = answer?.decision.withoutReasons ?? [];
  // Unknown recommendation (not loaded): reasons are optional here and the server decides.
  const departsFor = (o: unknown) =>
    answer !== null && typeof o === 'string' && !withoutReasons.includes(o);
  const departs = departsFor(outcome);
  const labelOf = (id: string) => {
    const o = ladder.find((x) => x.id === id);
    return o ? pick(o.label, lang) : id;
  };

  // The majority of the recorded votes and minutes drafted from them, once the ladder is known
  // (for the outcome labels) and only into fields the chair has not touched.
  const [drafted, setDrafted] = useState(false);
  useEffect(() => {
    if (drafted || !answer) return;
    const draft = voteDraft(view, labelOf, t);
    if (draft.majority && !form.isFieldTouched('outcome')) {
      form.setFieldValue('outcome', draft.majority);
    }
    if (draft.minutes && !form.isFieldTouched('minutes'))
      form.setFieldValue('minutes', draft.minutes);
    setDrafted(true);
    // labelOf and t follow answer and lang; the draft is made once, when the ladder arrives.
  }, [answer, view, drafted, form]);

  // Messages of fields already in error follow a language switch (antd keeps the text it made).
  useEffect(() => {
    const inError = form
      .getFieldsError()
      .filter((f) => f.errors.length > 0)
      .map((f) => f.name);
    if (inError.length > 0) void form.validateFields(inError).catch(() => undefined);
  }, [lang, form]);

  /** The outcome is enough for a preview; the reasons, if any, are shown as written. */
  const readPreview = async () => {
    const values = await form.validateFields(['outcome']).catch(() => null);
    if (!values?.outcome) return null;
    return {
      outcome: values.outcome,
      departureReasons: trimmed(form.getFieldValue('departureReasons')),
    };
  };

  const decide = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values === null || !values.outcome) return;
    const body = {
      outcome: values.outcome,
      minutes: trimmed(values.minutes),
      ...(trimmed(values.departureReasons)
        ? { departureReasons: trimmed(values.departureReasons) }
        : {}),
    };
    modal.confirm({
      title: t('committee.decide.confirmTitle'),
      content: t('committee.decide.confirm', { outcome: labelOf(values.outcome) }),
      okText: t('committee.decide.confirmOk'),
      cancelText: t('committee.action.cancel'),
      onOk: async () => {
        setSending(true);
        try {
          await action.run('decision', body);
        } finally {
          setSending(false);
        }
      },
    });
  };

  return (
    <Card title={t('committee.decide.title')} className="rc-gap" data-testid="decision-form">
      <Typography.Paragraph>{t('committee.decide.intro')}</Typography.Paragraph>
      {drafted && view.members.some((m) => m.vote) ? (
        <Alert type="info" showIcon className="rc-gap" message={t('batch.minutes.prefilled')} />
      ) : null}
      <Form<Values> form={form} layout="vertical" name="deliberation-decision">
        <Form.Item
          name="outcome"
          label={t('committee.decide.outcome')}
          rules={[{ required: true, message: t('committee.decide.outcomeNeeded') }]}
        >
          <Select
            data-testid="decision-outcome"
            options={ladder.map((o) => ({
              value: o.id,
              label: withoutReasons.includes(o.id)
                ? `${pick(o.label, lang)}${t('committee.decide.recommendedMark')}`
                : pick(o.label, lang),
            }))}
          />
        </Form.Item>
        {outcome ? (
          <Typography.Paragraph type="secondary">
            {pick(ladder.find((o) => o.id === outcome)?.description, lang)}
          </Typography.Paragraph>
        ) : null}
        {departs ? (
          <Alert
            type="warning"
            showIcon
            className="rc-gap"
            data-testid="departure-warning"
            title={
              withoutReasons.length === 0
                ? t('committee.decide.undeterminedDeparts', { min: minReasons })
                : t('committee.decide.departs', {
                    recommended: withoutReasons.map(labelOf).join(t('common.listSeparator')),
                    outcome: labelOf(outcome ?? ''),
                    min: minReasons,
                  })
            }
          />
        ) : null}
        <Form.Item
          name="departureReasons"
          label={t('committee.decide.departureReasons')}
          hidden={!departs && answer !== null}
          required={departs}
          dependencies={['outcome']}
          rules={[
            {
              // Reads the outcome from the form, not the last render: it re-runs as it changes.
              validator: async (_, value: unknown) => {
                if (!departsFor(form.getFieldValue('outcome'))) return;
                if ([...trimmed(value)].length < minReasons) {
                  throw new Error(t('committee.decide.reasonsNeeded', { min: minReasons }));
                }
              },
            },
            { max: MAX_REASONS, message: t('committee.tooLong', { max: MAX_REASONS }) },
          ]}
        >
          <Input.TextArea rows={4} data-testid="decision-reasons" />
        </Form.Item>
        <Form.Item
          name="minutes"
          label={t('committee.decide.minutes')}
          extra={t('committee.decide.minutesHelp')}
          required
          rules={[
            {
              validator: async (_, value: unknown) => {
                if ([...trimmed(value)].length < MINUTES.min) {
                  throw new Error(t('committee.decide.minutesNeeded', { min: MINUTES.min }));
                }
              },
            },
            { max: MINUTES.max, message: t('committee.tooLong', { max: MINUTES.max }) },
          ]}
        >
          <Input.TextArea rows={5} data-testid="decision-minutes" />
        </Form.Item>
        {action.error ? (
          <div className="rc-gap">
            <ErrorAlert error={action.error} />
          </div>
        ) : null}
        <Space wrap>
          <Button
            type="primary"
            onClick={() => void decide()}
            loading={sending || action.busy}
            data-testid="decide"
          >
            {t('committee.decide.button')}
          </Button>
          <DocumentPreviewButton view={view} read={readPreview} />
        </Space>
      </Form>
    </Card>
  );
}
