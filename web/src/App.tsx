/**
 * The app: Ant Design in the chosen language, the session, and the routes. Signed out, every
 * address shows the sign-in page and, once signed in, the page that was asked for — except an
 * anonymous survey's answering page (/survey/{token}), routed before the session is even asked
 * for: it never calls /api/auth/me, and shows the same whether or not someone is signed in.
 */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth';
import { useLang } from './lang';
import { SignIn } from './pages/SignIn';

const Shell = lazy(() => import('./pages/Shell'));
const CaseList = lazy(() => import('./pages/CaseList'));
const CaseView = lazy(() => import('./pages/CaseView'));
const ApprovalForm = lazy(() => import('./pages/case/ApprovalForm'));
const NotFound = lazy(() => import('./pages/NotFound'));
const Apply = lazy(() => import('./pages/official/Apply'));
const PolicyBrowser = lazy(() => import('./pages/policy/PolicyBrowser'));
const Admin = lazy(() => import('./pages/admin/Admin'));
const Audit = lazy(() => import('./pages/audit/Audit'));
const Dashboard = lazy(() => import('./pages/dashboard/Dashboard'));
const Workbench = lazy(() => import('./pages/workbench/Workbench'));
const ExOfficio = lazy(() => import('./pages/intake/ExOfficio'));
const JointMatterForm = lazy(() => import('./pages/intake/JointMatterForm'));
const RiskFilings = lazy(() => import('./pages/intake/RiskFilings'));
const Results = lazy(() => import('./pages/results/Results'));
const Visits = lazy(() => import('./pages/visits/Visits'));
const Matters = lazy(() => import('./pages/matters/Matters'));
const OfficialRecord = lazy(() => import('./pages/official-record/OfficialRecord'));
const CampaignReport = lazy(() => import('./pages/evaluation/report/Report'));
const Evaluation = lazy(() => import('./pages/evaluation/Campaigns'));
const Campaign = lazy(() => import('./pages/evaluation/Campaign'));
const EvaluationOverview = lazy(() => import('./pages/evaluation/overview/Overview'));
const Indicators = lazy(() => import('./pages/evaluation/indicators/Indicators'));
const SurveyPage = lazy(() => import('./pages/evaluation/survey/SurveyPage'));
const Instruments = lazy(() => import('./pages/evaluation/instruments/Instruments'));
const Instrument = lazy(() => import('./pages/evaluation/instruments/Instrument'));
const AdaptInstrument = lazy(() => import('./pages/evaluation/instruments/AdaptInstrument'));
const Account = lazy(() => import('./pages/account/Account'));
const ForcedChange = lazy(() => import('./pages/account/ForcedChange'));
const SecurityPolicy = lazy(() => import('./pages/account/SecurityPolicy'));

function Loading() {
  const { t } = useTranslation();
  return (
    <div className="rc-loading" role="status">
      <Spin />
      <span className="rc-visually-hidden">{t('common.loading')}</span>
    </div>
  );
}

function Routed() {
  const { state } = useAuth();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signedOut') return <SignIn expired={state.expired} />;
  // A password an administrator set, or an expired one: nothing but the change until it is made.
  if (state.passwordChange) {
    return (
      <Suspense fallback={<Loading />}>
        <ForcedChange reason={state.passwordChange} />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<Shell />}>
          <Route index element={<Navigate to="/workbench" replace />} />
          <Route path="workbench" element={<Workbench />} />
          <Route path="account" element={<Account />} />
          <Route path="security-policy" element={<SecurityPolicy />} />
          <Route path="cases" element={<CaseList />} />
          <Route path="cases/:id" element={<CaseView />} />
          <Route path="cases/:id/approval-form" element={<ApprovalForm />} />
          <Route path="apply" element={<Apply />} />
          <Route path="ex-officio" element={<ExOfficio />} />
          <Route path="ex-officio/joint" element={<JointMatterForm />} />
          <Route path="risk-filings" element={<RiskFilings />} />
          <Route path="visits" element={<Visits />} />
          <Route path="matters" element={<Matters />} />
          <Route path="policy/*" element={<PolicyBrowser />} />
          <Route path="admin/*" element={<Admin />} />
          <Route path="audit" element={<Audit />} />
          <Route path="dashboard" element={<Dashboard />} />
          <Route path="results" element={<Results />} />
          <Route path="officials/:id" element={<OfficialRecord />} />
          <Route path="evaluation/campaigns/:id/report" element={<CampaignReport />} />
          <Route path="evaluation" element={<Evaluation />} />
          <Route path="evaluation/campaigns/:id" element={<Campaign />} />
          <Route path="evaluation/overview" element={<EvaluationOverview />} />
          <Route path="evaluation/indicators" element={<Indicators />} />
          <Route path="evaluation/instruments" element={<Instruments />} />
          <Route path="evaluation/instruments/:id" element={<Instrument />} />
          <Route path="evaluation/instruments/:id/adapt" element={<AdaptInstrument />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

/** The public answering page apart; every other address behind the session. */
function Top() {
  return (
    <Routes>
      <Route
        path="/survey/:token"
        element={
          <Suspense fallback={<Loading />}>
            <SurveyPage />
          </Suspense>
        }
      />
      <Route
        path="*"
        element={
          <AuthProvider>
            <Routed />
          </AuthProvider>
        }
      />
    </Routes>
  );
}

/**
 * Whether the user asked their system for less motion (prefers-reduced-motion, WCAG 2.3.3): then
 * dialogs, drawers and menus appear without their animations. Followed live.
 */
function useReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduced, setReduced] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const list = window.matchMedia?.(query);
    if (!list) return undefined;
    const follow = () => setReduced(list.matches);
    list.addEventListener('change', follow);
    return () => list.removeEventListener('change', follow);
  }, []);
  return reduced;
}

export function App() {
  const lang = useLang();
  const reducedMotion = useReducedMotion();
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{
        token: {
          colorPrimary: '#1f4e8c',
          colorLink: '#1f4e8c',
          // The default error red (#ff4d4f) is 3.3:1 on white; this one passes AA.
          colorError: '#c41d1d',
          colorLinkHover: '#2a63ad',
          // Ant Design's default secondary greys fall below WCAG AA contrast (4.5:1) on white.
          colorTextSecondary: '#595959',
          colorTextDescription: '#595959',
          colorTextTertiary: '#666666',
          colorTextPlaceholder: '#707070',
          motion: !reducedMotion,
        },
      }}
    >
      <AntApp>
        <BrowserRouter>
          <Top />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
