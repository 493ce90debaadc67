/**
 * The API fuzz: every operation of /api/openapi.json, sent by several signed-in roles, with
 * plausible requests built from its schemas (path parameters from real ids found by listing) and
 * hostile ones (wrong types, huge strings, unicode edge cases, missing and extra fields, bad ids,
 * NUL, lone surrogates, deep nesting, wrong content types, bad JSON, no CSRF token, wrong
 * methods). Deterministic for a seed. Every answer must be below 500, and every error answer in
 * the catalogue's shape: `{ error: { code, message: { zh, en }, details } }`.
 */
import { as, signIn, type Answer, type RawRequest, type Send, type Session } from './client.js';
import { Random } from './random.js';
import { valueFor, type JsonSchema, type ValueSource } from './schema-values.js';

interface Parameter {
  readonly in: string;
  readonly name: string;
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}

export interface Operation {
  readonly method: string;
  /** As in the description, e.g. /api/cases/{id}/facts. */
  readonly path: string;
  readonly params: readonly Parameter[];
  readonly body: JsonSchema | undefined;
}

interface OpenApiDoc {
  readonly paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
  readonly components?: { schemas?: Record<string, JsonSchema> };
}

/** The operations of the description. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return ops;
}

/** Who the fuzz signs in as: a name for the report, the username and the password. */
export interface FuzzUser {
  readonly role: string;
  readonly username: string;
  readonly password: string;
}

export interface FuzzOptions {
  readonly send: Send;
  readonly users: readonly FuzzUser[];
  /** The server's clock (the administrators' one-time codes); default the system clock. */
  readonly now?: () => Date;
  readonly requests: number;
  readonly seed: number;
  /** Operations left out (method and path, e.g. 'POST /api/auth/logout'). */
  readonly skip?: readonly string[];
  /** In-process only: fresh client addresses for sign-ins (the rate limit counts each). */
  readonly address?: () => string;
}

export interface Finding {
  readonly kind: string;
  readonly role: string;
  readonly request: string;
  readonly status: number;
  readonly problem: string;
  readonly body: string;
}

export interface FuzzReport {
  readonly operations: number;
  readonly requests: number;
  readonly byStatus: Record<string, number>;
  readonly byKind: Record<string, number>;
  readonly serverErrors: number;
  /** 5xx answers and error answers not in the catalogue's shape (at most 50 kept). */
  readonly findings: readonly Finding[];
  readonly errorCodes: readonly string[];
  readonly ms: number;
}

export const HOSTILE_KINDS = [
  'wrongType',
  'hugeString',
  'unicode',
  'missingField',
  'extraField',
  'badId',
  'nul',
  'loneSurrogate',
  'invalidUtf8',
  'deepNesting',
  'contentType',
  'badJson',
  'badQuery',
  'noCsrf',
  'wrongMethod',
] as const;
export type RequestKind = 'plausible' | (typeof HOSTILE_KINDS)[number];

const UNICODE_EDGES = [
  '\u202Eevil\u202C',
  '👨‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  '\u200B\u200C\u200D\uFEFF',
  '\uFFFE\uFFFF',
  '𠜎𠜱𠝹',
  'ＡＢＣ１２３',
  '\u0085\u2028\u2029',
  '\r\n\t',
  "'; DROP TABLE cases; --",
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '%00%s%n',
];

const BAD_IDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  'a'.repeat(400),
  '1%20OR%201%3D1',
  '%E4%B8%AD%E6%96%87',
  '-1',
  '%F0%9F%92%A9',
];

/** Harvested ids: by the list or key they were found under, and all of them. */
class IdPool {
  readonly byKey = new Map<string, Set<string>>();
  readonly all = new Set<string>();
  add(key: string, id: string): void {
    if (id.length > 200) return;
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(id);
    this.all.add(id);
  }
  harvest(value: unknown, key: string, depth = 0): void {
    if (depth > 12 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value.slice(0, 50)) this.harvest(v, key, depth + 1);
      return;
    }
    const o = value as Record<string, unknown>;
    if (typeof o['id'] === 'string') this.add(key, o['id']);
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string' && /Id$/.test(k)) this.add(k, v);
      else this.harvest(v, k, depth + 1);
    }
  }
  pick(rng: Random, keys: readonly string[]): string | undefined {
    for (const k of keys) {
      const set = this.byKey.get(k);
      if (set && set.size > 0) return rng.pick([...set]);
    }
    return this.all.size > 0 ? rng.pick([...this.all]) : undefined;
  }
}

