/**
 * Seed 000's model as a diagram: three columns (实施动力 → 实施过程 → 实施环境) of factor boxes,
 * each coloured on a diverging scale around the scale's midpoint (red below, blue above) with its
 * mean written in it, and a badge when the ranking names it promoting or blocking. Plain lists of
 * boxes, so that the text is the accessible version; the colour only repeats what it says.
 */
import { Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAG } from '../../../components/tagColors';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import {
  divergingColour,
  fixed,
  midpoint,
  type Analysis,
  type FactorFigures,
  type Names,
  type Ranked,
} from './model';

const DIMENSIONS = ['motivation', 'process', 'environment'] as const;

export function ModelDiagram({ analysis, names }: { analysis: Analysis; names: Names }) {
  const { t } = useTranslation();
  const lang = useLang();
  const figures = new Map(analysis.factors.map((f) => [f.id, f]));
  const roles = new Map(analysis.ranking.map((r) => [r.id, r]));
  const columns = DIMENSIONS.map((d) => ({
    id: d,
    factors: [...names.dimensionOf].filter(([, dim]) => dim === d).map(([id]) => id),
  }));
  return (
    <Card
      title={<h2 className="rc-card-title">{t('evaluationReport.model.title')}</h2>}
      data-testid="model-diagram"
    >
      <Typography.Paragraph>
        {t('evaluationReport.model.intro', {
          min: analysis.scale.min,
          max: analysis.scale.max,
          mid: midpoint(analysis.scale),
        })}
      </Typography.Paragraph>
      <Legend scale={analysis.scale} />
      <div className="rc-model">
        {columns.map((col, i) => (
          <div key={col.id} className="rc-model-column">
            <h3 className="rc-model-dimension">
              {pick(names.dimensions.get(col.id), lang) || col.id}
              {i < columns.length - 1 && (
                <span className="rc-model-arrow" aria-hidden="true">
                  →
                </span>
              )}
            </h3>
            <ul className="rc-model-factors">
              {col.factors.map((id) => (
                <FactorBox
                  key={id}
                  id={id}
                  figures={figures.get(id)}
                  ranked={roles.get(id)}
                  names={names}
                  scale={analysis.scale}
                />
              ))}
            </ul>
          </div>
        ))}
      </div>
    </Card>
  );
}

function FactorBox({
  id,
  figures,
  ranked,
  names,
  scale,
}: {
  id: string;
  figures: FactorFigures | undefined;
  ranked: Ranked | undefined;
  names: Names;
  scale: Analysis['scale'];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const mean = figures?.mean ?? null;
  const colour =
    mean === null ? { ground: '#ffffff', text: '#000000' } : divergingColour(mean, scale);
  return (
    <li
      className="rc-model-factor"
      style={{ background: colour.ground, color: colour.text, ['--rc-fg' as string]: colour.text }}
      data-testid={`model-factor-${id}`}
    >
      <span className="rc-model-name">{pick(names.scales.get(id), lang) || id}</span>
      <span className="rc-model-mean">
        {mean === null
          ? t('evaluationReport.model.noMean')
          : t('evaluationReport.model.mean', { mean: fixed(mean) })}
      </span>
      {ranked && ranked.role !== 'neutral' && (
        <Tag
          className="rc-model-badge"
          color={ranked.role === 'promoting' ? TAG.success : TAG.danger}
        >
          {t(`evaluationReport.role.${ranked.role}`)}
        </Tag>
      )}
    </li>
  );
}

/** The colour scale as five swatches with their values, so the colours can be read back. */
function Legend({ scale }: { scale: Analysis['scale'] }) {
  const { t } = useTranslation();
  const steps = [0, 0.25, 0.5, 0.75, 1].map((s) => scale.min + s * (scale.max - scale.min));
  return (
    <div className="rc-model-legend" aria-hidden="true">
      <span>{t('evaluationReport.model.legendLow')}</span>
      {steps.map((v) => {
        const c = divergingColour(v, scale);
        return (
          <span
            key={v}
            className="rc-model-swatch"
            style={{ background: c.ground, color: c.text, ['--rc-fg' as string]: c.text }}
          >
            {fixed(v, 1)}
          </span>
        );
      })}
      <span>{t('evaluationReport.model.legendHigh')}</span>
    </div>
  );
}
