/**
 * The demo: a province, a city and X New Area (pack x-new-area) with units, officials, a login for
 * every role, and about fifty cases at every step of the procedure across 2025–2026; a joint
 * matter of three officials (demo-joint.ts); and an area of the Sichuan free-trade zone (pack
 * sichuan-ftz: a band, results off the ladder; demo-zone.ts). Every case is
 * made by the real use cases (submitApplication, acceptCase, recordFact, decideCase, …) under a
 * clock that moves through the case's history, so every event, due date and audit hash chain is
 * genuine. Deterministic for a given seed and today. Sample data, not real people or events.
 */
import { eq, getTableName } from 'drizzle-orm';
import type { Calendar } from '../calendar/index.js';
import { SIX_ELEMENTS, TERMINAL, type CaseState } from '../domain/case-states.js';
import type { Actor, Role } from '../domain/roles.js';
import { ROLE_LABEL } from '../domain/roles.js';
import { ADMINISTRATOR_ROLES } from '../shared/roles.js';
import { totpSecrets } from './two-factors/tables.js';
import { sealSecret } from './two-factors/secret-store.js';
import type { FactValue, I18nText, Procedure } from '../policy/model.js';
import { resultApplication } from '../policy/resolve.js';
import type { DocumentType } from '../shared/documents.js';
import { acceptCase } from './cases/accept.js';
import { addEvidence } from './cases/add-evidence.js';
import { addEvidenceFiles } from './cases/add-evidence-files.js';
import { addMember } from './cases/add-member.js';
import { addMembers } from './cases/add-members.js';
import { assessElement, type Rating } from './cases/assess.js';
import { closeCase } from './cases/close.js';
import { completeConsultation } from './cases/complete-consultation.js';
import { completeVerification } from './cases/complete-verification.js';
import { decideChallenge } from './cases/decide-challenge.js';
import { decideExtension } from './cases/decide-extension.js';
import { decideCase } from './cases/decide.js';
import { declareConflict } from './cases/declare-conflict.js';
import { limitOf } from './cases/deadlines.js';
import { fileUpward } from './cases/file-upward.js';
import { issueDocument } from './cases/issue-document.js';
import { listCaseDocuments } from './documents/case-documents.js';
import { notifyDecision } from './cases/notify.js';
import { recordAccountabilityMatter } from './cases/open-ex-officio.js';
import { recordFact } from './cases/record-fact.js';
import { confirmFacts } from './cases/confirm-facts.js';
import { removeEvidence } from './cases/remove-evidence.js';
import { demoMinutesPdf, demoSitePng } from './demo-files.js';
import { playCorrections } from './demo-corrections.js';
import { playClearings } from './demo-clearings.js';
import { playEvaluation } from './demo-evaluation.js';
import { playMatters } from './demo-matters.js';
import { playJointMatter } from './demo-joint.js';
import { playZone } from './demo-zone.js';
import { recordOpinion } from './cases/record-opinion.js';
import { answerConsultation } from './cases/answer-consultation.js';
import { recordStatement } from './cases/record-statement.js';
import { refuseCase } from './cases/refuse.js';
import { requestChallenge } from './cases/request-challenge.js';
import { requestExtension } from './cases/request-extension.js';
import { resumeCase } from './cases/resume.js';
import { createRiskFiling, linkRiskFiling, type RiskFilingInput } from './cases/risk-filing.js';
import type { MatterSource } from '../shared/case.js';
import { startPublicity } from './cases/start-publicity.js';
import { submitApplication } from './cases/submit-application.js';
import { suspendCase } from './cases/suspend.js';
import { castVote } from './cases/vote.js';
import { castReviewVote } from './cases/vote-review.js';
import type { TransitionResult } from './cases/transition.js';
import { withdrawCase } from './cases/withdraw.js';
import { drawVisits } from './visits/draw.js';
import { recordVisit } from './visits/record-visit.js';
import { reportVisits } from './visits/report-visits.js';
import { loadCase, type CaseRow } from './cases/record.js';
import { can } from '../domain/policies.js';
import { setDocumentNumbering } from './admin/numbering.js';
import { today as todayOf, type AppContext } from './context.js';
import { addDaysIso, monthsEndIso } from './dates.js';
import {
  BUREAU_POSITIONS,
  CHALLENGE_GROUNDS,
  DEMO_UNITS,
  GIVEN_NAMES,
  INVESTIGATED_FACTS,
  REFUSAL_REASONS,
  SCENARIOS,
  SECTION_POSITIONS,
  SURNAMES,
  WITHDRAW_REASONS,
  type Scenario,
  DEMO_ZHANG_WEI_ID_CARD,
  demoIdCard,
} from './demo-data.js';
import { AppError } from './errors.js';
import {
  createJurisdiction,
  createOfficial,
  createUnit,
  createUser,
  hashPassword,
  loadActor,
  type NewGrant,
} from './org.js';
import { cases, followUpVisits, schema } from './tables.js';

// ---- the organization and the logins -------------------------------------------------------

export const DEMO_JURISDICTIONS = {
  province: { id: 'a-province', nameZh: '某省', nameEn: 'A Province' },
  city: { id: 'a-city', nameZh: '某市', nameEn: 'A City' },
  area: { id: 'x-new-area', nameZh: 'X新区', nameEn: 'X New Area' },
} as const;

/** The city's own document numbering (the appeals it decides carry it): e.g. 某市容纠认〔2026〕1号. */
export const CITY_NUMBERING = {
  code: '某市容纠',
  patterns: {
    determination: '{code}认〔{year}〕{n}号',
    appeal_decision: '{code}诉决〔{year}〕{n}号',
  },
} as const;

/**
 * The TOTP secret of the demo's administrators (two factors are required of them): fixed and
 * documented, for demonstration only, so that an authenticator app (or `codeAt` in the browser
 * tests) gives the codes. A real installation's administrators set up their own at first sign-in.
 */
export const DEMO_TOTP_SECRET = 'RONGCUODEMOTOTPSECRETFORDEMOONLY';

/** The password of every demo user of a role: fixed, documented, for demonstration only. */
export function demoPassword(role: Role): string {
  return `demo-${role}-2025`;
}

export interface DemoLogin {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly displayName: string;
  /** Where the role is held, in words. */
  readonly scope: I18nText;
}

interface LoginDef {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly grants: readonly NewGrant[];
  readonly scope: I18nText;
}

const AREA_SCOPE: I18nText = { zh: 'X新区', en: 'X New Area' };
const PROVINCE_SCOPE: I18nText = { zh: '某省（含下级）', en: 'A Province and below' };

/** The officers of the departments the X New Area pack consults (the party organization has none). */
const DEPARTMENT_OFFICERS = [
  {
    department: 'organization',
    username: 'dept-organization',
    displayName: '韩雪梅',
    scope: { zh: 'X新区组织部门', en: 'Organization department, X New Area' },
  },
  {
    department: 'discipline',
    username: 'dept-discipline',
    displayName: '何志诚',
    scope: { zh: 'X新区纪检监察机关', en: 'Discipline inspection, X New Area' },
  },
  {
    department: 'audit',
    username: 'dept-audit',
    displayName: '许丽君',
    scope: { zh: 'X新区审计部门', en: 'Audit office, X New Area' },
  },
] as const;

/** The staff logins (the official and unit-party logins depend on the seeded organization). */
function staffLogins(): LoginDef[] {
  const area = DEMO_JURISDICTIONS.area.id;
  const j = (role: Role, id: string = area): NewGrant => ({
    role,
    scopeKind: 'jurisdiction',
    scopeId: id,
  });
  return [
    {
      username: 'intake',
      displayName: '孙立华',
      role: 'intake',
      grants: [j('intake')],
      scope: AREA_SCOPE,
    },
    {
      username: 'investigator',
      displayName: '钱明远',
      role: 'investigator',
      grants: [j('investigator')],
      scope: AREA_SCOPE,
    },
    ...[1, 2, 3].map((n) => ({
      username: `member${n}`,
      displayName: ['周文清', '吴海峰', '郑雅琴'][n - 1]!,
      role: 'committee_member' as const,
      grants: [j('committee_member')],
      scope: AREA_SCOPE,
    })),
    {
      username: 'chair',
      displayName: '冯国栋',
      role: 'committee_chair',
      grants: [j('committee_chair'), j('committee_member')],
      scope: AREA_SCOPE,
    },
    {
      username: 'liaison',
      displayName: '陈晓燕',
      role: 'org_liaison',
      grants: [j('org_liaison')],
      scope: AREA_SCOPE,
    },
    {
      username: 'city-liaison',
      displayName: '段丽华',
      role: 'org_liaison',
      grants: [j('org_liaison', DEMO_JURISDICTIONS.city.id)],
      scope: { zh: '某市组织部门', en: 'Organization department, A City' },
    },
    // The consulted departments' officers: each answers their own department's requests.
    ...DEPARTMENT_OFFICERS.map((d) => ({
      username: d.username,
      displayName: d.displayName,
      role: 'consultee' as const,
      grants: [{ ...j('consultee'), department: d.department }],
      scope: d.scope,
    })),
    {
      username: 'policy-admin',
      displayName: '褚建平',
      role: 'policy_admin',
      grants: [j('policy_admin', DEMO_JURISDICTIONS.province.id)],
      scope: PROVINCE_SCOPE,
    },
    {
      username: 'auditor',
      displayName: '卫红霞',
      role: 'auditor',
      grants: [j('auditor', DEMO_JURISDICTIONS.province.id)],
      scope: PROVINCE_SCOPE,
    },
    {
      username: 'admin',
      displayName: '蒋志远',
      role: 'admin',
      grants: [j('admin', DEMO_JURISDICTIONS.province.id)],
      scope: PROVINCE_SCOPE,
    },
    // The audit administrator (审计管理员, issue 14): reads the trails only — the read log, the
    // administration and security events — and verifies their chains (审计 in the menu).
    {
      username: 'audit-admin',
      displayName: '邵文清',
      role: 'audit_admin',
      grants: [j('audit_admin', DEMO_JURISDICTIONS.province.id)],
      scope: PROVINCE_SCOPE,
    },
    // The security administrator grants roles (三员分立); not the system administrator above.
    {
      username: 'security-admin',
      displayName: '韩卫东',
      role: 'security_admin',
      grants: [j('security_admin', DEMO_JURISDICTIONS.province.id)],
      scope: PROVINCE_SCOPE,
    },
    {
      username: 'city-chair',
      displayName: '沈建华',
      role: 'committee_chair',
      grants: [j('committee_chair', DEMO_JURISDICTIONS.city.id)],
      scope: { zh: '某市（受理X新区的申诉）', en: 'A City (decides appeals from X New Area)' },
    },
  ];
}

