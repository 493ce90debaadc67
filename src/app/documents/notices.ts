/**
 * The other documents of a case (domain.md §12), rendered from the case: the acceptance notice
 * (受理通知书), the refusal notice with its reasons (不予受理通知书), the review and appeal decisions
 * (复核决定书 / 申诉处理决定书), the publicity notice (公示公告) and the delivery receipt (送达回证).
 * Pure: structured data plus text, in zh or en; the determination (认定书) is in
 * decision-document.ts.
 */
import { inTitleMarks } from '../../policy/title-marks.js';
import type { I18nText, Lang, TimeLimit } from '../../policy/model.js';
import type { ClearingFinding, ClearingManner } from '../../shared/clearings.js';
import type { DocumentType } from '../../shared/documents.js';
import { documentDate, withText, type OfficialDocument } from './document.js';
import { postOf } from './wording.js';

export interface NoticeInput {
  readonly issuer: {
    readonly jurisdiction: I18nText;
    readonly parentJurisdiction?: I18nText;
  };
  /** The measure that governs the case. */
  readonly packTitle: I18nText;
  readonly case: {
    readonly number: string;
    readonly title: string;
    readonly submittedOn: string;
  };
  readonly official: {
    readonly name: string;
    readonly position: I18nText;
    readonly unit: I18nText;
  };
  /** The number given on issue ('' in a preview) and the date of issue. */
  readonly number: string;
  readonly issuedOn: string;
  readonly limits: {
    readonly verification?: TimeLimit;
    readonly appeal?: TimeLimit;
    readonly publicity?: TimeLimit;
  };
  readonly refusalReasons?: string;
  /** The determination the document concerns (publicity, delivery, review, appeal). */
  readonly determination?: {
    readonly number: string;
    readonly outcomeLabel: I18nText;
    readonly decidedOn: string;
    readonly notifiedOn: string | null;
  };
  /** The correction opinion (纠错意见书): what went wrong, what to correct, the actions. */
  readonly correction?: {
    readonly problem: string;
    readonly requirement: string;
    readonly actions: readonly {
      readonly task: string;
      readonly owner: string;
      readonly dueOn: string;
      readonly evidenceRequired: string;
    }[];
  };
  /** The name clearing (澄清正名通报): what was alleged and found, how and how widely cleared. */
  readonly clearing?: {
    readonly finding: ClearingFinding;
    readonly alleged: string;
    readonly found: string;
    readonly manner: ClearingManner;
    readonly scope: string;
  };
  readonly challenge?: {
    readonly kind: 'review' | 'appeal';
    readonly filedOn: string;
    readonly result: 'upheld' | 'changed';
    readonly reasons: string;
    /** The determination that results when the decision changed it. */
    readonly changedTo?: { readonly number: string; readonly outcomeLabel: I18nText };
  };
}

const t = (zh: string, en: string): I18nText => ({ zh, en });

function body(j: I18nText, lang: Lang): string {
  return lang === 'zh'
    ? `${j.zh}容错纠错认定机构`
    : `Tolerance and Correction Committee of ${j.en}`;
}

function limit(l: TimeLimit | undefined, lang: Lang): string | undefined {
  if (!l) return undefined;
  if (lang === 'zh') return l.unit === 'working' ? `${l.days}个工作日` : `${l.days}日`;
  return `${l.days} ${l.unit === 'working' ? 'working ' : ''}day${l.days === 1 ? '' : 's'}`;
}

const end = (s: string, lang: Lang) =>
  /[。！？.!?]$/.test(s.trim()) ? s.trim() : s.trim() + (lang === 'zh' ? '。' : '.');

interface Draft {
  readonly title: I18nText;
  readonly addressee: boolean;
  readonly paragraphs: readonly I18nText[];
  /** The issuing body: the case's jurisdiction, or the one above (an appeal). */
  readonly above?: boolean;
}

