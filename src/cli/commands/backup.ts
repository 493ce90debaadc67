/**
 * rongcuo backup --out FILE: a backup of the store (src/store/backup.ts), taken while the server
 * runs. PostgreSQL: the CLI connects itself. The embedded store: when a running server holds its
 * directory, the CLI asks that server over `<dir>/backup.sock` (src/store/backup-channel.ts);
 * otherwise it opens the directory itself. The file is written as FILE.partial, read back and
 * checked whole, and only then renamed to FILE.
 *
 * rongcuo restore FILE [--force]: loads a backup into an empty store (or, with --force, replaces
 * the data of one that is not), checks its row counts and chain heads against the backup's
 * manifest, and verifies every audit chain as `rongcuo audit verify` does. Not into the store of
 * a running server: stop it first (the embedded store's lock says so).
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { verifyAudit } from '../../app/audit.js';
import { checkBackup, restoreBackup, writeBackup } from '../../store/backup.js';
import { requestBackup } from '../../store/backup-channel.js';
import type { BackupManifest, BackupProgress } from '../../store/backup.js';
import { optFlag, optString } from '../args.js';
import { CliError, cliFail } from '../errors.js';
import { packageVersion } from '../main.js';
import { asCliError, ProgressLine, STORE_OPTS, storeChoice, withCliApp } from '../store.js';
import { tr } from '../text.js';
import { describeBreak } from './audit.js';
import { out, type CommandContext } from './context.js';

export const BACKUP_OPTS = { ...STORE_OPTS, out: 'string' } as const;
export const RESTORE_OPTS = { ...STORE_OPTS, force: 'flag' } as const;

const n = (v: number): string => v.toLocaleString('en-US');

function progressText(ctx: CommandContext, verb: 'backup' | 'restore', p: BackupProgress): string {
  return verb === 'backup'
    ? tr(
        ctx.lang,
        `备份中… 第 ${p.tablesDone + 1}/${p.tables} 张表（${p.table}），${n(p.rows)}/${n(p.totalRows)} 行`,
        `backing up… table ${p.tablesDone + 1}/${p.tables} (${p.table}), ${n(p.rows)}/${n(p.totalRows)} rows`,
      )
    : tr(
        ctx.lang,
        `恢复中… 第 ${p.tablesDone + 1}/${p.tables} 张表（${p.table}），${n(p.rows)}/${n(p.totalRows)} 行`,
        `restoring… table ${p.tablesDone + 1}/${p.tables} (${p.table}), ${n(p.rows)}/${n(p.totalRows)} rows`,
      );
}

function headsCount(m: BackupManifest): number {
  return Object.values(m.heads).reduce((k, h) => k + Object.keys(h).length, 0);
}

export async function backupCommand(ctx: CommandContext): Promise<number> {
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  const given = optString(ctx.args, 'out');
  if (!given) cliFail('请用 --out 指定备份文件。', 'Name the backup file with --out.');
  const file = resolve(ctx.io.cwd, given);
  const partial = `${file}.partial`;
  const started = performance.now();
  const progress = new ProgressLine(ctx.io.stderr);
  const choice = storeChoice(ctx);
  let via: 'server' | 'direct' = 'direct';
  try {
    if (choice.dataDir && !existsSync(resolve(choice.dataDir, 'pgdata'))) {
      cliFail(
        `${choice.dataDir} 中没有存储，无可备份。`,
        `There is no store in ${choice.dataDir}: nothing to back up.`,
      );
    }
    if (choice.dataDir) {
      const asked = await requestBackup(
        choice.dataDir,
        () => createWriteStream(partial, { mode: 0o600 }),
        (bytes) =>
          progress.update(
            L(
              `正在从运行中的服务接收备份… ${n(Math.round(bytes / 1024))} KiB`,
              `receiving the backup from the running server… ${n(Math.round(bytes / 1024))} KiB`,
            ),
          ),
      );
      if (asked) via = 'server';
    }
    if (via === 'direct') {
      await withCliApp(
        ctx,
        async ({ store, ctx: app }) => {
          await writeBackup(store, createWriteStream(partial, { mode: 0o600 }), {
            appVersion: packageVersion(),
            trailHash: app.settings.crypto.trailHash,
            onProgress: (p) => progress.update(progressText(ctx, 'backup', p)),
          });
        },
        { migrate: false },
      );
    }
    progress.done();
    // Read back whole before it takes the name: a backup cut short never looks like one.
    const manifest = await checkBackup(createReadStream(partial));
    await rename(partial, file);
    const size = (await stat(file)).size;
    const rows = manifest.tables.reduce((k, t) => k + t.rows, 0);
    const last = manifest.migrations.at(-1);
    out(
      ctx,
      L(
        `已备份到 ${file}：${manifest.tables.length} 张表、${n(rows)} 行、${n(headsCount(manifest))} 个链头，迁移至 ${String(last?.id ?? 0).padStart(4, '0')}；${n(Math.round(size / 1024))} KiB，${Math.round(performance.now() - started)} ms${via === 'server' ? '（由运行中的服务制作）' : ''}。\n`,
        `Backed up to ${file}: ${manifest.tables.length} tables, ${n(rows)} rows, ${n(headsCount(manifest))} chain heads, migrations up to ${String(last?.id ?? 0).padStart(4, '0')}; ${n(Math.round(size / 1024))} KiB, ${Math.round(performance.now() - started)} ms${via === 'server' ? ' (taken by the running server)' : ''}.\n`,
      ),
    );
    return 0;
  } catch (e) {
    progress.done();
    await rm(partial, { force: true });
    throw asCliError(e) ?? e;
  }
}

export async function restoreCommand(ctx: CommandContext): Promise<number> {
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  const given = ctx.args.positionals[0];
  if (!given) cliFail('请指定要恢复的备份文件。', 'Name the backup file to restore.');
  const file = resolve(ctx.io.cwd, given);
  if (!existsSync(file))
    cliFail(`找不到备份文件 ${file}。`, `The backup file ${file} does not exist.`);
  const progress = new ProgressLine(ctx.io.stderr);
  try {
    // The whole file is read and checked before the store is touched.
    await checkBackup(createReadStream(file));
    return await withCliApp(
      ctx,
      async ({ store, ctx: app }) => {
        const report = await restoreBackup(store, createReadStream(file), {
          force: optFlag(ctx.args, 'force'),
          onProgress: (p) => progress.update(progressText(ctx, 'restore', p)),
        });
        progress.done();
        const m = report.manifest;
        out(
          ctx,
          L(
            `已恢复到 ${store.location}：${m.tables.length} 张表、${n(report.rows)} 行，行数和 ${n(headsCount(m))} 个链头与备份清单一致（备份于 ${m.createdAt}，版本 ${m.appVersion}，来自 ${m.store}）。\n`,
            `Restored into ${store.location}: ${m.tables.length} tables, ${n(report.rows)} rows; row counts and ${n(headsCount(m))} chain heads equal the backup's manifest (taken ${m.createdAt}, version ${m.appVersion}, from ${m.store}).\n`,
          ),
        );
        if (m.trailHash !== app.settings.crypto.trailHash) {
          ctx.io.stderr.write(
            L(
              `rongcuo：备份时审计链杂凑算法为 ${m.trailHash}，当前设置为 ${app.settings.crypto.trailHash}；校验按每条记录所用算法进行，此后写入的记录用当前设置。\n`,
              `rongcuo: the backup was taken with trail hash ${m.trailHash}, this installation is set to ${app.settings.crypto.trailHash}; each link is verified with its own hash, new links use the setting.\n`,
            ),
          );
        }
        const audit = await verifyAudit(app, {
          onProgress: (p) =>
            progress.update(
              L(
                `校验审计链… ${n(p.cases)} 个案件、${n(p.events)} 条记录`,
                `verifying the audit chains… ${n(p.cases)} cases, ${n(p.events)} events`,
              ),
            ),
        });
        progress.done();
        if (audit.firstBreak) {
          throw new CliError(
            {
              zh: `恢复的数据中审计链断裂：${describeBreak(audit.firstBreak, 'zh')}`,
              en: `an audit chain in the restored data is broken: ${describeBreak(audit.firstBreak, 'en')}`,
            },
            1,
          );
        }
        out(
          ctx,
          L(
            `审计链校验通过：${n(audit.cases)} 个案件、${n(audit.events)} 条记录（与 rongcuo audit verify 相同）。\n`,
            `Audit chains intact: ${n(audit.cases)} cases, ${n(audit.events)} events (as rongcuo audit verify).\n`,
          ),
        );
        return 0;
      },
      { migrate: false },
    );
  } catch (e) {
    progress.done();
    throw asCliError(e) ?? e;
  }
}
