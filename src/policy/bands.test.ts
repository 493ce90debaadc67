import { describe, expect, it } from 'vitest';
import { conductApplies, PolicyEngine } from './engine.js';
import { PolicyError } from './errors.js';
import { lintPack } from './lint.js';
import { parsePack } from './parse.js';
import { PackSet } from './resolve.js';
import { parseScenarios, runScenario } from './scenario.js';

/**
 * A measure that says may (可以免除或者减轻), with results off the ladder: outside its scope
 * (不适用本办法) and handled by reference and referred (参照办理、移送). Version v2 (2022) widens and
 * narrows some bands, for 从旧兼从轻.
 */
const BANDS_YAML = `
id: bands
title: { zh: 幅度测试办法, en: Band test measure }
authority: { zh: 某机关, en: Some body }
documentNumber: 'B-1'
jurisdiction: B
status: published
outcomes:
  - { id: exempted, label: { zh: 免予问责, en: exempted } }
  - { id: reduced, label: { zh: 减轻问责, en: reduced } }
  - { id: lighter, label: { zh: 从轻问责, en: lighter } }
  - { id: refused, label: { zh: 不予容错, en: not tolerated } }
otherResults:
  - { id: outside, kind: notApplicable, label: { zh: 不适用本办法, en: not applicable } }
  - id: by-reference
    kind: referred
    label: { zh: 参照本办法办理, en: handled by reference to this measure }
    to: { zh: 所在单位党组织, en: the official's party organisation }
facts:
  inScope:
    type: boolean
    label: { zh: 属于本办法适用对象, en: Within the measure's scope }
    help: { zh: 当事人是否属于本办法适用对象。, en: Whether the official is within the measure's scope. }
  stateEnterprise:
    type: boolean
    label: { zh: 国有企业人员, en: State enterprise staff }
    help: { zh: 当事人是否为国有企业管理人员。, en: Whether the official manages a state enterprise. }
sources:
  - { id: doc, title: { zh: 幅度办法, en: Band measure }, number: 'B-1', issuer: { zh: 某机关, en: Some body } }
versions:
  - id: v1
    from: '2020-01-01'
    to: '2021-12-31'
    clauses:
      - { id: k1, source: doc, article: { zh: 第一条, en: Art. 1 }, text: { zh: 条款, en: clause } }
    rules:
      - { id: x-gain, kind: exclusion, title: { zh: 谋取私利, en: Private gain }, clauses: [k1], when: { fact: privateGain, eq: true } }
      - { id: s-force, kind: situation, title: { zh: 不可抗力, en: Force majeure }, clauses: [k1], when: { fact: forceMajeure, eq: true } }
      - { id: s-unclear, kind: situation, title: { zh: 政策界限不明, en: Unclear boundary }, clauses: [k1], when: { fact: policyBoundaryUnclear, eq: true } }
      - { id: m-coop, kind: mitigation, title: { zh: 配合调查, en: Cooperated }, clauses: [k1], when: { fact: cooperated, eq: true } }
    decision:
      - { id: d-enterprise, outcome: by-reference, when: { all: [{ fact: inScope, eq: false }, { fact: stateEnterprise, eq: true }] } }
      - { id: d-scope, outcome: outside, when: { fact: inScope, eq: false } }
      - { id: d-gain, outcome: refused, when: { rule: x-gain } }
      - { id: d-force, outcome: exempted, when: { rule: s-force } }
      - { id: d-unclear, outcome: [reduced, exempted], when: { rule: s-unclear } }
      - { id: d-coop, outcome: [lighter, reduced], when: { rule: m-coop } }
      - { id: d-else, outcome: refused, otherwise: true }
  - id: v2
    from: '2022-01-01'
    amends: v1
    decision:
      - { id: d-enterprise, outcome: outside, when: { all: [{ fact: inScope, eq: false }, { fact: stateEnterprise, eq: true }] } }
      - { id: d-scope, outcome: by-reference, when: { fact: inScope, eq: false } }
      - { id: d-gain, outcome: refused, when: { rule: x-gain } }
      - { id: d-force, outcome: [exempted, reduced], when: { rule: s-force } }
      - { id: d-unclear, outcome: [exempted, lighter], when: { rule: s-unclear } }
      - { id: d-coop, outcome: [exempted, reduced], when: { rule: m-coop } }
      - { id: d-else, outcome: outside, otherwise: true }
`;

