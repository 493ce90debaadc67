import { describe, expect, it } from 'vitest';
import { limitOf } from '../app/cases/deadlines.js';
import { CASE_STEPS } from '../shared/case.js';
import { lintPack, type LintReport } from './lint.js';
import { TIMED_STEPS } from './lint-procedure.js';
import { EMPTY_PROCEDURE } from './resolve.js';
import { parsePack } from './parse.js';
import { PackSet } from './resolve.js';
import { childPack, ROOT_YAML, rootPack } from './testing/packs.js';

const codes = (r: LintReport) => r.diagnostics.map((d) => `${d.severity}:${d.code}`);
const lintRoot = (yaml: string) => {
  const p = rootPack(yaml);
  return lintPack(new PackSet([p]), p);
};
const lintChild = (versions: string, rootYaml = ROOT_YAML) => {
  const root = rootPack(rootYaml);
  const child = childPack(versions);
  return lintPack(new PackSet([root, child]), child);
};

describe('the linter', () => {
  it('passes a sound pack with no findings', () => {
    const r = lintRoot(ROOT_YAML);
    expect(r.diagnostics).toEqual([]);
  });

  it('finds contradictory conditions, with their line', () => {
    const r = lintRoot(
      ROOT_YAML.replace(
        'when: { all: [{ fact: purpose, eq: reform_pilot }, { fact: noPrecedent, eq: true }] }',
        'when: { all: [{ fact: lossAmount, gt: 100 }, { fact: lossAmount, lte: 50 }] }',
      ),
    );
    const d = r.diagnostics.find((x) => x.code === 'PACK_CONTRADICTION');
    expect(d?.severity).toBe('error');
    expect(d?.at?.file).toBe('root.yaml');
    expect(d?.at?.line).toBe(27);
    expect(r.errors).toBeGreaterThan(0);
    // It names the two conditions that conflict, with their line, and says what to do.
    expect(d?.message.en).toContain('lossAmount > 100 (line 27) and lossAmount <= 50 (line 27)');
    expect(d?.message.en).toContain('Correct or remove one of them');
    expect(d?.message.zh).toContain('lossAmount > 100（第27行）与 lossAmount <= 50（第27行）');
  });

  it('names a fact required both true and false, and not the condition beside them', () => {
    const r = lintRoot(
      ROOT_YAML.replace(
        'when: { all: [{ fact: purpose, eq: reform_pilot }, { fact: noPrecedent, eq: true }] }',
        'when: { all: [{ fact: noPrecedent, eq: true }, { fact: purpose, eq: reform_pilot }, { fact: noPrecedent, eq: false }] }',
      ),
    );
    const d = r.diagnostics.find((x) => x.code === 'PACK_CONTRADICTION');
    expect(d?.message.en).toMatch(
      /can never all hold: noPrecedent == true \(line 27\) and noPrecedent == false \(line 27\)\./,
    );
    expect(d?.message.en).not.toContain('purpose');
  });

  it('finds a rule that can never apply through an enum value and its negation', () => {
    const r = lintRoot(
      ROOT_YAML.replace(
        'when: { all: [{ fact: purpose, eq: reform_pilot }, { fact: noPrecedent, eq: true }] }',
        'when: { all: [{ fact: purpose, eq: reform_pilot }, { not: { fact: purpose, in: [reform_pilot] } }] }',
      ),
    );
    expect(codes(r)).toContain('error:PACK_CONTRADICTION');
  });

  it('finds fact combinations with no outcome, and gives an example', () => {
    const r = lintRoot(
      ROOT_YAML.replace(
        '      - { id: d-else, outcome: bad, otherwise: true }\n  - id: v2',
        '  - id: v2',
      ),
    );
    const gap = r.diagnostics.find((d) => d.code === 'PACK_DECISION_GAP');
    expect(gap?.severity).toBe('error');
    expect(gap?.message.en).toMatch(/privateGain=false/);
  });

  it('finds a decision entry that earlier entries always pre-empt', () => {
    const r = lintRoot(
      ROOT_YAML.replace(
        '      - { id: d-mid, outcome: middle, when: { rule: mit } }',
        '      - { id: d-mid, outcome: middle, when: { rule: mit } }\n      - { id: d-mid2, outcome: good, when: { all: [{ rule: mit }, { rule: sit }] } }',
      ),
    );
    expect(codes(r)).toContain('warning:PACK_DECISION_UNREACHABLE');
    // One earlier entry is enough to pre-empt it: it is the one named.
    const d = r.diagnostics.find((x) => x.code === 'PACK_DECISION_UNREACHABLE');
    expect(d?.message.en).toContain("the earlier entry 'd-good' (line 41) has already decided");
    expect(d?.message.en).toContain("Move 'd-mid2' before 'd-good'");
  });

  it('names every earlier entry that together pre-empt an entry', () => {
    const r = lintRoot(
      ROOT_YAML.replace(
        '      - { id: d-mid, outcome: middle, when: { rule: mit } }',
        '      - { id: d-mid, outcome: middle, when: { rule: mit } }\n      - { id: d-either, outcome: good, when: { any: [{ rule: mit }, { rule: sit }] } }',
      ),
    );
    const d = r.diagnostics.find((x) => x.code === 'PACK_DECISION_UNREACHABLE');
    expect(d?.severity).toBe('warning');
    expect(d?.message.en).toContain("entries 'd-good', 'd-mid' (line 41, 42) have already decided");
    expect(d?.message.zh).toContain('前面的条目“d-good”、“d-mid”都已先作出决定');
  });

  it('finds a situation that can never hold when the gateway passes, and names the condition', () => {
    const gate = (low: string) =>
      ROOT_YAML.replace(
        '      - { id: mit, kind: mitigation, title: { zh: 配合, en: cooperation }, clauses: [c3], when: { fact: cooperated, eq: true } }',
        `      - { id: mit, kind: mitigation, title: { zh: 配合, en: cooperation }, clauses: [c3], when: { fact: cooperated, eq: true } }
      - { id: s-low, kind: situation, title: { zh: 情形甲, en: situation A }, clauses: [c3], when: ${low} }
      - { id: s-ok, kind: situation, title: { zh: 情形乙, en: situation B }, clauses: [c3], when: { fact: forceMajeure, eq: true } }`,
      ).replace(
        '      - { id: d-mid, outcome: middle, when: { rule: mit } }',
        '      - { id: d-mid, outcome: middle, when: { all: [{ rule: mit }, { any: [{ rule: s-low }, { rule: s-ok }] }] } }',
      );
    const r = lintRoot(gate('{ fact: cooperated, eq: false }'));
    const d = r.diagnostics.find((x) => x.code === 'PACK_SITUATION_AGAINST_GATEWAY');
    expect(d?.severity).toBe('warning');
    expect(d?.message.en).toContain(
      "the situation 's-low' contradicts the gateway condition rule mit (cooperated == true) (line 44) of decision entry 'd-mid'",
    );
    expect(d?.message.zh).toContain('容错情形“s-low”与决定条目“d-mid”的容错条件');
    // A situation that can hold with the gateway is no finding.
    const fine = lintRoot(gate('{ fact: noPrecedent, eq: true }'));
    expect(codes(fine)).not.toContain('warning:PACK_SITUATION_AGAINST_GATEWAY');
  });

  it('requires every rule to cite a clause, and flags unknown facts, clauses and type mismatches', () => {
    const r = lintRoot(
      ROOT_YAML.replace(
        'clauses: [c1], when: { fact: privateGain, eq: true }',
        'clauses: [], when: { fact: privateGain, eq: true }',
      )
        .replace(
          'clauses: [c3], when: { fact: cooperated, eq: true }',
          'clauses: [c9], when: { fact: cooperatd, eq: true }',
        )
        .replace('{ fact: noPrecedent, eq: true }', '{ fact: noPrecedent, gt: 3 }'),
    );
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'error:PACK_RULE_WITHOUT_CLAUSE',
        'error:PACK_UNKNOWN_CLAUSE',
        'error:PACK_UNKNOWN_FACT',
        'error:PACK_TYPE_MISMATCH',
      ]),
    );
    const unknown = r.diagnostics.find((d) => d.code === 'PACK_UNKNOWN_FACT');
    expect(unknown?.message.en).toContain("Did you mean 'cooperated'?");
  });

  it('reports overlapping windows as errors and gaps as warnings', () => {
    expect(
      codes(lintRoot(ROOT_YAML.replace("from: '2022-01-01'", "from: '2021-06-01'"))),
    ).toContain('error:PACK_WINDOW_OVERLAP');
    const gapped = lintRoot(ROOT_YAML.replace("from: '2022-01-01'", "from: '2022-03-01'"));
    expect(codes(gapped)).toContain('warning:PACK_WINDOW_GAP');
    expect(gapped.errors).toBe(0);
  });

  it('flags a rule no decision uses', () => {
    const r = lintRoot(
      ROOT_YAML.replace(
        '      - { id: mit, kind',
        '      - { id: spare, kind: other, title: { zh: 闲置, en: spare }, clauses: [c3], when: { fact: forceMajeure, eq: true } }\n      - { id: mit, kind',
      ),
    );
    expect(codes(r)).toContain('warning:PACK_RULE_UNUSED');
  });

  it('flags a clause nothing cites, but not one cited as a time limit’s basis', () => {
    const withClause = ROOT_YAML.replace(
      '      - { id: c3, source: doc, article: { zh: 第三条, en: Art. 3 }, text: { zh: 减轻, en: mitigation } }',
      '      - { id: c3, source: doc, article: { zh: 第三条, en: Art. 3 }, text: { zh: 减轻, en: mitigation } }\n      - { id: c4, source: doc, article: { zh: 第四条, en: Art. 4 }, text: { zh: 时限, en: time limits } }',
    );
    expect(codes(lintRoot(withClause))).toContain('warning:PACK_CLAUSE_UNCITED');
    // The last version (v2) ends the YAML: its procedure follows.
    const cited = `${withClause.trimEnd()}
    procedure:
      timeLimits:
        acceptance: { days: 5, unit: working, basis: c4 }
`;
    expect(codes(lintRoot(cited))).toEqual([]);
  });

  it('refuses a local pack that tolerates what its parent excludes', () => {
    // The parent's exclusion entry is not binding, and the child's decision tolerates private gain.
    const parent = ROOT_YAML.replaceAll('binding: true', 'binding: false');
    const r = lintChild(
      `
  - id: c1
    from: '2020-01-01'
    decision:
      - { id: k-good, outcome: good, when: { fact: purpose, eq: reform_pilot } }
      - { id: k-else, outcome: bad, otherwise: true }
`,
      parent,
    );
    const d = r.diagnostics.find((x) => x.code === 'PACK_LOOSENS_PARENT_EXCLUSION');
    expect(d?.severity).toBe('error');
    expect(d?.message.en).toContain('privateGain=true');
  });

  it('accepts the same local pack when the parent exclusion is binding', () => {
    const r = lintChild(`
  - id: c1
    from: '2020-01-01'
    decision:
      - { id: k-good, outcome: good, when: { fact: purpose, eq: reform_pilot } }
      - { id: k-else, outcome: bad, otherwise: true }
`);
    expect(r.errors).toBe(0);
  });

  it('reports a child that redefines a parent rule', () => {
    const r = lintChild(`
  - id: c1
    from: '2020-01-01'
    rules:
      - { id: sit, kind: situation, title: { zh: 试点, en: pilot }, clauses: [c2], when: { fact: noPrecedent, eq: true } }
`);
    expect(codes(r)).toContain('error:PACK_REDEFINES_INHERITED');
  });

  it('checks the child against each parent version inside its window', () => {
    // The child decision uses rule mit, which exists only from the parent's v2 (2022) on.
    const r = lintChild(`
  - id: c1
    from: '2021-01-01'
    decision:
      - { id: k-mid, outcome: middle, when: { rule: mit } }
      - { id: k-else, outcome: bad, otherwise: true }
`);
    expect(codes(r)).toContain('error:PACK_UNKNOWN_RULE');
  });
});

