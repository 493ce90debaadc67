/**
 * Attaching evidence files to a case, several at once: a drop zone that also opens the file
 * dialog (antd Upload, multiple), the files chosen listed each with its size and, at once, any
 * reason it cannot be sent (empty, too large, a type not taken); one description for the upload,
 * and one request for all the files (components/evidenceFiles.ts). The answer is reported per
 * file: those added leave the list, those refused stay in it with the server's reason, to remove
 * or replace — a file is never dropped silently. The accepted types and the limits are said up
 * front.
 *
 * The drop zone does not filter by type (`accept`): antd would silently ignore a dropped file of
 * another type; here it is listed with the reason instead.
 */
import { DeleteOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, ConfigProvider, Form, Input, List, Space, Typography, Upload } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../i18n';
import { useLang } from '../lang';
import { TEXT_LIMITS } from '../shared';
import type { I18nText } from '../types';
import { ErrorAlert } from './ErrorAlert';
import {
  batchProblem,
  fileProblem,
  formatSize,
  outcomesOf,
  refusedOf,
  uploadEvidenceFiles,
} from './evidenceFiles';

export { mediaTypeOf } from './evidenceFiles';

/**
 * Ant Design's default error red (#ff4d4f) is below WCAG AA contrast on white (3.3:1); this one
 * is 5.9:1. (Until the app's theme sets it for every screen.)
 */
export const READABLE_ERROR_THEME = { token: { colorError: '#c41d1d' } } as const;

const MAX_DESCRIPTION = TEXT_LIMITS.evidenceDescription.max;

/** A file in the list: chosen, and if the server refused it, why. */
export interface Picked {
  readonly uid: string;
  readonly file: File;
  readonly refused?: I18nText;
}

/**
 * The files chosen, each with the reason it cannot be sent (checked here, or refused by the
 * server), and a remove button. Shared with the application form.
 */
export function PickedFiles({
  items,
  onRemove,
  disabled,
}: {
  readonly items: readonly Picked[];
  readonly onRemove: (uid: string) => void;
  readonly disabled?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (items.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="evidence-file-name">
        {t('official.evidence.noFile')}
      </Typography.Text>
    );
  }
  return (
    <List
      size="small"
      data-testid="evidence-picked"
      dataSource={[...items]}
      renderItem={(p) => {
        const why = fileProblem(p.file, t) ?? (p.refused ? pick(p.refused, lang) : null);
        return (
          <List.Item
            actions={[
              <Button
                key="remove"
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                disabled={disabled}
                onClick={() => onRemove(p.uid)}
                aria-label={t('files.upload.remove', { name: p.file.name })}
              />,
            ]}
          >
            <div>
              <Typography.Text data-testid="evidence-file-name">
                {t('official.evidence.chosen', {
                  name: p.file.name,
                  size: formatSize(p.file.size),
                })}
              </Typography.Text>
              {why ? (
                <div>
                  <Typography.Text type="danger" data-testid="evidence-file-problem">
                    {why}
                  </Typography.Text>
                </div>
              ) : null}
            </div>
          </List.Item>
        );
      }}
    />
  );
}

/** The drop zone that also opens the file dialog; each file chosen is handed to `onPick`. */
export function FileDrop({
  onPick,
  disabled,
  describedBy,
}: {
  readonly onPick: (f: File) => void;
  readonly disabled?: boolean;
  readonly describedBy?: string;
}) {
  const { t } = useTranslation();
  return (
    <Upload.Dragger
      multiple
      disabled={disabled}
      showUploadList={false}
      beforeUpload={(f) => {
        onPick(f);
        return Upload.LIST_IGNORE;
      }}
      data-testid="evidence-file-input"
      aria-describedby={describedBy}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('files.upload.drop')}</p>
    </Upload.Dragger>
  );
}

let nextUid = 0;
export const pickedOf = (file: File): Picked => ({ uid: `f${++nextUid}`, file });

interface FormValues {
  readonly description?: string;
}

