/**
 * "Try a scenario": the pack's facts as a form, the conduct date and an optional decision date;
 * POST /api/policy/evaluate answers with the recommended outcome and its reasons. Nothing here
 * decides anything: the engine on the server does, and the answer is shown as it comes.
 */
import { Button, Card, DatePicker, Form, Popconfirm, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePack } from './context';
import { EvaluationResult } from './EvaluationResult';
import { askable } from '../../components/NoneOr';
import { FactInput, UNKNOWN } from './FactInput';
import type { Evaluation } from './model';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface TryValues {
  readonly at?: string;
  readonly decidedAt?: string;
  readonly facts?: Record<string, unknown>;
}

const dateProps = {
  getValueProps: (v: unknown) => ({
    value: typeof v === 'string' && ISO_DATE.test(v) ? dayjs(v) : undefined,
  }),
  normalize: (v: dayjs.Dayjs | null) => (v ? v.format('YYYY-MM-DD') : undefined),
};

/** The form's answers as the engine's fact set: unknown answers are left out. */
export function factsOf(
  values: Record<string, unknown> | undefined,
): Record<string, boolean | string | number> {
  const out: Record<string, boolean | string | number> = {};
  for (const [id, v] of Object.entries(values ?? {})) {
    if (v === undefined || v === null || v === '' || v === UNKNOWN) continue;
    if (v === 'yes') out[id] = true;
    else if (v === 'no') out[id] = false;
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[id] = v;
  }
  return out;
}

export function TryScenario({ defaultDate }: { readonly defaultDate: string }) {
  const { t } = useTranslation();
  const { eff, packId } = usePack();
  const [form] = Form.useForm<TryValues>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ev: Evaluation } | { error: unknown } | null>(null);

  const submit = async (values: TryValues) => {
    setBusy(true);
    try {
      const answer = await api<{ evaluation: Evaluation }>('POST', '/api/policy/evaluate', {
        packId,
        facts: factsOf(values.facts),
        at: values.at,
        ...(values.decidedAt ? { decidedAt: values.decidedAt } : {}),
      });
      setResult({ ev: answer.evaluation });
    } catch (e) {
      setResult({ error: e });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rc-policy-try">
      <Card title={t('policy.try.title')} className="rc-gap">
        <Typography.Paragraph type="secondary">{t('policy.try.hint')}</Typography.Paragraph>
        <Form<TryValues>
          form={form}
          layout="vertical"
          initialValues={{ at: defaultDate }}
          onFinish={(v) => void submit(v)}
          data-testid="try-form"
        >
          <Space wrap align="start">
            <Form.Item
              name="at"
              htmlFor="rc-try-at"
              label={t('policy.try.conductDate')}
              extra={t('policy.try.conductDateHelp')}
              rules={[{ required: true, message: t('policy.try.conductDateRequired') }]}
              {...dateProps}
            >
              <DatePicker id="rc-try-at" data-testid="try-at" />
            </Form.Item>
            <Form.Item
              name="decidedAt"
              htmlFor="rc-try-decided"
              label={t('policy.try.decisionDate')}
              extra={t('policy.try.decisionDateHelp')}
              dependencies={['at']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_r, v: unknown) => {
                    const at = getFieldValue('at') as unknown;
                    if (typeof v === 'string' && typeof at === 'string' && v < at) {
                      throw new Error(t('policy.try.decisionBeforeConduct'));
                    }
                  },
                }),
              ]}
              {...dateProps}
            >
              <DatePicker id="rc-try-decided" data-testid="try-decided" />
            </Form.Item>
          </Space>
          <Typography.Title level={5}>{t('policy.try.facts')}</Typography.Title>
          <div className="rc-policy-facts">
            {askable(eff.facts).map((f) => (
              <FactInput key={f.id} fact={f} />
            ))}
          </div>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="try-submit">
              {t('policy.try.submit')}
            </Button>
            <Popconfirm
              title={t('policy.try.resetConfirm')}
              okText={t('policy.try.ok')}
              cancelText={t('policy.try.cancel')}
              onConfirm={() => {
                form.resetFields();
                setResult(null);
              }}
            >
              <Button data-testid="try-reset">{t('policy.try.reset')}</Button>
            </Popconfirm>
          </Space>
        </Form>
      </Card>
      {result === null ? null : 'ev' in result ? (
        <EvaluationResult ev={result.ev} />
      ) : (
        <ErrorAlert error={result.error} title={t('policy.try.failed')} />
      )}
    </div>
  );
}
