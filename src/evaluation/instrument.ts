/**
 * Survey instruments (issue 12): reading and checking an instrument file, the shipped instruments
 * under instruments/, and the scale spec the analysis reads — derived from an instrument, or read
 * from the CLI's `--instrument FILE` JSON.
 *
 * The rules an instrument file follows (each broken rule is reported with file, line, the path of
 * the field such as `dimensions[1].factors[2].items[0].text.en`, and how to fix it):
 * - Fields as in `Instrument` (model.ts), none unknown; `basedOn` may be left out (no base) and an
 *   item's `reversed` too (not reversed). Every text has a non-empty `zh` and `en`.
 * - `id` is a name and its version: lower-case letter first, letters and digits, parts joined by
 *   `-`, ending in `-vN` where N equals `version` (`seed000-v1`). `basedOn`, if set, is another
 *   such id.
 * - Every other id (factors, items, outcomes, demographics, open questions, options) is camelCase:
 *   a lower-case letter, then letters and digits, at most 40 characters — usable as a CSV column
 *   and a JSON key. Ids are unique across items, factors, outcomes, demographics and open
 *   questions (and the dimensions); option values are unique within their question.
 * - `dimensions` are exactly motivation, process, environment, in that order; a factor that has
 *   the id of one of seed 000's factors sits in that factor's dimension. Each factor has 3–5
 *   items; `seedFinding` is promoting, blocking or mixed.
 * - `outcomes` are exactly support, optimism, willingness, in that order, with at least 2 items.
 * - `scale`: integers min < max, at most 11 points, one label per point from min to max.
 * - A demographic has 2–6 options (coarse bands, never a free value).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diag, didYouMean } from '../policy/errors.js';
import { displayPath } from '../packs/loader.js';
import { Checker, IdRegistry, InstrumentError, readDocument, type Path } from './checker.js';
import {
  DIMENSION_IDS,
  OUTCOME_IDS,
  SEED000_FACTORS,
  type Demographic,
  type Dimension,
  type DimensionId,
  type Factor,
  type Instrument,
  type Item,
  type LikertScale,
  type OpenQuestion,
  type Outcome,
  type OutcomeId,
  type ScaleSpec,
  type SeedFinding,
  type Text,
} from './model.js';

export { InstrumentError } from './checker.js';

/** An instrument's id: a name and its version (`seed000-v1`). */
export const INSTRUMENT_ID = /^[a-z][a-zA-Z0-9]*(-[a-z0-9][a-zA-Z0-9]*)*-v[1-9][0-9]*$/;
/** Every other id inside an instrument. */
export const NAME_ID = /^[a-z][a-zA-Z0-9]{0,39}$/;
/** Ids in a scale spec: any instrument's column names, such as `C4` or `A1`. */
export const SPEC_ID = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

const INSTRUMENT_ID_RULE: Text = {
  zh: '应以小写字母开头，由字母、数字和连字符组成，并以 -v 加版本号结尾，例如 seed000-v1。',
  en: 'start with a lower-case letter, use letters, digits and hyphens, and end in -v and the version, e.g. seed000-v1.',
};
const NAME_ID_RULE: Text = {
  zh: '应以小写字母开头，只含字母和数字（驼峰式，最长 40 个字符），例如 politicalEnergy1。',
  en: 'start with a lower-case letter and use only letters and digits (camelCase, at most 40 characters), e.g. politicalEnergy1.',
};
const SPEC_ID_RULE: Text = {
  zh: '应以字母开头，只含字母、数字和 _ . -，例如 C4。',
  en: 'start with a letter and use only letters, digits, _ . and -, e.g. C4.',
};
const SEED_FINDINGS: readonly SeedFinding[] = ['promoting', 'blocking', 'mixed'];
const UNIQUE_SCOPE: Text = {
  zh: '条目、因素、维度、结果、人口学问题和开放题',
  en: 'items, factors, dimensions, outcomes, demographics and open questions',
};

// ---------------------------------------------------------------------------------------------
// An instrument file.

