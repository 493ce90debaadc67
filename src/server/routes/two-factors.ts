/**
 * Two factors over HTTP: the second sign-in step and the enrolment step (public: they carry the
 * ticket, not a session), a signed-in user's own settings, and the security administrator's reset.
 */
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import {
  ApiError,
  EnrolledAnswer,
  EnrolmentBody,
  LoginAnswer,
  RecoveryCodes,
  Ref,
  SecondFactorBody,
  TotpCodeBody,
  TotpEnrolment,
  TwoFactorStatus,
  UserAnswer,
  UserIdParams,
} from '../../api/index.js';

import { resetTwoFactorOf } from '../../app/admin/two-factor-reset.js';
import type { Enrolment } from '../../app/two-factors/enrol.js';
import {
  confirmOwnEnrolment,
  ownTwoFactor,
  resetOwnTwoFactor,
  startOwnEnrolment,
} from '../../app/two-factors/own.js';
import { actorOf, checkSameOrigin } from '../auth/authenticate.js';
import {
  beginTicketEnrolment,
  completeSecondFactor,
  confirmTicketEnrolment,
} from '../auth/second-factor.js';
import { responses, typed, type Api } from '../schemas.js';
import { answerWithSession, type AuthRouteOptions } from './auth.js';

const TAGS = ['auth'];

async function withQr(e: Enrolment) {
  return { ...e, qrCode: await QRCode.toDataURL(e.otpauthUri, { margin: 1, width: 240 }) };
}

function client(req: { ip: string; headers: Record<string, unknown> }) {
  return { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') };
}

/** The second step and the enrolment step of signing in. */
function signInSteps(app: Api, opts: AuthRouteOptions) {
  const { ctx } = opts;
  app.post(
    '/auth/second-factor',
    {
      config: { public: true },
      schema: {
        tags: TAGS,
        summary: '登录第二步：动态口令 · Sign in, second step: the one-time code',
        description:
          'With the ticket sign-in answered (`secondFactor: totp`): the 6-digit code of the authenticator app, or an unused recovery code (then used up), opens the session as sign-in does. 401 TOTP_CODE_WRONG with `attemptsLeft`; after 5 wrong answers, or when the ticket has run out, 401 TOTP_TICKET_INVALID (sign in again).',
        security: [],
        body: SecondFactorBody,
        response: { 200: LoginAnswer, '4xx': Ref(ApiError) },
      },
    },
    async (req, reply) => {
      checkSameOrigin(req, opts.allowedOrigins);
      const s = await completeSecondFactor(ctx, { ...req.body, ...client(req) });
      return answerWithSession(req, reply, opts, s, req.body.client);
    },
  );

  app.post(
    '/auth/enrolment',
    {
      config: { public: true },
      schema: {
        tags: TAGS,
        summary: '绑定动态口令：获取密钥 · Set up two factors: the secret',
        description:
          'With the ticket sign-in answered (`secondFactor: enrol`, a user who must use two factors and has none): a fresh secret, as text and as a QR code for the authenticator app. Asking again replaces it.',
        security: [],
        body: EnrolmentBody,
        response: { 200: TotpEnrolment, '4xx': Ref(ApiError) },
      },
    },
    async (req, reply) => {
      checkSameOrigin(req, opts.allowedOrigins);
      reply.header('cache-control', 'no-store');
      return withQr(await beginTicketEnrolment(ctx, req.body.ticket));
    },
  );

  app.post(
    '/auth/enrolment/confirm',
    {
      config: { public: true },
      schema: {
        tags: TAGS,
        summary: '绑定动态口令：确认并登录 · Set up two factors: confirm and sign in',
        description:
          'One code from the app confirms the setup: the session opens and ten recovery codes are returned, this once (stored only as hashes). Wrong codes count on the ticket as in the second step.',
        security: [],
        body: SecondFactorBody,
        response: { 200: EnrolledAnswer, '4xx': Ref(ApiError) },
      },
    },
    async (req, reply) => {
      checkSameOrigin(req, opts.allowedOrigins);
      const s = await confirmTicketEnrolment(ctx, { ...req.body, ...client(req) });
      const answer = await answerWithSession(req, reply, opts, s, req.body.client);
      return { ...answer, recoveryCodes: [...s.recoveryCodes] };
    },
  );
}

/** The signed-in user's own second factor. */
function ownRoutes(app: Api, opts: AuthRouteOptions) {
  const { ctx } = opts;
  app.get(
    '/auth/two-factor',
    {
      schema: {
        tags: TAGS,
        summary: '我的动态口令 · My second factor',
        description: 'Whether I use a second factor, must, and how many recovery codes are left.',
        response: responses({ 200: TwoFactorStatus }),
      },
    },
    async (req) => ownTwoFactor(ctx, actorOf(req)),
  );

  app.post(
    '/auth/two-factor/setup',
    {
      schema: {
        tags: TAGS,
        summary: '绑定动态口令 · Set up my second factor',
        description:
          'A fresh secret and its QR code (409 TOTP_ALREADY_ENROLLED when one is in use: reset it first).',
        response: responses({ 200: TotpEnrolment }),
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return withQr(await startOwnEnrolment(ctx, actorOf(req)));
    },
  );

  app.post(
    '/auth/two-factor/confirm',
    {
      schema: {
        tags: TAGS,
        summary: '确认绑定 · Confirm my second factor',
        description: 'One code from the app confirms it; the ten recovery codes, shown this once.',
        body: TotpCodeBody,
        response: responses({ 200: RecoveryCodes }),
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return { recoveryCodes: await confirmOwnEnrolment(ctx, actorOf(req), req.body.code) };
    },
  );

  app.post(
    '/auth/two-factor/reset',
    {
      schema: {
        tags: TAGS,
        summary: '重置我的动态口令 · Reset my second factor',
        description:
          'Removes my secret and recovery codes, proven by a current code or an unused recovery code (401 TOTP_CODE_WRONG). Set it up again afterwards; a user who must use two factors is asked to at the next sign-in.',
        body: TotpCodeBody,
        response: responses({ 200: TwoFactorStatus }),
      },
    },
    async (req) => resetOwnTwoFactor(ctx, actorOf(req), req.body.code),
  );
}

/** The security administrator's reset of someone's second factor. */
function adminReset(app: Api, opts: AuthRouteOptions) {
  app.post(
    '/admin/users/:id/two-factor/reset',
    {
      schema: {
        tags: ['admin'],
        summary: '重置用户的动态口令 · Reset a user’s second factor',
        description:
          'The security administrator (403 SECURITY_ADMIN_REQUIRED otherwise) removes the user’s secret and recovery codes (a lost phone) and ends their sessions; the user sets two factors up again at the next sign-in. Written to the administration trail.',
        params: UserIdParams,
        response: responses({ 200: UserAnswer }),
      },
    },
    async (req) => ({ user: await resetTwoFactorOf(opts.ctx, actorOf(req), req.params.id) }),
  );
}

export async function twoFactorRoutes(
  base: FastifyInstance,
  opts: AuthRouteOptions,
): Promise<void> {
  const app = typed(base);
  signInSteps(app, opts);
  ownRoutes(app, opts);
  adminReset(app, opts);
}
