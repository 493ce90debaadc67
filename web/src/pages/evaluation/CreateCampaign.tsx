/**
 * 新建问卷调查 (POST /api/evaluation/campaigns), for the organization department's liaison: the
 * jurisdiction and the units invited in it (from GET /api/results/filters: the jurisdictions and
 * units of the same readers' scope), the title, the instrument version (GET
 * /api/evaluation/instruments), how many cadres are invited, the days it is open, the reporting
 * thresholds (k at least 5; free text at least k), and whether a response keeps its day. Each
 * threshold says what it does. A refusal naming a field is shown on it.
 */
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { NO_PLACES, PlaceTree } from '../../components/PlaceTree';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick, type Lang } from '../../i18n';
import { useLang } from '../../lang';
import {
  DEFAULT_FREE_TEXT_THRESHOLD,
  MAX_INVITED,
  MIN_THRESHOLD_K,
  TEXT_LIMITS,
  beijingDateTime,
} from '../../shared';
import { useApi } from '../../useApi';
import { showOnField } from '../admin/formErrors';
import type {
  CampaignView,
  CreateCampaignBody,
  InstrumentSummary,
  ResultFilterOptions,
} from './model';

interface Fields {
  jurisdictionId: string;
  title: string;
  instrumentId: string;
  invitedUnitIds: string[];
  invitedCount: number;
  opensOn: Dayjs;
  closesOn: Dayjs;
  thresholdK: number;
  freeTextThreshold: number;
  keepDay: boolean;
}

const FIELDS = [
  'jurisdictionId',
  'title',
  'instrumentId',
  'invitedUnitIds',
  'invitedCount',
  'opensOn',
  'closesOn',
  'thresholdK',
  'freeTextThreshold',
  'keepDay',
] as const;

function bodyOf(v: Fields): CreateCampaignBody {
  return {
    jurisdictionId: v.jurisdictionId,
    title: v.title.trim(),
    instrumentId: v.instrumentId,
    invitedUnitIds: v.invitedUnitIds,
    invitedCount: v.invitedCount,
    opensOn: v.opensOn.format('YYYY-MM-DD'),
    closesOn: v.closesOn.format('YYYY-MM-DD'),
    thresholdK: v.thresholdK,
    freeTextThreshold: v.freeTextThreshold,
    keepDay: v.keepDay,
  };
}

/** The ids of a jurisdiction and every jurisdiction below it. */
function subtreeOf(all: ResultFilterOptions['jurisdictions'], rootId: string): Set<string> {
  const inside = new Set([rootId]);
  // Parents come before children in the list, so one pass collects the subtree.
  for (const j of all) if (j.parentId !== null && inside.has(j.parentId)) inside.add(j.id);
  return inside;
}

function instrumentLabel(i: InstrumentSummary, lang: Lang, notValidated: string): string {
  return `${pick(i.title, lang)}（${i.id}）${i.validated ? '' : ` · ${notValidated}`}`;
}

