/**
 * rongcuo keys status | rotate: the encryption of stored files (src/app/blobs/) and of the
 * one-time-code secrets under the same key ring (src/app/two-factors/secret-store.ts). `status` lists the
 * stored files by algorithm and key, how many are not yet under the key new files are written
 * with, the keys the ring lacks, and the keys that may now leave the ring. `rotate` re-encrypts
 * every file not under that key, in batches, with progress on stderr; an interrupted run is run
 * again. On PostgreSQL it runs beside the servers; the embedded store is locked by its running
 * server, which does the same work itself as the background job `blobs.reencrypt`.
 */
import type { BlobStatus } from '../../app/blobs/rotate.js';
import { keyRingOf } from '../../app/blobs/keyring.js';
import type { Lang } from '../../policy/model.js';
import { optFlag, optString } from '../args.js';
import { CliError } from '../errors.js';
import { ProgressLine, STORE_OPTS, withCliApp } from '../store.js';
import { tr } from '../text.js';
import { out, type CommandContext } from './context.js';

export const KEYS_STATUS_OPTS = { ...STORE_OPTS, json: 'flag' } as const;
export const KEYS_ROTATE_OPTS = { ...STORE_OPTS, json: 'flag', batch: 'string' } as const;

const ALG: Record<string, { zh: string; en: string }> = {
  none: { zh: '未加密', en: 'in clear' },
  'sm4-ctr-hmac-sm3': {
    zh: 'SM4（CTR，HMAC-SM3 完整性校验）',
    en: 'SM4 (CTR, HMAC-SM3 integrity)',
  },
  'aes-256-gcm': { zh: 'AES-256-GCM', en: 'AES-256-GCM' },
};

const mib = (n: number) => (n / 1024 / 1024).toFixed(1);

/** The status as lines of text. */
export function statusText(s: BlobStatus, ringIds: readonly string[], lang: Lang): string {
  const L = (zh: string, en: string) => tr(lang, zh, en);
  const algOf = (alg: string, keyId: string | null) =>
    keyId === null
      ? ALG[alg]![lang]
      : L(`${ALG[alg]!.zh}，密钥 ${keyId}`, `${ALG[alg]!.en}, key ${keyId}`);
  const lines = [
    L(
      `新文件的存储方式：${algOf(s.target.alg, s.target.keyId)}`,
      `New files are stored: ${algOf(s.target.alg, s.target.keyId)}`,
    ),
    ...s.groups.map((g) =>
      L(
        `  ${algOf(g.alg, g.keyId)}：${g.blobs} 个文件，${mib(g.bytes)} MiB`,
        `  ${algOf(g.alg, g.keyId)}: ${g.blobs} files, ${mib(g.bytes)} MiB`,
      ),
    ),
    s.groups.length === 0 ? L('  （尚无文件）', '  (no files yet)') : '',
    s.pending === 0
      ? L('全部文件均已按上述方式存储。', 'Every file is stored that way.')
      : L(
          `待重新加密：${s.pending} 个文件（rongcuo keys rotate，或由运行中的服务在后台完成）。`,
          `To re-encrypt: ${s.pending} files (rongcuo keys rotate, or the running server does it in the background).`,
        ),
  ].filter((l) => l !== '');
  lines.push(secretsLine(s, algOf, L));
  if (s.missingKeys.length > 0) {
    lines.push(
      L(
        `密钥环中缺少密钥：${s.missingKeys.join('、')}；以它们加密的文件无法读取，请补回。`,
        `Keys missing from the ring: ${s.missingKeys.join(', ')}; the files under them cannot be read until they are put back.`,
      ),
    );
  }
  const used = new Set([...s.groups, ...s.secrets].map((g) => g.keyId));
  const removable = ringIds.filter((id) => !used.has(id) && id !== s.target.keyId);
  if (removable.length > 0) {
    lines.push(
      L(
        `已无文件使用、可从密钥环移除的密钥：${removable.join('、')}（移除前请确认备份中的文件也已不需要它们）。`,
        `Keys no file uses, which may leave the ring: ${removable.join(', ')} (check first that no backup you may restore still needs them).`,
      ),
    );
  }
  return lines.join('\n') + '\n';
}

/** The one-time-code secrets under the ring (two-factors/secret-store.ts), on one line. */
function secretsLine(
  s: BlobStatus,
  algOf: (alg: string, keyId: string | null) => string,
  L: (zh: string, en: string) => string,
): string {
  const zh = s.secrets.map((g) => `${algOf(g.alg, g.keyId)} ${g.secrets} 个`).join('，');
  const en = s.secrets.map((g) => `${g.secrets} ${algOf(g.alg, g.keyId)}`).join('; ');
  const head = L(`动态口令密钥：${zh || '尚无'}`, `One-time-code secrets: ${en || 'none yet'}`);
  return s.secretsPending === 0
    ? head
    : head + L(`；待重新加密 ${s.secretsPending} 个。`, `; ${s.secretsPending} to re-encrypt.`);
}

export async function keysStatusCommand(ctx: CommandContext): Promise<number> {
  return withCliApp(ctx, async ({ ctx: app }) => {
    const { blobStatus } = await import('../../app/blobs/rotate.js');
    const s = await blobStatus(app);
    const ringIds = [...keyRingOf(app.settings.crypto).keys.keys()];
    if (optFlag(ctx.args, 'json'))
      out(ctx, JSON.stringify({ ...s, ring: ringIds }, null, 2) + '\n');
    else out(ctx, statusText(s, ringIds, ctx.lang));
    return s.missingKeys.length > 0 ? 1 : 0;
  });
}

export async function keysRotateCommand(ctx: CommandContext): Promise<number> {
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  const batchText = optString(ctx.args, 'batch');
  const batchSize = batchText === undefined ? undefined : Number(batchText);
  if (
    batchSize !== undefined &&
    !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000)
  ) {
    throw new CliError(
      {
        zh: `--batch 应为 1 到 10000 之间的整数，而不是“${batchText}”。`,
        en: `--batch must be a whole number from 1 to 10000, not '${batchText}'.`,
      },
      2,
    );
  }
  return withCliApp(ctx, async ({ ctx: app }) => {
    const { reencryptBlobs, blobStatus } = await import('../../app/blobs/rotate.js');
    const { reencryptTotpSecrets } = await import('../../app/two-factors/secret-store.js');
    const progress = new ProgressLine(ctx.io.stderr);
    const started = performance.now();
    const r = await reencryptBlobs(app, {
      batchSize,
      onProgress: (p) =>
        progress.update(
          L(`重新加密中… ${p.done}/${p.total} 个文件`, `re-encrypting… ${p.done}/${p.total} files`),
        ),
    });
    progress.done();
    const secrets = await reencryptTotpSecrets(app);
    const ms = Math.round(performance.now() - started);
    const s = await blobStatus(app);
    if (optFlag(ctx.args, 'json')) {
      out(
        ctx,
        JSON.stringify(
          { reencrypted: r.done, secretsReencrypted: secrets, pending: s.pending, ms, status: s },
          null,
          2,
        ) + '\n',
      );
    } else {
      out(
        ctx,
        L(
          `已重新加密 ${r.done} 个文件（${ms} ms），动态口令密钥 ${secrets} 个。\n`,
          `${r.done} files re-encrypted (${ms} ms); ${secrets} one-time-code secrets.\n`,
        ) + statusText(s, [...keyRingOf(app.settings.crypto).keys.keys()], ctx.lang),
      );
    }
    return 0;
  });
}
