import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { formatDiagnostic, PolicyError } from '../policy/errors.js';
import { InstrumentError, showPath } from './checker.js';
import {
  findItem,
  itemIds,
  loadShippedInstruments,
  parseInstrument,
  parseScaleSpec,
  scaleSpecOf,
  shippedInstrument,
  shippedInstrumentsDir,
} from './instrument.js';
import { DIMENSION_IDS, OUTCOME_IDS, SEED000_FACTORS } from './model.js';

const SHIPPED_FILE = join(shippedInstrumentsDir(), 'seed000-v1.yaml');
const SHIPPED_TEXT = readFileSync(SHIPPED_FILE, 'utf8');

interface Problem {
  code: string;
  path: string;
  line: number;
  en: string;
  zh: string;
}

/** The problems an input has, or a failure if it has none. */
function problemsOf(read: () => unknown): Problem[] {
  try {
    read();
  } catch (e) {
    if (!(e instanceof InstrumentError)) throw e;
    return e.diagnostics.map((d) => ({
      code: d.code,
      path: showPath(d.at?.path ?? []),
      line: d.at?.line ?? 0,
      en: d.message.en,
      zh: d.message.zh,
    }));
  }
  throw new Error('expected an InstrumentError');
}

// The shipped file as free-form data, to be broken on purpose: typing it would defeat the point.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** The shipped instrument as plain data, changed by `edit`, written back as YAML and read. */
function problemsAfter(edit: (raw: Loose) => void): Problem[] {
  const raw: Loose = parse(SHIPPED_TEXT);
  edit(raw);
  return problemsOf(() => parseInstrument(stringify(raw), 'edited.yaml'));
}

describe('the shipped instrument seed000-v1', () => {
  const all = loadShippedInstruments();
  const instrument = all.find((i) => i.id === 'seed000-v1')!;

  it('is the one shipped instrument, version 1, marked as not validated', () => {
    expect(all.map((i) => i.id)).toEqual(['seed000-v1']);
    expect(instrument.version).toBe(1);
    expect(instrument.basedOn).toBeNull();
    expect(instrument.validated).toBe(false);
    expect(instrument.validationNote.zh).toContain('尚未经过实地检验');
    expect(instrument.validationNote.en).toContain('have not been validated in the field');
  });

  it("has seed 000's three dimensions and thirteen factors, each with 3–5 items", () => {
    expect(instrument.dimensions.map((d) => d.id)).toEqual([...DIMENSION_IDS]);
    for (const d of instrument.dimensions) {
      expect(d.factors.map((f) => f.id)).toEqual([...SEED000_FACTORS[d.id]]);
      for (const f of d.factors) {
        expect(f.items.length, f.id).toBeGreaterThanOrEqual(3);
        expect(f.items.length, f.id).toBeLessThanOrEqual(5);
        expect(f.finding.zh.length, f.id).toBeGreaterThan(0);
      }
    }
    expect(instrument.dimensions.flatMap((d) => d.factors)).toHaveLength(13);
  });

  it('records what the seed found of each factor', () => {
    const findings = Object.fromEntries(
      instrument.dimensions.flatMap((d) => d.factors.map((f) => [f.id, f.seedFinding])),
    );
    expect(findings.politicalEnergy).toBe('promoting');
    expect(findings.policyContent).toBe('promoting');
    expect(findings.actorSynergy).toBe('blocking');
    expect(findings.atmosphere).toBe('blocking');
    expect(findings.toleranceAccountability).toBe('mixed');
  });

  it('measures support, optimism and willingness to act with 3–4 items each', () => {
    expect(instrument.outcomes.map((o) => o.id)).toEqual([...OUTCOME_IDS]);
    for (const o of instrument.outcomes) {
      expect(o.items.length, o.id).toBeGreaterThanOrEqual(3);
      expect(o.items.length, o.id).toBeLessThanOrEqual(4);
    }
  });

  it('has reversed items, a 5-point agreement scale, coarse demographics and two open questions', () => {
    const reversed = scaleSpecOf(instrument).factors.flatMap((f) => f.reversed);
    expect(reversed.length).toBeGreaterThanOrEqual(5);
    expect(instrument.scale.min).toBe(1);
    expect(instrument.scale.max).toBe(5);
    expect(instrument.scale.labels.map((l) => l.zh)).toEqual([
      '非常不同意',
      '比较不同意',
      '一般',
      '比较同意',
      '非常同意',
    ]);
    expect(instrument.demographics.map((d) => d.id)).toEqual([
      'rankBand',
      'unitType',
      'yearsInPost',
    ]);
    for (const d of instrument.demographics) {
      expect(d.options.length, d.id).toBeGreaterThanOrEqual(3);
      expect(d.options.length, d.id).toBeLessThanOrEqual(5);
    }
    expect(instrument.openQuestions.map((q) => q.id)).toEqual(['biggestObstacle', 'suggestions']);
  });

  it('tells the respondent about anonymity, the threshold of 5 and the time it takes', () => {
    expect(instrument.introduction.zh).toMatch(/匿名/);
    expect(instrument.introduction.zh).toContain('不足 5 人');
    expect(instrument.introduction.zh).toContain('10 分钟');
    expect(instrument.introduction.en).toContain('fewer than 5');
  });

  it('has 60 Likert items with distinct ids, each a full sentence in both languages', () => {
    const ids = itemIds(instrument);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    for (const id of ids) {
      const { item } = findItem(instrument, id)!;
      expect(item.text.zh, id).toMatch(/。$/);
      expect(item.text.en, id).toMatch(/\.$/);
    }
  });

  it('reads the same from JSON as from YAML', () => {
    expect(parseInstrument(JSON.stringify(instrument, null, '\t'), 'seed000-v1.json')).toEqual(
      instrument,
    );
  });
});

