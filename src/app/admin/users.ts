/**
 * Administering user accounts inside an administrator's scope (scope.ts): the list and one user,
 * creating a user with their grants, changing grants, name and language, resetting a password,
 * unlocking after failed sign-ins, disabling and enabling. Every write runs in one transaction
 * with its admin_events row; users outside the scope do not exist for the administrator (404).
 * No answer carries a password hash: the presenters below pick the fields.
 */
import { recordSecurityEventIn } from '../trails/security-events.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  TEXT_LIMITS,
  USERNAME_CHARACTERS,
} from '../../shared/limits.js';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { ROLE_LABEL, ROLES, type Actor, type Role, type ScopeKind } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { loginThrottle } from '../login-throttle.js';
import { hashPassword } from '../org.js';
import { escapeLike, pageNumber } from '../queries/paging.js';
import {
  adminEvents,
  jurisdictions,
  officials,
  readLog,
  roleGrants,
  sessions,
  units,
  users,
  type Schema,
} from '../tables.js';
import { recordAdminEvent, type AdminAction } from './events.js';
import { checkPassword, readPasswordPolicy, rememberPassword } from './password.js';
import { checkAdministratorsApart, checkAdministratorRolesGranter } from './separation.js';
import {
  adminScopes,
  inScopes,
  requireAdmin,
  requireSecurityAdmin,
  requireUserReader,
  roleScopes,
  userInScopes,
} from './scope.js';

export interface GrantInput {
  readonly role: Role;
  readonly scopeKind: ScopeKind;
  /** A jurisdiction id, a unit id, or '' for self. */
  readonly scopeId: string;
  /** The department a `consultee` answers for (a pack's code, or a name); only for that role. */
  readonly department?: string | null;
}

export interface AdminGrant {
  readonly id: string;
  readonly role: Role;
  readonly roleLabel: I18nText;
  readonly scopeKind: ScopeKind;
  readonly scopeId: string;
  /** The jurisdiction's or unit's name; null for self. */
  readonly scopeName: I18nText | null;
  /** The department a `consultee` answers for; null for every other role. */
  readonly department: string | null;
}

export interface AdminUserAbilities {
  /** Rename, change the language (the system administrator). */
  readonly edit: boolean;
  /** Change the roles (the security administrator; never one's own). */
  readonly editGrants: boolean;
  /** Remove the second factor, so that the user sets it up again (the security administrator). */
  readonly resetTwoFactor: boolean;
  readonly resetPassword: boolean;
  readonly unlock: boolean;
  readonly disable: boolean;
  readonly enable: boolean;
}

export interface AdminUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly locale: 'zh' | 'en';
  readonly disabled: boolean;
  /** Locked by failed sign-ins until this instant (null when not locked now). */
  readonly lockedUntil: string | null;
  readonly failedLogins: number;
  /** Whether the user signs in with a second factor (a confirmed TOTP). */
  readonly twoFactor: boolean;
  readonly official: {
    readonly id: string;
    readonly name: string;
    readonly unitName: I18nText;
  } | null;
  readonly grants: readonly AdminGrant[];
  readonly createdAt: string;
  readonly abilities: AdminUserAbilities;
}

export interface AdminEventView {
  readonly id: number;
  readonly action: string;
  readonly actor: { readonly id: string; readonly name: string };
  readonly at: string;
  readonly payload: Record<string, unknown>;
}

export interface AdminUserDetail extends AdminUser {
  /** The latest changes administrators made to this user, newest first (at most 20). */
  readonly history: readonly AdminEventView[];
}

export interface ListUsersInput {
  readonly q?: string;
  readonly status?: 'active' | 'locked' | 'disabled';
  readonly page?: number;
  readonly pageSize?: number;
}