/** Reads and checks an instrument (YAML or JSON); throws InstrumentError listing every problem. */
export function parseInstrument(text: string, source: string): Instrument {
  const { value, map } = readDocument(text, source);
  const c = new Checker(map);
  const ids = new IdRegistry(c, UNIQUE_SCOPE);
  const raw = c.record(
    value,
    [],
    [
      'id',
      'version',
      'title',
      'introduction',
      'validated',
      'validationNote',
      'scale',
      'dimensions',
      'outcomes',
      'demographics',
      'openQuestions',
    ],
    ['basedOn'],
  );
  if (!raw) return c.stop();
  const id = c.id(raw.id, ['id'], INSTRUMENT_ID, INSTRUMENT_ID_RULE);
  const version = c.integer(raw.version, ['version']);
  checkVersion(c, id, version);
  const basedOn = readBasedOn(c, raw.basedOn, id);
  const instrument = {
    id: id!,
    version: version!,
    basedOn,
    title: c.text(raw.title, ['title'])!,
    introduction: c.text(raw.introduction, ['introduction'])!,
    validated: c.boolean(raw.validated, ['validated'])!,
    validationNote: c.text(raw.validationNote, ['validationNote'])!,
    scale: readScale(c, raw.scale, ['scale'])!,
    dimensions: readDimensions(c, ids, raw.dimensions),
    outcomes: readOutcomes(c, ids, raw.outcomes),
    demographics: readDemographics(c, ids, raw.demographics),
    openQuestions: readOpenQuestions(c, ids, raw.openQuestions),
  };
  c.done();
  return Object.freeze(instrument);
}

function checkVersion(c: Checker, id: string | undefined, version: number | undefined): void {
  if (version === undefined) return;
  if (version < 1) {
    c.report(
      'INSTRUMENT_VERSION',
      ['version'],
      `版本号应为正整数，现为 ${version}。`,
      `the version must be a positive integer, not ${version}.`,
    );
  } else if (id !== undefined && !id.endsWith(`-v${version}`)) {
    c.report(
      'INSTRUMENT_VERSION',
      ['id'],
      `标识符“${id}”应以 -v${version} 结尾，与 version: ${version} 一致。`,
      `the id '${id}' must end in -v${version} to match version: ${version}.`,
    );
  }
}

function readBasedOn(c: Checker, value: unknown, id: string | undefined): string | null {
  if (value === undefined || value === null) return null;
  const basedOn = c.id(value, ['basedOn'], INSTRUMENT_ID, INSTRUMENT_ID_RULE);
  if (basedOn !== undefined && basedOn === id) {
    c.report(
      'INSTRUMENT_VERSION',
      ['basedOn'],
      `问卷不能以自身为基础；basedOn 应为被改编的问卷版本，或留空。`,
      `an instrument cannot be based on itself; basedOn names the version adapted, or is left out.`,
    );
  }
  return basedOn ?? null;
}

function readScale(c: Checker, value: unknown, path: Path): LikertScale | undefined {
  const raw = value === undefined ? undefined : c.record(value, path, ['min', 'max', 'labels']);
  if (!raw) return undefined;
  const min = c.integer(raw.min, [...path, 'min']);
  const max = c.integer(raw.max, [...path, 'max']);
  const points = checkRange(c, min, max, path);
  const labelsPath = [...path, 'labels'];
  const list = c.list(raw.labels, labelsPath, 0, Infinity, { zh: '标签', en: 'labels' });
  if (points !== undefined && Array.isArray(raw.labels) && list.length !== points) {
    c.report(
      'INSTRUMENT_BAD_SCALE',
      labelsPath,
      `有 ${list.length} 个刻度标签，刻度 ${min}–${max} 需要 ${points} 个：从 min 到 max 每个刻度点一个。`,
      `has ${list.length} labels; the scale ${min}–${max} needs ${points}: one per point, from min to max.`,
    );
  }
  const labels = list.map((l, i) => c.text(l, [...labelsPath, i])!);
  return Object.freeze({ min: min!, max: max!, labels: Object.freeze(labels) });
}

