import { beforeAll, describe, expect, it } from 'vitest';
import { schema, type Schema } from '../app/tables.js';
import { EXEMPTED_FACTS } from '../app/testing/steps.js';
import { diag } from '../policy/errors.js';
import { describeStores } from '../store/testing/harness.js';
import { presentLint } from './presenters/policy.js';
import { buildHttpWorld, signIn, type HttpWorld } from './testing/http.js';
import { SICHUAN_CLEAN } from '../policy/testing/sichuan.js';

describe('lint findings as the API shows them', () => {
  it('keeps severity, code, message and place, but not the server’s folders', () => {
    const at = {
      file: '/srv/rongcuo/packs/x-new-area/pack.yaml',
      line: 12,
      col: 5,
      path: ['versions', 0, 'rules', 3],
    };
    const shown = presentLint({
      pack: 'x-new-area',
      errors: 1,
      warnings: 1,
      diagnostics: [
        diag('LINT_RULE_NEVER_APPLIES', 'error', '规则永不适用。', 'the rule never applies.', at),
        diag('LINT_WINDOW_GAP', 'warning', '版本之间有空档。', 'a gap between versions.'),
      ],
    });
    expect(shown).toEqual({
      pack: 'x-new-area',
      errors: 1,
      warnings: 1,
      diagnostics: [
        {
          severity: 'error',
          code: 'LINT_RULE_NEVER_APPLIES',
          message: { zh: '规则永不适用。', en: 'the rule never applies.' },
          at: { file: 'x-new-area/pack.yaml', line: 12, col: 5, path: ['versions', 0, 'rules', 3] },
        },
        {
          severity: 'warning',
          code: 'LINT_WINDOW_GAP',
          message: { zh: '版本之间有空档。', en: 'a gap between versions.' },
          at: null,
        },
      ],
    });
    expect(JSON.stringify(shown)).not.toContain('/srv');
  });
});

