/**
 * The analysis of the demo's survey waves against R (issue 12): the answers the demo submits
 * (demoSheets, no store), analysed by analyze.ts, and psych's figures on the same answers
 * (stats/fixtures/demo.json, written by demo.R from demo/*.csv; see stats/fixtures/README.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_SAMPLES, demoSheets } from '../app/demo-evaluation.js';
import { analyze } from './analyze.js';
import { scaleSpecOf, shippedInstrument } from './instrument.js';
import { responsesFromCsv, specItems, type ResponseTable } from './responses.js';
import ref from './stats/fixtures/demo.json' with { type: 'json' };
import fixtureSpec from './stats/fixtures/demo/spec.json' with { type: 'json' };

type Wave = keyof typeof DEMO_SAMPLES;

const spec = scaleSpecOf(shippedInstrument('seed000-v1'));

/** Each wave's sheets as a campaign's report reads them (report.ts's tableOf): a blank as null. */
const tables = new Map(
  ref.waves.map(({ wave }): [string, ResponseTable] => {
    const items = specItems(spec);
    const sheets = demoSheets(DEMO_SAMPLES[wave as Wave]);
    const rows = sheets.map((s) => items.map((id) => s.answers[id] ?? null));
    return [wave, { items, rows, ignored: [] }];
  }),
);

function committedCsv(wave: string): ResponseTable {
  const file = new URL(`./stats/fixtures/demo/${wave}.csv`, import.meta.url);
  return responsesFromCsv(readFileSync(file, 'utf8'), spec);
}

it("R read the demo's own answers: the fixture CSVs and spec are what the demo submits", () => {
  expect(JSON.parse(JSON.stringify(spec))).toEqual(fixtureSpec);
  expect(ref.waves.map((w) => w.wave)).toEqual(['areaLastYear', 'areaThisYear', 'cityThisYear']);
  for (const { wave } of ref.waves) {
    const ours = tables.get(wave)!.rows;
    const csv = committedCsv(wave).rows;
    expect(csv.length, `${wave}.csv: sheets`).toBe(ours.length);
    const first = ours.findIndex((row, i) => row.some((v, j) => v !== csv[i]![j]));
    const hint = `${wave}.csv differs from demoSheets at sheet ${first + 1}: regenerate (README.md)`;
    expect(first, hint).toBe(-1);
  }
});

describe.each(ref.waves)('the demo wave $wave agrees with R', (expected) => {
  const table = tables.get(expected.wave)!;
  const analysis = analyze(table, spec, 'pairwise');

  it('counts the respondents and the blanks as R does', () => {
    expect(analysis.n).toBe(expected.n);
    expect(table.rows.flat().filter((v) => v === null).length).toBe(expected.blanks);
  });

  // The issue asks alpha to 3 decimals and omega to 2; the agreement is far closer (alpha about
  // 1e-15, omega 1e-7), so the checks are tighter, to catch a regression the issue's would miss.
  it('every scale: alpha (raw, standardized) to 9 decimals, omega total of one factor to 6', () => {
    expect(analysis.factors.map((f) => f.id)).toEqual(expected.scales.map((s) => s.id));
    analysis.factors.forEach((f, k) => {
      const r = expected.scales[k]!;
      expect(f.n, `${f.id} n`).toBe(r.n);
      expect(f.mean!, `${f.id} mean`).toBeCloseTo(r.mean, 10);
      expect(f.alpha!, `${f.id} alpha`).toBeCloseTo(r.alpha, 9);
      expect(f.alphaStd!, `${f.id} alphaStd`).toBeCloseTo(r.alphaStd, 9);
      expect(f.averageR!, `${f.id} averageR`).toBeCloseTo(r.averageR, 9);
      expect(f.omegaTotal!, `${f.id} omegaTotal`).toBeCloseTo(r.omegaTotal, 6);
    });
  });

  it("the instrument's omega with as many group factors as scales, to 5 decimals", () => {
    expect(expected.omega.nfactors).toBe(spec.factors.length);
    expect(analysis.omegaH!).toBeCloseTo(expected.omega.omegaH, 5);
    expect(analysis.omegaTotal!).toBeCloseTo(expected.omega.omegaTotal, 5);
  });

  it('the support–optimism gap as t.test(paired = TRUE), t to 6 decimals', () => {
    const gap = analysis.gap!;
    expect(gap.n).toBe(expected.gap.n);
    expect(gap.df).toBe(expected.gap.df);
    expect(gap.meanDiff).toBeCloseTo(expected.gap.meanDiff, 10);
    expect(gap.t).toBeCloseTo(expected.gap.t, 6);
    expect(gap.ci95[0]).toBeCloseTo(expected.gap.ci95[0]!, 8);
    expect(gap.ci95[1]).toBeCloseTo(expected.gap.ci95[1]!, 8);
  });

  it('the regressions on the factor scores as lm: b, se, t and β to 6 decimals, R² to 10', () => {
    expect(analysis.regressions.map((r) => r.outcome)).toEqual(
      expected.regressions.map((r) => r.outcome),
    );
    analysis.regressions.forEach(({ outcome, result }, k) => {
      const r = expected.regressions[k]!;
      expect(result.n, outcome).toBe(r.n);
      expect(result.r2, `${outcome} R²`).toBeCloseTo(r.r2, 10);
      expect(result.adjR2, `${outcome} adjusted R²`).toBeCloseTo(r.adjR2, 10);
      expect(result.coefficients.map((c) => c.name)).toEqual(r.coefficients.map((c) => c.name));
      result.coefficients.forEach((c, j) => {
        const e = r.coefficients[j]!;
        const what = `${outcome} ~ ${c.name}`;
        expect(c.b, `${what}: b`).toBeCloseTo(e.b, 6);
        expect(c.se, `${what}: se`).toBeCloseTo(e.se, 6);
        expect(c.t, `${what}: t`).toBeCloseTo(e.t, 6);
        expect(c.p, `${what}: p`).toBeCloseTo(e.p, 6);
        if (e.beta !== null) expect(c.beta!, `${what}: β`).toBeCloseTo(e.beta, 6);
      });
    });
  });
});
