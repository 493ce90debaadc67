/**
 * The facts of the case with their provenance (source, who, when, note) and the evidence each
 * rests on; an investigator records a fact here, typed by the pack's declaration of it (with its
 * help text), and links an ex-ante risk filing.
 */
import { CONFIRMABLE_FACT_SOURCES, TEXT_LIMITS } from '../../shared';
import {
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Button,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { CaseFact } from '../../types';
import { ActionButton } from './ActionButton';
import { askable, NONE, NoneOr } from '../../components/NoneOr';
import { factValue } from './factValue';
import type { PackFact } from './model';
import { RiskFilingLink } from './RiskFilingLink';
import { useCase } from './useCaseAction';

export function evidenceHref(caseId: string, evidenceId: string): string {
  return `/api/cases/${encodeURIComponent(caseId)}/evidence/${encodeURIComponent(evidenceId)}`;
}

export function FactsCard({
  facts: decls,
  loading,
}: {
  readonly facts: ReadonlyMap<string, PackFact>;
  /**
   * The pack's declarations are still loading: the facts wait for their labels, so that no
   * fact's internal id is shown for a moment in place of its name.
   */
  readonly loading: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const [selected, setSelected] = useState<readonly string[]>([]);
  const canRecord = Boolean(c.abilities['recordFact']);
  // Once confirmed (or recorded anew) a fact is no longer confirmable and drops out of the ticks.
  const ticked = selected.filter((f) => c.facts.some((x) => x.fact === f && isConfirmable(x)));
  const files = new Map((c.evidence ?? []).map((e) => [e.id, e]));
  const words = { yes: t('common.yes'), no: t('common.no'), unknown: t('desk.facts.unknown') };
  const label = (prefix: string, key: string) =>
    i18n.exists(`${prefix}.${key}`) ? t(`${prefix}.${key}`) : key;

  const columns: TableColumnsType<CaseFact> = [
    {
      title: t('caseView.fact'),
      key: 'fact',
      render: (_: unknown, f) => {
        const d = decls.get(f.fact);
        return d ? pick(d.label, lang) : f.fact;
      },
    },
    {
      title: t('caseView.value'),
      key: 'value',
      render: (_: unknown, f) => factValue(f.value, decls.get(f.fact), lang, words),
    },
    {
      title: t('caseView.source'),
      key: 'source',
      render: (_: unknown, f) => <Tag>{label('factSources', f.source)}</Tag>,
    },
    {
      title: t('caseView.recorded'),
      key: 'recorded',
      render: (_: unknown, f) => (
        <span>
          {f.recordedBy?.name ?? t('caseView.system')}
          <br />
          <Typography.Text type="secondary">{formatDateTime(f.recordedAt)}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('caseView.note'),
      key: 'note',
      render: (_: unknown, f) => <span className="rc-prewrap">{f.note || '—'}</span>,
    },
    {
      title: t('desk.facts.evidence'),
      key: 'evidence',
      render: (_: unknown, f) =>
        f.evidenceIds.length === 0 ? (
          '—'
        ) : (
          <Space direction="vertical" size={0}>
            {f.evidenceIds.map((id) => (
              <a key={id} href={evidenceHref(c.id, id)} download>
                {files.get(id)?.filename ?? t('desk.facts.evidenceFile')}
              </a>
            ))}
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={t('caseView.facts')}
      className="rc-gap"
      data-testid="case-facts"
      extra={
        <Space wrap>
          {canRecord ? <ConfirmSelected facts={ticked} decls={decls} /> : null}
          {c.abilities['recordFact'] ? <RecordFact decls={decls} /> : null}
          {c.abilities['recordFact'] ? <RiskFilingLink /> : null}
        </Space>
      }
    >
      <Table<CaseFact>
        rowKey={(f) => f.fact}
        rowSelection={
          canRecord
            ? {
                selectedRowKeys: ticked,
                // Only some rows can be ticked; a "select all" box would also be copied, focusable,
                // into the table's aria-hidden measuring row (an axe violation).
                hideSelectAll: true,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (f) => ({
                  disabled: !isConfirmable(f),
                  'aria-label': t('batch.facts.select', {
                    fact: decls.get(f.fact) ? pick(decls.get(f.fact)!.label, lang) : f.fact,
                  }),
                }),
              }
            : undefined
        }
        size="small"
        columns={columns}
        loading={loading}
        dataSource={loading ? [] : [...c.facts]}
        pagination={c.facts.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{
          emptyText: (
            <Empty
              description={
                c.abilities['recordFact'] ? t('desk.facts.emptyCan') : t('caseView.noFacts')
              }
            />
          ),
        }}
        scroll={{ x: 800 }}
      />
    </Card>
  );
}

const CONFIRMABLE: readonly string[] = CONFIRMABLE_FACT_SOURCES;

/** A fact as the applicant (or the referral) stated it, which the investigator may confirm as is. */
function isConfirmable(f: CaseFact): boolean {
  return CONFIRMABLE.includes(f.source);
}

/** Confirms the ticked facts as verified, in one request, with an optional note for the record. */
function ConfirmSelected(props: {
  readonly facts: readonly string[];
  readonly decls: ReadonlyMap<string, PackFact>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = t('batch.facts.confirm', { count: props.facts.length });
  if (props.facts.length === 0) {
    return (
      <Button disabled title={t('batch.facts.selectFirst')} data-testid="action-confirm-facts">
        {label}
      </Button>
    );
  }
  const names = props.facts.map((f) => {
    const d = props.decls.get(f);
    return d ? pick(d.label, lang) : f;
  });
  return (
    <ActionButton
      key={props.facts.join(',')}
      label={label}
      title={t('batch.facts.confirmTitle')}
      path="facts/confirm"
      testId="action-confirm-facts"
      intro={
        <>
          <Typography.Paragraph>{t('batch.facts.confirmIntro')}</Typography.Paragraph>
          <ul data-testid="confirm-facts-list">
            {names.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      }
      toBody={(v) => ({
        facts: [...props.facts],
        ...(typeof v['note'] === 'string' && v['note'].trim() ? { note: v['note'].trim() } : {}),
      })}
      fields={
        <Form.Item
          name="note"
          label={t('desk.facts.note')}
          rules={[
            {
              max: TEXT_LIMITS.note.max,
              message: t('desk.form.tooLong', { max: TEXT_LIMITS.note.max }),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note.max} showCount />
        </Form.Item>
      }
    />
  );
}

/** The value input for one declared fact: yes/no, a choice, a number in bounds, a date. */
export function ValueInput({ decl }: { readonly decl: PackFact }) {
  const { t } = useTranslation();
  const lang = useLang();
  const unit = typeof decl.unit === 'string' ? decl.unit : pick(decl.unit, lang);
  const rules = [{ required: true, message: t('desk.facts.valueRequired') }];
  switch (decl.type) {
    case 'boolean':
      return (
        <Form.Item name="value" label={t('caseView.value')} rules={rules}>
          <Radio.Group
            options={[
              { value: true, label: t('common.yes') },
              { value: false, label: t('common.no') },
            ]}
          />
        </Form.Item>
      );
    case 'enum':
      return (
        <Form.Item name="value" label={t('caseView.value')} rules={rules}>
          <Select
            aria-label={t('caseView.value')}
            options={(decl.values ?? []).map((v) => ({
              value: v.value,
              label: pick(v.label, lang),
            }))}
          />
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item
          name="value"
          label={t('caseView.value')}
          rules={[
            ...rules,
            // “None” (where the fact allows it) is not a number to check.
            ({ getFieldValue }) =>
              getFieldValue('value') === NONE
                ? {}
                : {
                    type: 'number',
                    // The pack sends null for "no bound"; the form rule wants it absent.
                    min: decl.min ?? undefined,
                    max: decl.max ?? undefined,
                    message: t('desk.facts.valueRange', {
                      min: decl.min ?? '−∞',
                      max: decl.max ?? '∞',
                    }),
                  },
          ]}
        >
          {/* No min/max on the input: it would clamp silently; the rule above says the bounds. */}
          <NoneOr none={decl.none} lang={lang} testId="fact-value">
            <InputNumber
              className="rc-wide"
              precision={decl.integer ? 0 : undefined}
              suffix={unit || undefined}
            />
          </NoneOr>
        </Form.Item>
      );
    default:
      return (
        <Form.Item
          name="value"
          label={t('caseView.value')}
          rules={[
            ...rules,
            { pattern: /^(\d{4}-\d{2}-\d{2}|none)$/, message: t('desk.facts.dateFormat') },
          ]}
        >
          <NoneOr none={decl.none} lang={lang} testId="fact-value">
            <Input type="date" />
          </NoneOr>
        </Form.Item>
      );
  }
}

/** The fact to record; choosing another clears the value typed for the previous one. */
export function FactSelect(props: {
  readonly decls: ReadonlyMap<string, PackFact>;
  readonly id?: string;
  readonly value?: string;
  readonly onChange?: (v: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = Form.useFormInstance();
  return (
    <Select
      id={props.id}
      value={props.value}
      showSearch
      optionFilterProp="label"
      aria-label={t('caseView.fact')}
      options={askable([...props.decls.values()]).map((d) => ({
        value: d.id,
        label: pick(d.label, lang),
      }))}
      onChange={(v: string) => {
        form.setFieldValue('value', undefined);
        props.onChange?.(v);
      }}
    />
  );
}

function RecordFact({ decls }: { readonly decls: ReadonlyMap<string, PackFact> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  return (
    <ActionButton
      label={t('desk.facts.record')}
      path="facts"
      primary
      testId="action-record-fact"
      toBody={(v) => ({
        fact: v['fact'],
        value: v['unknown'] ? null : v['value'],
        ...(typeof v['note'] === 'string' && v['note'].trim() ? { note: v['note'].trim() } : {}),
        ...(Array.isArray(v['evidenceIds']) && v['evidenceIds'].length > 0
          ? { evidenceIds: v['evidenceIds'] }
          : {}),
      })}
      fields={
        <>
          <Form.Item
            name="fact"
            label={t('caseView.fact')}
            rules={[{ required: true, message: t('desk.facts.factRequired') }]}
          >
            <FactSelect decls={decls} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {(form) => {
              const decl = decls.get(String(form.getFieldValue('fact') ?? ''));
              if (!decl) return null;
              const unknown = Boolean(form.getFieldValue('unknown'));
              return (
                <>
                  {decl.help ? (
                    <Typography.Paragraph type="secondary" data-testid="fact-help">
                      {pick(decl.help, lang)}
                    </Typography.Paragraph>
                  ) : null}
                  {unknown ? null : <ValueInput key={decl.id} decl={decl} />}
                </>
              );
            }}
          </Form.Item>
          <Form.Item name="unknown" valuePropName="checked">
            <Checkbox>{t('desk.facts.markUnknown')}</Checkbox>
          </Form.Item>
          <Form.Item
            name="note"
            label={t('desk.facts.note')}
            rules={[
              {
                max: TEXT_LIMITS.note.max,
                message: t('desk.form.tooLong', { max: TEXT_LIMITS.note.max }),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={TEXT_LIMITS.note.max} showCount />
          </Form.Item>
          <Form.Item
            name="evidenceIds"
            label={t('desk.facts.evidenceLinks')}
            extra={(c.evidence ?? []).length === 0 ? t('desk.facts.noEvidenceYet') : undefined}
          >
            <Select
              mode="multiple"
              optionFilterProp="label"
              aria-label={t('desk.facts.evidenceLinks')}
              options={(c.evidence ?? [])
                .filter((e) => !e.withdrawn)
                .map((e) => ({ value: e.id, label: e.filename }))}
            />
          </Form.Item>
        </>
      }
    />
  );
}
