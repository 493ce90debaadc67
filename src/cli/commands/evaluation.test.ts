/**
 * rongcuo evaluation analyze, run in-process: psych's bfi data (fixtures) through the CLI agree
 * with R's psych; the shipped instrument on synthetic responses finds what was planted; bad input
 * is one line and exit code 2.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedInstrument, scaleSpecOf } from '../../evaluation/instrument.js';
import { synthesize, type Plant } from '../../evaluation/synthetic.js';
import { cli } from '../testing/run.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../evaluation/stats/fixtures/${name}`, import.meta.url));

interface CoreScale {
  id: string;
  alpha: { alpha: number; alphaStd: number; items: { itemRest: number }[] };
}
const core = JSON.parse(readFileSync(fixture('core.json'), 'utf8')) as {
  scales: CoreScale[];
  reversed: string[];
};
const omegaRef = JSON.parse(readFileSync(fixture('omega.json'), 'utf8')) as {
  bfi: {
    omega5: { omegaH: number; omegaTotal: number };
    omega1: Record<string, { omegaTotal: number }>;
  };
};

const BFI_SCALES = ['A', 'C', 'E', 'N', 'O'];
const BFI_SPEC = {
  scale: { min: 1, max: 6 },
  factors: BFI_SCALES.map((id) => ({
    id,
    items: [1, 2, 3, 4, 5].map((k) => `${id}${k}`),
    reversed: core.reversed.filter((item) => item.startsWith(id)),
  })),
};

let dir: string;
let bfiSpec: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rongcuo-evaluation-'));
  bfiSpec = join(dir, 'bfi.json');
  writeFileSync(bfiSpec, JSON.stringify(BFI_SPEC));
});

interface JsonAnalysis {
  n: number;
  factors: {
    id: string;
    n: number;
    mean: number;
    alpha: number;
    alphaStd: number;
    omegaTotal: number;
  }[];
  omegaH: number;
  omegaTotal: number;
  structure: { nFactors: number } | null;
  gap: { meanDiff: number; p: number } | null;
  ranking: { id: string; role: string }[];
}

describe('evaluation analyze on psych’s bfi', () => {
  let result: JsonAnalysis;

  beforeAll(async () => {
    const run = await cli([
      'evaluation',
      'analyze',
      '--responses',
      fixture('bfi.csv'),
      '--instrument',
      bfiSpec,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    result = JSON.parse(run.stdout) as JsonAnalysis;
  });

  it('gives alpha raw and standardized as psych::alpha, to 3 decimals', () => {
    expect(result.n).toBe(2800);
    for (const ref of core.scales) {
      const got = result.factors.find((f) => f.id === ref.id)!;
      expect(got.alpha).toBeCloseTo(ref.alpha.alpha, 3);
      expect(got.alphaStd).toBeCloseTo(ref.alpha.alphaStd, 3);
    }
  });

  it('gives each scale’s omega total (one factor) and the whole omega with five group factors as psych::omega, to 2 decimals', () => {
    for (const id of BFI_SCALES) {
      const got = result.factors.find((f) => f.id === id)!;
      expect(got.omegaTotal).toBeCloseTo(omegaRef.bfi.omega1[id]!.omegaTotal, 2);
    }
    expect(result.omegaH).toBeCloseTo(omegaRef.bfi.omega5.omegaH, 2);
    expect(result.omegaTotal).toBeCloseTo(omegaRef.bfi.omega5.omegaTotal, 2);
  });

  it('finds six factors by parallel analysis, as psych::fa.parallel does, and no outcome scales to rank', () => {
    expect(result.structure?.nFactors).toBe(6);
    expect(result.gap).toBeNull();
    expect(result.ranking).toEqual([]);
  });

  it('prints every figure as text, in Chinese by default and in English', async () => {
    const zh = await cli([
      'evaluation',
      'analyze',
      '--responses',
      fixture('bfi.csv'),
      '--instrument',
      bfiSpec,
    ]);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('答卷 2800 份');
    expect(zh.stdout).toContain('删除后 α');
    expect(zh.stdout).toContain('平行分析建议 6 个因子');
    expect(zh.stdout).toContain('未分析的列：gender、education、age');
    const en = await cli([
      'evaluation',
      'analyze',
      '--responses',
      fixture('bfi.csv'),
      '--instrument',
      bfiSpec,
      '--lang',
      'en',
    ]);
    expect(en.stdout).toContain('α if dropped');
    expect(en.stdout).toMatch(/Whole instrument: ω_h = 0\.\d\d, ω_t = 0\.\d\d/);
  });
});

describe('evaluation analyze on the shipped instrument', () => {
  it('finds the planted support–optimism gap and the blocking factor in synthetic responses', async () => {
    const instrument = shippedInstrument('seed000-v1');
    const spec = scaleSpecOf(instrument);
    const plant: Plant = {
      levels: { politicalEnergy: 0.8, policyContent: 0.6, toleranceAccountability: -0.9 },
      weights: { politicalEnergy: 0.35, policyContent: 0.3, toleranceAccountability: 0.45 },
      supportLevel: 1.2,
      optimismLevel: -0.2,
      willingnessLevel: 0.4,
      common: 0.4,
      blankShare: 0.02,
    };
    const responses = synthesize(spec, [], plant, 1500, 7);
    const items = spec.factors.flatMap((f) => f.items);
    const csv = [
      items.join(','),
      ...responses.map((r) => items.map((i) => r.answers[i] ?? '').join(',')),
    ].join('\n');
    const file = join(dir, 'seed000.csv');
    writeFileSync(file, csv);
    const run = await cli(['evaluation', 'analyze', '--responses', file, '--json']);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as JsonAnalysis;
    expect(result.gap!.meanDiff).toBeGreaterThan(0.5);
    expect(result.gap!.p).toBeLessThan(0.001);
    const blocking = result.ranking.filter((r) => r.role === 'blocking').map((r) => r.id);
    const promoting = result.ranking.filter((r) => r.role === 'promoting').map((r) => r.id);
    expect(blocking).toEqual(['toleranceAccountability']);
    expect(promoting).toEqual(expect.arrayContaining(['politicalEnergy', 'policyContent']));
  });
});

describe('evaluation analyze refuses bad input in one line, exit code 2', () => {
  const refuse = async (argv: string[], pattern: RegExp) => {
    const run = await cli(['evaluation', 'analyze', ...argv, '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(pattern);
  };

  it('without --responses, or with a file that is not there', async () => {
    await refuse([], /--responses/);
    await refuse(['--responses', join(dir, 'nothing.csv')], /no responses file at/);
  });

  it('with a value off the scale, naming the file, line and column', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      'A1,A2,A3,A4,A5,C1,C2,C3,C4,C5,E1,E2,E3,E4,E5,N1,N2,N3,N4,N5,O1,O2,O3,O4,O5\n' +
        '1,'.repeat(24) +
        '9\n',
    );
    await refuse(
      ['--responses', file, '--instrument', bfiSpec],
      /bad\.csv: line 2, column 'O5': '9' is not a whole number from 1 to 6/,
    );
  });

  it('with an unknown instrument, a bad scale spec, or a bad --missing', async () => {
    const file = fixture('bfi.csv');
    await refuse(['--responses', file, '--instrument', 'seed000-v2'], /Did you mean 'seed000-v1'/);
    const spec = join(dir, 'bad-spec.json');
    writeFileSync(
      spec,
      JSON.stringify({
        scale: { min: 1, max: 6 },
        factors: [{ id: 'A', items: ['A1', 'A2'], reversed: ['A9'] }],
      }),
    );
    await refuse(['--responses', file, '--instrument', spec], /A9/);
    await refuse(
      ['--responses', file, '--instrument', bfiSpec, '--missing', 'some'],
      /--missing must be pairwise/,
    );
  });
});
