/**
 * The demo's free-trade-zone area: 四川自贸试验区某片区, under the province, governed by the Sichuan
 * zone's measure (packs/sichuan-ftz, 川自贸领〔2024〕2号), with its own officers and two officials,
 * and four cases made by the real use cases after the rest of the demo (demo.ts), each showing
 * what issue 13 added to the pack language:
 *
 *   band, decided   — the measure's band (可以免除相关责任或从轻、减轻处理) recommended; the
 *                     committee decides 减轻问责 within it, without departure reasons
 *   band, live      — in deliberation with the band recommended, the panel seated, one vote cast
 *   not applicable  — routine office work outside the zone's reform: 不适用本办法 (off the ladder)
 *   by reference    — accountability lies with the area's discipline body: a tolerance proposal
 *                     to it by reference to the measure (参照本办法提出容错建议, off the ladder)
 *
 * The investigator records the two facts only the measure asks (属自贸试验区建设和改革创新工作;
 * 由其他追责问责机关决定); the applicant gives the rest. Conduct in the demo's last months, well
 * after the measure's version began (2024-04-28).
 */
import { SIX_ELEMENTS } from '../domain/case-states.js';
import type { Actor, Role } from '../domain/roles.js';
import type { FactValue, I18nText } from '../policy/model.js';
import { acceptCase } from './cases/accept.js';
import { addMembers } from './cases/add-members.js';
import { assessElement } from './cases/assess.js';
import { completeVerification } from './cases/complete-verification.js';
import { decideCase } from './cases/decide.js';
import { notifyDecision } from './cases/notify.js';
import { recordFact } from './cases/record-fact.js';
import { recordStatement } from './cases/record-statement.js';
import { submitApplication } from './cases/submit-application.js';
import type { TransitionResult } from './cases/transition.js';
import { castVote } from './cases/vote.js';
import { setDocumentNumbering } from './admin/numbering.js';
import type { AppContext } from './context.js';
import { addDaysIso } from './dates.js';
import { demoIdCard } from './demo-data.js';
import {
  createJurisdiction,
  createOfficial,
  createUnit,
  createUser,
  hashPassword,
  loadActor,
  type NewGrant,
} from './org.js';

export const ZONE = {
  id: 'sc-ftz-area',
  nameZh: '四川自贸试验区某片区',
  nameEn: 'An area of the Sichuan Pilot Free Trade Zone',
  packId: 'sichuan-ftz',
  /** Its issuing code (机关代字): 川自贸容申〔2026〕1号, 川自贸容认〔2026〕1号. */
  code: '川自贸',
} as const;

export interface ZoneCast {
  readonly ctx: AppContext;
  /** Moves the demo's clock to `day` (or on by a few minutes the same day). */
  readonly at: (day: string) => void;
  readonly actor: (username: string) => Actor;
  readonly password: (role: Role) => string;
  readonly provinceId: string;
  /** The demo's last day. */
  readonly asOf: string;
}

export interface ZoneLogin {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly displayName: string;
  readonly scope: I18nText;
}

export interface ZoneResult {
  readonly logins: readonly ZoneLogin[];
  readonly units: number;
  readonly officials: number;
}

const SCOPE: I18nText = { zh: '四川自贸试验区某片区', en: 'Sichuan Pilot FTZ area' };

/** The zone's officers: usernames `ftz-<role>`, the password of their role as everywhere. */
const OFFICERS: readonly {
  username: string;
  displayName: string;
  role: Role;
  roles: readonly Role[];
}[] = [
  { username: 'ftz-intake', displayName: '罗晓琳', role: 'intake', roles: ['intake'] },
  {
    username: 'ftz-investigator',
    displayName: '彭宇航',
    role: 'investigator',
    roles: ['investigator'],
  },
  {
    username: 'ftz-chair',
    displayName: '唐建川',
    role: 'committee_chair',
    roles: ['committee_chair', 'committee_member'],
  },
  {
    username: 'ftz-member1',
    displayName: '曾丽蓉',
    role: 'committee_member',
    roles: ['committee_member'],
  },
  {
    username: 'ftz-member2',
    displayName: '杜文斌',
    role: 'committee_member',
    roles: ['committee_member'],
  },
];

/** The two officials of the area's reform and innovation bureau, each with a login of their own. */
const OFFICIALS = [
  {
    username: 'ftz-official',
    name: '林嘉怡',
    positionZh: '改革创新局制度创新科科长',
    positionEn: 'Chief, Institutional Innovation Section, Reform and Innovation Bureau',
  },
  {
    username: 'ftz-official-02',
    name: '邓晓川',
    positionZh: '改革创新局综合科副科长',
    positionEn: 'Deputy chief, General Affairs Section, Reform and Innovation Bureau',
  },
] as const;

