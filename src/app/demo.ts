/**
 * The demo: a province, a city and X New Area (pack x-new-area) with units, officials, a login for
 * every role, and about fifty cases at every step of the procedure across 2025–2026. Every case is
 * made by the real use cases (submitApplication, acceptCase, recordFact, decideCase, …) under a
 * clock that moves through the case's history, so every event, due date and audit hash chain is
 * genuine. Deterministic for a given seed and today. Sample data, not real people or events.
 */
import { getTableName } from 'drizzle-orm';
import type { Calendar } from '../calendar/index.js';
import { SIX_ELEMENTS, TERMINAL, type CaseState } from '../domain/case-states.js';
import type { Actor, Role } from '../domain/roles.js';
import { ROLE_LABEL } from '../domain/roles.js';
import type { FactValue, I18nText, Procedure } from '../policy/model.js';
import { acceptCase } from './cases/accept.js';
import { addEvidence } from './cases/add-evidence.js';
import { addMember } from './cases/add-member.js';
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
import { notifyDecision } from './cases/notify.js';
import { recordAccountabilityMatter } from './cases/open-ex-officio.js';
import { recordFact } from './cases/record-fact.js';
import { recordOpinion } from './cases/record-opinion.js';
import { recordStatement } from './cases/record-statement.js';
import { refuseCase } from './cases/refuse.js';
import { requestChallenge } from './cases/request-challenge.js';
import { requestExtension } from './cases/request-extension.js';
import { resumeCase } from './cases/resume.js';
import { createRiskFiling, linkRiskFiling } from './cases/risk-filing.js';
import { startPublicity } from './cases/start-publicity.js';
import { submitApplication } from './cases/submit-application.js';
import { suspendCase } from './cases/suspend.js';
import { castVote } from './cases/vote.js';
import type { TransitionResult } from './cases/transition.js';
import { withdrawCase } from './cases/withdraw.js';
import type { CaseRow } from './cases/record.js';
import { today as todayOf, type AppContext } from './context.js';
import { addDaysIso } from './dates.js';
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
import { cases, schema } from './tables.js';

// ---- the organization and the logins -------------------------------------------------------

export const DEMO_JURISDICTIONS = {
  province: { id: 'a-province', nameZh: '某省', nameEn: 'A Province' },
  city: { id: 'a-city', nameZh: '某市', nameEn: 'A City' },
  area: { id: 'x-new-area', nameZh: 'X新区', nameEn: 'X New Area' },
} as const;

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
  | 'appeal-changed'
  | 'conflict'
  | 'departure'
  | 'suspended'
  | 'resumed'
  | 'extension'
  | 'from-verification';

interface CaseSpec {
  readonly state: CaseState;
  readonly scenario: string;
  readonly route: Route;
  /** The demo official ('official' login) is the one concerned. */
  readonly main?: boolean;
  readonly overdue?: boolean;
  readonly flavour?: Flavour;
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
  { state: 'verification', scenario: 'data-sharing', route: 'unit' },
  { state: 'verification', scenario: 'site-accident', route: 'ex_officio', flavour: 'suspended' },
  { state: 'verification', scenario: 'tolerance-acceptance', route: 'unit' },
  { state: 'consultation', scenario: 'road-repair', route: 'self' },
  { state: 'consultation', scenario: 'subsidy-partial', route: 'ex_officio', overdue: true },
  { state: 'consultation', scenario: 'first-set-equipment', route: 'unit' },
  { state: 'consultation', scenario: 'one-person-plan', route: 'ex_officio' },
  { state: 'deliberation', scenario: 'rural-council', route: 'unit' },
  { state: 'deliberation', scenario: 'investment-market', route: 'self', overdue: true },
  { state: 'deliberation', scenario: 'forged-minutes', route: 'ex_officio' },
  { state: 'deliberation', scenario: 'objection', route: 'unit' },
  { state: 'determined', scenario: 'grid-tender-split', route: 'self' },
  { state: 'determined', scenario: 'relative-company', route: 'ex_officio', overdue: true },
  { state: 'determined', scenario: 'renewal-early-start', route: 'self' },
  { state: 'notified', scenario: 'subsidy-partial', route: 'self', main: true },
  { state: 'notified', scenario: 'flood-pump', route: 'unit' },
  { state: 'notified', scenario: 'one-window-pilot', route: 'unit' },
  { state: 'publicity', scenario: 'road-repair', route: 'unit' },
  { state: 'publicity', scenario: 'data-sharing', route: 'self', overdue: true },
  { state: 'publicity', scenario: 'sewage-emergency', route: 'unit' },
  { state: 'filed', scenario: 'tolerance-acceptance', route: 'self' },
  { state: 'filed', scenario: 'first-set-equipment', route: 'unit' },
  { state: 'filed', scenario: 'rural-council', route: 'ex_officio' },
  { state: 'under_review', scenario: 'repeat-delay', route: 'self' },
  { state: 'under_review', scenario: 'debt-after-ban', route: 'ex_officio', overdue: true },
  { state: 'under_appeal', scenario: 'fund-large-loss', route: 'unit', overdue: true },
  { state: 'under_appeal', scenario: 'one-person-plan', route: 'self' },
];

