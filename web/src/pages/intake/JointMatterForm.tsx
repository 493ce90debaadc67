/**
 * Registering a joint matter (共同失误，多人一案), for intake officers and investigators: the
 * matter's name, where it came from, the dates, what happened, the officials with each one's role
 * (直接责任, 主要领导责任, 重要领导责任, 领导责任), and the circumstances common to all as the
 * referral states them (the questions of the pack that governs the first official; all the
 * officials are decided by one body). POST /api/joint-matters opens one case per official; the
 * officer goes on to the first. Facts of one official's own are recorded on their case.
 */
import { App, Button, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lang';
import {
  DEFAULT_PAGE_SIZE,
  MAX_JOINT_OFFICIALS,
  RESPONSIBILITIES,
  TEXT_LIMITS,
} from '../../shared';
import { useApi } from '../../useApi';
import { knownFacts, type ApplyValues } from '../official/applyModel';
import { OfficialPicker } from '../official/OfficialPicker';
import { useFacts } from './ExOfficio';
import { FactsFold, MatterFields } from './MatterFields';
import { markFields, todayIso, type OfficialOption, type OfficialsPage } from './model';
import './intake.css';

interface Values {
  title?: string;
  source?: string;
  sourceDetail?: string;
  openedOn?: string;
  conductDate?: string;
  summary?: string;
  officials?: { officialId?: string; responsibility?: string }[];
  facts?: ApplyValues['facts'];
}

const FIELDS = ['title', 'source', 'sourceDetail', 'openedOn', 'conductDate', 'summary'];

export default function JointMatterForm() {
  const { t } = useTranslation();
  const officials = useApi<OfficialsPage>(`/api/officials?pageSize=${DEFAULT_PAGE_SIZE}`);
  if (officials.status === 'loading') {
    return (
      <div className="rc-loading" role="status">
        <span className="rc-visually-hidden">{t('common.loading')}</span>
      </div>
    );
  }
  if (officials.status === 'error') return <ErrorAlert error={officials.error} />;
  return <JointForm first={officials.data} />;
}

function JointForm({ first }: { readonly first: OfficialsPage }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [official, setOfficial] = useState<OfficialOption | null>(null);
  const asked = useFacts(official, Form.useWatch('conductDate', form));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const today = todayIso();

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ cases: { id: string; number: string }[] }>(
        'POST',
        '/api/joint-matters',
        {
          title: v.title?.trim() ?? '',
          summary: v.summary?.trim() ?? '',
          openedOn: v.openedOn,
          conductDate: v.conductDate,
          source: v.source,
          ...(v.sourceDetail?.trim() ? { sourceDetail: v.sourceDetail.trim() } : {}),
          facts: knownFacts(v.facts, asked),
          officials: (v.officials ?? []).map((o) => ({
            officialId: o.officialId,
            responsibility: o.responsibility,
          })),
        },
      );
      void message.success(
        t('joint.open.registered', { numbers: r.cases.map((c) => c.number).join('、') }),
      );
      void navigate(`/cases/${r.cases[0]!.id}`);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) markFields(form, e.details, e.text, FIELDS, lang);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rc-intake">
      <Typography.Title level={1} className="rc-intake-title">
        {t('joint.open.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('joint.open.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        name="joint-matter"
        className="rc-intake-form"
        initialValues={{ openedOn: today, officials: [{}, {}] }}
        onFinish={(v) => void submit(v)}
        scrollToFirstError
      >
        <Form.Item
          name="title"
          label={t('joint.open.name')}
          extra={t('joint.open.nameHelp')}
          rules={[
            { required: true, whitespace: true, message: t('joint.open.nameRequired') },
            { min: TEXT_LIMITS.caseTitle.min, max: TEXT_LIMITS.caseTitle.max },
          ]}
        >
          <Input maxLength={TEXT_LIMITS.caseTitle.max} />
        </Form.Item>
        <Form.List name="officials">
          {(fields, { add, remove }) => (
            <fieldset className="rc-gap" data-testid="joint-officials-fields">
              <legend>{t('joint.open.officials')}</legend>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap data-testid="joint-official-row">
                  <Form.Item
                    name={[field.name, 'officialId']}
                    label={t('joint.open.official', { n: i + 1 })}
                    rules={[{ required: true, message: t('intake.exOfficio.officialRequired') }]}
                  >
                    <OfficialPicker
                      first={first}
                      ability="recordAccountabilityMatter"
                      onPicked={(o) => (i === 0 ? setOfficial(o) : undefined)}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'responsibility']}
                    label={t('joint.responsibility')}
                    rules={[{ required: true, message: t('joint.open.roleRequired') }]}
                  >
                    <Select
                      className="rc-joint-role"
                      aria-label={t('joint.open.roleOf', { n: i + 1 })}
                      options={RESPONSIBILITIES.map((r) => ({
                        value: r,
                        label: t(`joint.role.${r}`),
                      }))}
                    />
                  </Form.Item>
                  {fields.length > 2 ? (
                    <Button onClick={() => remove(field.name)} className="rc-joint-remove">
                      {t('joint.open.remove')}
                    </Button>
                  ) : null}
                </Space>
              ))}
              {fields.length < MAX_JOINT_OFFICIALS ? (
                <Button onClick={() => add({})} data-testid="joint-add-official">
                  {t('joint.open.add')}
                </Button>
              ) : null}
            </fieldset>
          )}
        </Form.List>
        <MatterFields today={today} />
        <FactsFold
          facts={asked}
          label={t('joint.open.facts', { count: asked.length })}
          help={t('joint.open.factsHelp')}
        />
        {error ? <ErrorAlert error={error} /> : null}
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          className="rc-intake-submit"
          data-testid="joint-submit"
        >
          {t('joint.open.submit')}
        </Button>
      </Form>
    </div>
  );
}
