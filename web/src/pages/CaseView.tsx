/**
 * One case (GET /api/cases/:id) and the work on it. Officers see the whole file: the actions the
 * procedure offers them now, facts with provenance and evidence, the statements, the six-element
 * assessment, consultation, the step clock, review and appeal, the deliberation and the decision
 * document, and the event trail. The parties see their view of it: the step and its deadline, the
 * events they may see, the decision in force with its document, and review or appeal while the
 * window is open. Every action is offered only where the case's `abilities` allow it.
 *
 * A case the user may not read is answered 404 by the server, as if it did not exist, and shown as
 * not found. When an action meets a newer version of the case, the case is reloaded and a notice
 * says so.
 */
import { DELIBERATED_STATES } from '../shared';
import { Alert, Button, Result, Space, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useApi } from '../useApi';
import { AssessmentCard } from './case/AssessmentCard';
import { CaseActions } from './case/CaseActions';
import { ChallengesCard } from './case/ChallengesCard';
import { ClockCard } from './case/ClockCard';
import { ConsultationCard } from './case/ConsultationCard';
import { ClearingCard } from './case/ClearingCard';
import { CorrectionCard } from './case/CorrectionCard';
import { MatterCard } from './case/MatterCard';
import { JointMatterCard } from './case/JointMatterCard';
import { EvidenceCard } from './case/EvidenceCard';
import { FactsCard } from './case/FactsCard';
import type { CaseFile, PackDetail, PackFact } from './case/model';
import { DeliberationPanel } from './case/deliberation/DeliberationPanel';
import { DecisionDocumentPanel } from './case/document/DecisionDocumentPanel';
import { DocumentsCard } from './case/document/DocumentsCard';
import { StatementsCard } from './case/StatementsCard';
import { CaseHead, DeterminationCard, StepCard, SummaryCard } from './case/SummaryCards';
import { TimelineCard } from './case/TimelineCard';
import { CaseContext, type CaseContextValue } from './case/useCaseAction';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** States in which the committee's record exists (deliberation and after the decision). */
const DELIBERATED: ReadonlySet<string> = new Set(DELIBERATED_STATES);

function CaseNotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('caseView.notFoundTitle')}
      subTitle={t('caseView.notFound')}
      extra={
        <Link to="/cases">
          <Button type="primary">{t('notFound.toCases')}</Button>
        </Link>
      }
    />
  );
}

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: unknown }
  | { readonly status: 'ok'; readonly c: CaseFile };

