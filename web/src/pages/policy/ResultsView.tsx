/**
 * Result application (结果运用): for each outcome of the ladder, the matters it leaves unaffected,
 * the impact period, the correction it asks for by default, and the clauses that say so.
 */
import { Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { usePack } from './context';
import type { ResultApplication } from './model';
import { Basis, useLimitText } from './ProcedureView';

export function ResultsView() {
  const { t } = useTranslation();
  const { eff, lang } = usePack();
  const limit = useLimitText();
  const label = <T extends { id: string; label: { zh: string; en: string } }>(
    list: readonly T[],
    id: string,
  ) => {
    const found = list.find((x) => x.id === id);
    return found ? pick(found.label, lang) : id;
  };
  const columns: TableColumnsType<ResultApplication> = [
    {
      title: t('policy.results.outcome'),
      key: 'outcome',
      width: 140,
      render: (_, r) => <strong>{label(eff.outcomes, r.outcome)}</strong>,
    },
    {
      title: t('policy.results.unaffected'),
      key: 'unaffected',
      render: (_, r) =>
        r.unaffected.length === 0 ? (
          <Typography.Text type="secondary">{r.note ? pick(r.note, lang) : '—'}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {r.unaffected.map((m) => (
              <Tag key={m}>{label(eff.matters, m)}</Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('policy.results.impactPeriod'),
      key: 'impactPeriod',
      width: 110,
      render: (_, r) =>
        r.impactPeriod
          ? t('policy.results.months', { count: r.impactPeriod.months })
          : t('policy.results.noPeriod'),
    },
    {
      title: t('policy.results.correction'),
      key: 'correction',
      render: (_, r) =>
        r.correction ? (
          <>
            {r.correction.kinds
              .map((k) => label(eff.correctionKinds, k))
              .join(t('common.listSeparator'))}
            {r.correction.within
              ? t('policy.results.within', { limit: limit(r.correction.within) })
              : ''}
          </>
        ) : (
          t('policy.results.none')
        ),
    },
    {
      title: t('policy.results.basis'),
      key: 'basis',
      render: (_, r) =>
        r.basis.length === 0 ? (
          '—'
        ) : (
          <Space direction="vertical" size={0}>
            {r.basis.map((b) => (
              <Basis key={b} basis={b} />
            ))}
          </Space>
        ),
    },
  ];
  return (
    <div>
      <Typography.Title level={4}>{t('policy.results.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('policy.results.hint')}</Typography.Paragraph>
      <Table
        rowKey="outcome"
        size="small"
        columns={columns}
        dataSource={eff.results}
        data-testid="result-application"
        scroll={{ x: 720 }}
        pagination={false}
        locale={{ emptyText: t('policy.results.empty') }}
      />
    </div>
  );
}