const DRAFTS: Record<Exclude<DocumentType, 'determination'>, (i: NoticeInput) => Draft> = {
  acceptance: (i) => ({
    title: t('容错申请受理通知书', 'Notice of acceptance of a tolerance application'),
    addressee: true,
    paragraphs: [
      t(
        `你于${documentDate(i.case.submittedOn, 'zh')}提出的关于“${i.case.title}”事项的容错申请，经审查，符合受理条件，本机构决定予以受理，受理编号为${i.case.number}。`,
        `Your application for tolerance of ${documentDate(i.case.submittedOn, 'en')} concerning '${i.case.title}' meets the conditions and is accepted as case ${i.case.number}.`,
      ),
      t(
        `本机构将依照${inTitleMarks(i.packTitle.zh)}规定的程序进行核实${i.limits.verification ? `，核实工作一般在${limit(i.limits.verification, 'zh')}内完成` : ''}。核实期间，你可以陈述和申辩，并提交有关证据材料。`,
        `This committee will verify the matter under ${i.packTitle.en}${i.limits.verification ? `, normally within ${limit(i.limits.verification, 'en')}` : ''}. Meanwhile you may state your case and submit evidence.`,
      ),
      t('特此通知。', 'This is to notify you.'),
    ],
  }),
  refusal: (i) => ({
    title: t('容错申请不予受理通知书', 'Notice of refusal of a tolerance application'),
    addressee: true,
    paragraphs: [
      t(
        `你于${documentDate(i.case.submittedOn, 'zh')}提出的关于“${i.case.title}”事项的容错申请（受理编号：${i.case.number}），经审查，本机构决定不予受理。`,
        `Your application for tolerance of ${documentDate(i.case.submittedOn, 'en')} concerning '${i.case.title}' (case ${i.case.number}) is not accepted.`,
      ),
      t(
        `理由如下：${end(i.refusalReasons ?? '', 'zh')}`,
        `The reasons are: ${end(i.refusalReasons ?? '', 'en')}`,
      ),
      t(
        '如对本决定有异议，可以在补充有关材料后重新提出申请，或者依照有关规定向本机构反映。',
        'If you disagree, you may apply again with further material, or raise the matter with this committee under the applicable rules.',
      ),
      t('特此通知。', 'This is to notify you.'),
    ],
  }),
  correction: correctionDraft,
  clearing: clearingDraft,
  review_decision: (i) => challengeDraft(i, 'review'),
  appeal_decision: (i) => challengeDraft(i, 'appeal'),
  publicity: (i) => {
    const post = t(
      postOf(i.official.unit.zh, i.official.position.zh, 'zh'),
      postOf(i.official.unit.en, i.official.position.en, 'en'),
    );
    const d = i.determination;
    const period = limit(i.limits.publicity, 'zh');
    const periodEn = limit(i.limits.publicity, 'en');
    return {
      title: t(
        `关于${i.official.name}同志容错认定结果的公示`,
        `Publicity of the tolerance determination concerning Comrade ${i.official.name}`,
      ),
      addressee: false,
      paragraphs: [
        t(
          `根据${inTitleMarks(i.packTitle.zh)}有关规定，现将${i.official.name}同志容错认定结果予以公示。`,
          `Under ${i.packTitle.en}, the tolerance determination concerning Comrade ${i.official.name} is made public.`,
        ),
        t(
          `（一）基本情况：${i.official.name}，${post.zh}。`,
          `(1) Official: ${i.official.name}, ${post.en}.`,
        ),
        t(`（二）认定事项：${i.case.title}。`, `(2) Matter: ${i.case.title}.`),
        t(
          `（三）认定结果：${d?.outcomeLabel.zh ?? ''}（${d?.number ?? ''}）。`,
          `(3) Determination: ${d?.outcomeLabel.en ?? ''} (${d?.number ?? ''}).`,
        ),
        t(
          `公示期${period ? `为${period}` : '按有关规定执行'}，自本公告发布之日起计算。公示期间，任何单位和个人如有异议，可以书面形式向本机构反映。以单位名义反映的应当加盖公章，以个人名义反映的应当署真实姓名。`,
          `The publicity period is ${periodEn ?? 'as the rules provide'} from the date of this notice. Any unit or person may raise an objection in writing with this committee, a unit under its seal, a person under their real name.`,
        ),
      ],
    };
  },
  delivery_receipt: (i) => {
    const d = i.determination;
    return {
      title: t('送达回证', 'Delivery receipt'),
      addressee: false,
      paragraphs: [
        t(
          `送达文书：《认定书》（${d?.number ?? ''}）`,
          `Document delivered: the determination (${d?.number ?? ''})`,
        ),
        t(`受送达人：${i.official.name}`, `Recipient: ${i.official.name}`),
        t(
          `送达日期：${d?.notifiedOn ? documentDate(d.notifiedOn, 'zh') : '　　年　　月　　日'}`,
          `Date of delivery: ${d?.notifiedOn ? documentDate(d.notifiedOn, 'en') : '__________'}`,
        ),
        t('送达方式：直接送达', 'Manner of delivery: in person'),
        t('送达人（签名）：＿＿＿＿＿＿', 'Delivered by (signature): ______________'),
        t('受送达人（签名）：＿＿＿＿＿＿', 'Received by (signature): ______________'),
        t('签收日期：　　　　年　　月　　日', 'Date received: __________'),
        t(
          '备注：受送达人拒绝签收的，送达人应当在本回证上注明拒收事由和日期，由送达人、见证人签名。',
          'Note: if the recipient refuses to sign, the person delivering writes down the reason and date and signs with a witness.',
        ),
      ],
    };
  },
};

