/**
 * Accountability matters (问责事项) and their linkage with tolerance (问责衔接), defined once for
 * the server and the web app (src/app/matters/, pages/case/MatterCard.tsx, pages/matters/): the
 * matter's circumstances under the accountability regulation (问责条例, 2019), each with the
 * article it comes from; the matter's status; the bodies a matter is referred to (移送). Pure data.
 *
 * A matter is `open` while the accountability investigation runs; `concluded` once the outcome of
 * its tolerance case has been fed back to it (a determination in force); `referred` once a
 * criminal referral (移送) is recorded: it then stays with the competent body, and tolerance never
 * concludes it. A matter whose case finds a crime suspected (crimeSuspected) stays `open` too.
 */
import type { I18nText } from '../policy/model.js';

export const MATTER_STATUSES = ['open', 'concluded', 'referred'] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];

export const MATTER_STATUS_LABEL: Readonly<Record<MatterStatus, I18nText>> = {
  open: { zh: '问责调查中', en: 'Open' },
  concluded: { zh: '已反馈容错结果', en: 'Concluded with the tolerance outcome' },
  referred: { zh: '已移送有权机关', en: 'Referred to the competent body' },
};

/** The articles of the accountability regulation a circumstance comes from, and their effect. */
export const MATTER_ARTICLES = ['art17', 'art18', 'art19'] as const;
export type MatterArticle = (typeof MATTER_ARTICLES)[number];

export const MATTER_ARTICLE_LABEL: Readonly<Record<MatterArticle, I18nText>> = {
  art17: {
    zh: '《问责条例》第十七条：不予问责或者免予问责',
    en: 'Accountability Regulation Art. 17: no accountability or exemption',
  },
  art18: {
    zh: '《问责条例》第十八条：从轻或者减轻问责',
    en: 'Accountability Regulation Art. 18: lighter or reduced accountability',
  },
  art19: {
    zh: '《问责条例》第十九条：从重或者加重问责',
    en: 'Accountability Regulation Art. 19: heavier accountability',
  },
};

/**
 * The circumstances, each a stable code (stored in accountability_matters.circumstances).
 * Art. 17 (1)–(3), Art. 18 (1)–(2), Art. 19 (1)–(2).
 */
export const MATTER_CIRCUMSTANCES = [
  'three_distinctions',
  'objection_recorded',
  'force_majeure',
  'remediation',
  'cooperation',
  'ignored_repeated_orders',
  'obstruction',
] as const;
export type MatterCircumstance = (typeof MATTER_CIRCUMSTANCES)[number];

export const CIRCUMSTANCE_ARTICLE: Readonly<Record<MatterCircumstance, MatterArticle>> = {
  three_distinctions: 'art17',
  objection_recorded: 'art17',
  force_majeure: 'art17',
  remediation: 'art18',
  cooperation: 'art18',
  ignored_repeated_orders: 'art19',
  obstruction: 'art19',
};

export const CIRCUMSTANCE_LABEL: Readonly<Record<MatterCircumstance, I18nText>> = {
  three_distinctions: {
    zh: '推进改革中因缺乏经验、先行先试出现的失误，尚无明确限制的探索性试验中的失误，为推动发展出现的无意过失（三个区分开来）',
    en: 'A mistake of inexperience in pioneering reform, in an exploratory trial not yet restricted, or an unintended error made to promote development (the three distinctions)',
  },
  objection_recorded: {
    zh: '在集体决策中对错误决策提出明确反对意见或者保留意见',
    en: 'Recorded an explicit objection or reservation to the wrong collective decision',
  },
  force_majeure: {
    zh: '在决策实施中已经履职尽责，但因不可抗力、难以预见等因素造成损失',
    en: 'Performed their duties in carrying out the decision, but force majeure or unforeseeable factors caused the loss',
  },
  remediation: {
    zh: '及时采取补救措施，有效挽回损失或者消除不良影响',
    en: 'Took prompt remedial measures, effectively recovering the losses or removing the harm',
  },
  cooperation: {
    zh: '积极配合问责调查工作，主动承担责任',
    en: 'Cooperated actively with the accountability investigation and took responsibility',
  },
  ignored_repeated_orders: {
    zh: '对党中央、上级党组织三令五申的指示要求，不执行或者执行不力',
    en: 'Did not carry out, or poorly carried out, instructions repeatedly given by the Party Centre or higher-level Party organizations',
  },
  obstruction: {
    zh: '在接受问责调查和处理中，不如实报告情况，敷衍塞责、推卸责任，或者阻扰问责工作',
    en: 'Did not report truthfully, shifted blame or obstructed the accountability investigation',
  },
};

/** The bodies a matter is referred to (移送): the supervisory commission, or the judiciary. */
export const REFERRAL_BODIES = ['supervisory_commission', 'judicial'] as const;
export type ReferralBody = (typeof REFERRAL_BODIES)[number];

export const REFERRAL_BODY_LABEL: Readonly<Record<ReferralBody, I18nText>> = {
  supervisory_commission: { zh: '监察机关', en: 'Supervisory commission' },
  judicial: { zh: '司法机关', en: 'Judicial organs' },
};

/** How the fed-back outcome came: the first determination, or one changed on review or appeal. */
export const FEEDBACK_BASES = ['first', 'review', 'appeal'] as const;
export type FeedbackBasis = (typeof FEEDBACK_BASES)[number];
