/**
 * Scenario tests beside each pack: named as sentences a legal reader understands, facts in,
 * outcome and key reasons out. Pure: the caller reads the YAML file.
 *
 *   scenarios:
 *     - name: An official who sought private gain is not tolerated, whatever else is true
 *       at: 2023-06-01            # date of the conduct
 *       decidedAt: 2024-01-10     # optional: date of decision (从旧兼从轻)
 *       facts: { privateGain: true }
 *       expect:
 *         outcome: not_tolerated
 *         recommended: [exempted, reduced]     # the band recommended, most favourable first
 *         resultKind: ladder                   # ladder | notApplicable | referred
 *         reasons: [excl-private-gain]        # rules that must be among the reasons
 *         notReasons: [sit-pilot]              # rules that must not be
 *         clauses: [op18-dist-3]               # clauses that must be cited
 *         missingFacts: [..]                   # exactly these facts still matter (any order)
 *         missingIncludes: [..]                # at least these
 *         version: '2019-09'                   # the version applied
 *         applied: decision                    # conduct | decision
 *         error: POLICY_NO_VERSION_AT_DATE     # or: evaluation must fail with this code
 */
import { diag, PolicyError, type Diagnostic } from './errors.js';
import type { Evaluation, PolicyEngine } from './engine.js';
import type { Facts, I18nText, Loc } from './model.js';
import { parseYaml, type SourceMap } from './parse.js';

export interface ScenarioExpect {
  readonly outcome?: string;
  readonly recommended?: readonly string[];
  readonly resultKind?: 'ladder' | 'notApplicable' | 'referred';
  readonly reasons?: readonly string[];
  readonly notReasons?: readonly string[];
  readonly clauses?: readonly string[];
  readonly missingFacts?: readonly string[];
  readonly missingIncludes?: readonly string[];
  readonly version?: string;
  readonly applied?: 'conduct' | 'decision';
  readonly error?: string;
}

export interface Scenario {
  readonly name: string;
  readonly pack: string;
  readonly at: string;
  readonly decidedAt?: string;
  readonly facts: Facts;
  readonly expect: ScenarioExpect;
  readonly loc: Loc;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly passed: boolean;
  /** What differed, in words (zh and en). */
  readonly failures: readonly I18nText[];
  readonly evaluation?: Evaluation;
}

const EXPECT_KEYS = new Set([
  'outcome',
  'recommended',
  'resultKind',
  'reasons',
  'notReasons',
  'clauses',
  'missingFacts',
  'missingIncludes',
  'version',
  'applied',
  'error',
]);

/** Reads a scenario file. `pack` is the default pack id (a scenario may name another). */
export function parseScenarios(text: string, file: string, pack: string): Scenario[] {
  const { value, map } = parseYaml(text, file);
  const problems: Diagnostic[] = [];
  const bad = (path: (string | number)[], zh: string, en: string) =>
    problems.push(diag('SCENARIO_BAD', 'error', zh, en, map.loc(path)));
  const list = (value as { scenarios?: unknown } | null)?.scenarios;
  if (!Array.isArray(list)) {
    bad([], '场景文件应有 scenarios 列表。', 'a scenario file must have a scenarios list.');
    throw new PolicyError(problems);
  }
  const out: Scenario[] = [];
  list.forEach((raw: unknown, i: number) => {
    const path = ['scenarios', i];
    if (raw === null || typeof raw !== 'object') {
      bad(path, `第 ${i + 1} 个场景应是一个映射。`, `scenario ${i + 1} must be a mapping.`);
      return;
    }
    const s = raw as Record<string, unknown>;
    const known = new Set(['name', 'pack', 'at', 'decidedAt', 'facts', 'expect']);
    for (const k of Object.keys(s)) {
      if (!known.has(k)) bad([...path, k], `不认识的字段“${k}”。`, `unknown field '${k}'.`);
    }
    if (typeof s.name !== 'string' || s.name.length < 10) {
      bad(
        path,
        '每个场景需要一个完整句子作为 name。',
        'each scenario needs a name written as a full sentence.',
      );
      return;
    }
    if (typeof s.at !== 'string') {
      bad(
        path,
        `场景“${s.name}”缺少行为日期 at（YYYY-MM-DD）。`,
        `scenario '${s.name}' needs at, the date of the conduct (YYYY-MM-DD).`,
      );
      return;
    }
    const facts = s.facts ?? {};
    if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) {
      bad([...path, 'facts'], 'facts 应是一个映射。', 'facts must be a mapping.');
      return;
    }
    const expect = s.expect as Record<string, unknown> | undefined;
    if (!expect || typeof expect !== 'object' || Object.keys(expect).length === 0) {
      bad(path, `场景“${s.name}”缺少 expect。`, `scenario '${s.name}' needs expect.`);
      return;
    }
    for (const k of Object.keys(expect)) {
      if (!EXPECT_KEYS.has(k)) {
        bad(
          [...path, 'expect', k],
          `expect 中不认识的字段“${k}”。`,
          `unknown field '${k}' in expect.`,
        );
      }
    }
    const rec = expect.recommended;
    if (rec !== undefined && (!Array.isArray(rec) || rec.some((o) => typeof o !== 'string'))) {
      bad(
        [...path, 'expect', 'recommended'],
        'expect.recommended 应是结果标识的列表，对当事人最有利的在前。',
        'expect.recommended must be a list of outcome ids, most favourable first.',
      );
    }
    const kind = expect.resultKind;
    if (kind !== undefined && !['ladder', 'notApplicable', 'referred'].includes(kind as string)) {
      bad(
        [...path, 'expect', 'resultKind'],
        'expect.resultKind 应为 ladder、notApplicable 或 referred。',
        'expect.resultKind must be ladder, notApplicable or referred.',
      );
    }
    out.push({
      name: s.name,
      pack: typeof s.pack === 'string' ? s.pack : pack,
      at: s.at,
      ...(typeof s.decidedAt === 'string' ? { decidedAt: s.decidedAt } : {}),
      facts: facts as Facts,
      expect: expect as ScenarioExpect,
      loc: locOf(map, path),
    });
  });
  if (problems.length > 0) throw new PolicyError(problems);
  return out;
}

