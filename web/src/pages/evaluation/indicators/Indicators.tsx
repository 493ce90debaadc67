/**
 * 案卷指标 (/evaluation/indicators, issue 12): the indicators from case records
 * (GET /api/evaluation/indicators) for a jurisdiction of the reader's scope with those under it, or
 * the whole scope, over a year, a quarter or the days chosen; grouped by the factor of seed 000's
 * model each informs (its names from the seed000-v1 instrument), each with its formula on screen
 * and its definition a click away. The choice lives in the address, so it can be reloaded or shared.
 */
import { Button, DatePicker, Form, Select, Typography } from 'antd';
import { NO_PLACES, PlaceTree } from '../../../components/PlaceTree';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { InstrumentView, ResultFilterOptions } from '../../../../../src/api/index.js';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { useApi } from '../../../useApi';
import { EvaluationNav } from '../overview/EvaluationNav';
import { IndicatorTable } from './IndicatorTable';
import { JurisdictionTable } from './JurisdictionTable';
import {
  choiceOf,
  periodOf,
  type IndicatorsReport,
  type PeriodChoice,
  type PeriodMode,
} from './model';
import type { FactorName } from './rows';
import '../overview/overview.css';
import '../report/report.css'; // the Scroll box's rules

/** The instrument that names the factors the indicators are mapped to (seed 000's model). */
const MODEL_INSTRUMENT = 'seed000-v1';
const YEARS_OFFERED = 10;

const todayIso = () => dayjs().format('YYYY-MM-DD');