/** Checks min < max and at most 11 points; returns the number of points when valid. */
function checkRange(
  c: Checker,
  min: number | undefined,
  max: number | undefined,
  path: Path,
): number | undefined {
  if (min === undefined || max === undefined) return undefined;
  if (min >= max) {
    c.report(
      'INSTRUMENT_BAD_SCALE',
      [...path, 'max'],
      `刻度上限 max（${max}）应大于下限 min（${min}），例如 min: 1、max: 5。`,
      `max (${max}) must be greater than min (${min}), e.g. min: 1, max: 5.`,
    );
    return undefined;
  }
  if (max - min > 10) {
    c.report(
      'INSTRUMENT_BAD_SCALE',
      [...path, 'max'],
      `刻度 ${min}–${max} 有 ${max - min + 1} 个点；李克特量表最多 11 个点。`,
      `the scale ${min}–${max} has ${max - min + 1} points; a Likert scale has at most 11.`,
    );
    return undefined;
  }
  return max - min + 1;
}

/** Reports an id that is not the expected one at a fixed position (dimensions, outcomes). */
function expectIdAt(
  c: Checker,
  code: string,
  got: unknown,
  path: Path,
  expected: readonly string[],
  index: number,
  what: Text,
): void {
  const want = expected[index];
  if (got === want || got === undefined) return;
  c.report(
    code,
    path,
    `第 ${index + 1} 个${what.zh}应为“${want ?? '（无）'}”，现为“${String(got)}”；${what.zh}必须恰好是 ${expected.join('、')}，按此顺序。`,
    `${what.en} number ${index + 1} must be '${want ?? '(none)'}', not '${String(got)}'; the ${what.en}s are exactly ${expected.join(', ')}, in that order.`,
  );
}

function readDimensions(c: Checker, ids: IdRegistry, value: unknown): readonly Dimension[] {
  const what = { zh: '维度', en: 'dimension' };
  const list = c.list(value, ['dimensions'], 3, 3, { zh: '维度', en: 'dimensions' });
  const out = list.map((d, i) => {
    const path = ['dimensions', i];
    const raw = c.record(d, path, ['id', 'name', 'definition', 'factors']);
    if (!raw) return undefined;
    expectIdAt(c, 'INSTRUMENT_DIMENSIONS', raw.id, [...path, 'id'], DIMENSION_IDS, i, what);
    ids.claim(typeof raw.id === 'string' ? raw.id : undefined, [...path, 'id']);
    const dimension = raw.id as DimensionId;
    const factors = c
      .list(raw.factors, [...path, 'factors'], 1, Infinity, { zh: '因素', en: 'factors' })
      .map((f, j) => readFactor(c, ids, f, [...path, 'factors', j], dimension));
    return Object.freeze({
      id: dimension,
      name: c.text(raw.name, [...path, 'name'])!,
      definition: c.text(raw.definition, [...path, 'definition'])!,
      factors: Object.freeze(factors as Factor[]),
    });
  });
  return Object.freeze(out as Dimension[]);
}

/** The dimension of seed 000's model a factor id belongs to, if it is one of the seed's. */
function seedDimensionOf(factorId: string): DimensionId | undefined {
  return DIMENSION_IDS.find((d) => (SEED000_FACTORS[d] as readonly string[]).includes(factorId));
}

function readFactor(
  c: Checker,
  ids: IdRegistry,
  value: unknown,
  path: Path,
  dimension: DimensionId,
): Factor | undefined {
  const raw = c.record(value, path, [
    'id',
    'name',
    'definition',
    'finding',
    'seedFinding',
    'items',
  ]);
  if (!raw) return undefined;
  const id = c.id(raw.id, [...path, 'id'], NAME_ID, NAME_ID_RULE);
  ids.claim(id, [...path, 'id']);
  const home = id === undefined ? undefined : seedDimensionOf(id);
  if (home !== undefined && DIMENSION_IDS.includes(dimension) && home !== dimension) {
    c.report(
      'INSTRUMENT_FACTOR_DIMENSION',
      [...path, 'id'],
      `“${id}”是种子模型中 ${home} 维度的因素，请移到该维度下，或改用其他标识符。`,
      `'${id}' is a factor of the seed model's ${home} dimension; move it there or give it another id.`,
    );
  }
  return Object.freeze({
    id: id!,
    name: c.text(raw.name, [...path, 'name'])!,
    definition: c.text(raw.definition, [...path, 'definition'])!,
    finding: c.text(raw.finding, [...path, 'finding'])!,
    seedFinding: readSeedFinding(c, raw.seedFinding, [...path, 'seedFinding'])!,
    items: readItems(c, ids, raw.items, [...path, 'items'], 3, 5),
  });
}

