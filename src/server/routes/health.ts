/**
 * Health, for load balancers, systemd and Kubernetes; public (no session) and never cached:
 *
 * - GET /api/health: whether the server can reach its store (the first check, kept as it was).
 * - GET /api/health/live: the process is up and answers; no store call (a liveness probe must not
 *   restart a server whose database is down).
 * - GET /api/health/ready: 200 when every check passes, else 503; each check named with its
 *   result: the store answers, its migrations are the ones this version ships, and the data
 *   directory (PGlite) and the temporary directory each have the free space the setting
 *   RONGCUO_READY_MIN_FREE_MB asks for.
 *
 * The live and ready answers say which version and build run (version.ts).
 */
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { HealthLive, HealthReady, Obj, StringEnum, type ReadinessCheck } from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { loadMigrations, migrationStatus, type Migration } from '../../store/index.js';
import { responses, typed } from '../schemas.js';
import { versionInfo } from '../version.js';

const STORE = StringEnum(['pglite', 'postgres'] as const);

export async function healthRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);
  const { version, build } = versionInfo(ctx.settings.observability.build);
  const started = performance.now();
  // The migrations this version ships, read once (the files do not change while it runs).
  let shipped: readonly Migration[] | undefined;

  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '运行状态 · Health',
        description: "'ok' when the store answers, else 503 with status 'unavailable'.",
        security: [],
        response: responses({
          200: Obj({ status: StringEnum(['ok'] as const), store: STORE }),
          503: Obj({ status: StringEnum(['unavailable'] as const), store: STORE }),
        }),
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        await ctx.store.query('SELECT 1');
        return { status: 'ok' as const, store: ctx.store.kind };
      } catch (err) {
        req.log.error({ err }, 'health check: the store does not answer');
        return reply.status(503).send({ status: 'unavailable' as const, store: ctx.store.kind });
      }
    },
  );

  app.get(
    '/health/live',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '存活检查 · Liveness',
        description: 'The process is up and answers. Calls no store.',
        security: [],
        response: responses({ 200: HealthLive }),
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      const uptimeSeconds = Math.round((performance.now() - started) / 100) / 10;
      return { status: 'live' as const, version, build, uptimeSeconds };
    },
  );

  app.get(
    '/health/ready',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '就绪检查 · Readiness',
        description:
          'Store reachable, migrations current, free disk space of the data and temporary directories: 200 when all pass, else 503; each check named with its result.',
        security: [],
        response: responses({ 200: HealthReady, 503: HealthReady }),
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const minFreeMb = ctx.settings.observability.readyMinFreeMb;
      const storeCheck = await checkStore(ctx);
      const checks: ReadinessCheck[] = [storeCheck];
      if (storeCheck.ok) {
        shipped ??= loadMigrations();
        checks.push(await checkMigrations(ctx, shipped));
      } else {
        checks.push({
          name: 'migrations',
          ok: false,
          message: {
            zh: '存储无应答，无法核对迁移。',
            en: 'The store does not answer; the migrations cannot be checked.',
          },
        });
      }
      if (ctx.store.dataDir !== undefined) {
        checks.push(await checkDisk('disk_data', ctx.store.dataDir, minFreeMb));
      }
      checks.push(await checkDisk('disk_tmp', tmpdir(), minFreeMb));
      const ready = checks.every((c) => c.ok);
      if (!ready) {
        req.log.warn({ checks: checks.filter((c) => !c.ok).map((c) => c.name) }, 'not ready');
      }
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not_ready', version, build, checks });
    },
  );
}

async function checkStore(ctx: AppContext): Promise<ReadinessCheck> {
  const t0 = performance.now();
  try {
    await ctx.store.query('SELECT 1');
    const ms = Math.round(performance.now() - t0);
    return {
      name: 'store',
      ok: true,
      message: {
        zh: `存储（${ctx.store.kind}）在 ${ms} ms 内应答。`,
        en: `The store (${ctx.store.kind}) answered in ${ms} ms.`,
      },
    };
  } catch (e) {
    return {
      name: 'store',
      ok: false,
      message: {
        zh: `存储（${ctx.store.kind}）无应答：${codeOf(e)}。`,
        en: `The store (${ctx.store.kind}) does not answer: ${codeOf(e)}.`,
      },
    };
  }
}

async function checkMigrations(
  ctx: AppContext,
  shipped: readonly Migration[],
): Promise<ReadinessCheck> {
  try {
    const status = await migrationStatus(ctx.store, { migrations: shipped });
    const pending = status.pending.length;
    if (pending === 0) {
      return {
        name: 'migrations',
        ok: true,
        message: {
          zh: `已应用本版本的全部 ${shipped.length} 个迁移。`,
          en: `All ${shipped.length} migrations of this version are applied.`,
        },
      };
    }
    return {
      name: 'migrations',
      ok: false,
      message: {
        zh: `本版本有 ${shipped.length} 个迁移，尚有 ${pending} 个未应用：请运行 rongcuo migrate。`,
        en: `${pending} of this version's ${shipped.length} migrations are not applied: run rongcuo migrate.`,
      },
    };
  } catch (e) {
    return {
      name: 'migrations',
      ok: false,
      message: {
        zh: `存储中的迁移与本版本不符（${codeOf(e)}）：请核对所运行的版本。`,
        en: `The store's migrations do not match this version (${codeOf(e)}): check the version that runs.`,
      },
    };
  }
}

async function checkDisk(
  name: 'disk_data' | 'disk_tmp',
  path: string,
  minFreeMb: number,
): Promise<ReadinessCheck> {
  const where =
    name === 'disk_data'
      ? { zh: '数据目录', en: 'The data directory' }
      : { zh: '临时目录', en: 'The temporary directory' };
  try {
    const s = await statfs(path);
    const freeMb = Math.floor((Number(s.bavail) * Number(s.bsize)) / (1024 * 1024));
    const ok = freeMb >= minFreeMb;
    return {
      name,
      ok,
      message: ok
        ? {
            zh: `${where.zh}尚余 ${freeMb} MB（要求至少 ${minFreeMb} MB）。`,
            en: `${where.en} has ${freeMb} MB free (at least ${minFreeMb} MB required).`,
          }
        : {
            zh: `${where.zh}只余 ${freeMb} MB，少于要求的 ${minFreeMb} MB：请清理磁盘或扩容。`,
            en: `${where.en} has only ${freeMb} MB free, under the ${minFreeMb} MB required: free or add disk space.`,
          },
    };
  } catch (e) {
    return {
      name,
      ok: false,
      message: {
        zh: `无法读取${where.zh}的磁盘空间：${codeOf(e)}。`,
        en: `${where.en}'s free space cannot be read: ${codeOf(e)}.`,
      },
    };
  }
}

/** A failure's stable code (a store error's, an errno), never its message (it may hold a path or SQL). */
function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'ERROR';
}
