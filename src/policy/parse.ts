/**
 * Reads a policy pack from YAML text (pure: the caller reads the file). Checks it against the JSON
 * Schema, reports problems with file and line, and builds the immutable pack model.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { LineCounter, parseDocument, isMap, type Document, type Node } from 'yaml';
import { diag, didYouMean, PolicyError, type Diagnostic } from './errors.js';
import type {
  Clause,
  CompareOp,
  Condition,
  CorrectionDefault,
  DateSpan,
  DecisionEntry,
  Expr,
  ExprOpName,
  FactDecl,
  FactValue,
  FollowUpInput,
  I18nText,
  Loc,
  Matter,
  OtherResult,
  Outcome,
  Pack,
  PackVersion,
  Predicate,
  ProcedureInput,
  ResultApplicationInput,
  Rule,
  RuleKind,
  SourceDoc,
} from './model.js';
import { POLICY_PACK_SCHEMA } from './schema.js';

type Path = (string | number)[];

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validatePack = ajv.compile(POLICY_PACK_SCHEMA);

/** Positions of nodes in one YAML document. */
export class SourceMap {
  constructor(
    readonly file: string,
    private readonly doc: Document | undefined,
    private readonly lines: LineCounter,
  ) {}

  loc(path: readonly (string | number)[]): Loc {
    let probe: Path = [...path];
    while (this.doc) {
      const node = this.doc.getIn(probe, true) as Node | undefined;
      const offset = node?.range?.[0];
      if (offset !== undefined && (node !== undefined || probe.length === 0)) {
        const { line, col } = this.lines.linePos(offset);
        return { file: this.file, line, col, path: [...path] };
      }
      if (probe.length === 0) break;
      probe = probe.slice(0, -1);
    }
    return { file: this.file, line: 1, col: 1, path: [...path] };
  }

  /** Position of a mapping key (better for "unknown field" errors). */
  keyLoc(path: readonly (string | number)[], key: string): Loc {
    const parent = this.doc?.getIn([...path], true);
    if (isMap(parent)) {
      for (const pair of parent.items) {
        const k = pair.key as Node | null;
        if (k && (k as { value?: unknown }).value === key && k.range) {
          const { line, col } = this.lines.linePos(k.range[0]);
          return { file: this.file, line, col, path: [...path, key] };
        }
      }
    }
    return this.loc(path);
  }
}

/** Parses YAML text; throws PolicyError with line numbers on malformed YAML. */
export function parseYaml(text: string, file: string): { value: unknown; map: SourceMap } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: true,
  });
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      const reason = e.message.split('\n')[0] ?? e.message;
      return diag(
        'PACK_YAML_SYNTAX',
        'error',
        `YAML 格式错误：${reason}。请检查缩进、冒号和引号。`,
        `malformed YAML: ${reason}. Check indentation, colons and quotes.`,
        { file, line, col, path: [] },
      );
    });
    throw new PolicyError(diagnostics);
  }
  return { value: doc.toJS({ maxAliasCount: 100 }), map: new SourceMap(file, doc, lineCounter) };
}

/** Reads and checks a pack file's text. Throws PolicyError listing every schema problem. */
export function parsePack(text: string, file: string): Pack {
  const { value, map } = parseYaml(text, file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PolicyError([
      diag(
        'PACK_NOT_A_MAPPING',
        'error',
        '策略包文件应是一个 YAML 映射（键: 值），以 id、title、versions 等字段开头。',
        'a policy pack file must be a YAML mapping (key: value) starting with id, title, versions and so on.',
        map.loc([]),
      ),
    ]);
  }
  const problems = schemaProblems(value, map);
  if (problems.length > 0) throw new PolicyError(problems);
  return buildPack(value as Raw, map);
}

// ---------------------------------------------------------------------------------------------
// Schema problems, in words a pack author understands.

function pathOf(instancePath: string): Path {
  if (!instancePath) return [];
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function showPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(root)';
}

