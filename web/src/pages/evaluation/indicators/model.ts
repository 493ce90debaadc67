/**
 * 案卷指标: the shapes of GET /api/evaluation/indicators as the server declares them
 * (src/api/evaluation-indicators.ts) and the pure readings the page needs — the period a year, a
 * quarter or two days make, a value in its unit, and the indicators grouped by the factor of the
 * model they inform.
 */
import type { IndicatorsReport } from '../../../../../src/api/index.js';

export type { IndicatorsReport };
export type Definition = IndicatorsReport['definitions'][number];
export type IndicatorValue = IndicatorsReport['total'][number];

export type PeriodMode = 'year' | 'quarter' | 'range';

/** What the filter bar holds for a period. */
export interface PeriodChoice {
  readonly mode: PeriodMode;
  readonly year: number;
  /** 1 to 4. */
  readonly quarter: number;
  readonly from?: string;
  readonly to?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month (1–12) of a year. */
function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The days a choice covers, never past `today` (a period still running ends today); a range's
 * days as given.
 */
export function periodOf(c: PeriodChoice, today: string): { from?: string; to?: string } {
  if (c.mode === 'range') return { from: c.from, to: c.to };
  const [first, last] = c.mode === 'year' ? [1, 12] : [3 * c.quarter - 2, 3 * c.quarter];
  const from = `${c.year}-${pad(first)}-01`;
  const end = `${c.year}-${pad(last)}-${pad(lastDay(c.year, last))}`;
  return { from, to: end < today ? end : today };
}

/** The choice a period in the address stands for: a whole year, a quarter, or a range. */
export function choiceOf(from: string | null, to: string | null, today: string): PeriodChoice {
  const year = Number((from ?? today).slice(0, 4));
  const thisQuarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  if (from === null && to === null) return { mode: 'year', year, quarter: thisQuarter };
  for (const mode of ['year', 'quarter'] as const) {
    for (let quarter = 1; quarter <= (mode === 'year' ? 1 : 4); quarter++) {
      const p = periodOf({ mode, year, quarter }, today);
      if (p.from === from && p.to === to) return { mode, year, quarter };
    }
  }
  return {
    mode: 'range',
    year,
    quarter: thisQuarter,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** A value in its unit: a share as a percentage, per thousand with ‰, a median in working days. */
export function formatValue(
  kind: Definition['kind'],
  value: number | null,
  days: (n: string) => string,
): string | null {
  if (value === null) return null;
  switch (kind) {
    case 'share':
      return `${(value * 100).toFixed(1)}%`;
    case 'perThousand':
      return `${value.toFixed(2)}‰`;
    case 'ratio':
      return value.toFixed(2);
    case 'median':
      return days(Number.isInteger(value) ? String(value) : value.toFixed(1));
  }
}

/** The indicators grouped by the factor they inform, factors in `order` (others after, as met). */
export function byFactor(
  definitions: readonly Definition[],
  order: readonly string[],
): { factor: string; definitions: Definition[] }[] {
  const groups = new Map<string, Definition[]>();
  for (const d of definitions) groups.set(d.factor, [...(groups.get(d.factor) ?? []), d]);
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  return [...groups]
    .map(([factor, list]) => ({ factor, definitions: list }))
    .sort((a, b) => rank(a.factor) - rank(b.factor));
}