/** A zone official's pioneering institutional innovation meeting the six conditions (scenarios.yaml `clean`). */
const CLEAN: Readonly<Record<string, FactValue>> = {
  crimeSuspected: false,
  knowinglyViolated: false,
  actedAfterExplicitBan: false,
  privateGain: false,
  executedIllegalHigherDecision: false,
  obstructed: false,
  ignoredRepeatedOrders: false,
  graveConsequence: 'none',
  fraudulentRecords: false,
  repeatOfSameError: false,
  decisionProcess: 'collective',
  objectionRecorded: false,
  forceMajeure: false,
  dutiesPerformed: true,
  prohibitedAtTheTime: false,
  policyBoundaryUnclear: true,
  purpose: 'reform_pilot',
  noPrecedent: true,
  proceduralDefect: false,
  remediation: 'not_needed',
  cooperated: true,
  lossAmount: 0,
  riskFiling: 'none',
  alignedWithDirectives: true,
  institutionalInnovation: true,
};

/** Where a zone case ends. */
type End = 'deliberation' | 'determined' | 'notified';

interface ZoneCase {
  readonly key: 'band-decided' | 'band-live' | 'not-applicable' | 'by-reference';
  /** Index into OFFICIALS. */
  readonly official: 0 | 1;
  readonly title: string;
  readonly summary: string;
  readonly statement: string;
  readonly facts: Readonly<Record<string, FactValue>>;
  /** The two facts the investigator establishes, with what the investigation found. */
  readonly ftzReformWork: boolean;
  readonly otherAccountabilityBody: boolean;
  readonly end: End;
  /** Working days before the demo's last day on which the application is made. */
  readonly startsBefore: number;
  /** The outcome the committee decides (or, in deliberation, the one cast so far). */
  readonly outcome: string;
  readonly voteReason: string;
  readonly minutesFinding: string;
}

export const ZONE_CASES: readonly ZoneCase[] = [
  {
    key: 'band-decided',
    official: 0,
    title: '首创进口货物“先放后检”监管模式试点造成召回损失',
    summary:
      '为提升通关效率，片区经管委会集体研究首创进口货物“先放后检”监管模式。试点中检验结果回传滞后，部分不合格货物已流入市场，组织召回产生损失约二十万元，现已追回部分。',
    statement:
      '“先放后检”模式经管委会主任办公会集体研究决定，属省里部署的制度创新任务，此前无先例可循。检验结果回传滞后是系统对接环节考虑不周所致，发现后已立即暂停放行、组织召回，并完善了回传预警机制。',
    facts: { ...CLEAN, remediation: 'partial', lossAmount: 200_000 },
    ftzReformWork: true,
    otherAccountabilityBody: false,
    end: 'notified',
    startsBefore: 48,
    outcome: 'reduced',
    voteReason: '符合办法规定的容错条件，但召回损失尚未全部挽回，宜在办法规定的幅度内减轻问责。',
    minutesFinding:
      '该同志在首创监管模式的改革试点中出现失误，符合办法规定的六项容错条件；鉴于召回损失尚未全部挽回，在办法第二条规定的幅度内认定为“减轻问责”',
  },
  {
    key: 'band-live',
    official: 1,
    title: '企业登记“一照多址”改革试点中分支经营场所核验不严',
    summary:
      '片区试行企业登记“一照多址”改革，允许企业在一张营业执照上备案多个经营场所。试点初期对备案场所采取承诺制，个别企业以虚假地址备案，被群众举报。',
    statement:
      '“一照多址”改革列入片区年度制度创新清单，经管委会集体研究实施。承诺制下的事后核查滞后，导致个别虚假地址未能及时发现；已逐户核查并撤销虚假备案，建立了随机抽查机制。',
    facts: CLEAN,
    ftzReformWork: true,
    otherAccountabilityBody: false,
    end: 'deliberation',
    startsBefore: 16,
    outcome: 'exempted',
    voteReason: '属先行先试中的探索性失误，六项条件均具备，未造成损失，建议免予问责。',
    minutesFinding: '',
  },
  {
    key: 'not-applicable',
    official: 1,
    title: '管委会机关办公用房维修项目验收延误',
    summary:
      '管委会机关办公用房维修项目完工后，因验收资料准备不全，竣工验收延误两个月，被审计指出。',
    statement:
      '该项目属机关日常事务，验收延误是本人对资料归集督促不够所致，已补齐资料完成验收，并建立了工程资料清单管理制度。',
    facts: CLEAN,
    ftzReformWork: false,
    otherAccountabilityBody: false,
    end: 'notified',
    startsBefore: 62,
    outcome: 'scftz-not-applicable',
    voteReason: '该事项属机关日常事务管理，不属自贸试验区建设和改革创新工作，不适用本办法。',
    minutesFinding:
      '该事项属机关日常事务管理，不属自贸试验区建设和改革创新中的失误，不在办法第二条、第三条规定的适用范围内，认定为“不适用本办法”，依其他有关规定处理',
  },
  {
    key: 'by-reference',
    official: 0,
    title: '国际班列运费补贴“即申即享”试点中补贴发放超出核定范围',
    summary:
      '片区试行国际班列运费补贴“即申即享”，企业申报后先行拨付、事后核定。试点中两家企业的部分箱量不符合补贴条件，超额拨付的补贴已全部追回。相关问题线索由片区纪工委受理，追责问责由其决定。',
    statement:
      '“即申即享”是片区为稳定班列货源推出的制度创新，方案经管委会集体研究并报省推进工作领导小组办公室备案。超额拨付源于事后核定规则不细，发现后已全部追回，并修订了核定办法。',
    facts: { ...CLEAN, remediation: 'effective', lossAmount: 380_000 },
    ftzReformWork: true,
    otherAccountabilityBody: true,
    end: 'determined',
    startsBefore: 30,
    outcome: 'scftz-by-reference',
    voteReason: '符合办法规定的容错条件，追责问责由片区纪工委决定，同意参照办法向其提出容错建议。',
    minutesFinding:
      '该同志在改革试点中的失误符合办法规定的六项容错条件；因追责问责由片区纪工委决定，依办法第三条认定为“参照本办法提出容错建议”，向片区纪工委提出容错建议',
  },
];

