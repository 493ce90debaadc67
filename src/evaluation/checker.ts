/**
 * Reading an instrument file (YAML, or JSON, which YAML reads too) and checking it field by field,
 * collecting every problem with its file, line and path (`dimensions[1].factors[2].items[0]`) and
 * a way to fix it, in zh and en. The errors are PolicyErrors, so the CLI prints them as one line
 * and exits 2, as it does for policy packs.
 */
import { LineCounter, parseDocument } from 'yaml';
import { diag, didYouMean, PolicyError, type Diagnostic } from '../policy/errors.js';
import { SourceMap } from '../policy/parse.js';
import type { Text } from './model.js';

export type Path = readonly (string | number)[];
export type Raw = Record<string, unknown>;

/**
 * One problem of an instrument as a form shows it: the field it is about (`dimensions[0].title.zh`,
 * null when it concerns no one field) and what to do, without the file's line or the field's path.
 */
export interface InstrumentProblem {
  readonly code: string;
  readonly field: string | null;
  readonly message: Text;
}

/** A bad instrument or scale spec file; carries every problem found, in file order. */
export class InstrumentError extends PolicyError {
  /** The same problems for a form: by field (the diagnostics' messages start with the path). */
  readonly problems: readonly InstrumentProblem[];
  constructor(diagnostics: readonly Diagnostic[], problems?: readonly InstrumentProblem[]) {
    super(diagnostics);
    this.name = 'InstrumentError';
    this.problems =
      problems ?? diagnostics.map((d) => ({ code: d.code, field: null, message: d.message }));
  }
}

/** `dimensions[1].factors[2].items[0].text.en`, or `(root)`. */
export function showPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(root)';
}

/** Parses YAML or JSON text; throws InstrumentError with the line of each syntax error. */
export function readDocument(text: string, file: string): { value: unknown; map: SourceMap } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InstrumentError(
      doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        const reason = e.message.split('\n')[0] ?? e.message;
        return diag(
          'INSTRUMENT_SYNTAX',
          'error',
          `YAML/JSON 格式错误：${reason}。请检查缩进、冒号、引号和括号。`,
          `malformed YAML/JSON: ${reason}. Check indentation, colons, quotes and brackets.`,
          { file, line, col, path: [] },
        );
      }),
    );
  }
  return { value: doc.toJS({ maxAliasCount: 100 }), map: new SourceMap(file, doc, lineCounter) };
}