function readSeedFinding(c: Checker, value: unknown, path: Path): SeedFinding | undefined {
  if (value === undefined) return undefined;
  if ((SEED_FINDINGS as readonly unknown[]).includes(value)) return value as SeedFinding;
  const hint = didYouMean(String(value), SEED_FINDINGS);
  c.report(
    'INSTRUMENT_BAD_VALUE',
    path,
    `取值“${String(value)}”无效，应为 ${SEED_FINDINGS.join('、')} 之一。${hint.zh}`,
    `'${String(value)}' is not allowed; use one of ${SEED_FINDINGS.join(', ')}. ${hint.en}`.trim(),
  );
  return undefined;
}

function readItems(
  c: Checker,
  ids: IdRegistry,
  value: unknown,
  path: Path,
  min: number,
  max: number,
): readonly Item[] {
  const list = c.list(value, path, min, max, { zh: '条目', en: 'items' });
  const items = list.map((v, i) => {
    const p = [...path, i];
    const raw = c.record(v, p, ['id', 'text'], ['reversed']);
    if (!raw) return undefined;
    const id = c.id(raw.id, [...p, 'id'], NAME_ID, NAME_ID_RULE);
    ids.claim(id, [...p, 'id']);
    const reversed =
      raw.reversed === undefined ? false : c.boolean(raw.reversed, [...p, 'reversed']);
    return Object.freeze({ id: id!, text: c.text(raw.text, [...p, 'text'])!, reversed: reversed! });
  });
  return Object.freeze(items as Item[]);
}

function readOutcomes(c: Checker, ids: IdRegistry, value: unknown): readonly Outcome[] {
  const what = { zh: '结果变量', en: 'outcome' };
  const list = c.list(value, ['outcomes'], 3, 3, { zh: '结果变量', en: 'outcomes' });
  const out = list.map((o, i) => {
    const path = ['outcomes', i];
    const raw = c.record(o, path, ['id', 'name', 'definition', 'items']);
    if (!raw) return undefined;
    expectIdAt(c, 'INSTRUMENT_OUTCOMES', raw.id, [...path, 'id'], OUTCOME_IDS, i, what);
    ids.claim(typeof raw.id === 'string' ? raw.id : undefined, [...path, 'id']);
    return Object.freeze({
      id: raw.id as OutcomeId,
      name: c.text(raw.name, [...path, 'name'])!,
      definition: c.text(raw.definition, [...path, 'definition'])!,
      items: readItems(c, ids, raw.items, [...path, 'items'], 2, Infinity),
    });
  });
  return Object.freeze(out as Outcome[]);
}

function readDemographics(c: Checker, ids: IdRegistry, value: unknown): readonly Demographic[] {
  const list = c.list(value, ['demographics'], 0, Infinity, { zh: '问题', en: 'questions' });
  const out = list.map((d, i) => {
    const path = ['demographics', i];
    const raw = c.record(d, path, ['id', 'label', 'options']);
    if (!raw) return undefined;
    const id = c.id(raw.id, [...path, 'id'], NAME_ID, NAME_ID_RULE);
    ids.claim(id, [...path, 'id']);
    const values = new IdRegistry(c, { zh: '同一问题的选项', en: 'the options of one question' });
    const optionsPath = [...path, 'options'];
    const options = c
      .list(raw.options, optionsPath, 2, 6, { zh: '选项（粗分档）', en: 'options (coarse bands)' })
      .map((o, j) => {
        const raw = c.record(o, [...optionsPath, j], ['value', 'label']);
        if (!raw) return undefined;
        const value = c.id(raw.value, [...optionsPath, j, 'value'], NAME_ID, NAME_ID_RULE);
        values.claim(value, [...optionsPath, j, 'value']);
        return Object.freeze({
          value: value!,
          label: c.text(raw.label, [...optionsPath, j, 'label'])!,
        });
      });
    return Object.freeze({
      id: id!,
      label: c.text(raw.label, [...path, 'label'])!,
      options: Object.freeze(options as Demographic['options'][number][]),
    });
  });
  return Object.freeze(out as Demographic[]);
}

