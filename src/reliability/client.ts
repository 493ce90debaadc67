/**
 * How the harness talks to a server: one `Send` function, in-process (`app.inject`, no network)
 * or over HTTP to a server in another process, and the one sign-in helper every part uses.
 */
import { codeAt } from '../app/two-factors/totp.js';
import type { FastifyInstance } from 'fastify';
import { Agent, request } from 'node:http';

export interface RawRequest {
  readonly method: string;
  /** Path and query, e.g. /api/cases?limit=5. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** In-process only: the client address the server sees (the sign-in rate limit counts it). */
  readonly remoteAddress?: string;
}

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
}

export type Send = (req: RawRequest) => Promise<Answer>;

/** Requests answered by `app.inject` (in-process). */
export function injectSender(app: FastifyInstance): Send {
  return async (req) => {
    const res = await app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers: { ...req.headers },
      ...(req.body !== undefined ? { payload: req.body } : {}),
      ...(req.remoteAddress ? { remoteAddress: req.remoteAddress } : {}),
    });
    return { status: res.statusCode, body: res.body, headers: res.headers };
  };
}

/** Requests over HTTP to `base` (e.g. http://127.0.0.1:8080) on keep-alive connections. */
export function httpSender(base: string, sockets = 16): Send & { agent: Agent } {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const send: Send = (req) =>
    new Promise((resolve, reject) => {
      const body = req.body === undefined ? undefined : Buffer.from(req.body);
      const r = request(
        base + req.url,
        {
          agent,
          method: req.method,
          headers: {
            ...(body ? { 'content-length': String(body.length) } : {}),
            ...req.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          );
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      if (body) r.write(body);
      r.end();
    });
  return Object.assign(send, { agent });
}

export interface Session {
  readonly username: string;
  readonly cookie: string;
  readonly csrfToken: string;
}

/**
 * Signs `username` in as the browser does (session cookie and CSRF token). The one place the
 * harness signs in: a second factor or a forced password change would be handled here.
 */
export async function signIn(
  send: Send,
  username: string,
  password: string,
  remoteAddress?: string,
  /** The server's clock, for an administrator's first one-time code (enrolment). */
  now: () => Date = () => new Date(),
): Promise<Session> {
  let res = await send({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  if (res.status !== 200) {
    throw new Error(`sign-in of ${username} failed: HTTP ${res.status} ${res.body.slice(0, 300)}`);
  }
  const first = JSON.parse(res.body) as { secondFactor?: string; ticket?: string };
  if (first.secondFactor === 'enrol') res = await enrol(send, first.ticket!, now, remoteAddress);
  else if (first.secondFactor) {
    throw new Error(`sign-in of ${username}: a one-time code is needed (already enrolled)`);
  }
  const cookie = cookieValue(
    res.headers['set-cookie'] as string | string[] | undefined,
    'rongcuo_session',
  );
  if (!cookie) throw new Error(`sign-in of ${username}: no session cookie`);
  const { csrfToken } = JSON.parse(res.body) as { csrfToken: string };
  return { username, cookie, csrfToken };
}

/** An administrator's first sign-in: sets up one-time codes and answers with the session. */
async function enrol(send: Send, ticket: string, now: () => Date, remoteAddress?: string) {
  const post = (url: string, body: object) =>
    send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...(remoteAddress ? { remoteAddress } : {}),
    });
  const begun = await post('/api/auth/enrolment', { ticket });
  const { secret } = JSON.parse(begun.body) as { secret: string };
  const done = await post('/api/auth/enrolment/confirm', { ticket, code: codeAt(secret, now()) });
  if (done.status !== 200) throw new Error(`enrolment failed: HTTP ${done.status} ${done.body}`);
  return done;
}

function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const line = lines.filter((l) => l.startsWith(`${name}=`)).at(-1);
  return line?.split(';')[0]?.slice(name.length + 1);
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `send` as `session`: its cookie on every request, its CSRF token on every unsafe one. */
export function as(send: Send, session: Session, options: { csrf?: boolean } = {}): Send {
  return (req) =>
    send({
      ...req,
      headers: {
        cookie: `rongcuo_session=${session.cookie}`,
        ...(!SAFE.has(req.method) && options.csrf !== false
          ? { 'x-csrf-token': session.csrfToken }
          : {}),
        ...req.headers,
      },
    });
}

/** A JSON request's parts. */
export function json(method: string, url: string, body?: unknown): RawRequest {
  return body === undefined
    ? { method, url }
    : {
        method,
        url,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      };
}
