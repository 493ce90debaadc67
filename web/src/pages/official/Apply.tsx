/**
 * 提出容错申请 · Applying for tolerance (issue 4, "Official — my matters"). A guided form in
 * steps: who and what (the official, the matter, the date of the conduct, what happened), then the
 * questions of the pack that applies to the official's managing jurisdiction, then a review and
 * the submission; once the case exists, evidence files are attached and the applicant goes on to
 * the case page. Beside the questions, a live preliminary assessment from the policy engine says
 * where the answers lead, on which clauses, and which questions still matter.
 *
 * Nothing here decides who may apply or what the pack asks: GET /api/officials says for whom the
 * user may apply, the pack says the questions, the server checks the application.
 */
import { DEFAULT_PAGE_SIZE, TEXT_LIMITS } from '../../shared';
import type { Locale } from '../../shared';
import {
  Alert,
  App,
  Button,
  Col,
  ConfigProvider,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Result,
  Row,
  Space,
  Spin,
  Steps,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { FormInstance } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api';
import { EvidenceUpload, READABLE_ERROR_THEME } from '../../components/EvidenceUpload';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { CaseView, I18nText } from '../../types';
import { useApi } from '../../useApi';
import { Assessment } from './Assessment';
import { FactQuestion, factFieldId, NOT_SURE } from './FactQuestion';
import { newIdempotencyKey, postIdempotent } from './idempotent';
import { OfficialPicker, officialLine } from './OfficialPicker';
import type { ApplyFact, ApplyPack, FactValue, OfficialOption, OfficialsPage } from './types';
import { useAssessment } from './useAssessment';
import { useLeaveGuard } from './useLeaveGuard';
import './official.css';

/** The limits of POST /api/cases. */
const TITLE_MIN = TEXT_LIMITS.caseTitle.min;
const TITLE_MAX = TEXT_LIMITS.caseTitle.max;
const SUMMARY_MAX = TEXT_LIMITS.caseSummary.max;

interface ApplyValues {
  officialId?: string;
  title?: string;
  conductDate?: string;
  summary?: string;
  facts?: Record<string, FactValue | typeof NOT_SURE | null | undefined>;
}

/** One field's new state for form.setFields. */
type FieldUpdate = Parameters<FormInstance<ApplyValues>['setFields']>[0][number];

const BASIC_FIELDS = ['officialId', 'title', 'conductDate', 'summary'] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The answers the applicant gave (not "not sure", not empty), for the facts the pack asks. */
function knownFacts(
  facts: ApplyValues['facts'],
  asked: readonly ApplyFact[],
): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const f of asked) {
    const v = facts?.[f.id];
    if (v === undefined || v === null || v === NOT_SURE) continue;
    out[f.id] = v;
  }
  return out;
}

function answerText(f: ApplyFact, v: FactValue, lang: Locale, t: (k: string) => string): string {
  if (typeof v === 'boolean') return v ? t('official.apply.yes') : t('official.apply.no');
  if (f.type === 'enum') {
    const o = f.values?.find((x) => x.value === v);
    return o ? pick(o.label, lang) : String(v);
  }
  if (f.type === 'number' && f.unit) return `${String(v)} ${pick(f.unit, lang)}`;
  return String(v);
}

