/** Single sign-on: the ways to sign in, and the identities linked to a user (src/server/routes/sso.ts). */
import { SSO_PROVIDERS, SSO_SUBJECT_MAX } from '../shared/sso.js';
import {
  DateTime,
  I18nText,
  List,
  Nullable,
  Obj,
  StringEnum,
  Type,
  Uuid,
  type Static,
} from './common.js';

export const SsoProvider = StringEnum(SSO_PROVIDERS, {
  description: "'oidc': OpenID Connect; 'cas': CAS tickets.",
});

export const AuthMethods = Obj({
  localPasswords: Type.Boolean({
    description:
      'Username and password sign-in is open to everyone (false: break-glass accounts only).',
  }),
  oidc: Type.Boolean({ description: 'GET /api/auth/oidc/start signs in through OpenID Connect.' }),
  cas: Type.Boolean({ description: 'GET /api/auth/cas/start signs in through CAS tickets.' }),
});
export type AuthMethods = Static<typeof AuthMethods>;

export const ExternalIdentity = Obj({
  provider: SsoProvider,
  providerLabel: I18nText,
  subject: Type.String({ description: 'The id the platform gives the person.' }),
  displayName: Nullable(Type.String(), { description: 'The name the platform gave last.' }),
  linkedBy: Nullable(Obj({ id: Uuid, name: Type.String() }), {
    description: 'The security administrator who linked it; null when linked automatically.',
  }),
  createdAt: DateTime,
  lastSeenAt: Nullable(DateTime),
});
export type ExternalIdentity = Static<typeof ExternalIdentity>;

export const ExternalIdentityList = Obj({
  items: List(ExternalIdentity),
  abilities: Obj({ link: Type.Boolean(), unlink: Type.Boolean() }),
});
export type ExternalIdentityList = Static<typeof ExternalIdentityList>;

export const ExternalIdentityBody = Obj({
  provider: SsoProvider,
  subject: Type.String({ minLength: 1, maxLength: SSO_SUBJECT_MAX }),
});
export type ExternalIdentityBody = Static<typeof ExternalIdentityBody>;
