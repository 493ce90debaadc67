import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../packs/loader.js';
import { PolicyEngine } from '../../policy/engine.js';
import { describeStores } from '../../store/testing/harness.js';
import type { AppError } from '../errors.js';
import { readLog, schema, type Schema } from '../tables.js';
import { codeOf, driveTo, EXEMPTED_FACTS } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { notifyDecision } from '../cases/notify.js';
import {
  loadDecisionDocument,
  renderDecisionDocument,
  zhDocumentDate,
  zhNumber,
  type DecisionDocumentInput,
} from './decision-document.js';

const engine = new PolicyEngine(loadPacks().set);

function input(over: Partial<DecisionDocumentInput['decision']> = {}): DecisionDocumentInput {
  const recommendation = engine.evaluate('x-new-area', EXEMPTED_FACTS, {
    at: '2024-11-05',
    decidedAt: '2025-03-03',
  });
  return {
    issuer: {
      jurisdiction: { zh: 'X新区', en: 'X New Area' },
      parentJurisdiction: { zh: '某市', en: 'A City' },
    },
    case: {
      number: 'X新容申〔2025〕7号',
      title: '招商项目提前开工',
      summary: '为抢抓项目落地，在用地手续完备前组织开工',
      route: 'application',
      conductDate: '2024-11-05',
      submittedOn: '2025-02-10',
      consulted: true,
    },
    official: {
      name: '张三',
      position: { zh: '科长', en: 'Section chief' },
      unit: { zh: '招商科', en: 'Investment Section' },
    },
    decision: {
      documentNumber: 'X新容认〔2025〕1号',
      outcome: 'exempted',
      outcomeLabel: { zh: '免予问责（容错免责）', en: 'Exempted (tolerated)' },
      outcomeDescription: {
        zh: '认定为可容错的失误，免予追究责任。',
        en: 'The mistake is tolerated and liability is waived.',
      },
      recommendedOutcome: 'exempted',
      recommendedLabel: { zh: '免予问责（容错免责）', en: 'Exempted (tolerated)' },
      bandLabels: [{ zh: '免予问责（容错免责）', en: 'Exempted (tolerated)' }],
      recommendation,
      departureReasons: '',
      decidedOn: '2025-03-03',
      missingFacts: [],
      ...over,
    },
    facts: [
      {
        id: 'privateGain',
        label: { zh: '谋取私利', en: 'Private gain' },
        value: { zh: '否', en: 'no' },
        raw: false,
      },
      {
        id: 'knowinglyViolated',
        label: { zh: '明知故犯', en: 'Knowing violation' },
        value: { zh: '否', en: 'no' },
        raw: false,
      },
      {
        id: 'crimeSuspected',
        label: { zh: '涉嫌犯罪', en: 'Suspected crime' },
        value: { zh: '否', en: 'no' },
        raw: false,
      },
      {
        id: 'lossAmount',
        label: { zh: '直接经济损失', en: 'Direct economic loss' },
        value: { zh: '1,200,000 元', en: '1,200,000 yuan' },
        raw: 1200000,
      },
    ],
    assessments: [
      { element: 'recovery', rating: 'favourable', notes: '损失已全部挽回' },
      { element: 'motive', rating: 'neutral', notes: '' },
    ],
    procedure: {
      review: { applyWithin: { days: 30, unit: 'calendar' } },
      appeal: { applyWithin: { days: 15, unit: 'working' } },
      followUp: { enabled: true, impactPeriodMonths: 12 },
    },
  };
}

describe('Chinese numerals and dates', () => {
  it('writes numbers and document dates as official documents do', () => {
    expect([1, 9, 10, 11, 20, 21, 30, 31, 99].map(zhNumber)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '二十',
      '二十一',
      '三十',
      '三十一',
      '九十九',
    ]);
    // GB/T 9704-2012 writes the date in Arabic numerals, without leading zeros.
    expect(zhDocumentDate('2025-03-03')).toBe('2025年3月3日');
    expect(zhDocumentDate('2030-12-31')).toBe('2030年12月31日');
    expect(zhDocumentDate('2026-10-20')).toBe('2026年10月20日');
  });
});

