/**
 * Attaching an evidence file to a case: a file picker, a description, and the upload
 * (POST /api/cases/:id/evidence, the file as Base64 in JSON). The accepted types and the size
 * limit are explained up front and checked before sending, so that a wrong file is caught at
 * once; the server checks them again (and the content against the type) and its zh/en message
 * is shown when it refuses.
 *
 * The case's version is read just before the upload, so the component needs only the case id;
 * if the case changes between that read and the upload, it reads it again and retries once.
 */
import {
  ACCEPTED_MEDIA_TYPES,
  EVIDENCE_TYPES,
  evidenceTypeOfExtension,
  MAX_EVIDENCE_BYTES,
  TEXT_LIMITS,
} from '../shared';
import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, ConfigProvider, Form, Input, Progress, Space, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import type { CaseView } from '../types';
import { ErrorAlert } from './ErrorAlert';

/**
 * Ant Design's default error red (#ff4d4f) is below WCAG AA contrast on white (3.3:1); this one
 * is 5.9:1. (Until the app's theme sets it for every screen.)
 */
export const READABLE_ERROR_THEME = { token: { colorError: '#c41d1d' } } as const;

const MAX_DESCRIPTION = TEXT_LIMITS.evidenceDescription.max;

/** The picker's filter: the accepted types' extensions and media types. */
const ACCEPT = [
  ...ACCEPTED_MEDIA_TYPES.flatMap((t) => EVIDENCE_TYPES[t].extensions.map((e) => `.${e}`)),
  ...ACCEPTED_MEDIA_TYPES,
].join(',');

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * The media type to send: by extension first (browsers disagree on types, and often leave .odt or
 * .docx without one), else the browser's, if the server accepts it (src/shared/limits.ts; the
 * server is the authority and checks again).
 */
export function mediaTypeOf(file: { readonly name: string; readonly type: string }): string | null {
  const dot = file.name.lastIndexOf('.');
  const ext = dot >= 0 ? file.name.slice(dot + 1).toLowerCase() : '';
  const byExt = evidenceTypeOfExtension(ext);
  if (byExt) return byExt;
  const type = file.type.split(';')[0]!.trim().toLowerCase();
  return (ACCEPTED_MEDIA_TYPES as readonly string[]).includes(type) ? type : null;
}

/** The file's bytes as Base64 (without the data: prefix), reporting how much has been read. */
function readAsBase64(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading'; readonly percent: number }
  | { readonly kind: 'uploading' }
  | { readonly kind: 'done'; readonly filename: string };

interface FormValues {
  readonly description?: string;
}

export interface EvidenceUploadProps {
  readonly caseId: string;
  readonly onUploaded?: () => void;
  readonly disabled?: boolean;
}

export function EvidenceUpload({ caseId, onUploaded, disabled = false }: EvidenceUploadProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const chooseId = useId();
  const hintId = useId();
  const busy = phase.kind === 'reading' || phase.kind === 'uploading';

  function checkFile(f: File | null): string | null {
    if (!f) return t('official.evidence.fileRequired');
    if (f.size === 0) return t('official.evidence.fileEmpty');
    if (f.size > MAX_EVIDENCE_BYTES) {
      return t('official.evidence.fileTooLarge', { size: (f.size / 1024 / 1024).toFixed(1) });
    }
    if (!mediaTypeOf(f)) return t('official.evidence.fileType');
    return null;
  }

  function onPick(e: React.ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0] ?? null;
    setFile(f);
    setFileError(f ? checkFile(f) : null);
    setError(null);
    if (phase.kind === 'done') setPhase({ kind: 'idle' });
  }

  async function upload(values: FormValues) {
    const problem = checkFile(file);
    setFileError(problem);
    if (problem || !file) return;
    setError(null);
    setPhase({ kind: 'reading', percent: 0 });
    try {
      const contentBase64 = await readAsBase64(file, (f) =>
        setPhase({ kind: 'reading', percent: Math.round(f * 100) }),
      );
      setPhase({ kind: 'uploading' });
      const description = values.description?.trim();
      const send = async () => {
        const c = await api<CaseView>('GET', `/api/cases/${encodeURIComponent(caseId)}`);
        return api('POST', `/api/cases/${encodeURIComponent(caseId)}/evidence`, {
          expectedVersion: c.version,
          filename: file.name,
          mediaType: mediaTypeOf(file),
          contentBase64,
          ...(description ? { description } : {}),
        });
      };
      try {
        await send();
      } catch (e) {
        // Someone moved the case on between our read and the upload: read it again, once.
        if (e instanceof ApiError && e.code === 'CASE_VERSION_CONFLICT') await send();
        else throw e;
      }
      setPhase({ kind: 'done', filename: file.name });
      void message.success(t('official.evidence.uploaded', { name: file.name }));
      form.resetFields();
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      onUploaded?.();
    } catch (e) {
      setPhase({ kind: 'idle' });
      setError(e);
    }
  }

  return (
    <ConfigProvider theme={READABLE_ERROR_THEME}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void upload(v)}
        disabled={disabled || busy}
        className="rc-evidence-upload"
      >
        <Typography.Paragraph id={hintId} type="secondary">
          {t('official.evidence.hint')}
        </Typography.Paragraph>
        <Form.Item
          label={t('official.evidence.file')}
          required
          validateStatus={fileError ? 'error' : undefined}
          help={fileError ?? undefined}
        >
          {/*
           * The browser's own file input speaks the browser's language, not the app's: it is kept
           * (for the file dialog and drag and drop onto it) but hidden, and this button opens it.
           */}
          <Space wrap>
            <Button
              id={chooseId}
              icon={<PaperClipOutlined />}
              aria-describedby={hintId}
              aria-invalid={fileError ? true : undefined}
              disabled={disabled || busy}
              onClick={() => inputRef.current?.click()}
            >
              {t('official.evidence.choose')}
            </Button>
            <Typography.Text data-testid="evidence-file-name">
              {file
                ? t('official.evidence.chosen', { name: file.name, size: formatSize(file.size) })
                : t('official.evidence.noFile')}
            </Typography.Text>
          </Space>
          <input
            ref={inputRef}
            type="file"
            className="rc-visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            accept={ACCEPT}
            disabled={disabled || busy}
            onChange={onPick}
            data-testid="evidence-file-input"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('official.evidence.description')}
          extra={t('official.evidence.descriptionHelp')}
          rules={[{ max: MAX_DESCRIPTION, message: t('official.evidence.descriptionTooLong') }]}
        >
          <Input.TextArea rows={2} maxLength={MAX_DESCRIPTION} />
        </Form.Item>
        {phase.kind === 'reading' || phase.kind === 'uploading' ? (
          <div role="status" aria-live="polite">
            <Progress
              percent={phase.kind === 'reading' ? Math.round(phase.percent / 2) : 75}
              status="active"
              aria-label={t('official.evidence.progress')}
            />
            <Typography.Text>
              {phase.kind === 'reading'
                ? t('official.evidence.reading')
                : t('official.evidence.uploading')}
            </Typography.Text>
          </div>
        ) : null}
        {phase.kind === 'done' ? (
          <div role="status" aria-live="polite">
            <Progress percent={100} aria-label={t('official.evidence.progress')} />
            <Typography.Text>
              {t('official.evidence.uploaded', { name: phase.filename })}
            </Typography.Text>
          </div>
        ) : null}
        {error ? <ErrorAlert error={error} title={t('official.evidence.failed')} /> : null}
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={busy} disabled={disabled || !file}>
            {t('official.evidence.submit')}
          </Button>
        </Space>
      </Form>
    </ConfigProvider>
  );
}

export default EvidenceUpload;
