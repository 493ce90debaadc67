/**
 * rongcuo user add / user passwd: create a user with one role over a scope, or set a password.
 * Both go through the administrators' use cases (src/app/admin/users.ts), as the API does: the
 * same password rules, the same checks, and an admin_events row whose actor is the command line
 * (`@cli:` and the operating-system user who ran it). `--password-stdin` reads one line, so the
 * password stays out of the shell history and the process list.
 */
import { userInfo } from 'node:os';
import { and, count, eq, gt } from 'drizzle-orm';
import {
  commandLineActor,
  createUserAsAdmin,
  resetPassword,
  userIdByName,
} from '../../app/admin/users.js';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import type { NewGrant } from '../../app/org.js';
import { officials, sessions } from '../../app/tables.js';
import { ROLE_LABEL, ROLES, type Role } from '../../domain/roles.js';
import { closest } from '../../policy/errors.js';
import { optFlag, optString, requireString } from '../args.js';
import { cliFail, CliError } from '../errors.js';
import type { Io } from '../io.js';
import { STORE_OPTS, withCliApp } from '../store.js';
import { tr } from '../text.js';
import { out, type CommandContext } from './context.js';

export const USER_ADD_OPTS = {
  ...STORE_OPTS,
  username: 'string',
  name: 'string',
  password: 'string',
  'password-stdin': 'flag',
  role: 'string',
  scope: 'string',
  official: 'string',
  department: 'string',
  locale: 'string',
} as const;

export const USER_PASSWD_OPTS = {
  ...STORE_OPTS,
  username: 'string',
  password: 'string',
  'password-stdin': 'flag',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses `jurisdiction:ID`, `unit:ID` or `self`. */
export function parseScope(text: string): Omit<NewGrant, 'role'> {
  if (text === 'self') return { scopeKind: 'self', scopeId: '' };
  const m = /^(jurisdiction|unit):(.+)$/.exec(text);
  if (!m) {
    cliFail(
      `--scope 的取值“${text}”无效，应为 jurisdiction:辖区标识、unit:单位标识 或 self。`,
      `--scope must be jurisdiction:ID, unit:ID or self, not '${text}'.`,
    );
  }
  const kind = m[1] as 'jurisdiction' | 'unit';
  const id = m[2]!;
  if (kind === 'unit' && !UUID.test(id)) {
    cliFail(
      `--scope unit:${id} 中的单位标识应为 UUID（如 3f2a…-…）。`,
      `--scope unit:${id}: a unit id is a UUID (e.g. 3f2a…-…).`,
    );
  }
  return { scopeKind: kind, scopeId: id };
}

function parseRole(text: string): Role {
  if ((ROLES as readonly string[]).includes(text)) return text as Role;
  const hint = closest(text, [...ROLES]);
  cliFail(
    `没有角色“${text}”。${hint ? `是否应为“${hint}”？` : ''}可用：${ROLES.join('、')}。`,
    `no role '${text}'. ${hint ? `Did you mean '${hint}'? ` : ''}Available: ${ROLES.join(', ')}.`,
  );
}

/** The password from --password or one line of standard input (--password-stdin). */
async function passwordOf(ctx: CommandContext, command: string): Promise<string> {
  const given = optString(ctx.args, 'password');
  const fromStdin = optFlag(ctx.args, 'password-stdin');
  if (given !== undefined && fromStdin) {
    cliFail(
      `${command}：--password 与 --password-stdin 只能选一个。`,
      `${command}: give either --password or --password-stdin, not both.`,
    );
  }
  if (given !== undefined) {
    ctx.io.stderr.write(
      tr(
        ctx.lang,
        'rongcuo：提示：命令行中的密码会留在 shell 历史和进程列表中；建议改用 --password-stdin。\n',
        'rongcuo: note: a password on the command line stays in the shell history and the process list; prefer --password-stdin.\n',
      ),
    );
    return given;
  }
  if (!fromStdin) {
    cliFail(
      `${command} 需要 --password-stdin（从标准输入读取一行）或 --password。`,
      `${command} needs --password-stdin (one line from standard input) or --password.`,
    );
  }
  const line = await readLine(ctx.io);
  if (line === undefined || line === '') {
    cliFail(
      '标准输入中没有密码：请输入一行密码。',
      'no password on standard input: give one line with the password.',
    );
  }
  return line;
}

/** Reads standard input up to the first line break (without it, nor a trailing CR). */
export async function readLine(io: Io): Promise<string | undefined> {
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    const nl = text.indexOf('\n');
    if (nl >= 0) {
      text = text.slice(0, nl);
      break;
    }
  }
  if (text === '') return undefined;
  return text.replace(/\r$/, '');
}

