/**
 * The standard vocabulary of case facts (domain.md §4), built into every pack that does not opt out.
 * Packs may add their own facts; they may not redefine these.
 */
import type { EnumOption, FactDecl, I18nText } from './model.js';

const t = (zh: string, en: string): I18nText => Object.freeze({ zh, en });
const opt = (value: string, zh: string, en: string): EnumOption =>
  Object.freeze({ value, label: t(zh, en) });

function bool(id: string, label: I18nText, help: I18nText): FactDecl {
  return Object.freeze({ id, type: 'boolean', label, help, origin: 'standard' });
}

function enumeration(
  id: string,
  label: I18nText,
  help: I18nText,
  values: readonly EnumOption[],
): FactDecl {
  return Object.freeze({
    id,
    type: 'enum',
    label,
    help,
    values: Object.freeze([...values]),
    origin: 'standard',
  });
}

export const STANDARD_FACTS: readonly FactDecl[] = Object.freeze([
  enumeration(
    'purpose',
    t('行为目的', 'Purpose of the conduct'),
    t(
      '该行为服务于什么工作：改革试点、发展任务（落实决策部署、重点项目、招商引资）、应急处置、公共服务或日常履职。',
      'What the conduct served: a reform pilot, a development task (carrying out decisions, key projects, investment), an emergency response, a public service or routine duty.',
    ),
    [
      opt('reform_pilot', '改革试点、先行先试', 'Reform pilot'),
      opt('development_task', '推动发展任务', 'Development task'),
      opt('emergency_response', '应急处置', 'Emergency response'),
      opt('public_service', '公共服务', 'Public service'),
      opt('routine_duty', '日常履职', 'Routine duty'),
    ],
  ),
  bool(
    'privateGain',
    t('谋取私利', 'Private gain'),
    t(
      '是否为自己、他人或本单位谋取或获得不正当利益。',
      'Whether improper benefit was sought or obtained for self, others or the unit.',
    ),
  ),
  bool(
    'knowinglyViolated',
    t('明知故犯', 'Knowing violation'),
    t(
      '是否明知违反法律法规或党纪仍然为之（不同于出于公心的程序性疏漏）。',
      'Whether law or Party discipline was broken knowingly — not a good-faith procedural shortcut.',
    ),
  ),
  bool(
    'prohibitedAtTheTime',
    t('行为时已被明令禁止', 'Explicitly prohibited at the time'),
    t(
      '行为发生时，法律、党内法规或上级是否已明确禁止该行为本身。',
      'Whether law, Party rules or a higher-level order explicitly forbade the conduct itself when it was done.',
    ),
  ),
  bool(
    'proceduralDefect',
    t('存在程序瑕疵', 'Procedural defect'),
    t(
      '是否有规定程序被省略、拆分、压缩或颠倒（如备案、招标、审批、验收）。',
      'Whether a required procedure was skipped, split, shortened or done out of order (filing, tendering, approval, acceptance).',
    ),
  ),
  bool(
    'actedAfterExplicitBan',
    t('明令禁止后依然我行我素', 'Carried on after an explicit ban'),
    t(
      '在被明确要求停止后是否仍继续实施。',
      'Whether the conduct continued after an explicit order to stop.',
    ),
  ),
  bool(
    'policyBoundaryUnclear',
    t('政策界限不明确', 'Policy boundary unclear'),
    t(
      '当时是否尚无明确限制，或政策界限不清晰。',
      'Whether no explicit restriction existed at the time, or the boundary was unclear.',
    ),
  ),
  bool(
    'noPrecedent',
    t('无先例可循', 'No precedent'),
    t(
      '是否属于首创性、试点性工作，缺乏经验可循。',
      'Whether the work was first-of-its-kind or a pilot, lacking experience.',
    ),
  ),
  bool(
    'forceMajeure',
    t('不可抗力或难以预见因素', 'Force majeure or unforeseeable factors'),
    t(
      '损失是否由不可抗力或难以预见的因素造成。',
      'Whether force majeure or unforeseeable factors caused the loss.',
    ),
  ),
  bool(
    'dutiesPerformed',
    t('已履职尽责', 'Duties performed diligently'),
    t('是否已勤勉尽责地履行职责。', 'Whether duties were performed diligently.'),
  ),
  enumeration(
    'decisionProcess',
    t('决策方式', 'How the decision was taken'),
    t(
      '集体决策（履行民主或规定程序）、紧急情况下临机决断并及时报告、个人专断（绕开规定程序），或无需决策程序。',
      'Collective (democratic or required procedure), an on-the-spot emergency decision reported promptly, an individual decision bypassing procedure, or no decision procedure required.',
    ),
    [
      opt('collective', '集体决策', 'Collective decision'),
      opt('emergency_reported', '临机决断并及时报告', 'Emergency decision, reported promptly'),
      opt('individual', '个人专断', 'One-person decision bypassing procedure'),
      opt('not_required', '无需决策程序', 'No decision procedure required'),
    ],
  ),
  bool(
    'objectionRecorded',
    t('集体决策中明确提出反对或保留意见', 'Objection recorded in the collective decision'),
    t(
      '是否在集体决策中明确提出了反对意见或保留意见，并有记录。',
      'Whether an objection or reservation was recorded in the collective decision.',
    ),
  ),
  enumeration(
    'remediation',
    t('挽回损失情况', 'Remediation'),
    t(
      '是否主动采取补救措施：未补救、部分挽回、有效挽回损失或消除影响，或无损失需要补救。',
      'Whether losses were remedied: none, partly, effectively (losses recovered, harm removed), or there was nothing to remedy.',
    ),
    [
      opt('none', '未采取补救措施', 'None'),
      opt('partial', '部分挽回', 'Partial'),
      opt('effective', '有效挽回损失、消除影响', 'Effective'),
      opt('not_needed', '无损失需要补救', 'Not needed'),
    ],
  ),
  bool(
    'cooperated',
    t('积极配合调查、主动承担责任', 'Cooperated and took responsibility'),
    t(
      '是否积极配合调查并主动承担责任。',
      'Whether the official cooperated with the investigation and took responsibility.',
    ),
  ),
  bool(
    'obstructed',
    t('对抗、阻挠调查', 'Obstructed the investigation'),
    t(
      '是否隐瞒事实、推卸责任或阻挠调查。',
      'Whether facts were hidden, blame shifted or the investigation obstructed.',
    ),
  ),
  bool(
    'ignoredRepeatedOrders',
    t('屡教不改、三令五申仍不执行', 'Ignored repeated orders'),
    t('是否无视多次明确的指令。', 'Whether repeated explicit orders were ignored.'),
  ),
  bool(
    'repeatOfSameError',
    t('同类错误重复发生', 'Repeat of the same error'),
    t('同类失误是否曾经被处理过（累犯）。', 'Whether the same kind of mistake was handled before.'),
  ),
  bool(
    'fraudulentRecords',
    t('伪造或补签记录', 'Forged or back-filled records'),
    t(
      '是否伪造、补做会议记录、签字或其他材料。',
      'Whether minutes, signatures or documents were forged or back-filled.',
    ),
  ),
  enumeration(
    'graveConsequence',
    t('严重后果', 'Grave consequence'),
    t(
      '是否造成重大安全事故、严重环境破坏、重大群体性事件或恶劣社会影响。',
      'Whether a major safety accident, severe environmental damage, a major mass incident or a severe public impact resulted.',
    ),
    [
      opt('none', '无', 'None'),
      opt('major_safety_accident', '重大安全事故', 'Major safety accident'),
      opt('severe_environmental_damage', '严重环境破坏', 'Severe environmental damage'),
      opt('major_mass_incident', '重大群体性事件', 'Major mass incident'),
      opt('severe_public_impact', '造成恶劣影响', 'Severe public impact'),
    ],
  ),
  bool(
    'crimeSuspected',
    t('涉嫌犯罪', 'Crime suspected'),
    t('该行为是否涉嫌犯罪。', 'Whether the conduct is suspected to be a crime.'),
  ),
  bool(
    'executedIllegalHigherDecision',
    t('执行上级明显违法的决定', 'Carried out an obviously illegal higher-level decision'),
    t(
      '是否执行了上级明显违法的决定或命令。',
      'Whether a higher-level decision or order that was obviously illegal was carried out.',
    ),
  ),
  enumeration(
    'riskFiling',
    t('事前风险报备', 'Ex-ante risk filing'),
    t(
      '该事项事前是否报备：未报备、报备已被认可（涵盖本次行为）、报备未被认可。',
      'Whether the initiative was filed in advance: not filed, filed and accepted (covering this conduct), or filed and rejected.',
    ),
    [
      opt('none', '未报备', 'Not filed'),
      opt('accepted', '报备已认可', 'Filed and accepted'),
      opt('rejected', '报备未认可', 'Filed and rejected'),
    ],
  ),
  enumeration(
    'responsibility',
    t('在共同事项中的责任', 'Responsibility in a joint matter'),
    t(
      '多名干部共同失误的，本人在该事项中所负的责任：直接责任，主要领导责任或重要领导责任（《中国共产党问责条例》第六条、《中国共产党纪律处分条例》第三十九条）；相关规定未作区分的，为领导责任。',
      "Where several officials erred together, this official's responsibility in the matter: direct, principal leadership or important leadership (Party Accountability Regulations Art. 6, Disciplinary Regulations Art. 39); leadership where the measure does not distinguish.",
    ),
    [
      opt('direct', '直接责任', 'Direct responsibility'),
      opt('principal_leadership', '主要领导责任', 'Principal leadership responsibility'),
      opt('important_leadership', '重要领导责任', 'Important leadership responsibility'),
      opt('leadership', '领导责任', 'Leadership responsibility'),
    ],
  ),
  Object.freeze({
    id: 'lossAmount',
    type: 'number',
    label: t('直接经济损失', 'Direct economic loss'),
    help: t('直接经济损失金额，单位元；没有损失填 0。', 'Direct economic loss in yuan; 0 if none.'),
    unit: t('元', 'yuan'),
    min: 0,
    origin: 'standard',
  } satisfies FactDecl),
]);

export const STANDARD_FACT_IDS: ReadonlySet<string> = new Set(STANDARD_FACTS.map((f) => f.id));
