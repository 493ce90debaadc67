import { describe, expect, it } from 'vitest';
import { PolicyEngine } from '../policy/engine.js';
import type { Facts, Lang } from '../policy/model.js';
import { PackSet } from '../policy/resolve.js';
import { derivedPack } from '../policy/testing/derived-pack.js';
import { CLEAN, EXPLAIN_YAML, explainPack } from '../policy/testing/explain-pack.js';
import { renderEvaluation } from './render.js';

const engine = new PolicyEngine(new PackSet([explainPack()]));
const HAN = /[\u4e00-\u9fff]/;

function print(facts: Facts, lang: Lang): string {
  const policy = engine.at('ex', '2021-06-01');
  const ev = engine.evaluate('ex', facts, { at: '2021-06-01' });
  return renderEvaluation(
    ev,
    {
      facts: (id) => policy.eff.facts.get(id),
      outcomeLabel: (id) => policy.outcomes.find((o) => o.id === id)?.label,
    },
    lang,
  );
}

const count = (text: string, part: string) => text.split(part).length - 1;

const TWO_SITUATIONS = {
  ...CLEAN,
  purpose: 'reform_pilot',
  noPrecedent: true,
  policyBoundaryUnclear: true,
  forceMajeure: false,
};

describe('the printed explanation', () => {
  it('lists every situation that holds and the negative list, quoting each clause once (zh)', () => {
    const out = print(TWO_SITUATIONS, 'zh');
    expect(out).toContain('结果：免予问责（exempted）');
    expect(out).toContain(
      '成立的容错情形（共 2 项）：\n  • 先行先试 [s-pilot]（已列入理由）\n  • 政策界限不明 [s-unclear]（已列入理由）\n',
    );
    expect(out).toContain(
      '  • 政策界限不明 [s-unclear]\n      依据：《容错纠错办法》（E-1）第三条 [k-sit]\n',
    );
    expect(out).toContain(
      '负面清单核查（共 3 项：存在 0 项，不存在 3 项，尚未查明 0 项）：\n  ✓ 不存在：谋取私利 [x-gain]（谋取私利 = 否）\n',
    );
    expect(out).toContain('  ✓ 不存在：涉嫌犯罪 [x-crime]（涉嫌犯罪 = 否）');
    expect(out).toContain(
      '所引条款（每条只列一次）：\n  [k-sit] 《容错纠错办法》（E-1）第三条\n      下列失误可以容错\n',
    );
    // Cited by two reasons, two situations and three exclusions, each text printed once.
    expect(count(out, '下列失误可以容错')).toBe(1);
    expect(count(out, '有下列情形之一的不予容错')).toBe(1);
    expect(out).toContain('《关于贯彻〈问责条例〉的实施办法》第二条');
    expect(out).not.toMatch(/《《|》》/);
  });

  it('says the same completely in English', () => {
    const out = print(TWO_SITUATIONS, 'en');
    expect(out).toContain(
      'Tolerable situations that hold (2):\n  • Pioneering without precedent [s-pilot] (among the reasons above)\n',
    );
    expect(out).toContain(
      'Negative list checked (3: 0 present, 3 absent, 0 not yet known):\n  ✓ absent: Private gain [x-gain] (Private gain = no)\n',
    );
    expect(out).toContain(
      'Clauses cited (each once):\n  [k-sit] Measures on Tolerance (E-1), Art. 3\n',
    );
    expect(count(out, 'These mistakes may be tolerated')).toBe(1);
    expect(out).not.toMatch(HAN);
  });

  it('names the exclusion present, the ones not yet known, and gives no pre-empted why-nots', () => {
    const facts = { ...TWO_SITUATIONS, privateGain: true, crimeSuspected: null };
    const zh = print(facts, 'zh');
    expect(zh).toContain('负面清单核查（共 3 项：存在 1 项，不存在 1 项，尚未查明 1 项）：');
    expect(zh).toContain('  ✗ 存在：谋取私利 [x-gain]（谋取私利 = 是）');
    expect(zh).toContain('  ? 尚未查明：涉嫌犯罪 [x-crime]（涉嫌犯罪 = 未知）');
    expect(zh).toContain('  • 先行先试 [s-pilot]（成立，但未作为本结果的理由）');
    expect(zh).not.toContain('为何不是更有利的结果');
    expect(zh).not.toContain('已由在先的条目');
    const en = print(facts, 'en');
    expect(en).toContain('  ✗ present: Private gain [x-gain] (Private gain = yes)');
    expect(en).toContain(
      '  ? not yet known: Suspected crime [x-crime] (Crime suspected = unknown)',
    );
    expect(en).toContain('[s-pilot] (holds, but is not a reason for this outcome)');
    expect(en).not.toContain('Why not');
    expect(en).not.toMatch(HAN);
  });

  it('says when no situation holds, and refers the why-nots to the clauses by id', () => {
    const facts = {
      ...CLEAN,
      purpose: 'routine_duty',
      policyBoundaryUnclear: false,
      forceMajeure: false,
      cooperated: true,
    };
    const zh = print(facts, 'zh');
    expect(zh).toContain('成立的容错情形：无。');
    expect(zh).toContain('为何不是更有利的结果：\n  不予问责（none） — 决定条目 d-objection\n');
    expect(zh).toContain('依据：《关于贯彻〈问责条例〉的实施办法》第二条 [k-imm]');
    expect(count(zh, '集体决策中明确反对的不予问责')).toBe(1);
    expect(print(facts, 'en')).toContain('Tolerable situations that hold: none.');
  });
});