export interface UserPage {
  readonly items: readonly AdminUser[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  locale: string;
  disabled: boolean;
  locked_until: Date | null;
  failed_logins: number;
  official_id: string | null;
  official_name: string | null;
  unit_name_zh: string | null;
  unit_name_en: string | null;
  created_at: Date;
  two_factor: boolean;
}

const USER_COLUMNS = sql`u.id, u.username, u.display_name, u.locale, u.disabled, u.locked_until,
  u.failed_logins, u.official_id, o.name AS official_name, un.name_zh AS unit_name_zh,
  un.name_en AS unit_name_en, u.created_at,
  EXISTS (SELECT 1 FROM totp_secrets t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL)
    AS two_factor`;
const USER_FROM = sql`users u LEFT JOIN officials o ON o.id = u.official_id
  LEFT JOIN units un ON un.id = o.unit_id`;

/** Grants of the users, with their scopes' names. */
async function grantsOf(tx: Tx<Schema>, userIds: readonly string[]) {
  const byUser = new Map<string, AdminGrant[]>();
  if (userIds.length === 0) return byUser;
  const rows = await tx
    .select()
    .from(roleGrants)
    .where(inArray(roleGrants.userId, [...userIds]));
  const jIds = rows.filter((g) => g.scopeKind === 'jurisdiction').map((g) => g.scopeId);
  const uIds = rows.filter((g) => g.scopeKind === 'unit').map((g) => g.scopeId);
  const names = new Map<string, I18nText>();
  if (jIds.length > 0) {
    for (const j of await tx
      .select({ id: jurisdictions.id, zh: jurisdictions.nameZh, en: jurisdictions.nameEn })
      .from(jurisdictions)
      .where(inArray(jurisdictions.id, jIds))) {
      names.set(`jurisdiction:${j.id}`, { zh: j.zh, en: j.en });
    }
  }
  if (uIds.length > 0) {
    for (const u of await tx
      .select({ id: units.id, zh: units.nameZh, en: units.nameEn })
      .from(units)
      .where(inArray(units.id, uIds))) {
      names.set(`unit:${u.id}`, { zh: u.zh, en: u.en });
    }
  }
  const order = (r: string) => ROLES.indexOf(r as Role);
  rows.sort((a, b) => order(a.role) - order(b.role) || a.scopeId.localeCompare(b.scopeId));
  for (const g of rows) {
    const list = byUser.get(g.userId) ?? [];
    list.push({
      id: g.id,
      role: g.role as Role,
      roleLabel: ROLE_LABEL[g.role as Role] ?? { zh: g.role, en: g.role },
      scopeKind: g.scopeKind as ScopeKind,
      scopeId: g.scopeId,
      scopeName: g.scopeKind === 'self' ? null : (names.get(`${g.scopeKind}:${g.scopeId}`) ?? null),
      department: g.department,
    });
    byUser.set(g.userId, list);
  }
  return byUser;
}

function present(actor: Actor, r: UserRow, grants: readonly AdminGrant[], now: Date): AdminUser {
  const locked = r.locked_until !== null && r.locked_until.getTime() > now.getTime();
  const self = r.id === actor.userId;
  // Each administrator is offered what their duty holds (三员分立): accounts to the system
  // administrator, roles and second factors to the security administrator.
  const admin = adminScopes(actor).length > 0;
  const security = roleScopes(actor, ['security_admin']).length > 0;
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    locale: r.locale === 'en' ? 'en' : 'zh',
    disabled: r.disabled,
    lockedUntil: locked ? r.locked_until!.toISOString() : null,
    failedLogins: r.failed_logins,
    twoFactor: r.two_factor,
    official:
      r.official_id === null
        ? null
        : {
            id: r.official_id,
            name: r.official_name ?? '',
            unitName: { zh: r.unit_name_zh ?? '', en: r.unit_name_en ?? '' },
          },
    grants,
    createdAt: r.created_at.toISOString(),
    abilities: {
      edit: admin,
      editGrants: security && !self,
      resetTwoFactor: security && r.two_factor,
      resetPassword: admin && !r.disabled,
      unlock: admin && locked,
      disable: admin && !r.disabled && !self,
      enable: admin && r.disabled,
    },
  };
}

async function logRead(tx: Tx<Schema>, ctx: AppContext, actor: Actor, what: string) {
  await tx.insert(readLog).values({
    userId: actor.userId,
    caseId: null,
    jurisdictionId: null,
    what,
    at: ctx.now(),
  });
}

/** A search term over TEXT_LIMITS.search. */
function searchTooLong() {
  const { max } = TEXT_LIMITS.search;
  return invalid('q', `搜索词不能超过 ${max} 个字符。`, `use at most ${max} characters.`);
}

/** A username: USERNAME_CHARACTERS, as long as TEXT_LIMITS.username allows. */
const USERNAME = new RegExp(
  `^${USERNAME_CHARACTERS}{${TEXT_LIMITS.username.min},${TEXT_LIMITS.username.max}}$`,
);

