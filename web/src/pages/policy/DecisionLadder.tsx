/** The decision ladder: entries in order, each an outcome and the condition that gives it. */
import { Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { SOLID } from './colors';
import { ConditionView } from './ConditionView';
import { usePack } from './context';
import type { DecisionEntry } from './model';

export const OUTCOME_COLOR: Record<string, string> = {
  no_accountability: SOLID.success,
  exempted: SOLID.success,
  lighter: SOLID.warning,
  reduced: SOLID.warning,
  not_tolerated: SOLID.danger,
  undetermined: SOLID.neutral,
};

export function DecisionLadder() {
  const { t } = useTranslation();
  const { eff, lang, outcomeLabel, packId, packTitle } = usePack();
  const columns: TableColumnsType<DecisionEntry & { n: number }> = [
    { title: '#', dataIndex: 'n', width: 56 },
    {
      title: t('policy.try.outcome'),
      key: 'outcome',
      width: 200,
      render: (_, d) => (
        <>
          <Tag color={OUTCOME_COLOR[d.outcome] ?? SOLID.info}>{outcomeLabel(d.outcome)}</Tag>
          {d.binding ? (
            <Tooltip title={t('policy.ladder.bindingHelp')}>
              <Tag>{t('policy.ladder.binding')}</Tag>
            </Tooltip>
          ) : null}
        </>
      ),
    },
    {
      title: t('policy.rules.when'),
      key: 'when',
      render: (_, d) => (
        <>
          {d.when ? (
            <ConditionView c={d.when} />
          ) : (
            <Typography.Text>{t('policy.ladder.otherwise')}</Typography.Text>
          )}
          {d.note ? (
            <div className="rc-policy-small">
              <Typography.Text type="secondary">{pick(d.note, lang)}</Typography.Text>
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: t('policy.ladder.entry'),
      key: 'origin',
      width: 160,
      render: (_, d) => (
        <span className="rc-policy-small">
          {d.origin !== packId
            ? t('policy.clauses.inherited', { pack: packTitle(d.origin) })
            : t('policy.ladder.own')}
        </span>
      ),
    },
  ];
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('policy.ladder.hint')}</Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        data-testid="decision-ladder"
        columns={columns}
        dataSource={eff.decision.map((d, i) => ({ ...d, n: i + 1 }))}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </div>
  );
}
