/**
 * rongcuo policy list: the shipped packs, their versions and the facts they use; or only the packs
 * named, by id or by path (a pack read from a path is loaded with its parent from the shipped set).
 */
import { formatDiagnostic, PolicyError } from '../../policy/errors.js';
import type { FactDecl, I18nText, Lang, Pack, PackVersion } from '../../policy/model.js';
import type { PackSet } from '../../policy/resolve.js';
import { optFlag } from '../args.js';
import { loadNamed, loadSet, shown, type BrokenPack } from '../load.js';
import { codeWithLabel, localize, oneLine, tr } from '../text.js';
import { out, type CommandContext } from './context.js';

export const LIST_OPTS = { json: 'flag' } as const;

const STATUS: Record<string, I18nText> = {
  published: { zh: '已发布', en: 'published' },
  draft: { zh: '草案', en: 'draft' },
};

export async function listCommand(ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  let packs: PackSummary[];
  let brokenPacks: readonly BrokenPack[];
  if (ctx.args.positionals.length > 0) {
    packs = ctx.args.positionals.map((arg) => {
      const named = loadNamed(io, arg);
      return describe(named.set, named.target);
    });
    brokenPacks = [];
  } else {
    const loaded = loadSet(io);
    packs = loaded.packs.map((p) => describe(loaded.set, p));
    brokenPacks = loaded.broken;
  }
  return printPacks(ctx, packs, brokenPacks);
}

/** Prints pack summaries (list, and show without --procedure). */
export function printPacks(
  ctx: CommandContext,
  packs: readonly PackSummary[],
  brokenPacks: readonly BrokenPack[] = [],
): number {
  const { io, lang } = ctx;
  const broken = brokenPacks.map((b) => ({
    file: shown(io, b.file),
    ...(b.id ? { id: b.id } : {}),
    diagnostics: b.error.diagnostics.map((d) => formatDiagnostic(d, lang)),
  }));
  if (optFlag(ctx.args, 'json')) {
    out(ctx, JSON.stringify(localize({ packs, broken }, lang), null, 2) + '\n');
    return 0;
  }
  const L = (zh: string, en: string) => tr(lang, zh, en);
  const c = L('：', ': ');
  const o: string[] = [];
  if (packs.length === 0 && broken.length === 0)
    o.push(L('没有找到任何策略包。', 'No policy packs were found.'));
  for (const p of packs) {
    if (o.length > 0) o.push('');
    o.push(`${p.id}  ${p.title[lang]}`);
    o.push(
      `  ${L('状态', 'Status')}${c}${STATUS[p.status]![lang]}    ${L('辖区', 'Jurisdiction')}${c}${p.jurisdiction}    ${L('继承', 'Extends')}${c}${p.extends ?? '—'}`,
    );
    o.push(`  ${L('制定机关', 'Authority')}${c}${p.authority[lang]}`);
    if (p.notice) o.push(`  ${L('⚠ 提示', '⚠ Notice')}${c}${p.notice[lang]}`);
    o.push(`  ${L('版本：', 'Versions:')}`);
    for (const v of p.versions) {
      const window = `${v.from} – ${v.to ?? L('长期', 'open')}`;
      const amends = v.amends ? L(`，修订 ${v.amends}`, `, amends ${v.amends}`) : '';
      const title = v.title ? `  ${v.title[lang]}` : '';
      o.push(`    ${v.id}  ${window}  ${STATUS[v.status]![lang]}${amends}${title}`);
    }
    if (p.facts.length > 0) {
      // A child pack lists the facts it adds; the inherited ones are listed under its parent.
      const own = p.extends ? p.facts.filter((f) => f.origin === p.id) : p.facts;
      const inherited = p.facts.length - own.length;
      o.push(
        `  ${L(`事实（版本 ${p.factsVersion}，共 ${p.facts.length} 个）`, `Facts (version ${p.factsVersion}, ${p.facts.length} in all)`)}${L('：', ':')}`,
      );
      for (const f of own)
        o.push(`    ${f.id}  ${f.label[lang]}  ${factType(f, lang)}${factExtra(f, lang)}`);
      if (inherited > 0) {
        o.push(
          L(
            `    以及继承自 ${p.extends} 的 ${inherited} 个事实（见 ${p.extends}）`,
            `    and ${inherited} facts inherited from ${p.extends} (listed under ${p.extends})`,
          ),
        );
      }
    }
    if (p.error) o.push(`  ✗ ${oneLine(p.error[lang])}`);
  }
  for (const b of broken) {
    if (o.length > 0) o.push('');
    o.push(`✗ ${b.id ?? b.file}  ${L('无法加载', 'cannot be loaded')}`);
    for (const d of b.diagnostics) o.push(`    ${oneLine(d)}`);
  }
  out(ctx, o.join('\n') + '\n');
  return 0;
}

