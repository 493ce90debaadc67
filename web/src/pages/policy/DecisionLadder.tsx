/**
 * The decision ladder: entries in order, each an outcome (or a discretion band, or a result off the
 * ladder) and the condition that gives it; then the results off the ladder the pack declares.
 */
import { List, Table, Tag, Tooltip, Typography } from 'antd';
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
          <EntryOutcomes outcomes={d.outcomes} />
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
      {eff.otherResults.length > 0 ? (
        <div className="rc-gap" data-testid="other-results">
          <Typography.Title level={5}>{t('policy.ladder.otherResults')}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('policy.ladder.otherResultsHint')}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={[...eff.otherResults]}
            renderItem={(o) => (
              <List.Item>
                <div>
                  <Tag color={SOLID.info}>{outcomeLabel(o.id)}</Tag>
                  <Tag>{t(`policy.ladder.kind.${o.kind}`)}</Tag>
                  {o.description ? (
                    <Typography.Text>{pick(o.description, lang)}</Typography.Text>
                  ) : null}
                  {o.to ? (
                    <div className="rc-policy-small">
                      <Typography.Text type="secondary">
                        {t('policy.ladder.referredTo', { to: pick(o.to, lang) })}
                      </Typography.Text>
                    </div>
                  ) : null}
                </div>
              </List.Item>
            )}
          />
        </div>
      ) : null}
    </div>
  );
}

/**
 * What an entry gives: one outcome, a band (可以……或者……, most favourable first) marked as such, or a
 * result off the ladder marked with its kind.
 */
export function EntryOutcomes({ outcomes }: { readonly outcomes: readonly string[] }) {
  const { t } = useTranslation();
  const { eff, outcomeLabel } = usePack();
  const other = eff.otherResults.find((o) => o.id === outcomes[0]);
  return (
    <span data-testid="entry-outcomes">
      {outcomes.map((o, i) => (
        <span key={o}>
          {i > 0 ? <span className="rc-policy-small">{t('policy.ladder.or')} </span> : null}
          <Tag color={OUTCOME_COLOR[o] ?? SOLID.info}>{outcomeLabel(o)}</Tag>
        </span>
      ))}
      {outcomes.length > 1 ? (
        <Tooltip title={t('policy.ladder.bandHelp')}>
          <Tag>{t('policy.ladder.band')}</Tag>
        </Tooltip>
      ) : null}
      {other ? <Tag>{t(`policy.ladder.kind.${other.kind}`)}</Tag> : null}
    </span>
  );
}
