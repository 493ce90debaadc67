/**
 * Recording a standalone risk filing (POST /api/risk-filings), in a drawer over the list: the
 * unit, the initiative, the risks foreseen and the measures, the filing date, the review status
 * with its date and the reviewer's opinion (asked of a rejection: the unit is owed the reasons).
 * Refused fields are marked with the server's message.
 */
import { App, Button, Drawer, Form, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lang';
import { RISK_FILING_STATUSES, TEXT_LIMITS, type RiskFilingStatus } from '../../shared';
import { markFields, todayIso, type CaseFilterOptions } from './model';
import { UnitPicker } from './UnitPicker';

interface Values {
  unitId?: string;
  title?: string;
  risks?: string;
  measures?: string;
  filedOn?: string;
  status?: RiskFilingStatus;
  decidedOn?: string;
  reviewOpinion?: string;
}

const FIELDS = [
  'unitId',
  'title',
  'risks',
  'measures',
  'filedOn',
  'status',
  'decidedOn',
  'reviewOpinion',
];

export function RiskFilingForm({
  open,
  units,
  onClose,
  onRecorded,
}: {
  readonly open: boolean;
  readonly units: CaseFilterOptions['units'];
  readonly onClose: () => void;
  readonly onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const status = Form.useWatch('status', form);
  const today = todayIso();

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/risk-filings', {
        unitId: v.unitId,
        title: v.title?.trim(),
        risks: v.risks?.trim(),
        measures: v.measures?.trim(),
        filedOn: v.filedOn,
        status: v.status,
        ...(v.status !== 'pending' && v.decidedOn ? { decidedOn: v.decidedOn } : {}),
        ...(v.reviewOpinion?.trim() ? { reviewOpinion: v.reviewOpinion.trim() } : {}),
      });
      void message.success(t('intake.form.recorded', { title: v.title?.trim() }));
      form.resetFields();
      onRecorded();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) markFields(form, e.details, e.text, FIELDS, lang);
    } finally {
      setBusy(false);
    }
  }

  const between = (limit: { min: number; max: number }) => ({
    ...limit,
    message: t('intake.form.between', limit),
  });
  const notFuture = {
    validator: async (_r: unknown, v: string | undefined) => {
      if (v && v > today) throw new Error(t('intake.form.notFuture'));
    },
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('intake.form.title')}
      size={560}
      rootClassName="rc-intake-drawer"
      forceRender
      footer={
        <Space>
          <Button
            type="primary"
            loading={busy}
            onClick={() => form.submit()}
            data-testid="filing-submit"
          >
            {t('intake.form.submit')}
          </Button>
          <Button onClick={onClose}>{t('intake.form.cancel')}</Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="risk-filing"
        initialValues={{ status: 'pending', filedOn: today }}
        onFinish={(v) => void submit(v)}
        scrollToFirstError
      >
        <Form.Item
          name="unitId"
          label={t('intake.form.unit')}
          rules={[{ required: true, message: t('intake.form.unitRequired') }]}
        >
          <UnitPicker units={units} placeholder={t('intake.form.unitPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('intake.form.initiative')}
          extra={t('intake.form.initiativeHelp')}
          rules={[
            { required: true, whitespace: true, message: t('intake.form.initiativeRequired') },
            between(TEXT_LIMITS.riskFilingTitle),
          ]}
        >
          <Input maxLength={TEXT_LIMITS.riskFilingTitle.max} />
        </Form.Item>
        <Form.Item
          name="risks"
          label={t('intake.form.risks')}
          rules={[
            { required: true, whitespace: true, message: t('intake.form.risksRequired') },
            between(TEXT_LIMITS.riskFilingRisks),
          ]}
        >
          <Input.TextArea rows={3} maxLength={TEXT_LIMITS.riskFilingRisks.max} />
        </Form.Item>
        <Form.Item
          name="measures"
          label={t('intake.form.measures')}
          rules={[
            { required: true, whitespace: true, message: t('intake.form.measuresRequired') },
            between(TEXT_LIMITS.riskFilingMeasures),
          ]}
        >
          <Input.TextArea rows={3} maxLength={TEXT_LIMITS.riskFilingMeasures.max} />
        </Form.Item>
        <Form.Item
          name="filedOn"
          label={t('intake.form.filedOn')}
          rules={[{ required: true, message: t('intake.form.filedOnRequired') }, notFuture]}
        >
          <Input type="date" max={today} />
        </Form.Item>
        <Form.Item name="status" label={t('intake.form.status')}>
          <Radio.Group
            options={RISK_FILING_STATUSES.map((s) => ({
              value: s,
              label: t(`intake.statuses.${s}`),
            }))}
          />
        </Form.Item>
        {status && status !== 'pending' ? (
          <Form.Item
            name="decidedOn"
            label={t('intake.form.decidedOn')}
            extra={t('intake.form.decidedOnHelp')}
            dependencies={['filedOn']}
            rules={[
              notFuture,
              ({ getFieldValue }) => ({
                validator: async (_r, v: string | undefined) => {
                  const filed = getFieldValue('filedOn') as string | undefined;
                  if (v && filed && v < filed) throw new Error(t('intake.form.decidedEarly'));
                },
              }),
            ]}
          >
            <Input type="date" max={today} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reviewOpinion"
          label={t('intake.form.reviewOpinion')}
          rules={[
            {
              required: status === 'rejected',
              whitespace: true,
              message: t('intake.form.reviewOpinionRequired'),
            },
            { max: TEXT_LIMITS.reviewOpinion.max },
          ]}
        >
          <Input.TextArea rows={3} maxLength={TEXT_LIMITS.reviewOpinion.max} />
        </Form.Item>
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
    </Drawer>
  );
}
