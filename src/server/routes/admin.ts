/**
 * Administration, for the `admin` role inside their jurisdiction or unit subtree
 * (src/app/admin/*): users and their role grants, password resets, unlocking and disabling;
 * the organization (jurisdictions and units); the shipped working-day calendars. Users and
 * organization outside the administrator's scope answer 404 as if they did not exist; every
 * other role gets 403 ADMIN_ROLE_REQUIRED. Each write leaves an admin_events row. The shapes are
 * src/api/admin.ts.
 */
import type { FastifyInstance } from 'fastify';
import {
  AddUnitBody,
  ApplicantAssessmentBody,
  AdminUserPage,
  CalendarList,
  CalendarYear,
  CalendarYearParams,
  Created,
  CreateUserBody,
  ConsultedDepartments,
  DocumentNumbering,
  DocumentNumberingBody,
  GrantsBody,
  JurisdictionIdParams,
  NamesBody,
  OfficialMatches,
  OfficialSearchQuery,
  OrgTree,
  PasswordBody,
  PasswordRules,
  Type,
  UnitIdParams,
  UpdateUserBody,
  UserAnswer,
  UserIdParams,
  UsersQuery,
  UsersExportQuery,
} from '../../api/index.js';
import { exportUsers } from '../../app/admin/users-export.js';
import { EXPORT_MAX_ROWS } from '../../shared/limits.js';
import { sendWorkbook, workbookAnswer } from '../download.js';
import { preferredLang } from '../errors.js';
import type { AppContext } from '../../app/context.js';
import { calendarYear, listCalendars } from '../../app/admin/calendars.js';
import {
  addUnit,
  orgTree,
  renameJurisdiction,
  renameUnit,
  setApplicantAssessment,
} from '../../app/admin/orgs.js';
import { documentNumbering, setDocumentNumbering } from '../../app/admin/numbering.js';
import { readPasswordPolicy, rulesOf } from '../../app/admin/password.js';
import { requireUserReader } from '../../app/admin/scope.js';
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
} from '../../app/admin/users.js';
import { consultedDepartments } from '../../app/admin/departments.js';
import { actorOf } from '../auth/authenticate.js';
import { responses, typed, type Api } from '../schemas.js';

const TAGS = ['admin'];
const NO_CONTENT = Type.Null({ description: 'Done.' });

/** Reading users: the password rules, the user list, the official search, one user. */
function userReads(app: Api, ctx: AppContext) {
  app.get(
    '/admin/password-rules',
    {
      schema: {
        tags: TAGS,
        summary: '密码规则 · Password rules',
        description:
          'The rules of the security policy a new password must meet (set by an administrator, or by the user changing their own), as data, so that forms can check as the user types; the server checks them again (422 PASSWORD_WEAK). Open to every signed-in user, also one who must change their password first.',
        response: responses({ 200: PasswordRules }),
      },
      config: { passwordChange: true },
    },
    async (req) => {
      actorOf(req);
      return { rules: rulesOf(await readPasswordPolicy(ctx)) };
    },
  );

  app.get(
    '/admin/consulted-departments',
    {
      schema: {
        tags: TAGS,
        summary: '会商部门 · Consulted departments',
        description:
          'The department codes the policy packs name for consultation: what a consulted-department officer (consultee) grant is usually given for (a name typed by hand is accepted too).',
        response: responses({ 200: ConsultedDepartments }),
      },
    },
    async (req) => {
      requireUserReader(actorOf(req));
      return { departments: consultedDepartments(ctx) };
    },
  );

  app.get(
    '/admin/users',
    {
      schema: {
        tags: TAGS,
        summary: '用户列表 · Users',
        description:
          'The users inside the administrator’s scope — every grant and the linked official’s unit inside it — by username, searched and paged. Logged in the read log.',
        querystring: UsersQuery,
        response: responses({ 200: AdminUserPage }),
      },
    },
    async (req) => listUsers(ctx, actorOf(req), req.query),
  );

  app.get(
    '/admin/users/export.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '导出用户清单（Excel）· Export the user list to Excel',
        description: `The users GET /api/admin/users would list with the same search and status (the administrator’s scope), as an Excel workbook with a title row, a frozen header (Chinese, or English with lang=en), at most ${EXPORT_MAX_ROWS} rows. Logged in the read log with its filters.`,
        querystring: UsersExportQuery,
        response: responses({ 200: workbookAnswer() }),
      },
    },
    async (req, reply) => {
      const { lang: asked, ...filters } = req.query;
      const exported = await exportUsers(ctx, actorOf(req), filters, asked ?? preferredLang(req));
      return sendWorkbook(reply, exported);
    },
  );

  app.get(
    '/admin/officials',
    {
      schema: {
        tags: TAGS,
        summary: '查找干部 · Find officials',
        description:
          'Officials in units inside the administrator’s scope whose name matches, with the account already linked to each (at most 20), for linking a new account.',
        querystring: OfficialSearchQuery,
        response: responses({ 200: OfficialMatches }),
      },
    },
    async (req) => searchOfficials(ctx, actorOf(req), req.query.q ?? ''),
  );

  app.get(
    '/admin/users/:id',
    {
      schema: {
        tags: TAGS,
        summary: '查看用户 · A user',
        description:
          'One user inside the administrator’s scope, with their grants, lock state and the latest administrators’ changes; 404 USER_NOT_FOUND outside it.',
        params: UserIdParams,
        response: responses({ 200: UserAnswer }),
      },
    },
    async (req) => ({ user: await getUser(ctx, actorOf(req), req.params.id) }),
  );
}

