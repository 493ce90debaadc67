/**
 * The three trails taken away as Excel workbooks (queries/workbook.ts), with the filters of the
 * screen, up to EXPORT_MAX_ROWS rows, read through the same scoped reads (read.ts) page by page;
 * each export is logged with its filters ('audit.<trail>.export').
 */
import type { Readable } from 'node:stream';
import type { Actor } from '../../domain/roles.js';
import { EXPORT_MAX_ROWS } from '../../shared/limits.js';
import { adminActionLabel, readLabel } from '../../shared/audit-labels.js';
import { SECURITY_EVENT_LABEL, type SecurityEventKind } from '../../shared/security-events.js';
import type { AppContext } from '../context.js';
import { chinaStamp, excelChinaTime, workbookStream } from '../queries/workbook.js';
import {
  AUDIT_PAGE_MAX,
  adminEventRows,
  logAuditRead,
  readLogRows,
  requireAuditAdmin,
  securityEventRows,
  type AdminEventFilters,
  type AuditScope,
  type ReadLogFilters,
  type SecurityEventFilters,
} from './read.js';

type Lang = 'zh' | 'en';
export type TrailName = 'read_log' | 'admin_events' | 'security_events';

interface Column {
  readonly zh: string;
  readonly en: string;
  readonly width: number;
  readonly kind?: 'time';
}

const TITLE: Record<TrailName, { zh: string; en: string }> = {
  read_log: { zh: '阅卷日志', en: 'Read log' },
  admin_events: { zh: '管理操作记录', en: 'Administration events' },
  security_events: { zh: '安全事件', en: 'Security events' },
};

const COLUMNS: Record<TrailName, readonly Column[]> = {
  read_log: [
    { zh: '时间', en: 'Time', width: 18, kind: 'time' },
    { zh: '用户名', en: 'Username', width: 16 },
    { zh: '姓名', en: 'Name', width: 12 },
    { zh: '查阅内容', en: 'What was read', width: 26 },
    { zh: '案件编号', en: 'Case number', width: 24 },
    { zh: '辖区', en: 'Jurisdiction', width: 16 },
    { zh: '链序号', en: 'Chain seq', width: 10 },
  ],
  admin_events: [
    { zh: '时间', en: 'Time', width: 18, kind: 'time' },
    { zh: '操作人', en: 'Actor', width: 18 },
    { zh: '操作', en: 'Action', width: 26 },
    { zh: '对象类型', en: 'Target kind', width: 12 },
    { zh: '对象标识', en: 'Target', width: 38 },
    { zh: '内容', en: 'What changed', width: 60 },
    { zh: '链序号', en: 'Chain seq', width: 10 },
  ],
  security_events: [
    { zh: '时间', en: 'Time', width: 18, kind: 'time' },
    { zh: '事件', en: 'Event', width: 24 },
    { zh: '用户名', en: 'Username', width: 16 },
    { zh: '客户端地址', en: 'Client address', width: 16 },
    { zh: '请求', en: 'Request', width: 34 },
    { zh: '请求编号', en: 'Request id', width: 38 },
    { zh: '浏览器', en: 'User agent', width: 40 },
    { zh: '说明', en: 'Details', width: 30 },
    { zh: '链序号', en: 'Chain seq', width: 10 },
  ],
};

/** The headers of a trail's export in a language. */
export function trailExportHeaders(trail: TrailName, lang: Lang): string[] {
  return COLUMNS[trail].map((c) => c[lang]);
}

type Filters = ReadLogFilters & AdminEventFilters & SecurityEventFilters;

async function allRows(
  ctx: AppContext,
  scope: AuditScope,
  trail: TrailName,
  f: Filters,
  lang: Lang,
  maxRows: number,
): Promise<{ rows: unknown[][]; capped: boolean }> {
  const rows: unknown[][] = [];
  let before: number | undefined;
  for (;;) {
    const p = { limit: AUDIT_PAGE_MAX, ...(before !== undefined ? { before } : {}) };
    let next: number | null;
    if (trail === 'read_log') {
      const r = await readLogRows(ctx, scope, f, p);
      for (const i of r.items) {
        rows.push([
          excelChinaTime(i.at),
          i.user?.username ?? '',
          i.user?.name ?? '',
          readLabel(i.what)[lang],
          i.caseNumber ?? '',
          i.jurisdiction ? i.jurisdiction[lang] : '',
          i.seq,
        ]);
      }
      next = r.nextBefore;
    } else if (trail === 'admin_events') {
      const r = await adminEventRows(ctx, scope, f, p);
      for (const i of r.items) {
        rows.push([
          excelChinaTime(i.at),
          `${i.actor.name}（${i.actor.username}）`,
          adminActionLabel(i.action)[lang],
          i.targetKind,
          i.targetId,
          i.payload,
          i.seq,
        ]);
      }
      next = r.nextBefore;
    } else {
      const r = await securityEventRows(ctx, scope, f, p);
      for (const i of r.items) {
        const label = SECURITY_EVENT_LABEL[i.kind as SecurityEventKind];
        rows.push([
          excelChinaTime(i.at),
          label ? label[lang] : i.kind,
          i.username,
          i.ip,
          `${i.method} ${i.route}`.trim(),
          i.requestId,
          i.userAgent,
          i.details,
          i.seq,
        ]);
      }
      next = r.nextBefore;
    }
    if (rows.length > maxRows) return { rows: rows.slice(0, maxRows), capped: true };
    if (next === null) return { rows, capped: false };
    before = next;
  }
}

export async function exportTrail(
  ctx: AppContext,
  actor: Actor,
  trail: TrailName,
  filters: Filters,
  lang: Lang,
  maxRows: number = EXPORT_MAX_ROWS,
): Promise<{ filename: string; stream: Readable; rows: number; capped: boolean }> {
  const scope = requireAuditAdmin(actor);
  const { rows, capped } = await allRows(ctx, scope, trail, filters, lang, maxRows);
  const now = ctx.now();
  await logAuditRead(ctx, actor, `audit.${trail}.export`, { ...filters, rows: rows.length });
  const zh = lang === 'zh';
  const shown = Object.entries(filters)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(zh ? '；' : '; ');
  const filtersText = shown || (zh ? '无（管辖范围内的全部记录）' : 'none (every row in scope)');
  const stream = workbookStream({
    title: TITLE[trail][lang],
    byLine: zh
      ? `导出人：${actor.displayName}（${actor.username}）；导出时间：${chinaStamp(now)}（北京时间）；筛选条件：${filtersText}`
      : `Exported by ${actor.displayName} (${actor.username}) at ${chinaStamp(now)} (China time); filters: ${filtersText}`,
    columns: COLUMNS[trail].map((c) => ({
      header: c[lang],
      width: c.width,
      ...(c.kind ? { kind: c.kind } : {}),
    })),
    rows,
    ...(capped
      ? {
          note: zh
            ? `仅导出前 ${maxRows} 条；请缩小时间范围后分批导出。`
            : `Only the first ${maxRows} rows were exported; narrow the time range and export in parts.`,
        }
      : {}),
    creator: actor.username,
    created: now,
  });
  const stamp = chinaStamp(now).replace(/[-: ]/g, '').slice(0, 12);
  return { filename: `${TITLE[trail][lang]}-${stamp}.xlsx`, stream, rows: rows.length, capped };
}
