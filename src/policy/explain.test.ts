import { describe, expect, it } from 'vitest';
import { PolicyEngine } from './engine.js';
import { PackSet } from './resolve.js';
import { CLEAN, explainPack } from './testing/explain-pack.js';
import { rootPack } from './testing/packs.js';
import { bareTitle, inTitleMarks } from './title-marks.js';

const engine = new PolicyEngine(new PackSet([explainPack()]));
const ev = (facts: Record<string, unknown>) =>
  engine.evaluate('ex', facts as never, { at: '2021-06-01' });

/** Two situations hold at once: a pilot without precedent, and an unclear boundary. */
const TWO_SITUATIONS = {
  ...CLEAN,
  purpose: 'reform_pilot',
  noPrecedent: true,
  policyBoundaryUnclear: true,
  forceMajeure: false,
};

describe('every situation that holds', () => {
  it('lists each situation under an `any` among the reasons, not only the first', () => {
    const r = ev(TWO_SITUATIONS);
    expect(r.outcome).toBe('exempted');
    expect(r.reasons.map((x) => x.rule)).toEqual(['s-pilot', 's-unclear']);
    expect(r.situations.map((s) => [s.rule, s.decisive])).toEqual([
      ['s-pilot', true],
      ['s-unclear', true],
    ]);
    expect(r.situations[0]!.facts).toEqual([
      { fact: 'purpose', value: 'reform_pilot' },
      { fact: 'noPrecedent', value: true },
    ]);
  });

  it('lists situations and immunities that hold even when something else decides, marked not decisive', () => {
    const r = ev({ ...TWO_SITUATIONS, privateGain: true, objectionRecorded: true });
    expect(r.outcome).toBe('refused');
    expect(r.reasons.map((x) => x.rule)).toEqual(['x-gain']);
    expect(r.situations.map((s) => [s.rule, s.kind, s.decisive])).toEqual([
      ['s-pilot', 'situation', false],
      ['s-unclear', 'situation', false],
      ['i-objection', 'immunity', false],
    ]);
    // Their facts are those that make them hold.
    expect(r.situations[1]!.facts).toEqual([{ fact: 'policyBoundaryUnclear', value: true }]);
  });

  it('lists the situations known to hold while the outcome is undetermined', () => {
    const r = ev({ policyBoundaryUnclear: true });
    expect(r.outcome).toBe('undetermined');
    expect(r.situations.map((s) => [s.rule, s.decisive])).toEqual([['s-unclear', false]]);
  });
});

describe('the negative list checked', () => {
  it('names every exclusion found absent, in the pack’s order, with the facts read', () => {
    const r = ev(TWO_SITUATIONS);
    expect(r.negativeList).toEqual([
      {
        rule: 'x-gain',
        title: { zh: '谋取私利', en: 'Private gain' },
        status: 'absent',
        clauses: ['k-excl'],
        facts: [{ fact: 'privateGain', value: false }],
      },
      expect.objectContaining({ rule: 'x-crime', status: 'absent' }),
      expect.objectContaining({ rule: 'x-ban', status: 'absent' }),
    ]);
  });

  it('says which exclusion is present, and which are not yet known', () => {
    const r = ev({ privateGain: true, actedAfterExplicitBan: false });
    expect(r.outcome).toBe('refused');
    expect(r.negativeList.map((x) => [x.rule, x.status])).toEqual([
      ['x-gain', 'present'],
      ['x-crime', 'unknown'],
      ['x-ban', 'absent'],
    ]);
    expect(r.negativeList[1]!.facts).toEqual([{ fact: 'crimeSuspected', value: null }]);
  });
  it('gives each evaluation its own statuses (checks are shared between evaluations)', () => {
    const statuses = [true, false, null, true].map(
      (g) => ev({ ...CLEAN, privateGain: g }).negativeList[0]!,
    );
    expect(statuses.map((x) => [x.status, x.facts[0]!.value])).toEqual([
      ['present', true],
      ['absent', false],
      ['unknown', null],
      ['present', true],
    ]);
  });
});