describe('the decision document', () => {
  it('has the parts of an official document, in zh', () => {
    const d = renderDecisionDocument(input(), 'zh');
    expect(d).toMatchObject({
      lang: 'zh',
      issuingBody: 'X新区容错纠错认定机构',
      title: '关于张三同志容错申请的认定决定',
      documentNumber: 'X新容认〔2025〕1号',
      addressee: '张三同志',
      signature: 'X新区容错纠错认定机构',
      date: '2025年3月3日',
      closing: { cc: ['招商科'], printer: 'X新区容错纠错认定机构', printedOn: '2025年3月3日' },
    });
    expect(d.sections.map((s) => s.heading)).toEqual([
      '',
      '一、基本事实',
      '二、认定依据',
      '三、六要素综合分析',
      '四、认定结论',
      '五、结果运用',
      '六、复核和申诉',
    ]);
    const [, facts, basis, elements, conclusion, consequences, rights] = d.sections;
    // The facts in the third person, from the verified facts that decided the matter; not the
    // applicant's own account; the exclusions found absent in one sentence.
    expect(facts!.paragraphs[0]).toMatch(
      /^经核实，张三同志（时任招商科科长）于2024年11月5日在“招商项目提前开工”事项中，.*未谋取私利.*。$/,
    );
    expect(facts!.paragraphs.join('')).not.toContain('为抢抓项目落地');
    expect(facts!.paragraphs.join('')).not.toContain('：否');
    expect(facts!.paragraphs.join('')).not.toContain('直接经济损失'); // not a deciding fact
    expect(facts!.paragraphs[1]).toBe('经核实，未发现涉嫌犯罪等不予容错情形。');
    // The rules relied on, each with its clause citation and, once, the clause's substance.
    expect(basis!.paragraphs[0]).toMatch(
      /^（一）未谋取私利。依据：《X新区干部容错纠错实施办法（示例）》.*第五条。规定要旨：适用容错须同时具备/,
    );
    expect(basis!.paragraphs.filter((p) => p.includes('规定要旨：适用容错须'))).toHaveLength(1);
    expect(basis!.paragraphs.join('')).toContain('列入改革任务清单的创新事项');
    // The recommendation is what the body considered, not a ground of the decision.
    expect(basis!.paragraphs.join('')).not.toContain('建议结果');
    expect(basis!.paragraphs.at(-1)).toMatch(/^(本事项适用行为发生时施行的|决定时施行的)《/);
    // Elements in their standard order, whatever order they came in.
    expect(elements!.paragraphs).toEqual([
      '（一）动机态度：中性。',
      '（二）挽回损失：有利于容错。损失已全部挽回。',
    ]);
    expect(conclusion!.paragraphs[0]).toMatch(
      /^本机构审议了依据上述规定形成的初步评估意见（免予问责（容错免责））.*并结合六要素综合分析。$/,
    );
    expect(conclusion!.paragraphs[1]).toBe(
      '经本机构于2025年3月3日集体研究，认定：免予问责（容错免责）。认定为可容错的失误，免予追究责任。',
    );
    expect(conclusion!.paragraphs).toHaveLength(2);
    expect(consequences!.paragraphs[0]).toContain('不影响你的年度考核、平时考核');
    expect(consequences!.paragraphs[0]).toContain('选拔任用、职级晋升');
    expect(consequences!.paragraphs[1]).toContain('容错不免纠错');
    expect(rights!.paragraphs[0]).toBe(
      '如对本决定不服，可以自收到本决定之日起30日内向本机构申请复核；也可以自收到本决定之日起15个工作日内向某市容错纠错认定机构提出申诉。申请复核或者提出申诉期间，不停止本决定的执行。',
    );
    expect(d.notice).toContain('示例策略包');
    const lines = d.text.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'X新区容错纠错认定机构',
      'X新容认〔2025〕1号',
      '',
      '关于张三同志容错申请的认定决定',
      '',
      '张三同志：',
    ]);
    expect(d.text).toContain('\u3000\u3000一、基本事实\n');
    expect(d.text).toContain('\nX新区容错纠错认定机构\n2025年3月3日\n');
    expect(d.text).toContain('抄送：招商科。\nX新区容错纠错认定机构\u3000\u30002025年3月3日印发\n');
    // No internal value (outcome ids, pack ids, version ids, English clause references).
    expect(d.text.replace(d.notice ?? '', '')).not.toMatch(/[A-Za-z]{2,}|\d{4}-\d{2}/);
  });

  it('states a departure and its reasons; no consequences section when not tolerated', () => {
    const d = renderDecisionDocument(
      input({
        outcome: 'not_tolerated',
        outcomeLabel: { zh: '不予容错', en: 'Not tolerated' },
        outcomeDescription: { zh: '不适用容错，依规依纪问责。', en: 'Tolerance refused.' },
        departureReasons: '事后补办手续的说法与审批记录不符',
      }),
      'zh',
    );
    expect(d.sections.map((s) => s.heading)).toEqual([
      '',
      '一、基本事实',
      '二、认定依据',
      '三、六要素综合分析',
      '四、认定结论',
      '五、复核和申诉',
    ]);
    expect(d.sections[4]!.paragraphs[2]).toBe(
      '本机构未采纳初步评估意见，理由如下：事后补办手续的说法与审批记录不符。',
    );
  });

  it('gives the impact period after a mitigated outcome, and the missing facts of an undetermined recommendation', () => {
    const undetermined = engine.evaluate(
      'x-new-area',
      { purpose: 'development_task' },
      { at: '2024-11-05', decidedAt: '2025-03-03' },
    );
    const d = renderDecisionDocument(
      input({
        outcome: 'reduced',
        outcomeLabel: { zh: '减轻问责', en: 'Reduced accountability' },
        recommendedOutcome: 'undetermined',
        recommendedLabel: { zh: '尚不能确定', en: 'undetermined' },
        bandLabels: [],
        recommendation: undetermined,
        departureReasons: '当事人积极配合调查并挽回部分损失',
        missingFacts: [{ zh: '谋取私利', en: 'Private gain' }],
      }),
      'en',
    );
    expect(d.title).toBe('Decision on the tolerance application of Comrade 张三');
    expect(d.date).toBe('3 March 2025');
    const text = d.text;
    expect(text).toContain(
      'on the facts established it gave no definite view (facts still to be established: Private gain)',
    );
    expect(text).toContain(
      'This committee did not follow the preliminary assessment, for these reasons: 当事人积极配合调查并挽回部分损失.',
    );
    expect(text).toContain('an impact period of 12 months');
    expect(text).toContain('within 30 days of receiving this decision');
    expect(text).toContain('within 15 working days of receiving it');
    expect(d.sections.map((s) => s.heading)).toContain('5. Consequences');
  });

  it('names an ex-officio examination as such', () => {
    const base = input();
    const d = renderDecisionDocument(
      { ...base, case: { ...base.case, route: 'ex_officio', consulted: false } },
      'zh',
    );
    expect(d.title).toBe('关于张三同志容错情形的认定决定');
    expect(d.sections[0]!.paragraphs[0]).toContain('依职权');
    expect(d.sections[0]!.paragraphs[0]).toContain('经核实和集体研究');
  });
});

