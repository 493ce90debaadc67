/**
 * 修订问卷 (/evaluation/instruments/:id/adapt, POST /api/evaluation/instruments): a plain form
 * that starts from the version chosen — a new id (the first free `<name>-v<N+1>`), the title in
 * both languages, and each factor's items (wording in zh and en, reverse scoring, added or
 * removed; an item from the old version keeps its id, a new one gets the factor's id and the next
 * number). Everything else is copied from the old version. The server checks the new version with
 * the instrument loader's rules; each problem it names is shown on its field (model.ts,
 * markProblems), the rest above the buttons. Then the new version's page. The form says that the
 * old version stays unchanged and the new one is marked not validated.
 */
import { Alert, Button, Card, Checkbox, Form, Input, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../../api';
import { useUser } from '../../../auth';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { useApi } from '../../../useApi';
import {
  adaptBody,
  fieldsOf,
  instrumentPath,
  markProblems,
  mayAdapt,
  newItemId,
  suggestedId,
  type AdaptAnswer,
  type AdaptFields,
  type InstrumentBody,
  type InstrumentList,
  type InstrumentView,
} from './model';
import '../evaluation.css';
import './instruments.css';

type Factor = InstrumentBody['dimensions'][number]['factors'][number];

export default function AdaptInstrument() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const allowed = mayAdapt(useUser().roles);
  const base = useApi<InstrumentView>(
    allowed ? `/api/evaluation/instruments/${encodeURIComponent(id)}` : null,
  );
  const list = useApi<InstrumentList>(allowed ? '/api/evaluation/instruments' : null);
  return (
    <div className="rc-eval rc-inst">
      <Link to={instrumentPath(id)}>{t('instruments.back')}</Link>
      <Typography.Title level={1} className="rc-eval-title">
        {t('instruments.form.heading', { base: id })}
      </Typography.Title>
      {!allowed ? <Alert type="warning" showIcon title={t('instruments.form.notAllowed')} /> : null}
      {base.status === 'error' ? <ErrorAlert error={base.error} /> : null}
      {list.status === 'error' ? <ErrorAlert error={list.error} /> : null}
      {allowed && base.status === 'ok' && list.status === 'ok' ? (
        <AdaptForm base={base.data.instrument} taken={list.data.instruments.map((i) => i.id)} />
      ) : null}
    </div>
  );
}

/** Every id the new version uses already (items, factors, outcomes, questions), for a new item's. */
function usedIds(base: InstrumentBody, v: AdaptFields): Set<string> {
  return new Set([
    ...v.dimensions.flatMap((d) => d.factors.flatMap((f) => f.items.map((i) => i.id))),
    ...base.dimensions.flatMap((d) => [d.id, ...d.factors.map((f) => f.id)]),
    ...base.outcomes.flatMap((o) => [o.id, ...o.items.map((i) => i.id)]),
    ...base.demographics.map((d) => d.id),
    ...base.openQuestions.map((q) => q.id),
  ]);
}

