/**
 * Identity platforms for the single sign-on tests, real HTTP servers on random local ports:
 *
 * - `startOidcProvider`: an OpenID provider (`oidc-provider`, its development interactions: any
 *   login name signs in as that subject) with one confidential client;
 * - `startCasServer`: a small CAS server answering /login (issuing a one-time ticket for the
 *   user the test names) and /serviceValidate and /p3/serviceValidate as the CAS protocol says.
 *
 * `Browser` is a cookie jar that follows a platform's redirects by hand, as a browser would.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { createUser, loadActor } from '../../app/org.js';
import { TEST_PASSWORD, type World } from '../../app/testing/world.js';
import type { Actor } from '../../domain/roles.js';

/** A security administrator (安全管理员) of the world's province: who links identities. */
export async function securityAdminOf(w: World): Promise<Actor> {
  const id = await createUser(w.ctx, {
    username: `secadmin-${randomBytes(4).toString('hex')}`,
    displayName: '安全管理员',
    password: TEST_PASSWORD,
    grants: [{ role: 'security_admin', scopeKind: 'jurisdiction', scopeId: w.ids.province }],
  });
  return loadActor(w.ctx, id);
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  let current = handler;
  const server = createServer((req, res) => current(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    base: `http://127.0.0.1:${port}`,
    setHandler: (h: typeof handler) => (current = h),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface TestOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  close(): Promise<void>;
}

/** An OpenID provider; `people` gives each subject's claims (name, preferred_username). */
export async function startOidcProvider(o: {
  redirectUri: string;
  people: Record<string, Record<string, string>>;
}): Promise<TestOidcProvider> {
  const http = await listen((_req, res) => res.end());
  const clientId = 'rongcuo-test';
  const clientSecret = randomBytes(24).toString('base64url');
  // The provider's notes on its development defaults (keys, interactions, lifetimes) say nothing
  // about the test: they are kept out of the test output.
  const { log, info, warn } = console;
  const quiet = (line: unknown) => typeof line === 'string' && line.startsWith('oidc-provider ');
  console.log = (...a: unknown[]) => void (quiet(a[0]) || log(...a));
  console.info = (...a: unknown[]) => void (quiet(a[0]) || info(...a));
  console.warn = (...a: unknown[]) => void (quiet(a[0]) || warn(...a));
  const provider = new Provider(http.base, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [o.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, ...(o.people[sub] ?? {}) }),
    }),
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(16).toString('hex')] },
  });
  http.setHandler(provider.callback());
  const close = async () => {
    Object.assign(console, { log, info, warn });
    await closeServer(http.server);
  };
  return { issuer: http.base, clientId, clientSecret, close };
}

export interface TestCasServer {
  readonly base: string;
  /** The tickets validated, with the service each was validated for. */
  readonly validations: { ticket: string; service: string; path: string }[];
  /** Who signs in at /login next (the platform's own sign-in, not under test). */
  signInAs(user: string, attributes?: Record<string, string>): void;
  close(): Promise<void>;
}

/** A CAS server: one-time tickets bound to the service they were issued for (CAS 2.0/3.0). */
export async function startCasServer(): Promise<TestCasServer> {
  const tickets = new Map<
    string,
    { service: string; user: string; attrs: Record<string, string> }
  >();
  const validations: TestCasServer['validations'] = [];
  let who = { user: '', attrs: {} as Record<string, string> };
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const http = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://cas.test');
    const service = url.searchParams.get('service') ?? '';
    if (url.pathname === '/cas/login') {
      const ticket = `ST-${randomBytes(12).toString('hex')}`;
      tickets.set(ticket, { service, user: who.user, attrs: who.attrs });
      const back = new URL(service);
      back.searchParams.set('ticket', ticket);
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (url.pathname === '/cas/serviceValidate' || url.pathname === '/cas/p3/serviceValidate') {
      const ticket = url.searchParams.get('ticket') ?? '';
      validations.push({ ticket, service, path: url.pathname });
      const t = tickets.get(ticket);
      tickets.delete(ticket); // a ticket is used once
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
      if (!t || t.service !== service) {
        const code = t ? 'INVALID_SERVICE' : 'INVALID_TICKET';
        res.end(
          `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">\n  <cas:authenticationFailure code="${code}">Ticket ${esc(ticket)} not recognized</cas:authenticationFailure>\n</cas:serviceResponse>`,
        );
        return;
      }
      const attrs =
        url.pathname === '/cas/p3/serviceValidate'
          ? `\n    <cas:attributes>\n${Object.entries(t.attrs)
              .map(([k, v]) => `      <cas:${k}>${esc(v)}</cas:${k}>`)
              .join('\n')}\n    </cas:attributes>`
          : '';
      res.end(
        `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">\n  <cas:authenticationSuccess>\n    <cas:user>${esc(t.user)}</cas:user>${attrs}\n  </cas:authenticationSuccess>\n</cas:serviceResponse>`,
      );
      return;
    }
    res.writeHead(404).end();
  });
  return {
    base: `${http.base}/cas`,
    validations,
    signInAs: (user, attrs = {}) => (who = { user, attrs }),
    close: () => closeServer(http.server),
  };
}

/** A cookie jar that follows redirects by hand, as a browser does. */
export class Browser {
  readonly cookies = new Map<string, string>();

  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.header() },
    });
    this.keep(res);
    return res;
  }

  /**
   * Follows the platform's redirects from `url` until one leaves for `until` (returned), signing
   * in at the OpenID provider's development interactions as `login` when it asks.
   */
  async follow(url: string, until: string, login: string): Promise<string> {
    let next = url;
    for (let i = 0; i < 20; i++) {
      if (next.startsWith(until)) return next;
      const res = await this.request(next);
      const location = res.headers.get('location');
      if (location) {
        next = new URL(location, next).href;
        continue;
      }
      const page = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
      if (!action || !prompt) throw new Error(`no redirect and no form at ${next}: ${res.status}`);
      const form = new URLSearchParams({ prompt, login, password: 'any' });
      const posted = await this.request(new URL(action, next).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      const to = posted.headers.get('location');
      if (!to) throw new Error(`the ${prompt} form answered ${posted.status} without a redirect`);
      next = new URL(to, next).href;
    }
    throw new Error('too many redirects');
  }
}
