/**
 * The indicators of one scope and period, grouped by the factor of the model each informs: name,
 * value in its unit (or why there is none), numerator and denominator, and the formula in a
 * column of its own; a row opens to the definition and what the numerator and denominator count.
 */
import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { Scroll } from '../report/Scroll';
import type { Definition, IndicatorsReport, IndicatorValue } from './model';
import { groupSpan, useFactorRows, useFormatValue, type FactorName, type FactorRow } from './rows';

const COLUMNS = 4;

export function IndicatorTable(props: {
  readonly report: IndicatorsReport;
  readonly factors: ReadonlyMap<string, FactorName>;
  readonly factorOrder: readonly string[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { report } = props;
  const values = new Map(report.total.map((v) => [v.id, v]));
  const rows = useFactorRows(report.definitions, props.factors, props.factorOrder);
  const span = (first: boolean) => groupSpan(COLUMNS, first);
  const valueOf = (r: FactorRow) =>
    r.kind === 'indicator' ? values.get(r.definition.id) : undefined;
  const columns: TableColumnsType<FactorRow> = [
    {
      title: t('evaluationIndicators.col.indicator'),
      key: 'name',
      width: 220,
      onCell: span(true),
      render: (_, r) =>
        r.kind === 'group' ? (
          <span data-testid={r.key}>{r.label}</span>
        ) : (
          pick(r.definition.name, lang)
        ),
    },
    {
      title: t('evaluationIndicators.col.value'),
      key: 'value',
      width: 160,
      align: 'right',
      onCell: span(false),
      render: (_, r) =>
        r.kind === 'indicator' ? <Value definition={r.definition} value={valueOf(r)} /> : null,
    },
    {
      title: t('evaluationIndicators.col.parts'),
      key: 'parts',
      width: 130,
      align: 'right',
      onCell: span(false),
      render: (_, r) => {
        const v = valueOf(r);
        return v ? `${v.numerator ?? '—'} / ${v.denominator}` : null;
      },
    },
    {
      title: t('evaluationIndicators.col.formula'),
      key: 'formula',
      className: 'rc-indicators-formula',
      onCell: span(false),
      render: (_, r) => (r.kind === 'indicator' ? pick(r.definition.formula, lang) : null),
    },
  ];
  return (
    <Scroll label={t('evaluationIndicators.tableLabel')}>
      <Table<FactorRow>
        size="small"
        rowKey="key"
        pagination={false}
        data-testid="indicator-table"
        className="rc-indicators-table"
        dataSource={rows}
        columns={columns}
        rowClassName={(r) => (r.kind === 'group' ? 'rc-indicators-group' : '')}
        expandable={{
          rowExpandable: (r) => r.kind === 'indicator',
          expandedRowRender: (r) => (r.kind === 'indicator' ? <Detail d={r.definition} /> : null),
        }}
      />
    </Scroll>
  );
}

function Value(props: {
  readonly definition: Definition;
  readonly value: IndicatorValue | undefined;
}) {
  const { t } = useTranslation();
  const text = useFormatValue()(props.definition, props.value?.value);
  return text === null ? (
    <Typography.Text type="secondary">{t('evaluationIndicators.noValue')}</Typography.Text>
  ) : (
    <span className="rc-overview-num" data-testid={`value-${props.definition.id}`}>
      {text}
    </span>
  );
}

function Detail({ d }: { readonly d: Definition }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <dl className="rc-indicators-detail" data-testid={`detail-${d.id}`}>
      <dt>{t('evaluationIndicators.detail.definition')}</dt>
      <dd>{pick(d.definition, lang)}</dd>
      <dt>{t('evaluationIndicators.detail.numerator')}</dt>
      <dd>
        {d.numerator ? pick(d.numerator, lang) : t('evaluationIndicators.detail.noNumerator')}
      </dd>
      <dt>{t('evaluationIndicators.detail.denominator')}</dt>
      <dd>{pick(d.denominator, lang)}</dd>
    </dl>
  );
}
