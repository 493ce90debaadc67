/** rongcuo policy simulate: replay a case file under the published versions and a candidate. */
import { createReadStream, statSync, type ReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { readPackFile } from '../../packs/loader.js';
import type { CompiledPolicy } from '../../policy/compile.js';
import { PolicyEngine } from '../../policy/engine.js';
import type { I18nText, Lang, Pack } from '../../policy/model.js';
import {
  parseCaseLine,
  perDate,
  Simulation,
  type NotEvaluated,
  type PolicyResolver,
  type SimulationReport,
} from '../../policy/simulate.js';
import { optFlag, optString, requireString } from '../args.js';
import { cliFail } from '../errors.js';
import { jsonSyntaxError } from '../json.js';
import { loadNamed, packFileOf, shown } from '../load.js';
import { displayWidth, labelled, localize, oneLine, padEnd, padStart, tr } from '../text.js';
import { out, type CommandContext } from './context.js';

export const SIMULATE_OPTS = {
  pack: 'string',
  cases: 'string',
  draft: 'string',
  candidate: 'string',
  json: 'flag',
} as const;

const CMD = 'rongcuo policy simulate';
/** Ids shown per matrix cell, and not-evaluated cases listed, in text mode. */
const TEXT_IDS = 20;
const TEXT_SKIPPED = 100;
/** Without a terminal, a progress line every this many cases. */
const PROGRESS_EVERY = 100_000;

interface Candidate {
  readonly resolver: PolicyResolver;
  readonly describe: I18nText;
  readonly json: Record<string, string>;
}

export async function simulateCommand(ctx: CommandContext): Promise<number> {
  const { io, lang, args } = ctx;
  const packArg = requireString(args, 'pack', CMD);
  const casesArg = requireString(args, 'cases', CMD);
  const draft = optString(args, 'draft');
  const candidateArg = optString(args, 'candidate');
  if ((draft === undefined) === (candidateArg === undefined)) {
    cliFail(
      `${CMD} 需要 --draft 版本标识 或 --candidate 策略包文件 二者之一。`,
      `${CMD} needs exactly one of --draft VERSION_ID or --candidate PACK_FILE.`,
    );
  }
  const json = optFlag(args, 'json');

  const base = loadNamed(io, packArg);
  const pack = base.target;
  const engine = new PolicyEngine(base.set);
  const baseline = perDate((d) => engine.at(pack.id, d));

  let candidate: Candidate;
  if (draft !== undefined) {
    // Refuse an unknown or uncompilable draft once, up front, rather than on every case.
    const v = base.set.version(pack, draft);
    engine.version(pack.id, draft);
    candidate = {
      resolver: perDate((d) => engine.version(pack.id, draft, d)),
      describe: {
        zh: `${v.status === 'draft' ? '草案' : '已发布'}版本 ${draft}`,
        en: `${v.status === 'draft' ? 'draft' : 'published'} version ${draft}`,
      },
      json: { kind: 'version', version: draft, status: v.status },
    };
  } else {
    const file = packFileOf(io, candidateArg!);
    const cand = readPackFile(file);
    const extra = [{ pack: cand, file }];
    const second = loadNamed(io, packArg, extra);
    const broken = second.broken.find((b) => b.id === cand.id && b.file === cand.file);
    if (broken) throw broken.error;
    const related =
      cand.id === pack.id ||
      second.set.ancestors(second.set.get(pack.id)).some((a) => a.id === cand.id);
    if (!related) {
      cliFail(
        `候选策略包“${cand.id}”（${shown(io, file)}）既不是“${pack.id}”，也不是它的上级，无法比较。`,
        `the candidate pack '${cand.id}' (${shown(io, file)}) is neither '${pack.id}' nor one of its parents, so there is nothing to compare.`,
      );
    }
    const engine2 = new PolicyEngine(second.set);
    candidate = {
      resolver: perDate((d) => engine2.at(pack.id, d)),
      describe: {
        zh: `文件 ${shown(io, file)} 中的策略包“${cand.id}”（按各案例行为日期施行的版本）`,
        en: `pack '${cand.id}' from ${shown(io, file)} (the version in force on each case's date of conduct)`,
      },
      json: { kind: 'file', file: shown(io, file), pack: cand.id },
    };
  }

  const labels = new Map<string, I18nText>();
  const learn = (p: CompiledPolicy) => {
    for (const o of p.outcomes) if (!labels.has(o.id)) labels.set(o.id, o.label);
    return p;
  };
  const sim = new Simulation({
    baseline: (c) => learn(baseline(c)),
    candidate: (c) => learn(candidate.resolver(c)),
    ...(json ? {} : { maxIdsPerCell: TEXT_IDS, maxNotEvaluated: TEXT_SKIPPED }),
  });

  const { stream, size } = openCases(ctx, casesArg);
  const progress = new Progress(ctx, size, stream);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const c = parseCaseLine(line, n);
    if (c) sim.add('side' in c && c.code === 'SIM_BAD_JSON' ? explainBadJson(c, line) : c);
    if ((n & 1023) === 0) progress.tick(n);
  }
  progress.done(n);
  const report = sim.report();

  const baselineText: I18nText = {
    zh: '各案例行为日期施行的已发布版本',
    en: "the published version in force on each case's date of conduct",
  };
  if (json) {
    const result = {
      pack: pack.id,
      packTitle: pack.title,
      cases: casesArg === '-' ? '<stdin>' : casesArg,
      baseline: { kind: 'published', description: baselineText },
      candidate: { ...candidate.json, description: candidate.describe },
      total: report.total,
      evaluated: report.evaluated,
      unchanged: report.unchanged,
      changed: report.changed,
      notEvaluated: report.notEvaluated,
      outcomes: report.outcomes.map((id) => ({ id, label: labelOf(labels, id) })),
      totals: report.totals,
      transitions: report.transitions,
      notEvaluatedCases: report.skipped,
    };
    out(ctx, reportJson(localize(result, lang) as Record<string, unknown>));
    return 0;
  }
  out(ctx, renderReport(report, pack, baselineText, candidate.describe, labels, lang));
  return 0;
}

