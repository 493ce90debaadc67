/**
 * A unit chosen from the units in the user's scope (GET /api/cases/filters), as a tree: for the
 * risk filings' filter and form.
 */
import { TreeSelect } from 'antd';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { CaseFilterOptions } from './model';

export type Unit = CaseFilterOptions['units'][number];

function unitTree(units: readonly Unit[], lang: ReturnType<typeof useLang>) {
  return units.map((u) => ({
    id: u.id,
    parentId: u.parentId ?? '',
    value: u.id,
    title: pick(u.name, lang),
  }));
}

export function UnitPicker(props: {
  readonly id?: string;
  readonly value?: string;
  readonly onChange?: (v: string | undefined) => void;
  readonly units: readonly Unit[];
  readonly allowClear?: boolean;
  readonly placeholder?: string;
  readonly className?: string;
}) {
  const lang = useLang();
  return (
    <TreeSelect
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      allowClear={props.allowClear}
      showSearch
      className={props.className}
      placeholder={props.placeholder}
      treeDataSimpleMode={{ id: 'id', pId: 'parentId', rootPId: '' }}
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      treeData={unitTree(props.units, lang)}
      popupMatchSelectWidth={false}
    />
  );
}
