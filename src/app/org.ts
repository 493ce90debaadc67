/**
 * Organization: jurisdictions in a tree (each bound to a policy pack and a calendar), units in a
 * tree inside them, officials, users and their role grants. Used by administration and the demo.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { hash } from '@node-rs/argon2';
import type { Actor, Grant, Role, ScopeKind } from '../domain/roles.js';
import type { AnyDb } from './db.js';
import type { Tx } from '../store/index.js';
import type { AppContext } from './context.js';
import { AppError, invalid } from './errors.js';
import { jurisdictions, officials, roleGrants, units, users, type Schema } from './tables.js';
import { idCardProblem, normalizeIdCard } from '../shared/id-card.js';

export const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  if (password.length < 8) {
    throw invalid('password', '密码至少 8 个字符。', 'a password needs at least 8 characters.');
  }
  return hash(password, ARGON2_OPTIONS);
}

export interface NewJurisdiction {
  readonly id: string;
  readonly parentId?: string;
  readonly level: 'national' | 'province' | 'city' | 'district' | 'new_area';
  readonly nameZh: string;
  readonly nameEn: string;
  readonly packId: string;
  readonly calendarId?: string;
}

export async function createJurisdiction(ctx: AppContext, j: NewJurisdiction, tx?: Tx<Schema>) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(j.id)) {
    throw invalid(
      'id',
      '只能包含小写字母、数字和连字符。',
      'use lower-case letters, digits and hyphens.',
    );
  }
  if (!ctx.engine.packs.has(j.packId)) {
    throw invalid('packId', `没有策略包“${j.packId}”。`, `no policy pack '${j.packId}'.`);
  }
  const run = async (t: Tx<Schema>) => {
    let path = `/${j.id}/`;
    if (j.parentId) {
      const [parent] = await t.select().from(jurisdictions).where(eq(jurisdictions.id, j.parentId));
      if (!parent)
        throw invalid(
          'parentId',
          `没有上级辖区“${j.parentId}”。`,
          `no parent jurisdiction '${j.parentId}'.`,
        );
      path = `${parent.path}${j.id}/`;
    }
    const [row] = await t
      .insert(jurisdictions)
      .values({
        id: j.id,
        parentId: j.parentId ?? null,
        path,
        level: j.level,
        nameZh: j.nameZh,
        nameEn: j.nameEn,
        packId: j.packId,
        calendarId: j.calendarId ?? 'cn',
      })
      .returning();
    return row!;
  };
  return tx ? run(tx) : ctx.store.tx(run);
}

export interface NewUnit {
  readonly jurisdictionId: string;
  readonly parentId?: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind?: string;
}

export async function createUnit(ctx: AppContext, u: NewUnit, tx?: Tx<Schema>) {
  const run = async (t: Tx<Schema>) => {
    const id = randomUUID();
    let base: string;
    if (u.parentId) {
      const [parent] = await t.select().from(units).where(eq(units.id, u.parentId));
      if (!parent) throw invalid('parentId', '没有该上级单位。', 'no such parent unit.');
      if (parent.jurisdictionId !== u.jurisdictionId) {
        throw invalid(
          'parentId',
          '上级单位不在同一辖区。',
          'the parent unit is in another jurisdiction.',
        );
      }
      base = parent.path;
    } else {
      const [j] = await t
        .select()
        .from(jurisdictions)
        .where(eq(jurisdictions.id, u.jurisdictionId));
      if (!j) throw invalid('jurisdictionId', '没有该辖区。', 'no such jurisdiction.');
      base = j.path;
    }
    const [row] = await t
      .insert(units)
      .values({
        id,
        jurisdictionId: u.jurisdictionId,
        parentId: u.parentId ?? null,
        path: `${base}u:${id}/`,
        nameZh: u.nameZh,
        nameEn: u.nameEn,
        kind: u.kind ?? 'department',
      })
      .returning();
    return row!;
  };
  return tx ? run(tx) : ctx.store.tx(run);
}

export interface NewOfficial {
  readonly name: string;
  readonly unitId: string;
  readonly managingJurisdictionId: string;
  readonly positionZh?: string;
  readonly positionEn?: string;
  /** The identity card number (居民身份证号码); checked and stored normalized. */
  readonly idCard?: string;
}

/** The identity card number as stored, or a VALIDATION error saying what is wrong with it. */
export function checkedIdCard(field: string, input: string): string {
  const idCard = normalizeIdCard(input);
  const problem = idCardProblem(idCard);
  if (problem === 'format') {
    throw invalid(
      field,
      '居民身份证号码应为 18 位：前 17 位为数字，最后一位为数字或 X。',
      'an identity card number has 18 characters: 17 digits, then a digit or X.',
    );
  }
  if (problem === 'check') {
    throw invalid(
      field,
      '居民身份证号码的校验位不符，请核对号码是否输错。',
      'the check character of the identity card number does not match: check the number for a typing error.',
    );
  }
  return idCard;
}

