/**
 * The wording of the facts in a document (公文 style): each verified fact as a clause in the third
 * person ("其已勤勉尽责履行职责"), the exclusions found absent summed up in one sentence, the
 * official named once with their post (no unit name written twice). Pure.
 */
import type { FactValue, I18nText, Lang } from '../../policy/model.js';

/** A fact as established, with its value rendered in words (for facts without a phrase). */
export interface StatedFact {
  readonly id: string;
  readonly label: I18nText;
  readonly value: I18nText;
  readonly raw: FactValue | null;
}

type Phrases = Readonly<Record<string, I18nText>>;
const t = (zh: string, en: string): I18nText => ({ zh, en });

/** Third-person clauses by standard fact (domain.md §4) and value ('true', 'false' or the enum). */
const PHRASES: Readonly<Record<string, Phrases>> = {
  privateGain: {
    true: t('为自己、他人或本单位谋取了不正当利益', 'sought improper benefit'),
    false: t('未谋取私利', 'sought no private gain'),
  },
  knowinglyViolated: {
    true: t('明知违反规定仍然为之', 'broke the rules knowingly'),
    false: t('不属于明知故犯', 'did not break the rules knowingly'),
  },
  prohibitedAtTheTime: {
    true: t('该行为在实施时已被明令禁止', 'the conduct was explicitly prohibited at the time'),
    false: t('该行为在实施时未被明令禁止', 'the conduct was not explicitly prohibited at the time'),
  },
  proceduralDefect: {
    true: t('存在程序瑕疵', 'a required procedure was not fully followed'),
    false: t('履行了规定程序', 'the required procedures were followed'),
  },
  actedAfterExplicitBan: {
    true: t('在被明确要求停止后仍继续实施', 'carried on after being told to stop'),
    false: t('不存在明令禁止后仍继续实施的情形', 'did not carry on after an explicit ban'),
  },
  policyBoundaryUnclear: {
    true: t('当时尚无明确限制或政策界限不明确', 'no explicit restriction existed at the time'),
    false: t('当时政策界限明确', 'the policy boundary was clear at the time'),
  },
  noPrecedent: {
    true: t('所涉工作属先行先试、缺乏经验', 'the work was without precedent'),
    false: t('所涉工作有先例可循', 'the work had precedents'),
  },
  forceMajeure: {
    true: t('损失系不可抗力或难以预见的因素造成', 'the loss came from force majeure'),
    false: t('损失并非不可抗力所致', 'the loss did not come from force majeure'),
  },
  dutiesPerformed: {
    true: t('已勤勉尽责履行职责', 'performed their duties diligently'),
    false: t('未能勤勉尽责履行职责', 'did not perform their duties diligently'),
  },
  decisionProcess: {
    collective: t('有关事项经集体研究决策', 'the matter was decided collectively'),
    emergency_reported: t(
      '系紧急情况下临机决断并及时报告',
      'decided on the spot in an emergency and reported promptly',
    ),
    individual: t('系个人决定、未履行规定的决策程序', 'decided alone, bypassing procedure'),
    not_required: t('该事项依规无须集体决策', 'no collective decision was required'),
  },
  objectionRecorded: {
    true: t('在集体决策中明确提出了反对或保留意见', 'recorded an objection to the decision'),
    false: t('未在集体决策中提出反对意见', 'recorded no objection'),
  },
  remediation: {
    none: t('未采取补救措施', 'took no remedial action'),
    partial: t('已挽回部分损失', 'recovered part of the loss'),
    effective: t(
      '已及时补救，有效挽回损失、消除影响',
      'remedied the matter promptly and effectively',
    ),
    not_needed: t('未造成需要挽回的损失', 'caused no loss needing remedy'),
  },
  cooperated: {
    true: t('积极配合调查、主动承担责任', 'cooperated with the investigation'),
    false: t('未能积极配合调查', 'did not cooperate with the investigation'),
  },
  obstructed: {
    true: t('存在隐瞒事实、推卸责任或阻挠调查的情形', 'obstructed the investigation'),
    false: t('未阻挠调查', 'did not obstruct the investigation'),
  },
  ignoredRepeatedOrders: {
    true: t('对上级的督促整改拒不执行', 'ignored repeated orders'),
    false: t('不存在屡教不改的情形', 'did not ignore repeated orders'),
  },
  repeatOfSameError: {
    true: t('此前曾因同类失误受到处理', 'had made the same mistake before'),
    false: t('此前未因同类失误受到处理', 'had not made the same mistake before'),
  },
  fraudulentRecords: {
    true: t('存在伪造或补签记录、文件的情形', 'forged or back-filled records'),
    false: t('不存在伪造、补签记录的情形', 'kept genuine records'),
  },
  crimeSuspected: {
    true: t('涉嫌犯罪', 'is suspected of a crime'),
    false: t('不涉嫌犯罪', 'is not suspected of a crime'),
  },
  executedIllegalHigherDecision: {
    true: t('执行了上级明显违法的决定', 'carried out an obviously illegal higher decision'),
    false: t('不存在执行上级明显违法决定的情形', 'carried out no illegal higher decision'),
  },
  riskFiling: {
    accepted: t('该事项事前已报备并获认可', 'the initiative was filed in advance and accepted'),
    rejected: t('该事项事前报备未获认可', 'the advance filing was rejected'),
    none: t('该事项未事前报备', 'the initiative was not filed in advance'),
  },
  graveConsequence: {
    none: t('未造成严重后果', 'caused no grave consequence'),
  },
};

