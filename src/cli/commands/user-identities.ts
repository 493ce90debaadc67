/**
 * rongcuo user link-identity / unlink-identity / identities / reset-totp: the security
 * administrator's acts on a user's sign-in, from the server's console — for when nobody can sign
 * in to do them (the identity platform links not yet made, a security administrator's lost phone).
 * Each goes through the use case the API calls (src/app/sso/links.ts,
 * src/app/admin/two-factor-reset.ts), with the same checks and the same admin_events row, whose
 * actor is the command line (`@cli:` and the operating-system user), as `user add` records it.
 */
import { getUser, commandLineActor, userIdByName } from '../../app/admin/users.js';
import { resetTwoFactorOf } from '../../app/admin/two-factor-reset.js';
import type { AppContext } from '../../app/context.js';
import {
  linkExternalIdentity,
  listExternalIdentities,
  listLinkedIdentities,
  unlinkExternalIdentity,
  type ExternalIdentityView,
} from '../../app/sso/links.js';
import { SSO_PROVIDERS, type SsoProvider } from '../../shared/sso.js';
import { beijingDateTime } from '../../shared/time.js';
import { optString, requireString } from '../args.js';
import { cliFail } from '../errors.js';
import { STORE_OPTS, withCliApp } from '../store.js';
import { displayWidth, padEnd, tr } from '../text.js';
import { out, type CommandContext } from './context.js';
import { asInputError, openSessions, osUser } from './user.js';

export const USER_IDENTITY_OPTS = {
  ...STORE_OPTS,
  username: 'string',
  provider: 'string',
  subject: 'string',
} as const;

export const USER_IDENTITIES_OPTS = { ...STORE_OPTS, username: 'string' } as const;

export const USER_RESET_TOTP_OPTS = { ...STORE_OPTS, username: 'string' } as const;

/** The user named by the positional argument or --username (once); undefined when optional. */
function usernameOf(ctx: CommandContext, command: string, required: boolean): string | undefined {
  const positional = ctx.args.positionals[0];
  const flag = optString(ctx.args, 'username');
  if (positional !== undefined && flag !== undefined) {
    cliFail(
      `${command}：用户名只需给出一次（直接写出，或用 --username）。`,
      `${command}: give the username once (as an argument or with --username).`,
    );
  }
  const name = positional ?? flag;
  if (name === undefined && required) {
    cliFail(
      `${command} 需要用户名：${command} 用户名 …`,
      `${command} needs a username: ${command} <username> …`,
    );
  }
  return name;
}

function parseProvider(text: string): SsoProvider {
  if ((SSO_PROVIDERS as readonly string[]).includes(text)) return text as SsoProvider;
  cliFail(
    `--provider 应为 oidc（OpenID Connect）或 cas（票据方式），而不是“${text}”。`,
    `--provider must be oidc (OpenID Connect) or cas (CAS tickets), not '${text}'.`,
  );
}

/** The id of the user called `username`, or one line and exit 2. */
async function userIdOf(app: AppContext, username: string): Promise<string> {
  const userId = await userIdByName(app, username);
  if (userId === undefined) cliFail(`没有用户“${username}”。`, `no user '${username}'.`);
  return userId;
}

/** What link-identity and unlink-identity are given: the user, the platform and its id. */
function identityArgs(ctx: CommandContext, cmd: string) {
  const username = usernameOf(ctx, cmd, true)!;
  const provider = parseProvider(requireString(ctx.args, 'provider', cmd));
  const subject = requireString(ctx.args, 'subject', cmd);
  return { username, provider, subject };
}

/** The named user's id and the command line as the acting administrator. */
async function userAndActor(app: AppContext, username: string) {
  return { userId: await userIdOf(app, username), actor: await commandLineActor(app, osUser()) };
}

export async function userLinkIdentityCommand(ctx: CommandContext): Promise<number> {
  const { username, provider, subject } = identityArgs(ctx, 'rongcuo user link-identity');
  return withCliApp(ctx, async ({ ctx: app }) => {
    const { userId, actor } = await userAndActor(app, username);
    await asInputError(() => linkExternalIdentity(app, actor, userId, { provider, subject }), '');
    out(
      ctx,
      tr(
        ctx.lang,
        `已将统一身份认证账号 ${provider}:${subject.trim()} 关联到用户 ${username}：该账号登录即为该用户，权限以本系统授予为准。\n`,
        `Linked the identity-platform account ${provider}:${subject.trim()} to ${username}: it signs in as that user, with that user's grants.\n`,
      ),
    );
    return 0;
  });
}

