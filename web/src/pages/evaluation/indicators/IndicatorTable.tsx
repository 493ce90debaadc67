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
import { byFactor, formatValue, type Definition, type IndicatorsReport } from './model';

/** A factor's name and its dimension's, in the language shown. */
export interface FactorName {
  readonly factor: string;
  readonly dimension: string;
}

type Row =
  | { readonly kind: 'group'; readonly key: string; readonly label: string }
  | {
      readonly kind: 'indicator';
      readonly key: string;
      readonly definition: Definition;
      readonly value: IndicatorsReport['total'][number] | undefined;
    };

const COLUMNS = 4;

export function IndicatorTable(props: {
  readonly report: IndicatorsReport;
  readonly factors: ReadonlyMap<string, FactorName>;
  readonly factorOrder: readonly string[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { report, factors } = props;
  const values = new Map(report.total.map((v) => [v.id, v]));
  const rows: Row[] = byFactor(report.definitions, props.factorOrder).flatMap((g) => {
    const name = factors.get(g.factor);
    const label = name ? t('evaluationIndicators.group', { ...name }) : g.factor;
    return [
      { kind: 'group' as const, key: `factor:${g.factor}`, label },
      ...g.definitions.map((d) => ({
        kind: 'indicator' as const,
        key: d.id,
        definition: d,
        value: values.get(d.id),
      })),
    ];
  });
  // A factor's row spans the table.
  const span = (first: boolean) => (r: Row) =>
    r.kind === 'group' ? { colSpan: first ? COLUMNS : 0 } : {};
  const columns: TableColumnsType<Row> = [
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
      render: (_, r) => (r.kind === 'indicator' ? <Value row={r} /> : null),
    },
    {
      title: t('evaluationIndicators.col.parts'),
      key: 'parts',
      width: 130,
      align: 'right',
      onCell: span(false),
      render: (_, r) =>
        r.kind === 'indicator' && r.value
          ? `${r.value.numerator ?? '—'} / ${r.value.denominator}`
          : null,
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
      <Table<Row>
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

function Value({ row }: { readonly row: Extract<Row, { kind: 'indicator' }> }) {
  const { t } = useTranslation();
  const text = formatValue(row.definition.kind, row.value?.value ?? null, (n) =>
    t('evaluationIndicators.days', { n }),
  );
  return text === null ? (
    <Typography.Text type="secondary">{t('evaluationIndicators.noValue')}</Typography.Text>
  ) : (
    <span className="rc-overview-num" data-testid={`value-${row.definition.id}`}>
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
