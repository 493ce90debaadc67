/**
 * The demo's material: the organization of X New Area (units, sub-units, officials with Chinese
 * names) and the kinds of matter seen in published cases (domain.md §4): procedural shortcuts for
 * urgent public works, pilot reforms, investment attraction failing for objective reasons,
 * emergency decisions, a recorded objection, and matters that are clearly not tolerable (private
 * gain, forged minutes, a one-person decision, defying a ban, a major accident, a repeated error).
 * Sample data, not real people or events.
 */
import type { FactValue } from '../policy/model.js';
import { idCardCheckChar } from '../shared/id-card.js';

export interface DemoUnit {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly subs: readonly { key: string; nameZh: string; nameEn: string }[];
}

export const DEMO_UNITS: readonly DemoUnit[] = [
  {
    key: 'econ',
    nameZh: '经济发展局',
    nameEn: 'Economic Development Bureau',
    subs: [
      { key: 'econ-invest', nameZh: '招商服务科', nameEn: 'Investment Services Section' },
      { key: 'econ-industry', nameZh: '产业发展科', nameEn: 'Industrial Development Section' },
    ],
  },
  {
    key: 'build',
    nameZh: '规划建设局',
    nameEn: 'Planning and Construction Bureau',
    subs: [
      { key: 'build-works', nameZh: '工程建设科', nameEn: 'Public Works Section' },
      { key: 'build-renewal', nameZh: '城市更新科', nameEn: 'Urban Renewal Section' },
    ],
  },
  {
    key: 'approval',
    nameZh: '行政审批局',
    nameEn: 'Administrative Approval Bureau',
    subs: [
      { key: 'approval-service', nameZh: '企业服务科', nameEn: 'Enterprise Services Section' },
    ],
  },
  {
    key: 'finance',
    nameZh: '财政金融局',
    nameEn: 'Finance Bureau',
    subs: [
      { key: 'finance-procure', nameZh: '政府采购科', nameEn: 'Government Procurement Section' },
      { key: 'finance-fund', nameZh: '产业基金办公室', nameEn: 'Industry Fund Office' },
    ],
  },
  {
    key: 'emergency',
    nameZh: '应急管理局',
    nameEn: 'Emergency Management Bureau',
    subs: [{ key: 'emergency-flood', nameZh: '防汛抗旱办公室', nameEn: 'Flood Control Office' }],
  },
  { key: 'ecology', nameZh: '生态环境局', nameEn: 'Ecology and Environment Bureau', subs: [] },
  {
    key: 'social',
    nameZh: '社会事业局',
    nameEn: 'Social Affairs Bureau',
    subs: [{ key: 'social-rural', nameZh: '乡村振兴科', nameEn: 'Rural Revitalization Section' }],
  },
  {
    key: 'data',
    nameZh: '数据资源局',
    nameEn: 'Data Resources Bureau',
    subs: [{ key: 'data-gov', nameZh: '数字政府科', nameEn: 'Digital Government Section' }],
  },
];

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
];

export const GIVEN_NAMES = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '华',
  '建国',
  '志强',
  '海燕',
  '晓东',
  '文博',
  '雪梅',
  '国庆',
  '春生',
  '丹',
  '鹏',
  '晨曦',
  '立新',
  '玉兰',
  '红梅',
  '振华',
  '子涵',
  '思远',
  '佳怡',
  '浩然',
  '俊杰',
  '欣怡',
];

/** Positions held in a bureau (top unit) and in a section (sub-unit), with English. */
export const BUREAU_POSITIONS = [
  { zh: '局长', en: 'Director' },
  { zh: '副局长', en: 'Deputy Director' },
  { zh: '一级主任科员', en: 'Principal Staff Member, Grade 1' },
] as const;

export const SECTION_POSITIONS = [
  { zh: '科长', en: 'Section Chief' },
  { zh: '副科长', en: 'Deputy Section Chief' },
  { zh: '四级主任科员', en: 'Principal Staff Member, Grade 4' },
  { zh: '一级科员', en: 'Staff Member, Grade 1' },
] as const;

export type DemoFacts = Readonly<Record<string, FactValue>>;

/** A good-faith matter with no exclusion: the base every scenario changes. */
export const GOOD_FAITH: DemoFacts = {
  purpose: 'development_task',
  privateGain: false,
  knowinglyViolated: false,
  prohibitedAtTheTime: false,
  proceduralDefect: false,
  actedAfterExplicitBan: false,
  policyBoundaryUnclear: false,
  noPrecedent: false,
  forceMajeure: false,
  dutiesPerformed: true,
  decisionProcess: 'collective',
  objectionRecorded: false,
  remediation: 'effective',
  cooperated: true,
  obstructed: false,
  ignoredRepeatedOrders: false,
  repeatOfSameError: false,
  fraudulentRecords: false,
  graveConsequence: 'none',
  crimeSuspected: false,
  executedIllegalHigherDecision: false,
  riskFiling: 'none',
  lossAmount: 0,
  onReformTaskList: false,
};