const pack = (yaml = BANDS_YAML) => parsePack(yaml, 'bands.yaml');
const engine = new PolicyEngine(new PackSet([pack()]));
const base = { inScope: true, privateGain: false } as const;
const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof PolicyError) return e.diagnostics.map((d) => d.code).join(',');
    throw e;
  }
  return 'no error';
};

describe('a discretion band', () => {
  it('is recommended most favourable first, ordered by the ladder whatever the order written', () => {
    const facts = { ...base, forceMajeure: false, policyBoundaryUnclear: true };
    const r = engine.evaluate('bands', facts, { at: '2020-06-01' });
    expect(r.recommended).toEqual(['exempted', 'reduced']);
    expect(r.outcome).toBe('exempted');
    expect(r.resultKind).toBe('ladder');
    expect(r.decidedBy?.entry).toBe('d-unclear');
  });

  it('is worded as a recommendation within which the collective body decides', () => {
    const facts = { ...base, forceMajeure: false, policyBoundaryUnclear: true };
    const r = engine.evaluate('bands', facts, { at: '2020-06-01' });
    expect(r.recommendation.zh).toBe('建议可以免予问责或者减轻问责（由集体研究在此范围内认定）。');
    expect(r.recommendation.en).toBe(
      'Recommended: exempted or reduced (the collective body decides within this range).',
    );
  });

  it('gives one recommended outcome where the entry names one, also worded as a recommendation', () => {
    const r = engine.evaluate('bands', { ...base, forceMajeure: true }, { at: '2020-06-01' });
    expect(r.recommended).toEqual(['exempted']);
    expect(r.recommendation.zh).toBe('建议免予问责，由集体研究认定。');
  });

  it('recommends nothing while undetermined', () => {
    const r = engine.evaluate('bands', { inScope: true }, { at: '2020-06-01' });
    expect(r.outcome).toBe('undetermined');
    expect(r.recommended).toEqual([]);
    expect(r.resultKind).toBeUndefined();
    expect(r.recommendation.zh).toContain('由集体研究认定');
  });

  it('is undetermined while two bands with the same best outcome may still apply', () => {
    // Force majeure unknown: d-force (exempted) or d-unclear ([exempted, reduced]) may decide.
    const p = engine.at('bands', '2020-06-01');
    const facts = { ...base, policyBoundaryUnclear: true };
    expect(p.decideRank(facts)).toBe(-1);
    const r = engine.evaluate('bands', facts, { at: '2020-06-01', validate: false });
    expect(r.outcome).toBe('undetermined');
    expect(r.possibleOutcomes).toEqual(['exempted']);
    expect(r.missingFacts).toEqual(['forceMajeure']);
    const known = { ...facts, forceMajeure: false };
    expect(p.decideRank(known)).toBe(0);
    expect(p.possible(known).bands).toEqual([[0, 1]]);
  });

  it('explains why not an earlier entry whose band is narrower at the same best outcome', () => {
    const r = engine.evaluate(
      'bands',
      { ...base, forceMajeure: false, policyBoundaryUnclear: true },
      { at: '2020-06-01' },
    );
    expect(r.whyNot.map((w) => w.entry)).toEqual(['d-force']);
  });

  it('names the whole band of an entry in a why-not', () => {
    const r = engine.evaluate(
      'bands',
      { ...base, forceMajeure: false, policyBoundaryUnclear: false, cooperated: false },
      { at: '2020-06-01' },
    );
    expect(r.outcome).toBe('refused');
    const unclear = r.whyNot.find((w) => w.entry === 'd-unclear')!;
    expect(unclear.band).toEqual(['exempted', 'reduced']);
    expect(r.whyNot.find((w) => w.entry === 'd-force')!.band).toBeUndefined();
  });
});

