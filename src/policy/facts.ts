/** Checking a fact set given by a user against the facts a policy declares. */
import { isIsoDate } from './dates.js';
import { diag, didYouMean, PolicyError, type Diagnostic } from './errors.js';
import {
  NONE,
  type FactDecl,
  type FactValue,
  type Facts,
  type I18nText,
  type Lang,
} from './model.js';

/** Problems with a fact set: unknown facts, wrong types, values out of range. Null means unknown. */
export function factProblems(
  facts: unknown,
  decls: ReadonlyMap<string, FactDecl>,
  where = 'facts',
): Diagnostic[] {
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) {
    return [
      diag(
        'FACTS_NOT_AN_OBJECT',
        'error',
        `${where}：事实应是一个对象，例如 {"privateGain": false}。`,
        `${where}: facts must be an object such as {"privateGain": false}.`,
      ),
    ];
  }
  const out: Diagnostic[] = [];
  for (const [id, value] of Object.entries(facts as Record<string, unknown>)) {
    const decl = decls.get(id);
    if (!decl) {
      const hint = didYouMean(id, decls.keys());
      out.push(
        diag(
          'FACTS_UNKNOWN_FACT',
          'error',
          `${where}：未知的事实“${id}”。${hint.zh || '用 rongcuo policy list 查看各策略包可用的事实。'}`,
          `${where}: unknown fact '${id}'. ${hint.en || 'Run rongcuo policy list to see the facts a pack uses.'}`,
        ),
      );
      continue;
    }
    if (value === null || value === undefined) continue;
    if (decl.derived !== undefined) {
      out.push(
        diag(
          'FACTS_DERIVED_GIVEN',
          'error',
          `${where}：事实“${id}”（${decl.label.zh}）由其他事实计算得出，不应填写；请删去它，填写它所依据的事实。`,
          `${where}: fact '${id}' (${decl.label.en}) is computed from other facts and cannot be given; remove it and give the facts it is computed from.`,
        ),
      );
      continue;
    }
    const p =
      value === NONE && decl.type !== 'enum' ? noneProblem(decl) : valueProblem(decl, value);
    if (p) out.push(diag('FACTS_BAD_VALUE', 'error', `${where}：${p.zh}`, `${where}: ${p.en}`));
  }
  return out;
}

export function assertFacts(
  facts: unknown,
  decls: ReadonlyMap<string, FactDecl>,
  where?: string,
): Facts {
  const problems = factProblems(facts, decls, where);
  if (problems.length > 0) throw new PolicyError(problems);
  return facts as Facts;
}

/** 'none' is an answer only for a fact that declares it. */
function noneProblem(f: FactDecl): I18nText | undefined {
  if (f.none) return undefined;
  return {
    zh: `事实“${f.id}”（${f.label.zh}）不能填“none”（无）：该事实未声明可答“无”。不知道时请留空；若确实不存在，请在策略包中为它声明 none。`,
    en: `fact '${f.id}' (${f.label.en}) cannot be 'none': it does not declare that answer. Leave it out when unknown; if the thing may not exist, declare none for it in the pack.`,
  };
}

function valueProblem(f: FactDecl, v: unknown): I18nText | undefined {
  const got = (): string => JSON.stringify(v);
  switch (f.type) {
    case 'boolean':
      return typeof v === 'boolean'
        ? undefined
        : {
            zh: `事实“${f.id}”（${f.label.zh}）应为 true 或 false，收到 ${got()}。`,
            en: `fact '${f.id}' (${f.label.en}) must be true or false, got ${got()}.`,
          };
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        return {
          zh: `事实“${f.id}”（${f.label.zh}）应为数字，收到 ${got()}。`,
          en: `fact '${f.id}' (${f.label.en}) must be a number, got ${got()}.`,
        };
      }
      if (f.min !== undefined && v < f.min) {
        return {
          zh: `事实“${f.id}”不能小于 ${f.min}，收到 ${v}。`,
          en: `fact '${f.id}' cannot be less than ${f.min}, got ${v}.`,
        };
      }
      if (f.max !== undefined && v > f.max) {
        return {
          zh: `事实“${f.id}”不能大于 ${f.max}，收到 ${v}。`,
          en: `fact '${f.id}' cannot be more than ${f.max}, got ${v}.`,
        };
      }
      if (f.integer && !Number.isInteger(v)) {
        return {
          zh: `事实“${f.id}”应为整数，收到 ${v}。`,
          en: `fact '${f.id}' must be a whole number, got ${v}.`,
        };
      }
      return undefined;
    case 'date':
      return isIsoDate(v)
        ? undefined
        : {
            zh: `事实“${f.id}”应为日期 YYYY-MM-DD，收到 ${got()}。`,
            en: `fact '${f.id}' must be a date written YYYY-MM-DD, got ${got()}.`,
          };
    case 'enum': {
      const allowed = (f.values ?? []).map((o) => o.value);
      if (typeof v === 'string' && allowed.includes(v)) return undefined;
      const hint = typeof v === 'string' ? didYouMean(v, allowed) : { zh: '', en: '' };
      return {
        zh: `事实“${f.id}”（${f.label.zh}）的取值应为 ${allowed.join('、')} 之一，收到 ${got()}。${hint.zh}`,
        en: `fact '${f.id}' (${f.label.en}) must be one of ${allowed.join(', ')}, got ${got()}. ${hint.en}`.trim(),
      };
    }
  }
}

/** A fact value in words: 是/否, an enum label, a number with its unit. */
export function renderValue(
  f: FactDecl | undefined,
  v: FactValue | null | undefined,
  lang: Lang,
): string {
  if (v === null || v === undefined) return lang === 'zh' ? '未知' : 'unknown';
  if (!f) return String(v);
  if (v === NONE && f.none) return f.none[lang];
  switch (f.type) {
    case 'boolean':
      return v ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
    case 'enum':
      return f.values?.find((o) => o.value === v)?.label[lang] ?? String(v);
    case 'number':
      return f.unit
        ? `${formatNumber(v as number, lang)} ${f.unit[lang]}`
        : formatNumber(v as number, lang);
    case 'date':
      return String(v);
  }
}

function formatNumber(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
}
