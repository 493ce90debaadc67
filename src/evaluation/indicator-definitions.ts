/**
 * The indicators from case records (issue 12; domain.md §9): what each one counts, its formula as
 * shown on screen and the factor of seed 000's model it informs. Pure data; the SQL that computes
 * them is src/app/evaluation/indicators.ts.
 *
 * Every indicator is read per jurisdiction and for a period [from, to] of China days, each event
 * counted on the day it happened: an application on the day it was submitted, a determination on
 * the day it was made, and so on. A value is null when its denominator is 0.
 */
import type { Seed000FactorId, Text } from './model.js';

export const INDICATOR_IDS = [
  'applicationsPerThousandCadres',
  'exOfficioChecksPerMatter',
  'medianWorkingDaysToDecision',
  'toleranceRate',
  'reversalRate',
  'departureRate',
  'correctionCompletion',
  'correctionEffectiveness',
  'visitCoverage',
  'riskFilingsPerThousandCadres',
  'publicityShare',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/**
 * How the value follows from the counts: `perThousand` numerator × 1000 / denominator; `ratio`
 * numerator / denominator (may exceed 1); `share` the same, a proportion from 0 to 1; `median` the
 * median of the denominator's cases (there is no numerator).
 */
export type IndicatorKind = 'perThousand' | 'ratio' | 'share' | 'median';

export interface IndicatorDefinition {
  readonly id: IndicatorId;
  readonly name: Text;
  readonly definition: Text;
  /** The formula as shown on screen. */
  readonly formula: Text;
  readonly kind: IndicatorKind;
  /** The factor of seed 000's model the indicator informs (src/evaluation/model.ts). */
  readonly factor: Seed000FactorId;
  readonly numerator: Text | null;
  readonly denominator: Text;
}

/** Outcomes that tolerate the mistake (exempted) or mitigate accountability (reduced, lighter). */
export const TOLERATED_OUTCOMES: readonly string[] = ['exempted', 'reduced', 'lighter'];

/**
 * The denominator of the per-thousand indicators: the officials the jurisdiction manages
 * (officials.managing_jurisdiction_id) on the register now. The product keeps no headcount of
 * cadres per jurisdiction and no day an official joined or left (officials.created_at is the day
 * the record was entered, usually a bulk import), so every period is divided by the register as it
 * stands: an honest count of the cadres the product knows, not an establishment figure.
 */
const CADRES: Text = {
  zh: '在册干部数（本辖区管理、当前在系统中登记的干部人数）',
  en: 'cadres on the register (officials the jurisdiction manages, as registered in the system now)',
};

const FIRST_DETERMINATIONS: Text = {
  zh: '期内作出的初次认定数（不含复核、申诉变更后作出的认定）',
  en: 'first determinations made in the period (not those made on review or appeal)',
};

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'applicationsPerThousandCadres',
    name: { zh: '每千名干部容错申请数', en: 'Applications per thousand cadres' },
    definition: {
      zh: '统计期内干部本人或所在单位提出的容错申请件数（按提交日计），与在册干部数之比，以每千人计。反映干部对容错机制的现实需求。在册干部数取系统中登记的本辖区管理干部人数；系统未记录编制人数及干部到任、离任日期，各统计期均以当前登记人数计。',
      en: 'Applications for tolerance submitted in the period (counted on the day submitted), per thousand cadres on the register: the realistic demand for the mechanism. The register is the officials the jurisdiction manages as recorded in the system; it keeps no establishment headcount and no days officials joined or left, so every period is divided by the register as it stands now.',
    },
    formula: {
      zh: '容错申请数 ÷ 在册干部数 × 1000',
      en: 'applications ÷ cadres on the register × 1000',
    },
    kind: 'perThousand',
    factor: 'realisticDemand',
    numerator: {
      zh: '期内提交的容错申请数（申请途径立案）',
      en: 'applications submitted in the period (cases opened on the application route)',
    },
    denominator: CADRES,
  },
  {
    id: 'exOfficioChecksPerMatter',
    name: {
      zh: '每件问责事项依职权启动容错审查数',
      en: 'Ex-officio tolerance checks per accountability matter',
    },
    definition: {
      zh: '统计期内依职权启动的容错审查件数（按立案日计），与期内启动的问责事项数（按问责调查启动日计）之比。反映问责与容错的衔接：问责中是否同步审查容错情形。',
      en: 'Tolerance checks opened ex officio in the period (counted on the day opened), per accountability matter opened in the period (counted on the day its investigation opened): how far accountability and tolerance are linked, whether tolerance is examined whenever accountability is pursued.',
    },
    formula: {
      zh: '依职权启动的容错审查数 ÷ 问责事项数',
      en: 'ex-officio tolerance checks ÷ accountability matters',
    },
    kind: 'ratio',
    factor: 'toleranceAccountability',
    numerator: {
      zh: '期内依职权启动的容错审查数',
      en: 'tolerance checks opened ex officio in the period',
    },
    denominator: { zh: '期内启动的问责事项数', en: 'accountability matters opened in the period' },
  },
  {
    id: 'medianWorkingDaysToDecision',
    name: { zh: '受理至认定用时中位数（工作日）', en: 'Median working days to decision' },
    definition: {
      zh: '统计期内作出的初次认定，自受理之日至作出认定之日所经过的工作日数（按所在辖区的工作日历，不含受理当日）的中位数。中止期间未予扣除。反映程序衔接与协同的效率。',
      en: 'For the first determinations made in the period, the median number of working days from acceptance to decision (on the jurisdiction’s working-day calendar, the day of acceptance not counted). Suspensions are not deducted. How well the procedure’s steps are coordinated.',
    },
    formula: {
      zh: '中位数（认定日 − 受理日，按工作日计）',
      en: 'median(day decided − day accepted, in working days)',
    },
    kind: 'median',
    factor: 'policyCoordination',
    numerator: null,
    denominator: {
      zh: '期内作出、已记录受理日期的初次认定数',
      en: 'first determinations made in the period whose case has a day of acceptance',
    },
  },
  {
    id: 'toleranceRate',
    name: { zh: '容错率', en: 'Tolerance rate' },
    definition: {
      zh: '统计期内作出的初次认定中，认定免予问责（容错免责）、减轻问责或从轻问责的比例。反映容错适用范围的实际宽窄。',
      en: 'The share of first determinations made in the period that exempt (tolerate) or reduce or lighten accountability: how wide the scope of tolerance is in practice.',
    },
    formula: {
      zh: '（免予问责 + 减轻问责 + 从轻问责）÷ 初次认定数',
      en: '(exempted + reduced + lighter) ÷ first determinations',
    },
    kind: 'share',
    factor: 'policyScope',
    numerator: {
      zh: '其中认定免予、减轻或从轻问责的数量',
      en: 'of those, determinations that exempt, reduce or lighten accountability',
    },
    denominator: FIRST_DETERMINATIONS,
  },
  {
    id: 'reversalRate',
    name: { zh: '复核申诉改变率', en: 'Reversal rate on review and appeal' },
    definition: {
      zh: '统计期内作出决定的复核、申诉中，变更原认定结论的比例（按决定日计）。反映认定标准在客观与主观之间的把握是否稳定。',
      en: 'The share of reviews and appeals decided in the period (counted on the day decided) that changed the determination: how steady the criteria are between the objective and the subjective.',
    },
    formula: {
      zh: '变更原认定的复核、申诉数 ÷ 作出决定的复核、申诉数',
      en: 'reviews and appeals that changed the determination ÷ reviews and appeals decided',
    },
    kind: 'share',
    factor: 'scopeCriteria',
    numerator: {
      zh: '其中变更原认定的数量',
      en: 'of those, decisions that changed the determination',
    },
    denominator: {
      zh: '期内作出决定的复核、申诉数（维持或变更）',
      en: 'reviews and appeals decided in the period (upheld or changed)',
    },
  },
  {
    id: 'departureRate',
    name: { zh: '未采纳系统建议比例', en: 'Departures from the recommendation' },
    definition: {
      zh: '统计期内作出的初次认定中，认定结论与系统依据实施办法给出的建议结论不一致（含系统未能给出建议）的比例。反映政策内容是否清晰可操作。',
      en: 'The share of first determinations made in the period whose outcome differs from the outcome the engine recommended under the measure (including where it could not recommend one): how clear and workable the policy’s content is.',
    },
    formula: {
      zh: '结论与建议不一致的认定数 ÷ 初次认定数',
      en: 'determinations departing from the recommendation ÷ first determinations',
    },
    kind: 'share',
    factor: 'policyContent',
    numerator: {
      zh: '其中结论与系统建议不一致的数量',
      en: 'of those, determinations whose outcome differs from the recommendation',
    },
    denominator: FIRST_DETERMINATIONS,
  },
  {
    id: 'correctionCompletion',
    name: { zh: '纠错措施完成率', en: 'Correction completion' },
    definition: {
      zh: '整改期限在统计期内届满的纠错措施中，截至统计期末经核实整改到位的比例。整改期限以现行期限为准（核实未到位退回重新整改的，以新期限计）。',
      en: 'Of the correction actions whose time limit falls in the period, the share confirmed as done by the end of the period. The time limit is the one now set (an action returned as not done counts by its new limit).',
    },
    formula: {
      zh: '核实到位的措施数 ÷ 期内到期的措施数',
      en: 'actions confirmed ÷ actions due in the period',
    },
    kind: 'share',
    factor: 'policyEffect',
    numerator: {
      zh: '其中截至期末核实到位的数量',
      en: 'of those, actions confirmed by the end of the period',
    },
    denominator: { zh: '期内到期的纠错措施数', en: 'correction actions due in the period' },
  },
  {
    id: 'correctionEffectiveness',
    name: { zh: '整改成效评估有效率', en: 'Correction effectiveness' },
    definition: {
      zh: '最近一次成效评估在统计期内进行的纠错事项中，评估认定整改有效、问题未再发生的比例。系统只保留每项纠错最近一次评估的日期，此前评估为成效不明显的不再单独计入。',
      en: 'Of the corrections whose latest effectiveness review was made in the period, the share found effective (the problem has not returned). The system keeps the day of each correction’s latest review only, so an earlier review that found it not effective is not counted separately.',
    },
    formula: {
      zh: '评估有效的纠错数 ÷ 期内评估的纠错数',
      en: 'corrections found effective ÷ corrections reviewed in the period',
    },
    kind: 'share',
    factor: 'policyEffect',
    numerator: { zh: '其中评估有效的数量', en: 'of those, corrections found effective' },
    denominator: {
      zh: '最近一次成效评估在期内的纠错数',
      en: 'corrections whose latest effectiveness review was in the period',
    },
  },
  {
    id: 'visitCoverage',
    name: { zh: '回访完成率', en: 'Follow-up visit coverage' },
    definition: {
      zh: '统计期内抽取的回访对象中，截至统计期末已完成回访的比例。反映容错纠错后的跟踪关怀是否落到基层实处。',
      en: 'Of the officials drawn for a follow-up visit in the period, the share visited by the end of the period: whether the care after a determination reaches the officials concerned.',
    },
    formula: {
      zh: '已回访人数 ÷ 期内抽取的回访人数',
      en: 'visits made ÷ officials drawn for a visit in the period',
    },
    kind: 'share',
    factor: 'effectVsNeeds',
    numerator: {
      zh: '其中截至期末已完成回访的数量',
      en: 'of those, visited by the end of the period',
    },
    denominator: { zh: '期内抽取的回访人数', en: 'officials drawn for a visit in the period' },
  },
  {
    id: 'riskFilingsPerThousandCadres',
    name: { zh: '每千名干部事前风险报备数', en: 'Risk filings per thousand cadres' },
    definition: {
      zh: '统计期内各单位提交的事前风险报备件数（按报备日计），与在册干部数之比，以每千人计。反映干部敢于担当、主动报备的氛围。在册干部数口径同“每千名干部容错申请数”。',
      en: 'Ex-ante risk filings made by units in the period (counted on the day filed), per thousand cadres on the register (as for applications per thousand cadres): the atmosphere in which cadres take on risky work and file it beforehand.',
    },
    formula: {
      zh: '事前风险报备数 ÷ 在册干部数 × 1000',
      en: 'risk filings ÷ cadres on the register × 1000',
    },
    kind: 'perThousand',
    factor: 'atmosphere',
    numerator: { zh: '期内事前风险报备数', en: 'risk filings made in the period' },
    denominator: CADRES,
  },
  {
    id: 'publicityShare',
    name: { zh: '认定结果公示比例', en: 'Determinations publicized' },
    definition: {
      zh: '统计期内作出的初次认定中，截至统计期末已印发公示通知的比例。本系统尚无典型案例发布功能，故以认定结果公示代替“发布典型案例”指标，二者并不相同：公示是对个案认定的公开，不是经筛选的典型案例。',
      en: 'Of the first determinations made in the period, the share whose publicity notice had been issued by the end of the period. The system does not publish typical cases yet, so this stands in for “published typical cases”; they are not the same thing: a publicity notice makes one determination public, it is not a selected typical case.',
    },
    formula: {
      zh: '已印发公示通知的认定数 ÷ 初次认定数',
      en: 'determinations with a publicity notice ÷ first determinations',
    },
    kind: 'share',
    factor: 'atmosphere',
    numerator: {
      zh: '其中截至期末已印发公示通知的数量',
      en: 'of those, determinations whose publicity notice was issued by the end of the period',
    },
    denominator: FIRST_DETERMINATIONS,
  },
];