/** The facts an investigator establishes during verification (the applicant gives the rest). */
export const INVESTIGATED_FACTS = [
  'knowinglyViolated',
  'fraudulentRecords',
  'repeatOfSameError',
  'crimeSuspected',
] as const;

export interface Scenario {
  readonly key: string;
  /** The unit (key) where such a matter arises. */
  readonly unit: string;
  readonly title: string;
  readonly summary: string;
  /** The accountability matter, when the case opens ex officio. */
  readonly matter: string;
  /** The official's own account. */
  readonly statement: string;
  readonly facts: DemoFacts;
  /** The outcome the pack recommends for these facts (checked by the demo's test). */
  readonly expected: 'no_accountability' | 'exempted' | 'reduced' | 'lighter' | 'not_tolerated';
  /** Consulted departments' opinions, by department code. */
  readonly opinion: string;
}

const f = (changes: Record<string, FactValue>): DemoFacts => ({ ...GOOD_FAITH, ...changes });

export const SCENARIOS: readonly Scenario[] = [
  {
    key: 'road-repair',
    unit: 'build-works',
    title: '主干道塌陷应急抢修先行施工、事后补办手续',
    summary:
      '汛期主干道路面塌陷，为保障通行安全，经现场研判后未履行招标程序即委托施工单位抢修，并于次日向管委会书面报告，事后补办相关手续。',
    matter: '道路抢修工程未经招标直接委托施工单位',
    statement:
      '塌陷发生在早高峰前，若按程序招标至少需要二十天，期间存在车辆坠陷风险。我们在现场会商后决定先行抢修，次日即书面报告，并已补办全部手续。',
    facts: f({
      purpose: 'emergency_response',
      decisionProcess: 'emergency_reported',
      proceduralDefect: true,
    }),
    expected: 'exempted',
    opinion: '同意按应急处置情形认定，抢修费用经审计无异常。',
  },
  {
    key: 'flood-pump',
    unit: 'emergency-flood',
    title: '防汛排涝泵站紧急采购未通过政府采购平台',
    summary:
      '强降雨预警发布后，为确保低洼片区排涝，防汛办紧急向本地供应商采购移动泵车六台，未通过政府采购平台，采购价格不高于市场价，已事后报备。',
    matter: '防汛物资采购未按规定通过政府采购平台实施',
    statement:
      '预警时间只有四十八小时，平台采购周期无法满足需要。采购经防汛指挥部会议研究，价格经比价不高于市场价，事后已及时报告。',
    facts: f({
      purpose: 'emergency_response',
      decisionProcess: 'emergency_reported',
      proceduralDefect: true,
    }),
    expected: 'exempted',
    opinion: '采购价格经核实合理，未发现利益输送，同意容错。',
  },
  {
    key: 'renewal-early-start',
    unit: 'build-renewal',
    title: '老旧小区改造项目在用地手续完备前组织开工',
    summary:
      '为赶在雨季前完成管网改造，经局党组集体研究，在部分用地手续尚在办理时组织进场施工，未造成损失，手续已于一个月内补齐。',
    matter: '老旧小区改造项目未批先建',
    statement:
      '该项目列入年度民生实事，居民反映强烈。开工前经党组会集体研究，相关手续当时已进入审批最后环节，没有任何个人利益。',
    facts: f({ purpose: 'public_service', proceduralDefect: true }),
    expected: 'exempted',
    opinion: '属于出于公心、集体决策的程序瑕疵，建议免责并加强手续衔接。',
  },
  {
    key: 'investment-market',
    unit: 'econ-invest',
    title: '招商引资项目因市场变化未能落地',
    summary:
      '引进的新能源电池项目签约后，受行业产能过剩和原材料价格剧烈波动影响，投资方暂停建设，前期配套投入约一百二十万元未能发挥效益。',
    matter: '招商项目停建造成前期配套资金闲置',
    statement:
      '项目引进全过程按程序进行尽职调查和集体决策，停建系行业形势突变所致。我们已督促投资方退还部分配套资金，并将地块重新招商。',
    facts: f({ forceMajeure: true, lossAmount: 1_200_000, remediation: 'partial' }),
    expected: 'no_accountability',
    opinion: '经核实项目决策程序完整，停建原因属客观因素，建议不予问责。',
  },
  {
    key: 'one-window-pilot',
    unit: 'approval-service',
    title: '“一网通办”改革试点系统上线初期数据错误',
    summary:
      '作为省级改革试点，新区率先上线企业开办“一网通办”系统，上线初期因接口规则缺乏先例出现部分数据错误，已在三日内更正，未造成损失。',
    matter: '“一网通办”系统数据错误导致部分企业登记信息有误',
    statement:
      '这是全省第一个试点，没有成熟经验可循。问题发现后我们立即组织修复，逐户联系受影响企业更正信息。',
    facts: f({
      purpose: 'reform_pilot',
      noPrecedent: true,
      onReformTaskList: true,
      remediation: 'effective',
    }),
    expected: 'exempted',
    opinion: '该事项列入新区改革任务清单，属先行先试，同意容错。',
  },
  {
    key: 'first-set-equipment',
    unit: 'econ-industry',
    title: '首台（套）装备应用试点项目验收延误',
    summary:
      '推进首台（套）重大技术装备应用试点，因缺乏验收标准，项目验收较计划延误四个月，企业补贴资金拨付相应推迟。',
    matter: '首台（套）试点项目验收延误、补贴拨付迟缓',
    statement:
      '国家和省里均无可参照的验收标准，我们组织专家制定了临时验收办法，期间与企业保持沟通，补贴已全额拨付。',
    facts: f({ purpose: 'reform_pilot', noPrecedent: true, remediation: 'not_needed' }),
    expected: 'exempted',
    opinion: '试点缺乏经验，延误原因客观，建议免责。',
  },
  {
    key: 'tolerance-acceptance',
    unit: 'approval-service',
    title: '“容缺受理”审批后企业未按期补齐材料',
    summary:
      '按照新区“容缺受理”改革方案，对重点项目先行审批、后补材料，个别企业未按承诺期限补齐材料，已责令整改并补齐。',
    matter: '容缺审批事项后续材料未按期补齐',
    statement:
      '容缺受理是新区改革任务清单事项，我们严格按方案执行，并建立了跟踪台账，企业现已全部补齐材料。',
    facts: f({ purpose: 'reform_pilot', onReformTaskList: true, proceduralDefect: true }),
    expected: 'exempted',
    opinion: '同意容错，建议完善容缺受理的信用约束机制。',
  },
  {
    key: 'rural-council',
    unit: 'social-rural',
    title: '乡村振兴项目经村民议事决定但未按规定报备',
    summary:
      '村级道路硬化项目经村民代表会议表决通过并公示，因经办人员不熟悉新规，未向街道报备即实施，工程质量经检测合格。',
    matter: '村级工程项目未按规定报备',
    statement:
      '项目按“四议两公开”程序由村民议定，资金使用公开透明。未报备是我们对新规学习不够，已补报并组织学习。',
    facts: f({ purpose: 'public_service', proceduralDefect: true, remediation: 'not_needed' }),
    expected: 'exempted',
    opinion: '程序瑕疵，未发现损失和违纪问题，建议免责并开展提醒谈话。',
  },
  {
    key: 'data-sharing',
    unit: 'data-gov',
    title: '公共数据授权运营探索中的数据共享争议',
    summary:
      '在公共数据授权运营探索中，向试点企业开放了部分脱敏交通数据，当时尚无明确规定，后被指出授权范围界定不清，已重新签订协议。',
    matter: '公共数据授权范围界定不清',
    statement:
      '开放前我们征求了法律顾问意见，数据均经脱敏处理。当时上级尚未出台授权运营办法，政策界限确实不明。',
    facts: f({ purpose: 'reform_pilot', policyBoundaryUnclear: true, noPrecedent: true }),
    expected: 'exempted',
    opinion: '属探索中尚无明确限制的情形，建议免责。',
  },
  {
    key: 'standard-land',
    unit: 'econ-industry',
    title: '“标准地”出让改革事前报备项目出现亏损',
    summary:
      '“标准地”出让改革方案事前向纪工委报备并获认可，按方案实施后首宗地块因企业经营困难未达产，已依约收回部分奖励资金。',
    matter: '“标准地”改革首宗地块未达产',
    statement:
      '改革方案事前报备并经联席会议认可，我们完全按报备方案实施，对未达产情况已启动违约处置。',
    facts: f({ purpose: 'reform_pilot', riskFiling: 'accepted', noPrecedent: true }),
    expected: 'exempted',
    opinion: '事前报备已获认可，按方案实施，同意容错。',
  },
  {
    key: 'objection',
    unit: 'finance-fund',
    title: '产业基金投资决策中本人明确提出保留意见',
    summary:
      '产业引导基金投资某医疗器械项目失败，基金投委会表决时，本人对估值依据书面提出保留意见并记录在案。',
    matter: '产业基金投资项目失败',
    statement: '我在投委会上对估值提出了书面保留意见，会议纪要有记载，附后。',
    facts: f({ objectionRecorded: true, lossAmount: 3_000_000, remediation: 'partial' }),
    expected: 'no_accountability',
    opinion: '会议纪要记载其保留意见属实，建议不予问责。',
  },
  {
    key: 'fund-large-loss',
    unit: 'finance-fund',
    title: '产业基金早期项目投资损失超过免责上限',
    summary:
      '按新区先行先试政策投资的早期科技项目破产清算，直接损失约一千二百万元，决策程序完整，已追回部分资金。',
    matter: '产业基金早期项目破产造成重大损失',
    statement:
      '投资严格按基金管理办法和投委会决策程序进行，属于国内尚无先例的早期投资探索，已全力配合清算追偿。',
    facts: f({ purpose: 'reform_pilot', noPrecedent: true, lossAmount: 12_000_000 }),
    expected: 'reduced',
    opinion: '符合容错条件，但损失超过免责上限，建议减轻问责。',
  },
  {
    key: 'subsidy-partial',
    unit: 'econ-invest',
    title: '企业纾困资金拨付程序瑕疵，已部分追回',
    summary:
      '疫后纾困资金拨付中，为加快进度简化了部分审核环节，导致两家不符合条件的企业获得补助，已追回大部分资金。',
    matter: '纾困资金审核把关不严',
    statement:
      '简化审核经局务会研究，初衷是让资金尽快惠及企业。发现问题后主动报告并追回资金，积极配合调查。',
    facts: f({ proceduralDefect: true, remediation: 'partial', lossAmount: 380_000 }),
    expected: 'reduced',
    opinion: '已部分挽回损失并积极配合，建议减轻问责。',
  },
  {
    key: 'promise-delay',
    unit: 'econ-invest',
    title: '招商政策兑现不及时引发企业投诉',
    summary:
      '对引进企业承诺的房租补贴未按期兑现，引发企业投诉，经查系经办环节拖延，现已全额兑现并向企业致歉。',
    matter: '招商政策兑现拖延引发投诉',
    statement: '补贴兑现延误是我们工作不细致造成的，已全额兑现，并建立了兑现时限台账。',
    facts: f({ purpose: 'routine_duty', prohibitedAtTheTime: true }),
    expected: 'lighter',
    opinion: '不属于容错情形，但已积极纠正，建议从轻处理。',
  },
  {
    key: 'relative-company',
    unit: 'build-works',
    title: '为亲属经营的企业违规提供工程项目便利',
    summary: '在工程分包中为其亲属实际控制的企业提供便利，并收受好处费，经查属实。',
    matter: '利用职务便利为亲属企业谋取利益',
    statement: '我申请容错，认为分包本身符合程序。',
    facts: f({ privateGain: true, knowinglyViolated: true }),
    expected: 'not_tolerated',
    opinion: '存在谋取私利情形，属负面清单，不予容错。',
  },
  {
    key: 'forged-minutes',
    unit: 'finance-procure',
    title: '事后补做会议纪要以掩盖个人决定',
    summary:
      '一项设备采购由个人决定后实施，为应付检查，事后补做集体研究会议纪要并代签参会人员姓名。',
    matter: '伪造集体决策会议纪要',
    statement: '当时情况紧急，会议确实口头讨论过，只是没有及时形成纪要。',
    facts: f({ fraudulentRecords: true, decisionProcess: 'individual' }),
    expected: 'not_tolerated',
    opinion: '存在补做、伪造记录情形，不予容错。',
  },
  {
    key: 'one-person-plan',
    unit: 'build-renewal',
    title: '个人拍板调整控制性详细规划指标',
    summary: '未经规划委员会审议，由个人决定提高某地块容积率指标，事后被审计发现。',
    matter: '个人决定调整规划指标',
    statement: '调整是为了项目尽快落地，没有个人利益。',
    facts: f({ decisionProcess: 'individual', proceduralDefect: true }),
    expected: 'not_tolerated',
    opinion: '属个人专断、绕开规定程序，不予容错。',
  },
  {
    key: 'debt-after-ban',
    unit: 'finance-procure',
    title: '上级明令禁止后仍以购买服务名义变相举债',
    summary:
      '在上级明令禁止后，仍以政府购买服务名义为基础设施项目变相融资，经督查指出后未立即停止。',
    matter: '违规变相举债',
    statement: '项目资金缺口大，当时认为购买服务方式可行。',
    facts: f({ prohibitedAtTheTime: true, actedAfterExplicitBan: true, knowinglyViolated: true }),
    expected: 'not_tolerated',
    opinion: '明令禁止后仍然实施，不予容错。',
  },
  {
    key: 'site-accident',
    unit: 'build-works',
    title: '工地安全监管缺位导致较大安全事故',
    summary: '某安置房项目脚手架坍塌造成人员伤亡，监管人员此前多次检查未发现重大隐患。',
    matter: '安置房项目安全事故监管责任',
    statement: '我们按计划开展了检查，事故系施工单位违规作业造成。',
    facts: f({ graveConsequence: 'major_safety_accident', purpose: 'routine_duty' }),
    expected: 'not_tolerated',
    opinion: '造成重大安全事故，属负面清单，不予容错。',
  },
  {
    key: 'repeat-delay',
    unit: 'approval',
    title: '同类审批超时问题再次发生',
    summary: '去年因审批超时已被提醒谈话，今年同类项目审批再次超出承诺时限。',
    matter: '审批超时问题重复发生',
    statement: '今年审批量大幅增加，人手不足。',
    facts: f({ repeatOfSameError: true, purpose: 'routine_duty', proceduralDefect: true }),
    expected: 'not_tolerated',
    opinion: '同类错误重复发生，不予容错，建议加强窗口力量配置。',
  },
  {
    key: 'sewage-emergency',
    unit: 'ecology',
    title: '突发水污染事件中临时征用场地处置污水',
    summary:
      '上游企业偷排导致河道污染，为防止污染扩散，现场指挥部决定临时征用闲置厂区建设应急处理池，事后报告并补偿。',
    matter: '应急处置中未经审批临时征用场地',
    statement: '污染团距离饮用水取水口只有十公里，必须当天处置。决定由现场指挥部作出并当日报告。',
    facts: f({
      purpose: 'emergency_response',
      decisionProcess: 'emergency_reported',
      proceduralDefect: true,
      remediation: 'not_needed',
    }),
    expected: 'exempted',
    opinion: '应急处置及时有效，同意免责。',
  },
  {
    key: 'grid-tender-split',
    unit: 'data-gov',
    title: '智慧城市项目分期招标以赶工期',
    summary:
      '为赶在运动会开幕前上线，经局党组研究，将智慧城市感知网项目分三期招标，被指出存在拆分之嫌，项目已按期上线并通过验收。',
    matter: '项目分期招标被指拆分规避公开招标',
    statement: '分期是按建设时序划分，经党组集体研究，每期均公开招标。',
    facts: f({ proceduralDefect: true, onReformTaskList: false, remediation: 'not_needed' }),
    expected: 'exempted',
    opinion: '集体决策、出于公心的程序瑕疵，建议免责。',
  },
];