// ---- deterministic randomness -----------------------------------------------------------------

/** mulberry32: a small seeded PRNG, so the same seed gives the same demo. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: () => number, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

// ---- the cases --------------------------------------------------------------------------------

type Route = 'self' | 'unit' | 'ex_officio';
type Flavour =
  | 'review-upheld'
  // Changed on review: the new determination has a number of its own (decide-challenge.ts).
  | 'review-changed'
  | 'appeal-changed'
  | 'conflict'
  | 'departure'
  | 'suspended'
  | 'resumed'
  | 'extension'
  | 'from-verification'
  // Review (issue 10): asked for during publicity (suspended), voted on by the panel, and upheld
  // during publicity (resumed with the days left).
  | 'review-in-publicity'
  | 'review-voting'
  | 'review-resumed';

interface CaseSpec {
  readonly state: CaseState;
  readonly scenario: string;
  readonly route: Route;
  /** The demo official ('official' login) is the one concerned. */
  readonly main?: boolean;
  readonly overdue?: boolean;
  /** Its step falls due within the next few working days (the workbench's "due soon"). */
  readonly dueSoon?: boolean;
  readonly flavour?: Flavour;
  /**
   * A case left in consultation: the departments that have answered, in order (the others are
   * still waiting, so that each department's officer has requests to answer).
   */
  readonly answered?: readonly string[];
  /**
   * Decided so that the impact period ends this many days after the demo's last day: a follow-up
   * visit (回访) falls due, and the demo draws it (seedVisits).
   */
  readonly impactEndsIn?: number;
}

/** What the demo holds: how many cases in each state, and what makes some of them special. */
export const CASE_SPECS: readonly CaseSpec[] = [
  // closed, over both years, several with a history worth reading
  { state: 'closed', scenario: 'road-repair', route: 'unit' },
  { state: 'closed', scenario: 'flood-pump', route: 'ex_officio' },
  { state: 'closed', scenario: 'renewal-early-start', route: 'self', flavour: 'conflict' },
  { state: 'closed', scenario: 'investment-market', route: 'self', main: true },
  { state: 'closed', scenario: 'one-window-pilot', route: 'unit' },
  { state: 'closed', scenario: 'first-set-equipment', route: 'self', flavour: 'extension' },
  { state: 'closed', scenario: 'relative-company', route: 'ex_officio' },
  { state: 'closed', scenario: 'forged-minutes', route: 'ex_officio', flavour: 'review-upheld' },
  { state: 'closed', scenario: 'fund-large-loss', route: 'self', flavour: 'appeal-changed' },
  { state: 'closed', scenario: 'repeat-delay', route: 'self', flavour: 'departure' },
  { state: 'closed', scenario: 'data-sharing', route: 'self', flavour: 'resumed' },
  { state: 'closed', scenario: 'sewage-emergency', route: 'ex_officio' },
  { state: 'closed', scenario: 'debt-after-ban', route: 'ex_officio' },
  { state: 'closed', scenario: 'objection', route: 'self' },
  { state: 'closed', scenario: 'standard-land', route: 'unit' },
  // refused and withdrawn
  { state: 'refused', scenario: 'promise-delay', route: 'self' },
  { state: 'refused', scenario: 'rural-council', route: 'self' },
  { state: 'refused', scenario: 'grid-tender-split', route: 'unit' },
  {
    state: 'withdrawn',
    scenario: 'tolerance-acceptance',
    route: 'self',
    flavour: 'from-verification',
  },
  { state: 'withdrawn', scenario: 'first-set-equipment', route: 'self' },
  // open, at every step; some overdue today
  { state: 'submitted', scenario: 'sewage-emergency', route: 'self' },
  { state: 'submitted', scenario: 'grid-tender-split', route: 'unit', overdue: true },
  { state: 'submitted', scenario: 'one-window-pilot', route: 'self' },
  { state: 'submitted', scenario: 'renewal-early-start', route: 'unit' },
  { state: 'verification', scenario: 'promise-delay', route: 'self', main: true },
  { state: 'verification', scenario: 'flood-pump', route: 'ex_officio', overdue: true },
  { state: 'verification', scenario: 'data-sharing', route: 'unit', dueSoon: true },
  { state: 'verification', scenario: 'site-accident', route: 'ex_officio', flavour: 'suspended' },
  { state: 'verification', scenario: 'tolerance-acceptance', route: 'unit' },
  // Consultation: the party organization's written reply transcribed, the discipline officer's
  // own answer; the audit officer's; two answered; none yet.
  {
    state: 'consultation',
    scenario: 'road-repair',
    route: 'self',
    answered: ['party-organization', 'discipline'],
  },
  {
    state: 'consultation',
    scenario: 'subsidy-partial',
    route: 'ex_officio',
    overdue: true,
    answered: ['audit'],
  },
  {
    state: 'consultation',
    scenario: 'first-set-equipment',
    route: 'unit',
    answered: ['organization', 'audit'],
  },
  { state: 'consultation', scenario: 'one-person-plan', route: 'ex_officio', answered: [] },
  { state: 'deliberation', scenario: 'rural-council', route: 'unit' },
  { state: 'deliberation', scenario: 'investment-market', route: 'self', overdue: true },
  { state: 'deliberation', scenario: 'forged-minutes', route: 'ex_officio' },
  { state: 'deliberation', scenario: 'objection', route: 'unit' },
  { state: 'determined', scenario: 'grid-tender-split', route: 'self' },
  { state: 'determined', scenario: 'relative-company', route: 'ex_officio', overdue: true },
  { state: 'determined', scenario: 'renewal-early-start', route: 'self' },
  { state: 'notified', scenario: 'subsidy-partial', route: 'self', main: true },
  { state: 'notified', scenario: 'flood-pump', route: 'unit', flavour: 'review-changed' },
  { state: 'notified', scenario: 'one-window-pilot', route: 'unit' },
  { state: 'publicity', scenario: 'road-repair', route: 'unit' },
  { state: 'publicity', scenario: 'data-sharing', route: 'self', overdue: true },
  { state: 'publicity', scenario: 'sewage-emergency', route: 'unit', flavour: 'review-resumed' },
  { state: 'filed', scenario: 'tolerance-acceptance', route: 'self' },
  { state: 'filed', scenario: 'first-set-equipment', route: 'unit' },
  { state: 'filed', scenario: 'rural-council', route: 'ex_officio' },
  // Impact periods ending within the month: the follow-up visits (回访) drawn on the last day —
  // seven officials, so that ⌈30%⌉ draws three (one sent on, one recorded, one to make).
  { state: 'closed', scenario: 'subsidy-partial', route: 'unit', impactEndsIn: 10 },
  { state: 'closed', scenario: 'subsidy-partial', route: 'self', impactEndsIn: 12 },
  { state: 'closed', scenario: 'promise-delay', route: 'self', impactEndsIn: 15 },
  { state: 'filed', scenario: 'fund-large-loss', route: 'unit', impactEndsIn: 18 },
  { state: 'closed', scenario: 'fund-large-loss', route: 'self', impactEndsIn: 20 },
  { state: 'closed', scenario: 'promise-delay', route: 'unit', impactEndsIn: 23 },
  { state: 'filed', scenario: 'promise-delay', route: 'unit', impactEndsIn: 26 },
  {
    state: 'under_review',
    scenario: 'repeat-delay',
    route: 'self',
    flavour: 'review-in-publicity',
  },
  {
    state: 'under_review',
    scenario: 'debt-after-ban',
    route: 'ex_officio',
    overdue: true,
    flavour: 'review-voting',
  },
  { state: 'under_appeal', scenario: 'fund-large-loss', route: 'unit', overdue: true },
  { state: 'under_appeal', scenario: 'one-person-plan', route: 'self' },
];

/** Working days back from the last working day before today at which the final state is entered. */
const LAG: Partial<
  Record<
    CaseState,
    { normal: [number, number]; overdue: [number, number]; dueSoon?: [number, number] }
  >
> = {
  submitted: { normal: [0, 3], overdue: [8, 12] },
  // Due soon: 12–13 of the 15 working days for verification gone (x-new-area 2023).
  verification: { normal: [2, 9], overdue: [20, 26], dueSoon: [12, 13] },
  consultation: { normal: [1, 6], overdue: [13, 17] },
  deliberation: { normal: [1, 6], overdue: [13, 16] },
  determined: { normal: [0, 3], overdue: [7, 10] },
  notified: { normal: [2, 12], overdue: [25, 28] },
  publicity: { normal: [0, 3], overdue: [7, 9] },
  filed: { normal: [1, 8], overdue: [25, 28] },
  under_review: { normal: [3, 12], overdue: [25, 28] },
  under_appeal: { normal: [3, 12], overdue: [25, 28] },
};

const DEPARTMENT_LABEL: Readonly<Record<string, string>> = {
  organization: '组织部',
  discipline: '纪工委监察工委',
  audit: '审计局',
  'party-organization': '所在单位党组织',
};

