import { describe, expect, it } from 'vitest';
import { checkStructure } from './check.js';
import { describeExpr, describeSpan, spanStart } from './derived.js';
import { PolicyEngine } from './engine.js';
import { PolicyError } from './errors.js';
import { factProblems, renderValue } from './facts.js';
import { lintPack } from './lint.js';
import { parsePack } from './parse.js';
import { PackSet } from './resolve.js';
import { Searcher } from './search.js';
import { derivedPack, derivedPackYaml as yaml } from './testing/derived-pack.js';
import { rootPack } from './testing/packs.js';

const pack = () => derivedPack();
const engine = () => new PolicyEngine(new PackSet([pack()]));
const at = '2024-03-15';

describe('derived facts', () => {
  it('are computed from their inputs, and unknown while an input is', () => {
    const e = engine();
    const ok = { lossAmount: 20, projectInvestment: 100, lastSameMistakeOn: 'none' };
    expect(e.evaluate('meas', ok, { at }).outcome).toBe('exempted');
    expect(e.evaluate('meas', { ...ok, lossAmount: 31 }, { at }).outcome).toBe('not_tolerated');
    const open = e.evaluate('meas', { lossAmount: 20, lastSameMistakeOn: 'none' }, { at });
    expect(open.outcome).toBe('undetermined');
    // The derived fact is not asked: the input it lacks is.
    expect(open.missingFacts).toEqual(['projectInvestment']);
  });

  it('show the value and the formula in the explanation', () => {
    const r = engine().evaluate(
      'meas',
      { lossAmount: 40, projectInvestment: 100, lastSameMistakeOn: 'none' },
      { at },
    );
    expect(r.reasons[0]!.facts).toEqual([{ fact: 'lossShare', value: 0.4 }]);
    expect(r.derived).toEqual([
      {
        fact: 'lossShare',
        label: { zh: '损失占投资比例', en: 'Share of the investment lost' },
        value: 0.4,
        formula: { zh: '损失金额 ÷ 项目投资额', en: 'Loss ÷ Project investment' },
        inputs: [
          { fact: 'lossAmount', value: 40 },
          { fact: 'projectInvestment', value: 100 },
        ],
      },
    ]);
    const p = engine().at('meas', at);
    const rule = p.ruleNodes.get('big-loss')!.ref!.body;
    expect(rule.text.zh).toBe('损失占投资比例（损失金额 ÷ 项目投资额）大于“0.3”');
  });

  it('are unknown, never Infinity, over a zero divisor, and the explanation says why', () => {
    const r = engine().evaluate(
      'meas',
      { lossAmount: 5, projectInvestment: 0, lastSameMistakeOn: 'none' },
      { at },
    );
    expect(r.outcome).toBe('undetermined');
    expect(r.derived![0]!.value).toBeNull();
    expect(r.derived![0]!.note!.zh).toBe('除数“项目投资额”为 0，无法计算，按未知处理。');
  });

  it('cannot be given by a user', () => {
    const p = engine().at('meas', at);
    const problems = factProblems({ lossShare: 0.2 }, p.eff.facts);
    expect(problems.map((d) => d.code)).toEqual(['FACTS_DERIVED_GIVEN']);
    expect(problems[0]!.message.zh).toContain('由其他事实计算得出');
  });

  it('must be numbers computed from declared number facts', () => {
    const bad = parsePack(
      yaml(`  wrong:
    type: number
    label: { zh: 错, en: wrong }
    help: { zh: 错, en: wrong }
    derived: { add: [lastSameMistakeOn, lossAmont] }`),
      'meas.yaml',
    );
    const set = new PackSet([bad]);
    const codes = checkStructure(set.effective(bad, bad.versions[0]!)).map((d) => d.code);
    expect(codes).toEqual(['PACK_DERIVED_BAD_INPUT', 'PACK_UNKNOWN_FACT']);
  });

  it('are worded with their operations', () => {
    const decls = pack().facts.reduce((m, f) => m.set(f.id, f), new Map());
    expect(describeExpr({ op: 'mul', args: [0.3, 'projectInvestment'] }, decls).en).toBe(
      '0.3 × Project investment',
    );
    expect(
      describeExpr({ op: 'sub', args: ['lossAmount', { op: 'max', args: [1, 2] }] }, decls).zh,
    ).toBe('损失金额 − （1、2中的较大值）');
  });
});

