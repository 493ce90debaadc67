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
