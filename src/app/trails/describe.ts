/**
 * The words for a trail's check (the CLI's `audit verify` and the web app's verification say the
 * same): which chain, how many links, with which hash, and where it breaks.
 */
import type { TrailHash } from '../../domain/digest.js';
import type { I18nText } from '../../policy/model.js';
import type { ChainName, TrailBreakKind, TrailCheck } from './chain.js';

export const CHAIN_LABEL: Record<ChainName, I18nText> = {
  read_log: { zh: '阅卷日志', en: 'Read log' },
  admin_events: { zh: '管理操作记录', en: 'Administration events' },
  security_events: { zh: '安全事件', en: 'Security events' },
};

export const HASH_LABEL: Record<TrailHash, string> = { sha256: 'SHA-256', sm3: 'SM3' };

const BREAK: Record<TrailBreakKind, I18nText> = {
  altered: {
    zh: '记录内容被改动（哈希不符）',
    en: 'the row was altered (its hash does not match)',
  },
  broken_link: { zh: '与前一条记录的链接断开', en: 'its link to the previous row is broken' },
  missing: { zh: '记录缺失（序号不连续）', en: 'a row is missing (seq out of order)' },
  head_mismatch: {
    zh: '链头与现有记录不符（记录被删除或追加）',
    en: 'the chain head does not match the rows (rows deleted or added)',
  },
  unchained: {
    zh: '有记录未进入哈希链（绕过程序写入）',
    en: 'a row is outside the chain (written around the application)',
  },
};

export function describeTrail(c: TrailCheck): I18nText {
  const label = CHAIN_LABEL[c.chain];
  if (c.firstBreak) {
    const b = c.firstBreak;
    const where =
      b.kind === 'head_mismatch'
        ? {
            zh: `链头记载至第 ${b.expectedCount} 条，实有至第 ${b.actualCount} 条`,
            en: `the head records seq ${b.expectedCount}, the rows end at ${b.actualCount}`,
          }
        : b.kind === 'missing'
          ? {
              zh: `缺少第 ${b.seq} 条（该位置为 id ${b.id}）`,
              en: `seq ${b.seq} is missing (id ${b.id} is in its place)`,
            }
          : b.kind === 'unchained'
            ? { zh: `id ${b.id}`, en: `id ${b.id}` }
            : { zh: `第 ${b.seq} 条（id ${b.id}）`, en: `seq ${b.seq} (id ${b.id})` };
    return {
      zh: `${label.zh}断裂：${where.zh}：${BREAK[b.kind].zh}（${b.kind}）`,
      en: `${label.en} broken: ${where.en}: ${BREAK[b.kind].en} (${b.kind})`,
    };
  }
  const hashes = c.hashes.map((h) => HASH_LABEL[h]).join(' + ') || '—';
  const notes: { zh: string; en: string }[] = [];
  if (c.before > 0) {
    notes.push({
      zh: `启用哈希链之前的 ${c.before} 条记录不在链中`,
      en: `${c.before} rows written before the chain existed are not covered`,
    });
  }
  if (c.purgedThrough > 0) {
    notes.push({
      zh: `第 ${c.purgedThrough} 条及以前已按保存期限清除`,
      en: `rows up to seq ${c.purgedThrough} were purged at the end of their retention`,
    });
  }
  if (c.pending > 0) {
    notes.push({
      zh: `${c.pending} 条新记录尚待封存入链（服务运行时每分钟封存）`,
      en: `${c.pending} new rows wait to be sealed into the chain (the server seals every minute)`,
    });
  }
  return {
    zh: `${label.zh}：${c.rows} 条记录校验通过（${hashes}）${notes.length ? '；' + notes.map((n) => n.zh).join('；') : ''}。`,
    en: `${label.en}: ${c.rows} rows verified (${hashes})${notes.length ? '; ' + notes.map((n) => n.en).join('; ') : ''}.`,
  };
}
