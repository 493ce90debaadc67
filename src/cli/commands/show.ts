/**
 * rongcuo policy show ID|PATH: one pack as `policy list` shows it; with --procedure, the procedure
 * of a version as the case procedure reads it, merged over its parent's: each step's time limit
 * with its unit and the clause it rests on, publicity, consultation, review, appeal, follow-up and
 * filing upward. A pack read from a path is loaded with its parent from the shipped set.
 */
import { isIsoDate } from '../../policy/dates.js';
import { TIMED_STEPS } from '../../policy/lint-procedure.js';
import type { I18nText, Lang, PackVersion, TimeLimit } from '../../policy/model.js';
import type { EffectivePolicy } from '../../policy/resolve.js';
import { STEP_LABEL } from '../../shared/case.js';
import { optFlag, optString } from '../args.js';
import { cliFail } from '../errors.js';
import { chinaToday } from '../io.js';
import { loadNamed } from '../load.js';
import { localize, tr } from '../text.js';
import { out, type CommandContext } from './context.js';
import { describe, latestPublished, printPacks } from './list.js';

export const SHOW_OPTS = { procedure: 'flag', at: 'string', json: 'flag' } as const;

export async function showCommand(ctx: CommandContext): Promise<number> {
  const { io, lang, args } = ctx;
  const arg = args.positionals[0];
  if (arg === undefined) {
    cliFail(
      '缺少策略包：rongcuo policy show 标识|路径。',
      'no pack given: rongcuo policy show ID|PATH.',
    );
  }
  const named = loadNamed(io, arg);
  const pack = named.target;
  if (!optFlag(args, 'procedure')) {
    const summary = describe(named.set, pack);
    if (optFlag(args, 'json')) {
      out(ctx, JSON.stringify(localize(summary, lang), null, 2) + '\n');
      return 0;
    }
    return printPacks(ctx, [summary]);
  }
  const given = optString(args, 'at');
  if (given !== undefined && !isIsoDate(given)) {
    cliFail(
      `--at 应为日期 YYYY-MM-DD，而不是“${given}”。`,
      `--at must be a date YYYY-MM-DD, not '${given}'.`,
    );
  }
  let version: PackVersion | undefined;
  let date: string;
  if (given !== undefined) {
    version = named.set.requireVersionAt(pack, given);
    date = given;
  } else {
    const today = (io.today ?? chinaToday)();
    version = named.set.versionAt(pack, today) ?? latestPublished(pack);
    if (!version) {
      cliFail(
        `策略包“${pack.id}”没有已发布的版本。`,
        `pack '${pack.id}' has no published version.`,
      );
    }
    date = named.set.versionAt(pack, today) === version ? today : version.from;
  }
  const eff = named.set.effective(pack, version, date);
  if (optFlag(args, 'json')) {
    const bases = [
      ...new Set([
        ...limitsOf(eff).flatMap(([, l]) => (l.basis ? [l.basis] : [])),
        ...(eff.procedure.exOfficio.basis ? [eff.procedure.exOfficio.basis] : []),
      ]),
    ];
    const citations = Object.fromEntries(bases.map((b) => [b, citation(eff, b)]));
    out(
      ctx,
      JSON.stringify(
        localize(
          {
            pack: pack.id,
            version: version.id,
            date,
            chain: eff.chain,
            procedure: eff.procedure,
            citations,
            unread: Object.keys(eff.procedure.timeLimits).filter((k) => !TIMED_STEPS.has(k)),
          },
          lang,
        ),
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  out(ctx, renderProcedure(eff, version, date, lang));
  return 0;
}

/** Every time limit of a merged procedure with its path. */
function limitsOf(eff: EffectivePolicy): [string, TimeLimit][] {
  const p = eff.procedure;
  const all: [string, TimeLimit | undefined][] = [
    ...Object.entries(p.timeLimits),
    ['publicity.period', p.publicity.period],
    ['review.applyWithin', p.review.applyWithin],
    ['review.decideWithin', p.review.decideWithin],
    ['appeal.applyWithin', p.appeal.applyWithin],
    ['appeal.decideWithin', p.appeal.decideWithin],
    ['followUp.prepareBefore', p.followUp.prepareBefore],
    ['filingUpward.within', p.filingUpward.within],
    ['application.within', p.application.within],
  ];
  return all.filter((x): x is [string, TimeLimit] => x[1] !== undefined);
}

/** 《标题》（文号）第十条 for a clause id; a free reference as written. */
function citation(eff: EffectivePolicy, basis: string): I18nText {
  const c = eff.clauses.get(basis);
  if (!c) return { zh: basis, en: basis };
  const s = eff.sources.get(c.source);
  if (!s) return c.article;
  return {
    zh: `《${s.title.zh}》${s.number ? `（${s.number}）` : ''}${c.article.zh}`,
    en: `${s.title.en}${s.number ? ` (${s.number})` : ''}, ${c.article.en}`,
  };
}

function renderProcedure(
  eff: EffectivePolicy,
  version: PackVersion,
  date: string,
  lang: Lang,
): string {
  const L = (zh: string, en: string) => tr(lang, zh, en);
  const p = eff.procedure;
  // `anchor` follows the amount, before the clause: "15 working days of …, under Art. 9".
  const limit = (l: TimeLimit | undefined, anchor = ''): string => {
    if (!l) return L('未规定', 'not set');
    const n = l.days;
    const amount =
      l.unit === 'working'
        ? L(`${n}个工作日`, `${n} working day${n === 1 ? '' : 's'}`)
        : L(`${n}日`, `${n} calendar day${n === 1 ? '' : 's'}`);
    const basis = l.basis
      ? L(`，依据${citation(eff, l.basis).zh}`, `, under ${citation(eff, l.basis).en}`)
      : '';
    const note = l.note ? L(`（${l.note.zh}）`, ` (${l.note.en})`) : '';
    return `${amount}${anchor}${basis}${note}`;
  };
  const c = L('：', ': ');
  const sep = L('；', '; ');
  const o: string[] = [];
  const chain = eff.chain.map((x) => `${x.pack}@${x.version}`).join(' ← ');
  o.push(`${eff.pack.id}  ${eff.pack.title[lang]}`);
  const to = version.to ?? L('长期', 'open');
  o.push(
    L(
      `  版本：${version.id}（${version.from} – ${to}），适用日期 ${date}`,
      `  Version: ${version.id} (${version.from} – ${to}), as of ${date}`,
    ),
  );
  if (eff.chain.length > 1) o.push(`  ${L('合并自', 'Merged from')}${c}${chain}`);
  o.push(L('程序：', 'Procedure:'));
  o.push(`  ${L('各环节时限：', 'Step time limits:')}`);
  const steps = Object.entries(p.timeLimits);
  if (steps.length === 0) o.push(`    ${L('（未规定）', '(none set)')}`);
  for (const [step, l] of steps) {
    const label = (STEP_LABEL as Readonly<Record<string, I18nText>>)[step];
    const name = label && lang === 'zh' ? `${label.zh}（${step}）` : step;
    const unread = TIMED_STEPS.has(step)
      ? ''
      : L('  ⚠ 案件程序没有环节读取此时限', '  ⚠ no step of the case procedure reads it');
    o.push(`    ${name}${c}${limit(l)}${unread}`);
  }
  o.push(
    `  ${L('公示', 'Publicity')}${c}${p.publicity.required ? L(`须公示，公示期 ${limit(p.publicity.period)}`, `required, for ${limit(p.publicity.period)}`) : L('不要求', 'not required')}`,
  );
  o.push(
    `  ${L('会商', 'Consultation')}${c}${p.consultation.required ? L('须会商', 'required') : L('不要求', 'not required')}${p.consultation.departments.length > 0 ? `${sep}${L('部门', 'departments')}${c}${p.consultation.departments.join(lang === 'zh' ? '、' : ', ')}` : ''}`,
  );
  o.push(
    `  ${L('复核', 'Review')}${c}${L('申请期限', 'apply within')} ${limit(p.review.applyWithin)}${sep}${L('决定期限', 'decide within')} ${limit(p.review.decideWithin)}${sep}${p.review.collective ? L('集体研究决定', 'decided collectively') : L('由主持人决定', 'decided by the chair')}`,
  );
  o.push(
    `  ${L('申诉', 'Appeal')}${c}${L('申请期限', 'apply within')} ${limit(p.appeal.applyWithin)}${sep}${L('决定期限', 'decide within')} ${limit(p.appeal.decideWithin)}`,
  );
  o.push(
    `  ${L('回访', 'Follow-up')}${c}${p.followUp.enabled ? L('启用', 'on') : L('不启用', 'off')}`,
  );
  o.push(
    `  ${L('向上级报备', 'Filing upward')}${c}${p.filingUpward.required ? L(`须报备，时限 ${limit(p.filingUpward.within)}`, `required, within ${limit(p.filingUpward.within)}`) : L('不要求', 'not required')}`,
  );
  o.push(`  ${L('申请时限', 'Application window')}${c}${applicationWindow(p, limit, L)}`);
  const ex = p.exOfficio;
  const exBasis = ex.basis
    ? L(`，依据${citation(eff, ex.basis).zh}`, `, under ${citation(eff, ex.basis).en}`)
    : '';
  o.push(
    `  ${L('主动容错审查', 'Ex-officio check')}${c}${ex.required ? L(`问责前应当主动审查是否适用容错，依职权启动的审查不得撤回${exBasis}`, `required before accountability is decided; the ex-officio check cannot be withdrawn${exBasis}`) : L('不要求', 'not required')}`,
  );
  return o.join('\n') + '\n';
}

/** When an official may apply, as the measure says it. */
function applicationWindow(
  p: EffectivePolicy['procedure'],
  limit: (l: TimeLimit | undefined, anchor?: string) => string,
  L: (zh: string, en: string) => string,
): string {
  const w = p.application;
  if (!w.within) return L('未规定（随时可以申请）', 'not set (an official may apply at any time)');
  if (w.from === 'conduct') {
    return L(`自行为发生之日起 ${limit(w.within)}`, `within ${limit(w.within, ' of the conduct')}`);
  }
  const notified = L(
    `收到问责决定之日起 ${limit(w.within)}`,
    `within ${limit(w.within, ' of being notified of the accountability decision')}`,
  );
  return w.duringInvestigation === false
    ? notified
    : L(`问责调查期间，或者${notified}`, `during the accountability investigation, or ${notified}`);
}