describe('dates relative to the conduct', () => {
  it('count back from the conduct date, both ends included', () => {
    const e = engine();
    const facts = (d: string) => ({ lossAmount: 0, projectInvestment: 10, lastSameMistakeOn: d });
    expect(e.evaluate('meas', facts('2022-03-15'), { at }).outcome).toBe('not_tolerated');
    expect(e.evaluate('meas', facts('2022-03-14'), { at }).outcome).toBe('exempted');
    expect(e.evaluate('meas', facts('2024-03-15'), { at }).outcome).toBe('not_tolerated');
    expect(e.evaluate('meas', facts('2024-03-16'), { at }).outcome).toBe('exempted');
    // The same facts under a later conduct date: the earlier mistake is now too old.
    expect(e.evaluate('meas', facts('2022-03-15'), { at: '2024-03-16' }).outcome).toBe('exempted');
  });

  it('are worded as a span before the conduct', () => {
    const p = engine().at('meas', at);
    const body = p.ruleNodes.get('repeat')!.ref!.body;
    expect(body.text).toEqual({
      zh: '上一次同类错误的日期在行为发生前两年内',
      en: 'Date of the last same mistake is within 2 years before the conduct',
    });
    expect(describeSpan({ years: 1, months: 6 })).toEqual({
      zh: '一年六个月',
      en: '1 year and 6 months',
    });
  });

  it('subtract years and months at the month end', () => {
    expect(spanStart('2024-02-29', { years: 1 })).toBe('2023-02-28');
    expect(spanStart('2024-03-31', { months: 1 })).toBe('2024-02-29');
    expect(spanStart('2024-01-15', { months: 13, days: 15 })).toBe('2022-11-30');
  });

  it('are only for date facts', () => {
    const bad = parsePack(
      yaml(
        '',
        `      - { id: odd, kind: other, title: { zh: 错, en: odd }, clauses: [c1], when: { fact: lossAmount, within: { years: 1 } } }`,
      ),
      'meas.yaml',
    );
    const set = new PackSet([bad]);
    const d = checkStructure(set.effective(bad, bad.versions[0]!));
    expect(d.map((x) => x.code)).toEqual(['PACK_TYPE_MISMATCH']);
    expect(d[0]!.message.en).toContain('within applies to date facts only');
  });
});

describe('the answer none', () => {
  it('is false for every comparison but eq none, and decides the case', () => {
    const r = engine().evaluate(
      'meas',
      { lossAmount: 1, projectInvestment: 10, lastSameMistakeOn: 'none' },
      { at },
    );
    expect(r.outcome).toBe('exempted');
    expect(r.negativeList.map((x) => x.status)).toEqual(['absent', 'absent']);
    const p = engine().at('meas', at);
    const eqNone = p.compileCondition({
      kind: 'compare',
      fact: 'lastSameMistakeOn',
      op: 'eq',
      value: 'none',
      at: p.eff.pack.at,
    });
    p.begin();
    expect(eqNone.fn({ lastSameMistakeOn: 'none' })).toBe(1);
    expect(eqNone.fn({ lastSameMistakeOn: '2020-01-01' })).toBe(0);
    expect(eqNone.text.zh).toBe('上一次同类错误的日期为“无同类错误”');
  });

  it('is distinct from unknown', () => {
    const r = engine().evaluate('meas', { lossAmount: 1, projectInvestment: 10 }, { at });
    expect(r.outcome).toBe('undetermined');
    expect(r.missingFacts).toEqual(['lastSameMistakeOn']);
  });

  it('is refused, naming the fact and the fix, where the fact does not allow it', () => {
    const p = engine().at('meas', at);
    const problems = factProblems({ lossAmount: 'none' }, p.eff.facts);
    expect(problems.map((d) => d.code)).toEqual(['FACTS_BAD_VALUE']);
    expect(problems[0]!.message.zh).toContain('“lossAmount”（损失金额）不能填“none”');
    expect(problems[0]!.message.en).toContain('declare none for it in the pack');
    expect(renderValue(p.eff.facts.get('lastSameMistakeOn'), 'none', 'zh')).toBe('无同类错误');
  });

  it('cannot be declared on booleans, nor compared in order', () => {
    const bad = parsePack(
      yaml(
        `  flag:
    type: boolean
    label: { zh: 标志, en: flag }
    help: { zh: 标志, en: flag }
    none: { zh: 无, en: none }`,
        `      - { id: odd, kind: other, title: { zh: 错, en: odd }, clauses: [c1], when: { all: [{ fact: lastSameMistakeOn, lt: none }, { fact: flag, eq: true }] } }`,
      ),
      'meas.yaml',
    );
    const set = new PackSet([bad]);
    const codes = checkStructure(set.effective(bad, bad.versions[0]!)).map((d) => d.code);
    expect(codes).toEqual(['PACK_NONE_BAD_TYPE', 'PACK_TYPE_MISMATCH']);
  });
});