function readOpenQuestions(c: Checker, ids: IdRegistry, value: unknown): readonly OpenQuestion[] {
  const list = c.list(value, ['openQuestions'], 0, Infinity, { zh: '问题', en: 'questions' });
  const out = list.map((q, i) => {
    const path = ['openQuestions', i];
    const raw = c.record(q, path, ['id', 'text']);
    if (!raw) return undefined;
    const id = c.id(raw.id, [...path, 'id'], NAME_ID, NAME_ID_RULE);
    ids.claim(id, [...path, 'id']);
    return Object.freeze({ id: id!, text: c.text(raw.text, [...path, 'text'])! });
  });
  return Object.freeze(out as OpenQuestion[]);
}

// ---------------------------------------------------------------------------------------------
// Items and scales.

/** Every factor and outcome of an instrument, in order: the scales the analysis scores. */
function scalesOf(instrument: Instrument): readonly (Factor | Outcome)[] {
  return [...instrument.dimensions.flatMap((d) => d.factors), ...instrument.outcomes];
}

/** The ids of every Likert item (factors' items, then outcomes'): the response CSV's columns. */
export function itemIds(instrument: Instrument): string[] {
  return scalesOf(instrument).flatMap((s) => s.items.map((i) => i.id));
}

export interface FoundItem {
  readonly item: Item;
  /** The factor or outcome the item measures. */
  readonly scaleId: string;
  /** The factor's dimension; null for an outcome's item. */
  readonly dimension: DimensionId | null;
}

/** The Likert item with this id, with the factor or outcome it belongs to. */
export function findItem(instrument: Instrument, id: string): FoundItem | undefined {
  for (const d of instrument.dimensions) {
    for (const f of d.factors) {
      const item = f.items.find((i) => i.id === id);
      if (item) return { item, scaleId: f.id, dimension: d.id };
    }
  }
  for (const o of instrument.outcomes) {
    const item = o.items.find((i) => i.id === id);
    if (item) return { item, scaleId: o.id, dimension: null };
  }
  return undefined;
}

/** What the analysis needs of an instrument: the scale, and each factor and outcome as a scale. */
export function scaleSpecOf(instrument: Instrument): ScaleSpec {
  const factors = scalesOf(instrument).map((s) =>
    Object.freeze({
      id: s.id,
      items: Object.freeze(s.items.map((i) => i.id)),
      reversed: Object.freeze(s.items.filter((i) => i.reversed).map((i) => i.id)),
    }),
  );
  const { min, max } = instrument.scale;
  return Object.freeze({ scale: Object.freeze({ min, max }), factors: Object.freeze(factors) });
}

// ---------------------------------------------------------------------------------------------
// The CLI's `--instrument FILE`: a scale spec as JSON.

/**
 * Reads `{ "scale": { "min": 1, "max": 6 }, "factors": [ { "id": "C", "items": ["C1", …],
 * "reversed": ["C4"] }, … ] }`. `reversed` may be left out; it lists some of the factor's items.
 * Each factor has at least 2 items; factor ids are unique, and so are items across factors.
 */
export function parseScaleSpec(text: string, source: string): ScaleSpec {
  const { value, map } = readDocument(text, source);
  const c = new Checker(map);
  const raw = c.record(value, [], ['scale', 'factors']);
  if (!raw) return c.stop();
  const scaleRaw =
    raw.scale === undefined ? undefined : c.record(raw.scale, ['scale'], ['min', 'max']);
  const min = c.integer(scaleRaw?.min, ['scale', 'min']);
  const max = c.integer(scaleRaw?.max, ['scale', 'max']);
  checkRange(c, min, max, ['scale']);
  const factorIds = new IdRegistry(c, { zh: '因素', en: 'factors' });
  const itemIdsSeen = new IdRegistry(c, { zh: '所有因素的条目', en: 'the items of all factors' });
  const factors = c
    .list(raw.factors, ['factors'], 1, Infinity, { zh: '因素', en: 'factors' })
    .map((f, i) => readSpecFactor(c, factorIds, itemIdsSeen, f, ['factors', i]));
  c.done();
  return Object.freeze({
    scale: Object.freeze({ min: min!, max: max! }),
    factors: Object.freeze(factors as ScaleSpec['factors'][number][]),
  });
}

