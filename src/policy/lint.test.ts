import { describe, expect, it } from 'vitest';
import { lintPack, type LintReport } from './lint.js';
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