describe('the printed band', () => {
  const banded = new PolicyEngine(
    new PackSet([
      explainPack(
        EXPLAIN_YAML.replace(
          '{ id: d-exempt, outcome: exempted,',
          '{ id: d-exempt, outcome: [exempted, lighter],',
        ),
      ),
    ]),
  );
  const show = (facts: Facts, lang: Lang) => {
    const policy = banded.at('ex', '2021-06-01');
    return renderEvaluation(
      banded.evaluate('ex', facts, { at: '2021-06-01' }),
      {
        facts: (id) => policy.eff.facts.get(id),
        outcomeLabel: (id) => policy.outcomes.find((o) => o.id === id)?.label,
      },
      lang,
    );
  };

  it('prints the band and the recommendation to the collective body, in zh and en', () => {
    const zh = show(TWO_SITUATIONS, 'zh');
    expect(zh).toContain(
      '结果：免予问责（exempted）\n裁量幅度：免予问责（exempted）、从轻问责（lighter）\n建议：建议可以免予问责或者从轻问责（由集体研究在此范围内认定）。\n',
    );
    const en = show(TWO_SITUATIONS, 'en');
    expect(en).toContain(
      'Recommendation: Recommended: Exempted or Lighter accountability (the collective body decides within this range).',
    );
  });

  it('names the whole band of an entry in a why-not', () => {
    const none = { purpose: 'routine_duty', policyBoundaryUnclear: false, forceMajeure: false };
    const out = show({ ...CLEAN, ...none, cooperated: true }, 'zh');
    expect(out).toContain('建议：建议从轻问责，由集体研究认定。');
    expect(out).toContain('  免予问责（exempted） 或 从轻问责（lighter） — 决定条目 d-exempt');
  });
});

describe('the printed explanation of derived facts and none', () => {
  const e = new PolicyEngine(new PackSet([derivedPack()]));
  const p = e.at('meas', '2024-03-15');
  const show = (facts: Facts, lang: Lang) =>
    renderEvaluation(
      e.evaluate('meas', facts, { at: '2024-03-15' }),
      {
        facts: (id) => p.eff.facts.get(id),
        outcomeLabel: (id) => p.outcomes.find((o) => o.id === id)?.label,
      },
      lang,
    );

  it('shows each computed value with its formula and inputs, and why one cannot be computed', () => {
    const out = show({ lossAmount: 40, projectInvestment: 100, lastSameMistakeOn: 'none' }, 'zh');
    expect(out).toContain(
      '计算得出的事实：\n  • 损失占投资比例 [lossShare] = 0.4\n      公式：损失金额 ÷ 项目投资额；损失金额 = 40；项目投资额 = 100\n',
    );
    expect(out).toContain('（上一次同类错误的日期 = 无同类错误）');
    const zero = show({ lossAmount: 4, projectInvestment: 0, lastSameMistakeOn: 'none' }, 'en');
    expect(zero).toContain('[lossShare] = cannot be computed');
    expect(zero).toContain('The divisor Project investment is 0');
  });

  it('tells how to answer none for a missing fact that allows it', () => {
    const out = show({ lossAmount: 1, projectInvestment: 100 }, 'zh');
    expect(out).toContain('若不存在，填 none（无同类错误）');
  });
});