export async function listUsers(
  ctx: AppContext,
  actor: Actor,
  input: ListUsersInput = {},
): Promise<UserPage> {
  const scopes = requireUserReader(actor);
  const page = pageNumber(input.page, 'page', 1, 1_000_000);
  const pageSize = pageNumber(input.pageSize, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const q = (input.q ?? '').trim();
  if (q.length > TEXT_LIMITS.search.max) throw searchTooLong();
  const now = ctx.now();
  const where: SQL[] = [userInScopes(scopes)];
  if (q !== '') {
    const p = `%${escapeLike(q)}%`;
    where.push(sql`(u.username ILIKE ${p} OR u.display_name ILIKE ${p} OR o.name ILIKE ${p})`);
  }
  if (input.status === 'disabled') where.push(sql`u.disabled`);
  if (input.status === 'active') {
    where.push(sql`NOT u.disabled AND (u.locked_until IS NULL OR u.locked_until <= ${now})`);
  }
  if (input.status === 'locked') where.push(sql`u.locked_until > ${now}`);
  const condition = sql.join(where, sql` AND `);

  return ctx.store.tx(async (tx, raw) => {
    const totalRows = await raw.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM ${USER_FROM} WHERE ${condition}`,
    );
    const rows = await raw.query<UserRow>(
      sql`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE ${condition}
          ORDER BY u.username LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    );
    const grants = await grantsOf(
      tx,
      rows.rows.map((r) => r.id),
    );
    await logRead(tx, ctx, actor, 'admin.users');
    return {
      items: rows.rows.map((r) => present(actor, r, grants.get(r.id) ?? [], now)),
      total: Number(totalRows.rows[0]?.n ?? 0),
      page,
      pageSize,
    };
  });
}

/** Loads a user inside the scopes (locking the row for a write), or 404s. */
export async function loadInScope(
  raw: { query: <T>(q: SQL) => Promise<{ rows: T[] }> },
  scopes: readonly string[],
  userId: string,
  forUpdate: boolean,
): Promise<UserRow> {
  const lock = forUpdate ? sql` FOR UPDATE OF u` : sql``;
  const r = await raw.query<UserRow>(
    sql`SELECT ${USER_COLUMNS} FROM ${USER_FROM}
        WHERE u.id = ${userId} AND ${userInScopes(scopes)}${lock}`,
  );
  const row = r.rows[0];
  if (!row) throw new AppError('USER_NOT_FOUND', { userId });
  return row;
}

export async function getUser(
  ctx: AppContext,
  actor: Actor,
  userId: string,
): Promise<AdminUserDetail> {
  const scopes = requireUserReader(actor);
  return ctx.store.tx(async (tx, raw) => {
    const row = await loadInScope(raw, scopes, userId, false);
    const grants = await grantsOf(tx, [row.id]);
    const events = await tx
      .select({
        id: adminEvents.id,
        action: adminEvents.action,
        actorId: adminEvents.actorId,
        actorName: users.displayName,
        at: adminEvents.at,
        payload: adminEvents.payload,
      })
      .from(adminEvents)
      .innerJoin(users, eq(users.id, adminEvents.actorId))
      .where(and(eq(adminEvents.targetKind, 'user'), eq(adminEvents.targetId, row.id)))
      .orderBy(desc(adminEvents.at), desc(adminEvents.id))
      .limit(20);
    await logRead(tx, ctx, actor, 'admin.user');
    return {
      ...present(actor, row, grants.get(row.id) ?? [], ctx.now()),
      history: events.map((e) => ({
        id: e.id,
        action: e.action,
        actor: { id: e.actorId, name: e.actorName },
        at: e.at.toISOString(),
        payload: e.payload,
      })),
    };
  });
}

interface ResolvedGrant {
  readonly role: Role;
  readonly scopeKind: ScopeKind;
  readonly scopeId: string;
  readonly scopePath: string;
  readonly department: string | null;
}

/**
 * The department of a grant: a `consultee` answers for one (trimmed, within
 * TEXT_LIMITS.department) over a jurisdiction; no other role names one.
 */
