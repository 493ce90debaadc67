/** Signing in and the signed-in user (src/server/routes/auth.ts, presenters/user.ts). */
import { ROLES } from '../domain/roles.js';
import { TEXT_LIMITS } from '../shared/limits.js';
import {
  DateTime,
  I18nText,
  List,
  Locale,
  Nullable,
  Obj,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';

export const Role = StringEnum(ROLES);
export const ScopeKind = StringEnum(['jurisdiction', 'unit', 'self'] as const);

export const Grant = Obj({
  role: Role,
  roleLabel: I18nText,
  scopeKind: ScopeKind,
  scopeId: Type.String(),
});
export type Grant = Static<typeof Grant>;

export const User = Obj({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  locale: Locale,
  officialId: Nullable(Uuid),
  roles: List(Role),
  grants: List(Grant),
});
export type User = Static<typeof User>;

/** The fields of a session answer (sign-in, /auth/me, enrolment). */
export const SESSION_FIELDS = {
  user: User,
  csrfToken: Type.String({
    description: 'Send as X-CSRF-Token on every POST made with the session cookie.',
  }),
  expiresAt: DateTime,
  passwordChange: Nullable(StringEnum(['required', 'expired'] as const), {
    description:
      "Set when the user must change the password before anything else: 'required' (set by an administrator) or 'expired' (older than the security policy allows). Until then every other route answers 403 PASSWORD_CHANGE_REQUIRED.",
  }),
};

export const Session = Obj(SESSION_FIELDS);
export type Session = Static<typeof Session>;

export const LoginAnswer = Obj({
  ...SESSION_FIELDS,
  token: Type.Optional(
    Type.String({
      description: "Only when client is 'api': the session token, for `Authorization: Bearer`.",
    }),
  ),
});

export const LoginBody = Obj({
  username: Text(TEXT_LIMITS.signInUsername.max, TEXT_LIMITS.signInUsername.min),
  password: Text(TEXT_LIMITS.signInPassword.max, TEXT_LIMITS.signInPassword.min),
  client: Type.Optional(
    StringEnum(['browser', 'api'] as const, {
      default: 'browser',
      description:
        "'browser' (default): the session is set as an HttpOnly cookie and the token is not shown to scripts. 'api': no cookie; the token is returned for `Authorization: Bearer`.",
    }),
  ),
});
