import { describe, expect, it } from 'vitest';
import { CompiledPolicy } from './compile.js';
import { PolicyEngine } from './engine.js';
import { PackSet } from './resolve.js';
import { longLadderPack, rootPack } from './testing/packs.js';

describe('possible outcomes', () => {
  const engine = new PolicyEngine(new PackSet([rootPack()]));
  const p = engine.at('root', '2022-06-01');

  it('are returned by the evaluation, not kept on the compiled policy', () => {
    const open = p.possible({ purpose: 'routine_duty', privateGain: false });
    expect(open).toEqual({
      rank: -1,
      ranks: [1, 2],
      ids: ['middle', 'bad'],
      bands: [[1], [2]],
      choice: -1,
    });
    const decided = p.possible({ privateGain: true });
    expect(decided).toMatchObject({ rank: 2, ranks: [2], ids: ['bad'], bands: [[2]] });
    // The first answer is a value of its own, unchanged by the later evaluation.
    expect(open.ids).toEqual(['middle', 'bad']);
    expect(Object.isFrozen(open) && Object.isFrozen(open.ids)).toBe(true);
    expect(p.decideRank({ purpose: 'routine_duty', privateGain: false })).toBe(-1);
    expect(p.decideRank({ privateGain: true })).toBe(2);
  });
});

describe.each([31, 32, 40, 70])('a pack with %i outcomes', (n) => {
  const engine = new PolicyEngine(new PackSet([longLadderPack(n)]));

  it('compiles and decides every step of its ladder, the last ones included', () => {
    const p = engine.at('long', '2020-06-01');
    expect(p).toBeInstanceOf(CompiledPolicy);
    expect(p.outcomes).toHaveLength(n);
    for (const step of [0, 29, 30, 31, n - 2, n - 1].filter((s) => s < n)) {
      expect(p.decideRank({ step })).toBe(step);
      expect(p.decide({ step })).toBe(`o${step}`);
      expect(p.possible({ step })).toMatchObject({ rank: step, ids: [`o${step}`] });
    }
    expect(p.decide({ step: n + 5 })).toBe(`o${n - 1}`);
  });

  it('explains a decision past the 31st step and lists every possible outcome when unknown', () => {
    const r = engine.evaluate('long', { step: n - 2 }, { at: '2020-06-01' });
    expect(r.outcome).toBe(`o${n - 2}`);
    expect(r.reasons.map((x) => x.rule)).toEqual([`r${n - 2}`]);
    expect(r.whyNot).toHaveLength(n - 2);
    const open = engine.evaluate('long', {}, { at: '2020-06-01' });
    expect(open.outcome).toBe('undetermined');
    expect(open.possibleOutcomes).toEqual(Array.from({ length: n }, (_, i) => `o${i}`));
    expect(open.missingFacts).toEqual(['step']);
  });

  it('applies a more lenient later version (从旧兼从轻) on the long ladder', () => {
    const facts = { step: n - 1, cooperated: true };
    const r = engine.evaluate('long', facts, { at: '2021-06-01', decidedAt: '2022-03-01' });
    expect(r).toMatchObject({ outcome: `o${n - 4}`, version: 'v2' });
    expect(r.time.applied).toBe('decision');
    const open = engine.evaluate(
      'long',
      { step: n - 1 },
      { at: '2021-06-01', decidedAt: '2022-03-01' },
    );
    expect(open.outcome).toBe('undetermined');
    expect(open.possibleOutcomes).toEqual([`o${n - 4}`, `o${n - 1}`]);
    expect(open.missingFacts).toEqual(['cooperated']);
  });
});