/** Exclusions (负面清单) and the value that means "not found", as a noun for the summary. */
const EXCLUSIONS: readonly { fact: string; absent: string; noun: I18nText }[] = [
  { fact: 'crimeSuspected', absent: 'false', noun: t('涉嫌犯罪', 'suspected crime') },
  { fact: 'knowinglyViolated', absent: 'false', noun: t('明知故犯', 'knowing violation') },
  {
    fact: 'actedAfterExplicitBan',
    absent: 'false',
    noun: t('明令禁止后依然我行我素', 'carrying on after a ban'),
  },
  { fact: 'privateGain', absent: 'false', noun: t('谋取私利', 'private gain') },
  { fact: 'fraudulentRecords', absent: 'false', noun: t('伪造、补签记录', 'forged records') },
  {
    fact: 'executedIllegalHigherDecision',
    absent: 'false',
    noun: t('执行上级明显违法的决定', 'carrying out an illegal higher decision'),
  },
  { fact: 'repeatOfSameError', absent: 'false', noun: t('重复发生同类失误', 'a repeated mistake') },
  { fact: 'graveConsequence', absent: 'none', noun: t('造成严重后果', 'grave consequences') },
];

/** One fact as a third-person clause, without final punctuation. */
export function factClause(f: StatedFact, lang: Lang): string {
  const phrase = PHRASES[f.id]?.[String(f.raw)];
  if (phrase) return phrase[lang];
  if (f.id === 'purpose') {
    return lang === 'zh' ? `所涉工作属于${f.value.zh}` : `the conduct served: ${f.value.en}`;
  }
  if (f.id === 'lossAmount' && typeof f.raw === 'number') {
    if (f.raw === 0) return lang === 'zh' ? '未造成直接经济损失' : 'caused no direct loss';
    return lang === 'zh' ? `造成直接经济损失${f.value.zh}` : `a direct loss of ${f.value.en}`;
  }
  if (f.id === 'graveConsequence') {
    return lang === 'zh' ? `造成了${f.value.zh}的后果` : `caused ${f.value.en}`;
  }
  if (typeof f.raw === 'boolean') {
    return lang === 'zh'
      ? `${f.raw ? '属于' : '不属于'}“${f.label.zh}”的情形`
      : `${f.label.en}: ${f.raw ? 'yes' : 'no'}`;
  }
  return lang === 'zh' ? `${f.label.zh}为${f.value.zh}` : `${f.label.en}: ${f.value.en}`;
}

/**
 * The exclusions the verified facts show absent, for one sentence ("未发现……等不予容错情形"),
 * leaving out those already stated among the deciding facts.
 */
export function absentExclusions(
  facts: readonly StatedFact[],
  stated: ReadonlySet<string>,
  lang: Lang,
): string[] {
  const byId = new Map(facts.map((f) => [f.id, f]));
  return EXCLUSIONS.filter(
    (e) => !stated.has(e.fact) && String(byId.get(e.fact)?.raw) === e.absent,
  ).map((e) => e.noun[lang]);
}

/** The official's post: the unit's name once, even when the post title repeats it. */
export function postOf(unit: string, position: string, lang: Lang): string {
  const u = unit.trim();
  const p = position.trim();
  if (!u) return p;
  if (!p) return u;
  if (p.startsWith(u) || (lang === 'en' && p.includes(u))) return p;
  return lang === 'zh' ? `${u}${p}` : `${p}, ${u}`;
}
