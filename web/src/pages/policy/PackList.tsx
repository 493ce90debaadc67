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
import { chinaToday, inForceOn, versionName, type PackSummary } from './model';

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
      key: 'jurisdiction',
      render: (_, p) => <AppliesIn pack={p} />,
    },
    {
      title: t('policy.col.extends'),
      key: 'extends',
      render: (_, p) => <ExtendsLink pack={p} />,
    },
    {
      title: t('policy.col.inForce'),
      key: 'inForce',
      render: (_, p) => {
        const v = p.versions.find((x) => inForceOn(x, today));
        return v ? (
          <>
            {versionName(v, lang)}
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

/** Where the pack applies in the user's view, by jurisdiction name; a reference pack says so. */
export function AppliesIn({ pack }: { readonly pack: PackSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { names, count, reference } = pack.appliesIn;
  if (count === 0) {
    return (
      <Typography.Text type="secondary">
        {reference ? t('policy.reference') : t('policy.extendedBy')}
      </Typography.Text>
    );
  }
  const listed = names.map((n) => pick(n.name, lang)).join(t('common.listSeparator'));
  return <>{count > names.length ? t('policy.appliesMore', { names: listed, count }) : listed}</>;
}

/** The pack this one extends, by title. */
export function ExtendsLink({ pack }: { readonly pack: PackSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!pack.extends) return <>{t('policy.none')}</>;
  return (
    <Link to={`/policy/${encodeURIComponent(pack.extends)}`}>
      {pack.extendsTitle ? pick(pack.extendsTitle, lang) : t('policy.col.extends')}
    </Link>
  );
}
