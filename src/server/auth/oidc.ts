/**
 * OpenID Connect with `openid-client`: the authorization code flow with PKCE (S256), state and
 * nonce. The provider is discovered from its issuer (/.well-known/openid-configuration) when a
 * sign-in starts, and the answer is kept for ten minutes per process. The identity is the ID
 * token's claims, completed from the userinfo endpoint when the configured subject or name claim
 * is not in the ID token (many providers put only `sub` there).
 */
import * as client from 'openid-client';
import type { Settings } from '../../config/index.js';
import { AppError } from '../../app/errors.js';

type SsoSettings = Settings['sso'];

/** What a sign-in started with, kept in the browser's flow cookie until the callback. */
export interface OidcPending {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
}

/** The identity the provider vouched for. */
export interface ExternalIdentity {
  readonly subject: string;
  readonly displayName: string | null;
  /** Every claim (ID token and userinfo), for the automatic link by a claim. */
  readonly claims: Readonly<Record<string, unknown>>;
}

const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const cache = new Map<string, { config: client.Configuration; at: number }>();

/** Whether the settings name a provider, a client and a redirect URL. */
export function oidcConfigured(s: SsoSettings): boolean {
  return Boolean(s.oidcIssuer && s.oidcClientId && s.oidcRedirectUrl);
}

function notConfigured(): AppError {
  return new AppError('SSO_NOT_CONFIGURED', { method: 'oidc' });
}

/** The provider's configuration, discovered (or from the ten-minute cache). */
async function configuration(s: SsoSettings): Promise<client.Configuration> {
  if (!oidcConfigured(s)) throw notConfigured();
  const key = `${s.oidcIssuer}\n${s.oidcClientId}\n${s.oidcAllowHttp}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const secret = s.oidcClientSecret;
  try {
    const config = await client.discovery(
      new URL(s.oidcIssuer!),
      s.oidcClientId!,
      secret ?? undefined,
      secret ? client.ClientSecretBasic(secret) : client.None(),
      {
        timeout: 10,
        ...(s.oidcAllowHttp ? { execute: [client.allowInsecureRequests] } : {}),
      },
    );
    cache.set(key, { config, at: Date.now() });
    return config;
  } catch (e) {
    throw new AppError('SSO_PROVIDER_ERROR', { step: 'discovery', cause: describe(e) });
  }
}

/** The provider's authorization URL for a new sign-in, and what the callback must check. */
export async function startOidc(s: SsoSettings): Promise<{ url: URL; pending: OidcPending }> {
  const config = await configuration(s);
  const verifier = client.randomPKCECodeVerifier();
  const pending: OidcPending = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier,
  };
  const scopes = s.oidcScopes.includes('openid') ? s.oidcScopes : ['openid', ...s.oidcScopes];
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: s.oidcRedirectUrl!,
    scope: scopes.join(' '),
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url, pending };
}

/**
 * The callback: exchanges the code (checking state, nonce, PKCE and the ID token's signature,
 * issuer, audience and times) and reads the identity. `query` is the callback's raw query string.
 */
export async function finishOidc(
  s: SsoSettings,
  query: string,
  pending: OidcPending,
): Promise<ExternalIdentity> {
  const config = await configuration(s);
  const current = new URL(s.oidcRedirectUrl!);
  current.search = query;
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    claims = { ...idClaims };
    const wanted = [s.oidcSubjectClaim ?? 'sub', s.oidcNameClaim ?? 'name'];
    if (wanted.some((c) => !(c in claims)) && config.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...claims };
    }
  } catch (e) {
    throw new AppError('SSO_PROVIDER_ERROR', { step: 'token', cause: describe(e) });
  }
  const subject = claimText(claims[s.oidcSubjectClaim ?? 'sub']);
  if (!subject) {
    throw new AppError('SSO_PROVIDER_ERROR', {
      step: 'claims',
      cause: `the claim ${s.oidcSubjectClaim ?? 'sub'} is missing`,
    });
  }
  return { subject, displayName: claimText(claims[s.oidcNameClaim ?? 'name']), claims };
}

/** A claim as text: a string or a number; anything else is absent. */
export function claimText(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** A short description of a library error for the details (the server log), never a stack. */
function describe(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return `${typeof code === 'string' ? `${code}: ` : ''}${e.message}`.slice(0, 300);
  }
  return String(e).slice(0, 300);
}
