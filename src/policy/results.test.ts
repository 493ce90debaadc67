import { describe, expect, it } from 'vitest';
import { lintPack, type LintReport } from './lint.js';
import { PackSet, resultApplication } from './resolve.js';
import { childPack, ROOT_YAML, rootPack } from './testing/packs.js';

const codes = (r: LintReport) => r.diagnostics.map((d) => `${d.severity}:${d.code}`);

/** The test root with a result application in v1 (which v2 amends). */
const RESULTS_V1 = `    results:
      good:
        unaffected: [annualAssessment, promotion]
        correction: { kinds: [rectify], within: { days: 30, unit: working, basis: c1 } }
        basis: [c2]
      middle:
        unaffected: [annualAssessment]
        impactPeriod: { months: 6, basis: c2 }
      bad:
        correction: { kinds: [rectify, writtenReview] }
  - id: v2`;
const withResults = (yaml = RESULTS_V1) => ROOT_YAML.replace('  - id: v2', yaml);
const lintRoot = (yaml: string) => {
  const p = rootPack(yaml);
  return lintPack(new PackSet([p]), p);
};

describe('result application (结果运用) in packs', () => {
  it('is folded over amended versions and parent packs, field by field', () => {
    const root = rootPack(withResults());
    const child = childPack(
      `  - id: c1
    from: '2022-06-01'
    results:
      middle:
        impactPeriod: { months: 12 }
      good:
        unaffected: [annualAssessment, promotion, localScheme]`,
      `matters:\n  localScheme: { label: { zh: 本地人才计划, en: Local talent scheme } }`,
    );
    const set = new PackSet([root, child]);
    // v2 amends v1: it inherits v1's results.
    const v2 = set.effective(root, root.versions[1]!, '2022-03-01');
    expect(resultApplication(v2, 'middle')).toEqual({
      unaffected: ['annualAssessment'],
      impactPeriod: { months: 6, basis: 'c2' },
      basis: [],
    });
    const eff = set.effective(child, child.versions[0]!, '2022-07-01');
    const middle = resultApplication(eff, 'middle');
    expect(middle?.impactPeriod).toEqual({ months: 12 });
    expect(middle?.unaffected).toEqual(['annualAssessment']);
    expect(resultApplication(eff, 'good')?.unaffected).toContain('localScheme');
    expect(resultApplication(eff, 'good')?.correction?.kinds).toEqual(['rectify']);
    expect(eff.matters.get('localScheme')?.label.zh).toBe('本地人才计划');
    expect(eff.matters.get('integrityVetting')?.origin).toBe('standard');
  });

  it('lets a child remove an inherited impact period with null', () => {
    const root = rootPack(withResults());
    const child = childPack(`  - id: c1
    from: '2022-06-01'
    results:
      middle: { impactPeriod: null }`);
    const eff = new PackSet([root, child]).effective(child, child.versions[0]!, '2022-07-01');
    expect(resultApplication(eff, 'middle')?.impactPeriod).toBeUndefined();
  });

  it('passes a sound result application with no findings', () => {
    // Impact periods are followed up (follow-up.test.ts: without it, the linter says so).
    const followed = RESULTS_V1.replace(
      '  - id: v2',
      '    followUp: { before: { months: 1 }, sampleShare: 0.3, basis: c2 }\n  - id: v2',
    );
    expect(lintRoot(withResults(followed)).diagnostics).toEqual([]);
  });

  it('refuses unknown outcomes, matters, correction kinds and clauses, with a suggestion', () => {
    const r = lintRoot(
      withResults(
        RESULTS_V1.replace('      middle:', '      midle:')
          .replace('promotion]', 'promoton]')
          .replace('writtenReview]', 'writenReview]')
          .replace('basis: [c2]', 'basis: [c9]'),
      ),
    );
    const byCode = new Map(r.diagnostics.map((d) => [d.code, d]));
    expect(byCode.get('PACK_RESULTS_UNKNOWN_OUTCOME')?.message.zh).toMatch(/是否应为“middle”/);
    expect(byCode.get('PACK_RESULTS_UNKNOWN_MATTER')?.message.en).toMatch(/'promotion'/);
    expect(byCode.get('PACK_RESULTS_UNKNOWN_CORRECTION_KIND')?.message.en).toMatch(
      /'writtenReview'/,
    );
    expect(byCode.get('PACK_RESULTS_UNKNOWN_CLAUSE')?.severity).toBe('error');
    expect(byCode.get('PACK_RESULTS_UNKNOWN_OUTCOME')?.at?.line).toBeGreaterThan(30);
    expect(r.errors).toBe(4);
  });

  it('warns of an outcome left out, matters kept under a refusal, and a matter listed twice', () => {
    const r = lintRoot(
      withResults(
        RESULTS_V1.replace(
          '      bad:\n        correction: { kinds: [rectify, writtenReview] }',
          '      bad:\n        unaffected: [awards, awards]',
        ).replace(/ {6}middle:\n.*\n.*\n/, ''),
      ),
    );
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'warning:PACK_RESULTS_OUTCOME_MISSING',
        'warning:PACK_RESULTS_REFUSED_UNAFFECTED',
        'warning:PACK_RESULTS_DUPLICATE_MATTER',
      ]),
    );
    expect(r.errors).toBe(0);
  });

  it('warns of follow-up visits with no impact period, and of one period for all outcomes', () => {
    const noPeriod = RESULTS_V1.replace(
      '        impactPeriod: { months: 6, basis: c2 }\n',
      '',
    ).replace(
      '  - id: v2',
      '    procedure: { followUp: { enabled: true, samplingRate: 0.3 } }\n  - id: v2',
    );
    expect(codes(lintRoot(withResults(noPeriod)))).toContain(
      'warning:PACK_FOLLOW_UP_WITHOUT_PERIOD',
    );
    const legacy = RESULTS_V1.replace(
      '  - id: v2',
      '    procedure: { followUp: { enabled: true, impactPeriodMonths: 12 } }\n  - id: v2',
    );
    expect(codes(lintRoot(withResults(legacy)))).toContain(
      'warning:PACK_IMPACT_PERIOD_IN_FOLLOW_UP',
    );
  });
});
