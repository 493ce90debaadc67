import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyEngine } from '../policy/engine.js';
import { formatDiagnostic } from '../policy/errors.js';
import { lintPack } from '../policy/lint.js';
import { parseScenarios, runScenario } from '../policy/scenario.js';
import { resultApplication } from '../policy/resolve.js';
import { POLICY_PACK_SCHEMA } from '../policy/schema.js';
import { loadPacks, shippedPacksDir } from './loader.js';

const { set, dirs } = loadPacks();
const engine = new PolicyEngine(set);

describe('the shipped packs', () => {
  it('are the three worked examples and the real measures encoded so far', () => {
    expect(set.ids()).toEqual([
      'asrs',
      'cn-national',
      'fuzhou-jiangxi',
      'sichuan-ftz',
      'x-new-area',
    ]);
  });

  it('mark each real measure as a draft whose text is incomplete, and cite it by its number', () => {
    const sichuan = set.get('sichuan-ftz');
    expect(sichuan.status).toBe('draft');
    expect(sichuan.documentNumber).toBe('川自贸领〔2024〕2号');
    expect(sichuan.notice?.zh).toContain('草稿');
    expect(sichuan.notice?.en).toContain('draft');
    const fuzhou = set.get('fuzhou-jiangxi');
    expect(fuzhou.status).toBe('draft');
    expect(fuzhou.notice?.zh).toContain('假设');
    expect(fuzhou.notice?.en).toContain('assumption');
    for (const p of [sichuan, fuzhou]) expect(p.extends).toBe('cn-national');
  });

  for (const id of set.ids()) {
    describe(id, () => {
      it('lints clean: no errors, no warnings', () => {
        const report = lintPack(set, set.get(id));
        expect(report.diagnostics.map((d) => formatDiagnostic(d, 'en'))).toEqual([]);
      });

      const file = join(dirs.get(id)!, 'scenarios.yaml');
      const scenarios = parseScenarios(readFileSync(file, 'utf8'), file, id);
      it('has at least ten scenarios', () => {
        expect(scenarios.length).toBeGreaterThanOrEqual(10);
      });
      for (const s of scenarios) {
        it(s.name, () => {
          const r = runScenario(engine, s);
          expect(r.failures).toEqual([]);
        });
      }
    });
  }

  it('say how every outcome is applied (结果运用), and X New Area its impact periods', () => {
    for (const id of ['cn-national', 'x-new-area']) {
      const pack = set.get(id);
      const latest = pack.versions[pack.versions.length - 1]!;
      const eff = set.effective(pack, latest, latest.from);
      for (const o of eff.outcomes) {
        expect(resultApplication(eff, o.id), `${id} ${o.id}`).toBeDefined();
      }
    }
    const x = set.get('x-new-area');
    const eff = set.effective(x, x.versions[1]!, '2024-01-01');
    expect(resultApplication(eff, 'lighter')?.impactPeriod?.months).toBe(12);
    expect(resultApplication(eff, 'reduced')?.impactPeriod?.months).toBe(6);
    expect(resultApplication(eff, 'exempted')?.unaffected).toContain('talentProgramme');
    expect(resultApplication(eff, 'exempted')?.correction?.within?.days).toBe(30);
  });

  it('x-new-area says plainly that it is a sample', () => {
    expect(set.get('x-new-area').notice?.zh).toContain('示例');
    expect(set.get('x-new-area').notice?.en).toContain('sample');
  });

  it('asrs does not use the Chinese standard vocabulary', () => {
    const p = engine.at('asrs', '2024-01-01');
    expect([...p.eff.facts.keys()].sort()).toEqual([
      'accidentInvolved',
      'competencyAction',
      'crimeInvolved',
      'daysToReport',
      'deliberate',
      'violationFoundInPrior5Years',
    ]);
  });
});

describe('scenario runner', () => {
  it('fails a scenario whose expectation is wrong (it can fail)', () => {
    const [s] = parseScenarios(
      `scenarios:
  - name: A deliberately wrong expectation must be reported as a failure
    at: '2023-06-01'
    facts: { privateGain: true }
    expect: { outcome: exempted, reasons: [sit-pilot], missingFacts: [noPrecedent] }
`,
      'inline.yaml',
      'cn-national',
    );
    const r = runScenario(engine, s!);
    expect(r.passed).toBe(false);
    expect(r.failures).toHaveLength(3);
  });
});

describe('the published JSON Schema', () => {
  it('is identical to the schema the parser uses', () => {
    const file = join(shippedPacksDir(), '..', 'schema', 'policy-pack.schema.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(POLICY_PACK_SCHEMA)),
    );
  });
});