export async function userUnlinkIdentityCommand(ctx: CommandContext): Promise<number> {
  const { username, provider, subject } = identityArgs(ctx, 'rongcuo user unlink-identity');
  return withCliApp(ctx, async ({ ctx: app }) => {
    const { userId, actor } = await userAndActor(app, username);
    const ended = await asInputError(
      () => unlinkExternalIdentity(app, actor, userId, { provider, subject }),
      '',
    );
    out(
      ctx,
      tr(
        ctx.lang,
        `已解除用户 ${username} 与统一身份认证账号 ${provider}:${subject.trim()} 的关联，并结束了经该账号登录的 ${ended} 个会话。\n`,
        `Unlinked the identity-platform account ${provider}:${subject.trim()} from ${username} and ended the ${ended} session(s) it opened.\n`,
      ),
    );
    return 0;
  });
}

/** The identities as a table; `username` adds the column of the user each signs in as. */
function identityTable(
  ctx: CommandContext,
  items: readonly (ExternalIdentityView & { readonly username?: string })[],
  withUser: boolean,
): string {
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  const head = [
    ...(withUser ? [L('用户名', 'Username')] : []),
    L('平台', 'Platform'),
    L('外部标识', 'External id'),
    L('平台姓名', 'Name at the platform'),
    L('关联人', 'Linked by'),
    L('关联时间', 'Linked'),
    L('最近登录', 'Last sign-in'),
  ];
  const rows = items.map((i) => [
    ...(withUser ? [i.username ?? ''] : []),
    i.provider,
    i.subject,
    i.displayName ?? '—',
    i.linkedBy ? i.linkedBy.name : L('自动关联', 'automatic'),
    beijingDateTime(new Date(i.createdAt)),
    i.lastSeenAt ? beijingDateTime(new Date(i.lastSeenAt)) : '—',
  ]);
  const widths = head.map((h, k) =>
    Math.max(...[h, ...rows.map((r) => r[k]!)].map((c) => displayWidth(c))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, k) => (k === cells.length - 1 ? c : padEnd(c, widths[k]!)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

export async function userIdentitiesCommand(ctx: CommandContext): Promise<number> {
  const CMD = 'rongcuo user identities';
  const username = usernameOf(ctx, CMD, false);
  return withCliApp(ctx, async ({ ctx: app }) => {
    const actor = await commandLineActor(app, osUser());
    const items =
      username === undefined
        ? await listLinkedIdentities(app, actor)
        : (
            await asInputError(
              async () => listExternalIdentities(app, actor, await userIdOf(app, username)),
              '',
            )
          ).items;
    if (items.length === 0) {
      const whose =
        username === undefined ? '' : tr(ctx.lang, `用户 ${username} `, ` of ${username}`);
      out(
        ctx,
        tr(
          ctx.lang,
          `${whose}没有关联的统一身份认证账号。\n`,
          `No identity-platform accounts linked${whose}.\n`,
        ),
      );
      return 0;
    }
    out(ctx, identityTable(ctx, items, username === undefined));
    return 0;
  });
}

export async function userResetTotpCommand(ctx: CommandContext): Promise<number> {
  const CMD = 'rongcuo user reset-totp';
  const username = usernameOf(ctx, CMD, true)!;
  return withCliApp(ctx, async ({ ctx: app }) => {
    const { userId, actor } = await userAndActor(app, username);
    const before = await asInputError(() => getUser(app, actor, userId), '');
    if (!before.twoFactor) {
      out(
        ctx,
        tr(
          ctx.lang,
          `用户 ${username} 未启用动态口令，无需重置。\n`,
          `${username} has no one-time codes set up: nothing to reset.\n`,
        ),
      );
      return 0;
    }
    // The sessions the reset ends: those still open now.
    const ended = await openSessions(app, userId);
    await asInputError(() => resetTwoFactorOf(app, actor, userId), '');
    out(
      ctx,
      tr(
        ctx.lang,
        `已重置用户 ${username} 的动态口令（恢复码一并作废），并结束了其 ${ended} 个会话；其下次登录时须重新绑定。\n`,
        `Reset the one-time codes of ${username} (their recovery codes too) and ended ${ended} session(s); they set the codes up again at their next sign-in.\n`,
      ),
    );
    return 0;
  });
}