describe('scaleSpecOf, itemIds and findItem', () => {
  const instrument = shippedInstrument('seed000-v1');

  it('gives each factor, then each outcome, as a scale with its reversed items', () => {
    const spec = scaleSpecOf(instrument);
    expect(spec.scale).toEqual({ min: 1, max: 5 });
    expect(spec.factors).toHaveLength(16);
    expect(spec.factors.find((f) => f.id === 'scopeCriteria')).toEqual({
      id: 'scopeCriteria',
      items: ['scopeCriteria1', 'scopeCriteria2', 'scopeCriteria3', 'scopeCriteria4'],
      reversed: ['scopeCriteria2', 'scopeCriteria4'],
    });
    expect(spec.factors.at(-1)!.id).toBe('willingness');
    expect(spec.factors.flatMap((f) => f.items)).toEqual(itemIds(instrument));
  });

  it('finds an item with its factor and dimension, or its outcome', () => {
    expect(findItem(instrument, 'legalFriction3')).toMatchObject({
      scaleId: 'legalFriction',
      dimension: 'environment',
      item: { reversed: true },
    });
    expect(findItem(instrument, 'optimism1')).toMatchObject({
      scaleId: 'optimism',
      dimension: null,
    });
    expect(findItem(instrument, 'nothing')).toBeUndefined();
  });

  it('round-trips through parseScaleSpec', () => {
    const spec = scaleSpecOf(instrument);
    expect(parseScaleSpec(JSON.stringify(spec), 'spec.json')).toEqual(spec);
  });
});