describeStores<Schema>(
  'loading the decision document',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    it('staff read it once decided, the official once it is delivered; each reading is logged', async () => {
      const c = await driveTo(w, 'determined', {
        outcome: 'reduced',
        departureReasons: '损失金额较大且社会关注度高，应当减轻问责。',
      });
      const early = await loadDecisionDocument(w.ctx, w.actors.official!, c.id).catch(
        (e: AppError) => e,
      );
      expect((early as AppError).code).toBe('CASE_PRECONDITION');
      expect((early as AppError).text.zh).toContain('尚未送达');
      const staff = await loadDecisionDocument(w.ctx, w.actors.chair!, c.id);
      expect(staff.documentNumber).toMatch(/^X新容认〔2025〕[1-9]\d*号$/);
      await notifyDecision(w.ctx, w.actors.intake!, { caseId: c.id, expectedVersion: c.version });
      const d = await loadDecisionDocument(w.ctx, w.actors.official!, c.id, 'zh');
      expect(d.title).toBe('关于张三同志容错申请的认定决定');
      expect(d.issuingBody).toBe('X新区容错纠错认定机构');
      expect(d.date).toBe('2025年3月3日');
      expect(d.text).toContain('经核实，张三同志（时任招商科科长）于2024年11月5日');
      expect(d.text).toContain('属于“列入新区改革创新任务清单”的情形');
      expect(d.text).toContain('认定：减轻问责。');
      expect(d.text).toContain('理由如下：损失金额较大且社会关注度高，应当减轻问责。');
      expect(d.text).toContain('影响期为6个月');
      expect(d.text).toContain('影响期内，你的年度考核不受影响');
      expect(d.text).toContain('书面说明情况，自本决定作出之日起30个工作日内完成');
      expect(d.text).toContain('某市容错纠错认定机构');
      expect(d.text).toContain('经受理、核实、会商和集体研究');
      const en = await loadDecisionDocument(w.ctx, w.actors.official!, c.id, 'en');
      expect(en.text).toContain('(1) Motive and attitude: favours tolerance.');
      const logged = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.caseId, c.id), eq(readLog.what, 'decision.document')));
      expect(logged.map((l) => l.userId).sort()).toEqual(
        [w.actors.chair!.userId, w.actors.official!.userId, w.actors.official!.userId].sort(),
      );
    });

    it('is not there before a decision, nor for those who may not read the case', async () => {
      const c = await driveTo(w, 'deliberation');
      expect(await codeOf(loadDecisionDocument(w.ctx, w.actors.chair!, c.id))).toBe(
        'CASE_PRECONDITION',
      );
      const d = await driveTo(w, 'notified');
      expect(await codeOf(loadDecisionDocument(w.ctx, w.actors.outsiderIntake!, d.id))).toBe(
        'CASE_NOT_FOUND',
      );
      expect(await codeOf(loadDecisionDocument(w.ctx, w.actors.colleague!, d.id))).toBe(
        'CASE_NOT_FOUND',
      );
      expect(await codeOf(loadDecisionDocument(w.ctx, w.actors.chair!, 'nope'))).toBe(
        'CASE_NOT_FOUND',
      );
    });
  },
  { open: { schema } },
);
