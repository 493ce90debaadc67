/**
 * One instrument version (/evaluation/instruments/:id, GET /api/evaluation/instruments/{id}): its
 * marks (validated in the field or not, used by a campaign or not), what it was adapted from, the
 * validation note, the answer scale, then the model — motivation → process → environment — with
 * each factor's definition, the seed's finding it measures and its items (reverse-scored ones
 * marked), the outcome items, the background questions and the open questions. Every text in the
 * reader's language first and the other beneath it, since an adapted version needs both. Those
 * who may adapt get 修订.
 */
import { Alert, Button, Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useUser } from '../../../auth';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TAG } from '../../../components/tagColors';
import { formatDateTime } from '../../../format';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import type { I18nText } from '../../../types';
import { useApi } from '../../../useApi';
import { InUseTag, ValidatedTag } from './InstrumentTags';
import {
  adaptPath,
  instrumentPath,
  mayAdapt,
  type InstrumentBody,
  type InstrumentView,
} from './model';
import '../evaluation.css';
import './instruments.css';

type Item = InstrumentBody['dimensions'][number]['factors'][number]['items'][number];
type Factor = InstrumentBody['dimensions'][number]['factors'][number];

const FINDING_COLOR: Record<Factor['seedFinding'], string> = {
  promoting: TAG.success,
  blocking: TAG.danger,
  mixed: TAG.accent,
};

export default function Instrument() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const adapter = mayAdapt(useUser().roles);
  const { id = '' } = useParams();
  const view = useApi<InstrumentView>(`/api/evaluation/instruments/${encodeURIComponent(id)}`);
  const v = view.status === 'ok' ? view.data : null;
  const ins = v?.instrument;
  return (
    <div className="rc-eval rc-inst">
      <Link to="/evaluation/instruments">{t('instruments.back')}</Link>
      <Typography.Title level={1} className="rc-eval-title" data-testid="instrument-title">
        {ins ? pick(ins.title, lang) : t('instruments.title')}
      </Typography.Title>
      {view.status === 'error' ? <ErrorAlert error={view.error} /> : null}
      {v && ins ? (
        <>
          <div className="rc-inst-head rc-gap">
            <Typography.Text strong data-testid="instrument-id">
              {ins.id} · {t('instruments.versionN', { version: ins.version })}
            </Typography.Text>
            <ValidatedTag validated={ins.validated} />
            <InUseTag inUse={v.inUse} />
            {adapter ? (
              <Button
                type="primary"
                data-testid="adapt-instrument"
                onClick={() => void navigate(adaptPath(ins.id))}
              >
                {t('instruments.adapt')}
              </Button>
            ) : null}
          </div>
          <Facts view={v} />
          <Model instrument={ins} />
          <Outcomes instrument={ins} />
          <Questions instrument={ins} />
        </>
      ) : null}
    </div>
  );
}

/** A text in the reader's language, and beneath it in the other. */
function Both({ text, testId }: { readonly text: I18nText; readonly testId?: string }) {
  const lang = useLang();
  const other = lang === 'zh' ? 'en' : 'zh';
  return (
    <div className="rc-inst-both" data-testid={testId}>
      <div>{text[lang]}</div>
      <Typography.Text type="secondary" lang={other === 'zh' ? 'zh-CN' : 'en'}>
        {text[other]}
      </Typography.Text>
    </div>
  );
}

