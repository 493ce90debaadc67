/**
 * Reliability and structure: per scale (each factor and outcome) Cronbach's alpha raw and
 * standardized, McDonald's omega total of a one-factor fit, n and the mean with its CI; the whole
 * instrument's omega hierarchical and total; each scale's items on expanding its row (item–rest
 * correlation, alpha if the item is dropped). Then parallel analysis: the number of factors the
 * data support against the number of scales, and how coherently each scale's items load.
 */
import { Card, Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import {
  fixed,
  interval,
  percent,
  type Analysis,
  type FactorFigures,
  type ItemFigures,
  type Names,
} from './model';
import { Scroll } from './Scroll';

export function Reliability({ analysis, names }: { analysis: Analysis; names: Names }) {
  const { t } = useTranslation();
  const lang = useLang();
  const name = (id: string) => pick(names.scales.get(id), lang) || id;
  return (
    <Card
      title={<h2 className="rc-card-title">{t('evaluationReport.reliability.title')}</h2>}
      data-testid="reliability-section"
    >
      <Typography.Paragraph>
        {t('evaluationReport.reliability.intro', {
          missing: t(`evaluationReport.reliability.missing.${analysis.missing}`),
        })}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        data-testid="instrument-omega"
        items={[
          {
            key: 'omegaH',
            label: t('evaluationReport.reliability.omegaH'),
            children: fixed(analysis.omegaH, 3),
          },
          {
            key: 'omegaT',
            label: t('evaluationReport.reliability.omegaT'),
            children: fixed(analysis.omegaTotal, 3),
          },
        ]}
      />
      <Scroll label={t('evaluationReport.reliability.title')}>
        <Table<FactorFigures>
          className="rc-report-table"
          size="small"
          rowKey="id"
          pagination={false}
          data-testid="reliability-table"
          dataSource={[...analysis.factors]}
          expandable={{
            expandedRowRender: (f) => <ItemTable factor={f} names={names} />,
            rowExpandable: (f) => f.itemFigures.length > 0,
          }}
          columns={[
            {
              title: t('evaluationReport.col.scale'),
              key: 'name',
              render: (_: unknown, f) => name(f.id),
            },
            {
              title: t('evaluationReport.col.items'),
              key: 'items',
              align: 'right',
              render: (_: unknown, f) => f.items.length,
            },
            { title: 'n', key: 'n', align: 'right', dataIndex: 'n' },
            {
              title: t('evaluationReport.col.meanCi'),
              key: 'mean',
              render: (_: unknown, f) =>
                f.description
                  ? `${fixed(f.description.mean)} ${interval(f.description.ci95)}`
                  : fixed(f.mean),
            },
            {
              title: 'α',
              key: 'alpha',
              align: 'right',
              render: (_: unknown, f) => fixed(f.alpha, 3),
            },
            {
              title: t('evaluationReport.col.alphaStd'),
              key: 'alphaStd',
              align: 'right',
              render: (_: unknown, f) => fixed(f.alphaStd, 3),
            },
            {
              title: 'ω_t',
              key: 'omega',
              align: 'right',
              render: (_: unknown, f) => fixed(f.omegaTotal, 3),
            },
          ]}
        />
      </Scroll>
      <Structure analysis={analysis} name={name} />
    </Card>
  );
}

function ItemTable({ factor, names }: { factor: FactorFigures; names: Names }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table<ItemFigures>
      size="small"
      rowKey="id"
      pagination={false}
      data-testid={`items-${factor.id}`}
      dataSource={[...factor.itemFigures]}
      columns={[
        {
          title: t('evaluationReport.col.item'),
          key: 'item',
          render: (_: unknown, i) => (
            <span className="rc-report-item">
              {pick(names.items.get(i.id), lang) || i.id}
              {i.reversed && (
                <Typography.Text type="secondary">
                  {t('evaluationReport.reliability.reversed')}
                </Typography.Text>
              )}
            </span>
          ),
        },
        { title: 'n', key: 'n', align: 'right', dataIndex: 'n' },
        {
          title: t('evaluationReport.col.mean'),
          key: 'mean',
          align: 'right',
          render: (_: unknown, i) => fixed(i.mean),
        },
        {
          title: t('evaluationReport.col.itemRest'),
          key: 'itemRest',
          align: 'right',
          render: (_: unknown, i) => fixed(i.itemRest, 3),
        },
        {
          title: t('evaluationReport.col.alphaIfDropped'),
          key: 'alphaIfDropped',
          align: 'right',
          render: (_: unknown, i) => fixed(i.alphaIfDropped, 3),
        },
      ]}
    />
  );
}

type Coherence = NonNullable<Analysis['structure']>['coherence'][number];

function Structure({ analysis, name }: { analysis: Analysis; name: (id: string) => string }) {
  const { t } = useTranslation();
  const s = analysis.structure;
  return (
    <section aria-labelledby="structure-title" data-testid="structure">
      <h3 id="structure-title" className="rc-report-h3">
        {t('evaluationReport.structure.title')}
      </h3>
      {s === null ? (
        <Typography.Paragraph>{t('evaluationReport.structure.none')}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph data-testid="parallel-analysis">
            {t('evaluationReport.structure.parallel', {
              factors: s.nFactors,
              components: s.nComponents,
              scales: analysis.factors.length,
            })}{' '}
            {t(
              s.nFactors === analysis.factors.length
                ? 'evaluationReport.structure.matches'
                : 'evaluationReport.structure.differs',
            )}
          </Typography.Paragraph>
          <Scroll label={t('evaluationReport.structure.title')}>
            <Table<Coherence>
              size="small"
              rowKey="id"
              pagination={false}
              data-testid="coherence-table"
              dataSource={[...s.coherence]}
              columns={[
                {
                  title: t('evaluationReport.col.scale'),
                  key: 'name',
                  render: (_: unknown, c) => name(c.id),
                },
                {
                  title: t('evaluationReport.col.mainFactor'),
                  key: 'factor',
                  render: (_: unknown, c) =>
                    c.factor > 0 ? t('evaluationReport.structure.factor', { n: c.factor }) : '—',
                },
                {
                  title: t('evaluationReport.col.coherence'),
                  key: 'share',
                  align: 'right',
                  render: (_: unknown, c) => percent(c.share, 1),
                },
              ]}
            />
          </Scroll>
        </>
      )}
    </section>
  );
}
