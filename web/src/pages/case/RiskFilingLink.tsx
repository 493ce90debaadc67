/**
 * Links an ex-ante risk filing (事前风险报备) to the case: an existing filing chosen by its title
 * (RiskFilingSelect), or one recorded here for the official's unit (POST /api/risk-filings) and then linked.
 * Its status becomes the fact riskFiling on the server.
 */
import { RISK_FILING_STATUSES, type RiskFilingStatus, TEXT_LIMITS } from '../../shared';
import { Button, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { RiskFilingSelect } from './RiskFilingSelect';
import { useCase, useCaseAction } from './useCaseAction';

interface Values {
  mode: 'existing' | 'new';
  riskFilingId?: string;
  title?: string;
  filedOn?: string;
  status?: RiskFilingStatus;
}

export function RiskFilingLink() {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const action = useCaseAction();
  const [open, setOpen] = useState(false);
  const [createError, setCreateError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<Values>();

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    setCreateError(null);
    let id = v.riskFilingId?.trim() ?? '';
    if (v.mode === 'new') {
      setCreating(true);
      try {
        const made = await api<{ riskFiling: { id: string } }>('POST', '/api/risk-filings', {
          unitId: c.official.unit.id,
          title: v.title?.trim(),
          filedOn: v.filedOn,
          status: v.status,
        });
        id = made.riskFiling.id;
        // Kept, so that a failed link can be retried without recording the filing twice.
        form.setFieldsValue({ mode: 'existing', riskFilingId: id });
      } catch (e) {
        setCreateError(e);
        return;
      } finally {
        setCreating(false);
      }
    }
    if (await action.run('risk-filing', { riskFilingId: id })) {
      setOpen(false);
      form.resetFields();
    }
  };

  return (
    <>
      <Button data-testid="action-risk-filing" onClick={() => setOpen(true)}>
        {t('desk.risk.link')}
      </Button>
      <Modal
        open={open}
        title={t('desk.risk.link')}
        okText={t('desk.action.submit')}
        cancelText={t('desk.action.cancel')}
        okButtonProps={{ loading: creating || action.busy }}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form<Values>
          form={form}
          layout="vertical"
          name="case-risk-filing"
          initialValues={{ mode: 'existing', status: 'accepted' }}
        >
          <Form.Item name="mode" label={t('desk.risk.mode')}>
            <Radio.Group
              options={[
                { value: 'existing', label: t('desk.risk.existing') },
                {
                  value: 'new',
                  label: t('desk.risk.new', { unit: pick(c.official.unit.name, lang) }),
                },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.mode !== b.mode}>
            {(f) =>
              f.getFieldValue('mode') === 'new' ? (
                <>
                  <Form.Item
                    name="title"
                    label={t('desk.risk.title')}
                    rules={[
                      { required: true, whitespace: true, message: t('desk.risk.titleRequired') },
                      {
                        ...TEXT_LIMITS.riskFilingTitle,
                        message: t('desk.form.between', TEXT_LIMITS.riskFilingTitle),
                      },
                    ]}
                  >
                    <Input maxLength={TEXT_LIMITS.riskFilingTitle.max} />
                  </Form.Item>
                  <Form.Item
                    name="filedOn"
                    label={t('desk.risk.filedOn')}
                    rules={[{ required: true, message: t('desk.risk.filedOnRequired') }]}
                  >
                    <Input type="date" />
                  </Form.Item>
                  <Form.Item name="status" label={t('desk.risk.status')}>
                    <Select
                      aria-label={t('desk.risk.status')}
                      options={RISK_FILING_STATUSES.map((s) => ({
                        value: s,
                        label: t(`desk.risk.statuses.${s}`),
                      }))}
                    />
                  </Form.Item>
                </>
              ) : (
                <Form.Item
                  name="riskFilingId"
                  label={t('desk.risk.pick')}
                  rules={[{ required: true, message: t('desk.risk.pickRequired') }]}
                >
                  <RiskFilingSelect />
                </Form.Item>
              )
            }
          </Form.Item>
        </Form>
        {createError ? <ErrorAlert error={createError} /> : null}
        {action.error ? <ErrorAlert error={action.error} /> : null}
      </Modal>
    </>
  );
}
