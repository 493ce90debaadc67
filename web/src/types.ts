/**
 * The API's shapes as the web app reads them: the types of the schemas the server validates and
 * serializes with (src/api, TypeBox), re-exported under the names the screens use. Nothing here is
 * declared by hand: change a shape in src/api and both sides follow (and `tsc` says where).
 */
import type {
  CaseView,
  ClauseRef,
  OrgJurisdiction,
  PackAnswer as ApiPackAnswer,
  PackFact,
} from '../../src/api/index.js';

export type {
  SessionItem,
  SessionList,
  SecurityPolicy,
  AdminGrant,
  AdminUser,
  AdminUserDetail,
  AdminUserPage,
  AuthMethods,
  CalendarDay,
  CalendarList,
  CalendarYear,
  CaseEvent,
  CaseFact,
  CaseMember,
  CasePage,
  CaseSummary,
  CaseView,
  ConditionFailure,
  DashboardData,
  Determination,
  DocumentNumbering,
  DueStatus,
  EvidenceFilesResult,
  ExternalIdentity,
  ExternalIdentityList,
  Grant,
  I18nText,
  JointMatterAnswer,
  JointMatterView,
  JointOfficialView,
  LadderOutcome,
  OrgJurisdiction,
  OrgTree,
  OrgUnit,
  PanelCandidate,
  PasswordRule,
  PersonRef,
  Recommendation,
  RecommendationAnswer,
  Session,
  LoginOutcome,
  SecondFactorAnswer,
  EnrolledAnswer,
  TotpEnrolment,
  TwoFactorStatus,
  RecoveryCodes,
  User,
} from '../../src/api/index.js';

/** A fact as the policy pack declares it (GET /api/policy/packs/:id → effective.facts). */
export type FactDecl = PackFact;

/** GET /api/policy/packs/:id */
export type PackAnswer = ApiPackAnswer;

/** The parts of GET /api/cases/:id the deliberation reads. */
export type DeliberationFields = Pick<CaseView, 'members' | 'determinations'>;

export type ClauseCitation = ClauseRef;

export type OrgAbilities = OrgJurisdiction['abilities'];
