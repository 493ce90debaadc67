/**
 * The steps of the application form (Apply.tsx): who and what, the pack's questions, the review,
 * and, once the case exists, its evidence. Each renders inside the one form of the page.
 */
import { Alert, Button, DatePicker, Descriptions, Form, Input, Result, Space, Spin } from 'antd';
import { Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EvidenceUpload } from '../../components/EvidenceUpload';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AttachedUpload } from './ApplyFiles';
import { ApplicationWindowField } from './ApplicationWindow';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { TEXT_LIMITS } from '../../shared';
import type { CaseView } from '../../types';
import { answerText, ISO_DATE, type ApplyForm } from './applyModel';
import { FactQuestion } from './FactQuestion';
import { OfficialPicker, officialLine } from './OfficialPicker';
import type { ApplyFact, FactValue, OfficialOption, OfficialsPage } from './types';
import type { useQuestions } from './useApply';

/** The limits of POST /api/cases. */
const TITLE = TEXT_LIMITS.caseTitle;
const SUMMARY_MAX = TEXT_LIMITS.caseSummary.max;

/** A step's section, with its heading. */
function StepSection({
  id,
  title,
  hidden,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly hidden: boolean;
  readonly children: React.ReactNode;
}) {
  return (
    <section hidden={hidden} aria-labelledby={id}>
      <Typography.Title level={2} id={id} className="rc-apply-h2">
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** The applicant: named when the user may apply only for them, else chosen from the list. */
function ApplicantField({
  only,
  officials,
  onPicked,
}: {
  readonly only: OfficialOption | null;
  readonly officials: OfficialsPage;
  readonly onPicked: (o: OfficialOption) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (only) {
    return (
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
    );
  }
  return (
    <Form.Item
      name="officialId"
      label={t('official.apply.official')}
      extra={t('official.apply.officialHelp')}
      rules={[{ required: true, message: t('official.apply.officialRequired') }]}
    >
      <OfficialPicker first={officials} onPicked={onPicked} />
    </Form.Item>
  );
}

/** The date of the conduct: a date, not in the future. */
function ConductDateField() {
  const { t } = useTranslation();
  return (
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
  );
}

/** Step 1: who and what — the official, the matter, the date of the conduct, what happened. */
export function BasicsStep(props: {
  readonly hidden: boolean;
  readonly only: OfficialOption | null;
  readonly officials: OfficialsPage;
  readonly onPicked: (o: OfficialOption) => void;
}) {
  const { t } = useTranslation();
  const pickedId = Form.useWatch('officialId', Form.useFormInstance()) as string | undefined;
  return (
    <StepSection id="apply-basics" title={t('official.apply.stepBasics')} hidden={props.hidden}>
      <ApplicantField only={props.only} officials={props.officials} onPicked={props.onPicked} />
      <Form.Item
        name="title"
        label={t('official.apply.title')}
        extra={t('official.apply.titleHelp')}
        rules={[
          { required: true, whitespace: true, message: t('official.apply.titleRequired') },
          { ...TITLE, message: t('official.apply.titleLength', TITLE) },
        ]}
      >
        <Input maxLength={TITLE.max} showCount />
      </Form.Item>
      <ConductDateField />
      <ApplicationWindowField officialId={props.only?.id ?? pickedId ?? null} />
      <Form.Item
        name="summary"
        className="rc-apply-summary"
        label={t('official.apply.summary')}
        extra={t('official.apply.summaryHelp')}
        rules={[
          { max: SUMMARY_MAX, message: t('official.apply.summaryTooLong', { max: SUMMARY_MAX }) },
        ]}
      >
        <Input.TextArea rows={6} maxLength={SUMMARY_MAX} showCount />
      </Form.Item>
    </StepSection>
  );
}

/** Step 2: the questions of the pack that applies, each marked when it still matters. */
export function QuestionsStep({
  hidden,
  questions,
}: {
  readonly hidden: boolean;
  readonly questions: ReturnType<typeof useQuestions>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { pack, packId, asked, missing } = questions;
  return (
    <StepSection id="apply-questions" title={t('official.apply.stepQuestions')} hidden={hidden}>
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
    </StepSection>
  );
}

/** The answers given, in words. */
function Answers({
  asked,
  known,
}: {
  readonly asked: readonly ApplyFact[];
  readonly known: Readonly<Record<string, FactValue>>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div>
      <Typography.Paragraph>
        {t('official.apply.answeredCount', {
          answered: Object.keys(known).length,
          total: asked.length,
        })}
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
  );
}

/** Step 3: everything entered, once more, before submitting. */
export function ReviewStep(props: {
  readonly hidden: boolean;
  readonly form: ApplyForm;
  readonly chosen: OfficialOption | null;
  readonly asked: readonly ApplyFact[];
  readonly known: Readonly<Record<string, FactValue>>;
  readonly submitError: unknown;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const value = (name: 'title' | 'conductDate' | 'accountabilityNotifiedOn' | 'summary') =>
    props.form.getFieldValue(name) as string | undefined;
  const item = (key: string, label: string, children: React.ReactNode) => ({
    key,
    label: t(`official.apply.${label}`),
    children,
  });
  return (
    <StepSection id="apply-review" title={t('official.apply.stepReview')} hidden={props.hidden}>
      <Typography.Paragraph>{t('official.apply.reviewIntro')}</Typography.Paragraph>
      <Descriptions
        bordered
        size="small"
        column={1}
        className="rc-gap"
        items={[
          item('official', 'official', props.chosen ? officialLine(props.chosen, lang) : ''),
          item('title', 'title', value('title')),
          item('date', 'conductDate', value('conductDate')),
          item(
            'notified',
            'notifiedOn',
            value('accountabilityNotifiedOn') || t('official.apply.none'),
          ),
          item('summary', 'summary', value('summary') || t('official.apply.none')),
          item('answers', 'answers', <Answers asked={props.asked} known={props.known} />),
        ]}
      />
      <Alert type="warning" showIcon className="rc-gap" title={t('official.apply.submitNotice')} />
      {props.submitError ? (
        <div className="rc-gap">
          <ErrorAlert error={props.submitError} title={t('official.apply.submitFailed')} />
        </div>
      ) : null}
    </StepSection>
  );
}

/** Back, next, or submit (on the review). */
export function StepNav(props: {
  readonly step: number;
  readonly submitting: boolean;
  readonly onBack: () => void;
  readonly onNext: () => void;
  readonly onSubmit: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Space className="rc-apply-nav">
      {props.step > 0 ? (
        <Button onClick={props.onBack} disabled={props.submitting}>
          {t('official.apply.back')}
        </Button>
      ) : null}
      {props.step < 2 ? (
        <Button type="primary" onClick={props.onNext}>
          {t('official.apply.next')}
        </Button>
      ) : (
        <Button type="primary" loading={props.submitting} onClick={props.onSubmit}>
          {t('official.apply.submit')}
        </Button>
      )}
    </Space>
  );
}

/**
 * Step 4: the case exists; the files chosen with the application are sent to it (AttachedUpload),
 * more may be added, then on to the case page.
 */
export function EvidenceStep({
  created,
  attached,
}: {
  readonly created: CaseView;
  readonly attached: readonly File[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const [uploads, setUploads] = useState(0);
  return (
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
      {attached.length > 0 ? (
        <AttachedUpload
          caseId={created.id}
          files={attached}
          onAdded={(n) => setUploads((u) => u + n)}
        />
      ) : null}
      <Typography.Paragraph>{t('official.apply.evidenceIntro')}</Typography.Paragraph>
      {uploads > 0 ? (
        <Alert
          type="success"
          showIcon
          className="rc-gap"
          title={t('official.apply.uploadedCount', { count: uploads })}
        />
      ) : null}
      <EvidenceUpload caseId={created.id} onUploaded={(n) => setUploads((u) => u + n)} />
      <Space className="rc-apply-nav">
        <Button
          type="primary"
          onClick={() => void navigate(`/cases/${encodeURIComponent(created.id)}`)}
        >
          {uploads > 0 ? t('official.apply.toCase') : t('official.apply.skipEvidence')}
        </Button>
      </Space>
    </section>
  );
}
