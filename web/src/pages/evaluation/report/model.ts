/**
 * The report page's shapes, as the server declares them (src/api/evaluation-report.ts and
 * src/api/evaluation.ts), and the small pure readings the sections share: the names of scales and
 * items in the instrument, the diverging colour of a factor's mean; number formats and the
 * thresholds come from src/shared/figures.ts, which the report's PDF writes with too.
 */
import type { CampaignReport, I18nText, InstrumentView } from '../../../../../src/api/index.js';
import { midpoint } from '../../../shared';

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

export {
  decisiveBeta,
  effectSize,
  fixed,
  interval,
  midpoint,
  pCell,
  percent,
  pValue,
  thresholds,
} from '../../../shared';

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
