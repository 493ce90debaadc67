/**
 * rongcuo audit verify: walk every case's audit trail and check its hash chain (src/app/audit.ts),
 * then the chains of the read log, the administration events and the security events
 * (src/app/trails/chain.ts), saying for each which hash its links use.
 * Exit 0 when every chain is intact; 1 only for a broken chain, naming the first break (case
 * number, event seq and id, kind); 2 for any other failure (a store that cannot be opened, locked
 * by another process or never migrated), so that a script can tell tampering from trouble.
 * Read-only: it applies no migrations.
 */
import { verifyAudit, type AuditBreak, type AuditResult } from '../../app/audit.js';
import { verifyTrails, type TrailCheck } from '../../app/trails/chain.js';
import { describeTrail } from '../../app/trails/describe.js';
import type { Lang } from '../../policy/model.js';
import { optFlag } from '../args.js';
import { CliError } from '../errors.js';
import { asCliError, ProgressLine, STORE_OPTS, withCliApp } from '../store.js';
import { tr } from '../text.js';
import { out, type CommandContext } from './context.js';

export const AUDIT_VERIFY_OPTS = { ...STORE_OPTS, json: 'flag' } as const;

const KIND: Record<AuditBreak['kind'], { zh: string; en: string }> = {
  altered: {
    zh: '记录内容被改动（哈希不符）',
    en: 'the event was altered (its hash does not match)',
  },
  broken_link: {
    zh: '与前一条记录的链接断开',
    en: 'its link to the previous event is broken',
  },
  missing: { zh: '记录缺失（序号不连续）', en: 'an event is missing (seq out of order)' },
  head_mismatch: {
    zh: '案件记录的链头与现有记录不符（记录被删除或追加）',
    en: "the case's chain head does not match its events (events deleted or added)",
  },
};

export function describeBreak(b: AuditBreak, lang: Lang): string {
  const kind = KIND[b.kind][lang];
  const where =
    b.kind === 'head_mismatch'
      ? tr(
          lang,
          `案件 ${b.caseNumber}：链头记载 ${b.expectedCount} 条记录，实有 ${b.actualCount} 条${b.seq !== null ? `（最后一条为第 ${b.seq} 条，id ${b.eventId}）` : ''}`,
          `case ${b.caseNumber}: the head records ${b.expectedCount} events, ${b.actualCount} found${b.seq !== null ? ` (the last is seq ${b.seq}, id ${b.eventId})` : ''}`,
        )
      : b.kind === 'missing'
        ? tr(
            lang,
            `案件 ${b.caseNumber}：缺少第 ${b.seq} 条记录${b.eventId !== null ? `（该位置为 id ${b.eventId}）` : ''}`,
            `case ${b.caseNumber}: event seq ${b.seq} is missing${b.eventId !== null ? ` (id ${b.eventId} is in its place)` : ''}`,
          )
        : tr(
            lang,
            `案件 ${b.caseNumber} 第 ${b.seq} 条记录（id ${b.eventId}）`,
            `case ${b.caseNumber}, event seq ${b.seq} (id ${b.eventId})`,
          );
  return tr(lang, `${where}：${kind}（${b.kind}）`, `${where}: ${kind} (${b.kind})`);
}

/** Which hashes the checked links were written with, e.g. “SM3 120 条、SHA-256 2,000 条”. */
export function describeHashes(h: AuditResult['hashes'], lang: Lang): string {
  const parts = (
    [
      ['sm3', 'SM3'],
      ['sha256', 'SHA-256'],
    ] as const
  )
    .filter(([k]) => h[k] > 0)
    .map(([k, name]) => tr(lang, `${name} ${h[k]} 条`, `${name} ${h[k]}`));
  if (parts.length === 0) return tr(lang, '无记录', 'no events');
  return parts.join(tr(lang, '、', ', '));
}

/** Exit code of a broken chain; every other failure exits with OTHER_FAILURE. */
export const BROKEN_CHAIN = 1;
export const OTHER_FAILURE = 2;

export async function auditVerifyCommand(ctx: CommandContext): Promise<number> {
  try {
    return await verify(ctx);
  } catch (e) {
    throw otherFailure(e);
  }
}

