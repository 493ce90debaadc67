import { describe, expect, it } from 'vitest';
import { PolicyEngine } from './engine.js';
import { PolicyError } from './errors.js';
import { PackSet } from './resolve.js';
import { childPack, ROOT_YAML, rootPack } from './testing/packs.js';

const engine = (...packs: ReturnType<typeof rootPack>[]) => new PolicyEngine(new PackSet(packs));
const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof PolicyError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('three-valued evaluation', () => {
  const e = engine(rootPack());

  it('decides from an exclusion alone, with nothing else known and nothing missing', () => {
    const r = e.evaluate('root', { privateGain: true }, { at: '2020-06-01' });
    expect(r.outcome).toBe('bad');
    expect(r.missingFacts).toEqual([]);
    expect(r.reasons.map((x) => x.rule)).toEqual(['excl-gain']);
    expect(r.reasons[0]!.clauses[0]!.citation.zh).toBe('《文件》（R-1）第一条');
  });

  it('is undetermined when unknown facts could still change the outcome, and lists only those', () => {
    const r = e.evaluate('root', { purpose: 'reform_pilot' }, { at: '2020-06-01' });
    expect(r.outcome).toBe('undetermined');
    expect(new Set(r.missingFacts)).toEqual(new Set(['privateGain', 'noPrecedent']));
    expect(r.possibleOutcomes).toEqual(['good', 'bad']);
  });

  it('does not ask for facts under a condition already false', () => {
    const r = e.evaluate(
      'root',
      { privateGain: false, purpose: 'routine_duty' },
      { at: '2020-06-01' },
    );
    expect(r.outcome).toBe('bad');
    expect(r.missingFacts).toEqual([]);
    expect(r.decidedBy?.entry).toBe('d-else');
  });

  it('explains why a more favourable outcome was not reached', () => {
    const r = e.evaluate(
      'root',
      { privateGain: false, purpose: 'reform_pilot', noPrecedent: false },
      { at: '2020-06-01' },
    );
    expect(r.outcome).toBe('bad');
    expect(r.whyNot).toHaveLength(1);
    const w = r.whyNot[0]!;
    expect(w.outcome).toBe('good');
    expect(w.failed[0]!.rule).toBe('sit');
    expect(w.failed[0]!.because).toEqual([
      expect.objectContaining({ status: 'failed', fact: 'noPrecedent', actual: false }),
    ]);
  });

  it('gives no why-not for an outcome an earlier exclusion pre-empts; the negative list says which', () => {
    const r = e.evaluate(
      'root',
      { privateGain: true, purpose: 'reform_pilot', noPrecedent: true },
      { at: '2020-06-01' },
    );
    expect(r.whyNot).toEqual([]);
    expect(r.negativeList).toEqual([
      expect.objectContaining({ rule: 'excl-gain', status: 'present' }),
    ]);
    expect(r.situations).toEqual([expect.objectContaining({ rule: 'sit', decisive: false })]);
  });
});

describe('versions in time', () => {
  const e = engine(rootPack());

  it('applies the version in force on the date of the conduct, boundaries included', () => {
    const facts = { privateGain: false, purpose: 'routine_duty', cooperated: true } as const;
    expect(e.evaluate('root', facts, { at: '2021-12-31' })).toMatchObject({
      version: 'v1',
      outcome: 'bad',
    });
    expect(e.evaluate('root', facts, { at: '2022-01-01' })).toMatchObject({
      version: 'v2',
      outcome: 'middle',
    });
  });

  it('applies the later version when it is more favourable at the date of decision (从旧兼从轻)', () => {
    const facts = { privateGain: false, purpose: 'routine_duty', cooperated: true } as const;
    const r = e.evaluate('root', facts, { at: '2021-06-01', decidedAt: '2022-03-01' });
    expect(r).toMatchObject({ outcome: 'middle', version: 'v2' });
    expect(r.time).toMatchObject({
      applied: 'decision',
      moreLenientLaterVersion: true,
      conductVersion: 'v1',
    });
    expect(r.time.note.zh).toContain('从旧兼从轻');
  });

  it('keeps the older version when the later one is not more favourable', () => {
    const facts = { privateGain: false, purpose: 'reform_pilot', noPrecedent: true } as const;
    const r = e.evaluate('root', facts, { at: '2021-06-01', decidedAt: '2022-03-01' });
    expect(r).toMatchObject({ outcome: 'good', version: 'v1' });
    expect(r.time.applied).toBe('conduct');
  });

  it('stays undetermined when unknown facts decide which version is more favourable', () => {
    const r = e.evaluate(
      'root',
      { privateGain: false, purpose: 'routine_duty' },
      { at: '2021-06-01', decidedAt: '2022-03-01' },
    );
    expect(r.outcome).toBe('undetermined');
    expect(r.missingFacts).toEqual(['cooperated']);
  });

  it('refuses a date outside every version, a malformed date, and a decision before the conduct', () => {
    expect(codeOf(() => e.evaluate('root', {}, { at: '2019-12-31' }))).toBe(
      'POLICY_NO_VERSION_AT_DATE',
    );
    expect(codeOf(() => e.evaluate('root', {}, { at: '2021-02-30' }))).toBe('POLICY_BAD_DATE');
    expect(
      codeOf(() => e.evaluate('root', {}, { at: '2021-02-03', decidedAt: '2021-01-01' })),
    ).toBe('POLICY_DECIDED_BEFORE_CONDUCT');
  });

  it('refuses to evaluate a pack whose version windows overlap', () => {
    const bad = rootPack().versions[0]!;
    const p = {
      ...rootPack(),
      versions: [bad, { ...rootPack().versions[1]!, from: '2021-06-01' }],
    };
    expect(codeOf(() => engine(p).evaluate('root', {}, { at: '2021-07-01' }))).toBe(
      'PACK_WINDOW_OVERLAP',
    );
  });
});