describe('results off the ladder', () => {
  it('says plainly that a matter outside the scope is not for this measure', () => {
    const r = engine.evaluate(
      'bands',
      { inScope: false, stateEnterprise: false },
      { at: '2020-06-01' },
    );
    expect(r.outcome).toBe('outside');
    expect(r.resultKind).toBe('notApplicable');
    expect(r.recommended).toEqual(['outside']);
    expect(r.recommendation.zh).toBe(
      '不属于本办法适用范围，建议不适用本办法容错，由集体研究认定。',
    );
    // No outcome on the ladder is more favourable than a result off it: no why-nots.
    expect(r.whyNot).toEqual([]);
  });

  it('names the body a referred matter goes to', () => {
    const r = engine.evaluate(
      'bands',
      { inScope: false, stateEnterprise: true },
      { at: '2020-06-01' },
    );
    expect(r.resultKind).toBe('referred');
    expect(r.referredTo?.zh).toBe('所在单位党组织');
    expect(r.recommendation.zh).toBe(
      '不按本办法的结果阶梯认定，建议参照本办法办理，移送所在单位党组织，由集体研究认定。',
    );
  });

  it('may be declared by a local pack and given by its entries', () => {
    const child = parsePack(
      `
id: local
title: { zh: 下级, en: Local }
authority: { zh: 下级机关, en: Local body }
documentNumber: 'L-1'
jurisdiction: L
extends: bands
status: published
otherResults:
  - { id: transferred, kind: referred, label: { zh: 移送纪检监察机关, en: referred to the discipline body } }
versions:
  - id: l1
    from: '2020-01-01'
    decision:
      - { id: l-gain, outcome: transferred, when: { fact: privateGain, eq: true } }
      - { id: l-scope, outcome: outside, when: { fact: inScope, eq: false } }
      - { id: l-else, outcome: [exempted, reduced], otherwise: true }
`,
      'local.yaml',
    );
    const e = new PolicyEngine(new PackSet([pack(), child]));
    expect(e.evaluate('local', { privateGain: true }, { at: '2020-06-01' }).resultKind).toBe(
      'referred',
    );
    expect(
      e.evaluate('local', { privateGain: false, inScope: false }, { at: '2020-06-01' }).outcome,
    ).toBe('outside');
    expect(
      e.evaluate('local', { privateGain: false, inScope: true }, { at: '2020-06-01' }).recommended,
    ).toEqual(['exempted', 'reduced']);
  });
});

