/**
 * Registering an accountability matter ex officio (依职权启动容错审查), for intake officers and
 * investigators: the official (and so the unit), where the matter came from, the dates, what
 * happened, and the circumstances as the referral states them (the questions of the pack that
 * governs the official) and, when known, the matter's Art. 17/18/19 circumstances and the
 * lifelong-accountability flag (case/CircumstanceFields.tsx). POST /api/accountability-matters opens the case; the officer goes on to
 * it. Refused fields are marked with the server's message.
 */
import { App, Button, Collapse, Descriptions, Form, Result, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { askable } from '../../components/NoneOr';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { DEFAULT_PAGE_SIZE } from '../../shared';
import { useApi } from '../../useApi';
import { knownFacts, type ApplyValues } from '../official/applyModel';
import { newIdempotencyKey, postIdempotent } from '../official/idempotent';
import { OfficialPicker } from '../official/OfficialPicker';
import { CircumstanceFields, circumstancesBody } from '../case/CircumstanceFields';
import {
  markFields,
  todayIso,
  type CaseView,
  type OfficialOption,
  type OfficialsPage,
  type PackAnswer,
} from './model';
import { FactsFold, MatterFields } from './MatterFields';
import './intake.css';

interface Values {
  officialId?: string;
  source?: string;
  sourceDetail?: string;
  openedOn?: string;
  conductDate?: string;
  summary?: string;
  facts?: ApplyValues['facts'];
  circumstances?: string[];
  lifelong?: boolean;
}

const FIELDS = [
  'officialId',
  'source',
  'sourceDetail',
  'openedOn',
  'conductDate',
  'summary',
  'circumstances',
  'lifelong',
  'majorDecisionName',
  'majorDecisionOn',
  'majorDecisionBody',
];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The questions of the pack that governs the official, in force at the date of the conduct. */
export function useFacts(official: OfficialOption | null, conductDate: string | undefined) {
  const at = conductDate && ISO_DATE.test(conductDate) ? conductDate : todayIso();
  const pack = useApi<PackAnswer>(
    official
      ? `/api/policy/packs/${encodeURIComponent(official.jurisdiction.packId)}?at=${at}`
      : null,
  );
  // Derived facts are computed by the engine, never asked.
  return official && pack.status === 'ok' ? askable(pack.data.effective.facts) : [];
}

/** Sending the matter once per content (a retry keeps its Idempotency-Key), then the case. */
function useRegister(form: ReturnType<typeof Form.useForm<Values>>[0]) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const attempt = useRef<{ key: string; body: string } | null>(null);

  async function register(body: Record<string, unknown>) {
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    setBusy(true);
    setError(null);
    try {
      const r = await postIdempotent<{ case: CaseView }>(
        '/api/accountability-matters',
        body,
        attempt.current.key,
      );
      void message.success(t('intake.exOfficio.registered', { number: r.case.number }));
      void navigate(`/cases/${r.case.id}`);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) markFields(form, e.details, e.text, FIELDS, lang);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, register };
}

export default function ExOfficio() {
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
  if (!officials.data.items.some((o) => o.abilities.recordAccountabilityMatter)) {
    return (
      <Result
        status="info"
        title={<h1 className="rc-intake-result">{t('intake.exOfficio.nobodyTitle')}</h1>}
        subTitle={t('intake.exOfficio.nobody')}
      />
    );
  }
  return <ExOfficioForm first={officials.data} />;
}

function ExOfficioForm({ first }: { readonly first: OfficialsPage }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const [official, setOfficial] = useState<OfficialOption | null>(null);
  const asked = useFacts(official, Form.useWatch('conductDate', form));
  const { busy, error, register } = useRegister(form);
  const today = todayIso();

  const submit = (v: Values) =>
    void register({
      officialId: v.officialId,
      source: v.source,
      ...(v.sourceDetail?.trim() ? { sourceDetail: v.sourceDetail.trim() } : {}),
      openedOn: v.openedOn,
      conductDate: v.conductDate,
      summary: v.summary?.trim() ?? '',
      facts: knownFacts(v.facts, asked),
      ...circumstancesBody(v as Record<string, unknown>),
    });

  return (
    <div className="rc-intake">
      <Typography.Title level={1} className="rc-intake-title">
        {t('intake.exOfficio.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intake.exOfficio.intro')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Link to="/ex-officio/joint" data-testid="joint-open-link">
          {t('joint.open.link')}
        </Link>
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        name="ex-officio"
        className="rc-intake-form"
        initialValues={{ openedOn: today }}
        onFinish={submit}
        scrollToFirstError
      >
        <Form.Item
          name="officialId"
          label={t('intake.exOfficio.official')}
          extra={t('intake.exOfficio.officialHelp')}
          rules={[{ required: true, message: t('intake.exOfficio.officialRequired') }]}
        >
          <OfficialPicker
            first={first}
            ability="recordAccountabilityMatter"
            onPicked={(o) => setOfficial(o)}
          />
        </Form.Item>
        {official ? (
          <Descriptions
            size="small"
            column={1}
            bordered
            className="rc-intake-unit"
            data-testid="ex-officio-unit"
            items={[
              {
                key: 'unit',
                label: t('intake.exOfficio.unit'),
                children: pick(official.unit.name, lang),
              },
              {
                key: 'jurisdiction',
                label: t('intake.exOfficio.jurisdiction'),
                children: pick(official.jurisdiction.name, lang),
              },
            ]}
          />
        ) : null}
        <MatterFields today={today} />
        <FactsFold
          facts={asked}
          label={t('intake.exOfficio.facts', { count: asked.length })}
          help={t('intake.exOfficio.factsHelp')}
        />
        <Collapse
          className="rc-intake-facts"
          items={[
            {
              key: 'circumstances',
              forceRender: true,
              label: t('intake.exOfficio.circumstances'),
              children: (
                <>
                  <Typography.Paragraph type="secondary">
                    {t('intake.exOfficio.circumstancesHelp')}
                  </Typography.Paragraph>
                  <CircumstanceFields />
                </>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" className="rc-intake-files">
          {t('intake.exOfficio.files')}
        </Typography.Paragraph>
        {error ? <ErrorAlert error={error} /> : null}
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          className="rc-intake-submit"
          data-testid="ex-officio-submit"
        >
          {t('intake.exOfficio.submit')}
        </Button>
      </Form>
    </div>
  );
}