describe('parseInstrument reports each problem with where it is and how to fix it', () => {
  it('an empty English text, with its file, line and path', () => {
    const en = 'en: The conditions for fault tolerance in this area are clearly defined.';
    const lines = SHIPPED_TEXT.split('\n');
    const line = lines.findIndex((l) => l.trim() === en) + 1;
    expect(line).toBeGreaterThan(1);
    const col = lines[line - 1]!.indexOf('en: ') + 5; // where the value starts
    try {
      parseInstrument(SHIPPED_TEXT.replace(en, 'en: ""'), 'instruments/x.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      const d = (e as InstrumentError).diagnostics;
      expect(d).toHaveLength(1);
      expect(formatDiagnostic(d[0]!, 'en')).toBe(
        `instruments/x.yaml:${line}:${col}: error INSTRUMENT_EMPTY_TEXT: dimensions[1].factors[0].items[0].text.en: the English text is empty; write it.`,
      );
    }
  });

  it('a duplicate id, naming where it was first used', () => {
    const p = problemsAfter((raw) => {
      raw.dimensions[0].factors[1].items[0].id = 'politicalEnergy1';
      raw.openQuestions[0].id = 'support';
    });
    expect(p.map((x) => [x.code, x.path])).toEqual([
      ['INSTRUMENT_DUPLICATE_ID', 'dimensions[0].factors[1].items[0].id'],
      ['INSTRUMENT_DUPLICATE_ID', 'openQuestions[0].id'],
    ]);
    expect(p[0]!.en).toContain('already used at dimensions[0].factors[0].items[0].id');
    expect(p[1]!.zh).toContain('已在 outcomes[0].id 使用');
  });

  it('a factor with too few or too many items, an outcome with one', () => {
    const p = problemsAfter((raw) => {
      const factors = raw.dimensions[1].factors;
      factors[0].items = factors[0].items.slice(0, 2);
      factors[1].items.push(
        ...[5, 6].map((n) => ({ id: `policyScope${n}`, text: { zh: '甲。', en: 'A.' } })),
      );
      raw.outcomes[2].items = raw.outcomes[2].items.slice(0, 1);
    });
    expect(p.map((x) => [x.code, x.path, x.en])).toEqual([
      [
        'INSTRUMENT_COUNT',
        'dimensions[1].factors[0].items',
        'dimensions[1].factors[0].items: the number of items is 2; it must be 3 to 5.',
      ],
      [
        'INSTRUMENT_COUNT',
        'dimensions[1].factors[1].items',
        'dimensions[1].factors[1].items: the number of items is 6; it must be 3 to 5.',
      ],
      [
        'INSTRUMENT_COUNT',
        'outcomes[2].items',
        'outcomes[2].items: the number of items is 1; it must be at least 2.',
      ],
    ]);
  });

  it('a scale with min ≥ max, or the wrong number of labels', () => {
    expect(
      problemsAfter((raw) => {
        raw.scale.min = 5;
        raw.scale.max = 1;
      }).map((x) => [x.code, x.path]),
    ).toEqual([['INSTRUMENT_BAD_SCALE', 'scale.max']]);
    const labels = problemsAfter((raw) => raw.scale.labels.pop());
    expect(labels.map((x) => [x.code, x.path])).toEqual([['INSTRUMENT_BAD_SCALE', 'scale.labels']]);
    expect(labels[0]!.en).toContain('has 4 labels; the scale 1–5 needs 5');
  });

  it('dimensions other than the three, or a factor of the seed in the wrong dimension', () => {
    const swapped = problemsAfter((raw) => {
      [raw.dimensions[0], raw.dimensions[1]] = [raw.dimensions[1], raw.dimensions[0]];
    });
    expect(swapped.map((x) => [x.code, x.path])).toEqual([
      ['INSTRUMENT_DIMENSIONS', 'dimensions[0].id'],
      ['INSTRUMENT_DIMENSIONS', 'dimensions[1].id'],
    ]);
    expect(swapped[0]!.en).toContain('exactly motivation, process, environment, in that order');
    expect(problemsAfter((raw) => raw.dimensions.pop()).map((x) => [x.code, x.path])).toEqual([
      ['INSTRUMENT_COUNT', 'dimensions'],
    ]);
    const moved = problemsAfter((raw) => {
      raw.dimensions[0].factors.push(raw.dimensions[2].factors.pop());
    });
    expect(moved.map((x) => [x.code, x.path])).toEqual([
      ['INSTRUMENT_FACTOR_DIMENSION', 'dimensions[0].factors[3].id'],
    ]);
  });

  it('outcomes other than support, optimism, willingness', () => {
    const p = problemsAfter((raw) => {
      raw.outcomes[1].id = 'confidence';
    });
    expect(p.map((x) => [x.code, x.path])).toEqual([['INSTRUMENT_OUTCOMES', 'outcomes[1].id']]);
  });

  it('malformed ids, and an id that does not carry its version', () => {
    const p = problemsAfter((raw) => {
      raw.version = 2;
      raw.dimensions[0].factors[0].items[0].id = 'Political-1';
      raw.demographics[0].options[0].value = 'staff band';
    });
    expect(p.map((x) => [x.code, x.path])).toEqual([
      ['INSTRUMENT_VERSION', 'id'],
      ['INSTRUMENT_BAD_ID', 'dimensions[0].factors[0].items[0].id'],
      ['INSTRUMENT_BAD_ID', 'demographics[0].options[0].value'],
    ]);
    expect(p[0]!.en).toBe("id: the id 'seed000-v1' must end in -v2 to match version: 2.");
    expect(p[1]!.en).toContain('start with a lower-case letter');
  });

  it('unknown and missing fields, wrong types and values, with hints', () => {
    const p = problemsAfter((raw) => {
      const factor = raw.dimensions[0].factors[0];
      factor.items[0].revesred = true;
      delete factor.finding;
      factor.seedFinding = 'promotion';
      raw.validated = 'no';
      raw.demographics[1].options = raw.demographics[1].options.slice(0, 1);
    });
    expect(p.map((x) => [x.code, x.path])).toEqual([
      ['INSTRUMENT_BAD_TYPE', 'validated'],
      ['INSTRUMENT_MISSING_FIELD', 'dimensions[0].factors[0]'],
      ['INSTRUMENT_BAD_VALUE', 'dimensions[0].factors[0].seedFinding'],
      ['INSTRUMENT_UNKNOWN_FIELD', 'dimensions[0].factors[0].items[0].revesred'],
      ['INSTRUMENT_COUNT', 'demographics[1].options'],
    ]);
    expect(p[0]!.en).toBe('validated: must be true or false, not "no".');
    expect(p[1]!.en).toContain("missing required field 'finding'");
    expect(p[2]!.en).toContain("Did you mean 'promoting'?");
    expect(p[3]!.en).toContain("Did you mean 'reversed'?");
    expect(p[4]!.zh).toContain('有 1 个选项（粗分档），应为 2 至 6 个。');
  });

  it('malformed YAML, and a file that is not a mapping', () => {
    const syntax = problemsOf(() => parseInstrument('id: [seed000-v1\nversion: 1\n', 'bad.yaml'));
    expect(syntax[0]!.code).toBe('INSTRUMENT_SYNTAX');
    expect(syntax[0]!.line).toBeGreaterThan(0);
    expect(problemsOf(() => parseInstrument('- a\n- b\n', 'list.yaml'))).toMatchObject([
      { code: 'INSTRUMENT_BAD_TYPE', path: '(root)' },
    ]);
  });
});

describe('parseScaleSpec (the CLI’s --instrument FILE)', () => {
  const good = {
    scale: { min: 1, max: 6 },
    factors: [
      { id: 'C', items: ['C1', 'C2', 'C3', 'C4', 'C5'], reversed: ['C4', 'C5'] },
      { id: 'E', items: ['E1', 'E2', 'E3'] },
    ],
  };
  const specProblems = (spec: unknown) =>
    problemsOf(() => parseScaleSpec(JSON.stringify(spec, null, 2), 'spec.json')).map((p) => [
      p.code,
      p.path,
    ]);

  it('reads the documented shape; reversed may be left out', () => {
    expect(parseScaleSpec(JSON.stringify(good), 'spec.json')).toEqual({
      scale: { min: 1, max: 6 },
      factors: [
        { id: 'C', items: ['C1', 'C2', 'C3', 'C4', 'C5'], reversed: ['C4', 'C5'] },
        { id: 'E', items: ['E1', 'E2', 'E3'], reversed: [] },
      ],
    });
  });

  it('rejects reversed items that are not the factor’s, and items shared by two factors', () => {
    const p = problemsOf(() =>
      parseScaleSpec(
        JSON.stringify({
          scale: { min: 1, max: 6 },
          factors: [
            { id: 'C', items: ['C1', 'C2'], reversed: ['C3'] },
            { id: 'E', items: ['C2', 'E2'] },
          ],
        }),
        'spec.json',
      ),
    );
    expect(p.map((x) => [x.code, x.path])).toEqual([
      ['INSTRUMENT_SPEC_REVERSED', 'factors[0].reversed[0]'],
      ['INSTRUMENT_DUPLICATE_ID', 'factors[1].items[0]'],
    ]);
    expect(p[0]!.en).toContain("'C3' is not one of this factor's items");
    expect(p[1]!.en).toContain('already used at factors[0].items[1]');
  });

  it('rejects a bad scale, a missing field, an unknown field, a one-item factor', () => {
    expect(specProblems({ ...good, scale: { min: 6, max: 1 } })).toEqual([
      ['INSTRUMENT_BAD_SCALE', 'scale.max'],
    ]);
    expect(specProblems({ ...good, scale: { min: 1.5, max: 6 } })).toEqual([
      ['INSTRUMENT_BAD_TYPE', 'scale.min'],
    ]);
    expect(specProblems({ factors: good.factors })).toEqual([
      ['INSTRUMENT_MISSING_FIELD', '(root)'],
    ]);
    expect(
      specProblems({ ...good, factors: [{ id: 'C', items: ['C1', 'C2'], reverse: ['C2'] }] }),
    ).toEqual([['INSTRUMENT_UNKNOWN_FIELD', 'factors[0].reverse']]);
    expect(specProblems({ ...good, factors: [{ id: 'C', items: ['C1'] }] })).toEqual([
      ['INSTRUMENT_COUNT', 'factors[0].items'],
    ]);
    expect(specProblems({ ...good, factors: [] })).toEqual([['INSTRUMENT_COUNT', 'factors']]);
    expect(
      specProblems({ ...good, factors: [good.factors[0], { ...good.factors[1], id: 'C' }] }),
    ).toEqual([['INSTRUMENT_DUPLICATE_ID', 'factors[1].id']]);
  });

  it('reports malformed JSON with its line', () => {
    const p = problemsOf(() =>
      parseScaleSpec('{\n  "scale": { "min": 1, "max": 6 },\n  "factors": [\n', 'x.json'),
    );
    expect(p[0]!.code).toBe('INSTRUMENT_SYNTAX');
    expect(p[0]!.line).toBeGreaterThan(1);
  });
});

describe('loading instruments from a folder', () => {
  it('requires each file to be named after its instrument', () => {
    const dir = mkdtempSync(join(tmpdir(), 'instruments-'));
    writeFileSync(join(dir, 'other-v1.yaml'), SHIPPED_TEXT);
    expect(problemsOf(() => loadShippedInstruments(dir))).toMatchObject([
      { code: 'INSTRUMENT_FILE_NAME', path: 'id' },
    ]);
  });

  it('names the known instruments when asked for an unknown one', () => {
    const p = problemsOf(() => shippedInstrument('seed000-v2'));
    expect(p[0]!.code).toBe('INSTRUMENT_UNKNOWN');
    expect(p[0]!.en).toContain("Did you mean 'seed000-v1'?");
  });
});