function locOf(map: SourceMap, path: (string | number)[]): Loc {
  return map.loc(path);
}

export function runScenario(engine: PolicyEngine, s: Scenario): ScenarioResult {
  const failures: I18nText[] = [];
  const fail = (zh: string, en: string) => failures.push({ zh, en });
  const list = (xs: Iterable<string>, zh = false) => `[${[...xs].join(zh ? '、' : ', ')}]`;
  let evaluation: Evaluation | undefined;
  try {
    evaluation = engine.evaluate(s.pack, s.facts, {
      at: s.at,
      ...(s.decidedAt ? { decidedAt: s.decidedAt } : {}),
    });
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    if (s.expect.error === e.code) return { scenario: s, passed: true, failures: [] };
    const m = e.diagnostics[0]?.message;
    if (s.expect.error) {
      fail(
        `应当报错 ${s.expect.error}，实际报错 ${e.code}：${m?.zh}`,
        `expected error ${s.expect.error}, got ${e.code}: ${m?.en}`,
      );
    } else fail(`评估失败：${e.code}：${m?.zh}`, `evaluation failed: ${e.code}: ${m?.en}`);
    return { scenario: s, passed: false, failures };
  }
  const x = s.expect;
  if (x.error) {
    fail(
      `应当报错 ${x.error}，但评估成功了（结果 ${evaluation.outcome}）`,
      `expected error ${x.error}, but the evaluation succeeded (${evaluation.outcome})`,
    );
  }
  if (x.outcome !== undefined && evaluation.outcome !== x.outcome) {
    fail(
      `应当得出结果 ${x.outcome}，实际为 ${evaluation.outcome}`,
      `expected outcome ${x.outcome}, got ${evaluation.outcome}`,
    );
  }
  if (x.recommended !== undefined && x.recommended.join(',') !== evaluation.recommended.join(',')) {
    fail(
      `建议结果应为 [${x.recommended.join('、')}]，实际为 [${evaluation.recommended.join('、')}]`,
      `expected the recommendation [${x.recommended.join(', ')}], got [${evaluation.recommended.join(', ')}]`,
    );
  }
  if (x.resultKind !== undefined && evaluation.resultKind !== x.resultKind) {
    fail(
      `结果类别应为 ${x.resultKind}，实际为 ${evaluation.resultKind ?? '尚不能确定'}`,
      `expected the result kind ${x.resultKind}, got ${evaluation.resultKind ?? 'undetermined'}`,
    );
  }
  const reasonRules = new Set(evaluation.reasons.map((r) => r.rule));
  for (const r of x.reasons ?? []) {
    if (!reasonRules.has(r)) {
      fail(
        `理由中应当有规则 ${r}；实际理由为 ${list(reasonRules, true)}`,
        `expected reason ${r}; reasons were ${list(reasonRules)}`,
      );
    }
  }
  for (const r of x.notReasons ?? []) {
    if (reasonRules.has(r))
      fail(`规则 ${r} 不应在理由之中`, `rule ${r} should not be among the reasons`);
  }
  const cited = new Set(evaluation.reasons.flatMap((r) => r.clauses.map((c) => c.id)));
  for (const c of x.clauses ?? []) {
    if (!cited.has(c)) {
      fail(
        `应当引用条款 ${c}；实际引用 ${list(cited, true)}`,
        `expected clause ${c} to be cited; cited ${list(cited)}`,
      );
    }
  }
  const missing = new Set(evaluation.missingFacts);
  if (x.missingFacts) {
    const want = new Set(x.missingFacts);
    const same = want.size === missing.size && [...want].every((f) => missing.has(f));
    if (!same) {
      fail(
        `尚需查明的事实应为 ${list([...want].sort(), true)}，实际为 ${list([...missing].sort(), true)}`,
        `expected missing facts ${list([...want].sort())}, got ${list([...missing].sort())}`,
      );
    }
  }
  for (const f of x.missingIncludes ?? []) {
    if (!missing.has(f)) {
      fail(
        `尚需查明的事实中应当有 ${f}；实际为 ${list(missing, true)}`,
        `expected ${f} among the missing facts; got ${list(missing)}`,
      );
    }
  }
  if (x.version !== undefined && evaluation.version !== x.version) {
    fail(
      `应当适用版本 ${x.version}，实际适用 ${evaluation.version}`,
      `expected version ${x.version}, got ${evaluation.version}`,
    );
  }
  if (x.applied !== undefined && evaluation.time.applied !== x.applied) {
    const when = { conduct: '行为时', decision: '决定时' } as const;
    fail(
      `应当适用${when[x.applied]}施行的版本，实际适用${when[evaluation.time.applied]}施行的版本`,
      `expected the ${x.applied} version to apply, got ${evaluation.time.applied}`,
    );
  }
  return { scenario: s, passed: failures.length === 0, failures, evaluation };
}