/** Creating and editing users: create, edit, grants. */
function userEdits(app: Api, ctx: AppContext) {
  app.post(
    '/admin/users',
    {
      schema: {
        tags: TAGS,
        summary: '新建用户 · Create a user',
        description:
          'The system administrator creates an account with an initial password (the password rules; argon2id), optionally linked to an official, with at least one working role inside the administrator’s scope (the three administrator roles are granted by the security administrator: 403 SECURITY_ADMIN_REQUIRED). 201 with the user; 409 USERNAME_TAKEN; 403 ADMIN_OUT_OF_SCOPE for a grant outside the scope.',
        body: CreateUserBody,
        response: responses({ 201: UserAnswer }),
      },
    },
    async (req, reply) => {
      const user = await createUserAsAdmin(ctx, actorOf(req), req.body);
      reply.status(201);
      return { user };
    },
  );

  app.post(
    '/admin/users/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改用户信息 · Edit a user',
        description: 'Changes the name shown and the interface language.',
        params: UserIdParams,
        body: UpdateUserBody,
        response: responses({ 200: UserAnswer }),
      },
    },
    async (req) => ({ user: await updateUser(ctx, actorOf(req), req.params.id, req.body) }),
  );

  app.post(
    '/admin/users/:id/grants',
    {
      schema: {
        tags: TAGS,
        summary: '设置角色与范围 · Set roles and scopes',
        description:
          'The security administrator’s duty (三员分立; 403 SECURITY_ADMIN_REQUIRED for anyone else): replaces the user’s role grants, each a role over a jurisdiction or unit subtree inside the security administrator’s scope, or `official` over self (needs a linked official). At least one grant (422 USER_GRANTS_REQUIRED); nobody changes their own roles (409 GRANTS_SELF); nobody holds two of the system, security and audit administrator roles (409 ADMIN_ROLES_APART). Takes effect on the user’s next request.',
        params: UserIdParams,
        body: GrantsBody,
        response: responses({ 200: UserAnswer }),
      },
    },
    async (req) => ({
      user: await setGrants(ctx, actorOf(req), req.params.id, req.body.grants),
    }),
  );
}

