/**
 * 各地区与历年对比: the shapes the overview reads, as the server declares them
 * (GET /api/evaluation/overview, src/api/evaluation-report.ts, each campaign with its threshold
 * and state), and the pure readings its sections share: waves by jurisdiction
 * in the order they opened, the years with figures, and a year's campaigns side by side.
 */
import type { EvaluationOverview, I18nText } from '../../../../../src/api/index.js';
import { MIN_THRESHOLD_K, type Locale } from '../../../shared';
import type { InstrumentBody } from '../report/model';

export type { EvaluationOverview, InstrumentBody };
export type OverviewRow = EvaluationOverview['campaigns'][number];

/** A campaign in the overview with its threshold (never under the floor). */
export interface Wave {
  readonly row: OverviewRow;
  readonly k: number;
}

/** The overview's rows with each campaign's k, by the day it opened. */
export function wavesOf(rows: readonly OverviewRow[]): Wave[] {
  return [...rows]
    .sort((a, b) => a.opensOn.localeCompare(b.opensOn) || a.title.localeCompare(b.title))
    .map((row) => ({ row, k: Math.max(row.thresholdK, MIN_THRESHOLD_K) }));
}

/** The waves of each jurisdiction, jurisdictions in the order their first wave opened. */
export function byJurisdiction(waves: readonly Wave[]): { id: string; waves: Wave[] }[] {
  const groups = new Map<string, Wave[]>();
  for (const w of waves) {
    const list = groups.get(w.row.jurisdiction.id) ?? [];
    list.push(w);
    groups.set(w.row.jurisdiction.id, list);
  }
  return [...groups].map(([id, list]) => ({ id, waves: list }));
}

export const yearOf = (w: Wave): string => w.row.opensOn.slice(0, 4);

/** The years in which some campaign has figures (k answers or more), latest first. */
export function yearsWithFigures(waves: readonly Wave[]): string[] {
  return [...new Set(waves.filter((w) => w.row.reportable).map(yearOf))].sort().reverse();
}

/** A year's campaigns side by side: every one that was opened (a draft has nothing to show). */
export function wavesOfYear(waves: readonly Wave[], year: string): Wave[] {
  return waves.filter((w) => yearOf(w) === year && w.row.state !== 'draft');
}

/** Scale ids in the order of the first instrument that has them: factors by dimension, outcomes. */
export function scaleOrder(instruments: readonly InstrumentBody[]): string[] {
  const ids: string[] = [];
  for (const body of instruments) {
    for (const d of body.dimensions) for (const f of d.factors) ids.push(f.id);
    for (const o of body.outcomes) ids.push(o.id);
  }
  return [...new Set(ids)];
}

/** The widest scale of the instruments read (the charts' value axis); null with none. */
export function scaleRange(
  instruments: readonly InstrumentBody[],
): { min: number; max: number } | null {
  if (instruments.length === 0) return null;
  return {
    min: Math.min(...instruments.map((i) => i.scale.min)),
    max: Math.max(...instruments.map((i) => i.scale.max)),
  };
}

/** Every scale's name in the instruments read, by id (the first instrument naming it wins). */
export function scaleNames(instruments: readonly InstrumentBody[]): Map<string, I18nText> {
  const names = new Map<string, I18nText>();
  for (const body of instruments) {
    for (const d of body.dimensions) for (const f of d.factors) setOnce(names, f.id, f.name);
    for (const o of body.outcomes) setOnce(names, o.id, o.name);
  }
  return names;
}

function setOnce<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

/** A scale to draw: its id and its name in the language shown. */
export interface Series {
  readonly id: string;
  readonly name: string;
}

/** The named scales of `ids`, each in `lang` (Chinese when the English is missing). */
export function seriesOf(
  ids: readonly string[],
  names: ReadonlyMap<string, I18nText>,
  lang: Locale,
): Series[] {
  return ids.flatMap((id) => {
    const name = names.get(id);
    return name ? [{ id, name: name[lang] || name.zh }] : [];
  });
}

/**
 * Column labels for waves side by side: the jurisdiction's name, with the day the wave opened
 * when the jurisdiction has more than one of them.
 */
export function columnLabels(waves: readonly Wave[], lang: Locale): string[] {
  const counts = new Map<string, number>();
  for (const w of waves)
    counts.set(w.row.jurisdiction.id, (counts.get(w.row.jurisdiction.id) ?? 0) + 1);
  return waves.map((w) => {
    const name = w.row.jurisdiction.name[lang] || w.row.jurisdiction.name.zh;
    return (counts.get(w.row.jurisdiction.id) ?? 0) > 1 ? `${name} · ${w.row.opensOn}` : name;
  });
}
