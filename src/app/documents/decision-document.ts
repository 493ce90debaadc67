/**
 * The written decision (认定书) sent to the official: issuing body, title, document number,
 * addressee, the body (facts, the rules and clauses relied on, the six-element assessment, the
 * decision and any departure from the recommendation, the consequences for assessment and
 * promotion when tolerated, the review and appeal rights with their time limits), signature and
 * date. `renderDecisionDocument` is pure: structured data plus a plain-text rendering, in zh or en.
 * `loadDecisionDocument` gathers the input for an actor who may read the case.
 */
import { inTitleMarks } from '../../policy/title-marks.js';
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { CaseRoute, SixElement } from '../../domain/case-states.js';
import { SIX_ELEMENTS, SIX_ELEMENT_LABEL } from '../../domain/case-states.js';
import { isParty } from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import type { Tx } from '../../store/index.js';
import type { Evaluation } from '../../policy/engine.js';
import { renderValue } from '../../policy/facts.js';
import type {
  FactDecl,
  FactValue,
  I18nText,
  Lang,
  Procedure,
  TimeLimit,
} from '../../policy/model.js';
import { RESPONSIBILITY_FACT } from '../../shared/joint.js';
import { UNDETERMINED } from '../../policy/model.js';
import { CLEARING_OUTCOMES } from '../../shared/clearings.js';
import { RATING_LABEL, type Rating } from '../cases/assess.js';
import {
  documentDate,
  withText,
  zhDocumentDate,
  type DocumentSection,
  type OfficialDocument,
} from './document.js';
import { absentExclusions, factClause, postOf, type StatedFact } from './wording.js';
import { factDeclsOf } from '../cases/record-fact.js';
import { casePolicy, determinationInForce, loadCase, type LoadedCase } from '../cases/record.js';
import { resultApplication, type EffectivePolicy } from '../../policy/resolve.js';
import { CORRECTION_KINDS, STANDARD_MATTERS } from '../../policy/results.js';
import { authorizeCase } from '../cases/transition.js';
import { resultsOf } from '../cases/vote.js';
import { bandOf, departsFrom } from '../cases/band.js';
import type { AppContext } from '../context.js';
import { chinaDate } from '../context.js';
import { AppError } from '../errors.js';
import {
  caseAssessments,
  caseFacts,
  consultations,
  jurisdictions,
  officials,
  readLog,
  units,
  type Schema,
  jointMatters,
} from '../tables.js';

export interface DecisionDocumentInput {
  readonly issuer: {
    /** The jurisdiction whose committee decided. */
    readonly jurisdiction: I18nText;
    /** The jurisdiction above it, where an appeal goes. */
    readonly parentJurisdiction?: I18nText;
    /** The determination was made on review or appeal: it is not reviewed again. */
    readonly reviewed?: boolean;
  };
  readonly case: {
    readonly number: string;
    readonly title: string;
    readonly summary: string;
    readonly route: CaseRoute;
    readonly conductDate: string;
    readonly submittedOn: string;
    readonly consulted: boolean;
  };
  readonly official: {
    readonly name: string;
    readonly position: I18nText;
    readonly unit: I18nText;
  };
  readonly decision: {
    readonly documentNumber: string;
    readonly outcome: string;
    readonly outcomeLabel: I18nText;
    readonly outcomeDescription?: I18nText;
    /** For a result off the ladder that refers the matter (参照办理 / 移送): the body it goes to. */
    readonly referredTo?: I18nText;
    readonly recommendedOutcome: string;
    readonly recommendedLabel: I18nText;
    /** The recommended band's labels, most favourable first (one where the rules name one). */
    readonly bandLabels: readonly I18nText[];
    readonly recommendation: Evaluation;
    readonly departureReasons: string;
    readonly decidedOn: string;
    /** Facts the rules still needed, when the recommendation was undetermined. */
    readonly missingFacts: readonly I18nText[];
  };
  /** The facts established when the decision was made, in words and as recorded. */
  readonly facts: readonly StatedFact[];
  readonly assessments: readonly {
    readonly element: SixElement;
    readonly rating: Rating;
    readonly notes: string;
  }[];
  readonly procedure: Pick<Procedure, 'review' | 'appeal' | 'followUp'>;
  /** How the pack applies the outcome (结果运用), in words; undefined when it says nothing. */
  readonly application?: WordedApplication;
  /** The joint matter (多人一案) the case is one official's part of, and their role in it. */
  readonly joint?: { readonly title: string; readonly responsibility: I18nText | null };
}