/**
 * The JSON report: pretty-printed, except that each matrix cell and each case not evaluated takes
 * one compact line (a million case ids one per line would make the output needlessly large).
 */
function reportJson(result: Record<string, unknown>): string {
  const { transitions, notEvaluatedCases, ...head } = result;
  const list = (items: unknown) =>
    (items as unknown[]).length === 0
      ? '[]'
      : `[\n${(items as unknown[]).map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`;
  const top = JSON.stringify(head, null, 2);
  return `${top.slice(0, -2)},\n  "transitions": ${list(transitions)},\n  "notEvaluatedCases": ${list(notEvaluatedCases)}\n}\n`;
}

/** A precise reason, with the column, for a line that is not valid JSON. */
function explainBadJson(c: NotEvaluated, line: string): NotEvaluated {
  const e = jsonSyntaxError(line);
  if (!e) return c;
  const col = e.offset + 1;
  return {
    ...c,
    reason: {
      zh: `第 ${col} 列：不是有效的 JSON：${e.reason.zh}。`,
      en: `column ${col}: not valid JSON: ${e.reason.en}.`,
    },
  };
}

function labelOf(labels: ReadonlyMap<string, I18nText>, id: string): I18nText {
  return (
    labels.get(id) ??
    (id === 'undetermined' ? { zh: '尚不能确定', en: 'undetermined' } : { zh: id, en: id })
  );
}

function openCases(ctx: CommandContext, arg: string): { stream: Readable; size: number } {
  if (arg === '-') return { stream: ctx.io.stdin, size: 0 };
  const file = resolve(ctx.io.cwd, arg);
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory())
      cliFail(`案例文件 ${arg} 是一个目录。`, `the case file ${arg} is a folder.`);
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') cliFail(`找不到案例文件 ${arg}。`, `no case file at ${arg}.`);
    throw e;
  }
  return { stream: createReadStream(file), size };
}

/** Progress on stderr: a percentage redrawn in place on a terminal, else a line every 100,000 cases. */
class Progress {
  private lastPercent = -1;
  private lastReported = 0;
  private drawn = false;
  constructor(
    private readonly ctx: CommandContext,
    private readonly size: number,
    private readonly stream: Readable,
  ) {}

  tick(n: number): void {
    const err = this.ctx.io.stderr;
    const L = (zh: string, en: string) => tr(this.ctx.lang, zh, en);
    if (err.isTTY && this.size > 0) {
      const read = (this.stream as ReadStream).bytesRead ?? 0;
      const percent = Math.min(99, Math.floor((read / this.size) * 100));
      if (percent !== this.lastPercent) {
        this.lastPercent = percent;
        this.drawn = true;
        err.write(
          `\r${L(`模拟中… ${percent}%（${n} 条）`, `simulating… ${percent}% (${n} cases)`)}`,
        );
      }
    } else if (n - this.lastReported >= PROGRESS_EVERY) {
      this.lastReported = n - (n % PROGRESS_EVERY);
      if (err.isTTY) {
        this.drawn = true;
        err.write(`\r${L(`模拟中… 已读 ${n} 行`, `simulating… ${n} lines read`)}`);
      } else {
        err.write(L(`已处理 ${this.lastReported} 行\n`, `${this.lastReported} lines processed\n`));
      }
    }
  }