/** 纠错意见书: addressed to the official and their unit, the actions numbered with owner and date. */
function correctionDraft(i: NoticeInput): Draft {
  const k = i.correction;
  const d = i.determination;
  const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const actions = (k?.actions ?? []).map((a, n) =>
    t(
      `${n < 10 ? cn[n] : String(n + 1)}是${end(a.task, 'zh').replace(/。$/, '')}。责任主体：${a.owner}；完成时限：${documentDate(a.dueOn, 'zh')}前；完成后报送${end(a.evidenceRequired, 'zh')}`,
      `(${n + 1}) ${end(a.task, 'en')} Responsible: ${a.owner}; to be done by ${documentDate(a.dueOn, 'en')}; then submit ${end(a.evidenceRequired, 'en')}`,
    ),
  );
  return {
    title: t(
      `关于${i.official.name}同志有关问题的纠错意见书`,
      `Correction opinion concerning Comrade ${i.official.name}`,
    ),
    addressee: true,
    paragraphs: [
      t(
        `根据${inTitleMarks(i.packTitle.zh)}有关规定，本机构对“${i.case.title}”事项作出认定（${d?.number ?? ''}，${d?.outcomeLabel.zh ?? ''}）。针对该事项中存在的问题，现提出纠错意见如下：`,
        `Under ${i.packTitle.en}, this committee has determined the matter '${i.case.title}' (${d?.number ?? ''}, ${d?.outcomeLabel.en ?? ''}). For what went wrong in it, this committee gives the following correction opinion:`,
      ),
      t(
        `一、存在的问题。${end(k?.problem ?? '', 'zh')}`,
        `1. What went wrong. ${end(k?.problem ?? '', 'en')}`,
      ),
      t(
        `二、纠错要求。${end(k?.requirement ?? '', 'zh')}`,
        `2. What must be corrected. ${end(k?.requirement ?? '', 'en')}`,
      ),
      t('三、整改事项。', '3. Correction actions.'),
      ...actions,
      t(
        '请按照上述要求抓好整改落实，整改情况由本机构组织核实；整改完成后，本机构将对整改成效进行评估。',
        'Carry out the corrections as required; this committee verifies each, and reviews their effectiveness after they are completed.',
      ),
    ],
  };
}

/** What verification found of the accusation, as the notice says it. */
const FOUND: Readonly<Record<ClearingFinding, I18nText>> = {
  untrue: t('失实', 'untrue'),
  false_accusation: t('系诬告陷害', 'a false accusation'),
  mistaken: t('系错告', 'a mistaken report'),
};

/**
 * 澄清正名通报: the allegation, what verification found, the clearing within its scope, and for a
 * false accusation its referral; the official's assessment and use are not affected.
 */
function clearingDraft(i: NoticeInput): Draft {
  const k = i.clearing;
  const d = i.determination;
  const name = i.official.name;
  const post = t(
    postOf(i.official.unit.zh, i.official.position.zh, 'zh'),
    postOf(i.official.unit.en, i.official.position.en, 'en'),
  );
  const found = FOUND[k?.finding ?? 'untrue'];
  const scope = k?.scope ?? '';
  const how =
    k?.manner === 'meeting'
      ? t(`在${scope}范围内以会议形式予以澄清说明`, `explains it at a meeting of ${scope}`)
      : t(`在${scope}范围内予以书面通报`, `circulates this notice in writing to ${scope}`);
  return {
    title: t(`关于为${name}同志澄清正名的通报`, `Notice clearing the name of Comrade ${name}`),
    addressee: false,
    paragraphs: [
      t(
        `有关方面反映${name}同志（${post.zh}）存在问题。根据${inTitleMarks(i.packTitle.zh)}有关规定，本机构对反映的问题进行了核实，并作出认定（${d?.number ?? ''}，${d?.outcomeLabel.zh ?? ''}）。现将有关情况通报如下：`,
        `Comrade ${name} (${post.en}) was reported for misconduct. Under ${i.packTitle.en}, this committee verified what was reported and made a determination (${d?.number ?? ''}, ${d?.outcomeLabel.en ?? ''}). It gives notice as follows:`,
      ),
      t(
        `一、反映的问题。${end(k?.alleged ?? '', 'zh')}`,
        `1. What was alleged. ${end(k?.alleged ?? '', 'en')}`,
      ),
      t(
        `二、核查认定情况。${end(k?.found ?? '', 'zh')}经核实，反映${name}同志的问题${found.zh}。`,
        `2. What verification found. ${end(k?.found ?? '', 'en')} The allegation against Comrade ${name} was found to be ${found.en}.`,
      ),
      t(
        `三、澄清正名。本机构${how.zh}，为${name}同志澄清正名、消除影响。该问题不影响${name}同志的考核评价、选拔任用和评先评优。`,
        `3. Clearing. This committee ${how.en}, to clear the name of Comrade ${name} and undo the harm done. The matter does not affect Comrade ${name}'s assessments, selection and promotion, or awards.`,
      ),
      ...(k?.finding === 'false_accusation'
        ? [
            t(
              `对诬告陷害${name}同志的行为，本机构依规依纪依法移送有关机关严肃处理。`,
              `The false accusation against Comrade ${name} is referred to the competent body to be dealt with under the rules, discipline and law.`,
            ),
          ]
        : []),
      t(
        `希望${name}同志放下思想包袱，继续担当作为、干事创业。各单位要旗帜鲜明为敢于担当、踏实做事、不谋私利的干部撑腰鼓劲。`,
        `Comrade ${name} is encouraged to put this behind them and carry on taking responsibility. Every unit is to stand clearly behind officials who take responsibility, work in earnest and seek no private gain.`,
      ),
      t('特此通报。', 'This notice is hereby given.'),
    ],
  };
}

