/**
 * The organization tree built from GET /api/admin/organization's flat lists: jurisdictions
 * nested by parent, each jurisdiction's units nested under it by parent unit.
 */
import { pick, type Lang } from '../../i18n';
import type { OrgJurisdiction, OrgTree, OrgUnit } from '../../types';

export type OrgNode =
  | { kind: 'jurisdiction'; key: string; item: OrgJurisdiction; children: OrgNode[] }
  | { kind: 'unit'; key: string; item: OrgUnit; children: OrgNode[] };

export function buildTree(tree: OrgTree): OrgNode[] {
  const unitNodes = new Map<string, OrgNode>();
  for (const u of tree.units) {
    unitNodes.set(u.id, { kind: 'unit', key: `unit:${u.id}`, item: u, children: [] });
  }
  const jNodes = new Map<string, OrgNode>();
  for (const j of tree.jurisdictions) {
    jNodes.set(j.id, { kind: 'jurisdiction', key: `jurisdiction:${j.id}`, item: j, children: [] });
  }
  const roots: OrgNode[] = [];
  for (const j of tree.jurisdictions) {
    const node = jNodes.get(j.id)!;
    const parent = j.parentId ? jNodes.get(j.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  for (const u of tree.units) {
    const node = unitNodes.get(u.id)!;
    const parent = u.parentId ? unitNodes.get(u.parentId) : jNodes.get(u.jurisdictionId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export interface ScopeOption {
  readonly value: string;
  readonly title: string;
  readonly children: ScopeOption[];
}

/** Tree options for choosing a grant's scope: values 'jurisdiction:<id>' and 'unit:<id>'. */
export function scopeOptions(nodes: readonly OrgNode[], lang: Lang): ScopeOption[] {
  return nodes.map((n) => ({
    value: n.key,
    title: pick(n.item.name, lang),
    children: scopeOptions(n.children, lang),
  }));
}
