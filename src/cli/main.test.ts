import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { shippedPacksDir } from '../packs/loader.js';
import { run } from './main.js';

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(
  argv: string[],
  opts: { stdin?: string; cwd?: string; env?: Record<string, string>; packsDir?: string } = {},
): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from(opts.stdin !== undefined ? [Buffer.from(opts.stdin)] : []),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
    today: () => '2023-06-01',
    ...(opts.packsDir !== undefined ? { packsDir: opts.packsDir } : {}),
  });
  return { code, stdout, stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'rongcuo-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const file = join(tmp, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const NATIONAL = readFileSync(join(shippedPacksDir(), 'cn-national', 'pack.yaml'), 'utf8');
const HAN = /[\u4e00-\u9fff]/;

/** Facts that rule out every exclusion, immunity and tolerable situation of cn-national 2019-09. */
const PLAIN = {
  crimeSuspected: false,
  knowinglyViolated: false,
  actedAfterExplicitBan: false,
  privateGain: false,
  executedIllegalHigherDecision: false,
  ignoredRepeatedOrders: false,
  obstructed: false,
  decisionProcess: 'individual',
  forceMajeure: false,
  dutiesPerformed: false,
  purpose: 'routine_duty',
  policyBoundaryUnclear: false,
  prohibitedAtTheTime: true,
  remediation: 'none',
};

/** A one-line error: exit 2, a single line on stderr starting "rongcuo:", no stack trace. */
function expectOneLineError(r: Result, ...parts: string[]): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^rongcuo: /);
  expect(r.stderr).not.toMatch(/\bat (Object\.|async |new |file:|\/)/);
  expect(r.stderr).not.toContain('internal error');
  for (const p of parts) expect(r.stderr).toContain(p);
}