describe('a pack file with schema errors', () => {
  it('names the file, line and field, and suggests the right word', () => {
    try {
      parsePack(ROOT_YAML.replace('kind: mitigation', 'kind: mitgation'), 'root.yaml');
      expect.unreachable();
    } catch (e) {
      const d = (
        e as { diagnostics: { code: string; at: { line: number }; message: { en: string } }[] }
      ).diagnostics[0]!;
      expect(d.code).toBe('PACK_SCHEMA');
      expect(d.at.line).toBe(38);
      expect(d.message.en).toContain("Did you mean 'mitigation'?");
    }
  });
});

describe('the procedure block', () => {
  const withProcedure = (body: string) =>
    lintRoot(`${ROOT_YAML.trimEnd()}\n    procedure:\n${body}`);

  it('refuses a misspelt step, with the step it should be', () => {
    const r = lintRoot(
      `${ROOT_YAML.trimEnd()}\n    procedure:\n      timeLimits:\n        verificaton: { days: 5, unit: working, basis: c3 }\n`,
    );
    const d = r.diagnostics.find((x) => x.code === 'PACK_UNKNOWN_STEP');
    expect(d?.severity).toBe('error');
    expect(d?.message.en).toContain(
      "procedure.timeLimits.verificaton: the case procedure has no step 'verificaton'. Did you mean 'verification'?",
    );
    expect(d?.message.zh).toContain('案件程序没有“verificaton”环节');
  });

  it('warns of time limits no step reads, saying where they belong', () => {
    const r = withProcedure(
      '      timeLimits:\n        riskFilingReview: { days: 1, unit: working, basis: c3 }\n        application: { days: 30, unit: calendar, basis: c3 }\n        publicity: { days: 5, unit: working, basis: c3 }\n        acceptance: { days: 5, unit: working, basis: c3 }\n',
    );
    const unread = r.diagnostics.filter((x) => x.code === 'PACK_TIME_LIMIT_UNREAD');
    expect(unread.map((d) => d.severity)).toEqual(['warning', 'warning', 'warning']);
    const en = unread.map((d) => d.message.en).join('\n');
    expect(en).toContain(
      'procedure.timeLimits.riskFilingReview: the case procedure does not read this time limit from timeLimits; a risk filing is recorded here with its review status and date as given, and no review clock runs',
    );
    expect(en).toContain(
      'procedure.timeLimits.application: the case procedure does not read this time limit from timeLimits; write the application window as application.within',
    );
    expect(en).toContain(
      "the case procedure's 'publicity' step does not read a time limit from timeLimits; write it as publicity.period",
    );
    expect(en).not.toContain('acceptance:');
    expect(r.errors).toBe(0);
  });

  it('checks the application window and the ex-officio check: their clauses and values', () => {
    const sound = withProcedure(
      '      application:\n        duringInvestigation: true\n        within: { days: 15, unit: working, basis: c3 }\n        from: notifiedOfAccountability\n      exOfficio: { required: true, basis: c3 }\n',
    );
    expect(sound.diagnostics).toEqual([]);
    const r = withProcedure(
      '      application:\n        within: { days: 15, unit: working, basis: c33 }\n        from: conduct\n        duringInvestigation: true\n      exOfficio: { required: true, basis: c9 }\n',
    );
    const bases = r.diagnostics.filter((x) => x.code === 'PACK_PROCEDURE_UNKNOWN_BASIS');
    expect(bases.map((d) => d.message.en.split(':')[0])).toEqual([
      "version 'v2', procedure.application.within",
      "version 'v2', procedure.exOfficio.basis",
    ]);
    const window = r.diagnostics.find((x) => x.code === 'PACK_APPLICATION_WINDOW');
    expect(window?.severity).toBe('warning');
    expect(window?.message.en).toContain(
      'a window counted from the conduct (from: conduct) does not read duringInvestigation',
    );
    const noLimit = withProcedure(
      '      application: { from: conduct }\n      exOfficio: { required: true }\n',
    );
    expect(codes(noLimit)).toEqual([
      'warning:PACK_APPLICATION_WINDOW',
      'warning:PACK_PROCEDURE_NO_BASIS',
    ]);
    expect(noLimit.diagnostics[0]!.message.zh).toContain('没有 within（申请时限）');
    // A value no schema allows is refused when the pack is read.
    expect(() =>
      withProcedure('      application: { from: decision, within: { days: 5, unit: working } }\n'),
    ).toThrow();
  });

  it('merges the application window and the ex-officio check over the parent, key by key', () => {
    const root = rootPack(
      `${ROOT_YAML.trimEnd()}\n    procedure:\n      application: { within: { days: 15, unit: working, basis: c3 }, duringInvestigation: true }\n      exOfficio: { required: true, basis: c3 }\n`,
    );
    const child = childPack(
      "  - id: c1\n    from: '2022-01-01'\n    procedure:\n      application: { within: { days: 30, unit: calendar } }\n",
    );
    const set = new PackSet([root, child]);
    const own = set.effective(child, child.versions[0]!, '2022-06-01').procedure;
    expect(own.application).toEqual({
      within: { days: 30, unit: 'calendar' },
      duringInvestigation: true,
    });
    expect(own.exOfficio).toEqual({ required: true, basis: 'c3' });
    // A pack that says nothing: applications at any time, no mandatory check.
    const bare = rootPack(ROOT_YAML);
    const p = new PackSet([bare]).effective(bare, bare.versions[1]!).procedure;
    expect(p.application).toEqual({});
    expect(p.exOfficio).toEqual({ required: false });
  });

  it('requires each basis to be a clause of the pack or its parent', () => {
    const r = withProcedure(
      '      review:\n        applyWithin: { days: 30, unit: calendar, basis: c33 }\n',
    );
    const d = r.diagnostics.find((x) => x.code === 'PACK_PROCEDURE_UNKNOWN_BASIS');
    expect(d?.severity).toBe('error');
    expect(d?.message.en).toContain(
      "procedure.review.applyWithin: basis 'c33' is not a clause of this pack or its parent. Did you mean 'c3'?",
    );
    // The parent's clause is a clause of the child.
    const child = lintChild(`
  - id: c1
    from: '2022-01-01'
    procedure:
      timeLimits:
        acceptance: { days: 5, unit: working, basis: c3 }
`);
    expect(codes(child)).not.toContain('error:PACK_PROCEDURE_UNKNOWN_BASIS');
  });

  it('knows the steps of the case machine and which of them read a time limit', () => {
    const limit = { days: 3, unit: 'working' as const };
    for (const step of CASE_STEPS.filter((s) => s !== 'closed')) {
      const procedure = { ...EMPTY_PROCEDURE, timeLimits: { [step]: limit } };
      expect(limitOf(procedure, step) === limit, step).toBe(TIMED_STEPS.has(step));
    }
  });
});

