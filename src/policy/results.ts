/**
 * Result application (结果运用, domain.md §6): the matters of an official's career a determination
 * may leave unaffected, the kinds of correction it may ask for, and how a version's `results` are
 * folded over what it amends and what its parent pack says.
 */
import type {
  FollowUp,
  FollowUpInput,
  I18nText,
  Matter,
  ResultApplication,
  ResultApplicationInput,
} from './model.js';

const t = (zh: string, en: string): I18nText => Object.freeze({ zh, en });
const matter = (id: string, label: I18nText, description: I18nText): Matter =>
  Object.freeze({ id, label, description, origin: 'standard' });

/**
 * The matters measures name as unaffected by tolerance (2018 opinion, Part 4; e.g. the Shandong,
 * Jiangsu and Zhejiang measures): assessments of every kind, selection and rank, titles, awards,
 * candidacies and integrity vetting. A pack adds its own under `matters`.
 */
export const STANDARD_MATTERS: readonly Matter[] = Object.freeze([
  matter(
    'annualAssessment',
    t('年度考核', 'Annual assessment'),
    t('年度考核等次的确定。', 'The grade of the annual assessment.'),
  ),
  matter(
    'routineAssessment',
    t('平时考核', 'Routine assessment'),
    t('平时考核、专项考核的评价。', 'Routine and special assessments.'),
  ),
  matter(
    'termAssessment',
    t('任期考核', 'Term assessment'),
    t('领导班子和领导干部任期考核。', 'Assessment at the end of a term of office.'),
  ),
  matter(
    'probationAssessment',
    t('试用期考核', 'Probation assessment'),
    t('试用期满考核及转正。', 'Assessment at the end of probation, and confirmation.'),
  ),
  matter(
    'promotion',
    t('选拔任用', 'Selection and promotion'),
    t('提拔使用、交流任职等选拔任用。', 'Promotion to a post, transfer and other appointments.'),
  ),
  matter(
    'rankPromotion',
    t('职级晋升', 'Rank promotion'),
    t('公务员职级晋升。', "A civil servant's promotion in rank."),
  ),
  matter(
    'titles',
    t('职称评聘', 'Professional titles'),
    t('专业技术职称的评审和聘任。', 'Assessment for and appointment to professional titles.'),
  ),
  matter(
    'awards',
    t('评先评优', 'Awards and honours'),
    t('评先评优、表彰奖励。', 'Commendations, awards and honours.'),
  ),
  matter(
    'reserveCadre',
    t('后备干部和代表委员人选', 'Reserve cadre and deputy candidacy'),
    t(
      '作为后备干部人选，以及党代会代表、人大代表、政协委员人选的推荐。',
      'Eligibility as a reserve cadre, and nomination as a Party congress delegate, people’s congress deputy or CPPCC member.',
    ),
  ),
  matter(
    'integrityVetting',
    t('党风廉政意见回复', 'Integrity vetting'),
    t(
      '出具党风廉政意见时不作为不良记录。',
      'The matter is not a bad record when integrity opinions are given.',
    ),
  ),
]);

/** The kinds of correction a correction opinion may ask for (domain.md §7). */
export const CORRECTION_KINDS: Readonly<Record<string, I18nText>> = Object.freeze({
  rectify: t('整改落实', 'Rectify what went wrong'),
  recoverLosses: t('挽回损失、消除影响', 'Recover losses and undo the harm'),
  improveRules: t('完善制度机制', 'Improve the rules and procedures'),
  writtenReview: t('书面说明情况', 'Give a written account of the matter'),
  talk: t('接受谈心谈话或提醒谈话', 'Take part in a supportive or reminder talk'),
});

/**
 * Folds `over` into `base` outcome by outcome, field by field: what `over` writes for an outcome
 * replaces that field, the rest is kept; `impactPeriod: null` removes an inherited period.
 */
export function mergeResults(
  base: Readonly<Record<string, ResultApplicationInput>>,
  over: Readonly<Record<string, ResultApplicationInput>>,
): Record<string, ResultApplicationInput> {
  const out: Record<string, ResultApplicationInput> = { ...base };
  for (const [outcome, entry] of Object.entries(over)) {
    out[outcome] = { ...(base[outcome] ?? {}), ...entry };
  }
  return out;
}

/** The result application of one outcome as the case procedure reads it. */
export function applicationOf(input: ResultApplicationInput): ResultApplication {
  return Object.freeze({
    unaffected: Object.freeze([...(input.unaffected ?? [])]),
    ...(input.impactPeriod ? { impactPeriod: input.impactPeriod } : {}),
    ...(input.correction ? { correction: input.correction } : {}),
    basis: Object.freeze([...(input.basis ?? [])]),
    ...(input.note ? { note: input.note } : {}),
  });
}

/** Folds a `followUp:` block over what it inherits, field by field (`before` as a whole). */
export function mergeFollowUp(
  base: FollowUpInput | undefined,
  over: FollowUpInput | undefined,
): FollowUpInput | undefined {
  if (!over) return base;
  if (!base) return over;
  return Object.freeze({ ...base, ...over });
}

/**
 * The follow-up visits a policy asks for, as the visits read them; undefined where it asks for none
 * or the block lacks `before` or `sampleShare` (the linter says so).
 */
export function followUpOf(input: FollowUpInput | undefined): FollowUp | undefined {
  if (!input || input.before === undefined || input.sampleShare === undefined) return undefined;
  return Object.freeze({
    before: input.before,
    sampleShare: input.sampleShare,
    ...(input.basis ? { basis: input.basis } : {}),
    ...(input.note ? { note: input.note } : {}),
  });
}
