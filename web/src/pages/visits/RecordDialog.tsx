/** Recording a visit's result (POST /api/visits/{id}/record): when, who, what was found, conclusion. */
import { Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lang';
import { pick } from '../../i18n';
import { TEXT_LIMITS, VISIT_CONCLUSION_LABEL, VISIT_CONCLUSIONS } from '../../shared';
import { markFields, todayIso } from '../intake/model';
import type { VisitItem } from './model';

interface Values {
  visitedOn?: string;
  visitors?: string;
  findings?: string;
  conclusion?: string;
}

const FIELDS = ['visitedOn', 'visitors', 'findings', 'conclusion'];

export function RecordDialog({
  visit,
  onClose,
  onRecorded,
}: {
  readonly visit: VisitItem | null;
  readonly onClose: () => void;
  readonly onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const today = todayIso();

  async function save(v: Values) {
    if (!visit) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/visits/${visit.id}/record`, {
        expectedVersion: visit.caseVersion,
        visitedOn: v.visitedOn,
        visitors: v.visitors?.trim(),
        findings: v.findings?.trim(),
        conclusion: v.conclusion,
      });
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
    message: t('visits.record.between', limit),
  });

  return (
    <Modal
      open={visit !== null}
      title={visit ? t('visits.record.title', { name: visit.officialName }) : ''}
      okText={t('visits.record.save')}
      cancelText={t('visits.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'save-visit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{ visitedOn: today }}
      >
        <Form.Item
          name="visitedOn"
          label={t('visits.record.visitedOn')}
          rules={[{ required: true, message: t('visits.record.required') }]}
        >
          <Input type="date" max={today} data-testid="visit-on" />
        </Form.Item>
        <Form.Item
          name="visitors"
          label={t('visits.record.visitors')}
          rules={[
            { required: true, whitespace: true, message: t('visits.record.required') },
            between(TEXT_LIMITS.visitVisitors),
          ]}
        >
          <Input maxLength={TEXT_LIMITS.visitVisitors.max} data-testid="visit-visitors" />
        </Form.Item>
        <Form.Item
          name="findings"
          label={t('visits.record.findings')}
          rules={[
            { required: true, whitespace: true, message: t('visits.record.required') },
            between(TEXT_LIMITS.visitFindings),
          ]}
        >
          <Input.TextArea
            rows={4}
            maxLength={TEXT_LIMITS.visitFindings.max}
            data-testid="visit-findings"
          />
        </Form.Item>
        <Form.Item
          name="conclusion"
          label={t('visits.record.conclusion')}
          rules={[{ required: true, message: t('visits.record.required') }]}
        >
          <Radio.Group
            options={VISIT_CONCLUSIONS.map((c) => ({
              value: c,
              label: pick(VISIT_CONCLUSION_LABEL[c], lang),
            }))}
          />
        </Form.Item>
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}
