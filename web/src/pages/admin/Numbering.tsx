/**
 * A jurisdiction's document numbering (GET/POST /api/admin/jurisdictions/:id/numbering): the
 * issuing code (机关代字) and the pattern of the case number and of each document type. Each field
 * shows, as it is typed, the number it would give (checked by src/shared/numbering.ts, as the
 * server checks it); a change applies only to numbers issued afterwards, as the dialog says.
 */
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import {
  NUMBERED_TYPES,
  NUMBERED_TYPE_LABEL,
  NUMBERING_LIMITS,
  canonicalPattern,
  codeProblem,
  formatNumber,
  patternProblem,
  patternProblemText,
  shownPattern,
  type NumberedType,
} from '../../shared';
import type { DocumentNumbering } from '../../types';
import { useApi } from '../../useApi';
import { showOnField } from './formErrors';

type Values = { code: string; patterns: Partial<Record<NumberedType, string>> };

export function NumberingDialog({
  jurisdictionId,
  onClose,
}: {
  readonly jurisdictionId: string;
  readonly onClose: () => void;
}) {
  const path = `/api/admin/jurisdictions/${encodeURIComponent(jurisdictionId)}/numbering`;
  const loaded = useApi<DocumentNumbering>(path);
  const { t } = useTranslation();
  if (loaded.status === 'ok') {
    return <NumberingForm numbering={loaded.data} path={path} onClose={onClose} />;
  }
  return (
    <Modal open title={t('numbering.title', { name: '' })} footer={null} onCancel={onClose}>
      {loaded.status === 'error' ? <ErrorAlert error={loaded.error} /> : t('numbering.loading')}
    </Modal>
  );
}

function NumberingForm({
  numbering,
  path,
  onClose,
}: {
  readonly numbering: DocumentNumbering;
  readonly path: string;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const code = Form.useWatch('code', form) as string | undefined;
  const typed = Form.useWatch('patterns', form) as Values['patterns'] | undefined;
  const year = new Date().getFullYear();
  const codeInUse = code?.trim() || numbering.defaultCode;

  const initialValues: Values = {
    code: numbering.code ?? '',
    patterns: Object.fromEntries(
      numbering.patterns.map((p) => [p.type, p.pattern ? shownPattern(p.pattern, lang) : '']),
    ),
  };

  /** The number the field would give now: the pattern typed, else the default. */
  const example = (type: NumberedType, fallback: string): string | null => {
    const value = typed?.[type]?.trim();
    if (value && patternProblem(value)) return null;
    return formatNumber(canonicalPattern(value || fallback), codeInUse, year, 1);
  };

  /** A refusal naming `patterns.<type>` is shown under that pattern's field. */
  const onPatternField = (e: unknown): boolean => {
    const field = e instanceof ApiError ? e.details['field'] : undefined;
    const name = typeof field === 'string' ? /^patterns\.(\w+)$/.exec(field)?.[1] : undefined;
    const type = NUMBERED_TYPES.find((t) => t === name);
    if (!type || !(e instanceof ApiError)) return false;
    form.setFields([{ name: ['patterns', type], errors: [pick(e.text, lang)] }]);
    return true;
  };

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const patterns = Object.fromEntries(
        numbering.patterns.map((p) => [p.type, v.patterns[p.type]?.trim() || null]),
      );
      await api('POST', path, { code: v.code.trim() || null, patterns });
      message.success(t('numbering.saved'));
      onClose();
    } catch (e) {
      if (!showOnField(form, e, ['code'], lang) && !onPatternField(e)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={t('numbering.title', { name: pick(numbering.name, lang) })}
      okText={t('numbering.save')}
      cancelText={t('numbering.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        message={t('numbering.afterwards')}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph type="secondary">
        {t('numbering.placeholders', {
          code: shownPattern('{code}', lang),
          year: shownPattern('{year}', lang),
          n: shownPattern('{n}', lang),
        })}
      </Typography.Paragraph>
      {error ? <ErrorAlert error={error} /> : null}
      <Form form={form} layout="vertical" initialValues={initialValues}>
        <Form.Item
          name="code"
          label={t('numbering.code')}
          extra={t('numbering.codeDefault', { code: numbering.defaultCode })}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const wrong = value?.trim() ? codeProblem(value.trim()) : null;
                if (wrong) throw new Error(pick(wrong, lang));
              },
            },
          ]}
        >
          <Input maxLength={NUMBERING_LIMITS.code} placeholder={numbering.defaultCode} />
        </Form.Item>
        {numbering.patterns.map((p) => {
          const shown = example(p.type, p.defaultPattern);
          return (
            <Form.Item
              key={p.type}
              name={['patterns', p.type]}
              label={pick(NUMBERED_TYPE_LABEL[p.type], lang)}
              extra={
                <span data-testid={`numbering-example-${p.type}`}>
                  {shown ? t('numbering.example', { number: shown }) : null}
                </span>
              }
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    const problem = value?.trim() ? patternProblem(value.trim()) : null;
                    if (problem) throw new Error(pick(patternProblemText(problem), lang));
                  },
                },
              ]}
            >
              <Input
                maxLength={NUMBERING_LIMITS.pattern}
                placeholder={shownPattern(p.defaultPattern, lang)}
                aria-label={pick(NUMBERED_TYPE_LABEL[p.type], lang)}
              />
            </Form.Item>
          );
        })}
      </Form>
    </Modal>
  );
}