export default function CaseView() {
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [conflict, setConflict] = useState(false);
  const [round, setRound] = useState(0);

  // Loads the case; a reload keeps the case on screen until the fresh one arrives.
  useEffect(() => {
    if (!valid) return;
    const ctrl = new AbortController();
    api<CaseFile>('GET', `/api/cases/${encodeURIComponent(id)}`, undefined, {
      signal: ctrl.signal,
    })
      .then((c) => setLoaded({ status: 'ok', c }))
      .catch((error: unknown) => {
        if (!ctrl.signal.aborted) setLoaded({ status: 'error', error });
      });
    return () => ctrl.abort();
  }, [id, valid, round]);
  useEffect(() => {
    setLoaded({ status: 'loading' });
    setConflict(false);
  }, [id]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const onFresh = useCallback((c: CaseFile) => {
    setConflict(false);
    setLoaded({ status: 'ok', c });
  }, []);
  const onConflict = useCallback(() => {
    setConflict(true);
    setRound((r) => r + 1);
  }, []);

  if (!valid) return <CaseNotFound />;
  if (loaded.status === 'loading') {
    return (
      <div className="rc-loading" role="status">
        <Spin />
        <span className="rc-visually-hidden">{t('common.loading')}</span>
      </div>
    );
  }
  if (loaded.status === 'error') {
    if (loaded.error instanceof ApiError && loaded.error.status === 404) return <CaseNotFound />;
    return <ErrorAlert error={loaded.error} title={t('caseView.loadFailed')} />;
  }
  return (
    <CaseDetails
      c={loaded.c}
      conflict={conflict}
      onDismissConflict={() => setConflict(false)}
      onFresh={onFresh}
      onConflict={onConflict}
      reload={reload}
    />
  );
}

function CaseDetails(props: {
  readonly c: CaseFile;
  readonly conflict: boolean;
  readonly onDismissConflict: () => void;
  readonly onFresh: (c: CaseFile) => void;
  readonly onConflict: () => void;
  readonly reload: () => void;
}) {
  const { c, reload } = props;
  const { t } = useTranslation();
  const pack = useApi<PackDetail>(
    `/api/policy/packs/${encodeURIComponent(c.packId)}` +
      (c.packVersion ? `?version=${encodeURIComponent(c.packVersion)}` : ''),
  );
  const effective = pack.status === 'ok' ? pack.data.effective : null;
  const decls = useMemo(
    () => new Map<string, PackFact>((effective?.facts ?? []).map((f) => [f.id, f])),
    [effective],
  );
  const context = useMemo<CaseContextValue>(
    () => ({ c, onFresh: props.onFresh, onConflict: props.onConflict }),
    [c, props.onFresh, props.onConflict],
  );
  const full = c.view === 'full';
  // A consulted department's officer sees what they need to answer (case-view.ts), no more.
  const consultee = c.view === 'consultee';
  const determined = c.determinations.length > 0;

  return (
    <CaseContext.Provider value={context}>
      <article className="rc-case">
        <div className="rc-case-head">
          <Link to={consultee ? '/' : '/cases'}>{t('caseView.back')}</Link>
          {full ? (
            <Space className="rc-no-print rc-case-print">
              <Link to={`/cases/${c.id}/approval-form`} data-testid="approval-form-link">
                {t('find.approval.open')}
              </Link>
              <Button size="small" onClick={() => window.print()}>
                {t('find.approval.printPage')}
              </Button>
            </Space>
          ) : null}
        </div>
        <CaseHead />
        {props.conflict ? (
          <Alert
            type="warning"
            showIcon
            closable={{ onClose: props.onDismissConflict, 'aria-label': t('desk.action.dismiss') }}
            role="alert"
            data-testid="version-conflict"
            title={t('desk.action.conflictTitle')}
            description={t('desk.action.conflict')}
            className="rc-gap"
          />
        ) : null}
        {pack.status === 'error' ? (
          <ErrorAlert error={pack.error} title={t('desk.packFailed')} />
        ) : null}
        {consultee ? (
          <Alert
            type="info"
            showIcon
            className="rc-gap"
            data-testid="consultee-intro"
            title={t('desk.consult.consulteeIntro')}
          />
        ) : null}
        <CaseActions />
        <StepCard />
        <SummaryCard />
        {determined ? <DeterminationCard /> : null}
        {determined ? <DecisionDocumentPanel view={c} /> : null}
        {consultee ? null : <DocumentsCard />}
        {consultee ? null : <ChallengesCard outcomes={effective?.outcomes ?? []} />}
        {consultee ? null : <CorrectionCard />}
        {consultee ? null : <ClearingCard />}
        {full ? <MatterCard /> : null}
        {full && DELIBERATED.has(c.state) ? (
          <DeliberationPanel view={c} onChanged={reload} />
        ) : consultee ? null : (
          // From deliberation on, officers see the matter's officials in the deliberation panel.
          <JointMatterCard facts={decls} />
        )}
        <FactsCard facts={decls} loading={pack.status === 'loading'} />
        <EvidenceCard onUploaded={reload} />
        <StatementsCard />
        {full || consultee ? <AssessmentCard /> : null}
        {full || consultee ? (
          <ConsultationCard departments={effective?.procedure?.consultation?.departments ?? []} />
        ) : null}
        <ClockCard />
        {consultee ? null : <TimelineCard />}
      </article>
    </CaseContext.Provider>
  );
}
