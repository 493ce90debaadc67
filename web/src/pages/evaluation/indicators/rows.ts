/**
 * What the scope's table and the jurisdictions' table share: the rows (a factor's heading, then
 * its indicators), a heading spanning the table, and a value written in its unit in the language
 * shown.
 */
import { useTranslation } from 'react-i18next';
import { byFactor, formatValue, type Definition } from './model';

/** A factor's name and its dimension's, in the language shown. */
export interface FactorName {
  readonly factor: string;
  readonly dimension: string;
}

export type FactorRow =
  | { readonly kind: 'group'; readonly key: string; readonly label: string }
  | { readonly kind: 'indicator'; readonly key: string; readonly definition: Definition };

/** The indicators under their factor's heading, factors in the model's order. */
export function useFactorRows(
  definitions: readonly Definition[],
  factors: ReadonlyMap<string, FactorName>,
  order: readonly string[],
): FactorRow[] {
  const { t } = useTranslation();
  return byFactor(definitions, order).flatMap((g) => {
    const name = factors.get(g.factor);
    const label = name ? t('evaluationIndicators.group', { ...name }) : g.factor;
    return [
      { kind: 'group' as const, key: `factor:${g.factor}`, label },
      ...g.definitions.map((d) => ({ kind: 'indicator' as const, key: d.id, definition: d })),
    ];
  });
}

/** A cell's props: a factor's heading spans all `columns` from the first; the others give way. */
export const groupSpan = (columns: number, first: boolean) => (r: FactorRow) =>
  r.kind === 'group' ? { colSpan: first ? columns : 0 } : {};

/** An indicator's value in its unit (working days in the language shown); null with none. */
export function useFormatValue(): (
  d: Definition,
  value: number | null | undefined,
) => string | null {
  const { t } = useTranslation();
  return (d, value) =>
    formatValue(d.kind, value ?? null, (n) => t('evaluationIndicators.days', { n }));
}
