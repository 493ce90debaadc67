/**
 * HTTP test helpers: a world (src/app/testing/world.ts) with a server over it, and signed-in
 * clients that call it in-process with `app.inject()` (no network).
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Store } from '../../store/index.js';
import type { Schema } from '../../app/tables.js';
import { buildWorld, TEST_PASSWORD, type World } from '../../app/testing/world.js';
import { buildServer, type ServerOptions } from '../server.js';
import { eq } from 'drizzle-orm';
import { totpSecrets } from '../../app/two-factors/tables.js';
import { codeAt } from '../../app/two-factors/totp.js';
import { openSecret, SECRET_COLUMNS } from '../../app/two-factors/secret-store.js';

export interface HttpWorld extends World {
  readonly app: FastifyInstance;
}

export async function buildHttpWorld(
  store: Store<Schema>,
  opts: ServerOptions = {},
  day?: string,
): Promise<HttpWorld> {
  const w = await buildWorld(store, day);
  // Every answer of every server test is checked against its response schema (response-check.ts).
  const app = await buildServer(w.ctx, { checkResponses: true, ...opts });
  await app.ready();
  return { ...w, app };
}

let ipCounter = 0;
/** A fresh client address, so that the sign-in rate limit of one test does not touch another. */
export function freshIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

/** The value of a Set-Cookie for `name` ('' when cleared), with its attributes. */
export function setCookie(res: LightMyRequestResponse, name: string) {
  const all = res.headers['set-cookie'];
  const list = all === undefined ? [] : Array.isArray(all) ? all : [all];
  const line = list.filter((l) => l.startsWith(`${name}=`)).at(-1);
  if (!line) return undefined;
  const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
  return {
    value: decodeURIComponent(pair.slice(name.length + 1)),
    attrs: attrs.map((a) => a.toLowerCase()),
  };
}

export interface Client {
  readonly username: string;
  readonly cookie: string;
  readonly csrfToken: string;
  /** GET with the session cookie. */
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** POST with the session cookie and the CSRF token. */
  post(
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/**
 * When sign-in asks for a second factor (administrators always: src/app/two-factors/), answers it
 * as the user's app would: sets it up on first sign-in, else sends the code of the test clock's
 * step. The test clock stands still, so a code of a step already used would be refused as
 * replayed: the helper forgets the last accepted step first (tests of replay use the routes).
 */
export async function passSecondFactor(
  w: HttpWorld,
  userId: string,
  res: LightMyRequestResponse,
): Promise<LightMyRequestResponse> {
  const body = res.json() as { secondFactor?: 'totp' | 'enrol'; ticket?: string };
  if (!body.secondFactor || !body.ticket) return res;
  return answerSecondStep(w, userId, { secondFactor: body.secondFactor, ticket: body.ticket });
}

/**
 * Answers a second step (from a sign-in's answer, or a single sign-on's fragment) as
 * passSecondFactor does; the answer that opened the session.
 */
export async function answerSecondStep(
  w: HttpWorld,
  userId: string,
  body: { readonly secondFactor: 'totp' | 'enrol'; readonly ticket: string },
): Promise<LightMyRequestResponse> {
  const send = (url: string, payload: object) =>
    w.app.inject({ method: 'POST', url, remoteAddress: freshIp(), payload });
  let secret: string;
  if (body.secondFactor === 'enrol') {
    const e = await send('/api/auth/enrolment', { ticket: body.ticket });
    if (e.statusCode !== 200) throw new Error(`enrolment failed: ${e.body}`);
    secret = (e.json() as { secret: string }).secret;
    const code = codeAt(secret, w.clock.now());
    const done = await send('/api/auth/enrolment/confirm', { ticket: body.ticket, code });
    if (done.statusCode !== 200) throw new Error(`enrolment failed: ${done.body}`);
    return done;
  }
  const [row] = await w.ctx.store.db
    .update(totpSecrets)
    .set({ lastStep: 0 })
    .where(eq(totpSecrets.userId, userId))
    .returning(SECRET_COLUMNS);
  secret = openSecret(w.ctx, userId, row!);
  const code = codeAt(secret, w.clock.now());
  const done = await send('/api/auth/second-factor', { ticket: body.ticket, code });
  if (done.statusCode !== 200) throw new Error(`second factor failed: ${done.body}`);
  return done;
}

/** Signs a world user in (by actor name) and returns a client holding their session. */
export async function signIn(w: HttpWorld, name: string): Promise<Client> {
  const actor = w.actors[name];
  if (!actor) throw new Error(`no actor ${name} in the test world`);
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: freshIp(),
    payload: { username: actor.username, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${name} failed: ${res.body}`);
  const opened = await passSecondFactor(w, actor.userId, res);
  const cookie = setCookie(opened, 'rongcuo_session')!.value;
  const csrfToken = (opened.json() as { csrfToken: string }).csrfToken;
  const send = (opts: InjectOptions) => w.app.inject(opts);
  return {
    username: actor.username,
    cookie,
    csrfToken,
    get: (url, headers = {}) =>
      send({ method: 'GET', url, cookies: { rongcuo_session: cookie }, headers }),
    post: (url, body = {}, headers = {}) =>
      send({
        method: 'POST',
        url,
        cookies: { rongcuo_session: cookie },
        headers: { 'x-csrf-token': csrfToken, ...headers },
        payload: body as InjectOptions['payload'],
      }),
  };
}
