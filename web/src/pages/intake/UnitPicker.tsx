/**
 * A unit chosen from the units in the user's scope (GET /api/cases/filters), as a tree: for the
 * risk filings' filter and form (the shared PlaceTree).
 */
import { PlaceTree, type PlaceTreeProps } from '../../components/PlaceTree';
import type { CaseFilterOptions } from './model';

export type Unit = CaseFilterOptions['units'][number];

export function UnitPicker({
  units,
  ...rest
}: Omit<PlaceTreeProps, 'places'> & { readonly units: readonly Unit[] }) {
  return <PlaceTree places={units} {...rest} />;
}