function getAt(value: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

const CONDITION_KEYS = ['all', 'any', 'not', 'rule', 'predicate', 'fact'];
const OPS: readonly CompareOp[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'within'];

/** A precise message for a malformed condition node (the schema's oneOf says too little). */
function conditionProblem(node: unknown, path: Path, map: SourceMap): Diagnostic {
  const where = showPath(path);
  const mk = (zh: string, en: string) => diag('PACK_BAD_CONDITION', 'error', zh, en, map.loc(path));
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    return mk(
      `${where}：条件应是一个映射，例如 {fact: privateGain, eq: true} 或 {all: [...]}。`,
      `${where}: a condition must be a mapping such as {fact: privateGain, eq: true} or {all: [...]}.`,
    );
  }
  const keys = Object.keys(node).filter((k) => k !== 'note');
  const heads = keys.filter((k) => CONDITION_KEYS.includes(k));
  if (heads.length !== 1) {
    return mk(
      `${where}：条件必须恰好包含 all、any、not、rule、predicate、fact 之一（现有：${keys.join('、') || '无'}）。`,
      `${where}: a condition must have exactly one of all, any, not, rule, predicate, fact (found: ${keys.join(', ') || 'none'}).`,
    );
  }
  const head = heads[0]!;
  const n = node as Record<string, unknown>;
  if (head === 'fact') {
    const ops = keys.filter((k) => k !== 'fact');
    const bad = ops.filter((k) => !(OPS as readonly string[]).includes(k));
    if (bad.length > 0) {
      const hint = didYouMean(bad[0]!, OPS);
      return mk(
        `${where}：不认识的比较运算“${bad[0]}”，可用 ${OPS.join('、')}。${hint.zh}`,
        `${where}: unknown comparison '${bad[0]}'; use one of ${OPS.join(', ')}. ${hint.en}`.trim(),
      );
    }
    if (ops[0] === 'within' && ops.length === 1) {
      return mk(
        `${where}：within 需要一个时间段，例如 {years: 2}（行为发生前两年内）。`,
        `${where}: within needs a span such as {years: 2} (the two years before the conduct).`,
      );
    }
    if (ops.length !== 1) {
      return mk(
        `${where}：事实比较需要恰好一个运算，例如 {fact: lossAmount, gt: 0}。`,
        `${where}: a fact comparison needs exactly one operator, e.g. {fact: lossAmount, gt: 0}.`,
      );
    }
    const op = ops[0]!;
    if (
      (op === 'in' || op === 'notIn') &&
      (!Array.isArray(n[op]) || (n[op] as unknown[]).length === 0)
    ) {
      return mk(`${where}：${op} 需要一个非空列表。`, `${where}: ${op} needs a non-empty list.`);
    }
    return mk(
      `${where}：比较值“${JSON.stringify(n[op])}”的类型不对，应为布尔、字符串或数字。`,
      `${where}: the value ${JSON.stringify(n[op])} has the wrong type; use a boolean, string or number.`,
    );
  }
  if (head === 'all' || head === 'any') {
    return mk(
      `${where}：${head} 需要一个非空的条件列表。`,
      `${where}: ${head} needs a non-empty list of conditions.`,
    );
  }
  if (keys.length > 1) {
    const extra = keys.filter((k) => k !== head);
    return mk(
      `${where}：${head} 条件不能再带“${extra.join('、')}”。`,
      `${where}: a ${head} condition cannot also have '${extra.join("', '")}'.`,
    );
  }
  return mk(
    `${where}：${head} 的值应为${head === 'not' ? '一个条件' : '一个标识符'}。`,
    `${where}: the value of ${head} must be ${head === 'not' ? 'a condition' : 'an identifier'}.`,
  );
}

/** Whether a path points at a condition node: a `when`, a `not`, or an item of `all` / `any`. */
function isConditionPath(path: readonly (string | number)[]): boolean {
  const last = path[path.length - 1];
  const prev = path[path.length - 2];
  return (
    last === 'when' ||
    last === 'not' ||
    (typeof last === 'number' && (prev === 'all' || prev === 'any'))
  );
}

