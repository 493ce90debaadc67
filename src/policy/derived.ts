/**
 * Derived facts and conditions relative to the conduct date: the arithmetic of a derived fact's
 * formula (unknown in, unknown out; a zero divisor gives unknown, never NaN or Infinity), its
 * wording, and the wording of a span before the conduct date (“行为发生前两年内”).
 */
import type { DateSpan, Expr, ExprOp, FactDecl, Facts, I18nText } from './model.js';

/** The facts a formula reads, in order of first use. */
export function exprFacts(e: Expr, out: string[] = []): string[] {
  if (typeof e === 'string') {
    if (!out.includes(e)) out.push(e);
  } else if (typeof e === 'object') {
    for (const a of e.args) exprFacts(a, out);
  }
  return out;
}

/** A formula as a function of the facts: a finite number, or null when it cannot be computed. */
export function compileExpr(e: Expr): (f: Facts) => number | null {
  if (typeof e === 'number') return () => e;
  if (typeof e === 'string') {
    return (f) => {
      const v = f[e];
      return typeof v === 'number' ? v : null;
    };
  }
  const args = e.args.map(compileExpr);
  const combine = COMBINE[e.op];
  return (f) => {
    let acc = args[0]!(f);
    if (acc === null) return null;
    for (let i = 1; i < args.length; i++) {
      const x = args[i]!(f);
      if (x === null) return null;
      acc = combine(acc, x);
      if (acc === null) return null;
    }
    return Number.isFinite(acc) ? acc : null;
  };
}

const COMBINE: Record<ExprOp['op'], (a: number, b: number) => number | null> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => (b === 0 ? null : a / b),
  min: Math.min,
  max: Math.max,
};

/** The divisors of a formula that are 0 on these facts, in words (for the explanation's note). */
export function zeroDivisors(e: Expr, f: Facts, decls: ReadonlyMap<string, FactDecl>): I18nText[] {
  const out: I18nText[] = [];
  const visit = (x: Expr): void => {
    if (typeof x !== 'object') return;
    x.args.forEach(visit);
    if (x.op === 'div' && compileExpr(x.args[1]!)(f) === 0) {
      out.push(describeExpr(x.args[1]!, decls));
    }
  };
  visit(e);
  return out;
}

const SIGNS: Record<ExprOp['op'], string> = {
  add: '+',
  sub: '−',
  mul: '×',
  div: '÷',
  min: '',
  max: '',
};

/** A formula in words: “损失金额 ÷ 项目投资额” / “Loss ÷ Project investment”. */
export function describeExpr(e: Expr, decls: ReadonlyMap<string, FactDecl>): I18nText {
  const render = (x: Expr, lang: 'zh' | 'en', top: boolean): string => {
    if (typeof x === 'number') return String(x);
    if (typeof x === 'string') return decls.get(x)?.label[lang] ?? x;
    const parts = x.args.map((a) => render(a, lang, false));
    let s: string;
    if (x.op === 'min' || x.op === 'max') {
      if (lang === 'en') return `${x.op}(${parts.join(', ')})`;
      s = `${parts.join('、')}中的${x.op === 'min' ? '较小值' : '较大值'}`;
    } else {
      s = parts.join(` ${SIGNS[x.op]} `);
    }
    if (top) return s;
    return lang === 'zh' ? `（${s}）` : `(${s})`;
  };
  return { zh: render(e, 'zh', true), en: render(e, 'en', true) };
}

/** The first day of a span counted back from `date`: 2024-02-29 less one year is 2023-02-28. */
export function spanStart(date: string, span: DateSpan): string {
  const y = Number(date.slice(0, 4)) - (span.years ?? 0);
  const m0 = Number(date.slice(5, 7)) - 1 - (span.months ?? 0);
  const year = y + Math.floor(m0 / 12);
  const month = ((m0 % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  const t = Date.UTC(year, month, day) - (span.days ?? 0) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

const ZH_DIGITS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A span in words: “两年”, “六个月”, “1 year and 6 months”. */
export function describeSpan(span: DateSpan): I18nText {
  const zhNum = (n: number) => (n <= 10 ? ZH_DIGITS[n]! : String(n));
  const parts: [number | undefined, string, string][] = [
    [span.years, '年', 'year'],
    [span.months, '个月', 'month'],
    [span.days, '日', 'day'],
  ];
  const used = parts.filter(([n]) => n !== undefined && n > 0);
  const zh = used.map(([n, unit]) => `${zhNum(n!)}${unit}`).join('');
  const en = used.map(([n, , unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(' and ');
  return { zh: zh || '零日', en: en || '0 days' };
}