/** The area, its officers and officials, and its four cases. */
export async function playZone(cast: ZoneCast): Promise<ZoneResult> {
  const start = cast.ctx.calendars.get('cn').addWorkingDays(cast.asOf, -70);
  cast.at(start);
  const org = await seedZone(cast);
  // In the order the applications were made, so that their numbers follow the days.
  const byStart = [...ZONE_CASES].sort((a, b) => b.startsBefore - a.startsBefore);
  for (const zc of byStart) await playZoneCase(cast, org, zc);
  return { logins: org.logins, units: 1, officials: OFFICIALS.length };
}

interface ZoneOrg {
  readonly logins: ZoneLogin[];
  readonly actor: (username: string) => Actor;
  readonly officialIds: readonly string[];
}

async function seedZone(cast: ZoneCast): Promise<ZoneOrg> {
  const { ctx } = cast;
  await createJurisdiction(ctx, {
    id: ZONE.id,
    parentId: cast.provinceId,
    level: 'new_area',
    nameZh: ZONE.nameZh,
    nameEn: ZONE.nameEn,
    packId: ZONE.packId,
  });
  // Its administrator sets its issuing code, as for the city.
  await setDocumentNumbering(ctx, cast.actor('admin'), ZONE.id, { code: ZONE.code, patterns: {} });
  const unit = await createUnit(ctx, {
    jurisdictionId: ZONE.id,
    nameZh: '某片区管委会改革创新局',
    nameEn: 'Reform and Innovation Bureau of the area',
    kind: 'department',
  });
  const logins: ZoneLogin[] = [];
  const actors = new Map<string, Actor>();
  const hashes = new Map<Role, string>();
  const add = async (
    username: string,
    displayName: string,
    role: Role,
    grants: NewGrant[],
    scope: I18nText,
    officialId?: string,
  ) => {
    const password = cast.password(role);
    if (!hashes.has(role)) hashes.set(role, await hashPassword(password));
    const id = await createUser(
      ctx,
      { username, displayName, password, grants, ...(officialId ? { officialId } : {}) },
      hashes.get(role),
    );
    actors.set(username, await loadActor(ctx, id));
    logins.push({ username, password, role, displayName, scope });
  };
  for (const o of OFFICERS) {
    const grants = o.roles.map((role) => ({
      role,
      scopeKind: 'jurisdiction' as const,
      scopeId: ZONE.id,
    }));
    await add(o.username, o.displayName, o.role, grants, SCOPE);
  }
  const officialIds: string[] = [];
  for (const [i, o] of OFFICIALS.entries()) {
    const official = await createOfficial(ctx, {
      name: o.name,
      idCard: demoIdCard(500 + i),
      unitId: unit.id,
      managingJurisdictionId: ZONE.id,
      positionZh: `某片区管委会${o.positionZh}`,
      positionEn: `${o.positionEn}, the area's management committee`,
    });
    officialIds.push(official.id);
    const self: NewGrant = { role: 'official', scopeKind: 'self', scopeId: '' };
    await add(o.username, o.name, 'official', [self], { zh: '本人', en: 'self' }, official.id);
  }
  return { logins, actor: (u) => actors.get(u)!, officialIds };
}

