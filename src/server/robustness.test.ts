/**
 * What an attack on the running service found (issue 9 §3), one test each: NUL characters and
 * lone surrogates anywhere in a request, errors before a route (bad %-encoding, over-long
 * parameters and headers, non-HTTP), JSON that is not UTF-8, and paths that name files.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Schema } from '../app/tables.js';
import { TEST_PASSWORD } from '../app/testing/world.js';
import { PDF_FILE } from '../app/testing/files.js';
import { EXEMPTED_FACTS } from '../app/testing/steps.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, freshIp, signIn, type HttpWorld } from './testing/http.js';

/** Sends raw bytes to host:port and resolves with everything the server answers until it closes. */
function rawRequest(port: number, data: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', (err) =>
      chunks.length > 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(err),
    );
    socket.write(data, () => socket.end());
  });
}

/** The status and JSON body of a raw HTTP answer. */
function parseRaw(answer: string): { status: number; body: { error: { code: string } } } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const status = Number(head.split(' ')[1]);
  return { status, body: JSON.parse(body) as { error: { code: string } } };
}

describeStores<Schema>('robustness: inputs and errors an attacker sends', (getStore) => {
  let w: HttpWorld;
  let port: number;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    await w.app.listen({ port: 0, host: '127.0.0.1' });
    const address = w.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await w.app.close();
  });

  it('a NUL character in a sign-in, a note or a search is a 400 naming the field', async () => {
    const login = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: freshIp(),
      payload: { username: 'intake\u0000', password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().error).toMatchObject({
      code: 'INPUT_NUL_CHARACTER',
      details: { in: 'body', field: 'username' },
    });
    expect(login.json().error.message.zh).toContain('username');

    const official = await signIn(w, 'official');
    const created = await official.post('/api/cases', {
      officialId: w.ids.official,
      title: '标题\u0000',
      summary: '为抢抓项目落地，在用地手续完备前组织开工。',
      conductDate: '2024-11-05',
      facts: { ...EXEMPTED_FACTS },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error).toMatchObject({ code: 'INPUT_NUL_CHARACTER' });
    expect(created.json().error.details).toEqual({ in: 'body', field: 'title' });

    const ok = await official.post('/api/cases', {
      officialId: w.ids.official,
      title: '招商项目提前开工',
      summary: '为抢抓项目落地，在用地手续完备前组织开工。',
      conductDate: '2024-11-05',
      facts: { ...EXEMPTED_FACTS },
    });
    expect(ok.statusCode).toBe(201);
    const intake = await signIn(w, 'intake');
    const accept = await intake.post(`/api/cases/${ok.json().case.id}/accept`, {
      expectedVersion: 1,
      note: 'a\u0000b',
    });
    expect(accept.statusCode).toBe(400);
    expect(accept.json().error.details).toEqual({ in: 'body', field: 'note' });

    // Evidence that only starts like a PDF is refused; a whole one is taken.
    const evidence = (content: Buffer) =>
      official.post(`/api/cases/${ok.json().case.id}/evidence`, {
        expectedVersion: 1,
        filename: '纪要.pdf',
        mediaType: 'application/pdf',
        contentBase64: content.toString('base64'),
      });
    const fake = await evidence(Buffer.from('%PDF-<html><script>alert(1)</script></html>'));
    expect(fake.statusCode).toBe(422);
    expect(fake.json().error).toMatchObject({
      code: 'EVIDENCE_UNREADABLE',
      details: { field: 'content' },
    });
    expect(fake.json().error.message.zh).toContain('纪要.pdf');
    expect((await evidence(PDF_FILE)).statusCode).toBe(200);

    const search = await intake.get('/api/cases?q=%00abc');
    expect(search.statusCode).toBe(400);
    expect(search.json().error.code).toBe('INPUT_NUL_CHARACTER');
    expect(search.json().error.details).toEqual({ in: 'querystring', field: 'q' });

    const officials = await intake.get('/api/officials?q=x%00');
    expect(officials.statusCode).toBe(400);
    const param = await intake.get('/api/cases/%00');
    expect(param.statusCode).toBe(400);
    expect(param.json().error.details).toMatchObject({ in: 'params' });
    // Keys are strings that reach the store too (the facts of an application).
    const key = await official.post('/api/cases', {
      ...{ officialId: w.ids.official, title: 't', summary: 's', conductDate: '2024-11-05' },
      facts: { 'x\u0000': true },
    });
    expect(key.statusCode).toBe(400);
    expect(key.json().error.details).toEqual({ in: 'body', field: 'facts.x\u0000' });
  });

  it('a lone surrogate (\\ud800) in a string is a 400, not replaced and stored', async () => {
    const intake = await signIn(w, 'intake');
    const res = await intake.post(
      '/api/cases/00000000-0000-4000-8000-000000000000/accept',
      '{"expectedVersion":1,"note":"a\\ud800b"}',
      { 'content-type': 'application/json' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'INPUT_BAD_TEXT',
      details: { in: 'body', field: 'note' },
    });
    // A surrogate pair (an emoji) is fine: the case is simply not found.
    const pair = await intake.post('/api/cases/00000000-0000-4000-8000-000000000000/accept', {
      expectedVersion: 1,
      note: '好😀',
    });
    expect(pair.statusCode).toBe(404);
  });

  it('invalid UTF-8 in a JSON body is a 400; another declared charset is a 415', async () => {
    const intake = await signIn(w, 'intake');
    const url = '/api/cases/00000000-0000-4000-8000-000000000000/accept';
    const bad = Buffer.concat([
      Buffer.from('{"expectedVersion":1,"note":"ab'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const res = await intake.post(url, bad, { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INPUT_NOT_UTF8', details: { offset: 31 } });
    for (const charset of ['latin1', 'ISO-8859-1', '"gbk"', 'utf-16']) {
      const latin = await intake.post(url, Buffer.from('{"expectedVersion":1,"note":"é"}'), {
        'content-type': `application/json; charset=${charset}`,
      });
      expect(latin.statusCode, charset).toBe(415);
      expect(latin.json().error.code).toBe('UNSUPPORTED_CHARSET');
      expect(latin.json().error.message.en).toContain('UTF-8');
    }
    // UTF-8 declared (any spelling) or not declared is read as before.
    for (const type of ['application/json; charset=UTF-8', 'application/json;charset=utf8']) {
      const fine = await intake.post(url, Buffer.from('{"expectedVersion":1,"note":"é"}'), {
        'content-type': type,
      });
      expect(fine.statusCode, type).toBe(404);
    }
    // Fastify's protections stay: prototype poisoning, empty and malformed bodies.
    const proto = await intake.post(url, '{"expectedVersion":1,"__proto__":{"x":1}}', {
      'content-type': 'application/json',
    });
    expect(proto.statusCode).toBe(400);
    const broken = await intake.post(url, '{"expectedVersion":', {
      'content-type': 'application/json',
    });
    expect(broken.json().error.code).toBe('VALIDATION');
  });

  it('a bad %-encoding or an over-long parameter is a catalogue error, the URL not echoed', async () => {
    const intake = await signIn(w, 'intake');
    const bad = await intake.get('/api/cases/%E0%A4%A');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_URL');
    expect(bad.json().error.message.zh).toBeTruthy();
    expect(bad.body).not.toContain('is not a valid url');
    // A parameter over the router's limit matches no route: the catalogue's 404, the path cut.
    const long = await intake.get(`/api/cases/${'a'.repeat(5000)}`);
    expect(long.statusCode).toBe(404);
    expect(long.json().error.code).toBe('NOT_FOUND');
    expect(long.body.length).toBeLessThan(1500);
    // Over the network too, in English when asked.
    const raw = parseRaw(
      await rawRequest(
        port,
        'GET /api/cases/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nConnection: close\r\n\r\n',
      ),
    );
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({ error: { code: 'BAD_URL' } });
  });

  it('headers over 16 KB, or bytes that are not HTTP, get the catalogue shape on the socket', async () => {
    const longQuery = `GET /api/cases?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`;
    const query = parseRaw(await rawRequest(port, longQuery));
    expect(query.status).toBe(431);
    expect(query.body).toMatchObject({
      error: {
        code: 'HEADERS_TOO_LARGE',
        message: { zh: expect.any(String), en: expect.any(String) },
      },
    });
    const longHeader = `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(40_000)}\r\n\r\n`;
    expect(parseRaw(await rawRequest(port, longHeader)).body.error.code).toBe('HEADERS_TOO_LARGE');
    const junk = parseRaw(await rawRequest(port, 'HELLO THERE\r\n\r\n'));
    expect(junk.status).toBe(400);
    expect(junk.body.error.code).toBe('BAD_REQUEST');
  });

  it('paths that name files are 404s, never the app page; app addresses still get the page', async () => {
    for (const url of ['/.env', '/.git/config', '/package.json', '/src/app/.env', '/x/y.php']) {
      const res = await w.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/plain');
      expect(res.body, url).not.toContain('<');
    }
    // The app's addresses (a pack id may hold a dot) get its page: 200, or 503 when not built.
    for (const url of ['/', '/cases', '/policy/cn.gd', '/no/such/page']) {
      const res = await w.app.inject({ method: 'GET', url });
      expect([200, 503], url).toContain(res.statusCode);
      expect(res.headers['content-type'], url).toContain('text/html');
    }
    const api = await w.app.inject({ method: 'GET', url: '/api/.env' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('NOT_FOUND');
  });
});
