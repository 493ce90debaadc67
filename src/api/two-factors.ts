/** Two factors: the second sign-in step, enrolment, a user's own settings (routes/two-factors.ts). */
import { TEXT_LIMITS } from '../shared/limits.js';
import { Count, DateTime, List, Obj, StringEnum, Text, Type, type Static } from './common.js';
import { LoginAnswer, SESSION_FIELDS } from './auth.js';

const TICKET = Type.String({
  minLength: 43,
  maxLength: 43,
  description: 'The ticket the sign-in answered with (second step only; not a session).',
});
const CODE = Text(
  TEXT_LIMITS.secondFactorCode.max,
  TEXT_LIMITS.secondFactorCode.min,
  'The 6-digit code the authenticator app shows, or one unused recovery code (xxxxx-xxxxx).',
);
const CLIENT = Type.Optional(
  StringEnum(['browser', 'api'] as const, {
    default: 'browser',
    description: "As at sign-in: 'api' returns the session token instead of setting the cookie.",
  }),
);

export const SecondFactorAnswer = Obj({
  secondFactor: StringEnum(['totp', 'enrol'] as const, {
    description:
      "'totp': send a code to POST /api/auth/second-factor. 'enrol': the user must set up two factors first (POST /api/auth/enrolment, then /api/auth/enrolment/confirm).",
  }),
  ticket: Type.String(),
  expiresAt: DateTime,
});
export type SecondFactorAnswer = Static<typeof SecondFactorAnswer>;

/** What POST /api/auth/login answers: a session, or the second step's ticket. */
export const LoginOutcome = Type.Union([LoginAnswer, SecondFactorAnswer]);
export type LoginOutcome = Static<typeof LoginOutcome>;

export const SecondFactorBody = Obj({ ticket: TICKET, code: CODE, client: CLIENT });
export type SecondFactorBody = Static<typeof SecondFactorBody>;

export const EnrolmentBody = Obj({ ticket: TICKET });

export const TotpEnrolment = Obj({
  secret: Type.String({ description: 'The secret in base32, for entering into the app by hand.' }),
  otpauthUri: Type.String({ description: 'The otpauth:// URI the QR code carries.' }),
  qrCode: Type.String({ description: 'The QR code as a PNG data: URL.' }),
});
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const EnrolledAnswer = Obj({
  ...SESSION_FIELDS,
  token: Type.Optional(Type.String()),
  recoveryCodes: List(Type.String(), {
    description: 'Ten one-time recovery codes: shown this once, stored only as hashes.',
  }),
});
export type EnrolledAnswer = Static<typeof EnrolledAnswer>;

export const TwoFactorStatus = Obj({
  enrolled: Type.Boolean(),
  required: Type.Boolean({ description: 'Whether this user must sign in with a second factor.' }),
  recoveryCodesLeft: Count,
});
export type TwoFactorStatus = Static<typeof TwoFactorStatus>;

export const TotpCodeBody = Obj({ code: CODE });

export const RecoveryCodes = Obj({ recoveryCodes: List(Type.String()) });
export type RecoveryCodes = Static<typeof RecoveryCodes>;