function grantDepartment(g: GrantInput, field: string): string | null {
  const name = typeof g.department === 'string' ? g.department.trim() : '';
  if (g.role !== 'consultee') {
    if (name !== '') {
      throw invalid(
        `${field}.department`,
        '只有“会商部门经办人”角色需要指定部门。',
        'only the consulted-department officer role names a department.',
      );
    }
    return null;
  }
  const { min, max } = TEXT_LIMITS.department;
  if ([...name].length < min || [...name].length > max) {
    throw invalid(
      `${field}.department`,
      `请为“会商部门经办人”选择或填写其所属部门（${min}–${max} 个字符）。`,
      `choose or enter the department the consulted-department officer answers for (${min}–${max} characters).`,
    );
  }
  if (g.scopeKind !== 'jurisdiction') {
    throw invalid(
      `${field}.scopeKind`,
      '“会商部门经办人”角色须授予辖区范围：部门答复的是本辖区案件的会商请求。',
      'the consulted-department officer role is held over a jurisdiction: the department answers the requests of its cases.',
    );
  }
  return name;
}

/**
 * Checks and resolves grants: known roles; `official` exactly over `self`, which needs a linked
 * official; every other scope a jurisdiction or unit inside the administrator's scopes.
 */
async function resolveGrants(
  tx: Tx<Schema>,
  scopes: readonly string[],
  grants: readonly GrantInput[],
  officialId: string | null,
): Promise<ResolvedGrant[]> {
  if (grants.length === 0) throw new AppError('USER_GRANTS_REQUIRED', { field: 'grants' });
  const out: ResolvedGrant[] = [];
  const seen = new Set<string>();
  for (const [i, g] of grants.entries()) {
    const field = `grants[${i}]`;
    if (!(ROLES as readonly string[]).includes(g.role)) {
      throw invalid(`${field}.role`, `没有角色“${g.role}”。`, `no role '${g.role}'.`);
    }
    if ((g.role === 'official') !== (g.scopeKind === 'self')) {
      throw invalid(
        `${field}.scopeKind`,
        '“干部（申请人）”角色只能授予本人范围，其他角色须授予辖区或单位。',
        "the 'official' role is held over oneself only; every other role over a jurisdiction or unit.",
      );
    }
    const key = `${g.role}|${g.scopeKind}|${g.scopeKind === 'self' ? '' : g.scopeId}`;
    const department = grantDepartment(g, field);
    if (seen.has(key)) continue;
    seen.add(key);
    if (g.scopeKind === 'self') {
      if (officialId === null) {
        throw invalid(
          `${field}.role`,
          '“干部（申请人）”角色需要先关联一名干部。',
          "the 'official' role needs the account to be linked to an official.",
        );
      }
      out.push({ role: g.role, scopeKind: 'self', scopeId: '', scopePath: '', department });
      continue;
    }
    const [found] =
      g.scopeKind === 'jurisdiction'
        ? await tx
            .select({ path: jurisdictions.path })
            .from(jurisdictions)
            .where(eq(jurisdictions.id, g.scopeId))
        : /^[0-9a-f-]{36}$/i.test(g.scopeId)
          ? await tx.select({ path: units.path }).from(units).where(eq(units.id, g.scopeId))
          : [];
    if (!found) throw new AppError('ORG_NOT_FOUND', { field: `${field}.scopeId` });
    if (!inScopes(scopes, found.path)) {
      throw new AppError('ADMIN_OUT_OF_SCOPE', { field: `${field}.scopeId` });
    }
    out.push({
      role: g.role,
      scopeKind: g.scopeKind,
      scopeId: g.scopeId,
      scopePath: found.path,
      department,
    });
  }
  checkAdministratorsApart(out.map((g) => g.role));
  return out;
}

/** The official to link: inside the scopes and not yet linked to another account. */
async function checkOfficial(
  tx: Tx<Schema>,
  scopes: readonly string[],
  officialId: string,
  exceptUserId?: string,
): Promise<void> {
  const [o] = await tx
    .select({ path: units.path })
    .from(officials)
    .innerJoin(units, eq(units.id, officials.unitId))
    .where(eq(officials.id, officialId));
  if (!o || !inScopes(scopes, o.path)) {
    throw new AppError('ORG_NOT_FOUND', { field: 'officialId' });
  }
  const linked = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.officialId, officialId));
  if (linked.some((u) => u.id !== exceptUserId)) {
    throw invalid(
      'officialId',
      '该干部已有账户；一名干部只能关联一个账户。',
      'this official already has an account; an official is linked to one account only.',
    );
  }
}

