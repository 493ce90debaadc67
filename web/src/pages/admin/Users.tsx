/**
 * The users an administrator manages (GET /api/admin/users): searched, filtered by status and
 * paged on the server, kept in the address; a new user in a dialog; one user managed in a drawer.
 */
import { DEFAULT_PAGE_SIZE, TEXT_LIMITS, USER_STATUSES } from '../../shared';
import { Button, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useUser } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { useDepartmentLabel } from '../../departments';
import type { AdminUser, AdminUserPage, OrgTree } from '../../types';
import { useApi } from '../../useApi';
import { CreateUser } from './CreateUser';
import { buildTree, scopeOptions } from './orgTree';
import { StatusTags } from './StatusTags';
import { UserDrawer } from './UserDrawer';

export default function Users() {
  const { t } = useTranslation();
  const lang = useLang();
  const dept = useDepartmentLabel();
  const me = useUser();
  // Accounts are the system administrator's (the security administrator grants their roles).
  const canCreate = me.roles.includes('admin');
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').slice(0, TEXT_LIMITS.search.max);
  const statusParam = params.get('status');
  const status = (USER_STATUSES as readonly string[]).includes(statusParam ?? '')
    ? statusParam
    : null;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const selected = params.get('user');
  const [creating, setCreating] = useState(false);

  const query = new URLSearchParams({ page: String(page), pageSize: String(DEFAULT_PAGE_SIZE) });
  if (q) query.set('q', q);
  if (status) query.set('status', status);
  const result = useApi<AdminUserPage>(`/api/admin/users?${query.toString()}`);
  /** The list's filters without its page, for the Excel export. */
  const exportQuery = new URLSearchParams({ lang });
  if (q) exportQuery.set('q', q);
  if (status) exportQuery.set('status', status);
  const org = useApi<OrgTree>('/api/admin/organization');
  const scopes = useMemo(
    () => (org.status === 'ok' ? scopeOptions(buildTree(org.data), lang) : []),
    [org, lang],
  );
  const filtered = Boolean(q || status);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes) && !('user' in changes)) next.delete('page');
    setParams(next);
  };

  const columns: TableColumnsType<AdminUser> = [
    {
      title: t('admin.users.username'),
      key: 'username',
      render: (_: unknown, u) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{u.username}</Typography.Text>
          {u.id === me.id ? (
            <Typography.Text type="secondary">({t('admin.users.self')})</Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('admin.users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('admin.users.roles'),
      key: 'grants',
      render: (_: unknown, u) => (
        <Space size={[4, 4]} wrap>
          {u.grants.map((g) => (
            <Tag key={g.id}>
              {pick(g.roleLabel, lang)} ·{' '}
              {g.scopeName ? pick(g.scopeName, lang) : t('admin.grants.scopeSelf')}
              {g.department ? ` · ${dept(g.department)}` : ''}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('admin.users.state'),
      key: 'state',
      render: (_: unknown, u) => <StatusTags user={u} />,
    },
    {
      title: t('admin.users.actions'),
      key: 'actions',
      render: (_: unknown, u) => (
        <Button
          size="small"
          // No space inserted between two Chinese characters: the visible text stays part of the name.
          autoInsertSpace={false}
          onClick={() => update({ user: u.id })}
          aria-label={`${t('admin.users.manage')} ${u.username}`}
        >
          {t('admin.users.manage')}
        </Button>
      ),
    },
  ];

  return (
    <section>
      <Typography.Title level={3}>{t('admin.users.heading')}</Typography.Title>
      <Space wrap className="rc-filters">
        <Input.Search
          allowClear
          aria-label={t('admin.users.search')}
          placeholder={t('admin.users.search')}
          defaultValue={q}
          key={q}
          maxLength={TEXT_LIMITS.search.max}
          onSearch={(v) => update({ q: v.trim() || null })}
          className="rc-admin-search"
        />
        <Select<string>
          allowClear
          aria-label={t('admin.users.filterStatus')}
          placeholder={t('admin.users.filterStatus')}
          className="rc-admin-status"
          value={status ?? undefined}
          onChange={(v) => update({ status: v ?? null })}
          options={USER_STATUSES.map((s) => ({ value: s, label: t(`admin.users.status.${s}`) }))}
        />
        {filtered ? (
          <Button onClick={() => update({ q: null, status: null })}>
            {t('admin.users.clearFilters')}
          </Button>
        ) : null}
        <Button
          href={`/api/admin/users/export.xlsx?${exportQuery.toString()}`}
          data-testid="users-export"
        >
          {t('find.filters.export')}
        </Button>
        {canCreate ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="new-user">
            {t('admin.users.new')}
          </Button>
        ) : null}
      </Space>
      {result.status === 'error' ? (
        <ErrorAlert error={result.error} title={t('admin.users.loadFailed')} />
      ) : (
        <Table<AdminUser>
          rowKey="id"
          data-testid="user-table"
          loading={result.status === 'loading'}
          columns={columns}
          dataSource={result.status === 'ok' ? [...result.data.items] : []}
          scroll={{ x: 900 }}
          locale={{
            emptyText: (
              <Empty
                description={filtered ? t('admin.users.emptyFiltered') : t('admin.users.empty')}
              >
                {filtered ? (
                  <Button onClick={() => update({ q: null, status: null })}>
                    {t('admin.users.clearFilters')}
                  </Button>
                ) : canCreate ? (
                  <Button type="primary" onClick={() => setCreating(true)}>
                    {t('admin.users.new')}
                  </Button>
                ) : null}
              </Empty>
            ),
          }}
          pagination={{
            current: page,
            pageSize: DEFAULT_PAGE_SIZE,
            total: result.status === 'ok' ? result.data.total : 0,
            showSizeChanger: false,
            showTotal: (total) => t('admin.users.total', { count: total }),
            onChange: (p) => update({ page: p > 1 ? String(p) : null }),
          }}
        />
      )}
      <CreateUser
        open={creating}
        scopes={scopes}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          result.reload();
          update({ user: id });
        }}
      />
      {selected ? (
        <UserDrawer
          userId={selected}
          scopes={scopes}
          onClose={() => update({ user: null })}
          onChanged={() => result.reload()}
        />
      ) : null}
    </section>
  );
}
