/**
 * Edits a user's role grants: rows of a role and the jurisdiction or unit subtree it holds over
 * (chosen in the organization tree the administrator may manage); the official role holds over
 * oneself; a consulted-department officer's row also names the department answered for (one the
 * packs name, in words, or typed). A form control (value / onChange) for a Form.Item.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, TreeSelect } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import {
  CONSULTEE_ROLE,
  ROLE_LABEL,
  ROLES,
  type Role,
  type ScopeKind,
  SELF_ROLE,
} from '../../shared';
import { useDepartmentLabel } from '../../departments';
import { useApi } from '../../useApi';
import type { ScopeOption } from './orgTree';

export interface GrantValue {
  readonly role: string;
  readonly scopeKind: ScopeKind;
  readonly scopeId: string;
  /** The department a consultee answers for. */
  readonly department?: string;
}

export function grantComplete(g: GrantValue): boolean {
  return (
    g.role !== '' &&
    (g.scopeKind === 'self' || g.scopeId !== '') &&
    (g.role !== CONSULTEE_ROLE || (g.department ?? '').trim() !== '')
  );
}

export function GrantsEditor({
  value = [],
  onChange,
  scopes,
  id,
  roles = ROLES,
}: {
  readonly value?: readonly GrantValue[];
  readonly onChange?: (v: GrantValue[]) => void;
  readonly scopes: readonly ScopeOption[];
  readonly id?: string;
  /** The roles offered (the system administrator creating an account: no administrator roles). */
  readonly roles?: readonly Role[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const dept = useDepartmentLabel();
  const known = useApi<{ departments: string[] }>('/api/admin/consulted-departments');
  const codes = known.status === 'ok' ? known.data.departments : [];
  // The latest rows, so that a control's change never builds on rows an earlier render saw.
  const latest = useRef(value);
  latest.current = value;
  const set = (i: number, g: GrantValue) =>
    onChange?.(latest.current.map((old, j) => (j === i ? g : old)));
  return (
    <Space orientation="vertical" className="rc-full-width" id={id}>
      {value.map((g, i) => (
        <Space key={i} wrap className="rc-grant-row" data-testid={`grant-${i}`}>
          <Select<string>
            aria-label={`${t('admin.grants.role')} ${i + 1}`}
            className="rc-grant-role"
            showSearch={{ optionFilterProp: 'label' }}
            value={g.role || undefined}
            placeholder={t('admin.grants.role')}
            options={roles.map((r) => ({ value: r, label: pick(ROLE_LABEL[r], lang) }))}
            onChange={(role) =>
              set(
                i,
                role === SELF_ROLE
                  ? { role, scopeKind: 'self', scopeId: '' }
                  : {
                      role,
                      scopeKind: g.scopeKind === 'self' ? 'jurisdiction' : g.scopeKind,
                      scopeId: g.scopeKind === 'self' ? '' : g.scopeId,
                      ...(role === CONSULTEE_ROLE && g.department
                        ? { department: g.department }
                        : {}),
                    },
              )
            }
          />
          {g.scopeKind === 'self' ? (
            <span className="rc-grant-self">{t('admin.grants.scopeSelf')}</span>
          ) : (
            <TreeSelect
              aria-label={`${t('admin.grants.scope')} ${i + 1}`}
              className="rc-grant-scope"
              treeDefaultExpandAll
              showSearch
              treeNodeFilterProp="title"
              placeholder={t('admin.grants.scopePlaceholder')}
              value={g.scopeId ? `${g.scopeKind}:${g.scopeId}` : undefined}
              treeData={[...scopes]}
              onChange={(v: string) => {
                const [kind, ...rest] = v.split(':');
                set(i, {
                  role: g.role,
                  scopeKind: kind === 'unit' ? 'unit' : 'jurisdiction',
                  scopeId: rest.join(':'),
                });
              }}
            />
          )}
          {g.role === CONSULTEE_ROLE ? (
            // One department: a pack's code shown in words, or a name typed in.
            <Select<string[]>
              mode="tags"
              maxCount={1}
              aria-label={`${t('admin.grants.department')} ${i + 1}`}
              className="rc-grant-department"
              placeholder={t('admin.grants.departmentPlaceholder')}
              value={g.department ? [g.department] : []}
              options={codes.map((d) => ({ value: d, label: dept(d) }))}
              onChange={(v) => set(i, { ...g, department: v.at(-1)?.trim() ?? '' })}
            />
          ) : null}
          <Button
            icon={<DeleteOutlined />}
            aria-label={`${t('admin.grants.remove')} ${i + 1}`}
            onClick={() => onChange?.(value.filter((_, j) => j !== i))}
          />
        </Space>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => onChange?.([...value, { role: '', scopeKind: 'jurisdiction', scopeId: '' }])}
      >
        {t('admin.grants.add')}
      </Button>
    </Space>
  );
}
