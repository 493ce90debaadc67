/**
 * The answering page of an anonymous survey (/survey/{token}, GET and POST /api/survey/{token}):
 * public, outside the sign-in (App.tsx routes it before the session is asked for), so it sends no
 * cookie and sets none. Phone first: the campaign's title, the instrument's introduction (which
 * states the anonymity), the agreement items on the instrument's scale, how many are answered, the
 * coarse background questions, the optional open questions, and the submission; then a thank-you.
 * A link unknown, used, not yet open or closed gets its own message (the API's error codes); too
 * many invalid tokens from one address (429 SURVEY_RATE_LIMITED) a notice to wait so many minutes,
 * and a sheet refused so keeps every answer on the page, to be sent again later.
 *
 * Built with Ant Design, not SurveyJS: the page is one fixed form (a Likert scale, a few
 * choices, a few texts) that antd's Radio and Input draw well on a phone, and it keeps the app's
 * own components, theme, accessibility fixes and i18n (zh/en texts in one place), with no second
 * form library, styling system and translation layer to ship and keep up.
 */
import { Alert, Button, Card, Grid, Input, Progress, Radio, Result, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LangSwitch } from '../../../components/LangSwitch';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { TEXT_LIMITS } from '../../../shared';
import type { SurveyForm } from '../model';
import {
  answerBody,
  answeredCount,
  EMPTY_SHEET,
  isEmpty,
  without,
  type SheetState,
} from './answers';
import './survey.css';

/**
 * The refusals that end the page: each has its own title; the server's message says why. A used
 * token and one never issued are one refusal: the store keeps no used tokens to tell them apart.
 */
const BLOCKED: Readonly<Record<string, string>> = {
  SURVEY_TOKEN_INVALID: 'unknown',
  SURVEY_NOT_OPEN: 'notOpen',
  SURVEY_CLOSED: 'closed',
};

/** The blocked state of a refusal, or null for a failure worth trying again (the network). */
function blockedOf(e: unknown): string | null {
  if (!(e instanceof ApiError)) return null;
  // A token too long or malformed for the route's schema is as unknown as a wrong one.
  return BLOCKED[e.code] ?? (e.status === 400 || e.status === 404 ? 'unknown' : null);
}

/**
 * The minutes to wait when the server answered 429 SURVEY_RATE_LIMITED (too many invalid tokens
 * from this address, src/server/survey-throttle.ts; details.retryAfterSeconds), else null.
 */
function rateLimitOf(e: unknown): number | null {
  if (!(e instanceof ApiError) || e.status !== 429) return null;
  const seconds = e.details['retryAfterSeconds'];
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : 10;
}

/** The notice of a 429: wait so many minutes; when submitting, the answers stay on the page. */
function RateLimited({
  minutes,
  submitting,
}: {
  readonly minutes: number;
  readonly submitting: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      className="rc-gap"
      data-testid="survey-rate-limited"
      title={t(`evaluation.survey.rateLimited.${submitting ? 'submit' : 'open'}Title`, {
        count: minutes,
      })}
      description={t(
        submitting ? 'evaluation.survey.rateLimited.kept' : 'evaluation.survey.rateLimited.open',
      )}
    />
  );
}

type Page =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: unknown }
  | { readonly status: 'blocked'; readonly reason: string; readonly error: unknown }
  | { readonly status: 'answering'; readonly form: SurveyForm }
  | { readonly status: 'done' };

function failure(error: unknown): Page {
  const reason = blockedOf(error);
  return reason ? { status: 'blocked', reason, error } : { status: 'failed', error };
}

export default function SurveyPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [page, setPage] = useState<Page>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const path = `/api/survey/${encodeURIComponent(token)}`;

  useEffect(() => {
    const ctrl = new AbortController();
    setPage({ status: 'loading' });
    api<SurveyForm>('GET', path, undefined, { signal: ctrl.signal })
      .then((form) => setPage({ status: 'answering', form }))
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setPage(failure(e));
      });
    return () => ctrl.abort();
  }, [path, round]);

  return (
    <main className="rc-survey">
      <div className="rc-survey-top">
        <Typography.Text type="secondary">{t('evaluation.survey.anonymous')}</Typography.Text>
        <LangSwitch />
      </div>
      {page.status === 'loading' ? (
        <div className="rc-loading" role="status">
          {t('common.loading')}
        </div>
      ) : null}
      {page.status === 'failed' ? (
        <div className="rc-survey-box">
          {rateLimitOf(page.error) !== null ? (
            <RateLimited minutes={rateLimitOf(page.error)!} submitting={false} />
          ) : (
            <ErrorAlert error={page.error} />
          )}
          <Button className="rc-gap-top" onClick={() => setRound((r) => r + 1)}>
            {t('evaluation.survey.retry')}
          </Button>
        </div>
      ) : null}
      {page.status === 'blocked' ? <Blocked reason={page.reason} error={page.error} /> : null}
      {page.status === 'answering' ? (
        <Sheet
          form={page.form}
          path={path}
          onDone={() => setPage({ status: 'done' })}
          onBlocked={(e) => setPage(failure(e))}
        />
      ) : null}
      {page.status === 'done' ? <ThankYou /> : null}
    </main>
  );
}

