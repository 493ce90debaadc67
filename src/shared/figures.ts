/**
 * How the evaluation's report writes its figures (issue 12), one way for the report page, its PDF
 * and anything else that prints them: decimals, p-values as journals print them, intervals,
 * shares, Cohen's labels for an effect size, the coefficient that makes a factor matter, and the
 * thresholds a report is read under. Pure.
 */
import { MIN_THRESHOLD_K } from './evaluation.js';

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

export type EffectSize = 'negligible' | 'small' | 'medium' | 'large';

/** Cohen's conventional labels for a standardized difference. */
export function effectSize(d: number): EffectSize {
  const a = Math.abs(d);
  return a < 0.2 ? 'negligible' : a < 0.5 ? 'small' : a < 0.8 ? 'medium' : 'large';
}

/** The coefficient of a ranked factor that makes it matter: its largest significant positive β. */
export function decisiveBeta<B extends { readonly beta: number; readonly p: number }>(r: {
  readonly betas: readonly B[];
}): B | undefined {
  return r.betas
    .filter((b) => b.beta > 0 && b.p < 0.05)
    .reduce<B | undefined>(
      (best, b) => (best === undefined || b.beta > best.beta ? b : best),
      undefined,
    );
}

/** The least number of responses a report needs, and free text needs: never under the floor. */
export function thresholds(campaign: {
  readonly thresholdK: number;
  readonly freeTextThreshold: number;
}): { readonly k: number; readonly freeText: number } {
  const k = Math.max(campaign.thresholdK, MIN_THRESHOLD_K);
  return { k, freeText: Math.max(campaign.freeTextThreshold, k) };
}