export interface PackSummary {
  readonly id: string;
  readonly title: I18nText;
  readonly status: string;
  readonly extends?: string;
  readonly jurisdiction: string;
  readonly authority: I18nText;
  readonly file: string;
  readonly notice?: I18nText;
  readonly versions: readonly {
    readonly id: string;
    readonly status: string;
    readonly from: string;
    readonly to?: string;
    readonly amends?: string;
    readonly title?: I18nText;
  }[];
  /** The facts of the latest published version (with inherited ones). */
  readonly factsVersion?: string;
  readonly facts: readonly FactDecl[];
  readonly error?: I18nText;
}

export function describe(set: PackSet, p: Pack): PackSummary {
  const latest = latestPublished(p);
  let facts: FactDecl[] = [];
  let error: I18nText | undefined;
  if (latest) {
    try {
      facts = [...set.effective(p, latest).facts.values()];
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      error = e.diagnostics[0]?.message;
    }
  }
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    ...(p.extends ? { extends: p.extends } : {}),
    jurisdiction: p.jurisdiction,
    authority: p.authority,
    file: p.file,
    ...(p.notice ? { notice: p.notice } : {}),
    versions: p.versions.map((v) => ({
      id: v.id,
      status: v.status,
      from: v.from,
      ...(v.to ? { to: v.to } : {}),
      ...(v.amends ? { amends: v.amends } : {}),
      ...(v.title ? { title: v.title } : {}),
    })),
    ...(latest ? { factsVersion: latest.id } : {}),
    facts: facts.map((f) => {
      // Locations are noise in a listing.
      const { at: _at, ...rest } = f;
      return rest;
    }),
    ...(error ? { error } : {}),
  };
}

export function latestPublished(p: Pack): PackVersion | undefined {
  let best: PackVersion | undefined;
  for (const v of p.versions)
    if (v.status === 'published' && (!best || v.from > best.from)) best = v;
  return best;
}

/** How a fact is answered besides its type: computed (never given), or “none” allowed. */
function factExtra(f: FactDecl, lang: Lang): string {
  if (f.derived !== undefined) return tr(lang, '（计算得出，不填写）', ' (computed, not given)');
  if (f.none) return tr(lang, `，或 none（${f.none.zh}）`, `, or none (${f.none.en})`);
  return '';
}

function factType(f: FactDecl, lang: Lang): string {
  switch (f.type) {
    case 'boolean':
      return tr(lang, '是/否（true/false）', 'true/false');
    case 'number':
      return tr(
        lang,
        `数字${f.unit ? `（${f.unit.zh}）` : ''}`,
        `number${f.unit ? ` (${f.unit.en})` : ''}`,
      );
    case 'date':
      return tr(lang, '日期 YYYY-MM-DD', 'date YYYY-MM-DD');
    case 'enum':
      return (f.values ?? [])
        .map((o) => codeWithLabel(o.value, o.label, lang))
        .join(lang === 'zh' ? '、' : ', ');
  }
}
