/**
 * The analysis on the data a small campaign gives: an item everyone answered alike, pairs of items
 * with too few answers in common. The figures that cannot be had are left out with a note; the
 * rest are given (a report must never fail on them).
 */
import { describe, expect, it } from 'vitest';
import { DEMO_SAMPLES, demoSheets } from '../app/demo-evaluation.js';
import { analyze } from './analyze.js';
import { scaleSpecOf, shippedInstrument } from './instrument.js';
import { specItems, type ResponseTable } from './responses.js';

const spec = scaleSpecOf(shippedInstrument('seed000-v1'));
const items = specItems(spec);
const sheets = demoSheets(DEMO_SAMPLES.areaThisYear);
const rows = sheets.map((s) => items.map((id) => s.answers[id] ?? null));
const table = (r: (number | null)[][]): ResponseTable => ({ items, rows: r, ignored: [] });

describe('the analysis where item correlations cannot all be had', () => {
  const full = analyze(table(rows), spec, 'pairwise');
  const flatItem = spec.factors[0]!.items[0]!;
  const column = items.indexOf(flatItem);
  const flat = analyze(
    table(rows.map((r) => r.map((v, j) => (j === column ? 3 : v)))),
    spec,
    'pairwise',
  );

  it('an item answered alike by all: its scale has no reliability, the others keep theirs', () => {
    const [first, ...others] = flat.factors;
    expect(first!.alpha).toBeNull();
    expect(first!.omegaTotal).toBeNull();
    expect(first!.mean).not.toBeNull();
    others.forEach((f, k) => {
      expect(f.alpha, f.id).toBeCloseTo(full.factors[k + 1]!.alpha!, 12);
      expect(f.omegaTotal, f.id).toBeCloseTo(full.factors[k + 1]!.omegaTotal!, 6);
    });
    expect(flat.notes.map((n) => n.what)).toEqual(
      expect.arrayContaining(['items', spec.factors[0]!.id]),
    );
    expect(flat.notes.find((n) => n.what === 'items')!.zh).toContain('没有方差');
  });

  it('leaves out what needs every item (omega of the instrument, the structure), keeps the rest', () => {
    expect(flat.omegaH).toBeNull();
    expect(flat.structure).toBeNull();
    expect(flat.gap?.t).toBeCloseTo(full.gap!.t, 12);
    expect(flat.regressions).toHaveLength(full.regressions.length);
  });

  it('five respondents with blanks: no error, whatever cannot be had is said', () => {
    const few = rows.slice(0, 5);
    expect(few.some((r) => r.includes(null))).toBe(true);
    const small = analyze(table(few), spec, 'pairwise');
    expect(small.n).toBe(5);
    expect(small.factors.every((f) => f.mean !== null)).toBe(true);
    expect(small.notes.length).toBeGreaterThan(0);
  });
});
