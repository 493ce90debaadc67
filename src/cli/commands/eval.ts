/** rongcuo policy eval: evaluate one fact set against a pack and explain the outcome. */
import type { CompiledPolicy } from '../../policy/compile.js';
import { isIsoDate } from '../../policy/dates.js';
import { PolicyEngine } from '../../policy/engine.js';
import { PolicyError, type Diagnostic } from '../../policy/errors.js';
import { factProblems } from '../../policy/facts.js';
import type { FactDecl, Facts } from '../../policy/model.js';
import { optFlag, optString, requireString } from '../args.js';
import { cliFail } from '../errors.js';
import { chinaToday } from '../io.js';
import { keyLoc, loadNamed, parseJsonText, readInput } from '../load.js';
import { renderEvaluation } from '../render.js';
import { localize } from '../text.js';
import { out, type CommandContext } from './context.js';

export const EVAL_OPTS = {
  pack: 'string',
  facts: 'string',
  at: 'string',
  'decided-at': 'string',
  json: 'flag',
} as const;

const CMD = 'rongcuo policy eval';

export async function evalCommand(ctx: CommandContext): Promise<number> {
  const { io, lang, args } = ctx;
  const packArg = requireString(args, 'pack', CMD);
  const factsArg = requireString(args, 'facts', CMD);
  const at = optString(args, 'at') ?? (io.today ?? chinaToday)();
  const decidedAt = optString(args, 'decided-at');
  checkDateOption('at', at);
  if (decidedAt !== undefined) checkDateOption('decided-at', decidedAt);

  const text = await readInput(io, factsArg, { zh: '事实文件', en: 'facts file' });
  const where = factsArg === '-' ? '<stdin>' : factsArg;
  const facts = parseJsonText(text, where);

  const { set, target } = loadNamed(io, packArg);
  const engine = new PolicyEngine(set);
  // The rules in force at the conduct: the pack's own, or before it took effect the level above's.
  const { policy: conduct, facts: conductFacts } = engine.conductAt(target.id, at);
  // (A decision date before the conduct is refused by evaluate below.)
  const decision =
    decidedAt !== undefined && decidedAt >= at ? engine.at(target.id, decidedAt) : undefined;
  checkFacts(facts, text, where, conductFacts, decision);

  const ev = engine.evaluate(target.id, facts as Facts, {
    at,
    ...(decidedAt !== undefined ? { decidedAt } : {}),
  });
  if (optFlag(args, 'json')) {
    out(ctx, JSON.stringify(localize(ev, lang), null, 2) + '\n');
    return 0;
  }
  const declared =
    ev.time.applied === 'decision' && decision
      ? [decision.eff.facts, conductFacts]
      : [conductFacts, decision?.eff.facts];
  out(
    ctx,
    renderEvaluation(
      ev,
      {
        facts: (id) => {
          for (const facts of declared) {
            const d = facts?.get(id);
            if (d) return d;
          }
          return undefined;
        },
        outcomeLabel: (id) => conduct.outcomes.find((o) => o.id === id)?.label,
      },
      lang,
    ),
  );
  return 0;
}

function checkDateOption(name: string, value: string): void {
  if (!isIsoDate(value)) {
    cliFail(
      `--${name} 的日期“${value}”无效，应写作 YYYY-MM-DD。`,
      `the --${name} date '${value}' is not valid; write it as YYYY-MM-DD.`,
    );
  }
}

/** Checks the facts against both versions involved, naming the file, line and column of each problem. */
function checkFacts(
  facts: unknown,
  text: string,
  where: string,
  conduct: ReadonlyMap<string, FactDecl>,
  decision: CompiledPolicy | undefined,
): void {
  const problems: Diagnostic[] = [];
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) {
    problems.push(...factProblems(facts, conduct, where));
  } else {
    for (const [key, value] of Object.entries(facts as Record<string, unknown>)) {
      const loc = keyLoc(text, key);
      const at = loc ? `${where}:${loc.line}:${loc.col}` : where;
      for (const declared of [conduct, decision?.eff.facts]) {
        if (!declared) continue;
        const found = factProblems({ [key]: value }, declared, at);
        if (found.length > 0) {
          problems.push(...found);
          break;
        }
      }
    }
  }
  if (problems.length > 0) throw new PolicyError(problems);
}
