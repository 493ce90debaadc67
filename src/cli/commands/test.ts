/** rongcuo policy test: run the scenario file beside each pack. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyEngine } from '../../policy/engine.js';
import { formatDiagnostic, formatLoc, PolicyError } from '../../policy/errors.js';
import type { Pack } from '../../policy/model.js';
import type { PackSet } from '../../policy/resolve.js';
import { parseScenarios, runScenario } from '../../policy/scenario.js';
import { cliFail } from '../errors.js';
import { loadNamed, loadSet, shown, type BrokenPack } from '../load.js';
import { oneLine, tr } from '../text.js';
import { out, type CommandContext } from './context.js';

export const TEST_OPTS = {} as const;

interface Target {
  readonly pack?: Pack;
  readonly dir?: string;
  readonly broken?: BrokenPack;
}

export async function testCommand(ctx: CommandContext): Promise<number> {
  const { io, lang } = ctx;
  const L = (zh: string, en: string) => tr(lang, zh, en);
  const targets: Target[] = [];
  let set: PackSet;
  const args = ctx.args.positionals;
  if (args.length === 0) {
    const loaded = loadSet(io);
    set = loaded.set;
    for (const p of loaded.packs) targets.push({ pack: p, dir: loaded.dirs.get(p.id)! });
    for (const b of loaded.broken) targets.push({ broken: b });
    if (targets.length === 0) cliFail('没有找到任何策略包。', 'no policy packs were found.');
  } else {
    if (args.length > 1) {
      cliFail('policy test 一次只接受一个策略包。', 'policy test takes one pack at a time.');
    }
    const loaded = loadNamed(io, args[0]!);
    set = loaded.set;
    targets.push({ pack: loaded.target, dir: loaded.dirs.get(loaded.target.id)! });
  }
  const engine = new PolicyEngine(set);
  let passed = 0;
  let failed = 0;
  let problems = 0;
  for (const t of targets) {
    if (t.broken) {
      problems++;
      const d = t.broken.error.diagnostics[0];
      out(ctx, `✗ ${t.broken.id ?? t.broken.dir}\n`);
      out(
        ctx,
        `    ${L('无法加载策略包', 'cannot load the pack')}: ${d ? oneLine(formatDiagnostic(d, lang)) : ''}\n`,
      );
      continue;
    }
    const pack = t.pack!;
    const file = join(t.dir!, 'scenarios.yaml');
    const name = shown(io, file);
    if (!existsSync(file)) {
      problems++;
      out(ctx, `✗ ${pack.id}: ${L(`没有场景文件 ${name}`, `no scenario file ${name}`)}\n`);
      continue;
    }
    let scenarios;
    try {
      scenarios = parseScenarios(readFileSync(file, 'utf8'), name, pack.id);
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      problems++;
      out(
        ctx,
        `✗ ${pack.id}: ${L(`场景文件 ${name} 有误`, `the scenario file ${name} is invalid`)}\n`,
      );
      for (const d of e.diagnostics) out(ctx, `    ${oneLine(formatDiagnostic(d, lang))}\n`);
      continue;
    }
    out(ctx, `${pack.id} (${name})\n`);
    if (scenarios.length === 0) {
      problems++;
      out(ctx, `  ✗ ${L('场景文件中没有场景', 'the scenario file has no scenarios')}\n`);
      continue;
    }
    for (const s of scenarios) {
      const r = runScenario(engine, s);
      if (r.passed) {
        passed++;
        out(ctx, `  ✓ ${s.name}\n`);
      } else {
        failed++;
        out(ctx, `  ✗ ${s.name}\n`);
        out(ctx, `      ${formatLoc(s.loc)}\n`);
        for (const f of r.failures) out(ctx, `      ${oneLine(f[lang])}\n`);
      }
    }
  }
  const total = passed + failed;
  const summary = L(
    `场景：${passed} 个通过，${failed} 个失败（共 ${total} 个）${problems > 0 ? `；${problems} 个策略包无法测试` : ''}。`,
    `scenarios: ${passed} passed, ${failed} failed (${total} in all)${problems > 0 ? `; ${problems} pack${problems === 1 ? '' : 's'} could not be tested` : ''}.`,
  );
  out(ctx, `\n${summary}\n`);
  return failed > 0 || problems > 0 ? 1 : 0;
}
