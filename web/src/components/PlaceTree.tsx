/**
 * A jurisdiction or unit chosen from a tree of places (id, parent, name in both languages), with
 * the search over names every filter and form here offers, the tree opened, and the dropdown as
 * wide as its names. Any other prop of antd's TreeSelect passes through (value, onChange, allowClear,
 * multiple, placeholder, className, data-testid…), so it serves as a form control.
 *
 * The tree is built once per list and language (pass a list that keeps its identity between
 * renders): a new one each render made the tree redraw its nodes while the user typed a search,
 * so that a node could vanish under the pointer. A place whose parent is not in the list stands at
 * the top (a unit filter narrowed to part of a scope).
 */
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { pick } from '../i18n';
import type { I18nText } from '../types';
import { useLang } from '../lang';

export interface Place {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: I18nText;
}

/** An empty list that keeps its identity, for a list not loaded yet. */
export const NO_PLACES: readonly Place[] = [];

export type PlaceTreeProps = Omit<TreeSelectProps, 'treeData' | 'treeDataSimpleMode'> & {
  readonly places: readonly Place[];
};

export function PlaceTree({ places, ...rest }: PlaceTreeProps) {
  const lang = useLang();
  const treeData = useMemo(() => {
    const ids = new Set(places.map((p) => p.id));
    return places.map((p) => ({
      id: p.id,
      pId: p.parentId !== null && ids.has(p.parentId) ? p.parentId : '',
      value: p.id,
      title: pick(p.name, lang),
    }));
  }, [places, lang]);
  return (
    <TreeSelect
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      {...rest}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: '' }}
      treeData={treeData}
    />
  );
}