  done(n: number): void {
    if (this.drawn) {
      this.ctx.io.stderr.write(
        `\r${tr(this.ctx.lang, `模拟完成：共 ${n} 行`, `simulation done: ${n} lines`)}\x1b[K\n`,
      );
    }
  }
}

function renderReport(
  r: SimulationReport,
  pack: Pack,
  baseline: I18nText,
  candidate: I18nText,
  labels: ReadonlyMap<string, I18nText>,
  lang: Lang,
): string {
  const L = (zh: string, en: string) => tr(lang, zh, en);
  const name = (id: string) => labelled(labelOf(labels, id), id, lang);
  const o: string[] = [];
  o.push(`${L('模拟', 'Simulation')}${L('：', ': ')}${pack.title[lang]} (${pack.id})`);
  o.push(`${L('基线', 'Baseline')}${L('：', ': ')}${baseline[lang]}`);
  o.push(`${L('候选', 'Candidate')}${L('：', ': ')}${candidate[lang]}`);
  o.push(
    L(
      `案例：共 ${r.total} 条；已评估 ${r.evaluated} 条，其中结果不变 ${r.unchanged} 条、结果改变 ${r.changed} 条；无法评估 ${r.notEvaluated} 条。`,
      `Cases: ${r.total} in all; ${r.evaluated} evaluated, ${r.unchanged} unchanged and ${r.changed} changed; ${r.notEvaluated} could not be evaluated.`,
    ),
  );
  const ids = (t: { count: number; ids: readonly string[] }) => {
    const more = t.count - t.ids.length;
    return `      ${t.ids.join(', ')}${more > 0 ? L(` …（另有 ${more} 条）`, ` … (and ${more} more)`) : ''}`;
  };
  const moved = r.transitions.filter((t) => t.from !== t.to);
  const same = r.transitions.filter((t) => t.from === t.to);
  o.push('', L('结果变化（基线 → 候选）：', 'Changed outcomes (baseline → candidate):'));
  if (moved.length === 0) o.push(L('  没有案例的结果发生变化。', '  No case changes outcome.'));
  for (const t of moved) {
    o.push(`  ${name(t.from)} → ${name(t.to)}${L('：', ': ')}${t.count}${L(' 条', '')}`);
    o.push(ids(t));
  }
  if (same.length > 0) {
    o.push('', L('结果不变：', 'Unchanged outcomes:'));
    for (const t of same) {
      o.push(`  ${name(t.from)}${L('：', ': ')}${t.count}${L(' 条', '')}`);
      o.push(ids(t));
    }
  }
  if (r.evaluated > 0) {
    o.push('', L('各结果合计：', 'Totals by outcome:'));
    const rows = r.outcomes.map((id) => [
      name(id),
      String(r.totals.baseline[id] ?? 0),
      String(r.totals.candidate[id] ?? 0),
    ]);
    const head = [L('结果', 'Outcome'), L('基线', 'Baseline'), L('候选', 'Candidate')];
    const w0 = Math.max(...[head, ...rows].map((x) => displayWidth(x[0]!)));
    const w1 = Math.max(...[head, ...rows].map((x) => displayWidth(x[1]!)));
    const w2 = Math.max(...[head, ...rows].map((x) => displayWidth(x[2]!)));
    for (const row of [head, ...rows]) {
      o.push(`  ${padEnd(row[0]!, w0)}  ${padStart(row[1]!, w1)}  ${padStart(row[2]!, w2)}`);
    }
  }
  if (r.notEvaluated > 0) {
    o.push(
      '',
      L(
        `无法评估的案例（${r.notEvaluated} 条）：`,
        `Cases that could not be evaluated (${r.notEvaluated}):`,
      ),
    );
    for (const s of r.skipped) o.push(`  ${skippedLine(s, lang)}`);
    const more = r.notEvaluated - r.skipped.length;
    if (more > 0) {
      o.push(
        L(
          `  …另有 ${more} 条；用 --json 查看全部。`,
          `  … and ${more} more; use --json to see them all.`,
        ),
      );
    }
  }
  return o.join('\n') + '\n';
}

function skippedLine(s: NotEvaluated, lang: Lang): string {
  const where =
    s.line !== undefined ? tr(lang, `第 ${s.line} 行`, `line ${s.line}`) : tr(lang, '案例', 'case');
  const id = s.id !== undefined ? tr(lang, `（${s.id}）`, ` (${s.id})`) : '';
  const side =
    s.side === 'baseline'
      ? tr(lang, '基线：', 'baseline: ')
      : s.side === 'candidate'
        ? tr(lang, '候选：', 'candidate: ')
        : '';
  return `${where}${id}${tr(lang, '：', ': ')}${side}${oneLine(s.reason[lang])}`;
}
