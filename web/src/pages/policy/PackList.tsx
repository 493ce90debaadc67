/** The loaded policy packs: title, issuing authority, document number, jurisdiction, parent, status. */
import { Empty, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { useApi } from '../../useApi';
import { SOLID } from './colors';
import { chinaToday, inForceOn, type PackSummary } from './model';

export function PackList() {
  const { t } = useTranslation();
  const lang = useLang();
  const loaded = useApi<{ packs: PackSummary[] }>('/api/policy/packs');
  const today = chinaToday();
  const columns: TableColumnsType<PackSummary> = [
    {
      title: t('policy.col.title'),
      key: 'title',
      render: (_, p) => (
        <>
          <Link to={`/policy/${encodeURIComponent(p.id)}`} data-testid={`pack-link-${p.id}`}>
            {pick(p.title, lang)}
          </Link>
          <div className="rc-policy-small">
            <code>{p.id}</code>
          </div>
        </>
      ),
    },
    {
      title: t('policy.col.authority'),
      key: 'authority',
      render: (_, p) => pick(p.authority, lang),
    },
    { title: t('policy.col.documentNumber'), dataIndex: 'documentNumber' },
    {
      title: t('policy.col.jurisdiction'),
      dataIndex: 'jurisdiction',
      render: (j: string) => <code>{j}</code>,
    },
    {
      title: t('policy.col.extends'),
      key: 'extends',
      render: (_, p) =>
        p.extends ? (
          <Link to={`/policy/${encodeURIComponent(p.extends)}`}>{p.extends}</Link>
        ) : (
          t('policy.none')
        ),
    },
    {
      title: t('policy.col.inForce'),
      key: 'inForce',
      render: (_, p) => {
        const v = p.versions.find((x) => inForceOn(x, today));
        return v ? (
          <>
            {v.id}
            <div className="rc-policy-small">
              {v.to
                ? t('policy.versions.window', { from: v.from, to: v.to })
                : t('policy.versions.open', { from: v.from })}
            </div>
          </>
        ) : (
          <Typography.Text type="secondary">{t('policy.noneInForce')}</Typography.Text>
        );
      },
    },
    {
      title: t('policy.col.status'),
      key: 'status',
      render: (_, p) => (
        <>
          <Tag color={p.status === 'published' ? SOLID.success : SOLID.neutral}>
            {t(`policy.status.${p.status}`)}
          </Tag>
          {p.notice ? <Tag color={SOLID.warning}>{t('policy.sample')}</Tag> : null}
        </>
      ),
    },
  ];
  return (
    <div>
      <Typography.Title level={3}>{t('policy.heading')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('policy.intro')}</Typography.Paragraph>
      {loaded.status === 'loading' ? (
        <div className="rc-loading">
          <Spin aria-label={t('common.loading')} />
        </div>
      ) : loaded.status === 'error' ? (
        <ErrorAlert error={loaded.error} title={t('policy.loadFailed')} />
      ) : (
        <Table
          rowKey="id"
          data-testid="pack-table"
          columns={columns}
          dataSource={loaded.data.packs}
          locale={{ emptyText: <Empty description={t('policy.empty')} /> }}
          pagination={{
            pageSize: 10,
            hideOnSinglePage: false,
            showTotal: (count) => t('policy.total', { count }),
          }}
        />
      )}
    </div>
  );
}