/** Reasons intake gives when it refuses an application. */
export const REFUSAL_REASONS = [
  '申请事项系一般工作失误，未启动问责程序，不属于容错纠错受理范围，建议通过所在单位批评教育处理。',
  '申请材料不全：缺少单位党组织意见和相关决策记录，经书面通知后逾期未补正。',
  '申请事项已由上级纪检监察机关立案审查，依规不属于本级受理范围。',
];

/** Reasons an applicant gives for withdrawing. */
export const WITHDRAW_REASONS = [
  '所在单位已完成整改，问责程序终止，本人申请撤回。',
  '经与组织部门沟通，本人决定撤回申请，待补充材料后另行申请。',
];

/** Reasons for asking for review or appeal. */
export const CHALLENGE_GROUNDS = {
  review: '认定时未充分考虑我在集体决策中提出的书面意见和已挽回的损失，请求复核。',
  appeal: '本人认为认定结论与事实不符：项目停建系市场因素所致，并非决策失误，特向上级申诉。',
};

/**
 * The demo's identity card numbers (居民身份证号码): fictitious, with a valid GB 11643 check
 * character, under region code 330110. 张伟's ends in X, so that a search typed with a lower-case
 * x is seen to find him. Made from the official's index alone (not the demo's random stream).
 */
export const DEMO_ZHANG_WEI_ID_CARD = '33011019800315105X';

export function demoIdCard(index: number): string {
  const year = 1965 + (index % 30);
  const month = String((index % 12) + 1).padStart(2, '0');
  const day = String((index % 28) + 1).padStart(2, '0');
  const first17 = `330110${year}${month}${day}${String(200 + index).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}