describe('rongcuo policy eval', () => {
  const gain = write('facts/gain.json', '{ "privateGain": true }\n');

  it('--json prints the evaluation with ids and texts in the chosen language', async () => {
    const r = await cli([
      'policy',
      'eval',
      '--pack',
      'cn-national',
      '--facts',
      gain,
      '--at',
      '2023-06-01',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const ev = JSON.parse(r.stdout);
    expect(ev.pack).toBe('cn-national');
    expect(ev.version).toBe('2019-09');
    expect(ev.outcome).toBe('not_tolerated');
    expect(ev.label).toBe('不予容错');
    expect(ev.missingFacts).toEqual([]);
    expect(ev.reasons.map((x: { rule: string }) => x.rule)).toContain('excl-private-gain');
    expect(typeof ev.reasons[0].title).toBe('string');
    expect(typeof ev.time.note).toBe('string');
  });

  it('--json in English, with --opt=value syntax', async () => {
    const r = await cli([
      'policy',
      'eval',
      '--pack=cn-national',
      `--facts=${gain}`,
      '--at=2023-06-01',
      '--json',
      '--lang=en',
    ]);
    expect(r.code).toBe(0);
    const ev = JSON.parse(r.stdout);
    expect(ev.label).toBe('Not tolerated');
    expect(ev.reasons[0].title).not.toMatch(HAN);
  });

  it('exits 0 for an undetermined outcome and lists the missing facts', async () => {
    const r = await cli(
      ['policy', 'eval', '--pack', 'cn-national', '--facts', '-', '--at', '2023-06-01', '--json'],
      {
        stdin: '{"purpose": "reform_pilot"}',
      },
    );
    expect(r.code).toBe(0);
    const ev = JSON.parse(r.stdout);
    expect(ev.outcome).toBe('undetermined');
    expect(ev.missingFacts).toContain('privateGain');
    expect(ev.missingFacts).toContain('noPrecedent');
    expect(ev.reasons).toEqual([]);
  });

  it('defaults --at to today', async () => {
    const r = await cli(['policy', 'eval', '--pack', 'cn-national', '--facts', gain, '--json']);
    expect(JSON.parse(r.stdout).time.conductDate).toBe('2023-06-01');
  });

  it('explains in Chinese by default: outcome, version, reasons with clauses', async () => {
    const r = await cli([
      'policy',
      'eval',
      '--pack',
      'cn-national',
      '--facts',
      gain,
      '--at',
      '2023-06-01',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('结果：不予容错（not_tolerated）');
    expect(r.stdout).toContain('适用版本：2019-09');
    expect(r.stdout).toContain('适用行为发生时（2023-06-01）施行的版本 2019-09');
    expect(r.stdout).toContain('理由：');
    expect(r.stdout).toContain('谋取私利的，不予容错 [excl-private-gain]');
    expect(r.stdout).toContain('依据：《关于进一步激励广大干部新时代新担当新作为的意见》');
    expect(r.stdout).toContain('事实：谋取私利 = 是');
  });

  it('explains completely in English with --lang en', async () => {
    const r = await cli([
      'policy',
      'eval',
      '--pack',
      'cn-national',
      '--facts',
      gain,
      '--at',
      '2023-06-01',
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Outcome: Not tolerated (not_tolerated)');
    expect(r.stdout).toContain('Reasons:');
    expect(r.stdout).toContain('[excl-private-gain]');
    expect(r.stdout).not.toMatch(HAN);
  });

  it('honours RONGCUO_LANG', async () => {
    const r = await cli(
      ['policy', 'eval', '--pack', 'cn-national', '--facts', gain, '--at', '2023-06-01'],
      {
        env: { RONGCUO_LANG: 'en' },
      },
    );
    expect(r.stdout).toContain('Outcome: Not tolerated');
  });

  it('shows why more favourable outcomes were not reached, as an indented tree', async () => {
    const facts = write('facts/coop.json', JSON.stringify({ ...PLAIN, cooperated: true }));
    const r = await cli([
      'policy',
      'eval',
      '--pack',
      'cn-national',
      '--facts',
      facts,
      '--at',
      '2023-06-01',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('结果：从轻问责（lighter）');
    expect(r.stdout).toContain('为何不是更有利的结果：');
    expect(r.stdout).toMatch(/\n {6}✗ .*\[imm-objection\]\n/);
    expect(r.stdout).toMatch(/\n {8}✗ 决策方式为“集体决策”（实际：个人专断）\n/);
    const en = await cli([
      'policy',
      'eval',
      '--pack',
      'cn-national',
      '--facts',
      facts,
      '--at',
      '2023-06-01',
      '--lang',
      'en',
    ]);
    expect(en.stdout).toContain('Why not a more favourable outcome:');
    expect(en.stdout).toContain('(actual: One-person decision bypassing procedure)');
    expect(en.stdout).not.toMatch(HAN);
  });

  it('lists every situation that holds, checks the negative list and quotes each clause once', async () => {
    const facts = write(
      'facts/two-situations.json',
      JSON.stringify({
        ...PLAIN,
        purpose: 'reform_pilot',
        noPrecedent: true,
        dutiesPerformed: true,
        prohibitedAtTheTime: false,
      }),
    );
    const args = [
      'policy',
      'eval',
      '--pack',
      'cn-national',
      '--facts',
      facts,
      '--at',
      '2023-06-01',
    ];
    const r = await cli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('结果：免予问责（容错免责）（exempted）');
    expect(r.stdout).toContain('成立的容错情形（共 2 项）：');
    expect(r.stdout).toContain('[sit-pilot]');
    expect(r.stdout).toContain('[sit-unintended]');
    expect(r.stdout).toContain('负面清单核查（共 5 项：存在 0 项，不存在 5 项，尚未查明 0 项）：');
    expect(r.stdout).toContain(
      '  ✓ 不存在：谋取私利的，不予容错 [excl-private-gain]（谋取私利 = 否）',
    );
    // Art. 17(1)(i) rests under both situations, among the reasons and the situations: quoted once.
    expect(r.stdout.split('为推动发展的无意过失，可以不予或免予问责').length - 1).toBe(1);
    expect(r.stdout).toContain('所引条款（每条只列一次）：');
    expect(r.stdout).not.toMatch(/《《|》》/);
    const en = await cli([...args, '--lang', 'en']);
    expect(en.stdout).toContain('Tolerable situations that hold (2):');
    expect(en.stdout).toContain('Negative list checked (5: 0 present, 5 absent, 0 not yet known):');
    expect(en.stdout).toContain('Clauses cited (each once):');
    expect(en.stdout).not.toMatch(HAN);
    const json = JSON.parse((await cli([...args, '--json'])).stdout);
    expect(json.reasons.map((x: { rule: string }) => x.rule)).toEqual([
      'sit-pilot',
      'sit-unintended',
    ]);
    expect(json.negativeList.every((x: { status: string }) => x.status === 'absent')).toBe(true);
    expect(json.citedClauses.filter((c: { id: string }) => c.id === 'acc-17-1')).toHaveLength(1);
  });

  it('lists missing facts with their labels and help when undetermined', async () => {
    const r = await cli(
      ['policy', 'eval', '--pack', 'cn-national', '--facts', '-', '--at', '2023-06-01'],
      {
        stdin: '{}',
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('结果：尚不能确定（undetermined）');
    expect(r.stdout).toContain('尚需查明的事实');
    expect(r.stdout).toContain('• privateGain — 谋取私利');
    expect(r.stdout).toContain('是否为自己、他人或本单位谋取或获得不正当利益。');
    const en = await cli(
      [
        'policy',
        'eval',
        '--pack',
        'cn-national',
        '--facts',
        '-',
        '--at',
        '2023-06-01',
        '--lang',
        'en',
      ],
      {
        stdin: '{}',
      },
    );
    expect(en.stdout).toContain('Facts still needed');
    expect(en.stdout).toContain('• privateGain — Private gain');
    expect(en.stdout).not.toMatch(HAN);
  });

  it('applies the more lenient later version with --decided-at', async () => {
    const facts = write(
      'facts/objection.json',
      JSON.stringify({ ...PLAIN, decisionProcess: 'collective', objectionRecorded: true }),
    );
    const r = await cli([
      'policy',
      'eval',
      '--pack',
      'cn-national',
      '--facts',
      facts,
      '--at',
      '2019-03-01',
      '--decided-at',
      '2020-01-10',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const ev = JSON.parse(r.stdout);
    expect(ev.outcome).toBe('no_accountability');
    expect(ev.time.applied).toBe('decision');
    expect(ev.version).toBe('2019-09');
  });

  it('takes a pack by path', async () => {
    const file = write('bypath/pack.yaml', NATIONAL);
    const r = await cli([
      'policy',
      'eval',
      '--pack',
      file,
      '--facts',
      gain,
      '--at',
      '2023-06-01',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).outcome).toBe('not_tolerated');
    const dir = await cli(
      ['policy', 'eval', '--pack', 'bypath', '--facts', gain, '--at', '2023-06-01', '--json'],
      {
        cwd: tmp,
      },
    );
    expect(dir.code).toBe(0);
  });
});

describe('bad input: one line, exit 2, no stack trace', () => {
  const ok = write('facts/ok.json', '{"privateGain": true}');
  const evalWith = (...extra: string[]) => [
    'policy',
    'eval',
    '--pack',
    'cn-national',
    '--at',
    '2023-06-01',
    ...extra,
  ];

  it('malformed JSON facts, with file, line and column', async () => {
    const f = write('facts/malformed.json', '{\n  "privateGain": true,\n  "cooperated": \n}\n');
    expectOneLineError(await cli(evalWith('--facts', f)), 'malformed.json:4:1', '不是有效的 JSON');
    expectOneLineError(
      await cli(evalWith('--facts', f, '--lang', 'en')),
      'malformed.json:4:1',
      'not valid JSON',
    );
  });

  it('facts that are not an object', async () => {
    expectOneLineError(
      await cli(evalWith('--facts', '-'), { stdin: '[true]' }),
      'FACTS_NOT_AN_OBJECT',
    );
  });

  it('empty facts input', async () => {
    expectOneLineError(await cli(evalWith('--facts', '-'), { stdin: '' }), '<stdin>');
  });

  it('an unknown fact, with its line and a suggestion', async () => {
    const f = write('facts/unknown.json', '{\n  "privateGain": false,\n  "privatGain": true\n}');
    expectOneLineError(
      await cli(evalWith('--facts', f)),
      'FACTS_UNKNOWN_FACT',
      'unknown.json:3:3',
      '“privatGain”',
      '“privateGain”',
    );
  });

  it('a fact of the wrong type', async () => {
    const f = write('facts/type.json', '{"privateGain": "yes"}');
    expectOneLineError(
      await cli(evalWith('--facts', f, '--lang', 'en')),
      'FACTS_BAD_VALUE',
      'must be true or false',
    );
  });

  it('several bad facts in one sentence, without a stop before each separator', async () => {
    const f = write('facts/two.json', '{"privateGain": "yes", "lossAmount": -5}');
    for (const lang of ['zh', 'en'] as const) {
      const r = await cli(evalWith('--facts', f, '--lang', lang));
      expectOneLineError(r, 'FACTS_BAD_VALUE', 'privateGain', 'lossAmount');
      expect(r.stderr).not.toMatch(/。；|\.;/);
      expect(r.stderr).toContain(lang === 'zh' ? '；' : '; ');
    }
  });

  it('a date outside every version', async () => {
    expectOneLineError(
      await cli(['policy', 'eval', '--pack', 'cn-national', '--facts', ok, '--at', '2010-01-01']),
      'POLICY_NO_VERSION_AT_DATE',
      '2010-01-01',
    );
  });

  it('a malformed date', async () => {
    expectOneLineError(
      await cli(['policy', 'eval', '--pack', 'cn-national', '--facts', ok, '--at', '2023-13-01']),
      '--at',
    );
  });

  it('a decision date before the conduct', async () => {
    expectOneLineError(
      await cli(evalWith('--facts', ok, '--decided-at', '2020-01-01')),
      'POLICY_DECIDED_BEFORE_CONDUCT',
    );
  });

  it('a missing facts file', async () => {
    expectOneLineError(await cli(evalWith('--facts', join(tmp, 'nope.json'))), 'nope.json');
  });

  it('a missing pack file and an unknown pack id', async () => {
    expectOneLineError(
      await cli(['policy', 'eval', '--pack', join(tmp, 'none/pack.yaml'), '--facts', ok]),
      'none/pack.yaml',
    );
    expectOneLineError(
      await cli(['policy', 'eval', '--pack', 'no-such-pack', '--facts', ok]),
      'POLICY_UNKNOWN_PACK',
    );
  });

  it('a malformed pack file, with its line', async () => {
    const f = write(
      'broken-eval/pack.yaml',
      'id: broken\ntitle: { zh: 坏, en: Bad\nversions: []\n',
    );
    expectOneLineError(
      await cli(['policy', 'eval', '--pack', f, '--facts', ok]),
      'PACK_YAML_SYNTAX',
      'pack.yaml:',
    );
  });

  it('a missing required option, or its value', async () => {
    expectOneLineError(await cli(['policy', 'eval', '--facts', ok]), '--pack');
    expectOneLineError(await cli(['policy', 'eval', '--facts', ok, '--pack']), '--pack');
    expectOneLineError(
      await cli(['policy', 'eval', '--pack', 'cn-national', '--facts', '--json']),
      '--facts',
    );
  });

  it('unknown commands and options, with suggestions', async () => {
    expectOneLineError(await cli(['polcy']), '“polcy”', '“policy”');
    expectOneLineError(await cli(['policy', 'evl']), 'policy eval');
    expectOneLineError(await cli(['policy', 'eval', '--jsn']), '--jsn', '--json');
    expectOneLineError(await cli(['policy', 'list', '-x']), '-x');
    expectOneLineError(await cli([]), 'rongcuo --help');
    expectOneLineError(await cli(['policy']), 'rongcuo policy --help');
    expectOneLineError(
      await cli(['policy', 'eval', '--pack', 'cn-national', '--facts', ok, 'extra']),
      '“extra”',
    );
    expectOneLineError(await cli(['policy', 'list', '--json=yes']), '--json');
    expectOneLineError(await cli(['policy', 'list', '--json', '--json']), '--json');
  });

  it('a bad language', async () => {
    expectOneLineError(await cli(['policy', 'list', '--lang', 'fr']), 'fr');
    expectOneLineError(
      await cli(['policy', 'list'], { env: { RONGCUO_LANG: 'fr' } }),
      'RONGCUO_LANG',
    );
  });
});

describe('rongcuo policy check', () => {
  it('exits 0 on cn-national, with a summary', async () => {
    const r = await cli(['policy', 'check', 'cn-national']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('检查了 1 个策略包：0 个错误');
    expect((await cli(['policy', 'check', 'cn-national', '--lang', 'en'])).stdout).toContain(
      'checked 1 pack: 0 errors',
    );
  });

  it('reports schema problems of a pack as findings with file and line, exit 1', async () => {
    const f = write(
      'schema-bad/pack.yaml',
      NATIONAL.replace('\njurisdiction: CN\n', '\njurisdction: CN\n'),
    );
    const r = await cli(['policy', 'check', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /schema-bad\/pack\.yaml:\d+:\d+: 错误 PACK_UNKNOWN_FIELD: .*jurisdction/,
    );
    expect(r.stdout).toContain('个错误');
  });

  it('reports malformed YAML with its line number', async () => {
    const f = write(
      'yaml-bad/pack.yaml',
      'id: yaml-bad\ntitle: { zh: 坏, en: Bad }\nversions:\n  - id: v1\n    from: [2020\n',
    );
    const r = await cli(['policy', 'check', f, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /yaml-bad\/pack\.yaml:[56]:\d+: error PACK_YAML_SYNTAX: malformed YAML/,
    );
    expect(r.stdout).toContain('checked 1 pack: 1 error');
  });

  it('reports lint errors of a pack that parses, exit 1', async () => {
    const f = write(
      'lint-bad/pack.yaml',
      NATIONAL.replace(/^id: cn-national$/m, 'id: lint-bad').replace(
        /\{ rule: excl-crime \}/g,
        '{ rule: excl-crim }',
      ),
    );
    const r = await cli(['policy', 'check', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/lint-bad\/pack\.yaml:\d+:\d+: 错误 PACK_UNKNOWN_RULE: .*excl-crim/);
  });

  it('refuses a pack that does not exist (exit 2)', async () => {
    expectOneLineError(await cli(['policy', 'check', 'no-such-pack']), 'no-such-pack');
    expectOneLineError(await cli(['policy', 'check', join(tmp, 'nowhere/pack.yaml')]), 'nowhere');
  });
});

describe('rongcuo policy test', () => {
  const SCENARIOS = `scenarios:
  - name: An official who sought private gain is not tolerated
    at: '2023-06-01'
    facts: { privateGain: true }
    expect: { outcome: not_tolerated, reasons: [excl-private-gain] }
  - name: Knowing only the purpose, the outcome is still undetermined
    at: '2023-06-01'
    facts: { purpose: reform_pilot }
    expect: { outcome: undetermined, missingIncludes: [privateGain] }
`;

  it('runs the scenarios beside a pack and exits 0 when all pass', async () => {
    write('scen-ok/pack.yaml', NATIONAL);
    write('scen-ok/scenarios.yaml', SCENARIOS);
    const r = await cli(['policy', 'test', join(tmp, 'scen-ok')]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('  ✓ An official who sought private gain is not tolerated\n');
    expect(r.stdout).toContain('场景：2 个通过，0 个失败（共 2 个）。');
  });

  it('shows each failure under its scenario and exits 1', async () => {
    write('scen-fail/pack.yaml', NATIONAL);
    write(
      'scen-fail/scenarios.yaml',
      SCENARIOS.replace('outcome: not_tolerated', 'outcome: exempted'),
    );
    const r = await cli(['policy', 'test', join(tmp, 'scen-fail'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      / {2}✗ An official who sought private gain is not tolerated\n {6}\S*scenarios\.yaml:2:\d+\n {6}expected outcome exempted, got not_tolerated\n/,
    );
    expect(r.stdout).toContain('scenarios: 1 passed, 1 failed (2 in all).');
  });

  it('words the failures in Chinese by default', async () => {
    const r = await cli(['policy', 'test', join(tmp, 'scen-fail')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      / {2}✗ An official who sought private gain is not tolerated\n {6}\S*scenarios\.yaml:2:\d+\n {6}应当得出结果 exempted，实际为 not_tolerated\n/,
    );
    expect(r.stdout).not.toContain('expected outcome');
    expect(r.stdout).toContain('场景：1 个通过，1 个失败（共 2 个）。');
  });

  it('exits 1 when a pack has no scenario file', async () => {
    write('scen-none/pack.yaml', NATIONAL);
    const r = await cli(['policy', 'test', join(tmp, 'scen-none')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('没有场景文件');
  });

  it.skipIf(!existsSync(join(shippedPacksDir(), 'cn-national', 'scenarios.yaml')))(
    "passes cn-national's own scenarios",
    async () => {
      const r = await cli(['policy', 'test', 'cn-national']);
      expect(r.code, r.stdout).toBe(0);
      expect(r.stdout).not.toContain('✗');
    },
  );
});

describe('rongcuo policy simulate', () => {
  // A draft amending 2019-09: exclusions of private gain stay; cooperation alone reduces; else lighter.
  const DRAFT = `
  - id: '2099-draft'
    status: draft
    from: '2099-01-01'
    amends: '2019-09'
    decision:
      - { id: d-private-gain, outcome: not_tolerated, binding: true, when: { rule: excl-private-gain } }
      - { id: d-coop, outcome: reduced, when: { rule: mit-cooperation } }
      - { id: d-default, outcome: lighter, otherwise: true }
`;
  const pack = write('sim/pack.yaml', NATIONAL.trimEnd() + '\n' + DRAFT);
  const line = (id: string, conductDate: string, facts: object) =>
    JSON.stringify({ id, conductDate, facts });
  const cases = write(
    'sim/cases.jsonl',
    [
      line('c-gain', '2023-06-01', { privateGain: true }),
      line('c-coop', '2023-06-01', { ...PLAIN, cooperated: true }),
      line('c-none', '2023-06-01', { ...PLAIN, cooperated: false }),
      line('c-und', '2023-06-01', {}),
      '{"id": "c-broken", "conductDate": ',
      line('c-old', '2010-01-01', { privateGain: true }),
      '',
      line('c-unknown', '2023-06-01', { foo: true }),
      line('c-2018', '2019-01-01', { ...PLAIN, cooperated: true }),
    ].join('\n') + '\n',
  );

  it('reports the moves with case ids, and the lines it could not evaluate (JSON)', async () => {
    const r = await cli([
      'policy',
      'simulate',
      '--pack',
      pack,
      '--cases',
      cases,
      '--draft',
      '2099-draft',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.pack).toBe('cn-national');
    expect([rep.total, rep.evaluated, rep.unchanged, rep.changed, rep.notEvaluated]).toEqual([
      8, 5, 2, 3, 3,
    ]);
    const cells = Object.fromEntries(
      rep.transitions.map((t: { from: string; to: string; count: number; ids: string[] }) => [
        `${t.from}>${t.to}`,
        [t.count, t.ids],
      ]),
    );
    expect(cells).toEqual({
      'lighter>reduced': [1, ['c-coop']],
      'not_tolerated>reduced': [1, ['c-2018']],
      'not_tolerated>lighter': [1, ['c-none']],
      'not_tolerated>not_tolerated': [1, ['c-gain']],
      'undetermined>undetermined': [1, ['c-und']],
    });
    expect(rep.totals.candidate.reduced).toBe(2);
    expect(
      rep.notEvaluatedCases.map((s: { line: number; id?: string; code: string }) => [
        s.line,
        s.id,
        s.code,
      ]),
    ).toEqual([
      [5, undefined, 'SIM_BAD_JSON'],
      [6, 'c-old', 'POLICY_NO_VERSION_AT_DATE'],
      [8, 'c-unknown', 'FACTS_UNKNOWN_FACT'],
    ]);
  });

  it('prints the matrix in text, with ids and not-evaluated lines', async () => {
    const r = await cli([
      'policy',
      'simulate',
      '--pack',
      pack,
      '--cases',
      cases,
      '--draft',
      '2099-draft',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '案例：共 8 条；已评估 5 条，其中结果不变 2 条、结果改变 3 条；无法评估 3 条。',
    );
    expect(r.stdout).toContain('  从轻问责（lighter） → 减轻问责（reduced）：1 条\n      c-coop\n');
    expect(r.stdout).toContain('  第 5 行：第 35 列：不是有效的 JSON');
    expect(r.stdout).toContain('  第 6 行（c-old）：基线：');
    const en = await cli([
      'policy',
      'simulate',
      '--pack',
      pack,
      '--cases',
      cases,
      '--draft',
      '2099-draft',
      '--lang',
      'en',
    ]);
    expect(en.stdout).toContain(
      'Lighter accountability (lighter) → Reduced accountability (reduced): 1\n      c-coop\n',
    );
    expect(en.stdout).toContain('  line 8 (c-unknown): ');
    expect(en.stdout).not.toMatch(HAN);
  });

  it('shows at most 20 ids per cell in text', async () => {
    const many = write(
      'sim/many.jsonl',
      Array.from({ length: 25 }, (_, i) =>
        line(`m${i}`, '2023-06-01', { ...PLAIN, cooperated: true }),
      ).join('\n'),
    );
    const r = await cli([
      'policy',
      'simulate',
      '--pack',
      pack,
      '--cases',
      many,
      '--draft',
      '2099-draft',
    ]);
    expect(r.stdout).toContain('m19 …（另有 5 条）');
    expect(r.stdout).not.toContain('m20');
  });

  it('compares with a candidate pack file read from stdin cases', async () => {
    // In 2019-09 (the last version), cooperation alone now reduces.
    const at = NATIONAL.lastIndexOf('- { id: d-tolerated,');
    expect(at).toBeGreaterThan(0);
    const indent = ' '.repeat(at - NATIONAL.lastIndexOf('\n', at) - 1);
    const candidate = write(
      'sim/candidate.yaml',
      NATIONAL.slice(0, at) +
        `- { id: d-coop-new, outcome: reduced, when: { rule: mit-cooperation } }\n${indent}` +
        NATIONAL.slice(at),
    );
    expect(readFileSync(candidate, 'utf8')).toContain('d-coop-new');
    const r = await cli(
      [
        'policy',
        'simulate',
        '--pack',
        'cn-national',
        '--cases',
        '-',
        '--candidate',
        candidate,
        '--json',
      ],
      {
        stdin: readFileSync(cases, 'utf8'),
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.candidate.kind).toBe('file');
    const moved = rep.transitions.filter((t: { from: string; to: string }) => t.from !== t.to);
    expect(moved).toEqual([{ from: 'lighter', to: 'reduced', count: 1, ids: ['c-coop'] }]);
  });

  it('refuses bad options with one line (exit 2)', async () => {
    const base = ['policy', 'simulate', '--pack', pack, '--cases', cases];
    expectOneLineError(await cli(base), '--draft');
    expectOneLineError(await cli([...base, '--draft', 'x', '--candidate', pack]), '--candidate');
    expectOneLineError(await cli([...base, '--draft', 'no-such']), 'POLICY_UNKNOWN_VERSION');
    expectOneLineError(
      await cli([
        'policy',
        'simulate',
        '--pack',
        pack,
        '--cases',
        join(tmp, 'none.jsonl'),
        '--draft',
        '2099-draft',
      ]),
      'none.jsonl',
    );
  });
});

describe('rongcuo policy list', () => {
  it('lists packs with versions, windows and status', async () => {
    const r = await cli(['policy', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cn-national  全国容错纠错基本规定');
    expect(r.stdout).toMatch(/2018-05 {2}2018-05-20 – 2019-08-31 {2}已发布/);
    expect(r.stdout).toContain('privateGain  谋取私利');
  });

  it('--json', async () => {
    const r = await cli(['policy', 'list', '--json', '--lang', 'en']);
    const { packs } = JSON.parse(r.stdout);
    const cn = packs.find((p: { id: string }) => p.id === 'cn-national');
    expect(cn.status).toBe('published');
    expect(cn.jurisdiction).toBe('CN');
    expect(cn.versions.map((v: { id: string }) => v.id)).toEqual(['2018-05', '2019-09']);
    expect(cn.title).not.toMatch(HAN);
  });

  it('lists only the packs named, by id or by a folder path (loaded with its parent)', async () => {
    const X = readFileSync(join(shippedPacksDir(), 'x-new-area', 'pack.yaml'), 'utf8');
    write(
      'list-x/pack.yaml',
      X.replace('X新区干部容错纠错实施办法（示例）', 'X新区干部容错纠错实施办法（副本）'),
    );
    const r = await cli(['policy', 'list', join(tmp, 'list-x')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('x-new-area  X新区干部容错纠错实施办法（副本）');
    expect(r.stdout).toContain('继承：cn-national');
    expect(r.stdout).toContain('以及继承自 cn-national 的');
    expect(r.stdout).not.toContain('asrs');
    const byId = await cli(['policy', 'list', 'asrs', '--json']);
    expect(JSON.parse(byId.stdout).packs.map((p: { id: string }) => p.id)).toEqual(['asrs']);
  });
});

describe('rongcuo policy show', () => {
  const X = readFileSync(join(shippedPacksDir(), 'x-new-area', 'pack.yaml'), 'utf8');
  const dir = join(tmp, 'show-x');
  write('show-x/pack.yaml', X);

  it('shows one pack given by its folder path', async () => {
    const r = await cli(['policy', 'show', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('x-new-area  X新区干部容错纠错实施办法（示例）');
    expect(r.stdout).not.toContain('cn-national  ');
  });

  it('--procedure prints the merged procedure in Chinese: steps, units, basis clauses', async () => {
    const r = await cli(['policy', 'show', dir, '--procedure', '--at', '2024-01-01']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/版本：2023-\S+（2023-\d\d-\d\d – 长期），适用日期 2024-01-01/);
    expect(r.stdout).toMatch(/合并自：x-new-area@\S+ ← cn-national@2019-09/);
    expect(r.stdout).toMatch(/ {4}受理（acceptance）：5个工作日，依据《[^》]+》[^\n]*第十条\n/);
    // Amended in 2023: verification within 15 working days under Art. 10 of the 2023 measure.
    expect(r.stdout).toMatch(/ {4}核实（verification）：15个工作日，依据/);
    expect(r.stdout).toMatch(/公示：须公示，公示期 5个工作日，依据/);
    // The appeal window comes from the parent, cn-national, with its clause and note.
    expect(r.stdout).toMatch(
      /申诉：申请期限 30日，依据《中国共产党问责条例》[^\n]*（收到决定之日起一个月内提出申诉）/,
    );
    expect(r.stdout).toContain('复核：申请期限 30日');
    expect(r.stdout).toContain('集体研究决定');
    expect(r.stdout).toMatch(
      /申请时限：问责调查期间，或者收到问责决定之日起 15个工作日，依据《[^》]+》[^\n]*第九条\n/,
    );
    expect(r.stdout).toMatch(
      /主动容错审查：问责前应当主动审查是否适用容错，依职权启动的审查不得撤回，依据《[^》]+》[^\n]*第九条\n/,
    );
    expect(r.stdout).not.toMatch(/[a-z]{4,} day/);
  });

  it('--procedure --lang en, and JSON', async () => {
    const r = await cli([
      'policy',
      'show',
      dir,
      '--procedure',
      '--at',
      '2024-01-01',
      '--lang',
      'en',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ {4}acceptance: 5 working days, under /);
    expect(r.stdout).toContain('Appeal: apply within 30 calendar days, under ');
    // Document numbers are Chinese in both languages; nothing else is.
    expect(r.stdout.replace(/X新党发〔\d+〕\d+号（示例）/g, '')).not.toMatch(HAN);
    expect(r.stdout).toContain('  Step time limits:\n');
    expect(r.stdout).toMatch(
      /Application window: during the accountability investigation, or within 15 working days of being notified of the accountability decision, under [^\n]+Art\. 9\n/,
    );
    expect(r.stdout).toMatch(
      /Ex-officio check: required before accountability is decided; the ex-officio check cannot be withdrawn, under [^\n]+Art\. 9\n/,
    );
    const j = await cli([
      'policy',
      'show',
      'cn-national',
      '--procedure',
      '--json',
      '--at',
      '2023-06-01',
    ]);
    const parsed = JSON.parse(j.stdout);
    expect(parsed.version).toBe('2019-09');
    expect(parsed.procedure.appeal.applyWithin).toMatchObject({
      days: 30,
      unit: 'calendar',
      basis: 'acc-20',
    });
    expect(parsed.citations['acc-20']).toMatch(/问责条例/);
    // The national rules set no application window and no mandatory ex-officio check.
    expect(parsed.procedure.application).toEqual({});
    expect(parsed.procedure.exOfficio).toEqual({ required: false });
    const x = JSON.parse(
      (await cli(['policy', 'show', dir, '--procedure', '--json', '--at', '2024-01-01'])).stdout,
    );
    expect(x.procedure.application).toEqual({
      duringInvestigation: true,
      within: { days: 15, unit: 'working', basis: 'x20-art9' },
      from: 'notifiedOfAccountability',
    });
    expect(x.citations['x20-art9']).toMatch(/第九条$/);
  });

  it('marks a time limit no step reads', async () => {
    write(
      'show-unread/pack.yaml',
      X.replace(
        '        verification: { days: 15, unit: working, basis: x23-art10 }',
        '        verification: { days: 15, unit: working, basis: x23-art10 }\n        riskFilingReview: { days: 1, unit: working, basis: x23-art9 }',
      ),
    );
    const r = await cli([
      'policy',
      'show',
      join(tmp, 'show-unread'),
      '--procedure',
      '--at',
      '2024-01-01',
    ]);
    expect(r.stdout).toContain('    riskFilingReview：1个工作日，依据');
    expect(r.stdout).toContain('⚠ 案件程序没有环节读取此时限');
  });

  it('refuses a missing pack argument and an unknown pack (exit 2)', async () => {
    expectOneLineError(await cli(['policy', 'show']), 'policy show');
    expectOneLineError(await cli(['policy', 'show', 'no-such-pack']), 'no-such-pack');
  });
});

describe('a broken pack among the shipped ones', () => {
  // A packs folder with cn-national and a pack that does not parse.
  const packsDir = join(tmp, 'shipped');
  write('shipped/cn-national/pack.yaml', NATIONAL);
  write('shipped/zz-broken/pack.yaml', 'id: zz-broken\ntitle: [\n');
  const gain = write('shipped-facts.json', '{"privateGain": true}');

  it('does not stop commands about other packs', async () => {
    const r = await cli(
      ['policy', 'eval', '--pack', 'cn-national', '--facts', gain, '--at', '2023-06-01', '--json'],
      { packsDir },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).outcome).toBe('not_tolerated');
  });

  it('is a finding of check, is reported when named, and is shown by list', async () => {
    const all = await cli(['policy', 'check'], { packsDir });
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/zz-broken\/pack\.yaml:\d+:\d+: 错误 PACK_YAML_SYNTAX/);
    expect(all.stdout).toContain('检查了 2 个策略包：1 个错误');
    expect((await cli(['policy', 'check', 'zz-broken'], { packsDir })).code).toBe(1);
    expectOneLineError(
      await cli(['policy', 'eval', '--pack', 'zz-broken', '--facts', gain], { packsDir }),
      'PACK_YAML_SYNTAX',
    );
    const list = await cli(['policy', 'list'], { packsDir });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('cn-national');
    expect(list.stdout).toContain('✗ ');
    const test = await cli(['policy', 'test'], { packsDir });
    expect(test.code).toBe(1);
  });
});

describe('an unexpected failure', () => {
  it('is one line, "internal error", exit 70', async () => {
    let stderr = '';
    const code = await run(['--help'], {
      stdout: {
        write: () => {
          throw new Error('disk on fire');
        },
      },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: Readable.from([]),
      cwd: process.cwd(),
      env: {},
    });
    expect(code).toBe(70);
    expect(stderr).toBe('rongcuo: internal error: disk on fire\n');
  });
});

describe('help and version', () => {
  it('prints help in the chosen language', async () => {
    const zh = await cli(['--help']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('policy simulate');
    expect((await cli(['policy', '--help', '--lang', 'en'])).stdout).toContain('Commands:');
    const sub = await cli(['policy', 'eval', '--help']);
    expect(sub.stdout).toContain('--decided-at');
    expect((await cli(['policy', 'simulate', '-h'])).stdout).toContain('--candidate');
  });

  it('prints the version', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rongcuo \d+\.\d+\.\d+\n$/);
  });
});