function Blocked({ reason, error }: { readonly reason: string; readonly error: unknown }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Result
      status={reason === 'unknown' ? 'warning' : 'info'}
      title={<h1 className="rc-survey-result-title">{t(`evaluation.survey.blocked.${reason}`)}</h1>}
      subTitle={
        <span data-testid="survey-blocked" data-reason={reason}>
          {error instanceof ApiError ? pick(error.text, lang) : null}{' '}
          {t(`evaluation.survey.blocked.${reason}Help`)}
        </span>
      }
    />
  );
}

function ThankYou() {
  const { t } = useTranslation();
  return (
    <Result
      status="success"
      title={<h1 className="rc-survey-result-title">{t('evaluation.survey.thanks.title')}</h1>}
      subTitle={<span data-testid="survey-thanks">{t('evaluation.survey.thanks.body')}</span>}
    />
  );
}

function Sheet({
  form,
  path,
  onDone,
  onBlocked,
}: {
  readonly form: SurveyForm;
  readonly path: string;
  readonly onDone: () => void;
  readonly onBlocked: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = !Grid.useBreakpoint().md;
  const [sheet, setSheet] = useState<SheetState>(EMPTY_SHEET);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [emptyTried, setEmptyTried] = useState(false);
  const ins = form.instrument;
  const total = ins.items.length;
  const answered = answeredCount(form, sheet);

  async function submit() {
    setError(null);
    if (isEmpty(sheet)) {
      setEmptyTried(true);
      return;
    }
    setBusy(true);
    try {
      await api('POST', path, answerBody(form, sheet));
      window.scrollTo(0, 0);
      onDone();
    } catch (e) {
      if (blockedOf(e)) onBlocked(e);
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  const scale = ins.scale.labels.map((label, i) => ({
    value: ins.scale.min + i,
    label: pick(label, lang),
  }));
  return (
    <div className="rc-survey-box">
      <Typography.Title level={1} className="rc-survey-title" data-testid="survey-title">
        {form.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {pick(ins.title, lang)} · {t('evaluation.survey.closesOn', { date: form.closesOn })}
      </Typography.Paragraph>
      <Card size="small" className="rc-gap" data-testid="survey-intro">
        {pick(ins.introduction, lang)
          .split(/\n+/)
          .map((p, i) => (
            <Typography.Paragraph key={i}>{p}</Typography.Paragraph>
          ))}
      </Card>
      <Alert type="info" showIcon className="rc-gap" title={t('evaluation.survey.blanks')} />
      <div className="rc-survey-progress" data-testid="survey-progress" aria-live="polite">
        <span>{t('evaluation.survey.answered', { answered, total })}</span>
        <Progress
          percent={total === 0 ? 0 : Math.round((answered / total) * 100)}
          size="small"
          aria-label={t('evaluation.survey.progress')}
        />
      </div>
      <section aria-labelledby="survey-items">
        <h2 id="survey-items" className="rc-survey-h2">
          {t('evaluation.survey.itemsHeading')}
        </h2>
        <ol className="rc-survey-items">
          {ins.items.map((item, i) => (
            <li key={item.id} className="rc-survey-item" data-testid={`item-${item.id}`}>
              <p id={`q-${item.id}`} className="rc-survey-q">
                {i + 1}. {pick(item.text, lang)}
              </p>
              <Choice
                labelledBy={`q-${item.id}`}
                phone={phone}
                options={scale}
                value={sheet.answers[item.id]}
                buttons
                onChange={(v) =>
                  setSheet((s) => ({
                    ...s,
                    answers:
                      v === undefined
                        ? without(s.answers, item.id)
                        : { ...s.answers, [item.id]: v },
                  }))
                }
              />
            </li>
          ))}
        </ol>
      </section>
      {ins.demographics.length > 0 ? (
        <section aria-labelledby="survey-background" className="rc-survey-section">
          <h2 id="survey-background" className="rc-survey-h2">
            {t('evaluation.survey.backgroundHeading')}
          </h2>
          <Typography.Paragraph type="secondary">
            {t('evaluation.survey.backgroundNote')}
          </Typography.Paragraph>
          {ins.demographics.map((d) => (
            <div key={d.id} className="rc-survey-item" data-testid={`background-${d.id}`}>
              <p id={`d-${d.id}`} className="rc-survey-q">
                {pick(d.label, lang)}
              </p>
              <Choice
                labelledBy={`d-${d.id}`}
                phone={phone}
                options={d.options.map((o) => ({ value: o.value, label: pick(o.label, lang) }))}
                value={sheet.demographics[d.id]}
                onChange={(v) =>
                  setSheet((s) => ({
                    ...s,
                    demographics:
                      v === undefined
                        ? without(s.demographics, d.id)
                        : { ...s.demographics, [d.id]: v },
                  }))
                }
              />
            </div>
          ))}
        </section>
      ) : null}
      {ins.openQuestions.length > 0 ? (
        <section aria-labelledby="survey-open" className="rc-survey-section">
          <h2 id="survey-open" className="rc-survey-h2">
            {t('evaluation.survey.openHeading')}
          </h2>
          <Typography.Paragraph type="secondary">
            {t('evaluation.survey.openNote')}
          </Typography.Paragraph>
          {ins.openQuestions.map((q) => (
            <div key={q.id} className="rc-survey-item">
              <label htmlFor={`o-${q.id}`} className="rc-survey-q rc-survey-label">
                {pick(q.text, lang)}
              </label>
              <Input.TextArea
                id={`o-${q.id}`}
                data-testid={`open-${q.id}`}
                autoSize={{ minRows: 3, maxRows: 10 }}
                maxLength={TEXT_LIMITS.surveyOpenAnswer.max}
                showCount
                value={sheet.openAnswers[q.id] ?? ''}
                onChange={(e) =>
                  setSheet((s) => ({
                    ...s,
                    openAnswers: { ...s.openAnswers, [q.id]: e.target.value },
                  }))
                }
              />
            </div>
          ))}
        </section>
      ) : null}
      <div className="rc-survey-submit">
        {emptyTried && isEmpty(sheet) ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            className="rc-gap"
            title={t('evaluation.survey.emptySheet')}
          />
        ) : null}
        {error && rateLimitOf(error) !== null ? (
          <RateLimited minutes={rateLimitOf(error)!} submitting />
        ) : null}
        {error && rateLimitOf(error) === null ? (
          <div className="rc-gap">
            <ErrorAlert error={error} />
          </div>
        ) : null}
        <Typography.Paragraph type="secondary">
          {t('evaluation.survey.beforeSubmit', { answered, total })}
        </Typography.Paragraph>
        <Button
          type="primary"
          size="large"
          block={phone}
          loading={busy}
          data-testid="survey-submit"
          onClick={() => void submit()}
        >
          {t('evaluation.survey.submit')}
        </Button>
      </div>
    </div>
  );
}

/**
 * One question's choice: the scale as a row of buttons on a wide screen, a column of radios on a
 * phone; once chosen, a link clears it back to blank (a radio cannot be unchosen by itself).
 */
function Choice<V extends string | number>({
  labelledBy,
  phone,
  options,
  value,
  buttons = false,
  onChange,
}: {
  readonly labelledBy: string;
  readonly phone: boolean;
  readonly options: readonly { value: V; label: string }[];
  readonly value: V | undefined;
  readonly buttons?: boolean;
  readonly onChange: (v: V | undefined) => void;
}) {
  const { t } = useTranslation();
  const asButtons = buttons && !phone;
  return (
    <div className="rc-survey-choice">
      <Radio.Group
        aria-labelledby={labelledBy}
        vertical={phone}
        optionType={asButtons ? 'button' : 'default'}
        buttonStyle="solid"
        block={asButtons}
        value={value ?? null}
        options={options.map((o) => ({ value: o.value, label: o.label }))}
        onChange={(e) => onChange(e.target.value as V)}
      />
      {value !== undefined ? (
        <Button
          type="link"
          size="small"
          className="rc-survey-clear"
          aria-describedby={labelledBy}
          onClick={() => onChange(undefined)}
        >
          {t('evaluation.survey.clear')}
        </Button>
      ) : null}
    </div>
  );
}