export async function userAddCommand(ctx: CommandContext): Promise<number> {
  const CMD = 'rongcuo user add';
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  const username = requireString(ctx.args, 'username', CMD);
  const name = requireString(ctx.args, 'name', CMD);
  const role = parseRole(requireString(ctx.args, 'role', CMD));
  const scope = parseScope(requireString(ctx.args, 'scope', CMD));
  const official = optString(ctx.args, 'official');
  // The department a consultee answers for (checked with the grant, as in the admin pages).
  const department = optString(ctx.args, 'department');
  const locale = optString(ctx.args, 'locale') ?? 'zh';
  if (locale !== 'zh' && locale !== 'en') {
    cliFail(
      `--locale 应为 zh 或 en，而不是“${locale}”。`,
      `--locale must be zh or en, not '${locale}'.`,
    );
  }
  if (role === 'official' && (scope.scopeKind !== 'self' || official === undefined)) {
    cliFail(
      '角色 official（干部本人）须使用 --scope self，并用 --official 指明是哪位干部。',
      'the role official needs --scope self and --official naming the official.',
    );
  }
  if (role !== 'official' && scope.scopeKind === 'self') {
    cliFail(
      `--scope self 只适用于角色 official；角色 ${role} 须指定辖区或单位范围。`,
      `--scope self is for the role official only; the role ${role} needs a jurisdiction or unit scope.`,
    );
  }
  if (official !== undefined && !UUID.test(official)) {
    cliFail(
      `--official 应为干部的 UUID，而不是“${official}”。`,
      `--official must be an official's UUID, not '${official}'.`,
    );
  }
  const password = await passwordOf(ctx, CMD);
  return withCliApp(ctx, async ({ ctx: app }) => {
    if (official !== undefined) {
      const [o] = await app.store.db
        .select({ id: officials.id })
        .from(officials)
        .where(eq(officials.id, official));
      if (!o) cliFail(`没有干部 ${official}。`, `no official ${official}.`);
    }
    const actor = await commandLineActor(app, osUser());
    const created = await asInputError(
      () =>
        createUserAsAdmin(app, actor, {
          username,
          displayName: name,
          password,
          locale,
          grants: [{ role, ...scope, ...(department !== undefined ? { department } : {}) }],
          ...(official !== undefined ? { officialId: official } : {}),
        }),
      scope.scopeKind === 'self' ? '' : `${scope.scopeKind}:${scope.scopeId}`,
    );
    const id = created.id;
    const where =
      scope.scopeKind === 'self' ? L('本人', 'self') : `${scope.scopeKind}:${scope.scopeId}`;
    out(
      ctx,
      L(
        `已创建用户 ${username}（${name}，id ${id}）：角色 ${ROLE_LABEL[role].zh}（${role}），范围 ${where}。\n`,
        `Created user ${username} (${name}, id ${id}): role ${ROLE_LABEL[role].en} (${role}), scope ${where}.\n`,
      ),
    );
    return 0;
  });
}

export async function userPasswdCommand(ctx: CommandContext): Promise<number> {
  const CMD = 'rongcuo user passwd';
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  const username = requireString(ctx.args, 'username', CMD);
  const password = await passwordOf(ctx, CMD);
  return withCliApp(ctx, async ({ ctx: app }) => {
    const userId = await userIdByName(app, username);
    if (userId === undefined) cliFail(`没有用户“${username}”。`, `no user '${username}'.`);
    // The sessions the reset ends: those still open now.
    const ended = await openSessions(app, userId);
    const actor = await commandLineActor(app, osUser());
    await asInputError(() => resetPassword(app, actor, userId, password), '');
    out(
      ctx,
      L(
        `已更新用户 ${username} 的密码，解除了登录锁定，并结束了其 ${ended} 个会话。\n`,
        `Set the password of ${username}, cleared any sign-in lock and ended ${ended} session(s).\n`,
      ),
    );
    return 0;
  });
}

/** The operating-system user running the command, for the admin_events trail. */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown';
  }
}

export async function openSessions(app: AppContext, userId: string): Promise<number> {
  const [r] = await app.store.db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, app.now())));
  return r?.n ?? 0;
}

/**
 * Runs a use case; a refusal of the input (a 4xx of the catalogue: a weak password, a taken
 * username, an unknown scope) becomes one line with the code and exit status 2, as the API's
 * 4xx; `scope` names the --scope value the user gave, for a scope that is not found.
 */
export async function asInputError<T>(run: () => Promise<T>, scope: string): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
    const where =
      e.code === 'ORG_NOT_FOUND' && scope !== ''
        ? { zh: `（--scope ${scope}）`, en: ` (--scope ${scope})` }
        : { zh: '', en: '' };
    throw new CliError({
      zh: `${e.code}：${e.text.zh}${where.zh}`,
      en: `${e.code}: ${e.text.en}${where.en}`,
    });
  }
}