describe('the linter', () => {
  it('warns of a declared fact nothing reads', () => {
    const p = parsePack(
      yaml(`  spare:
    type: boolean
    label: { zh: 多余, en: spare }
    help: { zh: 多余, en: spare }`),
      'meas.yaml',
    );
    const report = lintPack(new PackSet([p]), p);
    const unused = report.diagnostics.filter((d) => d.code === 'PACK_FACT_UNUSED');
    expect(unused.map((d) => d.message.en)).toEqual([
      "fact 'spare' (spare) is declared but no rule, predicate, decision entry or derived fact reads it, so giving it changes nothing. Use it in a condition or remove it.",
    ]);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('finds facts for conditions relative to the conduct and for none', () => {
    const p = engine().at('meas', at);
    const s = new Searcher(p);
    expect(s.domain('lastSameMistakeOn')).toContain('none');
    const repeat = p.ruleNodes.get('repeat')!;
    const found = s.find(repeat);
    expect(found.model).toEqual({ lastSameMistakeOn: '2022-06-30' });
    expect(
      s.find(p.compileCondition({ kind: 'not', of: repeat.src, at: repeat.src.at })).model,
    ).toBeDefined();
  });

  it('leaves the facts object alone where nothing is derived or relative to the conduct', () => {
    const plain = new PolicyEngine(new PackSet([rootPack()])).at('root', '2022-06-01');
    const facts = { privateGain: false };
    expect(plain.withContext(facts, '2022-06-01')).toBe(facts);
    const p = engine().at('meas', at);
    expect(p.withContext(facts, at)).toMatchObject({ '@conduct': at, lossShare: null });
  });

  it('refuses a conduct date smuggled in as a fact', () => {
    expect(() => engine().evaluate('meas', { '@conduct': '2000-01-01' }, { at })).toThrow(
      PolicyError,
    );
  });
});

describe('dates relative to the conduct under 从旧兼从轻', () => {
  // v2 from 2024 narrows the look-back to one year: more favourable for an older mistake.
  const twoVersions = yaml().replace(
    "    from: '2020-01-01'\n",
    "    from: '2020-01-01'\n    to: '2023-12-31'\n",
  ).concat(`
  - id: v2
    from: '2024-01-01'
    amends: v1
    rules:
      - { id: repeat, kind: exclusion, title: { zh: 一年内同类错误, en: same mistake within a year }, clauses: [c2], when: { fact: lastSameMistakeOn, within: { years: 1 } } }
`);
  const e = new PolicyEngine(new PackSet([parsePack(twoVersions, 'meas.yaml')]));
  const facts = (d: string) => ({ lossAmount: 0, projectInvestment: 10, lastSameMistakeOn: d });
  const when = { at: '2023-06-01', decidedAt: '2024-06-01' };

  it('counts back from the conduct in the later version too', () => {
    // 2022-01-01: within two years of the conduct, not within one: the later version helps.
    const older = e.evaluate('meas', facts('2022-01-01'), when);
    expect(older).toMatchObject({ outcome: 'exempted', version: 'v2' });
    expect(older.time.applied).toBe('decision');
    // 2023-03-01: within a year of the conduct (not of the decision): neither version helps.
    const recent = e.evaluate('meas', facts('2023-03-01'), when);
    expect(recent).toMatchObject({ outcome: 'not_tolerated', version: 'v1' });
  });
});