/** One case's history, each action on its working day (counted back from the demo's last day). */
async function playZoneCase(cast: ZoneCast, org: ZoneOrg, zc: ZoneCase): Promise<void> {
  const { ctx } = cast;
  const cal = ctx.calendars.get('cn');
  let offset = -zc.startsBefore;
  const on = (gap: number) => {
    offset += gap;
    cast.at(cal.addWorkingDays(cast.asOf, offset));
  };
  const party = org.actor(OFFICIALS[zc.official].username);
  const intake = org.actor('ftz-intake');
  const investigator = org.actor('ftz-investigator');
  const chair = org.actor('ftz-chair');
  on(0);
  const submitted = await submitApplication(ctx, party, {
    officialId: org.officialIds[zc.official]!,
    title: zc.title,
    summary: zc.summary,
    conductDate: addDaysIso(cal.addWorkingDays(cast.asOf, offset), -45),
    facts: zc.facts,
  });
  let row = submitted.case;
  const req = () => ({ caseId: row.id, expectedVersion: row.version });
  const took = <T>(res: TransitionResult<T>) => {
    row = res.case;
    return res;
  };
  on(2);
  took(await acceptCase(ctx, intake, { ...req(), note: '材料齐全，符合受理条件，转入核实。' }));
  on(1);
  took(await recordStatement(ctx, party, { ...req(), text: zc.statement }));
  on(3);
  took(
    await recordFact(ctx, investigator, {
      ...req(),
      fact: 'ftzReformWork',
      value: zc.ftzReformWork,
      note: zc.ftzReformWork
        ? '经调阅片区年度制度创新任务清单和管委会会议纪要，该事项属片区建设和改革创新工作。'
        : '经核实，该事项属管委会机关日常事务管理，不属片区建设和改革创新工作。',
    }),
  );
  took(
    await recordFact(ctx, investigator, {
      ...req(),
      fact: 'otherAccountabilityBody',
      value: zc.otherAccountabilityBody,
      note: zc.otherAccountabilityBody
        ? '经核实，该问题线索由片区纪工委受理，追责问责由其决定。'
        : '经核实，追责问责由管委会自行决定。',
    }),
  );
  on(2);
  for (const element of SIX_ELEMENTS) {
    const rating = element === 'consequences' && zc.facts['lossAmount'] ? 'neutral' : 'favourable';
    took(
      await assessElement(ctx, investigator, {
        ...req(),
        element,
        rating,
        notes: '经调阅决策记录、会议纪要并与当事人谈话核实，情况属实。',
      }),
    );
  }
  on(1);
  took(
    await completeVerification(ctx, investigator, {
      ...req(),
      note: '核实终结，六要素评估完成，提请认定委员会集体研究。',
    }),
  );
  if (row.state !== 'deliberation') {
    throw new Error(`demo: zone case ${row.number} went to '${row.state}', not deliberation`);
  }
  on(2);
  const members = ['ftz-member1', 'ftz-member2'].map((u) => org.actor(u));
  const userIds = members.map((m) => m.userId);
  took(await addMembers(ctx, chair, { ...req(), userIds }));
  const voters = zc.end === 'deliberation' ? [members[0]!] : [chair, ...members];
  on(1);
  for (const m of voters) {
    took(await castVote(ctx, m, { ...req(), outcome: zc.outcome, reason: zc.voteReason }));
  }
  if (zc.end === 'deliberation') return;
  took(
    await decideCase(ctx, chair, {
      ...req(),
      outcome: zc.outcome,
      minutes: `四川自贸试验区某片区容错纠错认定委员会会议纪要：会议听取了核实情况汇报，对照《中国（四川）自由贸易试验区容错纠错工作办法》第二条、第三条和六项容错条件逐项研究，经表决，${zc.minutesFinding}。`,
    }),
  );
  if (zc.end === 'determined') return;
  on(2);
  took(await notifyDecision(ctx, intake, req()));
}
