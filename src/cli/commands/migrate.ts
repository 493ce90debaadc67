/** rongcuo migrate: apply the pending migrations of the store and say what was applied. */
import { STORE_OPTS, withCliApp } from '../store.js';
import { tr } from '../text.js';
import { out, type CommandContext } from './context.js';

export const MIGRATE_OPTS = { ...STORE_OPTS } as const;

export async function migrateCommand(ctx: CommandContext): Promise<number> {
  const L = (zh: string, en: string) => tr(ctx.lang, zh, en);
  return withCliApp(ctx, async ({ migrated, choice, store }) => {
    const lines: string[] = [L(`存储：${choice.shown}`, `Store: ${choice.shown}`)];
    for (const w of store.warnings)
      lines.push(`${L('警告', 'warning')} ${w.code}: ${w.message[ctx.lang]}`);
    for (const m of migrated.applied) {
      const name = `${String(m.id).padStart(4, '0')}_${m.name}`;
      lines.push(L(`已应用迁移 ${name}（${m.ms} ms）`, `applied ${name} (${m.ms} ms)`));
    }
    const total = migrated.alreadyApplied + migrated.applied.length;
    lines.push(
      migrated.applied.length === 0
        ? L(
            `没有待应用的迁移：数据库已是最新（共 ${total} 个迁移）。`,
            `Nothing to apply: the database is up to date (${total} migrations).`,
          )
        : L(
            `已应用 ${migrated.applied.length} 个迁移，共 ${total} 个，用时 ${migrated.ms} ms。`,
            `Applied ${migrated.applied.length} migration(s), ${total} in all, in ${migrated.ms} ms.`,
          ),
    );
    out(ctx, lines.join('\n') + '\n');
    return 0;
  });
}