/** An account's access: password reset, unlock, disable and enable. */
function userAccess(app: Api, ctx: AppContext) {
  app.post(
    '/admin/users/:id/password',
    {
      schema: {
        tags: TAGS,
        summary: '重置密码 · Reset the password',
        description:
          'Sets a new password (the password rules; 422 PASSWORD_WEAK), clears a lock and the failure count, and ends every session of the user.',
        params: UserIdParams,
        body: PasswordBody,
        response: responses({ 200: UserAnswer }),
      },
    },
    async (req) => ({
      user: await resetPassword(ctx, actorOf(req), req.params.id, req.body.password),
    }),
  );

  app.post(
    '/admin/users/:id/unlock',
    {
      schema: {
        tags: TAGS,
        summary: '解除锁定 · Unlock',
        description:
          'Ends a lock after repeated failed sign-ins and resets the failure count, so the user can sign in again at once.',
        params: UserIdParams,
        response: responses({ 200: UserAnswer }),
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
    app.post(
      `/admin/users/:id/${path}`,
      {
        schema: {
          tags: TAGS,
          summary,
          description,
          params: UserIdParams,
          response: responses({ 200: UserAnswer }),
        },
      },
      async (req) => ({ user: await setDisabled(ctx, actorOf(req), req.params.id, disabled) }),
    );
  }
}

/** The organization: the tree, adding a unit, renaming units and jurisdictions. */
function organization(app: Api, ctx: AppContext) {
  app.get(
    '/admin/organization',
    {
      schema: {
        tags: TAGS,
        summary: '组织机构 · The organization',
        description:
          'The jurisdictions and units inside the administrator’s scope, as flat lists with parent ids (a tree), each jurisdiction with its policy pack and calendar years.',
        response: responses({ 200: OrgTree }),
      },
    },
    async (req) => orgTree(ctx, actorOf(req)),
  );

  app.post(
    '/admin/units',
    {
      schema: {
        tags: TAGS,
        summary: '新增单位 · Add a unit',
        description:
          'Adds a unit to a jurisdiction, directly or under a parent unit, inside the administrator’s scope. 201 with the id.',
        body: AddUnitBody,
        response: responses({ 201: Created }),
      },
    },
    async (req, reply) => {
      const r = await addUnit(ctx, actorOf(req), req.body);
      reply.status(201);
      return r;
    },
  );

  app.post(
    '/admin/units/:id/rename',
    {
      schema: {
        tags: TAGS,
        summary: '重命名单位 · Rename a unit',
        params: UnitIdParams,
        body: NamesBody,
        response: responses({ 204: NO_CONTENT }),
      },
    },
    async (req, reply) => {
      await renameUnit(ctx, actorOf(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/admin/jurisdictions/:id/rename',
    {
      schema: {
        tags: TAGS,
        summary: '重命名辖区 · Rename a jurisdiction',
        params: JurisdictionIdParams,
        body: NamesBody,
        response: responses({ 204: NO_CONTENT }),
      },
    },
    async (req, reply) => {
      await renameJurisdiction(ctx, actorOf(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/admin/jurisdictions/:id/applicant-assessment',
    {
      schema: {
        tags: TAGS,
        summary: '申请人可见初步评估 · Whether applicants see the preliminary assessment',
        description:
          'Sets whether the application form of the jurisdiction shows the applicant the engine’s preliminary assessment (a predicted outcome). Off by default: the form shows which conditions the measure weighs. Recorded in the administration trail.',
        params: JurisdictionIdParams,
        body: ApplicantAssessmentBody,
        response: responses({ 204: NO_CONTENT }),
      },
    },
    async (req, reply) => {
      await setApplicantAssessment(ctx, actorOf(req), req.params.id, req.body.enabled);
      return reply.status(204).send(null);
    },
  );
}

/** A jurisdiction's document numbering: its issuing code and the pattern of each kind. */
function numbering(app: Api, ctx: AppContext) {
  app.get(
    '/admin/jurisdictions/:id/numbering',
    {
      schema: {
        tags: TAGS,
        summary: '发文字号设置 · Document numbering',
        description:
          'The issuing code (机关代字) and the pattern of the case number and of each document type, each as set (null: the default) beside its default.',
        params: JurisdictionIdParams,
        response: responses({ 200: DocumentNumbering }),
      },
    },
    async (req) => documentNumbering(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/admin/jurisdictions/:id/numbering',
    {
      schema: {
        tags: TAGS,
        summary: '设置发文字号 · Set the document numbering',
        description:
          'Sets the issuing code and the patterns. A pattern must hold {year} and {n} and no other placeholder than {code}; 400 VALIDATION names the field (`code` or `patterns.<type>`) and the placeholder missing. Applies to numbers taken afterwards; issued numbers are not changed. Recorded in the administration trail.',
        params: JurisdictionIdParams,
        body: DocumentNumberingBody,
        response: responses({ 200: DocumentNumbering }),
      },
    },
    async (req) => setDocumentNumbering(ctx, actorOf(req), req.params.id, req.body),
  );
}

/** The shipped working-day calendars. */
function calendars(app: Api, ctx: AppContext) {
  app.get(
    '/admin/calendars',
    {
      schema: {
        tags: TAGS,
        summary: '工作日日历 · Working-day calendars',
        description: 'The calendars and their shipped years, each published or provisional.',
        response: responses({ 200: CalendarList }),
      },
    },
    async (req) => listCalendars(ctx, actorOf(req)),
  );

  app.get(
    '/admin/calendars/:id/:year',
    {
      schema: {
        tags: TAGS,
        summary: '日历年份 · A calendar year',
        description:
          'Every day of a shipped year: working or not, holidays with their names, make-up working weekends (调休上班), and whether the year is provisional (no State Council notice yet: deadlines on it are flagged).',
        params: CalendarYearParams,
        response: responses({ 200: CalendarYear }),
      },
    },
    async (req) => calendarYear(ctx, actorOf(req), req.params.id, req.params.year),
  );
}

export async function adminRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const app = typed(base);
  userReads(app, opts.ctx);
  userEdits(app, opts.ctx);
  userAccess(app, opts.ctx);
  organization(app, opts.ctx);
  numbering(app, opts.ctx);
  calendars(app, opts.ctx);
}