describe('从旧兼从轻 with bands and results off the ladder', () => {
  const at = '2021-06-01';
  const decidedAt = '2022-06-01';
  const ev = (facts: Record<string, unknown>) =>
    engine.evaluate('bands', facts as never, { at, decidedAt, validate: false });

  it('ranks a band at its best outcome: a better best outcome in the later version applies', () => {
    // v1: cooperation gives [reduced, lighter]; v2 gives [exempted, reduced].
    const r = ev({ ...base, forceMajeure: false, policyBoundaryUnclear: false, cooperated: true });
    expect(r.time.applied).toBe('decision');
    expect(r.recommended).toEqual(['exempted', 'reduced']);
  });

  it('with the same best outcome, prefers the band whose worst outcome is better', () => {
    // Force majeure: v1 gives exempted alone, v2 [exempted, reduced]: the conduct version applies.
    const force = ev({ ...base, forceMajeure: true });
    expect(force.time.applied).toBe('conduct');
    expect(force.recommended).toEqual(['exempted']);
    // Unclear boundary: v1 [exempted, reduced], v2 [exempted, lighter]: the conduct version applies.
    const unclear = ev({ ...base, forceMajeure: false, policyBoundaryUnclear: true });
    expect(unclear.time.applied).toBe('conduct');
    expect(unclear.recommended).toEqual(['exempted', 'reduced']);
  });

  it('never ranks a result off the ladder as more favourable than an outcome on it', () => {
    // Nothing holds: v1 refuses tolerance (on the ladder), v2 says not applicable: v1 applies.
    const r = ev({
      ...base,
      forceMajeure: false,
      policyBoundaryUnclear: false,
      cooperated: false,
    });
    expect(r.time.applied).toBe('conduct');
    expect(r.outcome).toBe('refused');
  });

  it('keeps the conduct version where both give a result off the ladder', () => {
    const r = ev({ inScope: false, stateEnterprise: true });
    expect(r.time.applied).toBe('conduct');
    expect(r.outcome).toBe('by-reference');
    const s = ev({ inScope: false, stateEnterprise: false });
    expect(s.outcome).toBe('outside');
    expect(s.time.applied).toBe('conduct');
  });

  it('follows the written rule, pair by pair', () => {
    const L = 4;
    expect(conductApplies([1], [0, 2], L)).toBe(false); // better best outcome
    expect(conductApplies([0], [0, 1], L)).toBe(true); // same best, better worst
    expect(conductApplies([0, 2], [0, 1], L)).toBe(false);
    expect(conductApplies([0, 1], [0, 1], L)).toBe(true); // a tie stays with the conduct
    expect(conductApplies([4], [3], L)).toBe(false); // the ladder wins over off-ladder
    expect(conductApplies([3], [5], L)).toBe(true);
    expect(conductApplies([5], [4], L)).toBe(true); // both off: the conduct's
  });
});