const OUTCOME_ZH: Readonly<Record<string, string>> = {
  no_accountability: '不予问责',
  exempted: '免予问责（容错免责）',
  reduced: '减轻问责',
  lighter: '从轻问责',
  not_tolerated: '不予容错',
};

// ---- options and result -----------------------------------------------------------------------

export interface DemoOptions {
  /** Seed of the random choices (default 2025). */
  readonly seed?: number;
  /** Called after each case with the count done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  readonly logins: readonly DemoLogin[];
  /** Further logins that follow a pattern (every official, every bureau's party organization). */
  readonly moreLogins: readonly { pattern: string; password: string; role: Role; count: number }[];
  readonly jurisdictions: number;
  readonly units: number;
  readonly officials: number;
  readonly cases: number;
  readonly byState: Readonly<Partial<Record<CaseState, number>>>;
  /** Open cases whose step is past its due date today. */
  readonly overdue: number;
  readonly events: number;
  /** The day the demo's history ends (the last working day before today). */
  readonly asOf: string;
  /** A one-time token of the open survey, to try the answering page (`/survey/<token>`). */
  readonly surveyToken: string;
  readonly ms: number;
}

export const DEMO_MARKER = 'demo_seed';

/** The day the standard-land reform was filed in advance (and accepted). */
const FILING_DAY = '2025-01-06';

/**
 * The risk filings besides the standard-land one (which cases are linked to): one in every review
 * status, for the filings list (units by key; recorded after the cases, on the demo's last day).
 */
function moreFilings(asOf: string): RiskFilingInput[] {
  return [
    {
      unitId: 'build-renewal',
      title: '老旧小区改造“先建后补”审批试点（事前报备）',
      filedOn: addDaysIso(asOf, -6),
      status: 'pending',
      risks: '部分配套设施在规划许可补办前开工，可能被认定为未批先建。',
      measures: '限定试点范围和期限，开工前完成安全评估并公示，补办手续列入督办清单。',
    },
    {
      unitId: 'approval-service',
      title: '企业开办“承诺即入”扩面方案（事前报备）',
      filedOn: '2025-03-10',
      status: 'rejected',
      risks: '承诺事项核查滞后，可能出现虚假承诺企业取得经营资格。',
      measures: '建立事后核查机制。',
      decidedOn: '2025-03-20',
      reviewOpinion:
        '防控措施过于原则，未明确核查时限、责任主体和失信处置办法，不予认可；请补充完善后重新报备。',
    },
    {
      unitId: 'build-works',
      title: '应急抢修工程“先施工后补办”机制（事前报备）',
      filedOn: '2025-05-12',
      status: 'accepted',
      risks: '紧急情况下未经招标直接委托施工，可能被质疑规避招标。',
      measures: '明确应急情形认定标准，由分管领导集体研究决定，事后五个工作日内补办手续并报备。',
      decidedOn: '2025-05-16',
      reviewOpinion: '符合应急处置要求，同意报备；请严格限定适用情形。',
    },
  ];
}

/** Where each ex-officio matter came from: by scenario, so the demo's random stream is unchanged. */
const MATTER_REFERRALS: readonly (readonly [MatterSource, string])[] = [
  ['inspection', '区委第二巡察组反馈问题清单'],
  ['audit', '区审计局年度专项审计报告'],
  ['petition', '群众来信反映问题'],
  ['supervision', '区纪委监委日常监督检查发现'],
  ['media', '网络舆情监测专报'],
  ['referral', '市审计局移送问题线索'],
];

function referralOf(key: string): readonly [MatterSource, string] {
  let n = 0;
  for (const ch of key) n += ch.codePointAt(0)!;
  return MATTER_REFERRALS[n % MATTER_REFERRALS.length]!;
}