/** A result application (src/policy/results.ts) with its matters and correction kinds in words. */
export interface WordedApplication {
  readonly unaffected: readonly I18nText[];
  readonly impactPeriodMonths?: number;
  readonly correction?: { readonly kinds: readonly I18nText[]; readonly within?: TimeLimit };
}

export type { DocumentSection };
/** The determination (认定书) is an official document like the others. */
export type DecisionDocument = OfficialDocument;

/** Outcomes that tolerate the mistake fully, and those that mitigate accountability. */
const FULLY_TOLERATED = new Set(CLEARING_OUTCOMES);
const MITIGATED = new Set(['reduced', 'lighter']);

/** Matters or correction kinds as a list in a sentence: 年度考核、选拔任用 / annual assessment, … */
function listed(items: readonly I18nText[], lang: Lang): string {
  if (lang === 'zh') return items.map((x) => x.zh).join('、');
  const words = items.map((x) => x.en.charAt(0).toLowerCase() + x.en.slice(1));
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * The consequences section: what stays unaffected, the impact period, and the correction asked
 * for, as the pack's result application says.
 */
function consequences(input: DecisionDocumentInput, lang: Lang): string[] {
  const zh = lang === 'zh';
  const { decision } = input;
  const app = input.application ?? withoutResults(input);
  const unaffected = app?.unaffected ?? [];
  const months = app?.impactPeriodMonths;
  const paragraphs: string[] = [];
  if (months !== undefined) {
    paragraphs.push(
      zh
        ? `对你${decision.outcomeLabel.zh}的处理，影响期为${months}个月，自本决定作出之日起计算${unaffected.length > 0 ? `；影响期内，你的${listed(unaffected, lang)}不受影响` : ''}；影响期满后按规定正常使用。`
        : `The ${decision.outcomeLabel.en.toLowerCase()} has an impact period of ${months} months from the date of this decision${unaffected.length > 0 ? `, during which your ${listed(unaffected, lang)} are unaffected` : ''}; after it you are used normally.`,
    );
  } else if (unaffected.length > 0) {
    paragraphs.push(
      zh
        ? `本认定结果不影响你的${listed(unaffected, lang)}。`
        : `This decision does not affect your ${listed(unaffected, lang)}.`,
    );
  } else {
    paragraphs.push(
      zh
        ? `对你${decision.outcomeLabel.zh}的处理，影响期按所受问责方式的有关规定执行；影响期满后按规定正常使用。`
        : `The ${decision.outcomeLabel.en.toLowerCase()} has the impact period the form of accountability imposed carries; after it you are used normally.`,
    );
  }
  paragraphs.push(correctionParagraph(input, lang));
  return paragraphs;
}

/**
 * For a pack that says nothing of result application: a full tolerance leaves the standard
 * matters unaffected; a mitigated outcome takes the impact period `procedure.followUp` gives.
 */
function withoutResults(input: DecisionDocumentInput): WordedApplication {
  const months = input.procedure.followUp.impactPeriodMonths;
  return FULLY_TOLERATED.has(input.decision.outcome)
    ? { unaffected: STANDARD_MATTERS.map((m) => m.label) }
    : { unaffected: [], ...(months !== undefined ? { impactPeriodMonths: months } : {}) };
}

/** 容错不免纠错: the correction the outcome asks for, and the follow-up. */
function correctionParagraph(input: DecisionDocumentInput, lang: Lang): string {
  const zh = lang === 'zh';
  const c = input.application?.correction;
  const followUp = input.procedure.followUp.enabled;
  const what =
    c && c.kinds.length > 0
      ? listed(c.kinds, lang)
      : zh
        ? '及时纠正整改'
        : 'promptly correct the problems the mistake revealed';
  const within = c?.within
    ? zh
      ? `，自本决定作出之日起${c.within.days}个${c.within.unit === 'working' ? '工作日' : '日'}内完成`
      : `, within ${c.within.days} ${c.within.unit === 'working' ? 'working days' : 'days'} of this decision`
    : '';
  return zh
    ? `容错不免纠错。你和所在单位应当${what}${within}；本机构将另行提出纠错意见${followUp ? '，并开展回访' : ''}。`
    : `Tolerance does not replace correction: you and your unit must ${what}${within}; this committee will give a correction opinion${followUp ? ' and follow up' : ''}.`;
}

const ZH_DIGIT = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals: 一, 十, 十一, 二十一. */
export function zhNumber(n: number): string {
  if (n < 10) return ZH_DIGIT[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : ZH_DIGIT[tens]!}十${ones === 0 ? '' : ZH_DIGIT[ones]!}`;
}

export { zhDocumentDate };
const dateIn = documentDate;

function duration(t: TimeLimit, lang: Lang): string {
  if (lang === 'zh') return t.unit === 'working' ? `${t.days}个工作日` : `${t.days}日`;
  return `${t.days} ${t.unit === 'working' ? 'working ' : ''}day${t.days === 1 ? '' : 's'}`;
}

const item = (i: number, lang: Lang) => (lang === 'zh' ? `（${zhNumber(i + 1)}）` : `(${i + 1}) `);
const heading = (i: number, zh: string, en: string, lang: Lang) =>
  lang === 'zh' ? `${zhNumber(i)}、${zh}` : `${i}. ${en}`;
const endSentence = (s: string, lang: Lang) =>
  /[。！？.!?]$/.test(s.trim()) ? s.trim() : s.trim() + (lang === 'zh' ? '。' : '.');

export function renderDecisionDocument(input: DecisionDocumentInput, lang: Lang): DecisionDocument {
  const zh = lang === 'zh';
  const { official, decision } = input;
  const c = input.case;
  const rec = decision.recommendation;
  const issuingBody = zh
    ? `${input.issuer.jurisdiction.zh}容错纠错认定机构`
    : `Tolerance and Correction Committee of ${input.issuer.jurisdiction.en}`;
  const title = zh
    ? `关于${official.name}同志容错${c.route === 'application' ? '申请' : '情形'}的认定决定`
    : `Decision on ${c.route === 'application' ? 'the tolerance application of' : 'tolerance for'} Comrade ${official.name}`;
  const addressee = zh ? `${official.name}同志` : `Comrade ${official.name}`;
  const steps = zh
    ? `核实${c.consulted ? '、会商' : ''}和集体研究`
    : `verification${c.consulted ? ', consultation' : ''} and collective deliberation`;
  const opening = zh
    ? c.route === 'application'
      ? `${dateIn(c.submittedOn, lang)}提出的关于你在“${c.title}”事项中的容错申请（受理编号：${c.number}）收悉。本机构依据${inTitleMarks(rec.packTitle.zh)}等规定，经受理、${steps}，现将认定决定告知如下。`
      : c.route === 'ex_officio'
        ? `在对你有关问责事项的调查中，本机构依职权对“${c.title}”（案件编号：${c.number}）是否适用容错进行了审查。本机构依据${inTitleMarks(rec.packTitle.zh)}等规定，经${steps}，现将认定决定告知如下。`
        : `本机构对经事前报备的“${c.title}”（案件编号：${c.number}）是否适用容错进行了审查。本机构依据${inTitleMarks(rec.packTitle.zh)}等规定，经${steps}，现将认定决定告知如下。`
    : c.route === 'application'
      ? `The application for tolerance made on ${dateIn(c.submittedOn, lang)} concerning your conduct in '${c.title}' (case ${c.number}) has been received. Under ${rec.packTitle.en} and related rules, after acceptance, ${steps}, this committee gives its decision as follows.`
      : c.route === 'ex_officio'
        ? `In the course of the accountability investigation concerning you, this committee examined of its own motion whether tolerance applies to '${c.title}' (case ${c.number}). Under ${rec.packTitle.en} and related rules, after ${steps}, it gives its decision as follows.`
        : `This committee examined whether tolerance applies to '${c.title}' (case ${c.number}), filed in advance as a risk. Under ${rec.packTitle.en} and related rules, after ${steps}, it gives its decision as follows.`;

  const sections: DocumentSection[] = [{ heading: '', paragraphs: [opening] }];
  let n = 0;

  // 一、基本事实: in the third person, from the verified facts that decided the matter.
  sections.push({
    heading: heading(++n, '基本事实', 'Facts', lang),
    paragraphs: factParagraphs(input, lang),
  });

  // 二、认定依据: the rules that applied, each with its clauses, and the version applied.
  const cited = new Set<string>();
  const basis = rec.reasons.map((r, i) => {
    const refs = r.clauses.map((cl) => cl.citation[lang]).join(zh ? '、' : '; ');
    // Each clause's substance is given once, where it is first cited.
    const gists: string[] = [];
    for (const cl of r.clauses) {
      if (cited.has(cl.id)) continue;
      cited.add(cl.id);
      gists.push(endSentence(cl.text[lang], lang));
    }
    const parts = [
      endSentence(r.title[lang], lang),
      endSentence(
        zh ? `依据：${refs || '本办法有关规定'}` : `Basis: ${refs || 'the applicable measure'}`,
        lang,
      ),
      ...(gists.length ? [(zh ? '规定要旨：' : 'In substance: ') + gists.join(zh ? '' : ' ')] : []),
    ];
    return item(i, lang) + parts.join(zh ? '' : ' ');
  });
  sections.push({
    heading: heading(++n, '认定依据', 'Rules and clauses relied on', lang),
    paragraphs: [
      ...(basis.length
        ? basis
        : [zh ? '本事项依照本办法有关规定认定。' : 'The matter is decided under the measure.']),
      versionSentence(rec, lang),
    ],
  });

  // 三、六要素综合分析
  const byElement = new Map(input.assessments.map((a) => [a.element, a]));
  const elements = SIX_ELEMENTS.filter((e) => byElement.has(e)).map((e, i) => {
    const a = byElement.get(e)!;
    const notes = a.notes.trim() ? (zh ? '' : ' ') + endSentence(a.notes, lang) : '';
    return `${item(i, lang)}${SIX_ELEMENT_LABEL[e][lang]}${zh ? '：' : ': '}${endSentence(RATING_LABEL[a.rating][lang], lang)}${notes}`;
  });
  sections.push({
    heading: heading(++n, '六要素综合分析', 'Assessment of the six elements', lang),
    paragraphs: elements.length
      ? elements
      : [zh ? '未作六要素评估。' : 'The six elements were not assessed.'],
  });

  // 四、认定结论: the recommendation is what the body considered; the decision is the body's.
  const departs = departsFrom(decision.recommendation, decision.outcome);
  const conclusion = [
    considered(decision, lang),
    zh
      ? `经本机构于${dateIn(decision.decidedOn, lang)}集体研究，认定：${decision.outcomeLabel.zh}。${decision.outcomeDescription ? decision.outcomeDescription.zh : ''}`
      : `Having deliberated collectively on ${dateIn(decision.decidedOn, lang)}, this committee decides: ${decision.outcomeLabel.en}.${decision.outcomeDescription ? ' ' + decision.outcomeDescription.en : ''}`,
  ];
  if (departs) {
    conclusion.push(
      zh
        ? `本机构未采纳初步评估意见，理由如下：${endSentence(decision.departureReasons, lang)}`
        : `This committee did not follow the preliminary assessment, for these reasons: ${endSentence(decision.departureReasons, lang)}`,
    );
  }
  if (decision.referredTo) {
    conclusion.push(
      zh
        ? `本事项连同认定材料移送${decision.referredTo.zh}，由其依照有关规定办理。`
        : `The matter and its record go to ${decision.referredTo.en}, which deals with it under its own rules.`,
    );
  }
  sections.push({ heading: heading(++n, '认定结论', 'Decision', lang), paragraphs: conclusion });

  // 五、结果运用 (when tolerated or mitigated, domain.md §6; the pack's results)
  if (FULLY_TOLERATED.has(decision.outcome) || MITIGATED.has(decision.outcome)) {
    sections.push({
      heading: heading(++n, '结果运用', 'Consequences', lang),
      paragraphs: consequences(input, lang),
    });
  }

  // 六、复核和申诉
  const review = input.procedure.review.applyWithin;
  const appeal = input.procedure.appeal.applyWithin;
  const upper = input.issuer.parentJurisdiction;
  const appealBody = zh
    ? upper
      ? `${upper.zh}容错纠错认定机构`
      : '上一级认定机构'
    : upper
      ? `the Tolerance and Correction Committee of ${upper.en}`
      : 'the committee at the next level up';
  const rights: string[] = [];
  // A determination made on review or appeal is not reviewed again: an appeal is the route.
  if (review && !input.issuer.reviewed) {
    rights.push(
      zh
        ? `可以自收到本决定之日起${duration(review, lang)}内向本机构申请复核`
        : `apply to this committee for a review within ${duration(review, lang)} of receiving this decision`,
    );
  }
  if (appeal) {
    rights.push(
      zh
        ? `可以自收到本决定之日起${duration(appeal, lang)}内向${appealBody}提出申诉`
        : `appeal to ${appealBody} within ${duration(appeal, lang)} of receiving it`,
    );
  }
  const reviewed = input.issuer.reviewed === true;
  const pending = zh
    ? reviewed
      ? '提出申诉期间'
      : '申请复核或者提出申诉期间'
    : reviewed
      ? 'an appeal'
      : 'a review or appeal';
  const remedy = rights.length
    ? zh
      ? `如对本决定不服，${rights.join('；也')}。${pending}，不停止本决定的执行。`
      : `If you disagree with this decision, you may ${rights.join(', or ')}. The decision stays in force while ${pending} is pending.`
    : zh
      ? '如对本决定不服，可以依照有关规定申请复核或者提出申诉。申请复核或者提出申诉期间，不停止本决定的执行。'
      : 'If you disagree with this decision, you may seek a review or appeal under the applicable rules. The decision stays in force meanwhile.';
  sections.push({
    heading: reviewed
      ? heading(n + 1, '申诉', 'Appeal', lang)
      : heading(n + 1, '复核和申诉', 'Review and appeal', lang),
    paragraphs: [remedy],
  });

  const notice = rec.notice ? rec.notice[lang] : undefined;
  return withText({
    type: 'determination',
    lang,
    issuingBody,
    title,
    documentNumber: decision.documentNumber,
    addressee,
    sections,
    signature: issuingBody,
    date: dateIn(decision.decidedOn, lang),
    closing: {
      cc: [official.unit[lang]].filter((u) => u.trim() !== ''),
      printer: issuingBody,
      printedOn: dateIn(decision.decidedOn, lang),
    },
    ...(notice ? { notice } : {}),
  });
}

/** The opening of the facts, then each deciding fact as a clause, then the exclusions absent. */
function factParagraphs(input: DecisionDocumentInput, lang: Lang): string[] {
  const zh = lang === 'zh';
  const { official } = input;
  const c = input.case;
  const post = postOf(official.unit[lang], official.position[lang], lang);
  const who = zh
    ? `${official.name}同志${post ? `（时任${post}）` : ''}`
    : `${official.name}${post ? ` (then ${post})` : ''}`;
  const deciding = new Set(
    input.decision.recommendation.reasons.flatMap((r) => r.facts.map((f) => f.fact)),
  );
  const stated = input.facts.filter(
    (f) => f.raw !== null && (deciding.size === 0 || deciding.has(f.id)),
  );
  const clauses = stated.map((f) => factClause(f, lang));
  const opening = zh
    ? `经核实，${who}于${dateIn(c.conductDate, lang)}在“${c.title}”事项中`
    : `Verification established that in the matter '${c.title}' on ${dateIn(c.conductDate, lang)}, ${who}`;
  const paragraphs = [
    clauses.length === 0
      ? zh
        ? `${opening}的有关情况已经核实，尚无经核实认定的事实。`
        : `${opening}: no facts have been established.`
      : zh
        ? `${opening}，${clauses.join('；')}。`
        : `${opening}: ${clauses.join('; ')}.`,
  ];
  if (input.joint) paragraphs.push(jointSentence(input.joint, official.name, lang));
  const absent = absentExclusions(input.facts, new Set(stated.map((f) => f.id)), lang);
  if (absent.length) {
    paragraphs.push(
      zh
        ? `经核实，未发现${absent.join('、')}等不予容错情形。`
        : `No exclusion was found (${absent.join(', ')}).`,
    );
  }
  return paragraphs;
}

/** The joint matter and the official's role in it (多人一案: each is decided on their own case). */
function jointSentence(
  joint: NonNullable<DecisionDocumentInput['joint']>,
  name: string,
  lang: Lang,
): string {
  const role = joint.responsibility;
  if (lang === 'zh') {
    const part = role ? `，${name}同志在该事项中负有${role.zh}` : '';
    return `“${joint.title}”涉及多名干部${part}；对涉及的干部分别认定，本认定书仅对${name}同志作出。`;
  }
  const part = role
    ? `; ${name} bears ${role.en.charAt(0).toLowerCase()}${role.en.slice(1)} in it`
    : '';
  return `The matter is part of the joint matter '${joint.title}', which concerns several officials${part}. Each official is decided separately; this decision concerns ${name} alone.`;
}

/** Which version of the measure was applied, in words (no version ids). */
function versionSentence(rec: Evaluation, lang: Lang): string {
  const zh = lang === 'zh';
  if (rec.time.moreLenientLaterVersion) {
    return zh
      ? `决定时施行的${inTitleMarks(rec.packTitle.zh)}对当事人更为有利，依照从旧兼从轻原则予以适用。`
      : `The version of ${rec.packTitle.en} in force at the decision is more favourable to the official and applies (the more lenient rule).`;
  }
  return zh
    ? `本事项适用行为发生时施行的${inTitleMarks(rec.packTitle.zh)}。`
    : `The version of ${rec.packTitle.en} in force at the time of the conduct applies.`;
}

/** The body a result off the ladder refers the matter to, where the pack names one. */
function referredToOf(
  ctx: AppContext,
  row: Parameters<typeof casePolicy>[1],
  outcome: string,
): I18nText | undefined {
  const policy = casePolicy(ctx, row);
  const rank = policy.rank.get(outcome);
  return rank === undefined ? undefined : policy.referredTo[rank];
}

/** The preliminary assessment under the rules, as what the body considered. */
function considered(decision: DecisionDocumentInput['decision'], lang: Lang): string {
  const zh = lang === 'zh';
  if (decision.recommendedOutcome === UNDETERMINED) {
    const missing = decision.missingFacts.map((f) => f[lang]);
    return zh
      ? `本机构审议了依据上述规定形成的初步评估意见。根据已核实的事实，初步评估未能得出确定意见${missing.length ? `（尚待核实：${missing.join('、')}）` : ''}。`
      : `This committee considered the preliminary assessment under these provisions; on the facts established it gave no definite view${missing.length ? ` (facts still to be established: ${missing.join(', ')})` : ''}.`;
  }
  const note = decision.recommendation.decidedBy?.note?.[lang];
  const band = decision.bandLabels.length > 1 ? decision.bandLabels : [decision.recommendedLabel];
  const opinion = zh
    ? band.length > 1
      ? `可以在${band.map((l) => l.zh).join('、')}范围内认定`
      : band[0]!.zh
    : band.length > 1
      ? `a decision within ${band.map((l) => `'${l.en}'`).join(', ')}`
      : `'${band[0]!.en}'`;
  return zh
    ? `本机构审议了依据上述规定形成的初步评估意见（${opinion}）${note ? `，${note.replace(/。$/, '')}` : ''}，并结合六要素综合分析。`
    : `This committee considered the preliminary assessment under these provisions (${opinion})${note ? ` (${note.replace(/\.$/, '')})` : ''} together with the six elements.`;
}

/**
 * The input of the decision document of a case: for anyone who may read the case, except that the
 * official learns the decision only once it is delivered. The access is logged.
 */
export async function loadDecisionDocumentInput(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<DecisionDocumentInput> {
  return ctx.store.tx(async (tx) => {
    const loaded = await loadCase(ctx, tx, caseId);
    authorizeCase(actor, 'read', loaded.subject);
    const row = loaded.row;
    const d = await determinationInForce(tx, row.id);
    if (!d || (row.state === 'determined' && isParty(actor, loaded.subject))) {
      throw new AppError(
        'CASE_PRECONDITION',
        { caseId },
        d
          ? {
              zh: '认定决定尚未送达，送达后即可查看。',
              en: 'The decision has not been delivered yet; it can be read once delivered.',
            }
          : { zh: '本案尚未作出认定决定。', en: 'No decision has been made on this case yet.' },
      );
    }
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: row.id,
      jurisdictionId: row.jurisdictionId,
      what: 'decision.document',
      at: ctx.now(),
    });
    return documentInputOf(ctx, tx, loaded, {
      documentNumber: d.documentNumber,
      outcome: d.outcome,
      recommendation: d.recommendation as Evaluation,
      departureReasons: d.departureReasons,
      decidedOn: d.decidedOn,
      factsAsOf: d.createdAt,
      basis: d.basis,
    });
  });
}

/**
 * The body that issues the document and the level above it: the case's jurisdiction, or for a
 * determination made on appeal the level above, which decided it.
 */
async function issuingLevels(
  tx: Tx<Schema>,
  j: { readonly nameZh: string; readonly nameEn: string; readonly parentId: string | null },
  basis: string | undefined,
) {
  const up = async (id: string | null) =>
    id ? (await tx.select().from(jurisdictions).where(eq(jurisdictions.id, id)))[0] : undefined;
  const parent = await up(j.parentId);
  if (basis === 'appeal' && parent) return { issuer: parent, parent: await up(parent.parentId) };
  return { issuer: j, parent };
}

/** The decision a document states: a determination, or one the committee is considering. */
export interface DocumentDecision {
  readonly documentNumber: string;
  readonly outcome: string;
  readonly recommendation: Evaluation;
  readonly departureReasons: string;
  readonly decidedOn: string;
  /** The facts as they stood at this instant (the decision); undefined: as they stand now. */
  readonly factsAsOf: Date | undefined;
  /**
   * How the determination was made: 'first', or changed on 'review' or 'appeal'. One made on appeal
   * is issued by the level above; one made on review or appeal is not reviewed again.
   */
  readonly basis?: string;
}

/**
 * The issuing body (the case's jurisdiction, under its parent) and the official (name, post,
 * unit) as every document of the case names them: the decision document and the notices alike.
 */
export async function issuerAndOfficialOf(
  tx: Tx<Schema>,
  loaded: LoadedCase,
  /** How the determination the document states was made (DocumentDecision.basis). */
  basis?: string,
): Promise<Pick<DecisionDocumentInput, 'issuer' | 'official'>> {
  const [o] = await tx
    .select({ official: officials, unit: units })
    .from(officials)
    .innerJoin(units, eq(units.id, officials.unitId))
    .where(eq(officials.id, loaded.row.officialId));
  const { issuer, parent } = await issuingLevels(tx, loaded.jurisdiction, basis);
  const name = (j: { nameZh: string; nameEn: string }) => ({ zh: j.nameZh, en: j.nameEn });
  return {
    issuer: {
      jurisdiction: name(issuer),
      ...(parent ? { parentJurisdiction: name(parent) } : {}),
      ...(basis && basis !== 'first' ? { reviewed: true } : {}),
    },
    official: {
      name: o?.official.name ?? '',
      position: { zh: o?.official.positionZh ?? '', en: o?.official.positionEn ?? '' },
      unit: { zh: o?.unit.nameZh ?? '', en: o?.unit.nameEn ?? '' },
    },
  };
}

/**
 * Everything the document says besides the decision itself, gathered for `decision`: the issuing
 * body, the case, the official, the facts in the pack's order (those it does not declare after
 * them), the six-element assessment, the procedure for review and appeal. The real document and the
 * deliberation page's preview both come from here. Reads only; the caller logs the read.
 */
export async function documentInputOf(
  ctx: AppContext,
  tx: Tx<Schema>,
  loaded: LoadedCase,
  decision: DocumentDecision,
): Promise<DecisionDocumentInput> {
  const row = loaded.row;
  const { issuer, official } = await issuerAndOfficialOf(tx, loaded, decision.basis);
  const asOf = decision.factsAsOf;
  const factRows = await tx
    .select()
    .from(caseFacts)
    .where(
      asOf
        ? and(
            eq(caseFacts.caseId, row.id),
            lte(caseFacts.recordedAt, asOf),
            or(isNull(caseFacts.supersededAt), gt(caseFacts.supersededAt, asOf)),
          )
        : and(eq(caseFacts.caseId, row.id), isNull(caseFacts.supersededAt)),
    )
    .orderBy(caseFacts.recordedAt);
  const values = new Map<string, FactValue | null>();
  for (const f of factRows) values.set(f.fact, (f.value ?? null) as FactValue | null);
  const decls = factDeclsOf(ctx, row);
  const ordered = [
    ...[...decls.keys()].filter((id) => values.has(id)),
    ...[...values.keys()].filter((id) => !decls.has(id)),
  ];
  const facts = ordered
    .filter((id) => values.get(id) !== null)
    .map((id) => {
      const decl = decls.get(id);
      const v = values.get(id);
      return {
        id,
        label: decl?.label ?? { zh: id, en: id },
        value: { zh: renderValue(decl, v, 'zh'), en: renderValue(decl, v, 'en') },
        raw: v ?? null,
      };
    });
  const assessments = await tx
    .select()
    .from(caseAssessments)
    .where(eq(caseAssessments.caseId, row.id));
  const [consulted] = await tx
    .select({ id: consultations.id })
    .from(consultations)
    .where(eq(consultations.caseId, row.id))
    .limit(1);
  const ladder = resultsOf(ctx, row);
  const outcomeOf = (id: string) => ladder.find((x) => x.id === id);
  const recommendation = decision.recommendation;
  const outcome = outcomeOf(decision.outcome);
  const referredTo = referredToOf(ctx, row, decision.outcome);
  return {
    issuer,
    case: {
      number: row.number,
      title: row.title,
      summary: row.summary,
      route: row.route as CaseRoute,
      conductDate: row.conductDate,
      submittedOn: chinaDate(row.createdAt),
      consulted: consulted !== undefined,
    },
    official,
    decision: {
      documentNumber: decision.documentNumber,
      outcome: decision.outcome,
      outcomeLabel: outcome?.label ?? { zh: decision.outcome, en: decision.outcome },
      ...(outcome?.description ? { outcomeDescription: outcome.description } : {}),
      ...(referredTo ? { referredTo } : {}),
      recommendedOutcome: recommendation.outcome,
      recommendedLabel: outcomeOf(recommendation.outcome)?.label ?? recommendation.label,
      bandLabels: bandOf(recommendation).map((id) => outcomeOf(id)?.label ?? { zh: id, en: id }),
      recommendation,
      departureReasons: decision.departureReasons,
      decidedOn: decision.decidedOn,
      missingFacts: recommendation.missingFacts.map(
        (id) => decls.get(id)?.label ?? { zh: id, en: id },
      ),
    },
    facts,
    assessments: SIX_ELEMENTS.flatMap((e) => {
      const a = assessments.find((x) => x.element === e);
      return a ? [{ element: e, rating: a.rating as Rating, notes: a.notes }] : [];
    }),
    procedure: {
      review: loaded.procedure.review,
      appeal: loaded.procedure.appeal,
      followUp: loaded.procedure.followUp,
    },
    ...wordedApplication(casePolicy(ctx, row).eff, decision.outcome),
    ...(await jointOf(tx, row.jointMatterId, decls.get(RESPONSIBILITY_FACT), values)),
  };
}

/** The joint matter's title and the official's role in it, in words; nothing for most cases. */
async function jointOf(
  tx: Tx<Schema>,
  jointMatterId: string | null,
  decl: FactDecl | undefined,
  values: ReadonlyMap<string, FactValue | null>,
): Promise<{ joint?: DecisionDocumentInput['joint'] }> {
  if (jointMatterId === null) return {};
  const [matter] = await tx
    .select({ title: jointMatters.title })
    .from(jointMatters)
    .where(eq(jointMatters.id, jointMatterId));
  if (!matter) return {};
  const role = values.get(RESPONSIBILITY_FACT) ?? null;
  const responsibility =
    role === null ? null : { zh: renderValue(decl, role, 'zh'), en: renderValue(decl, role, 'en') };
  return { joint: { title: matter.title, responsibility } };
}

/** The pack's result application of an outcome, in words, for the document. */
function wordedApplication(
  eff: EffectivePolicy,
  outcome: string,
): { application?: WordedApplication } {
  const app = resultApplication(eff, outcome);
  if (!app) return {};
  return {
    application: {
      unaffected: app.unaffected.map((m) => eff.matters.get(m)?.label ?? { zh: m, en: m }),
      ...(app.impactPeriod ? { impactPeriodMonths: app.impactPeriod.months } : {}),
      ...(app.correction
        ? {
            correction: {
              kinds: app.correction.kinds.map((k) => CORRECTION_KINDS[k] ?? { zh: k, en: k }),
              ...(app.correction.within ? { within: app.correction.within } : {}),
            },
          }
        : {}),
    },
  };
}

/** The decision document of a case in one language, for an actor who may read it. */
export async function loadDecisionDocument(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  lang: Lang = 'zh',
): Promise<DecisionDocument> {
  return renderDecisionDocument(await loadDecisionDocumentInput(ctx, actor, caseId), lang);
}