/** Working days back from the last working day before today at which the final state is entered. */
const LAG: Partial<Record<CaseState, { normal: [number, number]; overdue: [number, number] }>> = {
  submitted: { normal: [0, 3], overdue: [8, 12] },
  verification: { normal: [2, 9], overdue: [20, 26] },
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
  readonly ms: number;
}

export const DEMO_MARKER = 'demo_seed';

/** The day the standard-land reform was filed in advance (and accepted). */
const FILING_DAY = '2025-01-06';

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
  const seed = options.seed ?? 2025;
  const r = prng(seed);
  const realToday = todayOf(ctx);
  const cal = ctx.calendars.get('cn');
  const asOf = cal.addWorkingDays(realToday, -1);
  const clock = new Clock();
  const demo: AppContext = { ...ctx, now: clock.now };
  // The organization exists from the start of the demo's history.
  clock.at('2025-01-02', r);

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

  // Units and officials.
  const unitIds = new Map<string, string>();
  const officials: Official[] = [];
  // (张伟 is the demo official's name, given below.)
  const usedNames = new Set<string>(['张伟']);
  const name = () => {
    for (;;) {
      const n =
        SURNAMES[int(r, 0, SURNAMES.length - 1)]! + GIVEN_NAMES[int(r, 0, GIVEN_NAMES.length - 1)]!;
      if (!usedNames.has(n)) {
        usedNames.add(n);
        return n;
      }
    }
  };
  const units: { key: string; bureau: string; nameZh: string; nameEn: string; section: boolean }[] =
    [];
  for (const u of DEMO_UNITS) {
    const top = await createUnit(demo, {
      jurisdictionId: area.id,
      nameZh: u.nameZh,
      nameEn: u.nameEn,
      kind: 'department',
    });
    unitIds.set(u.key, top.id);
    units.push({ key: u.key, bureau: u.key, nameZh: u.nameZh, nameEn: u.nameEn, section: false });
    for (const s of u.subs) {
      const sub = await createUnit(demo, {
        jurisdictionId: area.id,
        parentId: top.id,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        kind: 'section',
      });
      unitIds.set(s.key, sub.id);
      units.push({ key: s.key, bureau: u.key, nameZh: s.nameZh, nameEn: s.nameEn, section: true });
    }
  }
  // The demo official first: 张伟, chief of the investment services section.
  const extra = new Set(['econ-invest', 'build-works', 'finance-fund', 'approval-service']);
  for (const u of units) {
    const positions = u.section ? SECTION_POSITIONS : BUREAU_POSITIONS;
    const count = u.section ? (extra.has(u.key) ? 3 : 2) : 2;
    for (let i = 0; i < count; i++) {
      const p = positions[i]!;
      const o = await createOfficial(demo, {
        name: u.key === 'econ-invest' && i === 0 ? '张伟' : name(),
        unitId: unitIds.get(u.key)!,
        managingJurisdictionId: area.id,
        positionZh: `${u.nameZh}${p.zh}`,
        positionEn: `${p.en}, ${u.nameEn}`,
      });
      officials.push({ id: o.id, name: o.name, unitKey: u.key, bureau: u.bureau });
    }
  }
  const mainOfficial = officials.find((o) => o.name === '张伟')!;

  // Users: staff, one per bureau's party organization, one per official.
  const hashes = new Map<Role, Promise<string>>();
  const hashOf = (role: Role) => {
    let h = hashes.get(role);
    if (!h) hashes.set(role, (h = hashPassword(demoPassword(role))));
    return h;
  };
  const logins: DemoLogin[] = [];
  const actors = new Map<string, Actor>();
  const addUser = async (def: LoginDef, officialId?: string, listed = true) => {
    const id = await createUser(
      demo,
      {
        username: def.username,
        displayName: def.displayName,
        password: demoPassword(def.role),
        grants: def.grants,
        ...(officialId ? { officialId } : {}),
      },
      await hashOf(def.role),
    );
    actors.set(def.username, await loadActor(demo, id));
    if (listed) {
      logins.push({
        username: def.username,
        password: demoPassword(def.role),
        role: def.role,
        displayName: def.displayName,
        scope: def.scope,
      });
    }
    return id;
  };
  const self: NewGrant = { role: 'official', scopeKind: 'self', scopeId: '' };
  mainOfficial.username = 'official';
  mainOfficial.userId = await addUser(
    {
      username: 'official',
      displayName: mainOfficial.name,
      role: 'official',
      grants: [self],
      scope: {
        zh: '本人（经济发展局招商服务科科长）',
        en: 'self (chief of the Investment Services Section)',
      },
    },
    mainOfficial.id,
  );
  for (const d of DEMO_UNITS) {
    const username = d.key === 'econ' ? 'unit-party' : `unit-party-${d.key}`;
    await addUser(
      {
        username,
        displayName: `${d.nameZh}党组`,
        role: 'unit_party',
        grants: [{ role: 'unit_party', scopeKind: 'unit', scopeId: unitIds.get(d.key)! }],
        scope: { zh: `${d.nameZh}（含下属科室）`, en: `${d.nameEn} and its sections` },
      },
      undefined,
      d.key === 'econ',
    );
  }
  for (const def of staffLogins()) await addUser(def);
  let n = 2;
  for (const o of officials) {
    if (o === mainOfficial) continue;
    const username = `official-${String(n++).padStart(2, '0')}`;
    o.username = username;
    o.userId = await addUser(
      {
        username,
        displayName: o.name,
        role: 'official',
        grants: [self],
        scope: { zh: '本人', en: 'self' },
      },
      o.id,
      false,
    );
  }
  const actor = (username: string) => actors.get(username)!;
  const officialActor = (o: Official) => actor(o.username!);
  const unitPartyActor = (o: Official) =>
    actor(o.bureau === 'econ' ? 'unit-party' : `unit-party-${o.bureau}`);

  // The standard-land reform was filed in advance and accepted.
  clock.at(FILING_DAY, r);
  const filing = await createRiskFiling(demo, actor('intake'), {
    unitId: unitIds.get('econ-industry')!,
    title: '“标准地”出让改革试点方案（事前报备）',
    filedOn: FILING_DAY,
    status: 'accepted',
  });

  // Assign an official to each case: the least-used official of the scenario's unit.
  const scenarioOf = new Map(SCENARIOS.map((s) => [s.key, s]));
  const used = new Map<string, number>();
  const handles: { spec: CaseSpec; scenario: Scenario; official: Official }[] = [];
  for (const spec of CASE_SPECS) {
    const scenario = scenarioOf.get(spec.scenario);
    if (!scenario) throw new Error(`demo: no scenario '${spec.scenario}'`);
    let official: Official;
    if (spec.main) official = mainOfficial;
    else {
      const pool = officials.filter((o) => o.unitKey === scenario.unit && o !== mainOfficial);
      const candidates =
        pool.length > 0 ? pool : officials.filter((o) => o.bureau === scenario.unit);
      const least = Math.min(...candidates.map((o) => used.get(o.id) ?? 0));
      const best = candidates.filter((o) => (used.get(o.id) ?? 0) === least);
      official = best[int(r, 0, best.length - 1)]!;
    }
    used.set(official.id, (used.get(official.id) ?? 0) + 1);
    handles.push({ spec, scenario, official });
  }

  // Plan every case's history, then play them in the order they began.
  const procedure = ctx.engine.at('x-new-area', '2025-06-01').eff.procedure;
  const byStateIndex = new Map<CaseState, number>();
  const plans = handles.map((h) => {
    const i = byStateIndex.get(h.spec.state) ?? 0;
    byStateIndex.set(h.spec.state, i + 1);
    const count = CASE_SPECS.filter((s) => s.state === h.spec.state).length;
    return { ...h, ...planCase(h.spec, h.scenario, r, cal, procedure, asOf, i, count) };
  });
  plans.sort((a, b) => (a.dates[0]! < b.dates[0]! ? -1 : a.dates[0]! > b.dates[0]! ? 1 : 0));

  let done = 0;
  for (const p of plans) {
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
      clock.at(day, r);
      try {
        await play(step.kind, h, {
          ctx: demo,
          clock,
          r,
          day,
          conductDate: p.conductDate,
          actor,
          officialActor,
          unitPartyActor,
          filingId: filing.id,
        });
      } catch (e) {
        const what = e instanceof Error ? e.message : String(e);
        throw new Error(
          `demo: case ${h.number || '(new)'} (${p.spec.state}, ${p.spec.scenario}) failed at step '${step.kind}' on ${day}: ${what}`,
          { cause: e },
        );
      }
    }
    options.onProgress?.(++done, plans.length);
  }

  await ctx.store.query(
    `INSERT INTO store_meta (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
    [DEMO_MARKER, JSON.stringify({ seed, asOf, seededAt: ctx.now().toISOString() })],
  );

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
  const otherOfficials = officials.length - 1;
  return {
    logins,
    moreLogins: [
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
    ],
    jurisdictions: 3,
    units: units.length,
    officials: officials.length,
    cases: rows.length,
    byState,
    overdue,
    events: events.rows[0]?.n ?? 0,
    asOf,
    ms: Math.round(performance.now() - started),
  };
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
): { steps: Step[]; dates: string[]; conductDate: string } {
  const steps = stepsFor(spec, scenario, r);
  // Where the final state is entered: terminal cases spread over the two years, open ones recently.
  let target: string;
  const lag = LAG[spec.state];
  if (lag) {
    const [lo, hi] = spec.overdue ? lag.overdue : lag.normal;
    target = cal.addWorkingDays(asOf, -int(r, lo, hi));
  } else {
    const from = spec.state === 'closed' ? '2025-06-02' : '2025-02-17';
    const span = dayNumber(addDaysIso(asOf, -25)) - dayNumber(from);
    const at = Math.floor(((index + r()) / count) * span);
    target = cal.nextWorkingDayFrom(addDaysIso(from, at));
    if (target > asOf) target = asOf;
  }
  const entryLast = steps.map((s) => s.entry).lastIndexOf(true);
  const publicity = limitOf(procedure, 'publicity');
  // The review and appeal window runs from the notification, as the app counts it.
  const window = limitOf(procedure, 'challengeWindow');
  const schedule = (start: string): string[] => {
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
  // Find the start that puts the final state's entry on (or just before) the target day.
  let start = cal.nextWorkingDayFrom(target);
  let dates = schedule(start);
  for (let i = 0; i < 40 && dates[entryLast]! > target; i++) {
    const over = dayNumber(dates[entryLast]!) - dayNumber(target);
    start = cal.nextWorkingDayFrom(addDaysIso(start, -Math.max(1, over)));
    if (start > target) start = cal.addWorkingDays(start, -1);
    dates = schedule(start);
  }
  while (dates[entryLast]! > target) {
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

function dayNumber(iso: string): number {
  return Math.round(Date.parse(iso + 'T00:00:00Z') / 86_400_000);
}

/** The actions that bring a case to its state, then those taken within it. */
function stepsFor(spec: CaseSpec, scenario: Scenario, r: () => number): Step[] {
  const out: Step[] = [];
  const add = (kind: string, gap: [number, number], entry: boolean, after?: Step['after']) =>
    out.push({ kind, gap: int(r, gap[0], gap[1]), entry, ...(after ? { after } : {}) });
  const order: CaseState[] = [
    'submitted',
    'verification',
    'consultation',
    'deliberation',
    'determined',
    'notified',
    'publicity',
    'filed',
  ];
  const state = spec.state;
  add('create', [0, 0], true);
  if (state === 'refused') {
    add('refuse', [1, 4], true);
    return out;
  }
  if (state === 'withdrawn') {
    if (spec.flavour === 'from-verification') {
      add('accept', [1, 4], true);
      add('statement', [1, 3], true);
    } else add('statement', [0, 2], true);
    add('withdraw', [2, 6], true);
    return out;
  }
  if (state === 'submitted') {
    add('statement', [0, 1], false);
    add('evidenceParty', [0, 1], false);
    return out;
  }
  const reach = (s: CaseState) => {
    const target =
      state === 'closed' || state === 'under_review' || state === 'under_appeal' ? 'filed' : state;
    return order.indexOf(s) <= order.indexOf(target);
  };
  const into = (s: CaseState) => s === state;

  // verification
  add('accept', [1, 4], true);
  // (A case suspended in verification got that far before it was suspended.)
  const inVerification = into('verification') && spec.flavour !== 'suspended';
  add('statement', [0, 2], !inVerification);
  add('evidenceParty', [0, 2], !inVerification);
  add('evidenceInvestigator', [1, 4], !inVerification);
  add('facts', [1, 4], !inVerification);
  if (scenario.key === 'standard-land') add('linkFiling', [0, 1], !inVerification);
  if (spec.flavour === 'extension') {
    add('requestExtension', [1, 2], !inVerification);
    add('decideExtension', [1, 2], !inVerification);
  }
  if (spec.flavour === 'resumed') {
    add('suspend', [1, 2], true);
    add('resume', [6, 10], true);
  }
  if (into('verification')) {
    add('assessSome', [1, 3], !inVerification);
    if (spec.flavour === 'suspended') add('suspend', [0, 1], true);
    return out;
  }
  add('assessAll', [1, 4], true);
  // consultation
  add('completeVerification', [0, 2], true);
  if (into('consultation')) {
    add('opinion', [1, 4], false);
    add('opinion', [0, 3], false);
    return out;
  }
  for (let i = 0; i < 4; i++) add('opinion', [i === 0 ? 1 : 0, 3], true);
  add('completeConsultation', [0, 2], true);
  // deliberation
  if (into('deliberation')) {
    add('members', [1, 3], false);
    add('vote:chair', [1, 3], false);
    add('vote:member1', [0, 2], false);
    return out;
  }
  add('members', [1, 3], true);
  if (spec.flavour === 'conflict') add('conflict:member3', [0, 1], true);
  for (const who of ['chair', 'member1', 'member2', 'member3'])
    if (!(spec.flavour === 'conflict' && who === 'member3')) add(`vote:${who}`, [0, 2], true);
  add('decide', [0, 1], true);
  if (into('determined')) return out;
  add('notify', [1, 3], true);
  if (spec.flavour === 'review-upheld') {
    add('challenge:review', [2, 6], true);
    add('decideChallengeUpheld', [5, 12], true);
  }
  if (spec.flavour === 'appeal-changed') {
    add('challenge:appeal', [3, 8], true);
    add('decideChallengeChanged', [8, 15], true);
  }
  if (into('notified')) return out;
  if (state === 'under_review' || state === 'under_appeal') {
    add(state === 'under_review' ? 'challenge:review' : 'challenge:appeal', [2, 8], true);
    return out;
  }
  add('startPublicity', [1, 2], true);
  if (into('publicity')) return out;
  if (reach('filed')) add('fileUpward', [0, 2], true, 'publicity');
  if (into('filed')) return out;
  add('close', [0, 3], true, 'window');
  return out;
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

async function play(kind: string, h: Handle, env: PlayEnv): Promise<void> {
  const { ctx, r } = env;
  const s = h.scenario;
  const req = () => ({ caseId: h.id, expectedVersion: h.version });
  const took = <T>(res: TransitionResult<T>): TransitionResult<T> => {
    h.version = res.case.version;
    return res;
  };
  const tick = () => env.clock.at(env.day, r);
  const party = env.officialActor(h.official);
  const investigator = env.actor('investigator');
  const chair = env.actor('chair');
  const liaison = env.actor('liaison');
  const decidedOutcome = h.spec.flavour === 'departure' ? 'lighter' : s.expected;

  switch (kind) {
    case 'create': {
      // The applicant gives most facts; the investigator establishes the rest.
      const facts: Record<string, FactValue> = {};
      for (const [k, v] of Object.entries(s.facts)) {
        if ((INVESTIGATED_FACTS as readonly string[]).includes(k)) continue;
        if (k === 'riskFiling' && s.key === 'standard-land') continue;
        facts[k] = v;
      }
      let row: CaseRow;
      if (h.spec.route === 'ex_officio') {
        const opened = addDaysIso(env.day, -int(r, 0, 3));
        row = (
          await recordAccountabilityMatter(ctx, env.actor('intake'), {
            officialId: h.official.id,
            summary: s.matter,
            openedOn: opened,
            conductDate: env.conductDate,
            facts,
          })
        ).case;
      } else {
        const applicant = h.spec.route === 'self' ? party : env.unitPartyActor(h.official);
        row = (
          await submitApplication(ctx, applicant, {
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
      return;
    }
    case 'refuse':
      took(
        await refuseCase(ctx, env.actor('intake'), {
          ...req(),
          reasons: REFUSAL_REASONS[int(r, 0, REFUSAL_REASONS.length - 1)]!,
        }),
      );
      return;
    case 'accept':
      took(
        await acceptCase(ctx, env.actor('intake'), {
          ...req(),
          note: '材料齐全，符合受理条件，转入核实。',
        }),
      );
      return;
    case 'withdraw':
      took(
        await withdrawCase(ctx, party, {
          ...req(),
          reason: WITHDRAW_REASONS[int(r, 0, WITHDRAW_REASONS.length - 1)]!,
        }),
      );
      return;
    case 'statement':
      took(await recordStatement(ctx, party, { ...req(), text: s.statement }));
      return;
    case 'evidenceParty':
      took(
        await addEvidence(ctx, party, {
          ...req(),
          filename: '情况说明.txt',
          mediaType: 'text/plain',
          content: new TextEncoder().encode(
            `关于“${s.title}”的情况说明\n\n${s.statement}\n\n说明人：${h.official.name}\n`,
          ),
          description: '当事人提交的书面情况说明',
        }),
      );
      return;
    case 'evidenceInvestigator':
      took(
        await addEvidence(ctx, investigator, {
          ...req(),
          filename: '核实笔录.txt',
          mediaType: 'text/plain',
          content: new TextEncoder().encode(
            `核实笔录（${h.number}）\n\n事项：${s.summary}\n\n核实人员调阅了相关决策记录、会议纪要和资金凭证，并与当事人谈话。\n`,
          ),
          description: '核实人员调阅材料和谈话的笔录',
        }),
      );
      return;
    case 'facts':
      for (const fact of INVESTIGATED_FACTS) {
        tick();
        took(
          await recordFact(ctx, investigator, {
            ...req(),
            fact,
            value: s.facts[fact] ?? false,
            note:
              s.facts[fact] === true
                ? '经调阅记录和谈话核实，情况属实。'
                : '经核实，未发现该情形。',
          }),
        );
      }
      return;
    case 'linkFiling':
      took(await linkRiskFiling(ctx, investigator, { ...req(), riskFilingId: env.filingId }));
      return;
    case 'requestExtension': {
      const res = took(
        await requestExtension(ctx, investigator, {
          ...req(),
          days: 10,
          reason: '需要调取省级部门的试点批复文件，申请延长核实期限十个工作日。',
        }),
      );
      h.extensionId = res.result.extensionId;
      return;
    }
    case 'decideExtension':
      took(
        await decideExtension(ctx, chair, {
          ...req(),
          extensionId: h.extensionId!,
          approve: true,
          reason: '理由充分，同意延长。',
        }),
      );
      return;
    case 'suspend':
      took(
        await suspendCase(ctx, investigator, {
          ...req(),
          reason:
            h.spec.flavour === 'suspended'
              ? '事故调查报告尚未作出，本案需以其结论为依据，中止办理。'
              : '需等待上级主管部门对数据授权范围的书面答复，中止办理。',
        }),
      );
      return;
    case 'resume':
      took(await resumeCase(ctx, investigator, { ...req(), note: '已收到书面答复，恢复办理。' }));
      return;
    case 'assessSome':
    case 'assessAll': {
      const elements = kind === 'assessAll' ? SIX_ELEMENTS : SIX_ELEMENTS.slice(0, 3);
      const ok = tolerable(s.expected);
      for (const element of elements) {
        tick();
        const rating: Rating = ok
          ? element === 'consequences' && s.facts.lossAmount
            ? 'neutral'
            : 'favourable'
          : element === 'conditions'
            ? 'neutral'
            : 'unfavourable';
        took(
          await assessElement(ctx, investigator, {
            ...req(),
            element,
            rating,
            notes: ok ? ASSESS_OK[element] : ASSESS_BAD[element],
          }),
        );
      }
      return;
    }
    case 'completeVerification': {
      const res = took(
        await completeVerification(ctx, investigator, {
          ...req(),
          note: '核实终结，六要素评估完成，提请会商。',
        }),
      );
      h.consultations = [...res.result.consultations];
      return;
    }
    case 'opinion': {
      const next = h.consultations.shift();
      if (!next) return;
      const label = DEPARTMENT_LABEL[next.department] ?? next.department;
      const text =
        next.department === 'organization'
          ? s.opinion
          : tolerable(s.expected)
            ? `${label}意见：经查，未发现该同志在此事项中存在违纪违法或谋取私利问题，同意按办法研究认定。`
            : `${label}意见：经查，该事项存在负面清单情形，建议依规依纪处理。`;
      took(
        await recordOpinion(ctx, liaison, {
          ...req(),
          consultationId: next.consultationId,
          opinion: text,
        }),
      );
      return;
    }
    case 'completeConsultation':
      took(
        await completeConsultation(ctx, investigator, {
          ...req(),
          note: '各部门会商意见均已反馈。',
        }),
      );
      return;
    case 'members':
      for (const m of ['member1', 'member2', 'member3']) {
        tick();
        took(await addMember(ctx, chair, { ...req(), userId: env.actor(m).userId }));
      }
      return;
    case 'conflict:member3':
      took(
        await declareConflict(ctx, env.actor('member3'), {
          ...req(),
          conflict: '本人曾在当事人所在单位任职并分管该项工作，申请回避。',
          recuse: true,
        }),
      );
      return;
    case 'decide': {
      const departs = decidedOutcome !== s.expected;
      took(
        await decideCase(ctx, chair, {
          ...req(),
          outcome: decidedOutcome,
          minutes: `X新区容错纠错认定委员会会议纪要（${env.day}）：会议听取了核实情况汇报和各部门会商意见，对照《X新区干部容错纠错实施办法》和六要素逐项研究，经表决，认定为“${OUTCOME_ZH[decidedOutcome] ?? decidedOutcome}”。`,
          ...(departs
            ? {
                departureReasons:
                  '同类问题发生在窗口人员集中调整期间，当事人已主动整改并建立超时预警机制，经集体研究，从轻处理，并进行提醒谈话。',
              }
            : {}),
        }),
      );
      h.outcome = decidedOutcome;
      return;
    }
    case 'notify':
      took(await notifyDecision(ctx, env.actor('intake'), req()));
      return;
    case 'challenge:review':
    case 'challenge:appeal': {
      const k = kind === 'challenge:review' ? 'review' : 'appeal';
      took(
        await requestChallenge(ctx, party, { ...req(), kind: k, grounds: CHALLENGE_GROUNDS[k] }),
      );
      return;
    }
    case 'decideChallengeUpheld':
      took(
        await decideChallenge(ctx, chair, {
          ...req(),
          result: 'upheld',
          reasons: '经复核，原认定事实清楚、依据充分、程序规范，维持原认定。',
        }),
      );
      return;
    case 'decideChallengeChanged':
      took(
        await decideChallenge(ctx, env.actor('city-chair'), {
          ...req(),
          result: 'changed',
          outcome: 'exempted',
          reasons:
            '经审查，破产清算终结后实际损失已降至免责上限以内，且决策程序完整、未谋取私利，变更为容错免责。',
        }),
      );
      h.outcome = 'exempted';
      return;
    case 'startPublicity':
      took(await startPublicity(ctx, liaison, req()));
      return;
    case 'fileUpward':
      took(
        await fileUpward(ctx, liaison, {
          ...req(),
          reference: `X新组备〔${env.day.slice(0, 4)}〕${int(r, 10, 99)}号`,
        }),
      );
      return;
    case 'close':
      took(await closeCase(ctx, liaison, { ...req(), note: '复核申诉期届满，已报备，办结。' }));
      return;
    default: {
      if (kind.startsWith('vote:')) {
        const who = kind.slice('vote:'.length);
        // On a not-tolerable matter one member votes for a lighter outcome (a recorded minority).
        const outcome =
          who === 'member2' && decidedOutcome === 'not_tolerated' ? 'lighter' : decidedOutcome;
        took(
          await castVote(ctx, env.actor(who), {
            ...req(),
            outcome,
            reason:
              outcome === decidedOutcome
                ? `同意认定为“${OUTCOME_ZH[outcome] ?? outcome}”。`
                : '当事人事后积极整改，建议从轻处理。',
          }),
        );
        return;
      }
      throw new Error(`demo: unknown step '${kind}'`);
    }
  }
}

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