export async function createOfficial(ctx: AppContext, o: NewOfficial, tx?: Tx<Schema>) {
  const run = async (t: Tx<Schema>) => {
    const [row] = await t
      .insert(officials)
      .values({
        id: randomUUID(),
        name: o.name,
        unitId: o.unitId,
        managingJurisdictionId: o.managingJurisdictionId,
        positionZh: o.positionZh ?? '',
        positionEn: o.positionEn ?? '',
        idCard: o.idCard === undefined ? null : checkedIdCard('idCard', o.idCard),
      })
      .returning();
    return row!;
  };
  return tx ? run(tx) : ctx.store.tx(run);
}

export interface NewGrant {
  readonly role: Role;
  readonly scopeKind: ScopeKind;
  /** A jurisdiction id, a unit id, or '' for self. */
  readonly scopeId: string;
  /** The department a `consultee` answers for. */
  readonly department?: string;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly officialId?: string;
  readonly locale?: 'zh' | 'en';
  readonly grants: readonly NewGrant[];
}

/** Creates a user with an argon2id password hash and their grants (scope paths resolved). */
export async function createUser(ctx: AppContext, u: NewUser, passwordHash?: string) {
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(u.username)) {
    throw invalid(
      'username',
      '用户名为 2–64 个字母、数字或 _ . -。',
      'use 2–64 letters, digits or _ . -.',
    );
  }
  const hashed = passwordHash ?? (await hashPassword(u.password));
  return ctx.store.tx(async (t) => {
    const [existing] = await t
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, u.username));
    if (existing) throw invalid('username', '该用户名已被使用。', 'this username is taken.');
    const id = randomUUID();
    await t.insert(users).values({
      id,
      username: u.username,
      displayName: u.displayName,
      passwordHash: hashed,
      officialId: u.officialId ?? null,
      locale: u.locale ?? 'zh',
      failedLogins: 0,
      disabled: false,
    });
    for (const g of u.grants) {
      await t.insert(roleGrants).values({
        id: randomUUID(),
        userId: id,
        ...(await resolveScope(t, g)),
        department: g.role === 'consultee' ? (g.department ?? null) : null,
      });
    }
    return id;
  });
}

async function resolveScope(t: Tx<Schema>, g: NewGrant) {
  if (g.scopeKind === 'self')
    return { role: g.role, scopeKind: 'self', scopeId: '', scopePath: '' };
  if (g.scopeKind === 'jurisdiction') {
    const [j] = await t.select().from(jurisdictions).where(eq(jurisdictions.id, g.scopeId));
    if (!j) throw invalid('scopeId', `没有辖区“${g.scopeId}”。`, `no jurisdiction '${g.scopeId}'.`);
    return { role: g.role, scopeKind: 'jurisdiction', scopeId: g.scopeId, scopePath: j.path };
  }
  const [u] = await t.select().from(units).where(eq(units.id, g.scopeId));
  if (!u) throw invalid('scopeId', '没有该单位。', 'no such unit.');
  return { role: g.role, scopeKind: 'unit', scopeId: g.scopeId, scopePath: u.path };
}

/**
 * A user as an actor: their names, official identity and grants (in a fixed order), and whether
 * the user is disabled; undefined for no such user. Loading an actor and resolving a session
 * (src/server/auth/sessions.ts) both use it: one definition of what an actor is made of.
 */
export async function actorRecord(
  db: AnyDb,
  userId: string,
): Promise<{ actor: Actor; disabled: boolean } | undefined> {
  const [user] = await db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      officialId: users.officialId,
      disabled: users.disabled,
    })
    .from(users)
    .where(eq(users.id, userId))
    .prepare('actor_user') // every request runs it (see ./db.ts)
    .execute();
  if (!user) return undefined;
  const grants = await db
    .select({
      role: roleGrants.role,
      scopeKind: roleGrants.scopeKind,
      scopeId: roleGrants.scopeId,
      scopePath: roleGrants.scopePath,
      department: roleGrants.department,
    })
    .from(roleGrants)
    .where(eq(roleGrants.userId, userId))
    .orderBy(asc(roleGrants.role), asc(roleGrants.scopePath))
    .prepare('actor_grants')
    .execute();
  const { disabled, ...names } = user;
  return {
    disabled,
    actor: {
      ...names,
      grants: grants.map((g): Grant => ({
        ...g,
        role: g.role as Role,
        scopeKind: g.scopeKind as ScopeKind,
      })),
    },
  };
}

/** A user's actor; a missing or disabled user is AUTH_REQUIRED. */
export async function loadActor(ctx: AppContext, userId: string, db?: AnyDb): Promise<Actor> {
  const found = await actorRecord(db ?? ctx.store.db, userId);
  if (!found || found.disabled) throw new AppError('AUTH_REQUIRED');
  return found.actor;
}
