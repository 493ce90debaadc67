/**
 * The implementation evaluation's three screens — the surveys (/evaluation), jurisdictions and
 * years compared (/evaluation/overview) and the case-record indicators (/evaluation/indicators) —
 * as links under the page title; the main menu keeps its one 政策执行评估 entry.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import './overview.css';

const SECTIONS = [
  { key: 'campaigns', path: '/evaluation' },
  { key: 'overview', path: '/evaluation/overview' },
  { key: 'indicators', path: '/evaluation/indicators' },
] as const;

export function EvaluationNav({ current }: { current: (typeof SECTIONS)[number]['key'] }) {
  const { t } = useTranslation();
  return (
    <nav className="rc-eval-nav rc-no-print" aria-label={t('evaluationOverview.nav.label')}>
      {SECTIONS.map((s) => (
        <Link
          key={s.key}
          to={s.path}
          className={s.key === current ? 'rc-eval-nav-current' : undefined}
          aria-current={s.key === current ? 'page' : undefined}
          data-testid={`eval-nav-${s.key}`}
        >
          {t(`evaluationOverview.nav.${s.key}`)}
        </Link>
      ))}
    </nav>
  );
}