function challengeDraft(i: NoticeInput, kind: 'review' | 'appeal'): Draft {
  const c = i.challenge;
  const d = i.determination;
  const what = kind === 'review' ? t('复核', 'review') : t('申诉', 'appeal');
  const result =
    c?.result === 'changed' && c.changedTo
      ? t(
          `变更原认定，认定结果变更为“${c.changedTo.outcomeLabel.zh}”（${c.changedTo.number}）。`,
          `The determination is changed to '${c.changedTo.outcomeLabel.en}' (${c.changedTo.number}).`,
        )
      : t(
          `维持原认定（${d?.outcomeLabel.zh ?? ''}）。`,
          `The determination ('${d?.outcomeLabel.en ?? ''}') is upheld.`,
        );
  const appeal = limit(i.limits.appeal, 'zh');
  const upper = i.issuer.parentJurisdiction;
  const remedy =
    kind === 'review'
      ? t(
          `如对本复核决定不服，可以${appeal ? `自收到本决定之日起${appeal}内` : ''}向${upper ? body(upper, 'zh') : '上一级认定机构'}提出申诉。`,
          `If you disagree with this decision, you may appeal to ${upper ? `the ${body(upper, 'en')}` : 'the committee at the next level up'}${i.limits.appeal ? ` within ${limit(i.limits.appeal, 'en')} of receiving it` : ''}.`,
        )
      : t('本决定为申诉处理的最终决定。', 'This decision is final.');
  return {
    title:
      kind === 'review'
        ? t(
            `关于${i.official.name}同志容错认定复核申请的决定`,
            `Decision on the application of Comrade ${i.official.name} for review`,
          )
        : t(
            `关于${i.official.name}同志容错认定申诉的处理决定`,
            `Decision on the appeal of Comrade ${i.official.name}`,
          ),
    addressee: true,
    above: kind === 'appeal',
    paragraphs: [
      t(
        `你于${c ? documentDate(c.filedOn, 'zh') : ''}对《认定书》（${d?.number ?? ''}）提出的${kind === 'review' ? '复核申请' : '申诉'}收悉。本机构依照${inTitleMarks(i.packTitle.zh)}和有关规定进行了${kind === 'review' ? '复核' : '审查'}，现决定如下：`,
        `Your application of ${c ? documentDate(c.filedOn, 'en') : ''} for ${what.en} of the determination ${d?.number ?? ''} has been received and examined under ${i.packTitle.en} and related rules. This committee decides:`,
      ),
      result,
      t(`理由：${end(c?.reasons ?? '', 'zh')}`, `Reasons: ${end(c?.reasons ?? '', 'en')}`),
      remedy,
    ],
  };
}

/** Renders a document of a type other than the determination. */
export function renderNotice(
  type: Exclude<DocumentType, 'determination'>,
  input: NoticeInput,
  lang: Lang,
): OfficialDocument {
  const draft = DRAFTS[type](input);
  const issuer =
    draft.above && input.issuer.parentJurisdiction
      ? input.issuer.parentJurisdiction
      : input.issuer.jurisdiction;
  const issuingBody = body(issuer, lang);
  const addressee = draft.addressee
    ? lang === 'zh'
      ? `${input.official.name}同志`
      : `Comrade ${input.official.name}`
    : '';
  const date = documentDate(input.issuedOn, lang);
  const unit = input.official.unit[lang].trim();
  return withText({
    type,
    lang,
    issuingBody,
    title: draft.title[lang],
    documentNumber: input.number,
    addressee,
    sections: [{ heading: '', paragraphs: draft.paragraphs.map((p) => p[lang]) }],
    signature: issuingBody,
    date,
    closing: {
      cc: type === 'publicity' || type === 'delivery_receipt' || !unit ? [] : [unit],
      printer: issuingBody,
      printedOn: date,
    },
  });
}