export function CreateCampaign({
  open,
  onClose,
  onCreated,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onCreated: (c: CampaignView) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Fields>();
  const scope = useApi<ResultFilterOptions>(open ? '/api/results/filters' : null);
  const instruments = useApi<{ instruments: InstrumentSummary[] }>(
    open ? '/api/evaluation/instruments' : null,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const jurisdictionId = Form.useWatch('jurisdictionId', form);
  const k = Form.useWatch('thresholdK', form) ?? MIN_THRESHOLD_K;
  const places = scope.status === 'ok' ? scope.data : null;
  const versions = instruments.status === 'ok' ? instruments.data.instruments : [];

  // The first jurisdiction and instrument are chosen once they are known.
  useEffect(() => {
    const first = places?.jurisdictions[0];
    if (first && !form.getFieldValue('jurisdictionId'))
      form.setFieldValue('jurisdictionId', first.id);
  }, [places, form]);
  useEffect(() => {
    const first = versions[0];
    if (first && !form.getFieldValue('instrumentId')) form.setFieldValue('instrumentId', first.id);
  }, [versions, form]);

  const unitOptions = useMemo(() => {
    if (!places || !jurisdictionId) return NO_PLACES;
    const inside = subtreeOf(places.jurisdictions, jurisdictionId);
    return places.units.filter((u) => inside.has(u.jurisdictionId));
  }, [places, jurisdictionId]);

  async function create(v: Fields) {
    setBusy(true);
    setError(null);
    try {
      const made = await api<CampaignView>('POST', '/api/evaluation/campaigns', bodyOf(v));
      form.resetFields();
      onCreated(made);
    } catch (e) {
      if (!showOnField(form, e, FIELDS, lang)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  const today = dayjs(beijingDateTime(new Date()).slice(0, 10));
  return (
    <Modal
      open={open}
      width={680}
      title={t('evaluation.create.title')}
      okText={t('evaluation.create.submit')}
      cancelText={t('evaluation.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'create-campaign' } as Record<string, string>}
      forceRender
    >
      {scope.status === 'error' ? <ErrorAlert error={scope.error} /> : null}
      {instruments.status === 'error' ? <ErrorAlert error={instruments.error} /> : null}
      {instruments.status === 'ok' && versions.length === 0 ? (
        <Alert
          type="warning"
          showIcon
          className="rc-gap"
          title={t('evaluation.create.noInstrument')}
        />
      ) : null}
      <Form<Fields>
        form={form}
        layout="vertical"
        requiredMark
        onFinish={(v) => void create(v)}
        initialValues={{
          invitedUnitIds: [],
          opensOn: today,
          // A campaign runs two weeks unless the liaison says otherwise.
          closesOn: today.add(2, 'week'),
          thresholdK: MIN_THRESHOLD_K,
          freeTextThreshold: Math.max(DEFAULT_FREE_TEXT_THRESHOLD, MIN_THRESHOLD_K),
          keepDay: false,
        }}
      >
        <Form.Item
          name="jurisdictionId"
          label={t('evaluation.create.jurisdiction')}
          rules={[{ required: true, message: t('evaluation.create.jurisdictionRequired') }]}
        >
          <PlaceTree
            data-testid="campaign-jurisdiction"
            places={places?.jurisdictions ?? NO_PLACES}
            onChange={() => form.setFieldValue('invitedUnitIds', [])}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('evaluation.create.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: TEXT_LIMITS.campaignTitle.min,
              message: t('evaluation.create.nameRequired', { min: TEXT_LIMITS.campaignTitle.min }),
            },
          ]}
        >
          <Input
            data-testid="campaign-title"
            maxLength={TEXT_LIMITS.campaignTitle.max}
            placeholder={t('evaluation.create.namePlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="instrumentId"
          label={t('evaluation.create.instrument')}
          extra={
            <>
              <div>{t('evaluation.create.instrumentHelp')}</div>
              <Link to="/evaluation/instruments">{t('instruments.viewAll')}</Link>
            </>
          }
          rules={[{ required: true, message: t('evaluation.create.instrumentRequired') }]}
        >
          <Select
            data-testid="campaign-instrument"
            options={versions.map((i) => ({
              value: i.id,
              label: instrumentLabel(i, lang, t('evaluation.create.notValidated')),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="invitedUnitIds"
          label={t('evaluation.create.units')}
          extra={t('evaluation.create.unitsHelp')}
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: t('evaluation.create.unitsRequired'),
            },
          ]}
        >
          <PlaceTree data-testid="campaign-units" multiple places={unitOptions} />
        </Form.Item>
        <Form.Item
          name="invitedCount"
          label={t('evaluation.create.invitedCount')}
          extra={t('evaluation.create.invitedCountHelp')}
          rules={[{ required: true, message: t('evaluation.create.invitedCountRequired') }]}
        >
          <InputNumber<number>
            data-testid="campaign-invited"
            min={1}
            max={MAX_INVITED}
            precision={0}
            className="rc-eval-number"
          />
        </Form.Item>
        <div className="rc-eval-days">
          <Form.Item
            name="opensOn"
            label={t('evaluation.create.opensOn')}
            rules={[{ required: true, message: t('evaluation.create.dayRequired') }]}
          >
            <DatePicker data-testid="campaign-opens" allowClear={false} />
          </Form.Item>
          <Form.Item
            name="closesOn"
            label={t('evaluation.create.closesOn')}
            dependencies={['opensOn']}
            rules={[
              { required: true, message: t('evaluation.create.dayRequired') },
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | undefined) =>
                  !v || !v.isBefore(getFieldValue('opensOn') as Dayjs, 'day')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('evaluation.create.closesBeforeOpens'))),
              }),
            ]}
          >
            <DatePicker data-testid="campaign-closes" allowClear={false} />
          </Form.Item>
        </div>
        <Form.Item
          name="thresholdK"
          label={t('evaluation.create.k')}
          extra={t('evaluation.create.kHelp', { min: MIN_THRESHOLD_K })}
          rules={[
            { required: true, message: t('evaluation.create.kRequired', { min: MIN_THRESHOLD_K }) },
          ]}
        >
          <InputNumber<number>
            data-testid="campaign-k"
            min={MIN_THRESHOLD_K}
            precision={0}
            className="rc-eval-number"
          />
        </Form.Item>
        <Form.Item
          name="freeTextThreshold"
          label={t('evaluation.create.freeText')}
          extra={t('evaluation.create.freeTextHelp')}
          dependencies={['thresholdK']}
          rules={[
            { required: true, message: t('evaluation.create.freeTextRequired', { k }) },
            ({ getFieldValue }) => ({
              validator: (_, v: number | null | undefined) => {
                const least = (getFieldValue('thresholdK') as number | null) ?? MIN_THRESHOLD_K;
                return v === null || v === undefined || v >= least
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(t('evaluation.create.freeTextRequired', { k: least })),
                    );
              },
            }),
          ]}
        >
          <InputNumber<number>
            data-testid="campaign-free-text"
            min={MIN_THRESHOLD_K}
            precision={0}
            className="rc-eval-number"
          />
        </Form.Item>
        <Form.Item
          name="keepDay"
          label={t('evaluation.create.keepDay')}
          extra={t('evaluation.create.keepDayHelp')}
        >
          <Radio.Group
            options={[
              { value: false, label: t('evaluation.create.keepDayNo') },
              { value: true, label: t('evaluation.create.keepDayYes') },
            ]}
          />
        </Form.Item>
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
      {places?.unitsCapped ? (
        <Alert type="info" showIcon title={t('evaluation.create.unitsCapped')} />
      ) : null}
    </Modal>
  );
}
