import { userInfo } from 'node:os';
import { join } from 'node:path';
import { verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../app/bootstrap.js';
import { createJurisdiction, createOfficial, createUnit } from '../../app/org.js';
import { externalIdentities } from '../../app/sso/table.js';
import { adminEvents, roleGrants, securityEvents, sessions, users } from '../../app/tables.js';
import { totpRecoveryCodes, totpSecrets } from '../../app/two-factors/tables.js';
import { cli, expectOneLineError, tempDir } from '../testing/run.js';

const tmp = tempDir();
const data = join(tmp.dir, 'store');
let unitId = '';
let officialId = '';

beforeAll(async () => {
  const app = await openApp({ dataDir: data });
  try {
    await createJurisdiction(app.ctx, {
      id: 'p1',
      level: 'province',
      nameZh: '某省',
      nameEn: 'A Province',
      packId: 'cn-national',
    });
    unitId = (await createUnit(app.ctx, { jurisdictionId: 'p1', nameZh: '局', nameEn: 'Bureau' }))
      .id;
    officialId = (
      await createOfficial(app.ctx, { name: '李四', unitId, managingJurisdictionId: 'p1' })
    ).id;
  } finally {
    await app.close();
  }
}, 120_000);
afterAll(() => tmp.remove());

async function userRow(username: string) {
  const app = await openApp({ dataDir: data, migrate: false });
  try {
    const [u] = await app.store.db.select().from(users).where(eq(users.username, username));
    const grants = u
      ? await app.store.db.select().from(roleGrants).where(eq(roleGrants.userId, u.id))
      : [];
    return { user: u, grants };
  } finally {
    await app.close();
  }
}

describe('rongcuo user add', () => {
  it('creates a user with the password from one line of stdin, hashed with argon2id', async () => {
    const r = await cli(
      [
        'user',
        'add',
        '--data',
        data,
        '--username',
        'intake1',
        '--name',
        '王受理',
        '--password-stdin',
        '--role',
        'intake',
        '--scope',
        'jurisdiction:p1',
      ],
      { stdin: 'a long secret 1\nignored second line\n' },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^已创建用户 intake1（王受理，id [0-9a-f-]{36}）：角色 受理人员（intake），范围 jurisdiction:p1。\n$/,
    );
    const { user, grants } = await userRow('intake1');
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verify(user!.passwordHash, 'a long secret 1')).toBe(true);
    expect(grants.map((g) => [g.role, g.scopeKind, g.scopeId, g.scopePath])).toEqual([
      ['intake', 'jurisdiction', 'p1', '/p1/'],
    ]);
  }, 60_000);

  it('an official is tied to their official record, scope self; --password warns on stderr', async () => {
    const r = await cli([
      'user',
      'add',
      '--data',
      data,
      '--username',
      'lisi',
      '--name',
      '李四',
      '--password',
      'another secret 2',
      '--role',
      'official',
      '--scope',
      'self',
      '--official',
      officialId,
      '--lang',
      'en',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('prefer --password-stdin');
    expect(r.stdout).toContain('role Official (applicant) (official), scope self');
    const { user, grants } = await userRow('lisi');
    expect(user!.officialId).toBe(officialId);
    expect(grants.map((g) => g.scopeKind)).toEqual(['self']);
  }, 60_000);

  it('a unit scope resolves the unit path', async () => {
    const r = await cli(
      [
        'user',
        'add',
        '--data',
        data,
        '--username',
        'party1',
        '--name',
        '党组',
        '--password-stdin',
        '--role',
        'unit_party',
        '--scope',
        `unit:${unitId}`,
      ],
      { stdin: 'unit party secret 3' },
    );
    expect(r.code, r.stderr).toBe(0);
    const { grants } = await userRow('party1');
    expect(grants[0]!.scopePath).toMatch(/^\/p1\/u:/);
  }, 60_000);

  it('a consulted-department officer names their department', async () => {
    const base = ['user', 'add', '--data', data, '--name', '审计', '--password-stdin'];
    const consultee = ['--role', 'consultee', '--scope', 'jurisdiction:p1'];
    const r = await cli([...base, '--username', 'audit1', ...consultee, '--department', 'audit'], {
      stdin: 'audit officer secret 4',
    });
    expect(r.code, r.stderr).toBe(0);
    expect((await userRow('audit1')).grants[0]).toMatchObject({
      role: 'consultee',
      department: 'audit',
    });
    const none = await cli([...base, '--username', 'audit2', ...consultee], {
      stdin: 'audit officer secret 4',
    });
    expect(none.code).toBe(2);
    expect((await userRow('audit2')).user).toBeUndefined();
  }, 60_000);

  it('refuses bad input with one line, exit 2, and creates nothing', async () => {
    const base = ['user', 'add', '--data', data, '--name', 'X', '--password-stdin'];
    const stdin = 'good password 4';
    expectOneLineError(
      await cli(
        [...base, '--username', 'intake1', '--role', 'intake', '--scope', 'jurisdiction:p1'],
        { stdin },
      ),
      2,
      'USERNAME_TAKEN',
    );
    expectOneLineError(
      await cli([...base, '--username', 'u2', '--role', 'intak', '--scope', 'jurisdiction:p1'], {
        stdin,
      }),
      2,
      '“intak”',
      '“intake”',
    );
    expectOneLineError(
      await cli([...base, '--username', 'u2', '--role', 'intake', '--scope', 'province:p1'], {
        stdin,
      }),
      2,
      '--scope',
    );
    expectOneLineError(
      await cli([...base, '--username', 'u2', '--role', 'intake', '--scope', 'jurisdiction:nope'], {
        stdin,
      }),
      2,
      'nope',
    );
    expectOneLineError(
      await cli([...base, '--username', 'u2', '--role', 'intake', '--scope', 'unit:not-a-uuid'], {
        stdin,
      }),
      2,
      'UUID',
    );
    expectOneLineError(
      await cli([...base, '--username', 'u2', '--role', 'official', '--scope', 'self'], { stdin }),
      2,
      '--official',
    );
    expectOneLineError(
      await cli(
        [
          ...base,
          '--username',
          'u2',
          '--role',
          'official',
          '--scope',
          'self',
          '--official',
          '00000000-0000-4000-8000-000000000000',
        ],
        { stdin },
      ),
      2,
      '00000000-0000-4000-8000-000000000000',
    );
    expectOneLineError(
      await cli([...base, '--username', 'u2', '--role', 'intake', '--scope', 'jurisdiction:p1'], {
        stdin: 'short\n',
      }),
      2,
      'PASSWORD_WEAK',
      '10',
    );
    expectOneLineError(
      await cli([...base, '--username', 'u2', '--role', 'intake', '--scope', 'jurisdiction:p1'], {
        stdin: '',
      }),
      2,
      '标准输入',
    );
    expectOneLineError(
      await cli([
        'user',
        'add',
        '--data',
        data,
        '--username',
        'u2',
        '--name',
        'X',
        '--role',
        'intake',
        '--scope',
        'jurisdiction:p1',
      ]),
      2,
      '--password-stdin',
    );
    expect((await userRow('u2')).user).toBeUndefined();
  }, 120_000);
});

describe('rongcuo user passwd', () => {
  it('sets a new password, clears the lock and ends the sessions', async () => {
    const app = await openApp({ dataDir: data, migrate: false });
    try {
      const [u] = await app.store.db.select().from(users).where(eq(users.username, 'intake1'));
      await app.store.db
        .update(users)
        .set({ failedLogins: 7, lockedUntil: new Date(Date.now() + 3600_000) })
        .where(eq(users.id, u!.id));
      await app.store.db.insert(sessions).values({
        idHash: 'h1',
        userId: u!.id,
        csrfToken: 'c',
        expiresAt: new Date(Date.now() + 3600_000),
        ip: '',
        userAgent: '',
      });
    } finally {
      await app.close();
    }
    const r = await cli(
      ['user', 'passwd', '--data', data, '--username', 'intake1', '--password-stdin'],
      {
        stdin: 'a new long secret 5\r\n',
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已更新用户 intake1 的密码');
    expect(r.stdout).toContain('结束了其 1 个会话');
    const { user } = await userRow('intake1');
    expect(await verify(user!.passwordHash, 'a new long secret 5')).toBe(true);
    expect(await verify(user!.passwordHash, 'a long secret 1')).toBe(false);
    expect(user!.failedLogins).toBe(0);
    expect(user!.lockedUntil).toBeNull();
    // A password set from the command line is the user's to change at the next sign-in.
    expect(user!.mustChangePassword).toBe(true);
  }, 60_000);

  it('an unknown user or a short password: one line, exit 2', async () => {
    expectOneLineError(
      await cli(['user', 'passwd', '--data', data, '--username', 'ghost', '--password-stdin'], {
        stdin: 'long enough pw 6',
      }),
      2,
      'ghost',
    );
    expectOneLineError(
      await cli(['user', 'passwd', '--data', data, '--username', 'intake1', '--password-stdin'], {
        stdin: 'short',
      }),
      2,
      'PASSWORD_WEAK',
    );
    expectOneLineError(await cli(['user']), 2, 'add', 'passwd');
    expectOneLineError(await cli(['user', 'paswd']), 2, '“user passwd”');
  }, 60_000);
});

describe('one rule and one trail with the API', () => {
  async function trail(username: string) {
    const app = await openApp({ dataDir: data, migrate: false });
    try {
      const [u] = await app.store.db.select().from(users).where(eq(users.username, username));
      return await app.store.db
        .select({ action: adminEvents.action, actor: users.username, payload: adminEvents.payload })
        .from(adminEvents)
        .innerJoin(users, eq(users.id, adminEvents.actorId))
        .where(eq(adminEvents.targetId, u!.id))
        .orderBy(adminEvents.id);
    } finally {
      await app.close();
    }
  }
  const cliActor = `@cli:${userInfo().username}`;

  it('user add keeps the password rules the API keeps (letter, digit, not the username)', async () => {
    const add = (username: string, stdin: string) =>
      cli(
        [
          ...['user', 'add', '--data', data, '--username', username, '--name', 'X'],
          ...['--password-stdin', '--role', 'intake', '--scope', 'jurisdiction:p1'],
        ],
        { stdin },
      );
    expectOneLineError(await add('rules1', 'no digits in here'), 2, 'PASSWORD_WEAK');
    expectOneLineError(await add('rules1', '1234567890123'), 2, 'PASSWORD_WEAK');
    expectOneLineError(await add('rules1', 'my rules1 password'), 2, 'PASSWORD_WEAK');
    expect((await userRow('rules1')).user).toBeUndefined();
    expectOneLineError(
      await cli(['user', 'passwd', '--data', data, '--username', 'intake1', '--password-stdin'], {
        stdin: 'no digits in here',
      }),
      2,
      'PASSWORD_WEAK',
    );
  }, 60_000);

  it('user add and user passwd write admin_events rows whose actor is the command line', async () => {
    const events = await trail('intake1');
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['user.create', cliActor],
      ['user.password_reset', cliActor],
    ]);
    expect(events[0]!.payload).toMatchObject({ username: 'intake1' });
    expect(JSON.stringify(events)).not.toContain('secret');
    // The command line's account cannot sign in and holds no role.
    const { user, grants } = await userRow(cliActor);
    expect(user).toMatchObject({ disabled: true, displayName: `命令行（${userInfo().username}）` });
    expect(grants).toEqual([]);
    // One account per operating-system user, however many commands ran.
    const app = await openApp({ dataDir: data, migrate: false });
    try {
      const rows = await app.store.db.select().from(users).where(eq(users.username, cliActor));
      expect(rows).toHaveLength(1);
    } finally {
      await app.close();
    }
  }, 60_000);
});

describe('rongcuo user link-identity, unlink-identity, identities, reset-totp', () => {
  const cliActor = `@cli:${userInfo().username}`;

  /** Runs `fn` against the store, closed after. */
  async function withStore<T>(fn: (app: Awaited<ReturnType<typeof openApp>>) => Promise<T>) {
    const app = await openApp({ dataDir: data, migrate: false });
    try {
      return await fn(app);
    } finally {
      await app.close();
    }
  }

  async function trailOf(username: string) {
    return withStore(async (app) => {
      const [u] = await app.store.db.select().from(users).where(eq(users.username, username));
      return app.store.db
        .select({ action: adminEvents.action, actor: users.username, payload: adminEvents.payload })
        .from(adminEvents)
        .innerJoin(users, eq(users.id, adminEvents.actorId))
        .where(eq(adminEvents.targetId, u!.id))
        .orderBy(adminEvents.id);
    });
  }

  it('links an identity through the API’s use case, lists it, refuses a taken one', async () => {
    const link = ['user', 'link-identity', '--data', data];
    const r = await cli([...link, 'party1', '--provider', 'oidc', '--subject', ' zs-330102 ']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      '已将统一身份认证账号 oidc:zs-330102 关联到用户 party1：该账号登录即为该用户，权限以本系统授予为准。\n',
    );
    const rows = await withStore((app) =>
      app.store.db
        .select()
        .from(externalIdentities)
        .where(eq(externalIdentities.subject, 'zs-330102')),
    );
    expect(rows).toHaveLength(1);
    expect((await trailOf('party1')).at(-1)).toMatchObject({
      action: 'user.external_link',
      actor: cliActor,
      payload: { provider: 'oidc', subject: 'zs-330102' },
    });
    const one = await cli(['user', 'identities', '--data', data, 'party1', '--lang', 'en']);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/^Platform +External id +Name at the platform +Linked by/);
    expect(one.stdout).toContain(`oidc      zs-330102`);
    expect(one.stdout).toContain(`命令行（${userInfo().username}）`);
    const all = await cli(['user', 'identities', '--data', data]);
    expect(all.stdout.split('\n')[2]).toMatch(/^party1 +oidc +zs-330102 /);
    expectOneLineError(
      await cli([...link, 'lisi', '--provider', 'oidc', '--subject', 'zs-330102']),
      2,
      'SSO_IDENTITY_TAKEN',
    );
    expectOneLineError(
      await cli([...link, 'lisi', '--provider', 'saml', '--subject', 'x']),
      2,
      '--provider',
      'saml',
    );
    expectOneLineError(
      await cli([...link, 'ghost', '--provider', 'cas', '--subject', 'x']),
      2,
      'ghost',
    );
    expectOneLineError(await cli([...link, '--provider', 'cas', '--subject', 'x']), 2, '用户名');
    expectOneLineError(
      await cli([...link, 'lisi', '--provider', 'cas', '--subject', 'a\tb']),
      2,
      'VALIDATION',
    );
  }, 120_000);

  it('unlinks it, ending the sessions it opened and only those', async () => {
    const userId = await withStore(async (app) => {
      const [u] = await app.store.db.select().from(users).where(eq(users.username, 'party1'));
      const session = (idHash: string, via: boolean) => ({
        idHash,
        userId: u!.id,
        csrfToken: 'c',
        expiresAt: new Date(Date.now() + 3600_000),
        ip: '',
        userAgent: '',
        ...(via ? { externalProvider: 'oidc' as const, externalSubject: 'zs-330102' } : {}),
      });
      await app.store.db.insert(sessions).values([session('sso1', true), session('pw1', false)]);
      return u!.id;
    });
    const unlink = ['user', 'unlink-identity', '--data', data, 'party1'];
    const r = await cli([...unlink, '--provider', 'oidc', '--subject', 'zs-330102']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('并结束了经该账号登录的 1 个会话');
    const left = await withStore((app) =>
      app.store.db.select().from(sessions).where(eq(sessions.userId, userId)),
    );
    expect(left.map((s) => s.idHash)).toEqual(['pw1']);
    expect((await trailOf('party1')).at(-1)).toMatchObject({
      action: 'user.external_unlink',
      actor: cliActor,
      payload: { sessionsEnded: 1 },
    });
    expectOneLineError(
      await cli([...unlink, '--provider', 'oidc', '--subject', 'zs-330102']),
      2,
      'SSO_IDENTITY_NOT_FOUND',
    );
    const none = await cli(['user', 'identities', '--data', data, '--username', 'party1']);
    expect(none.stdout).toBe('用户 party1 没有关联的统一身份认证账号。\n');
  }, 120_000);

  it('resets a security administrator’s one-time codes from the console', async () => {
    const add = await cli(
      [
        ...['user', 'add', '--data', data, '--username', 'secadmin1', '--name', '安全管理员'],
        ...['--password-stdin', '--role', 'security_admin', '--scope', 'jurisdiction:p1'],
      ],
      { stdin: 'security admin secret 7' },
    );
    expect(add.code, add.stderr).toBe(0);
    const userId = await withStore(async (app) => {
      const [u] = await app.store.db.select().from(users).where(eq(users.username, 'secadmin1'));
      const at = new Date();
      await app.store.db
        .insert(totpSecrets)
        .values({ userId: u!.id, secret: 'JBSWY3DPEHPK3PXP', createdAt: at, confirmedAt: at });
      await app.store.db.insert(totpRecoveryCodes).values({ userId: u!.id, codeHash: 'h' });
      await app.store.db.insert(sessions).values({
        idHash: 'sa1',
        userId: u!.id,
        csrfToken: 'c',
        expiresAt: new Date(Date.now() + 3600_000),
        ip: '',
        userAgent: '',
      });
      return u!.id;
    });
    const r = await cli(['user', 'reset-totp', '--data', data, 'secadmin1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      '已重置用户 secadmin1 的动态口令（恢复码一并作废），并结束了其 1 个会话；其下次登录时须重新绑定。\n',
    );
    await withStore(async (app) => {
      for (const table of [totpSecrets, totpRecoveryCodes, sessions]) {
        expect(await app.store.db.select().from(table).where(eq(table.userId, userId))).toEqual([]);
      }
      const kinds = await app.store.db
        .select({ kind: securityEvents.kind })
        .from(securityEvents)
        .where(eq(securityEvents.userId, userId));
      expect(kinds).toContainEqual({ kind: 'totp.reset' });
    });
    expect((await trailOf('secadmin1')).at(-1)).toMatchObject({
      action: 'user.totp_reset',
      actor: cliActor,
    });
    const again = await cli(['user', 'reset-totp', '--data', data, 'secadmin1', '--lang', 'en']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('secadmin1 has no one-time codes set up: nothing to reset.\n');
    expectOneLineError(await cli(['user', 'reset-totp', '--data', data, 'ghost']), 2, 'ghost');
  }, 120_000);
});