/** The path of a decision entry's `outcome` at or above `path`, if it is one. */
function entryOutcomePath(path: Path): Path | undefined {
  const isEntry = path.length >= 5 && path[0] === 'versions' && path[2] === 'decision';
  return isEntry && path[4] === 'outcome' ? path.slice(0, 5) : undefined;
}

function outcomeProblem(path: Path, map: SourceMap): Diagnostic {
  const where = showPath(path);
  return diag(
    'PACK_SCHEMA',
    'error',
    `${where}：应为一个结果标识，或结果标识的列表（裁量幅度，如 [exempted, reduced]）。`,
    `${where}: must be an outcome id, or a list of outcome ids (a discretion band, e.g. [exempted, reduced]).`,
    map.loc(path),
  );
}

function schemaProblems(value: unknown, map: SourceMap): Diagnostic[] {
  if (validatePack(value)) return [];
  const all = (validatePack.errors ?? []) as ErrorObject[];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // A condition that fails as a whole makes the schema's oneOf report every branch. Keep only the
  // deepest errors: a condition's own errors count only when nothing under it failed, and then
  // they are replaced by one message of our own.
  const deeper = (p: string) => all.some((e) => e.instancePath.startsWith(p + '/'));
  const errors: ErrorObject[] = [];
  for (const e of all) {
    const path = pathOf(e.instancePath);
    const band = entryOutcomePath(path);
    if (band) {
      // One or a band: the schema's oneOf reports both branches; say it once.
      if (seen.has(showPath(band))) continue;
      seen.add(showPath(band));
      out.push(outcomeProblem(band, map));
      continue;
    }
    if (isConditionPath(path)) {
      if (deeper(e.instancePath)) continue;
      const key = showPath(path);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(conditionProblem(getAt(value, path), path, map));
      continue;
    }
    errors.push(e);
  }
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const path = pathOf(e.instancePath);
    const where = showPath(path);
    let d: Diagnostic;
    switch (e.keyword) {
      case 'required': {
        const prop = (e.params as { missingProperty: string }).missingProperty;
        if (
          path.length >= 3 &&
          path[0] === 'versions' &&
          path[2] === 'decision' &&
          (prop === 'when' || prop === 'otherwise')
        ) {
          d = diag(
            'PACK_SCHEMA',
            'error',
            `${where}：决定条目需要 when（条件）或 otherwise: true（兜底）。`,
            `${where}: a decision entry needs either when (a condition) or otherwise: true (the fallback).`,
            map.loc(path),
          );
        } else {
          d = diag(
            'PACK_SCHEMA',
            'error',
            `${where}：缺少必填字段“${prop}”。`,
            `${where}: missing required field '${prop}'.`,
            map.loc(path),
          );
        }
        break;
      }
      case 'additionalProperties': {
        const prop = (e.params as { additionalProperty: string }).additionalProperty;
        const allowed = Object.keys(
          ((getSchemaAt(e.schemaPath) as { properties?: object } | undefined)?.properties ??
            {}) as object,
        );
        const hint = didYouMean(prop, allowed);
        d = diag(
          'PACK_UNKNOWN_FIELD',
          'error',
          `${where}：不认识的字段“${prop}”。${hint.zh}`,
          `${where}: unknown field '${prop}'. ${hint.en}`.trim(),
          map.keyLoc(path, prop),
        );
        break;
      }
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
        const got = String(getAt(value, path));
        const hint = didYouMean(got, allowed);
        d = diag(
          'PACK_SCHEMA',
          'error',
          `${where}：取值“${got}”无效，应为 ${allowed.join('、')} 之一。${hint.zh}`,
          `${where}: '${got}' is not allowed; use one of ${allowed.join(', ')}. ${hint.en}`.trim(),
          map.loc(path),
        );
        break;
      }
      case 'type':
        d = diag(
          'PACK_SCHEMA',
          'error',
          `${where}：类型应为 ${(e.params as { type: string }).type}。`,
          `${where}: must be of type ${(e.params as { type: string }).type}.`,
          map.loc(path),
        );
        break;
      case 'pattern':
        d = diag(
          'PACK_SCHEMA',
          'error',
          `${where}：“${String(getAt(value, path))}”格式不对${path[path.length - 1] === 'from' || path[path.length - 1] === 'to' || path[path.length - 1] === 'date' ? '，日期应写作 YYYY-MM-DD' : '，标识符以字母开头，只含字母、数字、_ . -'}。`,
          `${where}: '${String(getAt(value, path))}' is malformed${path[path.length - 1] === 'from' || path[path.length - 1] === 'to' || path[path.length - 1] === 'date' ? '; write dates as YYYY-MM-DD' : '; identifiers start with a letter and contain only letters, digits, _ . -'}.`,
          map.loc(path),
        );
        break;
      default:
        d = diag(
          'PACK_SCHEMA',
          'error',
          `${where}：${e.message ?? '不符合策略包格式'}。`,
          `${where}: ${e.message ?? 'does not match the policy pack format'}.`,
          map.loc(path),
        );
    }
    const key = `${d.code}|${where}|${d.message.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  if (out.length === 0) {
    out.push(
      diag(
        'PACK_SCHEMA',
        'error',
        '策略包不符合格式（schema/policy-pack.schema.json）。',
        'the pack does not match the format (schema/policy-pack.schema.json).',
        map.loc([]),
      ),
    );
  }
  out.sort((a, b) => (a.at?.line ?? 0) - (b.at?.line ?? 0));
  return out;
}

function getSchemaAt(schemaPath: string): unknown {
  const parts = schemaPath.replace(/^#\//, '').split('/').slice(0, -1);
  let s: unknown = POLICY_PACK_SCHEMA;
  for (const p of parts) {
    if (s === null || typeof s !== 'object') return undefined;
    s = (s as Record<string, unknown>)[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Building the model (the input is already schema-valid).

type Raw = Record<string, unknown>;

function buildPack(raw: Raw, map: SourceMap): Pack {
  const id = raw.id as string;
  const facts: FactDecl[] = Object.entries((raw.facts ?? {}) as Record<string, Raw>).map(
    ([factId, f]) =>
      Object.freeze({
        id: factId,
        type: f.type as FactDecl['type'],
        label: f.label as I18nText,
        help: f.help as I18nText,
        ...(f.values ? { values: Object.freeze(f.values as FactDecl['values']) } : {}),
        ...(f.unit ? { unit: f.unit as I18nText } : {}),
        ...(f.min !== undefined ? { min: f.min as number } : {}),
        ...(f.max !== undefined ? { max: f.max as number } : {}),
        ...(f.integer !== undefined ? { integer: f.integer as boolean } : {}),
        ...(f.derived !== undefined ? { derived: buildExpr(f.derived) } : {}),
        ...(f.none ? { none: f.none as I18nText } : {}),
        at: map.keyLoc(['facts'], factId),
        origin: id,
      }),
  );
  const sources: SourceDoc[] = ((raw.sources ?? []) as Raw[]).map((s, i) =>
    Object.freeze({
      id: s.id as string,
      title: s.title as I18nText,
      number: s.number as string,
      issuer: s.issuer as I18nText,
      ...(s.date ? { date: s.date as string } : {}),
      at: map.loc(['sources', i]),
      origin: id,
    }),
  );
  const outcomes = raw.outcomes
    ? Object.freeze(
        (raw.outcomes as Raw[]).map((o) =>
          Object.freeze({
            id: o.id as string,
            label: o.label as I18nText,
            ...(o.description ? { description: o.description as I18nText } : {}),
          } satisfies Outcome),
        ),
      )
    : undefined;
  const otherResults: OtherResult[] = ((raw.otherResults ?? []) as Raw[]).map((o, i) =>
    Object.freeze({
      id: o.id as string,
      kind: o.kind as OtherResult['kind'],
      label: o.label as I18nText,
      ...(o.description ? { description: o.description as I18nText } : {}),
      ...(o.to ? { to: o.to as I18nText } : {}),
      at: map.loc(['otherResults', i]),
      origin: id,
    }),
  );
  const matters: Matter[] = Object.entries((raw.matters ?? {}) as Record<string, Raw>).map(
    ([matterId, m]) =>
      Object.freeze({
        id: matterId,
        label: m.label as I18nText,
        ...(m.description ? { description: m.description as I18nText } : {}),
        at: map.keyLoc(['matters'], matterId),
        origin: id,
      }),
  );
  const versions = (raw.versions as Raw[]).map((v, i) => buildVersion(v, ['versions', i], id, map));
  const followUp = raw.followUp ? buildFollowUp(raw.followUp as Raw, ['followUp'], map) : undefined;
  return Object.freeze({
    id,
    title: raw.title as I18nText,
    authority: raw.authority as I18nText,
    documentNumber: raw.documentNumber as string,
    jurisdiction: raw.jurisdiction as string,
    ...(raw.extends ? { extends: raw.extends as string } : {}),
    status: raw.status as Pack['status'],
    ...(raw.notice ? { notice: raw.notice as I18nText } : {}),
    standardVocabulary: raw.standardVocabulary !== false,
    ...(outcomes ? { outcomes } : {}),
    otherResults: Object.freeze(otherResults),
    sources: Object.freeze(sources),
    facts: Object.freeze(facts),
    matters: Object.freeze(matters),
    ...(followUp ? { followUp } : {}),
    versions: Object.freeze(versions),
    file: map.file,
    at: map.loc([]),
  });
}

/** `outcome: x` or a band `outcome: [x, y]`: the first written, and all of them. */
function outcomesOf(raw: string | string[]): { outcome: string; outcomes: readonly string[] } {
  const list = Array.isArray(raw) ? raw : [raw];
  return { outcome: list[0]!, outcomes: Object.freeze([...list]) };
}

function buildVersion(v: Raw, path: Path, packId: string, map: SourceMap): PackVersion {
  const clauses: Clause[] = ((v.clauses ?? []) as Raw[]).map((c, i) =>
    Object.freeze({
      id: c.id as string,
      source: c.source as string,
      article: c.article as I18nText,
      text: c.text as I18nText,
      at: map.loc([...path, 'clauses', i]),
      origin: packId,
    }),
  );
  const predicates: Predicate[] = ((v.predicates ?? []) as Raw[]).map((p, i) =>
    Object.freeze({
      id: p.id as string,
      title: p.title as I18nText,
      when: buildCondition(p.when, [...path, 'predicates', i, 'when'], map),
      at: map.loc([...path, 'predicates', i]),
      origin: packId,
    }),
  );
  const rules: Rule[] = ((v.rules ?? []) as Raw[]).map((r, i) =>
    Object.freeze({
      id: r.id as string,
      kind: r.kind as RuleKind,
      title: r.title as I18nText,
      clauses: Object.freeze([...(r.clauses as string[])]),
      when: buildCondition(r.when, [...path, 'rules', i, 'when'], map),
      at: map.loc([...path, 'rules', i]),
      origin: packId,
    }),
  );
  const decision: DecisionEntry[] | undefined = v.decision
    ? (v.decision as Raw[]).map((d, i) =>
        Object.freeze({
          id: d.id as string,
          ...outcomesOf(d.outcome as string | string[]),
          ...(d.when !== undefined
            ? { when: buildCondition(d.when, [...path, 'decision', i, 'when'], map) }
            : {}),
          binding: d.binding === true,
          ...(d.note ? { note: d.note as I18nText } : {}),
          at: map.loc([...path, 'decision', i]),
          origin: packId,
        }),
      )
    : undefined;
  return Object.freeze({
    id: String(v.id),
    status: (v.status as PackVersion['status'] | undefined) ?? 'published',
    ...(v.title ? { title: v.title as I18nText } : {}),
    from: v.from as string,
    ...(v.to ? { to: v.to as string } : {}),
    ...(v.amends ? { amends: String(v.amends) } : {}),
    clauses: Object.freeze(clauses),
    predicates: Object.freeze(predicates),
    rules: Object.freeze(rules),
    removes: Object.freeze([...((v.removes ?? []) as string[])]),
    ...(decision ? { decision: Object.freeze(decision) } : {}),
    procedure: Object.freeze((v.procedure ?? {}) as ProcedureInput),
    results: buildResults(v.results as Record<string, Raw> | undefined, [...path, 'results'], map),
    ...(v.followUp
      ? { followUp: buildFollowUp(v.followUp as Raw, [...path, 'followUp'], map) }
      : {}),
    at: map.loc(path),
  });
}

/** A `followUp:` block as written (folded in resolve.ts). */
function buildFollowUp(r: Raw, path: Path, map: SourceMap): FollowUpInput {
  const before = r.before as Raw | undefined;
  return Object.freeze({
    ...(before
      ? {
          before: Object.freeze({
            ...(before.months !== undefined ? { months: before.months as number } : {}),
            ...(before.days !== undefined ? { days: before.days as number } : {}),
          }),
        }
      : {}),
    ...(r.sampleShare !== undefined ? { sampleShare: r.sampleShare as number } : {}),
    ...(r.basis ? { basis: r.basis as string } : {}),
    ...(r.note ? { note: r.note as I18nText } : {}),
    at: map.loc(path),
  });
}

/** A version's result application per outcome, as written (folded in resolve.ts). */
function buildResults(
  raw: Record<string, Raw> | undefined,
  path: Path,
  map: SourceMap,
): Readonly<Record<string, ResultApplicationInput>> {
  const out: Record<string, ResultApplicationInput> = {};
  for (const [outcome, r] of Object.entries(raw ?? {})) {
    out[outcome] = Object.freeze({
      ...(r.unaffected ? { unaffected: Object.freeze([...(r.unaffected as string[])]) } : {}),
      ...(r.impactPeriod !== undefined
        ? { impactPeriod: r.impactPeriod as ResultApplicationInput['impactPeriod'] }
        : {}),
      ...(r.correction ? { correction: r.correction as CorrectionDefault } : {}),
      ...(r.basis ? { basis: Object.freeze([...(r.basis as string[])]) } : {}),
      ...(r.note ? { note: r.note as I18nText } : {}),
      at: map.keyLoc(path, outcome),
    });
  }
  return Object.freeze(out);
}

/** A derived fact's formula: `{div: [a, b]}` becomes `{op: 'div', args: [a, b]}`. */
function buildExpr(raw: unknown): Expr {
  if (typeof raw === 'number' || typeof raw === 'string') return raw;
  const [op, args] = Object.entries(raw as Raw)[0] as [ExprOpName, unknown[]];
  return Object.freeze({ op, args: Object.freeze(args.map(buildExpr)) });
}

function buildCondition(raw: unknown, path: Path, map: SourceMap): Condition {
  const r = raw as Raw;
  const at = map.loc(path);
  const note = r.note ? { note: r.note as I18nText } : {};
  if (Array.isArray(r.all)) {
    return Object.freeze({
      kind: 'all',
      of: Object.freeze(r.all.map((c, i) => buildCondition(c, [...path, 'all', i], map))),
      ...note,
      at,
    });
  }
  if (Array.isArray(r.any)) {
    return Object.freeze({
      kind: 'any',
      of: Object.freeze(r.any.map((c, i) => buildCondition(c, [...path, 'any', i], map))),
      ...note,
      at,
    });
  }
  if (r.not !== undefined) {
    return Object.freeze({
      kind: 'not',
      of: buildCondition(r.not, [...path, 'not'], map),
      ...note,
      at,
    });
  }
  if (typeof r.rule === 'string') return Object.freeze({ kind: 'rule', id: r.rule, ...note, at });
  if (typeof r.predicate === 'string') {
    return Object.freeze({ kind: 'predicate', id: r.predicate, ...note, at });
  }
  const op = OPS.find((o) => r[o] !== undefined)!;
  const value = r[op] as FactValue | FactValue[] | DateSpan;
  return Object.freeze({
    kind: 'compare',
    fact: r.fact as string,
    op,
    value: Array.isArray(value)
      ? Object.freeze([...value])
      : typeof value === 'object'
        ? Object.freeze({ ...value })
        : value,
    ...note,
    at,
  });
}