/** The keys a path parameter's ids are looked for under: the segment before it, then its name. */
function keysFor(path: string, param: string): string[] {
  const segs = path.split('/');
  const i = segs.indexOf(`{${param}}`);
  const before = i > 0 ? segs[i - 1]! : '';
  const keys = [before, param];
  if (before === 'correction') keys.unshift('files');
  if (before === 'users') keys.unshift('users');
  return keys;
}

/** The static segment a GET's answer is filed under. */
function listKey(url: string): string {
  const segs = url
    .split('?')[0]!
    .split('/')
    .filter((s) => s && !/^[0-9a-f-]{36}$/.test(s));
  return segs.at(-1) ?? '';
}

/** The stable code of an error answer that has the catalogue's shape (JSON, or a refusal page). */
function errorCodeOf(a: Answer): string {
  const page = /data-code="([A-Z][A-Z0-9_]+)"/.exec(a.body);
  if (String(a.headers['content-type'] ?? '').startsWith('text/html') && page) return page[1]!;
  return (JSON.parse(a.body) as { error: { code: string } }).error.code;
}

function errorShapeProblem(a: Answer): string | undefined {
  // A browser navigation's refusal (single sign-on) is a page naming its stable code, by design.
  const type = String(a.headers['content-type'] ?? '');
  if (type.startsWith('text/html')) {
    return /data-code="[A-Z][A-Z0-9_]+"/.test(a.body)
      ? undefined
      : 'an error page without its code';
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(a.body);
  } catch {
    return 'the error answer is not JSON';
  }
  const e = (parsed as { error?: { code?: unknown; message?: { zh?: unknown; en?: unknown } } })
    .error;
  if (!e || typeof e !== 'object') return 'no error object';
  if (typeof e.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(e.code)) return 'no stable code';
  const m = e.message;
  if (!m || typeof m.zh !== 'string' || !m.zh || typeof m.en !== 'string' || !m.en) {
    return 'no message in zh and en';
  }
  if (/\n\s+at [^\n]+:\d+:\d+/.test(a.body)) return 'a stack trace in the answer';
  return undefined;
}

function stringPaths(v: unknown, at: string[] = [], out: string[][] = []): string[][] {
  if (typeof v === 'string') out.push(at);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) stringPaths(x, [...at, k], out);
  }
  return out;
}

function setAt(root: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = Array.isArray(root) ? [...root] : { ...(root as Record<string, unknown>) };
  const [k, ...rest] = path;
  (copy as Record<string, unknown>)[k!] = setAt((root as Record<string, unknown>)[k!], rest, value);
  return copy;
}

