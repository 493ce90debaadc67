/**
 * rongcuo demo: seed the demo (src/app/demo.ts) and print its logins. Refuses a store that holds
 * data; --force empties a store the demo seeded before and seeds it again.
 */
import type { AppContext } from '../../app/context.js';
import {
  demoMarker,
  resetDemoStore,
  roleLabel,
  seedDemo,
  storeHasData,
  type DemoResult,
} from '../../app/demo.js';
import { STATE_LABEL, type CaseState, CASE_STATES } from '../../domain/case-states.js';
import type { Lang } from '../../policy/model.js';
import { optFlag } from '../args.js';
import { CliError } from '../errors.js';
import type { Writer } from '../io.js';
import { ProgressLine, STORE_OPTS, withCliApp } from '../store.js';
import { displayWidth, localize, padEnd, tr } from '../text.js';
import { out, type CommandContext } from './context.js';

export const DEMO_OPTS = { ...STORE_OPTS, force: 'flag', json: 'flag' } as const;

export async function demoCommand(ctx: CommandContext): Promise<number> {
  return withCliApp(ctx, async ({ ctx: app, choice }) => {
    const force = optFlag(ctx.args, 'force');
    if (await storeHasData(app)) {
      if (!force) {
        throw new CliError(
          {
            zh: `存储 ${choice.shown} 中已有数据，不写入演示数据。若它是演示存储，可加 --force 清空后重新写入；否则请用 --data 指定一个新目录。`,
            en: `The store ${choice.shown} already holds data, so the demo is not seeded. If it is a demo store, add --force to empty and reseed it; otherwise give a fresh directory with --data.`,
          },
          1,
        );
      }
      if (!(await demoMarker(app))) {
        throw new CliError(
          {
            zh: `存储 ${choice.shown} 中的数据不是演示数据，即使加 --force 也不会清空。请用 --data 指定一个新目录。`,
            en: `The store ${choice.shown} holds data the demo did not make; --force will not empty it. Give a fresh directory with --data.`,
          },
          1,
        );
      }
      ctx.io.stderr.write(
        tr(
          ctx.lang,
          `rongcuo：--force：清空演示存储 ${choice.shown} 后重新写入。\n`,
          `rongcuo: --force: emptying the demo store ${choice.shown} and seeding it again.\n`,
        ),
      );
      await resetDemoStore(app);
    }
    const result = await seedWithProgress(app, ctx.io.stderr, ctx.lang);
    if (optFlag(ctx.args, 'json')) {
      out(ctx, JSON.stringify(localize(result, ctx.lang), null, 2) + '\n');
    } else {
      out(ctx, renderDemo(result, ctx.lang, choice.shown));
    }
    return 0;
  });
}

/** Seeds the demo with a progress line on stderr. */
export async function seedWithProgress(
  app: AppContext,
  stderr: Writer,
  lang: Lang,
): Promise<DemoResult> {
  const progress = new ProgressLine(stderr, 3000);
  const result = await seedDemo(app, {
    onProgress: (done, total) =>
      progress.update(
        tr(lang, `写入演示案件… ${done}/${total}`, `seeding demo cases… ${done}/${total}`),
      ),
  });
  progress.done();
  return result;
}

/** The demo's summary and its logins, as a table. */
export function renderDemo(r: DemoResult, lang: Lang, where: string): string {
  const L = (zh: string, en: string) => tr(lang, zh, en);
  const o: string[] = [];
  o.push(
    L(
      `已在 ${where} 写入演示数据（${Math.round(r.ms / 100) / 10} 秒）：${r.jurisdictions} 个辖区（某省 › 某市 › X新区，某省 › 四川自贸试验区某片区）、${r.units} 个单位、${r.officials} 名干部、${r.cases} 个案件、${r.events} 条审计记录；历史截至 ${r.asOf}，今天有 ${r.overdue} 个案件超期。`,
      `Seeded the demo in ${where} (${Math.round(r.ms / 100) / 10} s): ${r.jurisdictions} jurisdictions (A Province › A City › X New Area, and A Province › an area of the Sichuan Pilot FTZ), ${r.units} units, ${r.officials} officials, ${r.cases} cases, ${r.events} audit events; history up to ${r.asOf}, ${r.overdue} cases overdue today.`,
    ),
  );
  const states = CASE_STATES.filter((s: CaseState) => (r.byState[s] ?? 0) > 0)
    .map((s) => `${STATE_LABEL[s][lang]} ${r.byState[s]}`)
    .join(L('，', ', '));
  o.push(L(`案件：${states}。`, `Cases: ${states}.`));
  o.push(
    L(
      `问卷调查：X新区和某市的年度问卷已收回并可查看分析报告；可用此链接试填一份匿名问卷：/survey/${r.surveyToken}`,
      `Surveys: the yearly surveys of X New Area and A City are closed, their reports ready; try the anonymous answering page at /survey/${r.surveyToken}`,
    ),
  );
  o.push('');
  o.push(loginTable(r, lang));
  o.push(
    L(
      '这些账号和密码仅供演示，公开可知；请勿在真实数据上使用。',
      'These logins and passwords are for demonstration only and publicly known; never use them with real data.',
    ),
  );
  return o.join('\n') + '\n';
}

export function loginTable(r: Pick<DemoResult, 'logins' | 'moreLogins'>, lang: Lang): string {
  const L = (zh: string, en: string) => tr(lang, zh, en);
  const head = [
    L('用户名', 'Username'),
    L('密码', 'Password'),
    L('角色', 'Role'),
    L('范围', 'Scope'),
  ];
  const rows = r.logins.map((l) => [
    l.username,
    l.password,
    `${roleLabel(l.role)[lang]} (${l.role})`,
    `${l.displayName}${L('，', ', ')}${l.scope[lang]}`,
  ]);
  const widths = head.map((h, i) =>
    Math.max(...[h, ...rows.map((x) => x[i]!)].map((s) => displayWidth(s))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : padEnd(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  const o = [L('演示账号：', 'Demo logins:'), line(head), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of rows) o.push(line(row));
  for (const m of r.moreLogins) {
    o.push(
      L(
        `另有 ${m.count} 个账号 ${m.pattern}，密码 ${m.password}（${roleLabel(m.role).zh}）。`,
        `Also ${m.count} logins ${m.pattern}, password ${m.password} (${roleLabel(m.role).en}).`,
      ),
    );
  }
  return o.join('\n');
}
