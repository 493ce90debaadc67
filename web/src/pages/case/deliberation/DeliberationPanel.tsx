/**
 * The committee's deliberation page on a case (集体研究), mounted by the case page for officers
 * who see the whole file, from deliberation on. It shows the engine's recommendation with its
 * reasons (GET /api/cases/:id/recommendation), the panel with conflicts, recusals and votes, the
 * chair's decision form while the case is in deliberation, and the decision on the record after.
 * Every action shows only when the case's abilities allow it; `onChanged` reloads the case.
 */
import { Alert, App, Card, ConfigProvider, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { CaseView, DeliberationFields, RecommendationAnswer } from '../../../types';
import { DecisionForm } from './DecisionForm';
import { DecisionRecord } from './DecisionRecord';
import { JointMatterPanel } from './JointMatterPanel';
import { MembersCard } from './MembersCard';
import { RecommendationCard } from './RecommendationCard';
import { useFreshApi } from './useFreshApi';
import './deliberation.css';

/** Red with 5.6:1 contrast on white (Ant Design's red-7). */
const ACCESSIBLE_RED = '#cf1322';

export function DeliberationPanel(props: { view: CaseView; onChanged: () => void }) {
  const { view, onChanged } = props;
  const { t } = useTranslation();
  // The case view carries the panel and the minutes for officers (src/app/queries/case-view.ts).
  const fields = view as CaseView & Partial<DeliberationFields>;
  const members = fields.members ?? [];
  const determinations = fields.determinations ?? [];
  // Asked again whenever the case changes (its version), so that new facts or a decision show.
  const answer = useFreshApi<RecommendationAnswer>(
    view.view === 'full' ? `/api/cases/${encodeURIComponent(view.id)}/recommendation` : null,
    view.version,
  );
  // The parties see no deliberation: the case page should not mount this for them.
  if (view.view !== 'full') return null;

  const loaded = answer.status === 'ok' ? answer.data : null;
  return (
    // Ant Design's default red (#ff4d4f) is below WCAG AA contrast for error texts and danger
    // buttons; the panel's own App makes its confirmation dialogs take the same theme.
    <ConfigProvider theme={{ token: { colorError: ACCESSIBLE_RED } }}>
      <App component={false}>
        <section
          className="rc-gap"
          data-testid="deliberation-panel"
          aria-label={t('committee.panel.title')}
        >
          {answer.status === 'loading' ? (
            <Card title={t('committee.rec.title')} className="rc-gap">
              <div className="rc-loading" role="status">
                <Spin />
                <span className="rc-visually-hidden">{t('common.loading')}</span>
              </div>
            </Card>
          ) : answer.status === 'error' ? (
            <div className="rc-gap">
              <ErrorAlert error={answer.error} title={t('committee.rec.loadFailed')} />
            </div>
          ) : (
            <RecommendationCard rec={answer.data.recommendation} />
          )}

          <JointMatterPanel view={view} members={members} onChanged={onChanged} />

          <Card title={t('committee.members.title')} className="rc-gap" data-testid="panel-members">
            <MembersCard
              view={view}
              members={members}
              ladder={loaded?.ladder ?? []}
              onChanged={onChanged}
            />
          </Card>

          {view.abilities['decide'] ? (
            <DecisionForm view={view} answer={loaded} onChanged={onChanged} />
          ) : view.state === 'deliberation' ? (
            <Alert
              type="info"
              showIcon
              className="rc-gap"
              data-testid="decision-not-yet"
              title={t('committee.decide.notYet')}
            />
          ) : null}

          {determinations.length > 0 ? <DecisionRecord determinations={determinations} /> : null}
        </section>
      </App>
    </ConfigProvider>
  );
}
