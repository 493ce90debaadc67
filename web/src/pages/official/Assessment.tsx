/**
 * The live preliminary assessment beside the questions: the likely outcome (or "cannot tell yet"
 * with the outcomes still possible), the rules and clauses it rests on, why the more favourable
 * outcomes were not reached, and the questions whose answers could still change it — each a
 * link to its question. Clearly marked as preliminary: the committee decides.
 */
import { Alert, Button, Card, Collapse, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { I18nText } from '../../types';
import type { AssessmentState } from './useAssessment';
import type { ApplyFact, ClauseRef, Evaluation, Failure } from './types';

/**
 * Clause citations with their paraphrase; a clause already quoted above (several rules often rest
 * on one article) is cited without repeating its text.
 */
function Clauses({
  clauses,
  quoted,
}: {
  readonly clauses: readonly ClauseRef[];
  readonly quoted?: ReadonlySet<string>;
}) {
  const lang = useLang();
  const { t } = useTranslation();
  if (clauses.length === 0) return null;
  return (
    <ul className="rc-apply-clauses">
      {clauses.map((c) => (
        <li key={c.id}>
          <Typography.Text strong>{pick(c.citation, lang)}</Typography.Text>
          <Typography.Text>
            {quoted?.has(c.id)
              ? ` ${t('official.assessment.seeAbove')}`
              : `${t('official.assessment.sep')}${pick(c.text, lang)}`}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}

/** For each reason, the clauses already quoted by the reasons before it. */
function quotedBefore(evaluation: Evaluation): ReadonlySet<string>[] {
  const seen = new Set<string>();
  return evaluation.reasons.map((r) => {
    const before = new Set(seen);
    for (const c of r.clauses) seen.add(c.id);
    return before;
  });
}

function FailureList({ failures }: { readonly failures: readonly Failure[] }) {
  const lang = useLang();
  const { t } = useTranslation();
  return (
    <ul className="rc-apply-failures">
      {failures.map((f, i) => (
        <li key={i}>
          <Tag color={f.status === 'failed' ? 'red' : 'default'}>
            {f.status === 'failed'
              ? t('official.assessment.notMet')
              : t('official.assessment.unknown')}
          </Tag>
          {pick(f.text, lang)}
          {f.clauses ? <Clauses clauses={f.clauses} /> : null}
          {f.because && f.because.length > 0 ? <FailureList failures={f.because} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** The likely outcome, or "cannot tell yet" with the outcomes still possible. */
function OutcomeSection({
  evaluation,
  outcomes,
}: {
  readonly evaluation: Evaluation;
  readonly outcomes: ReadonlyMap<string, I18nText>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      <Typography.Title level={3} className="rc-apply-h3">
        {t('official.assessment.outcome')}
      </Typography.Title>
      {evaluation.outcome === 'undetermined' ? (
        <div data-testid="assessment-outcome" data-outcome="undetermined">
          <Typography.Paragraph>
            <Tag color="default" className="rc-apply-outcome">
              {t('official.assessment.undetermined')}
            </Tag>
          </Typography.Paragraph>
          <Typography.Paragraph>
            {t('official.assessment.possible')}{' '}
            {evaluation.possibleOutcomes.map((o) => (
              <Tag key={o}>{pick(outcomes.get(o) ?? { zh: o, en: o }, lang)}</Tag>
            ))}
          </Typography.Paragraph>
        </div>
      ) : (
        <div data-testid="assessment-outcome" data-outcome={evaluation.outcome}>
          <Typography.Paragraph>
            <Tag color="blue" className="rc-apply-outcome">
              {pick(evaluation.label, lang)}
            </Tag>
          </Typography.Paragraph>
        </div>
      )}
    </>
  );
}

/** The rules the outcome rests on, with their clauses. */
function ReasonsSection({ evaluation }: { readonly evaluation: Evaluation }) {
  const { t } = useTranslation();
  const lang = useLang();
  const quoted = quotedBefore(evaluation);
  return (
    <>
      <Typography.Title level={3} className="rc-apply-h3">
        {t('official.assessment.reasons')}
      </Typography.Title>
      {evaluation.reasons.length === 0 ? (
        <Typography.Paragraph type="secondary">
          {t('official.assessment.noReasons')}
        </Typography.Paragraph>
      ) : (
        <List
          data-testid="assessment-reasons"
          size="small"
          dataSource={evaluation.reasons.map((r, i) => ({ r, quoted: quoted[i] }))}
          renderItem={({ r, quoted: before }) => (
            <List.Item key={r.rule}>
              <div>
                <Typography.Text strong>{pick(r.title, lang)}</Typography.Text>
                <Clauses clauses={r.clauses} {...(before ? { quoted: before } : {})} />
              </div>
            </List.Item>
          )}
        />
      )}
    </>
  );
}

/** The questions whose answers could still change the outcome, each a link to its question. */
function MissingSection({
  asked,
  labels,
  onJump,
}: {
  readonly asked: readonly string[];
  readonly labels: ReadonlyMap<string, I18nText>;
  readonly onJump: (factId: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      <Typography.Title level={3} className="rc-apply-h3">
        {t('official.assessment.missing', { count: asked.length })}
      </Typography.Title>
      <div data-testid="assessment-missing" data-count={asked.length}>
        {asked.length === 0 ? (
          <Typography.Paragraph type="secondary">
            {t('official.assessment.noMissing')}
          </Typography.Paragraph>
        ) : (
          <>
            <Typography.Paragraph type="secondary">
              {t('official.assessment.missingHelp')}
            </Typography.Paragraph>
            <ul className="rc-apply-missing">
              {asked.map((id) => (
                <li key={id}>
                  <Button type="link" size="small" onClick={() => onJump(id)}>
                    {pick(labels.get(id), lang)}
                  </Button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </>
  );
}

/** Why the more favourable outcomes were not reached, each outcome once. */
function WhyNotSection({ evaluation }: { readonly evaluation: Evaluation }) {
  const { t } = useTranslation();
  const lang = useLang();
  // The ladder may try one outcome through several entries: say each outcome once.
  const whyNot = [...new Map(evaluation.whyNot.map((w) => [w.outcome, w])).values()].map((w) => ({
    ...w,
    failed: evaluation.whyNot.filter((x) => x.outcome === w.outcome).flatMap((x) => x.failed),
  }));
  if (whyNot.length === 0) return null;
  return (
    <>
      <Typography.Title level={3} className="rc-apply-h3">
        {t('official.assessment.whyNot')}
      </Typography.Title>
      <Collapse
        size="small"
        items={whyNot.map((w) => ({
          key: w.outcome,
          label: pick(w.label, lang),
          children: <FailureList failures={w.failed} />,
        }))}
      />
    </>
  );
}

/** The pack and version assessed against, and the time rule applied. */
function BasisSection({ evaluation }: { readonly evaluation: Evaluation }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      <Typography.Paragraph type="secondary" className="rc-gap-top">
        {t('official.assessment.basis', {
          pack: pick(evaluation.packTitle, lang),
          version: evaluation.version,
        })}{' '}
        {pick(evaluation.time.note, lang)}
      </Typography.Paragraph>
      {evaluation.notice ? (
        <Alert type="warning" showIcon title={pick(evaluation.notice, lang)} />
      ) : null}
    </>
  );
}

/** The evaluation shown: the latest answer, or the one before while a new one loads or fails. */
function shownEvaluation(state: AssessmentState): Evaluation | null {
  if (state.status === 'ok') return state.evaluation;
  return state.status === 'loading' || state.status === 'error' ? state.last : null;
}

export function Assessment({
  state,
  facts,
  outcomes,
  onJump,
}: {
  readonly state: AssessmentState;
  readonly facts: readonly ApplyFact[];
  readonly outcomes: ReadonlyMap<string, I18nText>;
  /** Brings the question of a fact into view. */
  readonly onJump: (factId: string) => void;
}) {
  const { t } = useTranslation();
  const evaluation = shownEvaluation(state);
  const labels = new Map(facts.map((f) => [f.id, f.label]));
  const asked = evaluation?.missingFacts.filter((id) => labels.has(id)) ?? [];
  return (
    <Card
      className="rc-apply-assessment"
      title={
        <Space>
          <Typography.Title level={2} className="rc-apply-card-title">
            {t('official.assessment.title')}
          </Typography.Title>
          {state.status === 'loading' ? (
            <Spin size="small" aria-label={t('official.assessment.updating')} />
          ) : null}
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        className="rc-gap"
        title={t('official.assessment.preliminary')}
        description={t('official.assessment.preliminaryBody')}
      />
      <div aria-live="polite" data-testid="assessment">
        {state.status === 'error' ? (
          <div className="rc-gap">
            <ErrorAlert error={state.error} title={t('official.assessment.failed')} />
          </div>
        ) : null}
        {evaluation === null ? (
          state.status === 'idle' ? (
            <Empty description={t('official.assessment.idle')} />
          ) : state.status === 'loading' ? (
            <Spin />
          ) : null
        ) : (
          <>
            <OutcomeSection evaluation={evaluation} outcomes={outcomes} />
            <ReasonsSection evaluation={evaluation} />
            <MissingSection asked={asked} labels={labels} onJump={onJump} />
            <WhyNotSection evaluation={evaluation} />
            <BasisSection evaluation={evaluation} />
          </>
        )}
      </div>
    </Card>
  );
}