/** Whether the store holds any application data (jurisdictions, users or cases). */
export async function storeHasData(ctx: AppContext): Promise<boolean> {
  const r = await ctx.store.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM jurisdictions)::int + (SELECT count(*) FROM users)::int
            + (SELECT count(*) FROM cases)::int AS n`,
  );
  return (r.rows[0]?.n ?? 0) > 0;
}

/** The demo marker (when this store was seeded by the demo), if any. */
export async function demoMarker(ctx: AppContext): Promise<Record<string, unknown> | undefined> {
  const r = await ctx.store.query<{ value: string }>(
    `SELECT value FROM store_meta WHERE key = $1`,
    [DEMO_MARKER],
  );
  const v = r.rows[0]?.value;
  return v === undefined ? undefined : (JSON.parse(v) as Record<string, unknown>);
}

/**
 * Empties every application table (not the migrations or the store's identity), for reseeding a
 * demo store. Refuses a store the demo did not seed.
 */
export async function resetDemoStore(ctx: AppContext): Promise<void> {
  if ((await storeHasData(ctx)) && !(await demoMarker(ctx))) {
    throw new AppError(
      'FORBIDDEN',
      {},
      {
        zh: '该存储中的数据不是演示数据，拒绝清空。请换用一个新的数据目录（--data）。',
        en: 'This store holds data that the demo did not make; it will not be emptied. Use a fresh data directory (--data).',
      },
    );
  }
  const names = Object.values(schema).map((t) => `"${getTableName(t)}"`);
  await ctx.store.tx(async (_tx, raw) => {
    await raw.exec(`TRUNCATE TABLE ${names.join(', ')} RESTART IDENTITY CASCADE`);
    await raw.query(`DELETE FROM store_meta WHERE key = $1`, [DEMO_MARKER]);
  });
}

// ---- seeding ----------------------------------------------------------------------------------

interface Official {
  readonly id: string;
  readonly name: string;
  readonly unitKey: string;
  /** The top unit (bureau) key. */
  readonly bureau: string;
  userId?: string;
  username?: string;
}

interface Handle {
  readonly spec: CaseSpec;
  readonly scenario: Scenario;
  readonly official: Official;
  id: string;
  version: number;
  number: string;
  consultations: { consultationId: string; department: string }[];
  extensionId?: string;
  outcome?: string;
}

/** One action of a case's history: when (working days after the previous one, or after a period), and what. */
interface Step {
  readonly kind: string;
  readonly gap: number;
  readonly after?: 'publicity' | 'window';
  /** Part of the way into the final state (else an action within it, dropped if it would be later than the history's end). */
  readonly entry: boolean;
}

/** A moving clock: the demo's `now`. */
class Clock {
  private instant = 0;
  private day = '';
  now = (): Date => new Date(this.instant);
  /** Moves to `day` (09:00–10:00 China time, by the step), or on by a few minutes the same day. */
  at(day: string, r: () => number): void {
    if (day !== this.day) {
      this.day = day;
      this.instant = Date.parse(`${day}T01:00:00Z`) + int(r, 0, 55) * 60_000;
    } else {
      this.instant += int(r, 3, 25) * 60_000;
    }
  }
}

export async function seedDemo(ctx: AppContext, options: DemoOptions = {}): Promise<DemoResult> {
  const started = performance.now();
  await refuseStoreWithData(ctx);
  const seed = options.seed ?? 2025;
  const r = prng(seed);
  const realToday = todayOf(ctx);
  const cal = ctx.calendars.get('cn');
  const asOf = cal.addWorkingDays(realToday, -1);
  const clock = new Clock();
  const demo: AppContext = { ...ctx, now: clock.now };
  // The organization exists from the start of the demo's history.
  clock.at('2025-01-02', r);
  const org = await seedOrganization(demo, r);
  const cast = await seedUsers(demo, org);
  // The city sets its own document numbering (机关代字 and patterns), as its administrator would.
  await setDocumentNumbering(demo, cast.actor('admin'), DEMO_JURISDICTIONS.city.id, CITY_NUMBERING);
  // The standard-land reform was filed in advance and accepted.
  clock.at(FILING_DAY, r);
  const filing = await createRiskFiling(demo, cast.actor('intake'), {
    unitId: org.unitIds.get('econ-industry')!,
    title: '“标准地”出让改革试点方案（事前报备）',
    filedOn: FILING_DAY,
    status: 'accepted',
    risks:
      '首批地块按“标准地”出让，亩均税收等指标承诺可能因市场变化无法兑现；先出让后评价与现行用地审批衔接不够。',
    measures: '签订履约监管协议，设置分期考核节点；报请区政府常务会议研究，全过程留痕备查。',
    reviewOpinion: '方案论证充分，风险防控措施具体，同意报备。',
    decidedOn: FILING_DAY,
  });
  const plans = planCases(ctx, assignOfficials(org, r), r, asOf);
  await playCases(plans, { ctx: demo, clock, r, filingId: filing.id, ...cast }, options.onProgress);
  const played = {
    ctx: demo,
    at: (day: string) => clock.at(day, r),
    actor: cast.actor,
    unitParties: DEMO_UNITS.map((d) => (d.key === 'econ' ? 'unit-party' : `unit-party-${d.key}`)),
    asOf,
  };
  await playCorrections(played);
  await playClearings({ ...played, jurisdictionId: DEMO_JURISDICTIONS.area.id });
  await playMatters(played);
  await playJointMatter({
    ...played,
    officials: org.officials,
    departmentOfficer: (department) => {
      const officer = DEPARTMENT_OFFICERS.find((d) => d.department === department);
      return officer ? cast.actor(officer.username) : undefined;
    },
  });
  clock.at(asOf, r);
  for (const more of moreFilings(asOf)) {
    await createRiskFiling(demo, cast.actor('intake'), {
      ...more,
      unitId: org.unitIds.get(more.unitId)!,
    });
  }
  await seedVisits(demo, cast, seed, asOf);
  const bureaus = DEMO_UNITS.map((d) => org.unitIds.get(d.key)!);
  const { surveyToken } = await playEvaluation({
    ...played,
    area: { id: DEMO_JURISDICTIONS.area.id, unitIds: bureaus },
    city: { id: DEMO_JURISDICTIONS.city.id, unitIds: bureaus },
  });
  // The Sichuan free-trade-zone area (issue 13's bands and results off the ladder): demo-zone.ts.
  const zone = await playZone({
    ...played,
    password: demoPassword,
    provinceId: DEMO_JURISDICTIONS.province.id,
  });
  await ctx.store.query(
    `INSERT INTO store_meta (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
    [DEMO_MARKER, JSON.stringify({ seed, asOf, seededAt: ctx.now().toISOString() })],
  );
  return {
    logins: [...cast.logins, ...zone.logins],
    moreLogins: moreLogins(org.officials.length - 1),
    jurisdictions: 4,
    units: org.units.length + zone.units,
    officials: org.officials.length + zone.officials,
    ...(await countCases(ctx, realToday)),
    asOf,
    surveyToken,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Follow-up visits (回访) on the demo's last day: the liaison draws from the officials whose impact
 * period ends within the month (the cases with `impactEndsIn`) with a seed of the demo's, records
 * the first visit and sends it to the organization department, records the second and leaves it
 * to send; the others stay to be visited (due that day: overdue on the workbench the day after).
 * Nothing is drawn when the demo's history is too short for such periods (an early `today`).
 */
async function seedVisits(demo: AppContext, cast: Cast, seed: number, asOf: string) {
  const liaison = cast.actor('liaison');
  let draw;
  try {
    draw = await drawVisits(demo, liaison, {
      jurisdictionId: DEMO_JURISDICTIONS.area.id,
      seed: `demo-${seed}-${asOf}`,
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'VISIT_NOTHING_TO_DRAW') return;
    throw e;
  }
  // One visit at least is left to make.
  const [first, second] = draw.visitIds.slice(0, draw.visitIds.length - 1);
  if (!first) return;
  await recordDemoVisit(demo, liaison, first, asOf, VISIT_FOUND[0]);
  await reportVisits(demo, liaison, { visitIds: [first] });
  if (second) await recordDemoVisit(demo, liaison, second, asOf, VISIT_FOUND[1]);
}

/** What the demo's visits found. */
const VISIT_FOUND = [
  {
    visitors: '区委组织部干部监督科 陈晓燕，所在单位党组织书记',
    findings:
      '通过个别谈话、查阅整改台账和听取单位意见了解情况：该同志整改措施已落实，工作积极主动，干部群众评价较好，思想状态稳定。',
    conclusion: 'performing_well',
  },
  {
    visitors: '区委组织部干部监督科 刘明，所在单位分管负责同志',
    findings:
      '经谈心谈话和走访同事了解：该同志对问题认识到位，但近期工作压力较大、顾虑较多，建议所在单位加强关心帮助，合理安排工作任务。',
    conclusion: 'needs_support',
  },
] as const;

async function recordDemoVisit(
  demo: AppContext,
  liaison: Actor,
  visitId: string,
  asOf: string,
  found: (typeof VISIT_FOUND)[number],
) {
  const [visit] = await demo.store.db
    .select({ version: cases.version })
    .from(followUpVisits)
    .innerJoin(cases, eq(cases.id, followUpVisits.caseId))
    .where(eq(followUpVisits.id, visitId));
  await recordVisit(demo, liaison, {
    visitId,
    expectedVersion: visit!.version,
    visitedOn: asOf,
    ...found,
  });
}

async function refuseStoreWithData(ctx: AppContext): Promise<void> {
  if (await storeHasData(ctx)) {
    throw new AppError(
      'FORBIDDEN',
      {},
      {
        zh: '存储中已有数据，不写入演示数据。若是演示存储，可用 rongcuo demo --force 清空后重新写入；否则请换用新的数据目录（--data）。',
        en: 'The store already holds data, so the demo is not seeded. If it is a demo store, rongcuo demo --force empties and reseeds it; otherwise use a fresh data directory (--data).',
      },
    );
  }
}

// ---- the organization ---------------------------------------------------------------------------

interface DemoUnitRow {
  readonly key: string;
  readonly bureau: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly section: boolean;
}

interface Organization {
  /** Unit key → unit id. */
  readonly unitIds: ReadonlyMap<string, string>;
  readonly units: readonly DemoUnitRow[];
  readonly officials: readonly Official[];
  /** 张伟, the demo official ('official' login). */
  readonly mainOfficial: Official;
}

/** The three jurisdictions, the units of X New Area and their officials. */
async function seedOrganization(demo: AppContext, r: () => number): Promise<Organization> {
  const { province, city, area } = DEMO_JURISDICTIONS;
  await createJurisdiction(demo, { ...province, level: 'province', packId: 'cn-national' });
  await createJurisdiction(demo, {
    ...city,
    parentId: province.id,
    level: 'city',
    packId: 'cn-national',
  });
  await createJurisdiction(demo, {
    ...area,
    parentId: city.id,
    level: 'new_area',
    packId: 'x-new-area',
  });
  const { unitIds, units } = await seedUnits(demo);
  const officials = await seedOfficials(demo, r, units, unitIds);
  const mainOfficial = officials.find((o) => o.name === '张伟')!;
  return { unitIds, units, officials, mainOfficial };
}

/** Every bureau of DEMO_UNITS, each followed by its sections. */
async function seedUnits(
  demo: AppContext,
): Promise<{ unitIds: Map<string, string>; units: DemoUnitRow[] }> {
  const area = DEMO_JURISDICTIONS.area.id;
  const unitIds = new Map<string, string>();
  const units: DemoUnitRow[] = [];
  for (const u of DEMO_UNITS) {
    const top = await createUnit(demo, {
      jurisdictionId: area,
      nameZh: u.nameZh,
      nameEn: u.nameEn,
      kind: 'department',
    });
    unitIds.set(u.key, top.id);
    units.push({ key: u.key, bureau: u.key, nameZh: u.nameZh, nameEn: u.nameEn, section: false });
    for (const s of u.subs) {
      const sub = await createUnit(demo, {
        jurisdictionId: area,
        parentId: top.id,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        kind: 'section',
      });
      unitIds.set(s.key, sub.id);
      units.push({ key: s.key, bureau: u.key, nameZh: s.nameZh, nameEn: s.nameEn, section: true });
    }
  }
  return { unitIds, units };
}

/** Two or three officials per unit, with made-up names; 张伟 heads the investment services section. */
async function seedOfficials(
  demo: AppContext,
  r: () => number,
  units: readonly DemoUnitRow[],
  unitIds: ReadonlyMap<string, string>,
): Promise<Official[]> {
  const name = nameMaker(r);
  const officials: Official[] = [];
  const extra = new Set(['econ-invest', 'build-works', 'finance-fund', 'approval-service']);
  for (const u of units) {
    const positions = u.section ? SECTION_POSITIONS : BUREAU_POSITIONS;
    const count = u.section ? (extra.has(u.key) ? 3 : 2) : 2;
    for (let i = 0; i < count; i++) {
      const p = positions[i]!;
      const zhangWei = u.key === 'econ-invest' && i === 0;
      const o = await createOfficial(demo, {
        name: zhangWei ? '张伟' : name(),
        idCard: zhangWei ? DEMO_ZHANG_WEI_ID_CARD : demoIdCard(officials.length),
        unitId: unitIds.get(u.key)!,
        managingJurisdictionId: DEMO_JURISDICTIONS.area.id,
        positionZh: `${u.nameZh}${p.zh}`,
        positionEn: `${p.en}, ${u.nameEn}`,
      });
      officials.push({ id: o.id, name: o.name, unitKey: u.key, bureau: u.bureau });
    }
  }
  return officials;
}

/** Names made of a surname and a given name, each used once (张伟 is kept for the demo official). */
function nameMaker(r: () => number): () => string {
  const usedNames = new Set<string>(['张伟']);
  return () => {
    for (;;) {
      const n =
        SURNAMES[int(r, 0, SURNAMES.length - 1)]! + GIVEN_NAMES[int(r, 0, GIVEN_NAMES.length - 1)]!;
      if (!usedNames.has(n)) {
        usedNames.add(n);
        return n;
      }
    }
  };
}

// ---- the users ----------------------------------------------------------------------------------

/** The demo's users as the cases need them. */
interface Cast {
  /** The logins listed to the person who seeded the demo. */
  readonly logins: readonly DemoLogin[];
  readonly actor: (username: string) => Actor;
  readonly officialActor: (o: Official) => Actor;
  /** The party organization of the official's bureau. */
  readonly unitPartyActor: (o: Official) => Actor;
}

/** Makes users with the demo password of their role (hashed once per role). */
class DemoUsers {
  readonly logins: DemoLogin[] = [];
  readonly #actors = new Map<string, Actor>();
  readonly #hashes = new Map<Role, Promise<string>>();

  constructor(private readonly demo: AppContext) {}

  async add(def: LoginDef, officialId?: string, listed = true): Promise<string> {
    const id = await createUser(
      this.demo,
      {
        username: def.username,
        displayName: def.displayName,
        password: demoPassword(def.role),
        grants: def.grants,
        ...(officialId ? { officialId } : {}),
      },
      await this.#hashOf(def.role),
    );
    this.#actors.set(def.username, await loadActor(this.demo, id));
    if (ADMINISTRATOR_ROLES.includes(def.role)) {
      await this.demo.store.db.insert(totpSecrets).values({
        userId: id,
        ...sealSecret(this.demo, id, DEMO_TOTP_SECRET),
        createdAt: this.demo.now(),
        confirmedAt: this.demo.now(),
        lastStep: 0,
      });
    }
    if (listed) {
      this.logins.push({
        username: def.username,
        password: demoPassword(def.role),
        role: def.role,
        displayName: def.displayName,
        scope: def.scope,
      });
    }
    return id;
  }

  actor = (username: string): Actor => this.#actors.get(username)!;

  #hashOf(role: Role): Promise<string> {
    let h = this.#hashes.get(role);
    if (!h) this.#hashes.set(role, (h = hashPassword(demoPassword(role))));
    return h;
  }
}

const SELF: NewGrant = { role: 'official', scopeKind: 'self', scopeId: '' };

/** Users: the demo official, one per bureau's party organization, the staff, every other official. */
async function seedUsers(demo: AppContext, org: Organization): Promise<Cast> {
  const users = new DemoUsers(demo);
  const main = org.mainOfficial;
  main.username = 'official';
  main.userId = await users.add(
    {
      username: 'official',
      displayName: main.name,
      role: 'official',
      grants: [SELF],
      scope: {
        zh: '本人（经济发展局招商服务科科长）',
        en: 'self (chief of the Investment Services Section)',
      },
    },
    main.id,
  );
  for (const d of DEMO_UNITS) {
    await users.add(
      {
        username: d.key === 'econ' ? 'unit-party' : `unit-party-${d.key}`,
        displayName: `${d.nameZh}党组`,
        role: 'unit_party',
        grants: [{ role: 'unit_party', scopeKind: 'unit', scopeId: org.unitIds.get(d.key)! }],
        scope: { zh: `${d.nameZh}（含下属科室）`, en: `${d.nameEn} and its sections` },
      },
      undefined,
      d.key === 'econ',
    );
  }
  for (const def of staffLogins()) await users.add(def);
  await seedOfficialUsers(users, org);
  const actor = users.actor;
  return {
    logins: users.logins,
    actor,
    officialActor: (o) => actor(o.username!),
    unitPartyActor: (o) => actor(o.bureau === 'econ' ? 'unit-party' : `unit-party-${o.bureau}`),
  };
}

/** official-02, official-03, …: one unlisted login per official other than the demo official. */
async function seedOfficialUsers(users: DemoUsers, org: Organization): Promise<void> {
  let n = 2;
  for (const o of org.officials) {
    if (o === org.mainOfficial) continue;
    const username = `official-${String(n++).padStart(2, '0')}`;
    o.username = username;
    o.userId = await users.add(
      {
        username,
        displayName: o.name,
        role: 'official',
        grants: [SELF],
        scope: { zh: '本人', en: 'self' },
      },
      o.id,
      false,
    );
  }
}

function moreLogins(otherOfficials: number): DemoResult['moreLogins'] {
  return [
    {
      pattern: `official-02 … official-${String(otherOfficials + 1).padStart(2, '0')}`,
      password: demoPassword('official'),
      role: 'official',
      count: otherOfficials,
    },
    {
      pattern: 'unit-party-<bureau> (build, approval, finance, emergency, ecology, social, data)',
      password: demoPassword('unit_party'),
      role: 'unit_party',
      count: DEMO_UNITS.length - 1,
    },
  ];
}

// ---- the cases, planned and played --------------------------------------------------------------

interface Assignment {
  readonly spec: CaseSpec;
  readonly scenario: Scenario;
  readonly official: Official;
}

type Plan = Assignment & ReturnType<typeof planCase>;

/** An official for each case: the demo official's own, else the least-used of the scenario's unit. */
function assignOfficials(org: Organization, r: () => number): Assignment[] {
  const scenarioOf = new Map(SCENARIOS.map((s) => [s.key, s]));
  const used = new Map<string, number>();
  const out: Assignment[] = [];
  for (const spec of CASE_SPECS) {
    const scenario = scenarioOf.get(spec.scenario);
    if (!scenario) throw new Error(`demo: no scenario '${spec.scenario}'`);
    let official: Official;
    if (spec.main) official = org.mainOfficial;
    else {
      const others = org.officials.filter((o) => o !== org.mainOfficial);
      const pool = others.filter((o) => o.unitKey === scenario.unit);
      const candidates =
        pool.length > 0 ? pool : org.officials.filter((o) => o.bureau === scenario.unit);
      const least = Math.min(...candidates.map((o) => used.get(o.id) ?? 0));
      const best = candidates.filter((o) => (used.get(o.id) ?? 0) === least);
      official = best[int(r, 0, best.length - 1)]!;
    }
    used.set(official.id, (used.get(official.id) ?? 0) + 1);
    out.push({ spec, scenario, official });
  }
  return out;
}

/** Every case's history planned, in the order the cases began. */
function planCases(
  ctx: AppContext,
  assigned: readonly Assignment[],
  r: () => number,
  asOf: string,
): Plan[] {
  const cal = ctx.calendars.get('cn');
  const procedure = ctx.engine.at('x-new-area', '2025-06-01').eff.procedure;
  const byStateIndex = new Map<CaseState, number>();
  const plans = assigned.map((h) => {
    const i = byStateIndex.get(h.spec.state) ?? 0;
    byStateIndex.set(h.spec.state, i + 1);
    const count = CASE_SPECS.filter((s) => s.state === h.spec.state).length;
    const months =
      h.spec.impactEndsIn === undefined
        ? undefined
        : resultApplication(ctx.engine.at('x-new-area', asOf).eff, h.scenario.expected)
            ?.impactPeriod?.months;
    return {
      ...h,
      ...planCase(h.spec, h.scenario, r, cal, procedure, asOf, i, count, months),
    };
  });
  return plans.sort((a, b) => (a.dates[0]! < b.dates[0]! ? -1 : a.dates[0]! > b.dates[0]! ? 1 : 0));
}

async function playCases(
  plans: readonly Plan[],
  env: Omit<PlayEnv, 'day' | 'conductDate'>,
  onProgress: DemoOptions['onProgress'],
): Promise<void> {
  let done = 0;
  for (const p of plans) {
    await playCase(p, env);
    onProgress?.(++done, plans.length);
  }
}

/** One case's history, action by action, each on its day. */
async function playCase(p: Plan, env: Omit<PlayEnv, 'day' | 'conductDate'>): Promise<void> {
  const h: Handle = {
    spec: p.spec,
    scenario: p.scenario,
    official: p.official,
    id: '',
    version: 0,
    number: '',
    consultations: [],
  };
  for (let s = 0; s < p.steps.length; s++) {
    const step = p.steps[s]!;
    const day = p.dates[s]!;
    env.clock.at(day, env.r);
    try {
      await play(step.kind, h, { ...env, day, conductDate: p.conductDate });
    } catch (e) {
      const what = e instanceof Error ? e.message : String(e);
      throw new Error(
        `demo: case ${h.number || '(new)'} (${p.spec.state}, ${p.spec.scenario}) failed at step '${step.kind}' on ${day}: ${what}`,
        { cause: e },
      );
    }
  }
}

/** What the demo holds, counted from the store. */
async function countCases(
  ctx: AppContext,
  realToday: string,
): Promise<Pick<DemoResult, 'cases' | 'byState' | 'overdue' | 'events'>> {
  const rows = await ctx.store.db
    .select({
      state: cases.state,
      stepDueOn: cases.stepDueOn,
      suspendedSince: cases.suspendedSince,
    })
    .from(cases);
  const byState: Partial<Record<CaseState, number>> = {};
  let overdue = 0;
  for (const c of rows) {
    byState[c.state as CaseState] = (byState[c.state as CaseState] ?? 0) + 1;
    if (
      !TERMINAL.has(c.state as CaseState) &&
      c.suspendedSince === null &&
      c.stepDueOn !== null &&
      c.stepDueOn < realToday
    ) {
      overdue++;
    }
  }
  const events = await ctx.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_events`);
  return { cases: rows.length, byState, overdue, events: events.rows[0]?.n ?? 0 };
}

/** The roles' labels for the login table. */
export function roleLabel(role: Role): I18nText {
  return ROLE_LABEL[role];
}

// ---- planning a case's history ----------------------------------------------------------------

function planCase(
  spec: CaseSpec,
  scenario: Scenario,
  r: () => number,
  cal: Calendar,
  procedure: Procedure,
  asOf: string,
  index: number,
  count: number,
  impactMonths?: number,
): { steps: Step[]; dates: string[]; conductDate: string } {
  const steps = stepsFor(spec, scenario, r);
  const entryLast = steps.map((s) => s.entry).lastIndexOf(true);
  // Usually the final state's entry is placed; a case whose impact period is to end soon places
  // its decision instead, that many months before (the period's end is counted from it).
  const decideAt = steps.findIndex((s) => s.kind === 'decide');
  const decideOn =
    spec.impactEndsIn !== undefined && impactMonths !== undefined && decideAt >= 0
      ? monthsEndIso(addDaysIso(asOf, spec.impactEndsIn), -impactMonths)
      : undefined;
  const anchored = decideOn !== undefined && decideOn >= '2025-03-03';
  const anchor = anchored ? decideAt : entryLast;
  const target = anchored ? decideOn : targetDay(spec, r, cal, asOf, index, count);
  const schedule = scheduler(steps, cal, procedure);
  // Find the start that puts the anchor step on (or just before) the target day.
  let start = cal.nextWorkingDayFrom(target);
  let dates = schedule(start);
  for (let i = 0; i < 40 && dates[anchor]! > target; i++) {
    const over = dayNumber(dates[anchor]!) - dayNumber(target);
    start = cal.nextWorkingDayFrom(addDaysIso(start, -Math.max(1, over)));
    if (start > target) start = cal.addWorkingDays(start, -1);
    dates = schedule(start);
  }
  while (dates[anchor]! > target) {
    start = cal.addWorkingDays(start, -1);
    dates = schedule(start);
  }
  // Actions within the final state that would fall after the history's end are not taken.
  const keep = steps.map((s, i) => s.entry || dates[i]! <= asOf);
  const kept = steps.filter((_, i) => keep[i]);
  const keptDates = dates.filter((_, i) => keep[i]);
  // The conduct came weeks or months before the case began, within 2025–2026.
  // (A filed initiative was carried out after its filing was accepted.)
  const earliest = scenario.key === 'standard-land' ? addDaysIso(FILING_DAY, 1) : '2025-01-01';
  let conduct = addDaysIso(start, -int(r, 12, 120));
  if (conduct < earliest) conduct = earliest;
  if (conduct >= start) conduct = addDaysIso(start, -1);
  return { steps: kept, dates: keptDates, conductDate: conduct };
}

/** Where the final state is entered: terminal cases spread over the two years, open ones recently. */
function targetDay(
  spec: CaseSpec,
  r: () => number,
  cal: Calendar,
  asOf: string,
  index: number,
  count: number,
): string {
  const lag = LAG[spec.state];
  if (lag) {
    const [lo, hi] = spec.overdue
      ? lag.overdue
      : spec.dueSoon && lag.dueSoon
        ? lag.dueSoon
        : lag.normal;
    return cal.addWorkingDays(asOf, -int(r, lo, hi));
  }
  const from = spec.state === 'closed' ? '2025-06-02' : '2025-02-17';
  const span = dayNumber(addDaysIso(asOf, -25)) - dayNumber(from);
  const at = Math.floor(((index + r()) / count) * span);
  const target = cal.nextWorkingDayFrom(addDaysIso(from, at));
  return target > asOf ? asOf : target;
}

/** The days of the steps when the first is on `start`: working-day gaps, and the two periods. */
function scheduler(
  steps: readonly Step[],
  cal: Calendar,
  procedure: Procedure,
): (start: string) => string[] {
  const publicity = limitOf(procedure, 'publicity');
  // The review and appeal window runs from the notification, as the app counts it.
  const window = limitOf(procedure, 'challengeWindow');
  return (start) => {
    const dates: string[] = [];
    let prev = start;
    let publicityStart = start;
    let notified = start;
    for (const s of steps) {
      let d: string;
      if (dates.length === 0) d = start;
      else if (s.after === 'publicity' && publicity) {
        const due = cal.deadline({
          start: publicityStart,
          unit: publicity.unit,
          days: publicity.days,
        }).due;
        d = cal.addWorkingDays(due > prev ? due : prev, 1 + s.gap);
      } else if (s.after === 'window') {
        const last = window
          ? cal.deadline({ start: notified, unit: window.unit, days: window.days }).due
          : notified;
        const first = cal.nextWorkingDayFrom(addDaysIso(last > prev ? last : prev, 1));
        d = cal.addWorkingDays(first, s.gap);
      } else d = cal.addWorkingDays(prev, s.gap);
      if (s.kind === 'startPublicity') publicityStart = d;
      // A decided review or appeal notifies the (new or upheld) decision again.
      if (s.kind === 'notify' || s.kind.startsWith('decideChallenge')) notified = d;
      dates.push(d);
      prev = d;
    }
    return dates;
  };
}

function dayNumber(iso: string): number {
  return Math.round(Date.parse(iso + 'T00:00:00Z') / 86_400_000);
}

/** A case's steps as they are planned, each with a random gap drawn when it is added. */
class Steps {
  readonly list: Step[] = [];
  constructor(
    private readonly r: () => number,
    readonly spec: CaseSpec,
  ) {}

  add(kind: string, gap: [number, number], entry: boolean, after?: Step['after']): void {
    this.list.push({ kind, gap: int(this.r, gap[0], gap[1]), entry, ...(after ? { after } : {}) });
  }

  /** Whether the case ends in `s`. */
  into(s: CaseState): boolean {
    return s === this.spec.state;
  }
}

/** The actions that bring a case to its state, then those taken within it. */
function stepsFor(spec: CaseSpec, scenario: Scenario, r: () => number): Step[] {
  const out = new Steps(r, spec);
  out.add('create', [0, 0], true);
  if (spec.state === 'refused') {
    out.add('refuse', [1, 4], true);
  } else if (spec.state === 'withdrawn') {
    if (spec.flavour === 'from-verification') {
      out.add('accept', [1, 4], true);
      out.add('statement', [1, 3], true);
    } else out.add('statement', [0, 2], true);
    out.add('withdraw', [2, 6], true);
  } else if (spec.state === 'submitted') {
    out.add('statement', [0, 1], false);
    out.add('evidenceParty', [0, 1], false);
  } else if (verificationSteps(out, scenario) && committeeSteps(out)) {
    afterDecisionSteps(out);
  }
  return out.list;
}

/** Acceptance and verification; false when the case stays in verification. */
function verificationSteps(out: Steps, scenario: Scenario): boolean {
  const flavour = out.spec.flavour;
  out.add('accept', [1, 4], true);
  // (A case suspended in verification got that far before it was suspended.)
  const inVerification = out.into('verification') && flavour !== 'suspended';
  out.add('statement', [0, 2], !inVerification);
  out.add('evidenceParty', [0, 2], !inVerification);
  out.add('evidenceInvestigator', [1, 4], !inVerification);
  out.add('facts', [1, 4], !inVerification);
  if (scenario.key === 'standard-land') out.add('linkFiling', [0, 1], !inVerification);
  if (flavour === 'extension') {
    out.add('requestExtension', [1, 2], !inVerification);
    out.add('decideExtension', [1, 2], !inVerification);
  }
  if (flavour === 'resumed') {
    out.add('suspend', [1, 2], true);
    out.add('resume', [6, 10], true);
  }
  if (out.into('verification')) {
    out.add('assessSome', [1, 3], !inVerification);
    if (flavour === 'suspended') out.add('suspend', [0, 1], true);
    return false;
  }
  out.add('assessAll', [1, 4], true);
  return true;
}

/** Consultation, deliberation and the decision; false when the case stays before notification. */
function committeeSteps(out: Steps): boolean {
  out.add('completeVerification', [0, 2], true);
  if (out.into('consultation')) {
    out.add('opinion', [1, 4], false);
    out.add('opinion', [0, 3], false);
    return false;
  }
  for (let i = 0; i < 4; i++) out.add('opinion', [i === 0 ? 1 : 0, 3], true);
  out.add('completeConsultation', [0, 2], true);
  if (out.into('deliberation')) {
    out.add('members', [1, 3], false);
    out.add('vote:chair', [1, 3], false);
    out.add('vote:member1', [0, 2], false);
    return false;
  }
  const conflict = out.spec.flavour === 'conflict';
  out.add('members', [1, 3], true);
  if (conflict) out.add('conflict:member3', [0, 1], true);
  for (const who of ['chair', 'member1', 'member2', 'member3'])
    if (!(conflict && who === 'member3')) out.add(`vote:${who}`, [0, 2], true);
  out.add('decide', [0, 1], true);
  return !out.into('determined');
}

/** Notification, review or appeal, publicity, filing upward and closing, as far as the case goes. */
function afterDecisionSteps(out: Steps): void {
  const { state, flavour } = out.spec;
  out.add('notify', [1, 3], true);
  if (flavour === 'review-upheld') {
    out.add('challenge:review', [2, 6], true);
    out.add('decideChallengeUpheld', [5, 12], true);
  }
  if (flavour === 'review-changed') {
    out.add('challenge:review', [2, 6], true);
    out.add('decideReviewChanged', [5, 12], true);
  }
  if (flavour === 'appeal-changed') {
    out.add('challenge:appeal', [3, 8], true);
    out.add('decideChallengeChanged', [8, 15], true);
  }
  if (out.into('notified')) return;
  if (state === 'under_review' || state === 'under_appeal') {
    // Asked for while the decision was being publicized: the publicity is suspended.
    if (flavour === 'review-in-publicity') out.add('startPublicity', [1, 2], true);
    out.add(state === 'under_review' ? 'challenge:review' : 'challenge:appeal', [1, 3], true);
    if (flavour === 'review-voting') out.add('reviewVote:chair', [1, 2], false);
    return;
  }
  out.add('startPublicity', [1, 2], true);
  if (flavour === 'review-resumed') {
    // Reviewed during publicity and upheld: the publicity resumes with the days it had left.
    out.add('challenge:review', [1, 2], true);
    out.add('decideChallengeUpheld', [2, 5], true);
  }
  if (out.into('publicity')) return;
  out.add('fileUpward', [0, 2], true, 'publicity');
  if (out.into('filed')) return;
  out.add('close', [0, 3], true, 'window');
}

// ---- playing one action -----------------------------------------------------------------------

interface PlayEnv {
  readonly ctx: AppContext;
  readonly clock: Clock;
  readonly r: () => number;
  readonly day: string;
  readonly conductDate: string;
  readonly actor: (username: string) => Actor;
  readonly officialActor: (o: Official) => Actor;
  readonly unitPartyActor: (o: Official) => Actor;
  readonly filingId: string;
}

const tolerable = (outcome: string) => outcome !== 'not_tolerated';

/** One action on one case: the case, its scenario, and what every action needs. */
class Turn {
  readonly ctx: AppContext;
  readonly r: () => number;
  readonly s: Scenario;
  /** The official concerned. */
  readonly party: Actor;
  /** The outcome the committee reaches (a departure from the engine's for the 'departure' case). */
  readonly decidedOutcome: string;

  constructor(
    readonly h: Handle,
    readonly env: PlayEnv,
  ) {
    this.ctx = env.ctx;
    this.r = env.r;
    this.s = h.scenario;
    this.party = env.officialActor(h.official);
    this.decidedOutcome = h.spec.flavour === 'departure' ? 'lighter' : h.scenario.expected;
  }

  actor(username: string): Actor {
    return this.env.actor(username);
  }

  /** The case and the version the actor saw. */
  req(): { caseId: string; expectedVersion: number } {
    return { caseId: this.h.id, expectedVersion: this.h.version };
  }

  /** Keeps the version a transition left. */
  took<T>(res: TransitionResult<T>): TransitionResult<T> {
    this.h.version = res.case.version;
    return res;
  }

  /** A few minutes later the same day. */
  tick(): void {
    this.env.clock.at(this.env.day, this.r);
  }
}

type Action = (t: Turn) => Promise<void>;

async function play(kind: string, h: Handle, env: PlayEnv): Promise<void> {
  const t = new Turn(h, env);
  if (kind.startsWith('vote:')) return vote(t, kind.slice('vote:'.length));
  if (kind.startsWith('reviewVote:')) return reviewVote(t, kind.slice('reviewVote:'.length));
  const action = ACTIONS[kind];
  if (!action) throw new Error(`demo: unknown step '${kind}'`);
  await action(t);
}

// -- the application, and the ways out before a decision

/** The application (or, ex officio, the accountability matter) with the facts the applicant gives. */
async function create(t: Turn): Promise<void> {
  const { h, s, env } = t;
  // The applicant gives most facts; the investigator establishes the rest.
  const facts: Record<string, FactValue> = {};
  for (const [k, v] of Object.entries(s.facts)) {
    if ((INVESTIGATED_FACTS as readonly string[]).includes(k)) continue;
    if (k === 'riskFiling' && s.key === 'standard-land') continue;
    facts[k] = v;
  }
  let row: CaseRow;
  if (h.spec.route === 'ex_officio') {
    const opened = addDaysIso(env.day, -int(t.r, 0, 3));
    row = (
      await recordAccountabilityMatter(t.ctx, t.actor('intake'), {
        officialId: h.official.id,
        summary: s.matter,
        openedOn: opened,
        conductDate: env.conductDate,
        facts,
        source: referralOf(s.key)[0],
        sourceDetail: referralOf(s.key)[1],
      })
    ).case;
  } else {
    const applicant = h.spec.route === 'self' ? t.party : env.unitPartyActor(h.official);
    row = (
      await submitApplication(t.ctx, applicant, {
        officialId: h.official.id,
        title: s.title,
        summary: s.summary,
        conductDate: env.conductDate,
        facts,
      })
    ).case;
  }
  h.id = row.id;
  h.version = row.version;
  h.number = row.number;
}

const refuse: Action = async (t) => {
  t.took(
    await refuseCase(t.ctx, t.actor('intake'), {
      ...t.req(),
      reasons: REFUSAL_REASONS[int(t.r, 0, REFUSAL_REASONS.length - 1)]!,
    }),
  );
};

const accept: Action = async (t) => {
  t.took(
    await acceptCase(t.ctx, t.actor('intake'), {
      ...t.req(),
      note: '材料齐全，符合受理条件，转入核实。',
    }),
  );
};

const withdraw: Action = async (t) => {
  t.took(
    await withdrawCase(t.ctx, t.party, {
      ...t.req(),
      reason: WITHDRAW_REASONS[int(t.r, 0, WITHDRAW_REASONS.length - 1)]!,
    }),
  );
};

// -- verification

const statement: Action = async (t) => {
  t.took(await recordStatement(t.ctx, t.party, { ...t.req(), text: t.s.statement }));
};

/**
 * The applicant's documents, sent with the application in one upload (as the application form
 * sends them): the written account, the minutes as a PDF and a site photograph — the last two
 * preview in the browser.
 */
const evidenceParty: Action = async (t) => {
  const text = `关于“${t.s.title}”的情况说明\n\n${t.s.statement}\n\n说明人：${t.h.official.name}\n`;
  t.took(
    await addEvidenceFiles(t.ctx, t.party, {
      ...t.req(),
      files: [
        {
          filename: '情况说明.txt',
          mediaType: 'text/plain',
          content: new TextEncoder().encode(text),
          description: '当事人提交的书面情况说明',
        },
        {
          filename: '集体研究会议纪要.pdf',
          mediaType: 'application/pdf',
          content: demoMinutesPdf(t.h.number),
          description: '集体研究会议纪要，证明决策经集体研究',
        },
        {
          filename: '项目现场照片.png',
          mediaType: 'image/png',
          content: demoSitePng(t.h.number.length + t.s.title.length),
          description: '项目现场照片',
        },
      ],
    }),
  );
  // In every other case the official first sends an unfinished draft by mistake and removes it.
  if (Number(t.h.number.replace(/\D/g, '').slice(-1)) % 2 === 0) await draftRemoved(t);
};

/** A draft uploaded by mistake and removed by its uploader: kept in the trail, struck through. */
async function draftRemoved(t: Turn): Promise<void> {
  const draft = t.took(
    await addEvidence(t.ctx, t.party, {
      ...t.req(),
      filename: '情况说明（草稿）.txt',
      mediaType: 'text/plain',
      content: new TextEncoder().encode(`关于“${t.s.title}”的情况说明（草稿，未定稿）\n`),
    }),
  );
  t.took(
    await removeEvidence(t.ctx, t.party, {
      ...t.req(),
      evidenceId: draft.result.evidenceId,
      reason: '误传了未定稿的草稿，正式的情况说明已另行上传。',
    }),
  );
}

const evidenceInvestigator: Action = async (t) => {
  t.took(
    await addEvidence(t.ctx, t.actor('investigator'), {
      ...t.req(),
      filename: '核实笔录.txt',
      mediaType: 'text/plain',
      content: new TextEncoder().encode(
        `核实笔录（${t.h.number}）\n\n事项：${t.s.summary}\n\n核实人员调阅了相关决策记录、会议纪要和资金凭证，并与当事人谈话。\n`,
      ),
      description: '核实人员调阅材料和谈话的笔录',
    }),
  );
};

/** The investigator records each fact the applicant did not give, a few minutes apart. */
const facts: Action = async (t) => {
  for (const fact of INVESTIGATED_FACTS) {
    t.tick();
    t.took(
      await recordFact(t.ctx, t.actor('investigator'), {
        ...t.req(),
        fact,
        value: t.s.facts[fact] ?? false,
        note:
          t.s.facts[fact] === true ? '经调阅记录和谈话核实，情况属实。' : '经核实，未发现该情形。',
      }),
    );
  }
  // The gateway conditions as the applicant stated them, confirmed together once verified.
  const stated = CONFIRMED_TOGETHER.filter((f) => Object.hasOwn(t.s.facts, f));
  if (stated.length > 0) {
    t.tick();
    t.took(
      await confirmFacts(t.ctx, t.actor('investigator'), {
        ...t.req(),
        facts: stated,
        note: '经调阅会议纪要、资金凭证核实，与当事人陈述一致。',
      }),
    );
  }
};

const CONFIRMED_TOGETHER = ['privateGain', 'decisionProcess', 'remediation'] as const;

const linkFiling: Action = async (t) => {
  t.took(
    await linkRiskFiling(t.ctx, t.actor('investigator'), {
      ...t.req(),
      riskFilingId: t.env.filingId,
    }),
  );
};

const requestExtensionAction: Action = async (t) => {
  const res = t.took(
    await requestExtension(t.ctx, t.actor('investigator'), {
      ...t.req(),
      days: 10,
      reason: '需要调取省级部门的试点批复文件，申请延长核实期限十个工作日。',
    }),
  );
  t.h.extensionId = res.result.extensionId;
};

const decideExtensionAction: Action = async (t) => {
  t.took(
    await decideExtension(t.ctx, t.actor('chair'), {
      ...t.req(),
      extensionId: t.h.extensionId!,
      approve: true,
      reason: '理由充分，同意延长。',
    }),
  );
};

const suspend: Action = async (t) => {
  t.took(
    await suspendCase(t.ctx, t.actor('investigator'), {
      ...t.req(),
      reason:
        t.h.spec.flavour === 'suspended'
          ? '事故调查报告尚未作出，本案需以其结论为依据，中止办理。'
          : '需等待上级主管部门对数据授权范围的书面答复，中止办理。',
    }),
  );
};

const resume: Action = async (t) => {
  t.took(
    await resumeCase(t.ctx, t.actor('investigator'), {
      ...t.req(),
      note: '已收到书面答复，恢复办理。',
    }),
  );
};

/** The six elements (or the first three), rated as the scenario's outcome suggests. */
async function assess(t: Turn, elements: readonly (typeof SIX_ELEMENTS)[number][]): Promise<void> {
  const ok = tolerable(t.s.expected);
  for (const element of elements) {
    t.tick();
    const rating: Rating = ok
      ? element === 'consequences' && t.s.facts.lossAmount
        ? 'neutral'
        : 'favourable'
      : element === 'conditions'
        ? 'neutral'
        : 'unfavourable';
    t.took(
      await assessElement(t.ctx, t.actor('investigator'), {
        ...t.req(),
        element,
        rating,
        notes: ok ? ASSESS_OK[element] : ASSESS_BAD[element],
      }),
    );
  }
}

const completeVerificationAction: Action = async (t) => {
  const res = t.took(
    await completeVerification(t.ctx, t.actor('investigator'), {
      ...t.req(),
      note: '核实终结，六要素评估完成，提请会商。',
    }),
  );
  const opened = [...res.result.consultations];
  // A case left in consultation: only these departments answer, in this order.
  const answered = t.h.spec.answered;
  t.h.consultations = answered
    ? answered.flatMap((d) => opened.filter((c) => c.department === d))
    : opened;
};

// -- consultation

/** The next department's opinion: the organization department's from the scenario, others stock. */
const opinion: Action = async (t) => {
  const next = t.h.consultations.shift();
  if (!next) return;
  const label = DEPARTMENT_LABEL[next.department] ?? next.department;
  const text =
    next.department === 'organization'
      ? t.s.opinion
      : tolerable(t.s.expected)
        ? `${label}意见：经查，未发现该同志在此事项中存在违纪违法或谋取私利问题，同意按办法研究认定。`
        : `${label}意见：经查，该事项存在负面清单情形，建议依规依纪处理。`;
  const req = { ...t.req(), consultationId: next.consultationId, opinion: text };
  const officer = DEPARTMENT_OFFICERS.find((d) => d.department === next.department);
  // A department with an officer signs its opinion; the party organization replies on paper.
  t.took(
    officer
      ? await answerConsultation(t.ctx, t.actor(officer.username), req)
      : await recordOpinion(t.ctx, t.actor('investigator'), {
          ...req,
          replyReference: `党组复〔${t.env.day.slice(0, 4)}〕${t.h.number.match(/(\d+)号/)?.[1] ?? '1'}号`,
          replyDate: t.env.day,
        }),
  );
};

const completeConsultationAction: Action = async (t) => {
  t.took(
    await completeConsultation(t.ctx, t.actor('investigator'), {
      ...t.req(),
      note: '各部门会商意见均已反馈。',
    }),
  );
};

// -- deliberation and decision

/**
 * The chair forms the panel: in most cases the three members in one dialog (one event), in every
 * third case one after another, as the single dialog still allows.
 */
const members: Action = async (t) => {
  const names = ['member1', 'member2', 'member3'];
  if (Number(t.h.number.replace(/\D/g, '').slice(-1)) % 3 === 0) {
    for (const m of names) {
      t.tick();
      t.took(await addMember(t.ctx, t.actor('chair'), { ...t.req(), userId: t.actor(m).userId }));
    }
    return;
  }
  const userIds = names.map((m) => t.actor(m).userId);
  t.took(await addMembers(t.ctx, t.actor('chair'), { ...t.req(), userIds }));
};

const conflictOfMember3: Action = async (t) => {
  t.took(
    await declareConflict(t.ctx, t.actor('member3'), {
      ...t.req(),
      conflict: '本人曾在当事人所在单位任职并分管该项工作，申请回避。',
      recuse: true,
    }),
  );
};

/** A member's vote; on a not-tolerable matter member2 votes for a lighter outcome (a recorded minority). */
async function vote(t: Turn, who: string): Promise<void> {
  const decided = t.decidedOutcome;
  const outcome = who === 'member2' && decided === 'not_tolerated' ? 'lighter' : decided;
  t.took(
    await castVote(t.ctx, t.actor(who), {
      ...t.req(),
      outcome,
      reason:
        outcome === decided
          ? `同意认定为“${OUTCOME_ZH[outcome] ?? outcome}”。`
          : '当事人事后积极整改，建议从轻处理。',
    }),
  );
}

const decide: Action = async (t) => {
  const decided = t.decidedOutcome;
  const departs = decided !== t.s.expected;
  t.took(
    await decideCase(t.ctx, t.actor('chair'), {
      ...t.req(),
      outcome: decided,
      minutes: `X新区容错纠错认定委员会会议纪要（${t.env.day}）：会议听取了核实情况汇报和各部门会商意见，对照《X新区干部容错纠错实施办法》和六要素逐项研究，经表决，认定为“${OUTCOME_ZH[decided] ?? decided}”。`,
      ...(departs
        ? {
            departureReasons:
              '同类问题发生在窗口人员集中调整期间，当事人已主动整改并建立超时预警机制，经集体研究，从轻处理，并进行提醒谈话。',
          }
        : {}),
    }),
  );
  t.h.outcome = decided;
};

// -- after the decision: notification, review and appeal, publicity, filing, closing

const notify: Action = async (t) => {
  t.took(await notifyDecision(t.ctx, t.actor('intake'), t.req()));
};

const challenge =
  (k: 'review' | 'appeal'): Action =>
  async (t) => {
    t.took(
      await requestChallenge(t.ctx, t.party, {
        ...t.req(),
        kind: k,
        grounds: CHALLENGE_GROUNDS[k],
      }),
    );
  };

/** A sitting member's vote to uphold, on a review the pack has decided collectively. */
async function reviewVote(t: Turn, who: string): Promise<void> {
  t.took(
    await castReviewVote(t.ctx, t.actor(who), {
      ...t.req(),
      outcome: t.h.outcome ?? t.decidedOutcome,
      reason: '经复核，原认定事实清楚、依据充分，同意维持。',
    }),
  );
}

/** The votes on a collective review: every sitting member who has not voted yet. */
async function reviewVotes(t: Turn): Promise<void> {
  for (const who of ['chair', 'member1', 'member2', 'member3']) {
    const loaded = await loadCase(t.ctx, t.ctx.store.db, t.h.id);
    if (!can(t.actor(who), 'voteReview', loaded.subject)) continue;
    t.tick();
    await reviewVote(t, who);
  }
}

const challengeUpheld: Action = async (t) => {
  await reviewVotes(t);
  t.took(
    await decideChallenge(t.ctx, t.actor('chair'), {
      ...t.req(),
      result: 'upheld',
      reasons: '经复核，原认定事实清楚、依据充分、程序规范，维持原认定。',
    }),
  );
};

const challengeChanged: Action = async (t) => {
  t.took(
    await decideChallenge(t.ctx, t.actor('city-chair'), {
      ...t.req(),
      result: 'changed',
      outcome: 'exempted',
      reasons:
        '经审查，破产清算终结后实际损失已降至免责上限以内，且决策程序完整、未谋取私利，变更为容错免责。',
    }),
  );
  t.h.outcome = 'exempted';
};

/** Changed on review to a lighter handling: the panel votes for it, then the chair decides. */
const reviewChanged: Action = async (t) => {
  const outcome = 'lighter';
  for (const who of ['chair', 'member1', 'member2', 'member3']) {
    const loaded = await loadCase(t.ctx, t.ctx.store.db, t.h.id);
    if (!can(t.actor(who), 'voteReview', loaded.subject)) continue;
    t.tick();
    t.took(
      await castReviewVote(t.ctx, t.actor(who), {
        ...t.req(),
        outcome,
        reason: '经复核，采购虽属应急，但事后报备迟延，同意变更为从轻处理。',
      }),
    );
  }
  t.tick();
  t.took(
    await decideChallenge(t.ctx, t.actor('chair'), {
      ...t.req(),
      result: 'changed',
      outcome,
      reasons: '经复核，应急采购事后报备迟延十日，未完全履行报告义务，变更为从轻处理。',
    }),
  );
  t.h.outcome = outcome;
};

const publicity: Action = async (t) => {
  t.took(await startPublicity(t.ctx, t.actor('liaison'), t.req()));
};

const fileUpwardAction: Action = async (t) => {
  t.took(
    await fileUpward(t.ctx, t.actor('liaison'), {
      ...t.req(),
      reference: `X新组备〔${t.env.day.slice(0, 4)}〕${int(t.r, 10, 99)}号`,
    }),
  );
};

const close: Action = async (t) => {
  t.took(
    await closeCase(t.ctx, t.actor('liaison'), {
      ...t.req(),
      note: '复核申诉期届满，已报备，办结。',
    }),
  );
};

/** Every step stepsFor() plans, by name (votes, 'vote:<who>', are played by vote()). */
/**
 * After `action`, the officer whose job it is issues the document it made due. The frequent ones
 * (acceptance notices, delivery receipts) are left to be issued on about a quarter of the cases
 * (by the case id), so that the demo shows documents issued and due.
 */
function thenIssue(action: Action, type: DocumentType, by: string): Action {
  return async (t) => {
    await action(t);
    if ((type === 'acceptance' || type === 'delivery_receipt') && /^[0-3]/.test(t.h.id)) return;
    // Only what the case calls for (an ex-officio case gets no acceptance notice, say).
    const due = await listCaseDocuments(t.ctx, t.actor(by), t.h.id);
    if (!due.some((d) => d.type === type && d.canIssue)) return;
    t.took(await issueDocument(t.ctx, t.actor(by), { ...t.req(), type }));
  };
}

const ACTIONS: Readonly<Record<string, Action>> = {
  create,
  refuse: thenIssue(refuse, 'refusal', 'intake'),
  accept: thenIssue(accept, 'acceptance', 'intake'),
  withdraw,
  statement,
  evidenceParty,
  evidenceInvestigator,
  facts,
  linkFiling,
  requestExtension: requestExtensionAction,
  decideExtension: decideExtensionAction,
  suspend,
  resume,
  assessSome: (t) => assess(t, SIX_ELEMENTS.slice(0, 3)),
  assessAll: (t) => assess(t, SIX_ELEMENTS),
  completeVerification: completeVerificationAction,
  opinion,
  completeConsultation: completeConsultationAction,
  members,
  'conflict:member3': conflictOfMember3,
  decide,
  notify: thenIssue(notify, 'delivery_receipt', 'intake'),
  'challenge:review': challenge('review'),
  'challenge:appeal': challenge('appeal'),
  // The demo's review is upheld and its appeal changes the decision (afterDecisionSteps).
  decideChallengeUpheld: thenIssue(challengeUpheld, 'review_decision', 'chair'),
  decideChallengeChanged: thenIssue(challengeChanged, 'appeal_decision', 'city-chair'),
  decideReviewChanged: thenIssue(reviewChanged, 'review_decision', 'chair'),
  startPublicity: thenIssue(publicity, 'publicity', 'liaison'),
  fileUpward: fileUpwardAction,
  close,
};

const ASSESS_OK: Readonly<Record<string, string>> = {
  motive: '出于推动工作的公心，未发现谋取私利。',
  conditions: '时间紧、任务重，客观条件受限。',
  procedure: '经集体研究或及时报告，程序基本完备。',
  nature: '属程序性瑕疵或探索性失误，情节较轻。',
  consequences: '未造成严重后果，社会影响可控。',
  recovery: '已积极采取措施挽回损失。',
};

const ASSESS_BAD: Readonly<Record<string, string>> = {
  motive: '存在明显的主观故意或谋取私利情形。',
  conditions: '客观条件不构成实质限制。',
  procedure: '绕开或伪造规定程序。',
  nature: '属负面清单情形，性质严重。',
  consequences: '造成较大损失或不良影响。',
  recovery: '未能有效挽回损失。',
};
