/**
 * 提出容错申请 · Applying for tolerance (issue 4, "Official — my matters"). A guided form in
 * steps: who and what (the official, the matter, the date of the conduct, what happened), then the
 * questions of the pack that applies to the official's managing jurisdiction, then a review and
 * the submission, with files attached on the review step (ApplyFiles.tsx) and sent right after
 * the case is created; more files may follow before the applicant goes on to the case page. Beside the questions, where the official's jurisdiction has it on, a live
 * preliminary assessment from the policy engine says where the answers lead, on which clauses, and
 * which questions still matter; by default (an administrator's setting) the form shows instead
 * which conditions the measure weighs, not a predicted outcome.
 *
 * Nothing here decides who may apply or what the pack asks: GET /api/officials says for whom the
 * user may apply, the pack says the questions, the server checks the application. The steps are
 * in ApplySteps.tsx, the state in useApply.ts.
 */
import { Button, Col, ConfigProvider, Form, Result, Row, Spin, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Picked } from '../../components/EvidenceUpload';
import { useNavigate } from 'react-router';
import { READABLE_ERROR_THEME } from '../../components/EvidenceUpload';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { CaseView } from '../../types';
import type { ApplyValues } from './applyModel';
import { Assessment } from './Assessment';
import { Weighs } from './Weighs';
import { BasicsStep, EvidenceStep, QuestionsStep, ReviewStep, StepNav } from './ApplySteps';
import { ApplyFilesPicker, attachedProblem } from './ApplyFiles';
import { useApplicant, useQuestions, useSteps, useSubmit } from './useApply';
import { useLeaveGuard } from './useLeaveGuard';
import './official.css';

/** While the list of officials loads, when it fails, or when the user may apply for nobody. */
function NotReady({ applicant }: { readonly applicant: ReturnType<typeof useApplicant> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { officials } = applicant;
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

const STEP_TITLES = ['stepBasics', 'stepQuestions', 'stepReview', 'stepEvidence'] as const;

/** The page's heading, its introduction, and the steps. */
function ApplyHeader({
  step,
  onStep,
  assessmentShown,
}: {
  readonly step: number;
  readonly onStep: (s: number) => void;
  /** The live assessment is beside the questions (else what the measure weighs). */
  readonly assessmentShown: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={1} className="rc-apply-title">
        {t('official.apply.heading')}
      </Typography.Title>
      <Typography.Paragraph>
        {t(assessmentShown ? 'official.apply.intro' : 'official.apply.introWeighs')}
      </Typography.Paragraph>
      <Steps
        current={step}
        items={STEP_TITLES.map((k) => ({ title: t(`official.apply.${k}`) }))}
        className="rc-gap"
        onChange={onStep}
      />
    </>
  );
}

/**
 * Beside the questions: where the answers lead (the live preliminary assessment), or — unless the
 * jurisdiction shows applicants the assessment — what the measure weighs.
 */
function AssessmentColumn({
  questions,
  onJump,
}: {
  readonly questions: ReturnType<typeof useQuestions>;
  readonly onJump: (factId: string) => void;
}) {
  return (
    <Col xs={24} lg={10}>
      <div className="rc-apply-side">
        {questions.shown ? (
          <Assessment
            state={questions.assessment}
            facts={questions.asked}
            outcomes={questions.outcomes}
            onJump={onJump}
          />
        ) : (
          <Weighs
            clauses={questions.clauses}
            sources={questions.pack.status === 'ok' ? questions.pack.data.effective.sources : []}
            loading={questions.pack.status === 'loading'}
            chosen={questions.packId !== null}
          />
        )}
      </div>
    </Col>
  );
}

export default function Apply() {
  const { t } = useTranslation();
  const [form] = Form.useForm<ApplyValues>();
  const [created, setCreated] = useState<CaseView | null>(null);
  const [attached, setAttached] = useState<readonly Picked[]>([]);
  const [touched, setTouched] = useState(false);
  const applicant = useApplicant();
  const questions = useQuestions(form, applicant.chosen);
  const { step, setStep, show, next, jumpTo } = useSteps(form, questions.asked);
  const { submitting, submitError, submit } = useSubmit({
    form,
    asked: questions.asked,
    chosen: applicant.chosen,
    onInvalid: () => setStep(0),
    onCreated: (c) => {
      setCreated(c);
      show(3);
    },
  });
  useLeaveGuard(touched && created === null);

  if (applicant.officials.status !== 'ok' || !applicant.mayApply) {
    return <NotReady applicant={applicant} />;
  }
  return (
    <ConfigProvider theme={READABLE_ERROR_THEME}>
      <div className="rc-apply">
        <ApplyHeader
          assessmentShown={questions.shown}
          step={step}
          onStep={(s) => {
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
              <BasicsStep
                hidden={step !== 0}
                only={applicant.only}
                officials={applicant.officials.data}
                onPicked={applicant.setPicked}
              />
              <QuestionsStep hidden={step !== 1} questions={questions} />
              <ReviewStep
                hidden={step !== 2}
                form={form}
                chosen={applicant.chosen}
                asked={questions.asked}
                known={questions.known}
                submitError={submitError}
              />
            </Form>
            {step === 2 ? (
              <ApplyFilesPicker
                items={attached}
                onChange={(f) => setAttached(f)}
                disabled={submitting}
              />
            ) : null}
            {step < 3 ? (
              <StepNav
                step={step}
                submitting={submitting}
                onBack={() => setStep((s) => s - 1)}
                onNext={() => void next()}
                // A file that cannot be sent is fixed before submitting, not found missing after.
                onSubmit={() => {
                  if (attachedProblem(attached, t) === null) void submit();
                }}
              />
            ) : null}
            {step === 3 && created ? (
              <EvidenceStep created={created} attached={attached.map((p) => p.file)} />
            ) : null}
          </Col>
          {step < 3 ? <AssessmentColumn questions={questions} onJump={jumpTo} /> : null}
        </Row>
      </div>
    </ConfigProvider>
  );
}