describe('fact sets from users', () => {
  const e = engine(rootPack());
  it.each([
    [{ privateGian: true }, 'FACTS_UNKNOWN_FACT', "Did you mean 'privateGain'?"],
    [{ privateGain: 'yes' }, 'FACTS_BAD_VALUE', 'must be true or false'],
    [{ purpose: 'reform' }, 'FACTS_BAD_VALUE', 'must be one of reform_pilot'],
    [{ lossAmount: -5 }, 'FACTS_BAD_VALUE', 'cannot be less than 0'],
    [{ lossAmount: '12' }, 'FACTS_BAD_VALUE', 'must be a number'],
  ])('refuses %j with %s', (facts, code, words) => {
    try {
      e.evaluate('root', facts as never, { at: '2020-06-01' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PolicyError);
      expect((err as PolicyError).code).toBe(code);
      expect((err as PolicyError).diagnostics[0]!.message.en).toContain(words);
      expect((err as PolicyError).diagnostics[0]!.message.zh.length).toBeGreaterThan(5);
    }
  });
  it('treats null as unknown', () => {
    expect(e.evaluate('root', { privateGain: null }, { at: '2020-06-01' }).outcome).toBe(
      'undetermined',
    );
  });
});

/** A child pack from `from`: its own fact onList and situation, good when either situation holds. */
function listChild(from: string) {
  return childPack(
    `
  - id: c1
    from: '${from}'
    clauses:
      - { id: k1, source: doc, article: { zh: 第一条, en: Art. 1 }, text: { zh: 本地, en: local } }
    rules:
      - { id: local-sit, kind: situation, title: { zh: 清单, en: list }, clauses: [k1], when: { fact: onList, eq: true } }
    decision:
      - { id: k-good, outcome: good, when: { any: [{ rule: local-sit }, { rule: sit }] } }
      - { id: k-else, outcome: bad, otherwise: true }
`,
    `facts:
  onList: { type: boolean, label: { zh: 清单, en: On the list }, help: { zh: 是否列入, en: Whether listed } }`,
  );
}

describe('conduct before a local measure took effect (从旧兼从轻 across levels)', () => {
  const e = engine(rootPack(), listChild('2021-01-01'));
  const facts = { privateGain: false, purpose: 'routine_duty', noPrecedent: false, onList: true };

  it('judges it by the parent rules in force then, the local facts accepted but not weighed', () => {
    const r = e.evaluate('child', facts, { at: '2020-06-01' });
    expect(r.outcome).toBe('bad');
    expect(r.chain).toEqual([{ pack: 'root', version: 'v1' }]);
    expect(r.time).toMatchObject({ conductPack: 'root', conductVersion: 'v1', applied: 'conduct' });
    expect(r.time.note.zh).toContain('《子》尚未施行，依《根》当时施行的版本 v1');
    expect(r.time.note.zh).not.toContain('《《');
    expect(r.time.note.en).toContain('Child was not yet in force');
  });

  it('applies the local measure in force at the decision when it is more favourable', () => {
    const r = e.evaluate('child', facts, { at: '2020-06-01', decidedAt: '2021-06-01' });
    expect(r.outcome).toBe('good');
    expect(r.time).toMatchObject({
      conductPack: 'root',
      conductVersion: 'v1',
      decisionVersion: 'c1',
      applied: 'decision',
      moreLenientLaterVersion: true,
    });
    expect(r.time.note.zh).toMatch(/^行为发生时（2020-06-01）《子》尚未施行/);
  });

  it('still refuses a fact no one declares, and a date before every level', () => {
    expect(codeOf(() => e.evaluate('child', { onLsit: true }, { at: '2020-06-01' }))).toBe(
      'FACTS_UNKNOWN_FACT',
    );
    expect(codeOf(() => e.evaluate('child', {}, { at: '2019-12-31' }))).toBe(
      'POLICY_NO_VERSION_AT_DATE',
    );
  });

  it('gives no conductPack when the measure itself was in force', () => {
    expect(e.evaluate('child', facts, { at: '2021-06-01' }).time.conductPack).toBeUndefined();
  });
});

describe('inheritance', () => {
  const e = engine(rootPack(), listChild('2020-01-01'));

  it('inherits the parent facts, clauses and rules, and adds its own', () => {
    const r = e.evaluate('child', { privateGain: false, onList: true }, { at: '2020-06-01' });
    expect(r.outcome).toBe('good');
    expect(r.reasons.map((x) => x.rule)).toEqual(['local-sit']);
    expect(r.chain).toEqual([
      { pack: 'child', version: 'c1' },
      { pack: 'root', version: 'v1' },
    ]);
  });

  it("applies the parent's binding exclusions before anything the child decides", () => {
    const r = e.evaluate('child', { privateGain: true, onList: true }, { at: '2020-06-01' });
    expect(r).toMatchObject({ outcome: 'bad', decidedBy: { entry: 'd-excl' } });
  });

  it('follows the parent version in force on the date', () => {
    expect(e.evaluate('child', { privateGain: true }, { at: '2022-06-01' }).chain[1]).toEqual({
      pack: 'root',
      version: 'v2',
    });
  });

  it('refuses a child that redefines a parent rule or sets its own outcomes', () => {
    const redefining = childPack(`
  - id: c1
    from: '2020-01-01'
    rules:
      - { id: excl-gain, kind: exclusion, title: { zh: 私利, en: gain }, clauses: [c1], when: { fact: privateGain, eq: false } }
`);
    expect(
      codeOf(() => engine(rootPack(), redefining).evaluate('child', {}, { at: '2020-06-01' })),
    ).toBe('PACK_REDEFINES_INHERITED');
  });

  it('refuses an unknown parent', () => {
    expect(codeOf(() => new PackSet([childPack(`  - { id: c1, from: '2020-01-01' }`)]))).toBe(
      'PACK_UNKNOWN_PARENT',
    );
  });
});

describe('versions that amend others', () => {
  it('inherit the amended content and drop what they remove', () => {
    // v2 removes a rule its decision still uses: the compiler must refuse it.
    const yaml = ROOT_YAML.replace('    amends: v1\n', '    amends: v1\n    removes: [sit]\n');
    const e = engine(rootPack(yaml));
    expect(codeOf(() => e.evaluate('root', { cooperated: true }, { at: '2022-06-01' }))).toBe(
      'PACK_UNKNOWN_RULE',
    );
    expect(
      e.evaluate('root', { cooperated: true, privateGain: false }, { at: '2021-06-01' }).outcome,
    ).toBe('undetermined');
  });
});

describe('a child decision without otherwise', () => {
  const child = childPack(`
  - id: c1
    from: '2020-01-01'
    clauses:
      - { id: k1, source: doc, article: { zh: 第一条, en: Art. 1 }, text: { zh: 本地情形, en: local situation } }
    rules:
      - { id: local, kind: situation, title: { zh: 本地, en: local }, clauses: [k1], when: { fact: noPrecedent, eq: true } }
    decision:
      - { id: k-good, outcome: good, when: { rule: local } }
`);
  const engine = new PolicyEngine(new PackSet([rootPack(), child]));

  it('continues with the parent entries in force on the date, after its own', () => {
    const p = engine.at('child', '2022-06-01');
    expect(p.entries.map((e) => e.entry.id)).toEqual([
      'd-excl',
      'k-good',
      'd-good',
      'd-mid',
      'd-else',
    ]);
    // Under the parent's 2020 version there is no mitigation entry to continue with.
    const early = engine.at('child', '2021-06-01');
    expect(early.entries.map((e) => e.entry.id)).toEqual(['d-excl', 'k-good', 'd-good', 'd-else']);
    const r = engine.evaluate(
      'child',
      { privateGain: false, noPrecedent: false, cooperated: true, purpose: 'routine_duty' },
      { at: '2022-06-01' },
    );
    expect(r).toMatchObject({ outcome: 'middle', decidedBy: { entry: 'd-mid' } });
  });
});
