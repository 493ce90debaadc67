/**
 * Administration, for the `admin` role inside their jurisdiction or unit subtree
 * (src/app/admin/*): users and their role grants, password resets, unlocking and disabling;
 * the organization (jurisdictions and units); the shipped working-day calendars. Users and
 * organization outside the administrator's scope answer 404 as if they did not exist; every
 * other role gets 403 ADMIN_ROLE_REQUIRED. Each write leaves an admin_events row.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { calendarYear, listCalendars } from '../../app/admin/calendars.js';
import {
  addUnit,
  orgTree,
  renameJurisdiction,
  renameUnit,
  type NameInput,
} from '../../app/admin/orgs.js';
import { PASSWORD_RULES } from '../../app/admin/password.js';
import { requireAdmin } from '../../app/admin/scope.js';
import {
  createUserAsAdmin,
  getUser,
  listUsers,
  resetPassword,
  searchOfficials,
  setDisabled,
  setGrants,
  unlockUser,
  updateUser,
  type CreateUserInput,
  type GrantInput,
  type ListUsersInput,
  type UpdateUserInput,
} from '../../app/admin/users.js';
import { ROLES } from '../../domain/roles.js';
import { actorOf } from '../auth/authenticate.js';
import { I18N_TEXT, object, responses, text, UUID } from '../schemas.js';

const TAGS = ['admin'];

const USER_ID_PARAMS = object({ id: { ...UUID, description: 'The user id.' } }, ['id']);
const UNIT_ID_PARAMS = object({ id: { ...UUID, description: 'The unit id.' } }, ['id']);
const JURISDICTION_ID_PARAMS = object(
  {
    id: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
      description: 'The jurisdiction id.',
    },
  },
  ['id'],
);

const GRANT_INPUT = object(
  {
    role: { type: 'string', enum: [...ROLES] },
    scopeKind: { type: 'string', enum: ['jurisdiction', 'unit', 'self'] },
    scopeId: {
      type: 'string',
      maxLength: 64,
      description: "A jurisdiction id, a unit id, or '' for self (the official role).",
    },
  },
  ['role', 'scopeKind', 'scopeId'],
);
const GRANTS_INPUT = { type: 'array', minItems: 1, maxItems: 30, items: GRANT_INPUT } as const;

const PASSWORD = text(128, 1, 'Checked against GET /api/admin/password-rules.');
const USERNAME = {
  type: 'string',
  minLength: 2,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_.-]+$',
  description: 'Letters, digits and _ . -; unique regardless of case.',
} as const;
const NAMES = {
  nameZh: text(100, 1, 'The name in Chinese.'),
  nameEn: text(200, 1, 'The name in English.'),
};

const ADMIN_GRANT = {
  type: 'object',
  properties: {
    id: UUID,
    role: { type: 'string' },
    roleLabel: I18N_TEXT,
    scopeKind: { type: 'string', enum: ['jurisdiction', 'unit', 'self'] },
    scopeId: { type: 'string' },
    scopeName: { anyOf: [I18N_TEXT, { type: 'null' }] },
  },
} as const;

const ADMIN_USER_PROPS = {
  id: UUID,
  username: { type: 'string' },
  displayName: { type: 'string' },
  locale: { type: 'string', enum: ['zh', 'en'] },
  disabled: { type: 'boolean' },
  lockedUntil: { type: ['string', 'null'], format: 'date-time' },
  failedLogins: { type: 'integer' },
  official: {
    anyOf: [
      {
        type: 'object',
        properties: { id: UUID, name: { type: 'string' }, unitName: I18N_TEXT },
      },
      { type: 'null' },
    ],
  },
  grants: { type: 'array', items: ADMIN_GRANT },
  createdAt: { type: 'string', format: 'date-time' },
  abilities: {
    type: 'object',
    description: 'What the signed-in administrator may do to this user now.',
    properties: {
      edit: { type: 'boolean' },
      resetPassword: { type: 'boolean' },
      unlock: { type: 'boolean' },
      disable: { type: 'boolean' },
      enable: { type: 'boolean' },
    },
  },
} as const;

const ADMIN_USER = { type: 'object', properties: ADMIN_USER_PROPS } as const;
const ADMIN_USER_DETAIL = {
  type: 'object',
  properties: {
    ...ADMIN_USER_PROPS,
    history: {
      type: 'array',
      description: 'The latest administrators’ changes to this user, newest first.',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          action: { type: 'string' },
          actor: { type: 'object', properties: { id: UUID, name: { type: 'string' } } },
          at: { type: 'string', format: 'date-time' },
          payload: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
} as const;
const USER_ANSWER = { type: 'object', properties: { user: ADMIN_USER_DETAIL } } as const;

const ABILITIES = {
  type: 'object',
  properties: { rename: { type: 'boolean' }, addUnit: { type: 'boolean' } },
} as const;

export async function adminRoutes(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;

  app.get(
    '/admin/password-rules',
    {
      schema: {
        tags: TAGS,
        summary: '密码规则 · Password rules',
        description:
          'The rules a password set by an administrator must meet, as data, so that forms can check as the user types; the server checks them again (422 PASSWORD_WEAK).',
        response: responses({
          200: {
            type: 'object',
            properties: {
              rules: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: {
                      type: 'string',
                      enum: ['minLength', 'maxLength', 'letter', 'digit', 'notUsername'],
                    },
                    value: { type: 'integer' },
                    text: I18N_TEXT,
                  },
                },
              },
            },
          },
        }),
      },
    },
    async (req) => {
      requireAdmin(actorOf(req));
      return { rules: PASSWORD_RULES };
    },
  );

  app.get<{ Querystring: ListUsersInput }>(
    '/admin/users',
    {
      schema: {
        tags: TAGS,
        summary: '用户列表 · Users',
        description:
          'The users inside the administrator’s scope — every grant and the linked official’s unit inside it — by username, searched and paged. Logged in the read log.',
        querystring: object({
          q: {
            type: 'string',
            maxLength: 100,
            description: 'Searches the username, the name and the linked official’s name.',
          },
          status: { type: 'string', enum: ['active', 'locked', 'disabled'] },
          page: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
          pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
        }),
        response: responses({
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: ADMIN_USER },
              total: { type: 'integer' },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
            },
          },
        }),
      },
    },
    async (req) => listUsers(ctx, actorOf(req), req.query),
  );

  app.get<{ Querystring: { q?: string } }>(
    '/admin/officials',
    {
      schema: {
        tags: TAGS,
        summary: '查找干部 · Find officials',
        description:
          'Officials in units inside the administrator’s scope whose name matches, with the account already linked to each (at most 20), for linking a new account.',
        querystring: object({ q: { type: 'string', maxLength: 100, default: '' } }),
        response: responses({
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: UUID,
                    name: { type: 'string' },
                    position: I18N_TEXT,
                    unitName: I18N_TEXT,
                    linkedUsername: { type: ['string', 'null'] },
                  },
                },
              },
            },
          },
        }),
      },
    },
    async (req) => searchOfficials(ctx, actorOf(req), req.query.q ?? ''),
  );

  app.post<{ Body: CreateUserInput }>(
    '/admin/users',
    {
      schema: {
        tags: TAGS,
        summary: '新建用户 · Create a user',
        description:
          'Creates an account with an initial password (the password rules; argon2id), optionally linked to an official, with at least one role grant inside the administrator’s scope. 201 with the user; 409 USERNAME_TAKEN; 403 ADMIN_OUT_OF_SCOPE for a grant outside the scope.',
        body: object(
          {
            username: USERNAME,
            displayName: text(100, 1, 'The person’s name as shown to others.'),
            locale: { type: 'string', enum: ['zh', 'en'], default: 'zh' },
            password: PASSWORD,
            officialId: { anyOf: [UUID, { type: 'null' }] },
            grants: GRANTS_INPUT,
          },
          ['username', 'displayName', 'password', 'grants'],
        ),
        response: responses({ 201: USER_ANSWER }),
      },
    },
    async (req, reply) => {
      const user = await createUserAsAdmin(ctx, actorOf(req), req.body);
      reply.status(201);
      return { user };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/admin/users/:id',
    {
      schema: {
        tags: TAGS,
        summary: '查看用户 · A user',
        description:
          'One user inside the administrator’s scope, with their grants, lock state and the latest administrators’ changes; 404 USER_NOT_FOUND outside it.',
        params: USER_ID_PARAMS,
        response: responses({ 200: USER_ANSWER }),
      },
    },
    async (req) => ({ user: await getUser(ctx, actorOf(req), req.params.id) }),
  );

  app.post<{ Params: { id: string }; Body: UpdateUserInput }>(
    '/admin/users/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改用户信息 · Edit a user',
        description: 'Changes the name shown and the interface language.',
        params: USER_ID_PARAMS,
        body: object({
          displayName: text(100, 1),
          locale: { type: 'string', enum: ['zh', 'en'] },
        }),
        response: responses({ 200: USER_ANSWER }),
      },
    },
    async (req) => ({ user: await updateUser(ctx, actorOf(req), req.params.id, req.body) }),
  );

  app.post<{ Params: { id: string }; Body: { grants: GrantInput[] } }>(
    '/admin/users/:id/grants',
    {
      schema: {
        tags: TAGS,
        summary: '设置角色与范围 · Set roles and scopes',
        description:
          'Replaces the user’s role grants: each a role over a jurisdiction or unit subtree inside the administrator’s scope, or `official` over self (needs a linked official). At least one grant (422 USER_GRANTS_REQUIRED); an administrator cannot remove their own admin role (409 ADMIN_SELF). Takes effect on the user’s next request.',
        params: USER_ID_PARAMS,
        body: object({ grants: GRANTS_INPUT }, ['grants']),
        response: responses({ 200: USER_ANSWER }),
      },
    },
    async (req) => ({
      user: await setGrants(ctx, actorOf(req), req.params.id, req.body.grants),
    }),
  );

  app.post<{ Params: { id: string }; Body: { password: string } }>(
    '/admin/users/:id/password',
    {
      schema: {
        tags: TAGS,
        summary: '重置密码 · Reset the password',
        description:
          'Sets a new password (the password rules; 422 PASSWORD_WEAK), clears a lock and the failure count, and ends every session of the user.',
        params: USER_ID_PARAMS,
        body: object({ password: PASSWORD }, ['password']),
        response: responses({ 200: USER_ANSWER }),
      },
    },
    async (req) => ({
      user: await resetPassword(ctx, actorOf(req), req.params.id, req.body.password),
    }),
  );

  app.post<{ Params: { id: string } }>(
    '/admin/users/:id/unlock',
    {
      schema: {
        tags: TAGS,
        summary: '解除锁定 · Unlock',
        description:
          'Ends a lock after repeated failed sign-ins and resets the failure count, so the user can sign in again at once.',
        params: USER_ID_PARAMS,
        response: responses({ 200: USER_ANSWER }),
      },
    },
    async (req) => ({ user: await unlockUser(ctx, actorOf(req), req.params.id) }),
  );

  for (const [path, disabled, summary, description] of [
    [
      'disable',
      true,
      '停用账户 · Disable',
      'Stops the account from signing in and ends its sessions; its records stay. Not one’s own account (409 ADMIN_SELF).',
    ],
    ['enable', false, '启用账户 · Enable', 'Lets a disabled account sign in again.'],
  ] as const) {
    app.post<{ Params: { id: string } }>(
      `/admin/users/:id/${path}`,
      {
        schema: {
          tags: TAGS,
          summary,
          description,
          params: USER_ID_PARAMS,
          response: responses({ 200: USER_ANSWER }),
        },
      },
      async (req) => ({ user: await setDisabled(ctx, actorOf(req), req.params.id, disabled) }),
    );
  }

  app.get(
    '/admin/organization',
    {
      schema: {
        tags: TAGS,
        summary: '组织机构 · The organization',
        description:
          'The jurisdictions and units inside the administrator’s scope, as flat lists with parent ids (a tree), each jurisdiction with its policy pack and calendar years.',
        response: responses({
          200: {
            type: 'object',
            properties: {
              jurisdictions: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    parentId: { type: ['string', 'null'] },
                    level: { type: 'string' },
                    name: I18N_TEXT,
                    pack: {
                      type: 'object',
                      properties: {
                        id: { type: 'string' },
                        title: { anyOf: [I18N_TEXT, { type: 'null' }] },
                      },
                    },
                    calendar: {
                      type: 'object',
                      properties: {
                        id: { type: 'string' },
                        years: {
                          type: 'array',
                          items: {
                            type: 'object',
                            properties: {
                              year: { type: 'integer' },
                              status: { type: 'string', enum: ['published', 'provisional'] },
                            },
                          },
                        },
                      },
                    },
                    abilities: ABILITIES,
                  },
                },
              },
              units: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: UUID,
                    jurisdictionId: { type: 'string' },
                    parentId: { type: ['string', 'null'], format: 'uuid' },
                    name: I18N_TEXT,
                    kind: { type: 'string' },
                    officials: { type: 'integer' },
                    abilities: ABILITIES,
                  },
                },
              },
            },
          },
        }),
      },
    },
    async (req) => orgTree(ctx, actorOf(req)),
  );

  app.post<{
    Body: {
      jurisdictionId: string;
      parentId?: string | null;
      nameZh: string;
      nameEn: string;
      kind?: string;
    };
  }>(
    '/admin/units',
    {
      schema: {
        tags: TAGS,
        summary: '新增单位 · Add a unit',
        description:
          'Adds a unit to a jurisdiction, directly or under a parent unit, inside the administrator’s scope. 201 with the id.',
        body: object(
          {
            jurisdictionId: { type: 'string', maxLength: 64 },
            parentId: { anyOf: [UUID, { type: 'null' }] },
            ...NAMES,
            kind: { type: 'string', enum: ['department', 'section', 'agency', 'enterprise'] },
          },
          ['jurisdictionId', 'nameZh', 'nameEn'],
        ),
        response: responses({ 201: { type: 'object', properties: { id: UUID } } }),
      },
    },
    async (req, reply) => {
      const r = await addUnit(ctx, actorOf(req), req.body);
      reply.status(201);
      return r;
    },
  );

  app.post<{ Params: { id: string }; Body: NameInput }>(
    '/admin/units/:id/rename',
    {
      schema: {
        tags: TAGS,
        summary: '重命名单位 · Rename a unit',
        params: UNIT_ID_PARAMS,
        body: object(NAMES, ['nameZh', 'nameEn']),
        response: responses({ 204: { type: 'null' } }),
      },
    },
    async (req, reply) => {
      await renameUnit(ctx, actorOf(req), req.params.id, req.body);
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { id: string }; Body: NameInput }>(
    '/admin/jurisdictions/:id/rename',
    {
      schema: {
        tags: TAGS,
        summary: '重命名辖区 · Rename a jurisdiction',
        params: JURISDICTION_ID_PARAMS,
        body: object(NAMES, ['nameZh', 'nameEn']),
        response: responses({ 204: { type: 'null' } }),
      },
    },
    async (req, reply) => {
      await renameJurisdiction(ctx, actorOf(req), req.params.id, req.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/admin/calendars',
    {
      schema: {
        tags: TAGS,
        summary: '工作日日历 · Working-day calendars',
        description: 'The calendars and their shipped years, each published or provisional.',
        response: responses({
          200: {
            type: 'object',
            properties: {
              calendars: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    years: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          year: { type: 'integer' },
                          status: { type: 'string', enum: ['published', 'provisional'] },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        }),
      },
    },
    async (req) => listCalendars(ctx, actorOf(req)),
  );

  app.get<{ Params: { id: string; year: number } }>(
    '/admin/calendars/:id/:year',
    {
      schema: {
        tags: TAGS,
        summary: '日历年份 · A calendar year',
        description:
          'Every day of a shipped year: working or not, holidays with their names, make-up working weekends (调休上班), and whether the year is provisional (no State Council notice yet: deadlines on it are flagged).',
        params: object(
          {
            id: { type: 'string', pattern: '^[a-z0-9-]{1,32}$' },
            year: { type: 'integer', minimum: 1900, maximum: 2100 },
          },
          ['id', 'year'],
        ),
        response: responses({
          200: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              year: { type: 'integer' },
              status: { type: 'string', enum: ['published', 'provisional'] },
              source: { type: 'string' },
              holidays: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    name: { type: 'string' },
                    dates: { type: 'array', items: { type: 'string', format: 'date' } },
                  },
                },
              },
              makeupWorkdays: { type: 'array', items: { type: 'string', format: 'date' } },
              days: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    date: { type: 'string', format: 'date' },
                    weekday: { type: 'integer' },
                    working: { type: 'boolean' },
                    kind: { type: 'string', enum: ['workday', 'weekend', 'holiday', 'makeup'] },
                    holiday: { type: 'string' },
                    provisional: { type: 'boolean' },
                  },
                },
              },
            },
          },
        }),
      },
    },
    async (req) => calendarYear(ctx, actorOf(req), req.params.id, req.params.year),
  );
}
