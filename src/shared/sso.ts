/** Single sign-on: the kinds of identity platform an external identity comes from. */
import type { I18nText } from '../policy/model.js';

export const SSO_PROVIDERS = ['oidc', 'cas'] as const;
export type SsoProvider = (typeof SSO_PROVIDERS)[number];

export const SSO_PROVIDER_LABEL: Readonly<Record<SsoProvider, I18nText>> = {
  oidc: { zh: '统一身份认证（OpenID Connect）', en: 'Identity platform (OpenID Connect)' },
  cas: { zh: '统一身份认证（票据方式）', en: 'Identity platform (CAS tickets)' },
};

/** The longest subject an identity may have (the column's check). */
export const SSO_SUBJECT_MAX = 255;

/** The identity of the platform whose sign-in opened a session (or a second step's ticket). */
export interface ExternalRef {
  readonly provider: SsoProvider;
  readonly subject: string;
}

/**
 * The second step after a single sign-on: the callback sends the browser to the web app's sign-in
 * screen with the ticket in the URL's fragment (`#ticket=…&step=totp|enrol`), never in the query,
 * so that no server or proxy log holds it; the sign-in screen reads it and clears the fragment.
 */
export interface SecondStepFragment {
  readonly secondFactor: 'totp' | 'enrol';
  readonly ticket: string;
}

/** The fragment (with its `#`) carrying a second step's ticket. */
export function secondStepFragment(step: 'totp' | 'enrol', ticket: string): string {
  return `#${new URLSearchParams({ ticket, step }).toString()}`;
}

/** The second step a fragment carries (`location.hash`), or null for any other fragment. */
export function readSecondStepFragment(hash: string): SecondStepFragment | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const ticket = params.get('ticket');
  const step = params.get('step');
  if (ticket === null || !/^[A-Za-z0-9_-]{43}$/.test(ticket)) return null;
  if (step !== 'totp' && step !== 'enrol') return null;
  return { secondFactor: step, ticket };
}
