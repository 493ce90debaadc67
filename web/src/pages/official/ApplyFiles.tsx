/**
 * Files with the application: chosen in the form before submitting (ApplyFilesPicker, on the
 * review step), sent right after the case is created so that it starts with them
 * (AttachedUpload, on the last step). A failed upload never loses the application: the case
 * stands, the page lists the files still to upload, and the upload can be tried again (a file
 * the server already holds — an answer lost on the way — is reported as there, not added twice).
 */
import { Alert, Button, List, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileDrop, PickedFiles, pickedOf, type Picked } from '../../components/EvidenceUpload';
import {
  batchProblem,
  fileProblem,
  outcomesOf,
  refusedOf,
  uploadEvidenceFiles,
  type FileOutcome,
} from '../../components/evidenceFiles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TAG } from '../../components/tagColors';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { TFunction } from 'i18next';

/** Why the files chosen cannot go with the application (one file's problem, or the batch's). */
export function attachedProblem(items: readonly Picked[], t: TFunction): string | null {
  for (const p of items) {
    const why = fileProblem(p.file, t);
    if (why) return t('files.apply.fixFile', { name: p.file.name, why });
  }
  return batchProblem(
    items.map((p) => p.file),
    t,
  );
}

/** On the review step: the files to send with the application. */
export function ApplyFilesPicker({
  items,
  onChange,
  disabled,
}: {
  readonly items: readonly Picked[];
  readonly onChange: (next: (now: readonly Picked[]) => readonly Picked[]) => void;
  readonly disabled: boolean;
}) {
  const { t } = useTranslation();
  const problem = attachedProblem(items, t);
  return (
    <section aria-labelledby="apply-files" className="rc-gap" data-testid="apply-files">
      <Typography.Title level={3} id="apply-files" className="rc-apply-h3">
        {t('files.apply.heading')}
      </Typography.Title>
      <Typography.Paragraph>{t('files.apply.intro')}</Typography.Paragraph>
      <FileDrop disabled={disabled} onPick={(f) => onChange((now) => [...now, pickedOf(f)])} />
      <PickedFiles
        items={items}
        disabled={disabled}
        onRemove={(uid) => onChange((now) => now.filter((p) => p.uid !== uid))}
      />
      {problem ? (
        <Alert type="error" showIcon title={problem} data-testid="apply-files-problem" />
      ) : null}
    </section>
  );
}

type Sending =
  | { readonly kind: 'sending' }
  | { readonly kind: 'done'; readonly outcomes: readonly FileOutcome[] }
  | { readonly kind: 'failed'; readonly pending: readonly File[]; readonly error: unknown };

/** On the last step: the files chosen with the application, sent to the new case. */
export function AttachedUpload({
  caseId,
  files,
  onAdded,
}: {
  readonly caseId: string;
  readonly files: readonly File[];
  readonly onAdded: (n: number) => void;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<Sending>({ kind: 'sending' });
  const started = useRef(false);

  async function send(list: readonly File[]) {
    setState({ kind: 'sending' });
    try {
      const outcomes = outcomesOf(list, await uploadEvidenceFiles(caseId, list));
      setState({ kind: 'done', outcomes });
      onAdded(outcomes.filter((o) => o.ok).length);
    } catch (e) {
      const refused = refusedOf(list, e);
      setState(
        refused ? { kind: 'done', outcomes: refused } : { kind: 'failed', pending: list, error: e },
      );
    }
  }
  useEffect(() => {
    // Once, even when React runs effects twice in development.
    if (started.current) return;
    started.current = true;
    void send(files);
  }, []);

  if (state.kind === 'sending') {
    return (
      <div role="status" className="rc-gap">
        <Spin />{' '}
        <Typography.Text>{t('files.apply.sending', { count: files.length })}</Typography.Text>
      </div>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div className="rc-gap" data-testid="apply-files-pending">
        <Alert
          type="warning"
          showIcon
          title={t('files.apply.pendingTitle')}
          description={
            <ul>
              {state.pending.map((f, i) => (
                <li key={`${i}-${f.name}`}>{f.name}</li>
              ))}
            </ul>
          }
        />
        <ErrorAlert error={state.error} title={t('official.evidence.failed')} />
        <Button type="primary" className="rc-gap-top" onClick={() => void send(state.pending)}>
          {t('files.apply.retry')}
        </Button>
      </div>
    );
  }
  return <Outcomes outcomes={state.outcomes} />;
}

/** Each file sent with the application: uploaded, or refused with the reason. */
function Outcomes({ outcomes }: { readonly outcomes: readonly FileOutcome[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <List
      className="rc-gap"
      size="small"
      bordered
      header={t('files.apply.sentHeading')}
      data-testid="apply-files-sent"
      dataSource={[...outcomes]}
      renderItem={(o) => (
        <List.Item>
          <div>
            <Typography.Text>{o.file.name}</Typography.Text>{' '}
            {o.ok ? (
              <Tag color={TAG.success}>{t('files.apply.uploaded')}</Tag>
            ) : (
              <>
                <Tag color={TAG.danger}>{t('files.apply.refused')}</Tag>
                <div>
                  <Typography.Text type="danger">{pick(o.refused, lang)}</Typography.Text>
                </div>
              </>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}
