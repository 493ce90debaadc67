/**
 * rongcuo evaluation analyze: the analysis of survey responses (issue 12) from a CSV file, with no
 * store — one response per row, columns named by item id, blanks for no answer. The instrument is a
 * shipped one by id (default seed000-v1) or a file: the analysis's own JSON
 * `{ "scale": {…}, "factors": [ { "id", "items", "reversed" } ] }` or an instrument in YAML or JSON.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze, type Missing } from '../../evaluation/analyze.js';
import { CsvError } from '../../evaluation/csv.js';
import {
  loadShippedInstruments,
  parseInstrument,
  parseScaleSpec,
  scaleSpecOf,
} from '../../evaluation/instrument.js';
import type { ScaleSpec, Text } from '../../evaluation/model.js';
import { responsesFromCsv } from '../../evaluation/responses.js';
import { closest } from '../../policy/errors.js';
import { optFlag, optString, requireString } from '../args.js';
import { CliError } from '../errors.js';
import { readInput } from '../load.js';
import { out, type CommandContext } from './context.js';
import { analysisJson, renderAnalysis } from './evaluation-render.js';

export const EVALUATION_ANALYZE_OPTS = {
  responses: 'string',
  instrument: 'string',
  missing: 'string',
  json: 'flag',
} as const;

export const DEFAULT_INSTRUMENT = 'seed000-v1';

/** A scale spec and, where the instrument gives them, the scales' names. */
export interface SpecWithNames {
  readonly spec: ScaleSpec;
  readonly names: ReadonlyMap<string, Text>;
}

export async function evaluationAnalyzeCommand(ctx: CommandContext): Promise<number> {
  const file = requireString(ctx.args, 'responses', 'evaluation analyze');
  const missing = missingOf(optString(ctx.args, 'missing'));
  const { spec, names } = await specOf(
    ctx,
    optString(ctx.args, 'instrument') ?? DEFAULT_INSTRUMENT,
  );
  const text = await readInput(ctx.io, file, { zh: '答卷文件', en: 'responses file' });
  const table = inputErrors(file, () => responsesFromCsv(text, spec));
  if (table.rows.length === 0) {
    throw new CliError({ zh: `${file} 中没有答卷。`, en: `${file} holds no responses.` });
  }
  const analysis = analyze(table, spec, missing);
  if (optFlag(ctx.args, 'json')) out(ctx, JSON.stringify(analysisJson(analysis), null, 2) + '\n');
  else out(ctx, renderAnalysis(analysis, { names, ignored: table.ignored, file }, ctx.lang));
  return 0;
}

function missingOf(value: string | undefined): Missing {
  if (value === undefined || value === 'pairwise' || value === 'listwise')
    return value ?? 'pairwise';
  throw new CliError({
    zh: `--missing 应为 pairwise（成对删除，默认）或 listwise（整行删除），而不是“${value}”。`,
    en: `--missing must be pairwise (the default) or listwise, not '${value}'.`,
  });
}

async function specOf(ctx: CommandContext, value: string): Promise<SpecWithNames> {
  const path = resolve(ctx.io.cwd, value);
  if (!existsSync(path)) return shipped(value);
  const text = await readInput(ctx.io, value, { zh: '量表文件', en: 'instrument file' });
  if (isScaleSpec(text))
    return { spec: inputErrors(value, () => parseScaleSpec(text, value)), names: new Map() };
  return withNames(inputErrors(value, () => parseInstrument(text, value)));
}

function shipped(id: string): SpecWithNames {
  const all = loadShippedInstruments();
  const found = all.find((i) => i.id === id);
  if (found) return withNames(found);
  const hint = closest(
    id,
    all.map((i) => i.id),
  );
  throw new CliError({
    zh: `没有名为“${id}”的量表，也没有这个文件。${hint ? `是否应为“${hint}”？` : ''}可用：${all.map((i) => i.id).join('、')}，或给出 JSON 文件路径。`,
    en: `there is no instrument or file '${id}'. ${hint ? `Did you mean '${hint}'? ` : ''}Shipped: ${all.map((i) => i.id).join(', ')}; or give the path of a JSON file.`,
  });
}

function withNames(instrument: ReturnType<typeof loadShippedInstruments>[number]): SpecWithNames {
  const names = new Map<string, Text>();
  for (const d of instrument.dimensions) for (const f of d.factors) names.set(f.id, f.name);
  for (const o of instrument.outcomes) names.set(o.id, o.name);
  return { spec: scaleSpecOf(instrument), names };
}

/** The analysis's own JSON shape names its scales under "factors"; an instrument has "dimensions". */
function isScaleSpec(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return (
      typeof value === 'object' && value !== null && 'factors' in value && !('dimensions' in value)
    );
  } catch {
    return false;
  }
}

/** Input problems as one clear line naming the file, exit code 2. */
function inputErrors<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof CsvError)
      throw new CliError({ zh: `${file}：${e.zh}`, en: `${file}: ${e.en}` });
    throw e;
  }
}