function AdaptForm({
  base,
  taken,
}: {
  readonly base: InstrumentBody;
  readonly taken: readonly string[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const [form] = Form.useForm<AdaptFields>();
  const initial = useMemo(() => fieldsOf(base, suggestedId(base, taken)), [base, taken]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; rest: string[] } | null>(null);
  const required = [
    { required: true, whitespace: true, message: t('instruments.form.textRequired') },
  ];

  async function submit() {
    setBusy(true);
    setFailure(null);
    const v = form.getFieldsValue(true) as AdaptFields;
    try {
      const made = await api<AdaptAnswer>(
        'POST',
        '/api/evaluation/instruments',
        adaptBody(base, v),
      );
      void navigate(instrumentPath(made.id));
    } catch (e) {
      const rest = e instanceof ApiError ? markProblems(form, e, lang) : [];
      setFailure({ error: e, rest });
      const first = form.getFieldsError().find((f) => f.errors.length > 0);
      if (first) form.scrollToField(first.name, { block: 'center' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<AdaptFields>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={() => void submit()}
      scrollToFirstError={{ block: 'center' }}
      data-testid="adapt-form"
    >
      <Alert
        type="info"
        showIcon
        className="rc-gap"
        data-testid="adapt-unchanged"
        title={t('instruments.form.unchanged', { base: base.id })}
        description={t('instruments.form.scope')}
      />
      <Card className="rc-gap">
        <Form.Item
          name="id"
          label={t('instruments.form.id')}
          extra={t('instruments.form.idHelp')}
          rules={[{ required: true, whitespace: true, message: t('instruments.form.idRequired') }]}
        >
          <Input data-testid="adapt-id" autoComplete="off" />
        </Form.Item>
        <Form.Item name={['title', 'zh']} label={t('instruments.form.titleZh')} rules={required}>
          <Input data-testid="adapt-title-zh" />
        </Form.Item>
        <Form.Item name={['title', 'en']} label={t('instruments.form.titleEn')} rules={required}>
          <Input data-testid="adapt-title-en" lang="en" />
        </Form.Item>
      </Card>
      {base.dimensions.map((d, di) => (
        <section key={d.id} aria-labelledby={`adapt-dim-${d.id}`}>
          <h2 id={`adapt-dim-${d.id}`} className="rc-eval-h2">
            {di + 1}. {pick(d.name, lang)}
          </h2>
          {d.factors.map((f, fi) => (
            <FactorItems
              key={f.id}
              factor={f}
              listName={['dimensions', di, 'factors', fi, 'items']}
              nextId={() =>
                newItemId(f.id, usedIds(base, form.getFieldsValue(true) as AdaptFields))
              }
            />
          ))}
        </section>
      ))}
      {failure ? (
        <div className="rc-gap" data-testid="adapt-failure">
          {failure.error instanceof ApiError && failure.error.code === 'INSTRUMENT_INVALID' ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('instruments.form.problemsTitle')}
              description={
                <>
                  {t('instruments.form.problems')}
                  {failure.rest.length > 0 ? (
                    <ul className="rc-inst-list">
                      {failure.rest.map((m, n) => (
                        <li key={n}>{m}</li>
                      ))}
                    </ul>
                  ) : null}
                </>
              }
            />
          ) : (
            <ErrorAlert error={failure.error} title={t('instruments.form.problemsTitle')} />
          )}
        </div>
      ) : null}
      <div className="rc-inst-form-actions">
        <Button type="primary" htmlType="submit" loading={busy} data-testid="adapt-submit">
          {t('instruments.form.submit')}
        </Button>
        <Button onClick={() => void navigate(instrumentPath(base.id))}>
          {t('instruments.form.cancel')}
        </Button>
      </div>
    </Form>
  );
}

/** A factor's items as a Form.List: wording zh/en, reverse scoring, remove; add a new one. */
function FactorItems({
  factor: f,
  listName,
  nextId,
}: {
  readonly factor: Factor;
  readonly listName: (string | number)[];
  readonly nextId: () => string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = Form.useFormInstance();
  const required = [
    { required: true, whitespace: true, message: t('instruments.form.textRequired') },
  ];
  return (
    <Card
      size="small"
      className="rc-gap"
      title={pick(f.name, lang)}
      data-testid={`adapt-factor-${f.id}`}
    >
      <Typography.Paragraph type="secondary">{pick(f.definition, lang)}</Typography.Paragraph>
      <Form.List name={listName}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, n) => {
              const fromBase = form.getFieldValue([...listName, field.name, 'fromBase']) === true;
              return (
                <div key={field.key} className="rc-inst-form-item">
                  <div className="rc-inst-form-item-top">
                    <Form.Item
                      name={[field.name, 'id']}
                      label={t('instruments.form.itemId')}
                      extra={fromBase ? undefined : t('instruments.form.itemIdHelp')}
                      rules={required}
                    >
                      <Input disabled={fromBase} autoComplete="off" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'reversed']} valuePropName="checked">
                      <Checkbox>{t('instruments.reversed')}</Checkbox>
                    </Form.Item>
                    <Button danger onClick={() => remove(field.name)}>
                      {t('instruments.form.remove', { n: n + 1 })}
                    </Button>
                  </div>
                  <Form.Item
                    name={[field.name, 'text', 'zh']}
                    label={t('instruments.form.itemZh', { n: n + 1 })}
                    rules={required}
                  >
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'text', 'en']}
                    label={t('instruments.form.itemEn', { n: n + 1 })}
                    rules={required}
                  >
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} lang="en" />
                  </Form.Item>
                </div>
              );
            })}
            <Form.ErrorList errors={errors} />
            <Button
              className="rc-gap-top"
              onClick={() => add({ id: nextId(), text: { zh: '', en: '' }, reversed: false })}
            >
              {t('instruments.form.add')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
