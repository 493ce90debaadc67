/**
 * The report page's shapes, as the server declares them (src/api/evaluation-report.ts and
 * src/api/evaluation.ts), and the small pure readings the sections share: the names of scales and
 * items in the instrument, number formats, the diverging colour of a factor's mean.
 */
import type { CampaignReport, I18nText, InstrumentView } from '../../../../../src/api/index.js';

export type { CampaignReport, InstrumentView };
export type InstrumentBody = InstrumentView['instrument'];
export type Analysis = NonNullable<CampaignReport['analysis']>;
export type FactorFigures = Analysis['factors'][number];
export type ItemFigures = FactorFigures['itemFigures'][number];
export type Ranked = Analysis['ranking'][number];
export type Regression = Analysis['regressions'][number];
export type Breakdown = CampaignReport['breakdowns'][number];

/** The outcome scales, in the order the seed tells their story: applauded, not trusted, acted on. */
export const OUTCOME_ORDER = ['support', 'optimism', 'willingness'] as const;

/** Names of every scale (factor or outcome) and item of an instrument, by id. */
export interface Names {
  readonly scales: ReadonlyMap<string, I18nText>;
  readonly items: ReadonlyMap<string, I18nText>;
  /** The dimension of each factor (outcomes have none). */
  readonly dimensionOf: ReadonlyMap<string, string>;
  /** The dimensions' names (实施动力, 实施过程, 实施环境), by id. */
  readonly dimensions: ReadonlyMap<string, I18nText>;
}

export function namesOf(instrument: InstrumentBody): Names {
  const scales = new Map<string, I18nText>();
  const items = new Map<string, I18nText>();
  const dimensionOf = new Map<string, string>();
  const dimensions = new Map<string, I18nText>();
  for (const d of instrument.dimensions) {
    dimensions.set(d.id, d.name);
    for (const f of d.factors) {
      scales.set(f.id, f.name);
      dimensionOf.set(f.id, d.id);
      for (const i of f.items) items.set(i.id, i.text);
    }
  }
  for (const o of instrument.outcomes) {
    scales.set(o.id, o.name);
    for (const i of o.items) items.set(i.id, i.text);
  }
  return { scales, items, dimensionOf, dimensions };
}

/** A figure to `digits` decimals; a dash when it could not be computed. */
export function fixed(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : value.toFixed(digits);
}

/** A p-value as journals print it: three decimals, "< 0.001" below that. */
export function pValue(p: number): string {
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
}

/** A p-value in a table's p column: "0.039", or "< 0.001". */
export function pCell(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

export function interval(ci: readonly [number, number], digits = 2): string {
  return `[${fixed(ci[0], digits)}, ${fixed(ci[1], digits)}]`;
}

/** A share as a whole percentage with one decimal. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—';
}

export function midpoint(scale: { readonly min: number; readonly max: number }): number {
  return (scale.min + scale.max) / 2;
}

// A diverging scale (ColorBrewer RdBu ends): red below the midpoint, blue above, near white at it.
const LOW = [178, 24, 43] as const;
const MID = [247, 247, 247] as const;
const HIGH = [33, 102, 172] as const;

/**
 * The colour of a mean on the scale: the midpoint is near white, the scale's ends the full red
 * (low) and blue (high). `text` is black or white, whichever contrasts more with the ground
 * (one of them always reaches WCAG AA's 4.5:1).
 */
export function divergingColour(
  mean: number,
  scale: { readonly min: number; readonly max: number },
): { readonly ground: string; readonly text: string } {
  const half = (scale.max - scale.min) / 2;
  const t = Math.max(-1, Math.min(1, (mean - midpoint(scale)) / half));
  const end = t < 0 ? LOW : HIGH;
  const rgb = MID.map((m, i) => Math.round(m + (end[i]! - m) * Math.abs(t)));
  const ground = `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  const l = luminance(rgb);
  // Contrast with black (l + 0.05) / 0.05 against white 1.05 / (l + 0.05).
  const text = (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
  return { ground, text };
}

/** WCAG relative luminance of an sRGB colour. */
function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The coefficient of a ranked factor that makes it matter: its largest significant positive β. */
export function decisiveBeta(r: Ranked): Ranked['betas'][number] | undefined {
  return r.betas
    .filter((b) => b.beta > 0 && b.p < 0.05)
    .reduce<Ranked['betas'][number] | undefined>(
      (best, b) => (best === undefined || b.beta > best.beta ? b : best),
      undefined,
    );
}

/** The least number of responses a report needs, and free text needs: never under 5. */
export function thresholds(campaign: CampaignReport['campaign']): {
  readonly k: number;
  readonly freeText: number;
} {
  const k = Math.max(campaign.thresholdK, 5);
  return { k, freeText: Math.max(campaign.freeTextThreshold, k) };
}
