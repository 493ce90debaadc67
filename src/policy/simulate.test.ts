import { describe, expect, it } from 'vitest';
import { PolicyEngine } from './engine.js';
import { PackSet } from './resolve.js';
import {
  parseCaseLine,
  perDate,
  simulate,
  simulateAsync,
  type SimInput,
  type SimulateOptions,
} from './simulate.js';
import { rootPack } from './testing/packs.js';

// The test root pack: v1 (2020–2021) knows no mitigation, v2 (from 2022) adds `cooperated` → middle.
const engine = new PolicyEngine(new PackSet([rootPack()]));
const options = (extra: Partial<SimulateOptions> = {}): SimulateOptions => ({
  baseline: perDate((d) => engine.at('root', d)),
  candidate: perDate(() => engine.version('root', 'v2')),
  ...extra,
});

const cooperative = { privateGain: false, purpose: 'routine_duty', cooperated: true };
const cases: SimInput[] = [
  { id: 'gain', conductDate: '2020-06-01', facts: { privateGain: true }, line: 1 },
  { id: 'coop-2020', conductDate: '2020-06-01', facts: cooperative, line: 2 },
  { id: 'coop-2021', conductDate: '2021-03-01', facts: cooperative, line: 3 },
  { id: 'coop-2022', conductDate: '2022-06-01', facts: cooperative, line: 4 },
  { id: 'unknown', conductDate: '2020-06-01', facts: {}, line: 5 },
  { id: 'too-early', conductDate: '2019-01-01', facts: { privateGain: true }, line: 6 },
  { id: 'bad-fact', conductDate: '2020-06-01', facts: { privatGain: true }, line: 7 },
  { id: 'bad-type', conductDate: '2020-06-01', facts: { privateGain: 'yes' }, line: 8 },
  parseCaseLine('{"id": "x", ', 9)!,
];

describe('simulate', () => {
  const r = simulate(cases, options());

  it('counts every case, evaluated or not', () => {
    expect(r.total).toBe(9);
    expect(r.evaluated).toBe(5);
    expect(r.notEvaluated).toBe(4);
    expect(r.changed).toBe(2);
    expect(r.unchanged).toBe(3);
  });

  it('reports each move with its case ids, in ladder order', () => {
    expect(r.transitions.map((t) => [t.from, t.to, t.count, t.ids])).toEqual([
      ['middle', 'middle', 1, ['coop-2022']],
      ['bad', 'middle', 2, ['coop-2020', 'coop-2021']],
      ['bad', 'bad', 1, ['gain']],
      ['undetermined', 'undetermined', 1, ['unknown']],
    ]);
    expect(r.outcomes).toEqual(['good', 'middle', 'bad', 'undetermined']);
  });

  it('totals the outcomes on each side', () => {
    expect(r.totals.baseline).toEqual({ good: 0, middle: 1, bad: 3, undetermined: 1 });
    expect(r.totals.candidate).toEqual({ good: 0, middle: 3, bad: 1, undetermined: 1 });
  });

  it('lists the cases it could not evaluate with line, side and reason, without stopping', () => {
    expect(r.skipped.map((s) => [s.line, s.id, s.side, s.code])).toEqual([
      [6, 'too-early', 'baseline', 'POLICY_NO_VERSION_AT_DATE'],
      [7, 'bad-fact', 'input', 'FACTS_UNKNOWN_FACT'],
      [8, 'bad-type', 'input', 'FACTS_BAD_VALUE'],
      [9, undefined, 'input', 'SIM_BAD_JSON'],
    ]);
    expect(r.skipped[1]!.reason.en).toContain("Did you mean 'privateGain'?");
    expect(r.skipped[0]!.reason.zh).toContain('没有生效的版本');
  });

  it('keeps at most maxIdsPerCell ids but exact counts', () => {
    const many: SimInput[] = Array.from({ length: 50 }, (_, i) => ({
      id: `c${i}`,
      conductDate: '2020-06-01',
      facts: cooperative,
    }));
    const small = simulate(many, options({ maxIdsPerCell: 3, maxNotEvaluated: 0 }));
    expect(small.transitions).toEqual([
      { from: 'bad', to: 'middle', count: 50, ids: ['c0', 'c1', 'c2'] },
    ]);
  });

  it('can skip validation and then evaluates facts as given', () => {
    const loose = simulate(cases.slice(6, 7), options({ validate: false }));
    expect(loose.evaluated).toBe(1);
  });

  it('reports progress every progressEvery inputs', () => {
    const seen: number[] = [];
    simulate(cases, options({ progressEvery: 4, onProgress: (n) => seen.push(n) }));
    expect(seen).toEqual([4, 8]);
  });

  it('gives the same report from an async iterable', async () => {
    async function* gen() {
      yield* cases;
    }
    expect(await simulateAsync(gen(), options())).toEqual(r);
  });

  it('resolves each conduct date once, refusals included', () => {
    let calls = 0;
    const resolver = perDate((d) => {
      calls++;
      return engine.at('root', d);
    });
    const twice = [...cases, ...cases];
    simulate(twice, { baseline: resolver, candidate: resolver });
    // 2020-06-01, 2021-03-01, 2022-06-01, 2019-01-01
    expect(calls).toBe(4);
  });
});

describe('parseCaseLine', () => {
  it('reads a case', () => {
    expect(parseCaseLine('{"id":"a","conductDate":"2020-01-02","facts":{"x":1}}', 3)).toEqual({
      id: 'a',
      conductDate: '2020-01-02',
      facts: { x: 1 },
      line: 3,
    });
  });

  it('accepts a numeric id as text', () => {
    const c = parseCaseLine('{"id":7,"conductDate":"2020-01-02","facts":{}}', 1);
    expect(c && 'id' in c ? c.id : undefined).toBe('7');
  });

  it('skips blank lines', () => {
    expect(parseCaseLine('   ', 1)).toBeUndefined();
  });

  it.each([
    ['not json', 'SIM_BAD_JSON'],
    ['[1,2]', 'SIM_BAD_CASE'],
    ['{"conductDate":"2020-01-02","facts":{}}', 'SIM_BAD_CASE'],
    ['{"id":"a","conductDate":"2020-02-30","facts":{}}', 'SIM_BAD_CASE'],
    ['{"id":"a","facts":{}}', 'SIM_BAD_CASE'],
    ['{"id":"a","conductDate":"2020-01-02"}', 'SIM_BAD_CASE'],
    ['{"id":"a","conductDate":"2020-01-02","facts":[1]}', 'SIM_BAD_CASE'],
  ])('refuses %s', (text, code) => {
    const c = parseCaseLine(text, 4);
    expect(c && 'side' in c ? [c.code, c.line, c.side] : c).toEqual([code, 4, 'input']);
  });
});

describe('a case with several problems', () => {
  it('gives them as one sentence, with no stop before a separator', () => {
    const r = simulate(
      [{ id: 'two', conductDate: '2020-06-01', facts: { privateGain: 'yes', cooperated: 3 } }],
      options(),
    );
    const [skipped] = r.skipped;
    expect(skipped?.code).toBe('FACTS_BAD_VALUE');
    expect(skipped!.reason.zh).toContain('；');
    expect(skipped!.reason.zh).not.toContain('。；');
    expect(skipped!.reason.zh.endsWith('。')).toBe(true);
    expect(skipped!.reason.en).toContain('; ');
    expect(skipped!.reason.en).not.toContain('.;');
  });
});
