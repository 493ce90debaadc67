/**
 * The administration's user list taken away: every user the administrator's scope holds, with the
 * same search and status filter as GET /api/admin/users, as an Excel workbook (workbook.ts), up
 * to EXPORT_MAX_ROWS rows. Read through listUsers, page by page, so that the scope rule and the
 * presenter are the list's own; the export is logged with its filters ('admin.users.export').
 */
import type { Readable } from 'node:stream';
import type { Actor } from '../../domain/roles.js';
import { EXPORT_MAX_ROWS, MAX_PAGE_SIZE } from '../../shared/limits.js';
import type { AppContext } from '../context.js';
import { chinaStamp, excelChinaTime, workbookStream } from '../queries/workbook.js';
import { readLog } from '../tables.js';
import { listUsers, type ListUsersInput } from './users.js';

type Lang = 'zh' | 'en';

const STATUS_LABEL = {
  active: { zh: '正常', en: 'Active' },
  locked: { zh: '已锁定', en: 'Locked' },
  disabled: { zh: '已停用', en: 'Disabled' },
} as const;

const COLUMNS = [
  { zh: '序号', en: 'No.', width: 6 },
  { zh: '用户名', en: 'Username', width: 18 },
  { zh: '姓名', en: 'Name', width: 12 },
  { zh: '关联干部', en: 'Official', width: 12 },
  { zh: '干部所在单位', en: 'Official’s unit', width: 22 },
  { zh: '角色与范围', en: 'Roles and scopes', width: 48 },
  { zh: '状态', en: 'Status', width: 10 },
  { zh: '创建时间', en: 'Created', width: 18, kind: 'time' as const },
];

/** The headers of the user export in a language. */
export function userExportHeaders(lang: Lang): string[] {
  return COLUMNS.map((c) => c[lang]);
}

export async function exportUsers(
  ctx: AppContext,
  actor: Actor,
  input: Omit<ListUsersInput, 'page' | 'pageSize'>,
  lang: Lang,
  maxRows: number = EXPORT_MAX_ROWS,
): Promise<{ filename: string; stream: Readable; rows: number; capped: boolean }> {
  const filters = {
    ...(input.q ? { q: input.q } : {}),
    ...(input.status ? { status: input.status } : {}),
  };
  const users = [];
  let total = 0;
  for (let page = 1; users.length < maxRows; page++) {
    const found = await listUsers(ctx, actor, { ...filters, page, pageSize: MAX_PAGE_SIZE });
    total = found.total;
    users.push(...found.items);
    if (found.items.length < MAX_PAGE_SIZE) break;
  }
  const shown = users.slice(0, maxRows);
  const capped = total > maxRows;
  const now = ctx.now();
  await ctx.store.db.insert(readLog).values({
    userId: actor.userId,
    caseId: null,
    jurisdictionId: null,
    what: 'admin.users.export',
    at: now,
    detail: { ...filters, rows: shown.length },
  });
  const zh = lang === 'zh';
  const described = [
    filters.q ? (zh ? `关键词：${filters.q}` : `search: ${filters.q}`) : '',
    filters.status ? (zh ? '状态：' : 'status: ') + STATUS_LABEL[filters.status][lang] : '',
  ].filter(Boolean);
  const filtersText = described.length
    ? described.join(zh ? '；' : '; ')
    : zh
      ? '无（管理范围内的全部用户）'
      : 'none (every user in scope)';
  const stream = workbookStream({
    title: zh ? '用户清单' : 'Users',
    byLine: zh
      ? `导出人：${actor.displayName}（${actor.username}）；导出时间：${chinaStamp(now)}（北京时间）；筛选条件：${filtersText}`
      : `Exported by ${actor.displayName} (${actor.username}) at ${chinaStamp(now)} (China time); filters: ${filtersText}`,
    columns: COLUMNS.map((c) => ({
      header: c[lang],
      width: c.width,
      ...(c.kind ? { kind: c.kind } : {}),
    })),
    rows: shown.map((u, i) => [
      i + 1,
      u.username,
      u.displayName,
      u.official?.name ?? null,
      u.official ? u.official.unitName[lang] : null,
      u.grants
        .map((g) =>
          g.scopeName ? `${g.roleLabel[lang]}（${g.scopeName[lang]}）` : g.roleLabel[lang],
        )
        .join(zh ? '；' : '; '),
      STATUS_LABEL[statusOf(u, now)][lang],
      excelChinaTime(new Date(u.createdAt)),
    ]),
    ...(capped
      ? {
          note: zh
            ? `注：符合条件的用户超过 ${maxRows} 个，本表只列出前 ${maxRows} 个；请增加筛选条件后分批导出。`
            : `Note: more than ${maxRows} users match; this sheet lists the first ${maxRows}.`,
        }
      : {}),
    creator: actor.displayName,
    created: now,
  });
  const day = chinaStamp(now).slice(0, 10);
  return {
    filename: zh ? `用户清单-${day}.xlsx` : `users-${day}.xlsx`,
    stream,
    rows: shown.length,
    capped,
  };
}

function statusOf(
  u: { readonly disabled: boolean; readonly lockedUntil: string | null },
  now: Date,
): keyof typeof STATUS_LABEL {
  if (u.disabled) return 'disabled';
  return u.lockedUntil !== null && new Date(u.lockedUntil) > now ? 'locked' : 'active';
}