export default function Indicators() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = new URLSearchParams();
  for (const k of ['jurisdiction', 'from', 'to']) {
    const v = params.get(k);
    if (v) query.set(k, v);
  }
  const report = useApi<IndicatorsReport>(`/api/evaluation/indicators?${query.toString()}`);
  const model = useApi<InstrumentView>(`/api/evaluation/instruments/${MODEL_INSTRUMENT}`);
  const { factors, order } = useFactorNames(model.status === 'ok' ? model.data : null);
  return (
    <section className="rc-overview" data-testid="evaluation-indicators">
      <Typography.Title level={1} className="rc-eval-title">
        {t('evaluation.title')}
      </Typography.Title>
      <EvaluationNav current="indicators" />
      <Typography.Title level={2} className="rc-eval-h2">
        {t('evaluationIndicators.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('evaluationIndicators.intro')}
      </Typography.Paragraph>
      <Filters params={params} onApply={(next) => setParams(next)} />
      {report.status === 'error' ? (
        <ErrorAlert error={report.error} title={t('evaluationIndicators.loadFailed')} />
      ) : report.status === 'loading' ? (
        <Typography.Paragraph type="secondary">{t('common.loading')}</Typography.Paragraph>
      ) : (
        <>
          <Scope report={report.data} jurisdiction={params.get('jurisdiction')} />
          <IndicatorTable report={report.data} factors={factors} factorOrder={order} />
          <JurisdictionTable report={report.data} factors={factors} factorOrder={order} />
        </>
      )}
    </section>
  );
}

/** Each factor's and its dimension's names, and the factors in the model's order. */
function useFactorNames(view: InstrumentView | null) {
  const lang = useLang();
  return useMemo(() => {
    const factors = new Map<string, FactorName>();
    const order: string[] = [];
    for (const d of view?.instrument.dimensions ?? []) {
      for (const f of d.factors) {
        factors.set(f.id, { factor: pick(f.name, lang), dimension: pick(d.name, lang) });
        order.push(f.id);
      }
    }
    return { factors, order };
  }, [view, lang]);
}

function Scope({
  report,
  jurisdiction,
}: {
  report: IndicatorsReport;
  jurisdiction: string | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const chosen = report.jurisdictions.find((j) => j.id === jurisdiction);
  return (
    <Typography.Paragraph data-testid="indicator-scope">
      {chosen
        ? t('evaluationIndicators.scope', {
            jurisdiction: pick(chosen.name, lang),
            from: report.from,
            to: report.to,
          })
        : t('evaluationIndicators.scopeAll', { from: report.from, to: report.to })}
    </Typography.Paragraph>
  );
}

interface FilterValues {
  jurisdiction?: string;
  mode: PeriodMode;
  year: number;
  quarter: number;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The filter bar: jurisdiction, then the period as a year, a quarter or two days; applied on 统计. */
function Filters(props: { params: URLSearchParams; onApply: (next: URLSearchParams) => void }) {
  const { t } = useTranslation();
  const options = useApi<ResultFilterOptions>('/api/results/filters');
  const [form] = Form.useForm<FilterValues>();
  const mode = Form.useWatch('mode', form);
  const today = todayIso();
  const choice = choiceOf(props.params.get('from'), props.params.get('to'), today);
  const thisYear = Number(today.slice(0, 4));
  const years = [
    ...new Set([choice.year, ...Array.from({ length: YEARS_OFFERED }, (_, i) => thisYear - i)]),
  ];
  const initial: FilterValues = {
    jurisdiction: props.params.get('jurisdiction') ?? undefined,
    mode: choice.mode,
    year: choice.year,
    quarter: choice.quarter,
    range:
      choice.mode === 'range'
        ? [choice.from ? dayjs(choice.from) : null, choice.to ? dayjs(choice.to) : null]
        : null,
  };
  const submit = (v: FilterValues) => {
    const [start, end] = v.range ?? [null, null];
    const c: PeriodChoice = {
      mode: v.mode,
      year: v.year,
      quarter: v.quarter,
      ...(start ? { from: start.format('YYYY-MM-DD') } : {}),
      ...(end ? { to: end.format('YYYY-MM-DD') } : {}),
    };
    const next = new URLSearchParams();
    if (v.jurisdiction) next.set('jurisdiction', v.jurisdiction);
    const p = periodOf(c, today);
    if (p.from) next.set('from', p.from);
    if (p.to) next.set('to', p.to);
    props.onApply(next);
  };
  return (
    <Form<FilterValues>
      form={form}
      layout="inline"
      className="rc-indicators-filters"
      aria-label={t('evaluationIndicators.filters.label')}
      key={props.params.toString()}
      initialValues={initial}
      onFinish={submit}
    >
      <Form.Item name="jurisdiction" label={t('evaluationIndicators.filters.jurisdiction')}>
        <PlaceTree
          allowClear
          className="rc-indicators-jurisdiction"
          data-testid="indicators-jurisdiction"
          placeholder={t('evaluationIndicators.filters.jurisdictionPlaceholder')}
          loading={options.status === 'loading'}
          places={options.status === 'ok' ? options.data.jurisdictions : NO_PLACES}
        />
      </Form.Item>
      <Form.Item name="mode" label={t('evaluationIndicators.filters.period')}>
        <Select
          data-testid="indicators-mode"
          popupMatchSelectWidth={false}
          options={(['year', 'quarter', 'range'] as const).map((m) => ({
            value: m,
            label: t(`evaluationIndicators.filters.mode.${m}`),
          }))}
        />
      </Form.Item>
      {mode !== 'range' && (
        <Form.Item name="year" label={t('evaluationIndicators.filters.year')}>
          <Select
            data-testid="indicators-year"
            options={years.map((y) => ({
              value: y,
              label: t('evaluationIndicators.filters.yearValue', { year: y }),
            }))}
          />
        </Form.Item>
      )}
      {mode === 'quarter' && (
        <Form.Item name="quarter" label={t('evaluationIndicators.filters.quarter')}>
          <Select
            data-testid="indicators-quarter"
            popupMatchSelectWidth={false}
            options={[1, 2, 3, 4].map((q) => ({
              value: q,
              label: t(`evaluationIndicators.filters.quarterValue.${q}`),
            }))}
          />
        </Form.Item>
      )}
      {mode === 'range' && (
        <Form.Item name="range" label={t('evaluationIndicators.filters.range')}>
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[
              t('evaluationIndicators.filters.rangeStart'),
              t('evaluationIndicators.filters.rangeEnd'),
            ]}
          />
        </Form.Item>
      )}
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="indicators-submit">
          {t('evaluationIndicators.filters.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
