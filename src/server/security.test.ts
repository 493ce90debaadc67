import { beforeAll, expect, it } from 'vitest';
import { schema, type Schema } from '../app/tables.js';
import { describeStores } from '../store/testing/harness.js';
import { buildServer } from './server.js';
import { buildHttpWorld, signIn, type HttpWorld } from './testing/http.js';

describeStores<Schema>(
  'HTTP security headers, errors, validation and the API description',
  (getStore, kind) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    });

    it('health answers without a session, naming the store', async () => {
      const res = await w.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', store: kind });
    });

    it('sends the security headers: a strict CSP, nosniff, no framing, no referrer', async () => {
      for (const url of ['/api/health', '/api/auth/me', '/api/nothing-here']) {
        const res = await w.app.inject({ method: 'GET', url });
        const csp = String(res.headers['content-security-policy']);
        const directives = Object.fromEntries(
          csp.split(';').map((d) => {
            const [name = '', ...values] = d.trim().split(/\s+/);
            return [name, values.join(' ')];
          }),
        );
        expect(directives).toMatchObject({
          'default-src': "'self'",
          'script-src': "'self'",
          'style-src': "'self'",
          'object-src': "'none'",
          'frame-ancestors': "'none'",
          'base-uri': "'self'",
          'form-action': "'self'",
          'connect-src': "'self'",
        });
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).not.toContain('unsafe-eval');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
        // Plain HTTP: no HSTS, no upgrade-insecure-requests.
        expect(res.headers['strict-transport-security']).toBeUndefined();
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('publishes an OpenAPI 3.1 description at /api/openapi.json and Swagger UI at /api/docs', async () => {
      const res = await w.app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.info.title).toContain('rongcuo');
      expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
      // Shared shapes, each a component: the case, a list line, the error, and the recursive ones.
      expect(Object.keys(doc.components.schemas).sort()).toEqual([
        'Case',
        'CaseSummary',
        'Condition',
        'Error',
        'EvaluationFailure',
        'Failure',
        'JsonValue',
      ]);
      const paths = Object.keys(doc.paths);
      for (const p of [
        '/api/auth/login',
        '/api/cases',
        '/api/cases/{id}',
        '/api/cases/{id}/accept',
        '/api/cases/{id}/decision',
        '/api/cases/{id}/evidence/{eid}',
        '/api/accountability-matters',
        '/api/policy/evaluate',
      ]) {
        expect(paths, p).toContain(p);
      }
      expect(paths).not.toContain('/api/openapi.json');
      // Every operation's tag is declared (with its zh/en description) at the top.
      const declared = new Set((doc.tags as { name: string }[]).map((t) => t.name));
      for (const [path, ops] of Object.entries(doc.paths as Record<string, object>)) {
        for (const [method, op] of Object.entries(ops as Record<string, { tags?: string[] }>)) {
          for (const tag of op.tags ?? [])
            expect(declared, `${method} ${path}: ${tag}`).toContain(tag);
        }
      }
      const create = doc.paths['/api/cases'].post;
      const body = create.requestBody.content['application/json'].schema;
      expect(body.required).toEqual(['officialId', 'title', 'summary', 'conductDate']);
      expect(body.additionalProperties).toBe(false);
      expect(Object.keys(create.responses)).toEqual(['200', '201', '4XX', '5XX']);
      expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
      expect(doc.paths['/api/cases/{id}/accept'].post.parameters[0]).toMatchObject({
        in: 'path',
        name: 'id',
        required: true,
      });

      const page = await w.app.inject({ method: 'GET', url: '/api/docs/' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('swagger-ui');
      const spec = await w.app.inject({ method: 'GET', url: '/api/docs/json' });
      expect(spec.json().openapi).toBe('3.1.0');
    });

    it('validation errors name the field and say what is wrong, in zh and en', async () => {
      const c = await signIn(w, 'official');
      const res = await c.post('/api/cases', {
        officialId: w.ids.official,
        summary: '说明',
        conductDate: '2024-13-01',
        titel: '拼错的字段',
      });
      expect(res.statusCode).toBe(400);
      const { error, message } = res.json();
      expect(error.code).toBe('VALIDATION');
      expect(error.details).toMatchObject({ in: 'body', field: 'title', rule: 'required' });
      expect(error.message).toEqual({ zh: 'title：必须填写。', en: 'title: is required.' });
      expect(message).toBe('title：必须填写。');
      const byField = Object.fromEntries(
        (error.details.problems as { field: string; message: { zh: string; en: string } }[]).map(
          (p) => [p.field, p.message],
        ),
      );
      expect(byField['titel']).toEqual({
        zh: 'titel：不是可接受的字段，请删除。',
        en: 'titel: is not an accepted field; remove it.',
      });
      expect(byField['conductDate']).toEqual({
        zh: 'conductDate：应为日期，格式 YYYY-MM-DD。',
        en: 'conductDate: must be a date as YYYY-MM-DD.',
      });

      const typed = await c.post('/api/cases', {
        officialId: w.ids.official,
        title: 42,
        summary: '',
        conductDate: '2024-11-05',
        facts: { privateGain: 'no', 'bad key': true },
      });
      expect(typed.statusCode).toBe(400);
      const problems = typed.json().error.details.problems as { field: string; rule: string }[];
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'title', rule: 'type' }),
          expect.objectContaining({ field: 'facts', rule: 'propertyNames' }),
        ]),
      );

      const badId = await c.get('/api/cases/not-a-uuid');
      expect(badId.statusCode).toBe(400);
      expect(badId.json().error).toMatchObject({
        code: 'VALIDATION',
        details: { in: 'params', field: 'id', rule: 'format' },
      });
      expect(badId.json().error.message.en).toContain('id: must be a UUID');

      const page = await c.get('/api/cases?pageSize=0', { 'accept-language': 'en' });
      expect(page.statusCode).toBe(400);
      expect(page.json().message).toBe('pageSize: must be at least 1.');

      const version = await c.post(`/api/cases/${crypto.randomUUID()}/accept`, {
        expectedVersion: '1',
      });
      expect(version.statusCode).toBe(400);
      expect(version.json().error.message.zh).toBe('expectedVersion：应为整数。');

      const notJson = await w.app.inject({
        method: 'POST',
        url: '/api/policy/evaluate',
        cookies: { rongcuo_session: c.cookie },
        headers: { 'x-csrf-token': c.csrfToken, 'content-type': 'application/json' },
        payload: '{"packId": ',
      });
      expect(notJson.statusCode).toBe(400);
      expect(notJson.json().error).toMatchObject({
        code: 'VALIDATION',
        message: { zh: '请求体不是有效的 JSON。', en: 'The body is not valid JSON.' },
      });

      const big = await c.post('/api/policy/evaluate', {
        packId: 'x-new-area',
        facts: {},
        at: '2024-11-05',
        padding: 'x'.repeat(1_100_000),
      });
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('an unexpected failure is a bare 500 INTERNAL: no stack, no SQL, no message', async () => {
      const app = await buildServer(w.ctx);
      app.get('/api/test-boom', async () => {
        throw new Error('relation "secret_table" does not exist: SELECT * FROM secret_table');
      });
      const res = await app.inject({ method: 'GET', url: '/api/test-boom' });
      expect(res.statusCode).toBe(500);
      const body = res.json();
      expect(body.error).toMatchObject({
        code: 'INTERNAL',
        message: {
          zh: '服务器内部错误，已记录。请稍后重试。',
          en: 'Internal error; it has been logged. Please try again later.',
        },
      });
      expect(Object.keys(body.error.details)).toEqual(['requestId']);
      expect(res.body).not.toContain('secret_table');
      expect(res.body).not.toContain('Error');
      expect(res.body).not.toContain('.ts');
      await app.close();
    });

    it('policy: lists the packs, shows one without file paths, evaluates facts', async () => {
      const c = await signIn(w, 'colleague');
      const list = await c.get('/api/policy/packs');
      expect(list.statusCode).toBe(200);
      const ids = (list.json().packs as { id: string }[]).map((p) => p.id);
      expect(ids).toEqual(expect.arrayContaining(['cn-national', 'x-new-area']));

      const pack = await c.get('/api/policy/packs/x-new-area?at=2024-11-05');
      expect(pack.statusCode).toBe(200);
      const { pack: summary, effective } = pack.json();
      expect(summary.id).toBe('x-new-area');
      expect(effective.version.id).toBe('2023-01');
      expect(effective.chain[0]).toMatchObject({ pack: 'x-new-area', version: '2023-01' });
      expect(effective.rules.length).toBeGreaterThan(0);
      expect(effective.clauses.length).toBeGreaterThan(0);
      expect(effective.outcomes.map((o: { id: string }) => o.id)).toContain('exempted');
      // No source locations: they are file paths on the server.
      expect(pack.body).not.toMatch(/"at":\{/);
      expect(pack.body).not.toContain('pack.yaml');

      const older = await c.get('/api/policy/packs/x-new-area?version=2020-01');
      expect(older.json().effective.version.id).toBe('2020-01');
      const noVersion = await c.get('/api/policy/packs/x-new-area?version=1999-01');
      expect(noVersion.statusCode).toBe(400);
      expect(noVersion.json().error.details.field).toBe('version');
      expect((await c.get('/api/policy/packs/no-such-pack')).statusCode).toBe(404);

      const ev = await c.post('/api/policy/evaluate', {
        packId: 'x-new-area',
        facts: { purpose: 'development_task', privateGain: false },
        at: '2024-11-05',
      });
      expect(ev.statusCode).toBe(200);
      const evaluation = ev.json().evaluation;
      expect(evaluation).toMatchObject({ pack: 'x-new-area', version: '2023-01' });
      expect(evaluation.missingFacts.length).toBeGreaterThan(0);

      const unknownFact = await c.post('/api/policy/evaluate', {
        packId: 'x-new-area',
        facts: { privateGian: false },
        at: '2024-11-05',
      });
      expect(unknownFact.statusCode).toBe(422);
      expect(unknownFact.json().error.code).toBe('POLICY_INPUT');
      expect(unknownFact.json().error.message.en).toContain('privateGain');
      const noPack = await c.post('/api/policy/evaluate', {
        packId: 'nope',
        facts: {},
        at: '2024-11-05',
      });
      expect(noPack.statusCode).toBe(400);
      expect(noPack.json().error.details.field).toBe('packId');
    });
  },
  { open: { schema } },
);
