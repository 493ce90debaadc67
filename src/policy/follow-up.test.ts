import { describe, expect, it } from 'vitest';
import { lintPack, type LintReport } from './lint.js';
import { PackSet } from './resolve.js';
import { followUpOf } from './results.js';
import { childPack, ROOT_YAML, rootPack } from './testing/packs.js';

const codes = (r: LintReport) => r.diagnostics.map((d) => `${d.severity}:${d.code}`);

/** v1 with an impact period under `middle`, so that there are officials to follow up. */
const PERIOD = `    results:
      middle:
        impactPeriod: { months: 6, basis: c2 }
  - id: v2`;

/** The test root with `top` at the pack's top level and `inV2` in version v2. */
function root(top: string, inV2 = '') {
  let yaml = ROOT_YAML.replace('  - id: v2', PERIOD).replace('versions:\n', `${top}versions:\n`);
  if (inV2) yaml = yaml.replace('    amends: v1\n', `    amends: v1\n${inV2}`);
  return rootPack(yaml);
}
const lintRoot = (top: string, inV2 = '') => {
  const p = root(top, inV2);
  return lintPack(new PackSet([p]), p);
};

describe('follow-up visits (回访) in packs', () => {
  it('are folded field by field: the pack’s block, then each version, then a child pack', () => {
    const p = root(
      'followUp: { before: { months: 1 }, sampleShare: 0.3, basis: c2 }\n',
      '    followUp: { sampleShare: 0.5 }\n',
    );
    const set = new PackSet([p]);
    expect(followUpOf(set.effective(p, p.versions[0]!, '2021-03-01').followUp)).toEqual({
      before: { months: 1 },
      sampleShare: 0.3,
      basis: 'c2',
    });
    // v2 raises the share and keeps the rest.
    expect(followUpOf(set.effective(p, p.versions[1]!, '2022-03-01').followUp)).toEqual({
      before: { months: 1 },
      sampleShare: 0.5,
      basis: 'c2',
    });
    const child = childPack(
      `  - id: c1
    from: '2022-06-01'
    followUp: { before: { days: 45 } }`,
    );
    const both = new PackSet([p, child]);
    const eff = both.effective(child, child.versions[0]!, '2022-07-01');
    expect(followUpOf(eff.followUp)).toEqual({
      before: { days: 45 },
      sampleShare: 0.5,
      basis: 'c2',
    });
  });

  it('are absent where the pack says nothing, or says only half', () => {
    const none = rootPack();
    expect(new PackSet([none]).effective(none, none.versions[0]!, '2021-01-01').followUp).toBe(
      undefined,
    );
    const half = root('followUp: { sampleShare: 0.3 }\n');
    const eff = new PackSet([half]).effective(half, half.versions[0]!, '2021-01-01');
    expect(eff.followUp?.sampleShare).toBe(0.3);
    expect(followUpOf(eff.followUp)).toBe(undefined);
  });

  it('refuse a share outside 0–1, a before of no time and an unknown clause', () => {
    const r = lintRoot('followUp: { before: { months: 0 }, sampleShare: 1.5, basis: c9 }\n');
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'error:PACK_FOLLOW_UP_SHARE_RANGE',
        'error:PACK_FOLLOW_UP_BEFORE_EMPTY',
        'error:PACK_FOLLOW_UP_UNKNOWN_CLAUSE',
      ]),
    );
    const zero = lintRoot('followUp: { before: { months: 1 }, sampleShare: 0 }\n');
    expect(codes(zero)).toContain('error:PACK_FOLLOW_UP_SHARE_RANGE');
    const message = r.diagnostics.find((d) => d.code === 'PACK_FOLLOW_UP_SHARE_RANGE')!;
    expect(message.message.zh).toContain('1.5');
    expect(message.at?.line).toBeGreaterThan(1);
  });

  it('pass the linter when complete, and cite their clause (not an unused one)', () => {
    const r = lintRoot('followUp: { before: { months: 1 }, sampleShare: 0.3, basis: c2 }\n');
    expect(r.errors).toBe(0);
    expect(codes(r).filter((c) => c.includes('FOLLOW_UP'))).toEqual([]);
  });

  it('warn of impact periods nobody follows up, a half block, a visit due before the period', () => {
    expect(codes(lintRoot(''))).toContain('warning:PACK_IMPACT_PERIOD_WITHOUT_FOLLOW_UP');
    expect(codes(lintRoot('followUp: { sampleShare: 0.3 }\n'))).toContain(
      'warning:PACK_FOLLOW_UP_INCOMPLETE',
    );
    expect(codes(lintRoot('followUp: { before: { months: 6 }, sampleShare: 0.3 }\n'))).toContain(
      'warning:PACK_FOLLOW_UP_BEFORE_PERIOD',
    );
  });

  it('warn where the visit figures are still given in procedure.followUp', () => {
    const r = lintRoot(
      'followUp: { before: { months: 1 }, sampleShare: 0.3 }\n',
      '    procedure: { followUp: { enabled: true, samplingRate: 0.3 } }\n',
    );
    expect(codes(r)).toContain('warning:PACK_FOLLOW_UP_IN_PROCEDURE');
  });
});