const TYPE_NAMES = {
  mapping: { zh: '映射（键: 值）', en: 'a mapping (key: value)' },
  list: { zh: '列表', en: 'a list' },
  string: { zh: '文字', en: 'a string' },
  integer: { zh: '整数', en: 'an integer' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
} as const;
type TypeName = keyof typeof TYPE_NAMES;

/** Collects problems while reading a parsed document; `done()` throws if there were any. */
export class Checker {
  private readonly problems: { diagnostic: Diagnostic; problem: InstrumentProblem }[] = [];

  constructor(private readonly map: SourceMap) {}

  /** Records a problem; the diagnostic's message is prefixed with the path it concerns. */
  report(code: string, path: Path, zh: string, en: string): void {
    const where = showPath(path);
    this.problems.push({
      diagnostic: diag(code, 'error', `${where}：${zh}`, `${where}: ${en}`, this.map.loc(path)),
      problem: { code, field: path.length > 0 ? where : null, message: { zh, en } },
    });
  }

  /** Throws InstrumentError listing every problem (sorted by line) if any was reported. */
  done(): void {
    if (this.problems.length === 0) return;
    const line = (p: (typeof this.problems)[number]) => p.diagnostic.at?.line ?? 0;
    const sorted = [...this.problems].sort((a, b) => line(a) - line(b));
    throw new InstrumentError(
      sorted.map((p) => p.diagnostic),
      sorted.map((p) => p.problem),
    );
  }

  /** Stops reading after a problem that leaves nothing to read further (already reported). */
  stop(): never {
    this.done();
    throw new Error('internal error: Checker.stop() without a reported problem');
  }

  /** A mapping with only the given keys; reports missing required keys and unknown ones. */
  record(value: unknown, path: Path, required: string[], optional: string[] = []): Raw | undefined {
    if (!this.isType(value, 'mapping', path)) return undefined;
    const raw = value as Raw;
    for (const key of required) {
      if (raw[key] === undefined) {
        this.report(
          'INSTRUMENT_MISSING_FIELD',
          path,
          `缺少必填字段“${key}”，请补上。`,
          `missing required field '${key}'; add it.`,
        );
      }
    }
    const allowed = [...required, ...optional];
    for (const key of Object.keys(raw)) {
      if (allowed.includes(key)) continue;
      const hint = didYouMean(key, allowed);
      this.report(
        'INSTRUMENT_UNKNOWN_FIELD',
        [...path, key],
        `不认识的字段“${key}”，可用的字段为 ${allowed.join('、')}。${hint.zh}`,
        `unknown field '${key}'; the fields are ${allowed.join(', ')}. ${hint.en}`.trim(),
      );
    }
    return raw;
  }

  /** A zh/en text, both non-empty. Undefined (already reported as missing) yields undefined. */
  text(value: unknown, path: Path): Text | undefined {
    if (value === undefined) return undefined;
    const raw = this.record(value, path, ['zh', 'en']);
    if (!raw) return undefined;
    const zh = this.nonEmpty(raw.zh, [...path, 'zh'], { zh: '中文', en: 'Chinese' });
    const en = this.nonEmpty(raw.en, [...path, 'en'], { zh: '英文', en: 'English' });
    return zh !== undefined && en !== undefined ? Object.freeze({ zh, en }) : undefined;
  }

  private nonEmpty(value: unknown, path: Path, lang: Text): string | undefined {
    if (value === undefined || !this.isType(value, 'string', path)) return undefined;
    const s = value as string;
    if (s.trim() === '') {
      this.report(
        'INSTRUMENT_EMPTY_TEXT',
        path,
        `${lang.zh}文字为空，请填写。`,
        `the ${lang.en} text is empty; write it.`,
      );
      return undefined;
    }
    return s.trim();
  }

  /** A string matching `pattern`; `rule` says in words what the pattern asks for. */
  id(value: unknown, path: Path, pattern: RegExp, rule: Text): string | undefined {
    if (value === undefined || !this.isType(value, 'string', path)) return undefined;
    const s = value as string;
    if (!pattern.test(s)) {
      this.report(
        'INSTRUMENT_BAD_ID',
        path,
        `标识符“${s}”格式不对：${rule.zh}`,
        `the id '${s}' is malformed: ${rule.en}`,
      );
      return undefined;
    }
    return s;
  }

  integer(value: unknown, path: Path): number | undefined {
    if (value === undefined || !this.isType(value, 'integer', path)) return undefined;
    return value as number;
  }

  boolean(value: unknown, path: Path): boolean | undefined {
    if (value === undefined || !this.isType(value, 'boolean', path)) return undefined;
    return value as boolean;
  }

  /** A list; reports a count outside [min, max], with `what` naming what the list holds. */
  list(value: unknown, path: Path, min: number, max: number, what: Text): unknown[] {
    if (value === undefined || !this.isType(value, 'list', path)) return [];
    const list = value as unknown[];
    if (list.length < min || list.length > max) {
      const range = max === Infinity ? `至少应有 ${min} 个` : `应为 ${min} 至 ${max} 个`;
      const rangeEn = max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.report(
        'INSTRUMENT_COUNT',
        path,
        `有 ${list.length} 个${what.zh}，${range}。`,
        `the number of ${what.en} is ${list.length}; it must be ${rangeEn}.`,
      );
    }
    return list;
  }

  private isType(value: unknown, type: TypeName, path: Path): boolean {
    const ok =
      type === 'mapping'
        ? value !== null && typeof value === 'object' && !Array.isArray(value)
        : type === 'list'
          ? Array.isArray(value)
          : type === 'integer'
            ? Number.isInteger(value)
            : typeof value === type;
    if (!ok) {
      const got = value === null ? 'null' : JSON.stringify(value);
      const shown = got && got.length > 40 ? `${got.slice(0, 37)}...` : got;
      this.report(
        'INSTRUMENT_BAD_TYPE',
        path,
        `应为${TYPE_NAMES[type].zh}，现为 ${shown}。`,
        `must be ${TYPE_NAMES[type].en}, not ${shown}.`,
      );
    }
    return ok;
  }
}

/**
 * Remembers where each id was first used, across everything that must not share an id; a second
 * use is reported with the path of the first.
 */
export class IdRegistry {
  private readonly first = new Map<string, Path>();

  constructor(
    private readonly checker: Checker,
    private readonly scope: Text,
  ) {}

  claim(id: string | undefined, path: Path): void {
    if (id === undefined) return;
    const earlier = this.first.get(id);
    if (earlier === undefined) {
      this.first.set(id, path);
      return;
    }
    this.checker.report(
      'INSTRUMENT_DUPLICATE_ID',
      path,
      `标识符“${id}”已在 ${showPath(earlier)} 使用；${this.scope.zh}的标识符不得重复，请改用其他名称。`,
      `the id '${id}' is already used at ${showPath(earlier)}; ${this.scope.en} must have distinct ids. Rename one.`,
    );
  }
}