export interface EvidenceUploadProps {
  readonly caseId: string;
  /** After an upload that added files: how many. */
  readonly onUploaded?: (added: number) => void;
  readonly disabled?: boolean;
}

export function EvidenceUpload({ caseId, onUploaded, disabled = false }: EvidenceUploadProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [items, setItems] = useState<readonly Picked[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<{ added: number; refused: number } | null>(null);
  const hintId = useId();
  // A file refused by the server stays listed with the reason but is not sent again.
  const sendable = items.filter((p) => !p.refused && !fileProblem(p.file, t));
  const tooMuch = batchProblem(
    sendable.map((p) => p.file),
    t,
  );

  async function upload(values: FormValues) {
    if (sendable.length === 0 || tooMuch) return;
    setError(null);
    setReport(null);
    setBusy(true);
    const files = sendable.map((p) => p.file);
    try {
      const r = await uploadEvidenceFiles(caseId, files, values.description?.trim());
      const outcomes = outcomesOf(files, r);
      const left = new Map(sendable.map((p, i) => [p.uid, outcomes[i]!]));
      // Added (or already there) leave the list; refused stay with the reason.
      setItems((now) =>
        now.flatMap((p) => {
          const o = left.get(p.uid);
          if (!o) return [p];
          return o.ok ? [] : [{ ...p, refused: o.refused! }];
        }),
      );
      const added = r.added.length + r.alreadyThere.length;
      const text = t('files.upload.report', { added, refused: r.refused.length });
      setReport({ added, refused: r.refused.length });
      if (r.refused.length === 0) form.resetFields();
      void (r.refused.length > 0 ? message.warning(text) : message.success(text));
      if (added > 0) onUploaded?.(added);
    } catch (e) {
      const refused = refusedOf(files, e);
      if (!refused) {
        setError(e);
        return;
      }
      // Refused as a whole, each file with its reason: the reasons go beside the files.
      const byUid = new Map(sendable.map((p, i) => [p.uid, refused[i]!]));
      setItems((now) =>
        now.map((p) => {
          const why = byUid.get(p.uid)?.refused;
          return why ? { ...p, refused: why } : p;
        }),
      );
      setReport({ added: 0, refused: refused.length });
    } finally {
      setBusy(false);
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
          {t('files.upload.hint')}
        </Typography.Paragraph>
        <Form.Item
          label={t('files.upload.files')}
          required
          help={tooMuch ?? undefined}
          validateStatus={tooMuch ? 'error' : undefined}
        >
          <FileDrop
            disabled={disabled || busy}
            describedBy={hintId}
            onPick={(f) => {
              setItems((now) => [...now, pickedOf(f)]);
              setError(null);
              setReport(null);
            }}
          />
          <PickedFiles
            items={items}
            disabled={busy}
            onRemove={(uid) => setItems((now) => now.filter((p) => p.uid !== uid))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('official.evidence.description')}
          extra={t('files.upload.descriptionHelp')}
          rules={[{ max: MAX_DESCRIPTION, message: t('official.evidence.descriptionTooLong') }]}
        >
          <Input.TextArea rows={2} maxLength={MAX_DESCRIPTION} />
        </Form.Item>
        {busy ? (
          <div role="status" aria-live="polite">
            <Typography.Text>{t('official.evidence.uploading')}</Typography.Text>
          </div>
        ) : null}
        {report ? (
          <div role="status" aria-live="polite" data-testid="evidence-upload-report">
            <Typography.Text>{t('files.upload.report', report)}</Typography.Text>
          </div>
        ) : null}
        {error ? <ErrorAlert error={error} title={t('official.evidence.failed')} /> : null}
        <Space style={{ marginTop: 12 }}>
          <Button
            type="primary"
            htmlType="submit"
            loading={busy}
            disabled={disabled || sendable.length === 0 || tooMuch !== null}
          >
            {sendable.length > 1
              ? t('files.upload.submitMany', { count: sendable.length })
              : t('official.evidence.submit')}
          </Button>
        </Space>
      </Form>
    </ConfigProvider>
  );
}

export default EvidenceUpload;
