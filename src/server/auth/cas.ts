/**
 * CAS ticket sign-in (CAS protocol 2.0 and 3.0, as provincial unified identity platforms speak
 * it): the browser is sent to `<casBase>/login?service=<service URL>`; the platform sends it back
 * to the service URL with a one-time `ticket`; the server validates the ticket at
 * `<casBase>/p3/serviceValidate` (CAS 3.0) or `<casBase>/serviceValidate` (CAS 2.0), over its own
 * connection, and reads `cas:authenticationSuccess` — the user and the attributes.
 *
 * CAS has no state parameter, so the service URL carries one (`?state=…`) that the browser's flow
 * cookie must match: a ticket obtained by someone else cannot sign this browser in (login CSRF).
 * The platform validates the ticket for exactly the service it was issued for, state included.
 */
import type { Settings } from '../../config/index.js';
import { AppError } from '../../app/errors.js';
import type { ExternalIdentity } from './oidc.js';

type SsoSettings = Settings['sso'];

export function casConfigured(s: SsoSettings): boolean {
  return Boolean(s.casBaseUrl && s.casServiceUrl);
}

/** The service URL of one sign-in: the configured one with the sign-in's state. */
export function casService(s: SsoSettings, state: string): string {
  if (!casConfigured(s)) throw new AppError('SSO_NOT_CONFIGURED', { method: 'cas' });
  const url = new URL(s.casServiceUrl!);
  url.searchParams.set('state', state);
  return url.href;
}

function base(s: SsoSettings): string {
  return s.casBaseUrl!.replace(/\/+$/, '');
}

/** Where the browser goes to sign in at the platform. */
export function casLoginUrl(s: SsoSettings, state: string): string {
  const service = casService(s, state); // SSO_NOT_CONFIGURED first, before the base is read
  return `${base(s)}/login?service=${encodeURIComponent(service)}`;
}

/** Validates a ticket at the platform; throws SSO_TICKET_INVALID or SSO_PROVIDER_ERROR. */
export async function validateTicket(
  s: SsoSettings,
  ticket: string,
  state: string,
): Promise<ExternalIdentity> {
  const path = s.casProtocol === 'cas3' ? '/p3/serviceValidate' : '/serviceValidate';
  const url = `${base(s)}${path}?service=${encodeURIComponent(casService(s, state))}&ticket=${encodeURIComponent(ticket)}`;
  let body: string;
  try {
    const res = await fetch(url, {
      headers: { accept: 'application/xml, text/xml' },
      signal: AbortSignal.timeout(10_000),
      redirect: 'error',
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.text();
  } catch (e) {
    throw new AppError('SSO_PROVIDER_ERROR', {
      step: 'serviceValidate',
      cause: e instanceof Error ? e.message.slice(0, 300) : String(e).slice(0, 300),
    });
  }
  const answer = parseServiceResponse(body);
  if (answer.kind === 'failure') {
    throw new AppError('SSO_TICKET_INVALID', { code: answer.code, cause: answer.message });
  }
  if (answer.kind === 'unreadable') {
    throw new AppError('SSO_PROVIDER_ERROR', { step: 'serviceValidate', cause: 'unreadable' });
  }
  const nameAttr = s.casNameAttribute ?? 'name';
  const claims: Record<string, unknown> = { ...answer.attributes, user: answer.user };
  const name = answer.attributes[nameAttr];
  return {
    subject: answer.user,
    displayName: typeof name === 'string' && name !== '' ? name : null,
    claims,
  };
}

export type ServiceResponse =
  | { kind: 'success'; user: string; attributes: Record<string, string | string[]> }
  | { kind: 'failure'; code: string; message: string }
  | { kind: 'unreadable' };

/**
 * Reads a CAS `serviceResponse` (XML). The format is small and fixed, so a strict reader of it is
 * written here rather than a general XML parser: elements in the CAS namespace under any prefix
 * (usually `cas:`), text with the five XML entities, numeric references and CDATA. A document type
 * declaration is refused (no entity tricks). A repeated attribute becomes a list.
 */
export function parseServiceResponse(xml: string): ServiceResponse {
  if (/<!DOCTYPE/i.test(xml)) return { kind: 'unreadable' };
  const prefix = /<(?:([A-Za-z_][\w.-]*):)?serviceResponse\b/.exec(xml);
  if (!prefix) return { kind: 'unreadable' };
  const p = prefix[1] ? `${prefix[1]}:` : '';
  const element = (name: string, within: string) =>
    new RegExp(`<${p}${name}\\b([^>]*)>([\\s\\S]*?)</${p}${name}\\s*>`).exec(within);

  const failure = element('authenticationFailure', xml);
  if (failure) {
    const code = /\bcode\s*=\s*"([^"]*)"/.exec(failure[1] ?? '')?.[1] ?? '';
    return {
      kind: 'failure',
      code: code.slice(0, 64),
      message: text(failure[2] ?? '').slice(0, 300),
    };
  }
  const success = element('authenticationSuccess', xml);
  if (!success) return { kind: 'unreadable' };
  const user = text(element('user', success[2] ?? '')?.[2] ?? '');
  if (user === '') return { kind: 'unreadable' };
  const attributes: Record<string, string | string[]> = {};
  const attrs = element('attributes', success[2] ?? '');
  if (attrs) {
    const each = new RegExp(`<${p}([A-Za-z_][\\w.-]*)\\b[^>]*>([\\s\\S]*?)</${p}\\1\\s*>`, 'g');
    for (const m of (attrs[2] ?? '').matchAll(each)) {
      const key = m[1]!;
      const value = text(m[2] ?? '');
      const had = attributes[key];
      attributes[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
    }
  }
  return { kind: 'success', user, attributes };
}

/** An element's text: CDATA kept as is, entities and character references decoded, trimmed. */
function text(raw: string): string {
  const parts = raw.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/);
  return parts
    .map((part) =>
      part.startsWith('<![CDATA[')
        ? part.slice(9, -3)
        : part
            .replace(/<[^>]*>/g, '')
            .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
              if (e.startsWith('#')) {
                const n = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
                return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
              }
              return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] ?? '';
            }),
    )
    .join('')
    .trim();
}