describeStores<Schema>(
  'the policy packs over HTTP',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    });

    it('lists the packs with their versions, and shows one version in full', async () => {
      const c = await signIn(w, 'policyAdmin');
      const list = await c.get('/api/policy/packs');
      expect(list.statusCode).toBe(200);
      const x = (list.json().packs as { id: string }[]).find((p) => p.id === 'x-new-area');
      expect(x).toMatchObject({
        extends: 'cn-national',
        status: 'published',
        versions: [
          { id: '2020-01', from: '2020-01-01', to: '2022-12-31' },
          { id: '2023-01', from: '2023-01-01', to: null, amends: '2020-01' },
        ],
      });
      const old = await c.get('/api/policy/packs/x-new-area?version=2020-01');
      expect(old.statusCode).toBe(200);
      expect(old.json().effective.version.id).toBe('2020-01');
      const rules = old.json().effective.rules as { id: string; clauses: string[] }[];
      expect(rules.find((r) => r.id === 'n-fraudulent-records')?.clauses).toEqual(['x20-art7']);
      const anonymous = await w.app.inject({ method: 'GET', url: '/api/policy/packs' });
      expect(anonymous.statusCode).toBe(401);
    });

    it('lists to each user only the packs that apply where they work, and where they apply', async () => {
      const listOf = async (name: string) => {
        const r = await (await signIn(w, name)).get('/api/policy/packs');
        expect(r.statusCode).toBe(200);
        return r.json().packs as {
          id: string;
          extendsTitle: { zh: string } | null;
          appliesIn: { names: { name: { zh: string } }[]; count: number };
        }[];
      };
      const ids = (packs: { id: string }[]) => packs.map((p) => p.id).sort();
      // Policy administrators and administrators: every pack, the ASRS reference pack too.
      const every = ['asrs', 'cn-national', 'fuzhou-jiangxi', 'sichuan-ftz', 'x-new-area'];
      expect(ids(await listOf('policyAdmin'))).toEqual(every);
      expect(ids(await listOf('admin'))).toEqual(every);
      // Officers of X New Area, its official and a unit's party organization: the area's
      // measure and the national rules it extends, no reference pack.
      for (const name of ['intake', 'chair', 'official', 'unitParty', 'auditor']) {
        expect(ids(await listOf(name)), name).toEqual(['cn-national', 'x-new-area']);
      }
      // An officer of Y District, bound to the national rules: not X New Area's measure.
      expect(ids(await listOf('outsiderIntake'))).toEqual(['cn-national']);

      const intake = await listOf('intake');
      const x = intake.find((p) => p.id === 'x-new-area')!;
      expect(x.appliesIn.names.map((n) => n.name.zh)).toEqual(['X新区']);
      expect(x.appliesIn.count).toBe(1);
      expect(x.extendsTitle?.zh).toContain('全国容错纠错基本规定');
      const national = intake.find((p) => p.id === 'cn-national')!;
      expect(national.appliesIn.names.map((n) => n.name.zh)).toEqual(['某省', '某市']);
      const all = await listOf('policyAdmin');
      // The packs that apply come first, the references (applied nowhere here) after them.
      expect(all.map((p) => p.id).slice(0, 2)).toEqual(['cn-national', 'x-new-area']);
      expect(all.slice(2).every((p) => p.appliesIn.count === 0)).toBe(true);
      expect(all.find((p) => p.id === 'asrs')!.appliesIn).toEqual({
        names: [],
        count: 0,
        reference: true,
      });
      expect(all.find((p) => p.id === 'cn-national')!.appliesIn.count).toBe(3);

      // One pack's page names the packs of its chain by title.
      const one = await (await signIn(w, 'intake')).get('/api/policy/packs/x-new-area');
      expect(one.statusCode).toBe(200);
      const chain = one.json().effective.chain as { pack: string; title: { zh: string } }[];
      expect(chain.map((c) => c.pack)).toEqual(['x-new-area', 'cn-national']);
      expect(chain[0]!.title.zh).toBe('X新区干部容错纠错实施办法（示例）');
    });

    it('lints a pack: the shipped sample is clean; an unknown pack is 404', async () => {
      const c = await signIn(w, 'chair');
      const res = await c.get('/api/policy/packs/x-new-area/lint');
      expect(res.statusCode).toBe(200);
      expect(res.json().lint).toEqual({
        pack: 'x-new-area',
        errors: 0,
        warnings: 0,
        diagnostics: [],
      });
      const again = await c.get('/api/policy/packs/x-new-area/lint');
      expect(again.json()).toEqual(res.json());
      const missing = await c.get('/api/policy/packs/no-such-pack/lint');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('NOT_FOUND');
      const bad = await c.get('/api/policy/packs/NOT_AN_ID/lint');
      expect(bad.statusCode).toBe(400);
      const anonymous = await w.app.inject({
        method: 'GET',
        url: '/api/policy/packs/x-new-area/lint',
      });
      expect(anonymous.statusCode).toBe(401);
    });

    it('describes the lint route and the PDF format in the OpenAPI description', async () => {
      const doc = (await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      const lint = doc.paths['/api/policy/packs/{id}/lint'].get;
      expect(lint.summary).toContain('Lint');
      expect(lint.description).toContain('stable code');
      const documentRoute = doc.paths['/api/cases/{id}/decision-document'].get;
      const format = (
        documentRoute.parameters as { name: string; schema: { enum: string[] } }[]
      ).find((p) => p.name === 'format');
      expect(format?.schema.enum).toEqual(['json', 'text', 'pdf']);
      expect(documentRoute.description).toContain('DOCUMENT_FONT_MISSING');
    });

    it('carries discretion bands and results off the ladder to the policy browser', async () => {
      const c = await signIn(w, 'policyAdmin');
      const pack = await c.get('/api/policy/packs/sichuan-ftz');
      expect(pack.statusCode).toBe(200);
      const eff = pack.json().effective as {
        decision: { id: string; outcome: string; outcomes: string[] }[];
        otherResults: { id: string; kind: string; to: unknown }[];
      };
      expect(eff.decision.find((d) => d.id === 'sc-exempted')).toMatchObject({
        outcome: 'exempted',
        outcomes: ['exempted', 'reduced', 'lighter'],
      });
      expect(eff.otherResults.map((o) => [o.id, o.kind, o.to !== null])).toEqual([
        ['scftz-not-applicable', 'notApplicable', false],
        ['scftz-by-reference', 'referred', true],
      ]);
      const facts = { ...SICHUAN_CLEAN, ftzReformWork: false };
      const outside = await c.post('/api/policy/evaluate', {
        packId: 'sichuan-ftz',
        facts,
        at: '2024-09-01',
      });
      expect(outside.statusCode).toBe(200);
      expect(outside.json().evaluation).toMatchObject({
        outcome: 'scftz-not-applicable',
        recommended: ['scftz-not-applicable'],
        resultKind: 'notApplicable',
        recommendation: { zh: '不属于本办法适用范围，建议不适用本办法容错，由集体研究认定。' },
      });
      const band = await c.post('/api/policy/evaluate', {
        packId: 'sichuan-ftz',
        facts: SICHUAN_CLEAN,
        at: '2024-09-01',
      });
      expect(band.json().evaluation).toMatchObject({
        outcome: 'exempted',
        recommended: ['exempted', 'reduced', 'lighter'],
        resultKind: 'ladder',
      });
    });

    it('evaluates a scenario: exempted with its clauses, or excluded by the negative list', async () => {
      const c = await signIn(w, 'policyAdmin');
      const ok = await c.post('/api/policy/evaluate', {
        packId: 'x-new-area',
        facts: EXEMPTED_FACTS,
        at: '2024-11-05',
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().evaluation).toMatchObject({ outcome: 'exempted', version: '2023-01' });
      const fraud = await c.post('/api/policy/evaluate', {
        packId: 'x-new-area',
        facts: { ...EXEMPTED_FACTS, fraudulentRecords: true },
        at: '2024-11-05',
      });
      const ev = fraud.json().evaluation as {
        outcome: string;
        reasons: { rule: string; kind: string; clauses: { id: string }[] }[];
      };
      expect(ev.outcome).toBe('not_tolerated');
      expect(ev.reasons).toEqual([
        expect.objectContaining({
          rule: 'n-fraudulent-records',
          kind: 'exclusion',
          clauses: [expect.objectContaining({ id: 'x20-art7' })],
        }),
      ]);
      // The explanation's added parts reach the API: the negative list names the exclusion
      // present, and each clause cited is given once.
      const full = fraud.json().evaluation as {
        negativeList: { rule: string; status: string }[];
        situations: { rule: string; decisive: boolean }[];
        citedClauses: { id: string }[];
      };
      expect(full.negativeList).toContainEqual(
        expect.objectContaining({ rule: 'n-fraudulent-records', status: 'present' }),
      );
      expect(full.negativeList.filter((x) => x.status === 'absent').length).toBeGreaterThan(0);
      expect(full.situations.every((x) => !x.decisive)).toBe(true);
      const ids = full.citedClauses.map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toContain('x20-art7');
    });
  },
  { open: { schema } },
);
