/**
 * Sessions and passwords (src/server/routes/sessions.ts): a user's own sessions and password,
 * the security administrator's view of a user's sessions, and the security policy.
 */
import { MAX_PASSWORD_LENGTH } from '../shared/limits.js';
import { PASSWORD_POLICY_LIMITS, SESSION_LIMIT_ACTIONS } from '../shared/passwords.js';
import { PasswordRule } from './admin.js';
import { SsoProvider } from './sso.js';
import {
  Count,
  DateTime,
  List,
  Nullable,
  Obj,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';

export const SessionItem = Obj({
  id: Uuid,
  createdAt: DateTime,
  lastSeenAt: DateTime,
  expiresAt: DateTime,
  ip: Type.String({ description: 'The client address at sign-in.' }),
  userAgent: Type.String({ description: 'The browser or client at sign-in.' }),
  current: Type.Boolean({ description: 'The session this request came with.' }),
  signedInWith: Nullable(
    Obj({
      provider: SsoProvider,
      subject: Type.String({ description: 'The id the platform gives the person.' }),
    }),
    {
      description:
        'The identity of the unified identity platform whose sign-in opened the session; null: the username and password.',
    },
  ),
});
export type SessionItem = Static<typeof SessionItem>;

export const SessionList = Obj({ items: List(SessionItem) });
export type SessionList = Static<typeof SessionList>;

export const SessionIdParams = Obj({
  id: Type.String({ format: 'uuid', description: 'The session id (from the session list).' }),
});

export const UserSessionParams = Obj({
  id: Type.String({ format: 'uuid', description: 'The user id.' }),
  sid: Type.String({ format: 'uuid', description: 'The session id (from the session list).' }),
});

export const SessionsEnded = Obj({
  ended: Count,
});

export const ChangePasswordBody = Obj({
  currentPassword: Text(MAX_PASSWORD_LENGTH, 1, 'The password the user signs in with now.'),
  newPassword: Text(
    MAX_PASSWORD_LENGTH,
    1,
    'Checked against GET /api/admin/password-rules and the password history.',
  ),
});

export const PasswordChanged = Obj({
  sessionsEnded: Count,
});

const policyInt = (k: keyof typeof PASSWORD_POLICY_LIMITS, description: string) =>
  Type.Integer({
    minimum: PASSWORD_POLICY_LIMITS[k].min,
    maximum: PASSWORD_POLICY_LIMITS[k].max,
    description,
  });

const POLICY = {
  minLength: policyInt('minLength', 'The least number of characters in a password.'),
  minClasses: policyInt(
    'minClasses',
    'How many of lower-case, upper-case, digits and symbols a password needs.',
  ),
  historyCount: policyInt('historyCount', 'A new password may not be any of the last N (0: off).'),
  expiryDays: policyInt('expiryDays', 'Days a password is valid (0: never expires).'),
};

export const SecurityPolicyBody = Obj(POLICY);
export type SecurityPolicyBody = Static<typeof SecurityPolicyBody>;

export const SecurityPolicy = Obj({
  ...POLICY,
  sessions: Obj({
    idleMinutes: Type.Integer(),
    absoluteHours: Type.Integer(),
    maxConcurrent: Type.Integer(),
    onLimit: StringEnum(SESSION_LIMIT_ACTIONS),
  }),
  rules: List(PasswordRule),
  updatedAt: Nullable(DateTime),
  abilities: Obj({ edit: Type.Boolean() }),
});
export type SecurityPolicy = Static<typeof SecurityPolicy>;
