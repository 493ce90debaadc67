/**
 * rongcuo config: every setting of the installation (src/config) with its environment variable,
 * its `rongcuo serve` flag, its default and the value in effect here (a secret only as set or
 * unset). `--check` reads them all and says only whether they can be read: exit 1 with one line
 * naming the first bad value, else 0. Reads the environment only; no store is opened.
 */
import { settingRows } from '../../config/reference.js';
import { optFlag } from '../args.js';
import { CliError } from '../errors.js';
import { tr } from '../text.js';
import { out, type CommandContext } from './context.js';

export const CONFIG_OPTS = { check: 'flag' } as const;

export async function configCommand(ctx: CommandContext): Promise<number> {
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  const rows = settingRows(ctx.io.env);
  const bad = rows.filter((r) => r.error);
  if (optFlag(ctx.args, 'check')) {
    const first = bad[0]?.error;
    if (first) {
      const more =
        bad.length > 1
          ? L(`（另有 ${bad.length - 1} 项无效）`, ` (and ${bad.length - 1} more invalid)`)
          : '';
      throw new CliError({ zh: first.text.zh + more, en: first.text.en + more }, 1);
    }
    out(
      ctx,
      L(
        `配置有效：${rows.length} 项设置均可读取。\n`,
        `The configuration is valid: all ${rows.length} settings can be read.\n`,
      ),
    );
    return 0;
  }
  const blocks = rows.map((r) => {
    const head = r.doc.flag ? `${r.doc.env}  (--${r.doc.flag})` : r.doc.env;
    const dflt = r.doc.default === '' ? L('无', 'none') : r.doc.default;
    const value = r.error
      ? L('无效', 'invalid')
      : r.doc.secret
        ? r.given
          ? L('已设置', 'set')
          : L('未设置', 'unset')
        : r.value === ''
          ? L('未设置', 'unset')
          : r.value;
    const origin =
      r.error || r.doc.secret
        ? ''
        : r.given
          ? L('（已设置）', ' (set)')
          : L('（默认）', ' (default)');
    const lines = [
      head,
      L(
        `  当前：${value}${origin}；默认：${dflt}`,
        `  value: ${value}${origin}   default: ${dflt}`,
      ),
      `  ${r.doc.text[ctx.lang]}`,
    ];
    if (r.error) lines.push(`  ${r.error.text[ctx.lang]}`);
    return lines.join('\n');
  });
  out(
    ctx,
    L(
      `rongcuo 的配置（${rows.length} 项）：按环境变量读取；rongcuo serve 的命令行选项优先于环境变量。\n\n`,
      `rongcuo's settings (${rows.length}): read from the environment; rongcuo serve's flags win over it.\n\n`,
    ) +
      blocks.join('\n\n') +
      '\n',
  );
  if (bad.length > 0) {
    ctx.io.stderr.write(
      L(
        `rongcuo：${bad.length} 项设置的值无效，见上。\n`,
        `rongcuo: ${bad.length} setting(s) have an invalid value, shown above.\n`,
      ),
    );
    return 1;
  }
  return 0;
}
