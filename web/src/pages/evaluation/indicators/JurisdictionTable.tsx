/**
 * The jurisdictions side by side (issue 12): every indicator (rows, under its factor as in the
 * scope's table) for each jurisdiction of the scope (columns, in the API's order, a parent before
 * those under it), each counted over that jurisdiction's own records; a cell with a denominator of
 * 0 shows "—" and says why on hover, focus and to a screen reader.
 */
import { Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { Scroll } from '../report/Scroll';
import type { Definition, IndicatorsReport, IndicatorValue } from './model';
import { groupSpan, useFactorRows, useFormatValue, type FactorName, type FactorRow } from './rows';

type Jurisdiction = IndicatorsReport['jurisdictions'][number];

const NAME_WIDTH = 200;
const VALUE_WIDTH = 120;

export function JurisdictionTable(props: {
  readonly report: IndicatorsReport;
  readonly factors: ReadonlyMap<string, FactorName>;
  readonly factorOrder: readonly string[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { jurisdictions } = props.report;
  const rows = useFactorRows(props.report.definitions, props.factors, props.factorOrder);
  const span = (first: boolean) => groupSpan(1 + jurisdictions.length, first);
  const parents = new Set(jurisdictions.map((j) => j.parentId));
  const columns: TableColumnsType<FactorRow> = [
    {
      title: t('evaluationIndicators.col.indicator'),
      key: 'name',
      fixed: 'left',
      width: NAME_WIDTH,
      onCell: span(true),
      render: (_, r) => (r.kind === 'group' ? r.label : pick(r.definition.name, lang)),
    },
    ...jurisdictions.map((j) => ({
      // One with others under it: its figures count its own records only.
      title: parents.has(j.id)
        ? t('evaluationIndicators.byJurisdiction.own', { name: pick(j.name, lang) })
        : pick(j.name, lang),
      key: j.id,
      width: VALUE_WIDTH,
      align: 'right' as const,
      onCell: span(false),
      render: (_: unknown, r: FactorRow) =>
        r.kind === 'indicator' ? <Cell jurisdiction={j} definition={r.definition} /> : null,
    })),
  ];
  return (
    <section data-testid="indicator-jurisdictions-section">
      <Typography.Title level={3} className="rc-indicators-h3">
        {t('evaluationIndicators.byJurisdiction.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('evaluationIndicators.byJurisdiction.intro')}
      </Typography.Paragraph>
      <Scroll label={t('evaluationIndicators.byJurisdiction.tableLabel')}>
        <Table<FactorRow>
          size="small"
          bordered
          rowKey="key"
          pagination={false}
          data-testid="indicator-jurisdictions"
          // Columns keep their width on a phone: the box scrolls instead.
          style={{ minWidth: NAME_WIDTH + VALUE_WIDTH * jurisdictions.length }}
          dataSource={rows}
          columns={columns}
          rowClassName={(r) => (r.kind === 'group' ? 'rc-indicators-group' : '')}
        />
      </Scroll>
    </section>
  );
}

function Cell(props: { readonly jurisdiction: Jurisdiction; readonly definition: Definition }) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormatValue();
  const { jurisdiction, definition } = props;
  const value: IndicatorValue | undefined = jurisdiction.indicators.find(
    (v) => v.id === definition.id,
  );
  const text = format(definition, value?.value);
  const testId = `jvalue-${jurisdiction.id}-${definition.id}`;
  if (text !== null) {
    return (
      <span className="rc-overview-num" data-testid={testId}>
        {text}
      </span>
    );
  }
  const reason = t('evaluationIndicators.byJurisdiction.noValue', {
    denominator: pick(definition.denominator, lang),
  });
  return (
    <Tooltip title={reason}>
      {/* Focusable so that a keyboard brings up the reason as a mouse does. */}
      <span className="rc-indicators-none" tabIndex={0} data-testid={testId}>
        <span aria-hidden="true">—</span>
        <span className="rc-visually-hidden">{reason}</span>
      </span>
    </Tooltip>
  );
}
