/**
 * The application's state, in hooks that each do one thing: who applies, which questions the pack
 * asks (with the live assessment), moving between the steps, and submitting.
 */
import { App, Form } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useLang } from '../../lang';
import { DEFAULT_PAGE_SIZE } from '../../shared';
import type { CaseView, I18nText } from '../../types';
import { useApi } from '../../useApi';
import { BASIC_FIELDS, fieldErrors, ISO_DATE, knownFacts, type ApplyForm } from './applyModel';
import { askable } from '../../components/NoneOr';
import { factFieldId } from './FactQuestion';
import { newIdempotencyKey, postIdempotent } from './idempotent';
import type {
  ApplicantAssessmentSetting,
  ApplyFact,
  ApplyPack,
  OfficialOption,
  OfficialsPage,
} from './types';
import { useAssessment } from './useAssessment';

/** For whom the user may apply (GET /api/officials), and the official chosen. */
export function useApplicant() {
  const [picked, setPicked] = useState<OfficialOption | null>(null);
  const officials = useApi<OfficialsPage>(`/api/officials?pageSize=${DEFAULT_PAGE_SIZE}`);
  // One official to apply for, and nobody else in the list: they are the applicant (an official
  // applying for themself); otherwise the user chooses.
  const only =
    officials.status === 'ok' &&
    officials.data.total === 1 &&
    officials.data.items[0]?.abilities.apply === true
      ? officials.data.items[0]
      : null;
  const mayApply = officials.status === 'ok' && officials.data.items.some((o) => o.abilities.apply);
  return { officials, only, chosen: picked ?? only, setPicked, mayApply };
}

/** The date of the conduct, if it is a valid date not in the future. */
function validDateOf(conductDate: unknown): string | null {
  return typeof conductDate === 'string' &&
    ISO_DATE.test(conductDate) &&
    conductDate <= dayjs().format('YYYY-MM-DD')
    ? conductDate
    : null;
}

/**
 * The questions of the pack that applies to the chosen official at the date of the conduct, the
 * answers given so far, and the live preliminary assessment of them — only where the official's
 * jurisdiction shows applicants the assessment (`shown`, an administrator's setting; off by
 * default, the form then shows what the measure weighs: `clauses`).
 */
export function useQuestions(form: ApplyForm, chosen: OfficialOption | null) {
  const validDate = validDateOf(Form.useWatch('conductDate', form));
  const factValues = Form.useWatch('facts', form);
  const packId = chosen?.jurisdiction.packId ?? null;
  const pack = useApi<ApplyPack>(
    packId
      ? `/api/policy/packs/${encodeURIComponent(packId)}?at=${validDate ?? dayjs().format('YYYY-MM-DD')}`
      : null,
  );
  // Derived facts are computed by the engine, never asked.
  const asked = useMemo(
    () => (pack.status === 'ok' ? askable(pack.data.effective.facts) : []),
    [pack],
  );
  const outcomes = useMemo(
    () =>
      new Map<string, I18nText>(
        pack.status === 'ok' ? pack.data.effective.outcomes.map((o) => [o.id, o.label]) : [],
      ),
    [pack],
  );
  const setting = useApi<ApplicantAssessmentSetting>(
    chosen ? `/api/officials/${encodeURIComponent(chosen.id)}/preliminary-assessment` : null,
  );
  const shown = chosen !== null && setting.status === 'ok' && setting.data.shown;
  const clauses = useMemo(() => (pack.status === 'ok' ? pack.data.effective.clauses : []), [pack]);
  const known = knownFacts(factValues, asked);
  const assessment = useAssessment(pack.status === 'ok' && shown ? packId : null, validDate, known);
  const missing = new Set(assessment.status === 'ok' ? assessment.evaluation.missingFacts : []);
  return { packId, pack, asked, outcomes, known, assessment, missing, shown, clauses };
}

/** The step shown: forward only when the step's fields are valid; a jump to one question. */
export function useSteps(form: ApplyForm, asked: readonly ApplyFact[]) {
  const [step, setStep] = useState(0);
  const show = (s: number) => {
    setStep(s);
    window.scrollTo({ top: 0 });
  };
  async function next() {
    try {
      if (step === 0) await form.validateFields([...BASIC_FIELDS]);
      if (step === 1) await form.validateFields(asked.map((f) => ['facts', f.id]));
    } catch {
      return;
    }
    show(step + 1);
  }
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
  return { step, setStep, show, next, jumpTo };
}

interface SubmitOptions {
  readonly form: ApplyForm;
  readonly asked: readonly ApplyFact[];
  readonly chosen: OfficialOption | null;
  /** The form has a field in error: back to the first step. */
  readonly onInvalid: () => void;
  readonly onCreated: (c: CaseView) => void;
}

/** Submitting the application (POST /api/cases), once per content, marking the fields refused. */
export function useSubmit({ form, asked, chosen, onInvalid, onCreated }: SubmitOptions) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const attempt = useRef<{ key: string; body: string } | null>(null);

  async function submit() {
    setSubmitError(null);
    let values;
    try {
      values = await form.validateFields();
    } catch {
      onInvalid();
      return;
    }
    const body = {
      officialId: chosen?.id ?? values.officialId,
      title: values.title?.trim(),
      summary: values.summary?.trim() ?? '',
      conductDate: values.conductDate,
      ...(values.accountabilityNotifiedOn
        ? { accountabilityNotifiedOn: values.accountabilityNotifiedOn }
        : {}),
      facts: knownFacts(values.facts, asked),
    };
    // The same application sent again (after a lost answer) keeps its key; a changed one gets a
    // new key, so the server neither opens two cases nor refuses the change.
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    setSubmitting(true);
    try {
      const r = await postIdempotent<{ case: CaseView }>('/api/cases', body, attempt.current.key);
      onCreated(r.case);
      void message.success(t('official.apply.submitted', { number: r.case.number }));
    } catch (e) {
      setSubmitError(e);
      if (e instanceof ApiError) {
        const fields = fieldErrors(e.details, e.text, asked, lang);
        if (fields.length > 0) form.setFields(fields);
      }
    } finally {
      setSubmitting(false);
    }
  }
  return { submitting, submitError, submit };
}
