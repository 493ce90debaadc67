/**
 * Sessions and passwords (issue 14, 身份鉴别), shapes in src/api/sessions.ts:
 *
 * - every user: their own sessions (GET /api/auth/sessions), ending one or all the others, and
 *   changing their password (POST /api/auth/password, open to a session that must change it);
 * - the security administrator (`security_admin`, inside their scope): a user's sessions and
 *   ending them (/api/admin/users/:id/sessions…), and the installation's security policy
 *   (/api/admin/security-policy).
 */
import type { FastifyInstance } from 'fastify';
import {
  ChangePasswordBody,
  PasswordChanged,
  SecurityPolicy,
  SecurityPolicyBody,
  SessionIdParams,
  SessionList,
  SessionsEnded,
  Type,
  UserIdParams,
  UserSessionParams,
} from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { changeOwnPassword } from '../../app/sessions/change-password.js';
import { endUserSessions } from '../../app/sessions/end-by-admin.js';
import { endOtherSessions, endOwnSession } from '../../app/sessions/end-own.js';
import { listOwnSessions, listUserSessions } from '../../app/sessions/list.js';
import { setSecurityPolicy, viewSecurityPolicy } from '../../app/sessions/policy.js';
import { actorOf } from '../auth/authenticate.js';
import { responses, typed, type Api } from '../schemas.js';

const ENDED = Type.Null({ description: 'The session ended.' });

function ownSessions(app: Api, ctx: AppContext) {
  app.get(
    '/auth/sessions',
    {
      schema: {
        tags: ['auth'],
        summary: '我的会话 · My sessions',
        description:
          'The signed-in user’s live sessions, newest first: when each began and was last used, from which address and browser, until when it runs; the one this request came with is `current`.',
        response: responses({ 200: SessionList }),
      },
    },
    async (req) => ({
      items: await listOwnSessions(ctx, actorOf(req), req.auth!.session.idHash),
    }),
  );

  app.post(
    '/auth/sessions/:id/end',
    {
      schema: {
        tags: ['auth'],
        summary: '结束会话 · End one of my sessions',
        description:
          'Ends one of the user’s own sessions (e.g. a computer left signed in). 404 SESSION_NOT_FOUND when it is not theirs or has ended. Ending the current one signs out, as POST /api/auth/logout does.',
        params: SessionIdParams,
        response: responses({ 204: ENDED }),
      },
    },
    async (req, reply) => {
      await endOwnSession(ctx, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/sessions/end-others',
    {
      schema: {
        tags: ['auth'],
        summary: '退出其他会话 · Sign out everywhere else',
        description: 'Ends every session of the user but the current one; says how many ended.',
        response: responses({ 200: SessionsEnded }),
      },
    },
    async (req) => ({
      ended: await endOtherSessions(ctx, actorOf(req), req.auth!.session.idHash),
    }),
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码 · Change my password',
        description:
          'Changes the signed-in user’s password: the current one is required (422 PASSWORD_CURRENT_WRONG); the new one must keep the security policy’s rules (422 PASSWORD_WEAK, see GET /api/admin/password-rules) and be none of the recent ones (422 PASSWORD_REUSED). Clears a required change (a password set by an administrator, or expired) and ends the user’s other sessions.',
        body: ChangePasswordBody,
        response: responses({ 200: PasswordChanged }),
      },
      config: { passwordChange: true },
    },
    async (req) =>
      changeOwnPassword(ctx, actorOf(req), req.auth!.session.idHash, {
        currentPassword: req.body.currentPassword,
        newPassword: req.body.newPassword,
      }),
  );
}

function usersSessions(app: Api, ctx: AppContext) {
  app.get(
    '/admin/users/:id/sessions',
    {
      schema: {
        tags: ['admin'],
        summary: '用户的会话 · A user’s sessions',
        description:
          'The security administrator reads the live sessions of a user inside their scope (403 SECURITY_ADMIN_REQUIRED for anyone else; 404 USER_NOT_FOUND outside the scope). The read is logged.',
        params: UserIdParams,
        response: responses({ 200: SessionList }),
      },
    },
    async (req) => ({ items: await listUserSessions(ctx, actorOf(req), req.params.id) }),
  );

  app.post(
    '/admin/users/:id/sessions/:sid/end',
    {
      schema: {
        tags: ['admin'],
        summary: '结束用户的会话 · End a user’s session',
        description:
          'The security administrator ends one session of a user inside their scope; recorded in the administration trail.',
        params: UserSessionParams,
        response: responses({ 200: SessionsEnded }),
      },
    },
    async (req) => ({
      ended: await endUserSessions(ctx, actorOf(req), req.params.id, req.params.sid),
    }),
  );

  app.post(
    '/admin/users/:id/sessions/end-all',
    {
      schema: {
        tags: ['admin'],
        summary: '结束用户的全部会话 · End all of a user’s sessions',
        description:
          'The security administrator ends every session of a user inside their scope (a lost device, a departure); recorded in the administration trail.',
        params: UserIdParams,
        response: responses({ 200: SessionsEnded }),
      },
    },
    async (req) => ({ ended: await endUserSessions(ctx, actorOf(req), req.params.id, 'all') }),
  );
}

function securityPolicy(app: Api, ctx: AppContext) {
  app.get(
    '/admin/security-policy',
    {
      schema: {
        tags: ['admin'],
        summary: '安全策略 · The security policy',
        description:
          'The password rules in force (length, character classes, history, expiry) and the session settings, for the security administrator; `abilities.edit` when they may change it (a security administrator over a top-level jurisdiction).',
        response: responses({ 200: SecurityPolicy }),
      },
    },
    async (req) => viewSecurityPolicy(ctx, actorOf(req)),
  );

  app.post(
    '/admin/security-policy',
    {
      schema: {
        tags: ['admin'],
        summary: '设置安全策略 · Set the security policy',
        description:
          'Saves the installation’s password rules; they apply to every password set afterwards, and the expiry to every password at once. 403 SECURITY_POLICY_SCOPE for a security administrator below the top level. Recorded in the administration trail with the policy before and after.',
        body: SecurityPolicyBody,
        response: responses({ 200: SecurityPolicy }),
      },
    },
    async (req) => setSecurityPolicy(ctx, actorOf(req), req.body),
  );
}

export async function sessionRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const app = typed(base);
  ownSessions(app, opts.ctx);
  usersSessions(app, opts.ctx);
  securityPolicy(app, opts.ctx);
}