describe('checking bands and results off the ladder', () => {
  it('refuses a band naming an unknown outcome, with a did-you-mean', () => {
    const bad = BANDS_YAML.replace('outcome: [reduced, exempted]', 'outcome: [reduced, exempt]');
    const e = new PolicyEngine(new PackSet([pack(bad)]));
    let message = '';
    try {
      e.at('bands', '2020-06-01');
    } catch (x) {
      message = (x as PolicyError).diagnostics.map((d) => d.message.en).join('\n');
    }
    expect(message).toContain("gives 'exempt'");
    expect(message).toContain("'exempted'");
  });

  it('refuses a result off the ladder inside a band', () => {
    const bad = BANDS_YAML.replace('outcome: [reduced, exempted]', 'outcome: [reduced, outside]');
    const e = new PolicyEngine(new PackSet([pack(bad)]));
    expect(codeOf(() => e.at('bands', '2020-06-01'))).toContain('PACK_BAND_OFF_LADDER');
  });

  it('refuses a result off the ladder with the id of an outcome on it', () => {
    const bad = BANDS_YAML.replace('{ id: outside, kind', '{ id: reduced, kind');
    const e = new PolicyEngine(new PackSet([pack(bad)]));
    expect(codeOf(() => e.at('bands', '2020-06-01'))).toContain('PACK_OTHER_RESULT_CLASH');
  });

  it('says once what an outcome may be, when it is neither an id nor a list of ids', () => {
    let messages: string[] = [];
    try {
      pack(BANDS_YAML.replace('outcome: [reduced, exempted]', 'outcome: []'));
    } catch (x) {
      messages = (x as PolicyError).diagnostics.map((d) => d.message.en);
    }
    expect(messages).toEqual([
      'versions[0].decision[4].outcome: must be an outcome id, or a list of outcome ids (a discretion band, e.g. [exempted, reduced]).',
    ]);
  });

  it('refuses a result kind the language does not know', () => {
    expect(codeOf(() => pack(BANDS_YAML.replace('kind: notApplicable', 'kind: excused')))).toBe(
      'PACK_SCHEMA',
    );
  });

  const lintCodes = (yaml: string) => {
    const p = pack(yaml);
    return lintPack(new PackSet([p]), p).diagnostics.map((d) => `${d.severity}:${d.code}`);
  };

  it('warns of a band out of ladder order, repeating an outcome, or skipping a step', () => {
    const codes = lintCodes(BANDS_YAML);
    expect(codes).toContain('warning:PACK_BAND_ORDER'); // [reduced, exempted], [lighter, reduced]
    expect(codes).toContain('warning:PACK_BAND_GAP'); // v2 [exempted, lighter] skips reduced
    expect(codes).not.toContain('warning:PACK_BAND_REPEATED');
    const repeated = lintCodes(
      BANDS_YAML.replace('outcome: [lighter, reduced]', 'outcome: [lighter, lighter]'),
    );
    expect(repeated).toContain('warning:PACK_BAND_REPEATED');
  });

  it('leaves a band written in order and without gaps alone', () => {
    const fixed = BANDS_YAML.replace('[reduced, exempted]', '[exempted, reduced]')
      .replace('[lighter, reduced]', '[reduced, lighter]')
      .replace('[exempted, lighter]', '[exempted, reduced, lighter]');
    const codes = lintCodes(fixed);
    expect(codes.filter((c) => c.includes('PACK_BAND'))).toEqual([]);
  });

  it('still finds a band entry that can never decide, naming the earlier entry', () => {
    const shadowed = BANDS_YAML.replace(
      '      - { id: d-coop, outcome: [lighter, reduced], when: { rule: m-coop } }\n',
      '      - { id: d-coop, outcome: [lighter, reduced], when: { rule: m-coop } }\n      - { id: d-coop2, outcome: [exempted, reduced], when: { all: [{ rule: m-coop }, { rule: s-force }] } }\n',
    );
    const p = pack(shadowed);
    const found = lintPack(new PackSet([p]), p).diagnostics.find(
      (d) => d.code === 'PACK_DECISION_UNREACHABLE',
    );
    expect(found?.message.en).toContain("decision entry 'd-coop2' can never decide");
    expect(found?.message.en).toContain("'d-force'");
  });
});

describe('scenarios', () => {
  const SCENARIOS = `
scenarios:
  - name: An unclear policy boundary may be exempted or reduced, as the committee decides
    at: 2020-06-01
    facts: { inScope: true, privateGain: false, forceMajeure: false, policyBoundaryUnclear: true }
    expect: { outcome: exempted, recommended: [exempted, reduced], resultKind: ladder }
  - name: A band expected as one outcome fails, and so does a wrong result kind
    at: 2020-06-01
    facts: { inScope: true, privateGain: false, forceMajeure: false, policyBoundaryUnclear: true }
    expect: { recommended: [exempted], resultKind: referred }
  - name: Someone outside the measure's scope is not for this measure
    at: 2020-06-01
    facts: { inScope: false, stateEnterprise: false }
    expect: { recommended: [outside], resultKind: notApplicable }
`;

  it('check the recommended band and the kind of result', () => {
    const [ok, wrong, outside] = parseScenarios(SCENARIOS, 'scenarios.yaml', 'bands').map((s) =>
      runScenario(engine, s),
    );
    expect(ok!.failures).toEqual([]);
    expect(outside!.failures).toEqual([]);
    expect(wrong!.failures.map((f) => f.en)).toEqual([
      'expected the recommendation [exempted], got [exempted, reduced]',
      'expected the result kind referred, got ladder',
    ]);
  });

  it('refuses a recommended that is not a list', () => {
    const bad = SCENARIOS.replace('recommended: [outside]', 'recommended: outside');
    expect(codeOf(() => parseScenarios(bad, 'scenarios.yaml', 'bands'))).toBe('SCENARIO_BAD');
  });
});