describe('clauses cited once', () => {
  it('quotes a clause cited by several rules once, in the order first cited', () => {
    const r = ev(TWO_SITUATIONS);
    // k-sit is cited by both situations (reasons), k-excl by all three exclusions, k-imm by the
    // why-not of the objection; k-mit by nothing explained (its entry comes after the deciding one).
    expect(r.citedClauses.map((c) => c.id)).toEqual(['k-sit', 'k-excl', 'k-imm']);
    expect(r.situations.map((s) => s.clauses)).toEqual([['k-sit'], ['k-sit']]);
  });

  it('cites the clauses of the why-nots, and of nothing that was not explained', () => {
    const r = ev({
      ...CLEAN,
      purpose: 'routine_duty',
      policyBoundaryUnclear: false,
      forceMajeure: false,
      cooperated: false,
    });
    expect(r.outcome).toBe('refused');
    expect(r.citedClauses.map((c) => c.id)).toEqual(['k-excl', 'k-imm', 'k-sit', 'k-mit']);
    const gain = ev({ privateGain: true });
    expect(gain.citedClauses.map((c) => c.id)).toEqual(['k-excl']);
  });
});

describe('why-nots only for outcomes the facts could have reached', () => {
  it('gives none when an exclusion decides: every more favourable entry comes after it', () => {
    const r = ev({
      ...TWO_SITUATIONS,
      privateGain: true,
      objectionRecorded: true,
      cooperated: true,
    });
    expect(r.decidedBy?.entry).toBe('d-gain');
    expect(r.whyNot).toEqual([]);
  });

  it('explains each more favourable entry before the deciding one, and none after it', () => {
    const r = ev({
      ...CLEAN,
      purpose: 'routine_duty',
      policyBoundaryUnclear: false,
      forceMajeure: false,
      cooperated: true,
    });
    expect(r.outcome).toBe('lighter');
    expect(r.whyNot.map((w) => [w.outcome, w.entry])).toEqual([
      ['none', 'd-objection'],
      ['exempted', 'd-exempt'],
    ]);
    expect(r.whyNot.every((w) => w.precludedBy === undefined && w.failed.length > 0)).toBe(true);
  });

  it('gives none for an undetermined outcome, whose missing facts say what is needed', () => {
    const r = ev({ ...CLEAN });
    expect(r.outcome).toBe('undetermined');
    expect(r.whyNot).toEqual([]);
    expect(r.missingFacts.length).toBeGreaterThan(0);
  });

  it('keeps no reasons, why-nots or deciding entry when 从旧兼从轻 leaves the outcome open', () => {
    const e = new PolicyEngine(new PackSet([rootPack()]));
    const r = e.evaluate(
      'root',
      { privateGain: false, purpose: 'routine_duty' },
      { at: '2021-06-01', decidedAt: '2022-03-01' },
    );
    expect(r.outcome).toBe('undetermined');
    expect(r.decidedBy).toBeUndefined();
    expect(r.reasons).toEqual([]);
    expect(r.whyNot).toEqual([]);
    expect(r.negativeList.map((x) => [x.rule, x.status])).toEqual([['excl-gain', 'absent']]);
    expect(r.citedClauses.map((c) => c.id)).toEqual(['c1']);
  });
});

describe('title marks, once', () => {
  it('does not wrap a title that brings its own marks again', () => {
    const r = ev(TWO_SITUATIONS);
    const k = r.citedClauses.find((c) => c.id === 'k-sit')!;
    expect(k.citation.zh).toBe('《容错纠错办法》（E-1）第三条');
    expect(k.citation.en).toBe('Measures on Tolerance (E-1), Art. 3');
    const imm = r.citedClauses.find((c) => c.id === 'k-imm')!;
    expect(imm.citation.zh).toBe('《关于贯彻〈问责条例〉的实施办法》第二条');
    expect(JSON.stringify(r)).not.toMatch(/《《|》》/);
  });

  it.each([
    ['中国共产党问责条例', '《中国共产党问责条例》'],
    ['《中国共产党问责条例》', '《中国共产党问责条例》'],
    ['《《中国共产党问责条例》》', '《中国共产党问责条例》'],
    [' 《问责条例》 ', '《问责条例》'],
    ['关于贯彻《问责条例》的办法', '《关于贯彻〈问责条例〉的办法》'],
    ['《甲》和《乙》', '《〈甲〉和〈乙〉》'],
  ])('inTitleMarks(%j) is %j', (title, want) => {
    expect(inTitleMarks(title)).toBe(want);
  });

  it('bareTitle strips the outer marks only', () => {
    expect(bareTitle('《关于贯彻《问责条例》的办法》')).toBe('关于贯彻〈问责条例〉的办法');
  });
});