describe('removes', () => {
  it('flags an id the amended version does not have', () => {
    const r = lintRoot(
      ROOT_YAML.replace('    amends: v1\n', '    amends: v1\n    removes: [sitt]\n'),
    );
    const d = r.diagnostics.find((x) => x.code === 'PACK_REMOVES_NOTHING');
    expect(d?.severity).toBe('warning');
    expect(d?.message.en).toContain(
      "version 'v2' removes 'sitt', which is not in the amended version 'v1': it takes nothing away. Did you mean 'sit'?",
    );
    // Removing what v1 brings in is no finding (the compiler then refuses the dangling reference).
    const ok = lintRoot(
      ROOT_YAML.replace('    amends: v1\n', '    amends: v1\n    removes: [c2]\n'),
    );
    expect(codes(ok)).not.toContain('warning:PACK_REMOVES_NOTHING');
  });

  it("in a local pack: flags a parent's rule, which stays inherited, an id absent from the parent at every date, and one already removed", () => {
    const r = lintChild(`
  - id: c1
    from: '2020-01-01'
    to: '2021-12-31'
    clauses:
      - { id: k1, source: doc, article: { zh: 第一条, en: Art. 1 }, text: { zh: 本地, en: local } }
    rules:
      - { id: k-rule, kind: other, title: { zh: 本地, en: local }, clauses: [k1], when: { fact: forceMajeure, eq: true } }
  - id: c2
    from: '2022-01-01'
    to: '2022-12-31'
    amends: c1
    removes: [k-rule, sit, ghost]
  - id: c3
    from: '2023-01-01'
    amends: c2
    removes: [k-rule, mit]
`);
    const msgs = r.diagnostics
      .filter((x) => x.code === 'PACK_REMOVES_NOTHING')
      .map((d) => d.message.en);
    expect(msgs).toHaveLength(4);
    expect(msgs).toContainEqual(
      expect.stringContaining(
        "version 'c2' removes 'sit', which belongs to the parent pack 'root' and stays inherited",
      ),
    );
    expect(msgs).toContainEqual(
      expect.stringContaining(
        "version 'c2' removes 'ghost', which is not in the amended version 'c1' nor a clause, rule or predicate of the parent 'root' on any day of this version's window",
      ),
    );
    expect(msgs).toContainEqual(
      expect.stringContaining("version 'c3' removes 'k-rule', which version 'c2' already removed"),
    );
    expect(msgs).toContainEqual(
      expect.stringContaining(
        "version 'c3' removes 'mit', which belongs to the parent pack 'root'",
      ),
    );
  });
});