export default function Apply() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<ApplyValues>();
  const [step, setStep] = useState(0);
  const [official, setOfficial] = useState<OfficialOption | null>(null);
  const [created, setCreated] = useState<CaseView | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [uploads, setUploads] = useState(0);
  const [touched, setTouched] = useState(false);
  const attempt = useRef<{ key: string; body: string } | null>(null);

  const officials = useApi<OfficialsPage>(`/api/officials?pageSize=${DEFAULT_PAGE_SIZE}`);
  // One official to apply for, and nobody else in the list: they are the applicant (an official
  // applying for themself); otherwise the user chooses.
  const only =
    officials.status === 'ok' &&
    officials.data.total === 1 &&
    officials.data.items[0]?.abilities.apply === true
      ? officials.data.items[0]
      : null;
  const chosen = official ?? only;
  const mayApply = officials.status === 'ok' && officials.data.items.some((o) => o.abilities.apply);

  const conductDate = Form.useWatch('conductDate', form);
  const factValues = Form.useWatch('facts', form);
  const validDate =
    typeof conductDate === 'string' &&
    ISO_DATE.test(conductDate) &&
    conductDate <= dayjs().format('YYYY-MM-DD')
      ? conductDate
      : null;
  const packId = chosen?.jurisdiction.packId ?? null;
  const pack = useApi<ApplyPack>(
    packId
      ? `/api/policy/packs/${encodeURIComponent(packId)}?at=${validDate ?? dayjs().format('YYYY-MM-DD')}`
      : null,
  );
  const asked = useMemo(() => (pack.status === 'ok' ? pack.data.effective.facts : []), [pack]);
  const outcomes = useMemo(
    () =>
      new Map<string, I18nText>(
        pack.status === 'ok' ? pack.data.effective.outcomes.map((o) => [o.id, o.label]) : [],
      ),
    [pack],
  );
  const known = knownFacts(factValues, asked);
  const assessment = useAssessment(pack.status === 'ok' ? packId : null, validDate, known);
  const missing = new Set(assessment.status === 'ok' ? assessment.evaluation.missingFacts : []);

  useLeaveGuard(touched && created === null);

  function jumpTo(factId: string) {
    setStep(1);
    // After the questions step is shown: bring the question into view and focus its first input.
    setTimeout(() => {
      const el = document.getElementById(factFieldId(factId));
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      const input = el?.matches('input') ? el : el?.querySelector('input');
      (input as HTMLElement | null | undefined)?.focus({ preventScroll: true });
    }, 50);
  }

  async function next() {
    if (step === 0) {
      try {
        await form.validateFields([...BASIC_FIELDS]);
      } catch {
        return;
      }
    }
    if (step === 1) {
      try {
        await form.validateFields(asked.map((f) => ['facts', f.id]));
      } catch {
        return;
      }
    }
    setStep((s) => s + 1);
    window.scrollTo({ top: 0 });
  }

  /**
   * Marks the fields the server named as wrong, each with its message: every problem of a
   * validation failure (details.problems), else the one field of a refusal (details.field).
   */
  function markFields(e: ApiError) {
    const problems = Array.isArray(e.details['problems'])
      ? (e.details['problems'] as { field?: unknown; message?: unknown }[])
      : [{ field: e.details['field'], message: e.text }];
    const fields = problems.flatMap((p): FieldUpdate[] => {
      if (typeof p.field !== 'string' || typeof p.message !== 'object' || p.message === null) {
        return [];
      }
      const text = pick(p.message as I18nText, lang);
      const [head, fact] = p.field.split('.');
      if (head === 'facts' && fact && asked.some((f) => f.id === fact)) {
        return [{ name: ['facts', fact], errors: [text] }];
      }
      return (BASIC_FIELDS as readonly string[]).includes(p.field)
        ? [{ name: p.field as (typeof BASIC_FIELDS)[number], errors: [text] }]
        : [];
    });
    if (fields.length > 0) form.setFields(fields);
  }

  async function submit() {
    setSubmitError(null);
    let values: ApplyValues;
    try {
      values = await form.validateFields();
    } catch {
      setStep(0);
      return;
    }
    const officialId = chosen?.id ?? values.officialId;
    const body = {
      officialId,
      title: values.title?.trim(),
      summary: values.summary?.trim() ?? '',
      conductDate: values.conductDate,
      facts: knownFacts(values.facts, asked),
    };
    // The same application sent again (after a lost answer) keeps its key; a changed one gets a
    // new key, so the server neither opens two cases nor refuses the change.
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    setSubmitting(true);
    try {
      const r = await postIdempotent<{ case: CaseView }>('/api/cases', body, attempt.current.key);
      setCreated(r.case);
      setStep(3);
      window.scrollTo({ top: 0 });
      void message.success(t('official.apply.submitted', { number: r.case.number }));
    } catch (e) {
      setSubmitError(e);
      if (e instanceof ApiError) markFields(e);
    } finally {
      setSubmitting(false);
    }
  }

  if (officials.status === 'loading') {
    return (
      <div className="rc-loading" role="status">
        <Spin />
        <span className="rc-visually-hidden">{t('common.loading')}</span>
      </div>
    );
  }
  if (officials.status === 'error') {
    return <ErrorAlert error={officials.error} title={t('official.apply.loadFailed')} />;
  }
  if (!mayApply) {
    return (
      <Result
        status="info"
        title={<h1 className="rc-apply-result-title">{t('official.apply.notApplicantTitle')}</h1>}
        subTitle={t('official.apply.notApplicant')}
        extra={
          <Button type="primary" onClick={() => void navigate('/cases')}>
            {t('official.apply.toCases')}
          </Button>
        }
      />
    );
  }

  const steps = [
    { title: t('official.apply.stepBasics') },
    { title: t('official.apply.stepQuestions') },
    { title: t('official.apply.stepReview') },
    { title: t('official.apply.stepEvidence') },
  ];
  const answered = Object.keys(known).length;

  return (
    <ConfigProvider theme={READABLE_ERROR_THEME}>
      <div className="rc-apply">
        <Typography.Title level={1} className="rc-apply-title">
          {t('official.apply.heading')}
        </Typography.Title>
        <Typography.Paragraph>{t('official.apply.intro')}</Typography.Paragraph>
        <Steps
          current={step}
          items={steps}
          className="rc-gap"
          onChange={(s) => {
            // Back to an earlier step at any time before submitting; forward only through "next".
            if (created === null && s < step) setStep(s);
          }}
        />
        <Row gutter={[24, 24]}>
          <Col xs={24} lg={step === 3 ? 24 : 14}>
            <Form<ApplyValues>
              form={form}
              layout="vertical"
              onValuesChange={() => setTouched(true)}
              disabled={submitting || created !== null}
              className="rc-apply-form"
            >
              <section hidden={step !== 0} aria-labelledby="apply-basics">
                <Typography.Title level={2} id="apply-basics" className="rc-apply-h2">
                  {t('official.apply.stepBasics')}
                </Typography.Title>
                {only ? (
                  <Descriptions
                    size="small"
                    column={1}
                    className="rc-gap"
                    items={[
                      {
                        key: 'official',
                        label: t('official.apply.applicant'),
                        children: officialLine(only, lang),
                      },
                      {
                        key: 'jurisdiction',
                        label: t('official.apply.jurisdiction'),
                        children: pick(only.jurisdiction.name, lang),
                      },
                    ]}
                  />
                ) : (
                  <Form.Item
                    name="officialId"
                    label={t('official.apply.official')}
                    extra={t('official.apply.officialHelp')}
                    rules={[{ required: true, message: t('official.apply.officialRequired') }]}
                  >
                    {officials.status === 'ok' ? (
                      <OfficialPicker first={officials.data} onPicked={setOfficial} />
                    ) : null}
                  </Form.Item>
                )}
                <Form.Item
                  name="title"
                  label={t('official.apply.title')}
                  extra={t('official.apply.titleHelp')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      message: t('official.apply.titleRequired'),
                    },
                    {
                      min: TITLE_MIN,
                      max: TITLE_MAX,
                      message: t('official.apply.titleLength', { min: TITLE_MIN, max: TITLE_MAX }),
                    },
                  ]}
                >
                  <Input maxLength={TITLE_MAX} showCount />
                </Form.Item>
                <Form.Item
                  name="conductDate"
                  label={t('official.apply.conductDate')}
                  extra={t('official.apply.conductDateHelp')}
                  getValueProps={(v: unknown) => ({
                    value: typeof v === 'string' && ISO_DATE.test(v) ? dayjs(v) : undefined,
                  })}
                  normalize={(v: dayjs.Dayjs | null) => (v ? v.format('YYYY-MM-DD') : undefined)}
                  rules={[
                    { required: true, message: t('official.apply.conductDateRequired') },
                    {
                      validator: async (_r, v: unknown) => {
                        if (typeof v === 'string' && v > dayjs().format('YYYY-MM-DD')) {
                          throw new Error(t('official.apply.conductDateFuture'));
                        }
                      },
                    },
                  ]}
                >
                  <DatePicker
                    disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                    placeholder={t('official.apply.datePlaceholder')}
                  />
                </Form.Item>
                <Form.Item
                  name="summary"
                  className="rc-apply-summary"
                  label={t('official.apply.summary')}
                  extra={t('official.apply.summaryHelp')}
                  rules={[
                    {
                      max: SUMMARY_MAX,
                      message: t('official.apply.summaryTooLong', { max: SUMMARY_MAX }),
                    },
                  ]}
                >
                  <Input.TextArea rows={6} maxLength={SUMMARY_MAX} showCount />
                </Form.Item>
              </section>

              <section hidden={step !== 1} aria-labelledby="apply-questions">
                <Typography.Title level={2} id="apply-questions" className="rc-apply-h2">
                  {t('official.apply.stepQuestions')}
                </Typography.Title>
                <Typography.Paragraph>{t('official.apply.questionsIntro')}</Typography.Paragraph>
                {pack.status === 'loading' && packId ? <Spin /> : null}
                {pack.status === 'error' ? (
                  <ErrorAlert error={pack.error} title={t('official.apply.packFailed')} />
                ) : null}
                {pack.status === 'ok' ? (
                  <>
                    <Typography.Paragraph type="secondary">
                      {t('official.apply.packUsed', {
                        pack: pick(pack.data.pack.title, lang),
                        version: pack.data.effective.version.id,
                      })}
                    </Typography.Paragraph>
                    {asked.map((f, i) => (
                      <FactQuestion key={f.id} fact={f} index={i} matters={missing.has(f.id)} />
                    ))}
                  </>
                ) : null}
              </section>

              <section hidden={step !== 2} aria-labelledby="apply-review">
                <Typography.Title level={2} id="apply-review" className="rc-apply-h2">
                  {t('official.apply.stepReview')}
                </Typography.Title>
                <Typography.Paragraph>{t('official.apply.reviewIntro')}</Typography.Paragraph>
                <Descriptions
                  bordered
                  size="small"
                  column={1}
                  className="rc-gap"
                  items={[
                    {
                      key: 'official',
                      label: t('official.apply.official'),
                      children: chosen ? officialLine(chosen, lang) : '',
                    },
                    {
                      key: 'title',
                      label: t('official.apply.title'),
                      children: form.getFieldValue('title') as string,
                    },
                    {
                      key: 'date',
                      label: t('official.apply.conductDate'),
                      children: form.getFieldValue('conductDate') as string,
                    },
                    {
                      key: 'summary',
                      label: t('official.apply.summary'),
                      children:
                        (form.getFieldValue('summary') as string | undefined) ||
                        t('official.apply.none'),
                    },
                    {
                      key: 'answers',
                      label: t('official.apply.answers'),
                      children: (
                        <div>
                          <Typography.Paragraph>
                            {t('official.apply.answeredCount', { answered, total: asked.length })}
                          </Typography.Paragraph>
                          <ul className="rc-apply-answers">
                            {asked
                              .filter((f) => known[f.id] !== undefined)
                              .map((f) => (
                                <li key={f.id}>
                                  {pick(f.label, lang)}：{answerText(f, known[f.id]!, lang, t)}
                                </li>
                              ))}
                          </ul>
                        </div>
                      ),
                    },
                  ]}
                />
                <Alert
                  type="warning"
                  showIcon
                  className="rc-gap"
                  title={t('official.apply.submitNotice')}
                />
                {submitError ? (
                  <div className="rc-gap">
                    <ErrorAlert error={submitError} title={t('official.apply.submitFailed')} />
                  </div>
                ) : null}
              </section>
            </Form>

            {step < 3 ? (
              <Space className="rc-apply-nav">
                {step > 0 ? (
                  <Button onClick={() => setStep((s) => s - 1)} disabled={submitting}>
                    {t('official.apply.back')}
                  </Button>
                ) : null}
                {step < 2 ? (
                  <Button type="primary" onClick={() => void next()}>
                    {t('official.apply.next')}
                  </Button>
                ) : (
                  <Button type="primary" loading={submitting} onClick={() => void submit()}>
                    {t('official.apply.submit')}
                  </Button>
                )}
              </Space>
            ) : null}

            {step === 3 && created ? (
              <section aria-labelledby="apply-evidence">
                <Result
                  status="success"
                  title={
                    <Typography.Title level={2} id="apply-evidence" className="rc-apply-h2">
                      {t('official.apply.createdTitle', { number: created.number })}
                    </Typography.Title>
                  }
                  subTitle={t('official.apply.createdBody', {
                    jurisdiction: pick(created.jurisdiction.name, lang),
                  })}
                />
                <Typography.Title level={3} className="rc-apply-h3">
                  {t('official.apply.evidenceHeading')}
                </Typography.Title>
                <Typography.Paragraph>{t('official.apply.evidenceIntro')}</Typography.Paragraph>
                {uploads > 0 ? (
                  <Alert
                    type="success"
                    showIcon
                    className="rc-gap"
                    title={t('official.apply.uploadedCount', { count: uploads })}
                  />
                ) : null}
                <EvidenceUpload caseId={created.id} onUploaded={() => setUploads((n) => n + 1)} />
                <Space className="rc-apply-nav">
                  <Button
                    type="primary"
                    onClick={() => void navigate(`/cases/${encodeURIComponent(created.id)}`)}
                  >
                    {uploads > 0 ? t('official.apply.toCase') : t('official.apply.skipEvidence')}
                  </Button>
                </Space>
              </section>
            ) : null}
          </Col>
          {step < 3 ? (
            <Col xs={24} lg={10}>
              <div className="rc-apply-side">
                <Assessment state={assessment} facts={asked} outcomes={outcomes} onJump={jumpTo} />
              </div>
            </Col>
          ) : null}
        </Row>
      </div>
    </ConfigProvider>
  );
}
