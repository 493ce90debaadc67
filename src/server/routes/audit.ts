/**
 * The audit administrator's screens (role audit_admin only; src/app/trails/read.ts says what each
 * reads and in which scope): GET /api/audit/read-log, /admin-events, /security-events (filtered,
 * paged), each with /export.xlsx, and POST /api/audit/verify (the CLI's `audit verify`, run by the
 * server). Every read is logged in the read log ('audit.*').
 */
import type { FastifyInstance } from 'fastify';
import {
  AdminEventExportQuery,
  AdminEventPage,
  AdminEventQuery,
  AuditVerifyResult,
  ReadLogExportQuery,
  ReadLogPage,
  ReadLogQuery,
  SecurityEventExportQuery,
  SecurityEventPage,
  SecurityEventQuery,
} from '../../api/index.js';
import { describeBreak } from '../../cli/commands/audit.js';
import type { AppContext } from '../../app/context.js';
import { CHAIN_LABEL, describeTrail } from '../../app/trails/describe.js';
import { exportTrail, type TrailName } from '../../app/trails/export.js';
import {
  adminEventRows,
  logAuditRead,
  readLogRows,
  requireAuditAdmin,
  securityEventRows,
} from '../../app/trails/read.js';
import { verifyEverything } from '../../app/trails/verify.js';
import { SECURITY_EVENT_LABEL, type SecurityEventKind } from '../../shared/security-events.js';
import { actorOf } from '../auth/authenticate.js';
import { sendWorkbook, workbookAnswer } from '../download.js';
import { preferredLang } from '../errors.js';
import { responses, typed } from '../schemas.js';

const TAGS = ['audit'];
const ROLE = 'Only the audit administrator (audit_admin; anyone else 403 AUDIT_ROLE_REQUIRED).';

function split<T extends { before?: number; limit?: number }>(q: T) {
  const { before, limit, ...filters } = q;
  return {
    filters,
    page: {
      ...(before !== undefined ? { before } : {}),
      ...(limit !== undefined ? { limit } : {}),
    },
  };
}

export async function auditRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const app = typed(base);
  const { ctx } = opts;

  app.get(
    '/audit/read-log',
    {
      schema: {
        tags: TAGS,
        summary: '阅卷日志 · The read log',
        description: `Who read what and when, newest first, within the reader’s scope. ${ROLE} Logged as audit.read_log.`,
        querystring: ReadLogQuery,
        response: responses({ 200: ReadLogPage }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const scope = requireAuditAdmin(actor);
      const { filters, page } = split(req.query);
      const r = await readLogRows(ctx, scope, filters, page);
      await logAuditRead(ctx, actor, 'audit.read_log', filters);
      return {
        nextBefore: r.nextBefore,
        items: r.items.map((i) => ({
          ...i,
          at: i.at.toISOString(),
          jurisdiction: i.jurisdiction
            ? { id: i.jurisdiction.id, name: { zh: i.jurisdiction.zh, en: i.jurisdiction.en } }
            : null,
        })),
      };
    },
  );

  app.get(
    '/audit/admin-events',
    {
      schema: {
        tags: TAGS,
        summary: '管理操作记录 · Administration events',
        description: `Every administrator’s change (API and command line alike), newest first, within the reader’s scope. ${ROLE} Logged as audit.admin_events.`,
        querystring: AdminEventQuery,
        response: responses({ 200: AdminEventPage }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const scope = requireAuditAdmin(actor);
      const { filters, page } = split(req.query);
      const r = await adminEventRows(ctx, scope, filters, page);
      await logAuditRead(ctx, actor, 'audit.admin_events', filters);
      return {
        nextBefore: r.nextBefore,
        items: r.items.map(({ scopePath: _scope, ...i }) => ({ ...i, at: i.at.toISOString() })),
      };
    },
  );

  app.get(
    '/audit/security-events',
    {
      schema: {
        tags: TAGS,
        summary: '安全事件 · Security events',
        description: `Sign-ins (failed, locked, rate-limited, succeeded), refused requests, CSRF failures, sign-outs …, newest first, within the reader’s scope (the jurisdiction of the user each concerns; events of an unknown username to an audit administrator over a top-level jurisdiction only). ${ROLE} Logged as audit.security_events.`,
        querystring: SecurityEventQuery,
        response: responses({ 200: SecurityEventPage }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const scope = requireAuditAdmin(actor);
      const { filters, page } = split(req.query);
      const r = await securityEventRows(ctx, scope, filters, page);
      await logAuditRead(ctx, actor, 'audit.security_events', filters);
      return {
        nextBefore: r.nextBefore,
        items: r.items.map((i) => ({
          ...i,
          at: i.at.toISOString(),
          kindLabel: SECURITY_EVENT_LABEL[i.kind as SecurityEventKind] ?? {
            zh: i.kind,
            en: i.kind,
          },
        })),
      };
    },
  );

  const exports: [
    string,
    TrailName,
    typeof ReadLogExportQuery | typeof AdminEventExportQuery | typeof SecurityEventExportQuery,
  ][] = [
    ['read-log', 'read_log', ReadLogExportQuery],
    ['admin-events', 'admin_events', AdminEventExportQuery],
    ['security-events', 'security_events', SecurityEventExportQuery],
  ];
  for (const [path, trail, querystring] of exports) {
    app.get(
      `/audit/${path}/export.xlsx`,
      {
        schema: {
          tags: TAGS,
          summary: `导出${CHAIN_LABEL[trail].zh}（Excel）· Export the ${CHAIN_LABEL[trail].en.toLowerCase()} to Excel`,
          description: `The rows the list would show with the same filters, as an Excel workbook (at most 10,000 rows). ${ROLE} Logged as audit.${trail}.export.`,
          querystring,
          response: responses({ 200: workbookAnswer() }),
        },
      },
      async (req, reply) => {
        const { lang, ...filters } = req.query as { lang?: 'zh' | 'en' } & Record<string, string>;
        const book = await exportTrail(
          ctx,
          actorOf(req),
          trail,
          filters,
          lang ?? preferredLang(req),
        );
        return sendWorkbook(reply, book, { 'x-rows': String(book.rows) });
      },
    );
  }

  app.post(
    '/audit/verify',
    {
      schema: {
        tags: TAGS,
        summary: '校验审计链 · Verify the audit chains',
        description: `Seals the read log’s waiting rows, then checks every case’s trail and the chains of the read log, the administration events and the security events, as \`rongcuo audit verify\` does; says for each chain which hash its links use. ${ROLE} Logged as audit.verify.`,
        response: responses({ 200: AuditVerifyResult }),
      },
    },
    async (req) => {
      const r = await verifyEverything(ctx, actorOf(req));
      return {
        intact: r.intact,
        cases: r.cases.cases,
        events: r.cases.events,
        caseBreak: r.cases.firstBreak
          ? {
              zh: describeBreak(r.cases.firstBreak, 'zh'),
              en: describeBreak(r.cases.firstBreak, 'en'),
            }
          : null,
        trails: r.trails.map((t) => ({
          chain: t.chain,
          label: CHAIN_LABEL[t.chain],
          rows: t.rows,
          before: t.before,
          pending: t.pending,
          purgedThrough: t.purgedThrough,
          hashes: [...t.hashes],
          intact: !t.firstBreak,
          message: describeTrail(t),
        })),
        ms: r.ms,
      };
    },
  );
}