/** The scope path an event about a user is filed under: their first placed grant. */
function eventScope(grants: readonly ResolvedGrant[]): string {
  return grants.find((g) => g.scopePath !== '')?.scopePath ?? '';
}

const grantPayload = (grants: readonly ResolvedGrant[]) =>
  grants.map((g) => ({
    role: g.role,
    scopeKind: g.scopeKind,
    scopeId: g.scopeId,
    ...(g.department !== null ? { department: g.department } : {}),
  }));

export interface CreateUserInput {
  readonly username: string;
  readonly displayName: string;
  readonly locale?: 'zh' | 'en';
  readonly password: string;
  readonly officialId?: string | null;
  readonly grants: readonly GrantInput[];
}

export async function createUserAsAdmin(
  ctx: AppContext,
  actor: Actor,
  input: CreateUserInput,
): Promise<AdminUserDetail> {
  const scopes = requireAdmin(actor);
  const username = input.username.trim();
  if (!USERNAME.test(username)) {
    const { min, max } = TEXT_LIMITS.username;
    throw invalid(
      'username',
      `用户名为 ${min}–${max} 个字母、数字或 _ . -。`,
      `use ${min}–${max} letters, digits or _ . -.`,
    );
  }
  const displayName = input.displayName.trim();
  if (displayName === '') throw invalid('displayName', '请填写姓名。', 'enter a name.');
  checkPassword(await readPasswordPolicy(ctx), input.password, username);
  // argon2 outside the transaction: it is slow on purpose.
  const passwordHash = await hashPassword(input.password);
  const officialId = input.officialId ?? null;
  const id = await ctx.store.tx(async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.username}) = lower(${username})`);
    if (taken) throw new AppError('USERNAME_TAKEN', { field: 'username' });
    if (officialId !== null) await checkOfficial(tx, scopes, officialId);
    const grants = await resolveGrants(tx, scopes, input.grants, officialId);
    checkAdministratorRolesGranter(actor, grants);
    const userId = randomUUID();
    await tx.insert(users).values({
      id: userId,
      username,
      displayName,
      passwordHash,
      officialId,
      locale: input.locale ?? 'zh',
      failedLogins: 0,
      disabled: false,
      // A password an administrator chose is changed by its user at the first sign-in.
      mustChangePassword: true,
      passwordChangedAt: ctx.now(),
    });
    await rememberPassword(tx, userId, passwordHash, ctx.now());
    for (const g of grants) await tx.insert(roleGrants).values({ id: randomUUID(), userId, ...g });
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'user.create',
        targetKind: 'user',
        targetId: userId,
        scopePath: eventScope(grants),
        at: ctx.now(),
        payload: { username, displayName, officialId, grants: grantPayload(grants) },
      },
      ctx.settings.crypto.trailHash,
    );
    return userId;
  });
  return getUser(ctx, actor, id);
}

/** Runs a write on one user in scope: loads and locks them, then `fn`, then re-reads. */
export async function writeUser(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  fn: (tx: Tx<Schema>, row: UserRow, scopes: readonly string[]) => Promise<void>,
  require: (actor: Actor) => string[] = requireAdmin,
): Promise<AdminUserDetail> {
  const scopes = require(actor);
  await ctx.store.tx(async (tx, raw) => {
    const row = await loadInScope(raw, scopes, userId, true);
    await fn(tx, row, scopes);
  });
  return getUser(ctx, actor, userId);
}

async function placedScope(tx: Tx<Schema>, userId: string): Promise<string> {
  const [g] = await tx
    .select({ path: roleGrants.scopePath })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), sql`${roleGrants.scopePath} <> ''`))
    .limit(1);
  return g?.path ?? '';
}

export async function event(
  tx: Tx<Schema>,
  ctx: AppContext,
  actor: Actor,
  userId: string,
  action: AdminAction,
  payload: Record<string, unknown> = {},
) {
  await recordAdminEvent(
    tx,
    {
      actorId: actor.userId,
      action,
      targetKind: 'user',
      targetId: userId,
      scopePath: await placedScope(tx, userId),
      at: ctx.now(),
      payload,
    },
    ctx.settings.crypto.trailHash,
  );
}

export interface UpdateUserInput {
  readonly displayName?: string;
  readonly locale?: 'zh' | 'en';
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  input: UpdateUserInput,
): Promise<AdminUserDetail> {
  return writeUser(ctx, actor, userId, async (tx, row) => {
    const changes: { displayName?: string; locale?: 'zh' | 'en' } = {};
    if (input.displayName !== undefined) {
      const name = input.displayName.trim();
      if (name === '') throw invalid('displayName', '请填写姓名。', 'enter a name.');
      if (name !== row.display_name) changes.displayName = name;
    }
    if (input.locale !== undefined && input.locale !== row.locale) changes.locale = input.locale;
    if (Object.keys(changes).length === 0) return;
    await tx.update(users).set(changes).where(eq(users.id, userId));
    await event(tx, ctx, actor, userId, 'user.update', changes);
  });
}

/**
 * Replaces the user's grants: the security administrator's duty (三员分立), inside their scope.
 * Nobody changes their own roles (a security administrator would otherwise give themselves case
 * roles); nobody ends up holding two of the three administrator roles.
 */
export async function setGrants(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  grants: readonly GrantInput[],
): Promise<AdminUserDetail> {
  return writeUser(
    ctx,
    actor,
    userId,
    async (tx, row, scopes) => {
      if (userId === actor.userId) throw new AppError('GRANTS_SELF', { field: 'grants' });
      const resolved = await resolveGrants(tx, scopes, grants, row.official_id);
      const before = await tx
        .select({
          role: roleGrants.role,
          scopeKind: roleGrants.scopeKind,
          scopeId: roleGrants.scopeId,
          department: roleGrants.department,
        })
        .from(roleGrants)
        .where(eq(roleGrants.userId, userId));
      await tx.delete(roleGrants).where(eq(roleGrants.userId, userId));
      for (const g of resolved)
        await tx.insert(roleGrants).values({ id: randomUUID(), userId, ...g });
      await event(tx, ctx, actor, userId, 'user.grants', {
        before: before.map(({ department, ...g }) =>
          department === null ? g : { ...g, department },
        ),
        after: grantPayload(resolved),
      });
    },
    requireSecurityAdmin,
  );
}

/**
 * Sets a new password: the security policy's rules are checked, the lock and the failure count
 * cleared, every open session of the user ended (whoever knew the old password is signed out),
 * and the user must change it at the next sign-in (migration 0032).
 */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  password: string,
): Promise<AdminUserDetail> {
  const scopes = requireAdmin(actor);
  // The rules need the username: read it (in scope) first, hash outside the write.
  const row = await ctx.store.tx((_tx, raw) => loadInScope(raw, scopes, userId, false), {
    readOnly: true,
  });
  if (row.disabled) {
    throw new AppError(
      'VALIDATION',
      { field: 'password' },
      {
        zh: '该账户已停用；请先启用再重置密码。',
        en: 'The account is disabled; enable it before resetting its password.',
      },
    );
  }
  checkPassword(await readPasswordPolicy(ctx), password, row.username);
  const passwordHash = await hashPassword(password);
  return writeUser(ctx, actor, userId, async (tx) => {
    const now = ctx.now();
    // The user changes a password an administrator set at their next sign-in.
    await tx
      .update(users)
      .set({
        passwordHash,
        failedLogins: 0,
        lockedUntil: null,
        mustChangePassword: true,
        passwordChangedAt: now,
      })
      .where(eq(users.id, userId));
    await rememberPassword(tx, userId, passwordHash, now);
    await tx.delete(loginThrottle).where(eq(loginThrottle.userId, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordSecurityEventIn(tx, ctx.settings.crypto.trailHash, {
      kind: 'password.reset_by_admin',
      at: now,
      userId,
      details: { by: actor.userId },
    });
    await event(tx, ctx, actor, userId, 'user.password_reset');
  });
}

export async function unlockUser(
  ctx: AppContext,
  actor: Actor,
  userId: string,
): Promise<AdminUserDetail> {
  return writeUser(ctx, actor, userId, async (tx, row) => {
    const wasLocked = row.locked_until !== null && row.locked_until.getTime() > ctx.now().getTime();
    // Every address's count and lock (login_throttle) go; users' columns are their summary.
    await tx.delete(loginThrottle).where(eq(loginThrottle.userId, userId));
    if (!wasLocked && row.failed_logins === 0) return;
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
    await event(tx, ctx, actor, userId, 'user.unlock', { wasLocked });
  });
}

/** Disables (ending the user's sessions) or enables an account; never one's own. */
export async function setDisabled(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  disabled: boolean,
): Promise<AdminUserDetail> {
  return writeUser(ctx, actor, userId, async (tx, row) => {
    if (disabled && userId === actor.userId) throw new AppError('ADMIN_SELF');
    if (row.disabled === disabled) return;
    await tx.update(users).set({ disabled }).where(eq(users.id, userId));
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await event(tx, ctx, actor, userId, disabled ? 'user.disable' : 'user.enable');
  });
}

export interface OfficialOption {
  readonly id: string;
  readonly name: string;
  readonly position: I18nText;
  readonly unitName: I18nText;
  /** The account already linked to the official, if any. */
  readonly linkedUsername: string | null;
}

/** Officials inside the scopes whose name matches, for linking an account (at most 20). */
export async function searchOfficials(
  ctx: AppContext,
  actor: Actor,
  q: string,
): Promise<{ items: OfficialOption[] }> {
  const scopes = requireUserReader(actor);
  const term = q.trim();
  if (term.length > TEXT_LIMITS.search.max) throw searchTooLong();
  return ctx.store.tx(async (tx) => {
    const inScope = sql.join(
      scopes.map((s) => sql`${units.path} LIKE ${`${escapeLike(s)}%`}`),
      sql` OR `,
    );
    const rows = await tx
      .select({
        id: officials.id,
        name: officials.name,
        positionZh: officials.positionZh,
        positionEn: officials.positionEn,
        unitZh: units.nameZh,
        unitEn: units.nameEn,
        linkedUsername: users.username,
      })
      .from(officials)
      .innerJoin(units, eq(units.id, officials.unitId))
      .leftJoin(users, eq(users.officialId, officials.id))
      .where(
        and(
          sql`(${inScope})`,
          term === '' ? undefined : sql`${officials.name} ILIKE ${`%${escapeLike(term)}%`}`,
        ),
      )
      .orderBy(officials.name)
      .limit(20);
    await logRead(tx, ctx, actor, 'admin.officials');
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        position: { zh: r.positionZh, en: r.positionEn },
        unitName: { zh: r.unitZh, en: r.unitEn },
        linkedUsername: r.linkedUsername,
      })),
    };
  });
}

/** The materialized path every scope lies in: the command line administers the whole store. */
const WHOLE_STORE = '/';

/**
 * The command line (`rongcuo user …`) as an administrator, so that it goes through the same use
 * cases, rules and admin_events trail as the API. Whoever runs it holds the store itself, so it
 * administers everything. Its events need an actor row (admin_events.actor_id references users):
 * one system account per operating-system user, `@cli:NAME`, shown as “命令行（NAME）” in a user's
 * history. The account cannot sign in: it is disabled, its password hash verifies nothing, and
 * `@` is not allowed in usernames people get; it has no grants, so it is placed in no
 * administrator's scope and is never listed.
 */
export async function commandLineActor(ctx: AppContext, osUser: string): Promise<Actor> {
  const who = osUser.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 32) || 'unknown';
  const username = `@cli:${who}`;
  const displayName = `命令行（${who}）`;
  const userId = await ctx.store.tx(async (tx) => {
    await tx
      .insert(users)
      .values({
        id: randomUUID(),
        username,
        displayName,
        passwordHash: '!',
        locale: 'zh',
        failedLogins: 0,
        disabled: true,
      })
      .onConflictDoNothing({ target: users.username });
    const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    return row!.id;
  });
  return {
    userId,
    username,
    displayName,
    officialId: null,
    // The operator on the server holds the store: they create the system, security and audit
    // administrators (bootstrap) and may grant any role. This actor is never a stored grant, so
    // the rule that nobody holds two administrator roles binds every account it writes.
    grants: [
      { role: 'admin', scopeKind: 'jurisdiction', scopeId: '', scopePath: WHOLE_STORE },
      { role: 'security_admin', scopeKind: 'jurisdiction', scopeId: '', scopePath: WHOLE_STORE },
    ],
  };
}

/** A user's id by username (the command line names users), or undefined. */
export async function userIdByName(ctx: AppContext, username: string): Promise<string | undefined> {
  const [row] = await ctx.store.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, username));
  return row?.id;
}