function Facts({ view: v }: { readonly view: InstrumentView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ins = v.instrument;
  const scale = ins.scale.labels.map((l, i) => `${ins.scale.min + i} ${pick(l, lang)}`);
  return (
    <Card title={t('instruments.facts')} className="rc-gap">
      {!ins.validated ? (
        <Alert
          type="warning"
          showIcon
          className="rc-gap"
          title={t('instruments.notValidated')}
          description={pick(ins.validationNote, lang)}
        />
      ) : null}
      <Descriptions
        column={{ xs: 1, sm: 1, md: 2 }}
        size="small"
        items={[
          { key: 'id', label: t('instruments.col.id'), children: ins.id },
          { key: 'v', label: t('instruments.col.version'), children: ins.version },
          {
            key: 'b',
            label: t('instruments.col.basedOn'),
            children: ins.basedOn ? (
              <Link to={instrumentPath(ins.basedOn)} data-testid="instrument-based-on">
                {ins.basedOn}
              </Link>
            ) : (
              t('instruments.original')
            ),
          },
          {
            key: 'c',
            label: t('instruments.col.createdAt'),
            children: formatDateTime(v.createdAt),
          },
          {
            key: 's',
            label: t('instruments.scale'),
            span: { xs: 1, sm: 1, md: 2 },
            children: scale.join(t('common.listSeparator')),
          },
          ...(ins.validated
            ? [
                {
                  key: 'n',
                  label: t('instruments.validationNote'),
                  span: { xs: 1, sm: 1, md: 2 },
                  children: pick(ins.validationNote, lang),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function Items({ items }: { readonly items: readonly Item[] }) {
  const { t } = useTranslation();
  return (
    <ol className="rc-inst-items">
      {items.map((i) => (
        <li key={i.id} data-testid={`item-${i.id}`}>
          <div className="rc-inst-item-id">
            <code>{i.id}</code>
            {i.reversed ? (
              <Tag color={TAG.warning} data-testid="item-reversed">
                {t('instruments.reversed')}
              </Tag>
            ) : null}
          </div>
          <Both text={i.text} />
        </li>
      ))}
    </ol>
  );
}

function FactorCard({ factor: f }: { readonly factor: Factor }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card
      size="small"
      className="rc-gap"
      data-testid={`factor-${f.id}`}
      title={pick(f.name, lang)}
      extra={
        <Tag color={FINDING_COLOR[f.seedFinding]}>
          {t(`instruments.seedFinding.${f.seedFinding}`)}
        </Tag>
      }
    >
      <h4 className="rc-inst-h4">{t('instruments.definition')}</h4>
      <Both text={f.definition} />
      <h4 className="rc-inst-h4">{t('instruments.finding')}</h4>
      <Both text={f.finding} testId={`finding-${f.id}`} />
      <h4 className="rc-inst-h4">
        {t('instruments.items')}（{t('instruments.itemCount', { count: f.items.length })}）
      </h4>
      <Items items={f.items} />
    </Card>
  );
}

function Model({ instrument: ins }: { readonly instrument: InstrumentBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section aria-labelledby="inst-model">
      <h2 id="inst-model" className="rc-eval-h2">
        {t('instruments.model')}
      </h2>
      <Typography.Paragraph type="secondary">{t('instruments.modelNote')}</Typography.Paragraph>
      {ins.dimensions.map((d, n) => (
        <section key={d.id} data-testid={`dimension-${d.id}`} aria-labelledby={`dim-${d.id}`}>
          <h3 id={`dim-${d.id}`} className="rc-inst-h3">
            {n + 1}. {pick(d.name, lang)}
          </h3>
          <Both text={d.definition} />
          {d.factors.map((f) => (
            <FactorCard key={f.id} factor={f} />
          ))}
        </section>
      ))}
    </section>
  );
}

function Outcomes({ instrument: ins }: { readonly instrument: InstrumentBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section aria-labelledby="inst-outcomes">
      <h2 id="inst-outcomes" className="rc-eval-h2">
        {t('instruments.outcomes')}
      </h2>
      {ins.outcomes.map((o) => (
        <Card
          key={o.id}
          size="small"
          className="rc-gap"
          title={pick(o.name, lang)}
          data-testid={`outcome-${o.id}`}
        >
          <h4 className="rc-inst-h4">{t('instruments.definition')}</h4>
          <Both text={o.definition} />
          <h4 className="rc-inst-h4">{t('instruments.items')}</h4>
          <Items items={o.items} />
        </Card>
      ))}
    </section>
  );
}

function Questions({ instrument: ins }: { readonly instrument: InstrumentBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const sep = t('common.listSeparator');
  return (
    <>
      <section aria-labelledby="inst-demographics">
        <h2 id="inst-demographics" className="rc-eval-h2">
          {t('instruments.demographics')}
        </h2>
        <Card size="small">
          <ul className="rc-inst-list">
            {ins.demographics.map((d) => (
              <li key={d.id}>
                <Both text={d.label} />
                <Typography.Text type="secondary">
                  {d.options.map((o) => pick(o.label, lang)).join(sep)}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </Card>
      </section>
      <section aria-labelledby="inst-open">
        <h2 id="inst-open" className="rc-eval-h2">
          {t('instruments.openQuestions')}
        </h2>
        <Card size="small">
          <ul className="rc-inst-list">
            {ins.openQuestions.map((q) => (
              <li key={q.id}>
                <Both text={q.text} />
              </li>
            ))}
          </ul>
        </Card>
      </section>
    </>
  );
}
