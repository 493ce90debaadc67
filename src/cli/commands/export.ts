/**
 * rongcuo export results: the result applications of the determinations in force (结果运用,
 * src/app/queries/results-export.ts) written to a file for the HR and assessment systems, as an
 * Excel workbook, CSV or an XML batch in the `.lrmx` field names. Reads the store as its operator
 * (whoever holds the store reads every case); headers in Chinese, or English with --lang en.
 */
import { writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import {
  resultRows,
  resultsCsv,
  resultsLrmx,
  resultsWorkbook,
  type ResultsFilter,
} from '../../app/queries/results-export.js';
import { RESULT_FORMATS, type ResultFormat } from '../../shared/limits.js';
import { optString, requireString } from '../args.js';
import { CliError } from '../errors.js';
import { STORE_OPTS, withCliApp } from '../store.js';
import { tr } from '../text.js';
import { out, type CommandContext } from './context.js';

export const EXPORT_RESULTS_OPTS = {
  ...STORE_OPTS,
  format: 'string',
  out: 'string',
  jurisdiction: 'string',
  unit: 'string',
  from: 'string',
  to: 'string',
} as const;

const FORMATS = RESULT_FORMATS;
type Format = ResultFormat;

function formatOf(ctx: CommandContext): Format {
  const format = optString(ctx.args, 'format') ?? 'xlsx';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new CliError(
      {
        zh: `--format 应为 ${FORMATS.join('、')} 之一，而不是“${format}”。`,
        en: `--format must be one of ${FORMATS.join(', ')}, not '${format}'.`,
      },
      2,
    );
  }
  return format as Format;
}

export async function exportResultsCommand(ctx: CommandContext): Promise<number> {
  const format = formatOf(ctx);
  const file = requireString(ctx.args, 'out', 'export results');
  const filter: ResultsFilter = {
    ...(optString(ctx.args, 'jurisdiction')
      ? { jurisdictionId: optString(ctx.args, 'jurisdiction')! }
      : {}),
    ...(optString(ctx.args, 'unit') ? { unitId: optString(ctx.args, 'unit')! } : {}),
    ...(optString(ctx.args, 'from') ? { from: optString(ctx.args, 'from')! } : {}),
    ...(optString(ctx.args, 'to') ? { to: optString(ctx.args, 'to')! } : {}),
  };
  return withCliApp(ctx, async ({ ctx: app }) => {
    const rows = await resultRows(app, null, filter);
    if (format === 'csv') writeFileSync(file, resultsCsv(rows, ctx.lang));
    else if (format === 'lrmx') writeFileSync(file, resultsLrmx(rows));
    else {
      const by = tr(ctx.lang, '命令行（存储管理员）', 'the command line (store operator)');
      await pipeline(
        resultsWorkbook(rows, ctx.lang, { by, filter, at: app.now() }),
        createWriteStream(file),
      );
    }
    out(
      ctx,
      tr(
        ctx.lang,
        `已导出 ${rows.length} 条认定结果运用记录到 ${file}。\n`,
        `Exported ${rows.length} result applications to ${file}.\n`,
      ),
    );
    return 0;
  });
}