/** Runs the fuzz; never throws for what the server answers (that goes in the report). */
export async function fuzzApi(opts: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const rng = new Random(opts.seed);
  const { send } = opts;
  const docAnswer = await send({ method: 'GET', url: '/api/openapi.json' });
  if (docAnswer.status !== 200) throw new Error(`GET /api/openapi.json: HTTP ${docAnswer.status}`);
  const doc = JSON.parse(docAnswer.body) as OpenApiDoc;
  const skip = new Set(opts.skip ?? []);
  const ops = operationsOf(doc).filter((o) => !skip.has(`${o.method} ${o.path}`));
  const components = doc.components?.schemas ?? {};

  const sessions = new Map<string, Session>();
  const userIds = new Set<string>();
  const signInUser = async (u: FuzzUser) => {
    const address = opts.address?.();
    const s = await signIn(send, u.username, u.password, address, opts.now);
    sessions.set(u.role, s);
    return s;
  };
  for (const u of opts.users) {
    const s = await signInUser(u);
    const me = await as(send, s)({ method: 'GET', url: '/api/auth/me' });
    const id = (JSON.parse(me.body) as { user?: { id?: string }; id?: string }).user?.id;
    if (id) userIds.add(id);
  }

  const ids = new IdPool();
  const byStatus: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const findings: Finding[] = [];
  const codes = new Set<string>();
  let serverErrors = 0;
  let requests = 0;

  const record = (kind: string, role: string, req: RawRequest, a: Answer) => {
    requests += 1;
    byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    let problem: string | undefined;
    if (a.status >= 500) {
      serverErrors += 1;
      problem = `HTTP ${a.status}`;
    } else if (a.status >= 400) {
      problem = errorShapeProblem(a);
      if (!problem) codes.add(errorCodeOf(a));
    }
    if (problem && findings.length < 50) {
      const body = req.body === undefined ? '' : String(req.body).slice(0, 200);
      findings.push({
        kind,
        role,
        request: `${req.method} ${req.url.slice(0, 200)} ${req.headers?.['content-type'] ?? ''} ${body}`,
        status: a.status,
        problem,
        body: a.body.slice(0, 400),
      });
    }
  };

  /** Sends as `role`, signing in again once if the session was ended (e.g. by a fuzzed logout). */
  const sendAs = async (role: string, req: RawRequest, csrf = true): Promise<Answer> => {
    let a = await as(send, sessions.get(role)!, { csrf })(req);
    if (a.status === 401) {
      const u = opts.users.find((x) => x.role === role)!;
      try {
        await signInUser(u);
        a = await as(send, sessions.get(role)!, { csrf })(req);
      } catch {
        // the account was changed by the fuzz itself: keep the 401
      }
    }
    return a;
  };

  // Discovery: every GET without path parameters, as every role; then the cases found.
  for (const u of opts.users) {
    for (const op of ops.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      const req = { method: 'GET', url: op.path };
      const a = await sendAs(u.role, req);
      record('plausible', u.role, req, a);
      if (a.status === 200 && /json/.test(String(a.headers['content-type']))) {
        try {
          ids.harvest(JSON.parse(a.body), listKey(op.path));
        } catch {
          // not JSON after all
        }
      }
    }
  }
  for (const id of [...(ids.byKey.get('cases') ?? [])].slice(0, 8)) {
    const req = { method: 'GET', url: `/api/cases/${id}` };
    for (const u of opts.users) {
      const a = await sendAs(u.role, req);
      record('plausible', u.role, req, a);
      if (a.status === 200) ids.harvest(JSON.parse(a.body), 'cases');
    }
  }
  for (const id of userIds) {
    for (const set of ids.byKey.values()) set.delete(id);
    ids.all.delete(id);
  }

  const source = (): ValueSource => ({
    rng,
    components,
    id: (name) => ids.pick(rng, [name.replace(/Ids?$/, 's'), name]),
  });

  const buildUrl = (op: Operation, hostileIds: boolean, query: boolean): string => {
    let url = op.path;
    for (const p of op.params.filter((x) => x.in === 'path')) {
      let v: string;
      if (hostileIds) v = rng.pick(BAD_IDS);
      else if (p.schema?.enum) v = String(rng.pick(p.schema.enum));
      else v = encodeURIComponent(ids.pick(rng, keysFor(op.path, p.name)) ?? 'x');
      url = url.replace(`{${p.name}}`, v);
    }
    const qs: string[] = [];
    for (const p of op.params.filter((x) => x.in === 'query')) {
      if (query) {
        if (rng.chance(0.6)) {
          qs.push(
            `${p.name}=${rng.pick(['%FF', '-1', 'abc', '1e309', '', '%00', 'a'.repeat(3000), '[]', '%E4'])}`,
          );
        }
      } else if (p.required || rng.chance(0.3)) {
        qs.push(
          `${p.name}=${encodeURIComponent(String(valueFor(p.schema ?? {}, source(), p.name)))}`,
        );
      }
    }
    if (query && rng.chance(0.3)) qs.push('__proto__[x]=1&constructor=1&limit=1&limit=2');
    return qs.length > 0 ? `${url}?${qs.join('&')}` : url;
  };

  for (let i = 0; i < opts.requests; i++) {
    const op = ops[i % ops.length]!;
    const user = rng.pick(opts.users);
    const kind: RequestKind = rng.chance(0.35) ? 'plausible' : rng.pick(HOSTILE_KINDS);
    const plausible = op.body ? valueFor(op.body, source()) : undefined;
    let method = op.method;
    let url = buildUrl(op, kind === 'badId', kind === 'badQuery');
    let headers: Record<string, string> = {};
    let body: string | Buffer | undefined;
    let csrf = true;
    const jsonBody = (v: unknown) => {
      headers = { 'content-type': 'application/json' };
      body = JSON.stringify(v);
    };
    if (method !== 'GET') jsonBody(plausible ?? {});
    const strings = stringPaths(plausible);
    const keys = plausible && typeof plausible === 'object' ? Object.keys(plausible) : [];
    switch (kind) {
      case 'wrongType':
        if (keys.length > 0) {
          const k = rng.pick(keys);
          jsonBody({
            ...(plausible as object),
            [k]: rng.pick([42, 'text', true, null, [], {}, [[1]], -1e308]),
          });
        } else jsonBody(rng.pick([[], 'text', 7, null]));
        break;
      case 'hugeString': {
        const big = rng.pick(['x', '中', '😀']).repeat(rng.pick([10_000, 300_000, 1_100_000]));
        jsonBody(strings.length > 0 ? setAt(plausible, rng.pick(strings), big) : { big });
        break;
      }
      case 'unicode':
        jsonBody(
          strings.length > 0
            ? setAt(plausible, rng.pick(strings), rng.pick(UNICODE_EDGES))
            : { u: rng.pick(UNICODE_EDGES) },
        );
        url += (url.includes('?') ? '&' : '?') + `q=${encodeURIComponent(rng.pick(UNICODE_EDGES))}`;
        break;
      case 'missingField':
        if (keys.length > 0) {
          const k = rng.pick(keys);
          const { [k]: _gone, ...rest } = plausible as Record<string, unknown>;
          jsonBody(rest);
        } else jsonBody({});
        break;
      case 'extraField':
        body = JSON.stringify({ ...(plausible as object), extra: 1, isAdmin: true }).replace(
          /^\{/,
          '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},',
        );
        headers = { 'content-type': 'application/json' };
        break;
      case 'nul':
        jsonBody(
          strings.length > 0 ? setAt(plausible, rng.pick(strings), 'a\u0000b') : { n: '\u0000' },
        );
        if (rng.chance(0.5)) url += (url.includes('?') ? '&' : '?') + 'q=%00';
        break;
      case 'loneSurrogate': {
        const text = JSON.stringify(
          strings.length > 0 ? setAt(plausible, rng.pick(strings), 'SURR') : { s: 'SURR' },
        );
        body = text.replace('SURR', rng.pick(['\\ud800', '\\udfff', 'a\\ud83dz']));
        headers = { 'content-type': 'application/json' };
        break;
      }
      case 'invalidUtf8':
        headers = { 'content-type': 'application/json' };
        body = Buffer.concat([
          Buffer.from('{"title":"'),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
          Buffer.from('"}'),
        ]);
        break;
      case 'deepNesting': {
        const depth = rng.pick([200, 5_000, 100_000]);
        headers = { 'content-type': 'application/json' };
        body =
          keys.length > 0
            ? JSON.stringify(plausible).replace(
                /^\{/,
                `{"deep":${'['.repeat(depth)}${']'.repeat(depth)},`,
              )
            : '['.repeat(depth) + ']'.repeat(depth);
        break;
      }
      case 'contentType':
        headers = {
          'content-type': rng
            .pick([
              'text/plain',
              'application/x-www-form-urlencoded',
              'multipart/form-data',
              'application/json; charset=latin1',
              'application/xml',
              '',
              'application/json\u0000',
            ])
            .replace('\u0000', ''),
        };
        if (headers['content-type'] === '') headers = {};
        body = body ?? 'a=1';
        break;
      case 'badJson':
        headers = { 'content-type': 'application/json' };
        body = rng.pick([
          '{"a":',
          '{"a":}',
          'null',
          '[]',
          '1e999999',
          '"str"',
          '{"a":1,"a":2}',
          '\uFEFF{}',
          '',
          '{,}',
        ]);
        break;
      case 'noCsrf':
        csrf = false;
        break;
      case 'wrongMethod':
        method = rng.pick([
          'PUT',
          'DELETE',
          'PATCH',
          'OPTIONS',
          op.method === 'GET' ? 'POST' : 'GET',
        ]);
        break;
      default:
        break;
    }
    if (method === 'GET' && kind !== 'wrongMethod' && kind !== 'contentType') body = undefined;
    if (body === undefined) {
      const { 'content-type': _ct, ...rest } = headers;
      headers = rest;
    }
    const req: RawRequest = { method, url, headers, ...(body !== undefined ? { body } : {}) };
    const a = await sendAs(user.role, req, csrf);
    record(kind, user.role, req, a);
    if (a.status >= 200 && a.status < 300 && /json/.test(String(a.headers['content-type']))) {
      try {
        ids.harvest(JSON.parse(a.body), listKey(op.path));
      } catch {
        // not JSON
      }
    }
  }
  return {
    operations: ops.length,
    requests,
    byStatus,
    byKind,
    serverErrors,
    findings,
    errorCodes: [...codes].sort(),
    ms: Math.round(performance.now() - started),
  };
}