/** Any failure but a broken chain, as a one-line error with exit code 2. */
function otherFailure(e: unknown): CliError {
  const known = asCliError(e);
  if (known) return new CliError(known.text, OTHER_FAILURE);
  const message = e instanceof Error ? e.message : String(e);
  return new CliError(
    {
      zh: `审计链校验未能完成：${message}`,
      en: `the audit chains could not be verified: ${message}`,
    },
    OTHER_FAILURE,
  );
}

async function verify(ctx: CommandContext): Promise<number> {
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  return withCliApp(
    ctx,
    async ({ store, ctx: app }) => {
      const ready = await store.query<{ t: string | null }>(
        `SELECT to_regclass('case_events')::text AS t`,
      );
      if (!ready.rows[0]?.t) {
        throw new CliError(
          {
            zh: `存储 ${store.location} 尚未初始化（没有案件表）；请先运行 rongcuo migrate。`,
            en: `The store ${store.location} is not initialised (no case tables); run rongcuo migrate first.`,
          },
          OTHER_FAILURE,
        );
      }
      const progress = new ProgressLine(ctx.io.stderr);
      const started = performance.now();
      const result = await verifyAudit(app, {
        onProgress: (p) =>
          progress.update(
            L(
              `校验中… 已校验 ${p.cases} 个案件、${p.events} 条记录`,
              `verifying… ${p.cases} cases, ${p.events} events checked`,
            ),
          ),
      });
      // The other chains (migration 0031), after the cases' (read-only: nothing is sealed here).
      const hasTrails = await store.query<{ t: string | null }>(
        `SELECT to_regclass('chain_heads')::text AS t`,
      );
      const trails: TrailCheck[] =
        result.firstBreak || !hasTrails.rows[0]?.t
          ? []
          : await verifyTrails(app, (chain, rows) =>
              progress.update(
                L(`校验中… ${chain}：${rows} 条`, `verifying… ${chain}: ${rows} rows`),
              ),
            );
      progress.done();
      const trailBreak = trails.find((t) => t.firstBreak);
      const ms = Math.round(performance.now() - started);
      if (optFlag(ctx.args, 'json')) {
        out(
          ctx,
          JSON.stringify(
            {
              intact: result.firstBreak === undefined && trailBreak === undefined,
              cases: result.cases,
              events: result.events,
              hashes: result.hashes,
              trails: trails.map((t) => ({ ...t, message: describeTrail(t)[ctx.lang] })),
              ms,
              ...(result.firstBreak
                ? {
                    firstBreak: {
                      ...result.firstBreak,
                      message: describeBreak(result.firstBreak, ctx.lang),
                    },
                  }
                : {}),
            },
            null,
            2,
          ) + '\n',
        );
      } else if (result.firstBreak) {
        out(
          ctx,
          L(
            `审计链断裂：${describeBreak(result.firstBreak, 'zh')}。已校验 ${result.cases} 个案件、${result.events} 条记录后停止。\n`,
            `Audit chain broken: ${describeBreak(result.firstBreak, 'en')}. Stopped after ${result.cases} cases and ${result.events} events.\n`,
          ),
        );
      } else {
        out(
          ctx,
          (trailBreak
            ? L(
                `案件审计链完整：${result.cases} 个案件、${result.events} 条记录均校验通过（杂凑算法：${describeHashes(result.hashes, 'zh')}）；但${describeTrail(trailBreak).zh}。\n`,
                `Case trails intact: ${result.cases} cases and ${result.events} events verified (hashes: ${describeHashes(result.hashes, 'en')}); but: ${describeTrail(trailBreak).en}.\n`,
              )
            : L(
                `审计链完整：${result.cases} 个案件、${result.events} 条记录均校验通过（${ms} ms）；杂凑算法：${describeHashes(result.hashes, 'zh')}。\n`,
                `Audit chains intact: ${result.cases} cases and ${result.events} events verified (${ms} ms); hashes: ${describeHashes(result.hashes, 'en')}.\n`,
              )) + trails.map((t) => describeTrail(t)[ctx.lang] + '\n').join(''),
        );
      }
      return result.firstBreak || trailBreak ? BROKEN_CHAIN : 0;
    },
    { migrate: false },
  );
}