function readSpecFactor(
  c: Checker,
  factorIds: IdRegistry,
  itemIdsSeen: IdRegistry,
  value: unknown,
  path: Path,
): ScaleSpec['factors'][number] | undefined {
  const raw = c.record(value, path, ['id', 'items'], ['reversed']);
  if (!raw) return undefined;
  const id = c.id(raw.id, [...path, 'id'], SPEC_ID, SPEC_ID_RULE);
  factorIds.claim(id, [...path, 'id']);
  const items = c
    .list(raw.items, [...path, 'items'], 2, Infinity, { zh: '条目', en: 'items' })
    .map((v, j) => {
      const item = c.id(v, [...path, 'items', j], SPEC_ID, SPEC_ID_RULE);
      itemIdsSeen.claim(item, [...path, 'items', j]);
      return item;
    });
  const reversedSeen = new IdRegistry(c, { zh: 'reversed 列表', en: 'the reversed list' });
  const reversed = c
    .list(raw.reversed ?? [], [...path, 'reversed'], 0, Infinity, { zh: '条目', en: 'items' })
    .map((v, j) => {
      const p = [...path, 'reversed', j];
      const item = c.id(v, p, SPEC_ID, SPEC_ID_RULE);
      reversedSeen.claim(item, p);
      if (item !== undefined && !items.includes(item)) {
        const hint = didYouMean(
          item,
          items.filter((x) => x !== undefined),
        );
        c.report(
          'INSTRUMENT_SPEC_REVERSED',
          p,
          `“${item}”不是该因素的条目；reversed 只能列出本因素 items 中的条目。${hint.zh}`,
          `'${item}' is not one of this factor's items; reversed lists some of its items. ${hint.en}`.trim(),
        );
      }
      return item;
    });
  return Object.freeze({
    id: id!,
    items: Object.freeze(items as string[]),
    reversed: Object.freeze(reversed as string[]),
  });
}

// ---------------------------------------------------------------------------------------------
// The shipped instruments.

/** The instruments/ folder shipped with rongcuo (found from src/ under Vitest and from dist/src/). */
export function shippedInstrumentsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'instruments');
    if (existsSync(join(candidate, 'seed000-v1.yaml'))) return candidate;
    dir = dirname(dir);
  }
  return resolve('instruments');
}

/** Reads and checks one instrument file. */
export function readInstrumentFile(file: string): Instrument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InstrumentError([
      diag(
        'INSTRUMENT_FILE_UNREADABLE',
        'error',
        `无法读取问卷文件 ${displayPath(file)}：${reason}。`,
        `cannot read instrument file ${displayPath(file)}: ${reason}.`,
      ),
    ]);
  }
  return parseInstrument(text, displayPath(file));
}

/**
 * The shipped instruments: every `*.yaml` in the folder, in file-name order. A file is named after
 * its instrument's id (`seed000-v1.yaml`), so that ids are unique and easy to find.
 */
export function loadShippedInstruments(dir = shippedInstrumentsDir()): Instrument[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return files.map((name) => {
    const file = join(dir, name);
    const instrument = readInstrumentFile(file);
    if (basename(name, '.yaml') !== instrument.id) {
      throw new InstrumentError([
        diag(
          'INSTRUMENT_FILE_NAME',
          'error',
          `问卷文件 ${displayPath(file)} 的标识符为“${instrument.id}”；请将文件改名为 ${instrument.id}.yaml。`,
          `the instrument file ${displayPath(file)} has the id '${instrument.id}'; rename the file ${instrument.id}.yaml.`,
          { file: displayPath(file), line: 1, col: 1, path: ['id'] },
        ),
      ]);
    }
    return instrument;
  });
}

/** The shipped instrument with this id; an unknown id is an error naming the known ones. */
export function shippedInstrument(id: string, dir = shippedInstrumentsDir()): Instrument {
  const all = loadShippedInstruments(dir);
  const found = all.find((i) => i.id === id);
  if (found) return found;
  const known = all.map((i) => i.id);
  const hint = didYouMean(id, known);
  throw new InstrumentError([
    diag(
      'INSTRUMENT_UNKNOWN',
      'error',
      `没有标识符为“${id}”的问卷；可用的有 ${known.join('、') || '（无）'}。${hint.zh}`,
      `there is no instrument '${id}'; the shipped ones are ${known.join(', ') || '(none)'}. ${hint.en}`.trim(),
    ),
  ]);
}
