/** rongcuo policy check: lint packs; a pack that cannot be read is itself a finding. */
import { readPackFile } from '../../packs/loader.js';
import { PolicyEngine } from '../../policy/engine.js';
import { formatDiagnostic, PolicyError, type Diagnostic } from '../../policy/errors.js';
import { lintPack } from '../../policy/lint.js';
import type { Pack } from '../../policy/model.js';
import type { PackSet } from '../../policy/resolve.js';
import { cliFail } from '../errors.js';
import { isPathArg, loadSet, packFileOf, shown, type BrokenPack } from '../load.js';
import { tr } from '../text.js';
import { out, type CommandContext } from './context.js';

export const CHECK_OPTS = {} as const;

export async function checkCommand(ctx: CommandContext): Promise<number> {
  const { io, lang } = ctx;
  let errors = 0;
  let warnings = 0;
  let packs = 0;
  const report = (ds: readonly Diagnostic[], file: string) => {
    for (const d of ds) {
      const located: Diagnostic = d.at ? d : { ...d, at: { file, line: 0, col: 0, path: [] } };
      out(ctx, formatDiagnostic(located, lang).replace(/[\r\n]+/g, ' ') + '\n');
      if (d.severity === 'error') errors++;
      else warnings++;
    }
  };
  const reportBroken = (b: BrokenPack) => report(b.error.diagnostics, shown(io, b.file));

  const targets = ctx.args.positionals;
  if (targets.length === 0) {
    const loaded = loadSet(io);
    if (loaded.packs.length === 0 && loaded.broken.length === 0) {
      cliFail('没有找到任何策略包。', 'no policy packs were found.');
    }
    for (const p of loaded.packs) {
      packs++;
      report(lintOne(loaded.set, p), p.file);
    }
    for (const b of loaded.broken) {
      packs++;
      reportBroken(b);
    }
  } else {
    for (const arg of targets) {
      packs++;
      if (isPathArg(io, arg)) {
        const file = packFileOf(io, arg);
        let pack: Pack;
        try {
          pack = readPackFile(file);
        } catch (e) {
          if (!(e instanceof PolicyError)) throw e;
          report(e.diagnostics, shown(io, file));
          continue;
        }
        const loaded = loadSet(io, [{ pack, file }]);
        const b = loaded.broken.find((x) => x.id === pack.id && x.file === pack.file);
        if (b) reportBroken(b);
        else report(lintOne(loaded.set, pack), pack.file);
      } else {
        const loaded = loadSet(io);
        if (loaded.set.has(arg)) {
          report(lintOne(loaded.set, loaded.set.get(arg)), loaded.set.get(arg).file);
          continue;
        }
        const b =
          loaded.broken.find((x) => x.id === arg) ?? loaded.broken.find((x) => x.dir === arg);
        if (b) reportBroken(b);
        else loaded.set.get(arg); // throws POLICY_UNKNOWN_PACK (exit 2)
      }
    }
  }
  out(
    ctx,
    tr(
      lang,
      `检查了 ${packs} 个策略包：${errors} 个错误，${warnings} 个警告。\n`,
      `checked ${packs} pack${packs === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.\n`,
    ),
  );
  return errors > 0 ? 1 : 0;
}

/**
 * The linter's findings; if it finds no error but a version still fails to compile, those compile
 * errors too, so that a pack that passes check can always be evaluated.
 */
function lintOne(set: PackSet, pack: Pack): Diagnostic[] {
  let found: Diagnostic[];
  try {
    found = [...lintPack(set, pack).diagnostics];
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    return [...e.diagnostics];
  }
  if (found.some((d) => d.severity === 'error')) return found;
  const seen = new Set(found.map(key));
  const engine = new PolicyEngine(set);
  for (const v of pack.versions) {
    try {
      engine.version(pack.id, v.id);
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      for (const d of e.diagnostics) {
        if (!seen.has(key(d))) {
          seen.add(key(d));
          found.push(d);
        }
      }
    }
  }
  return found;
}

function key(d: Diagnostic): string {
  return `${d.code}|${d.at?.file}:${d.at?.line}:${d.at?.col}|${d.message.en}`;
}
