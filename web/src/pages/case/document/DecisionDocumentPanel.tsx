/**
 * The decision document (认定书) of a determined case: a preview in the interface language, laid
 * out like the printed document, and downloads as PDF and as text. Who may read it is the
 * server's answer, not the UI's guess: a refusal (404 not visible, 409 not delivered yet) is
 * shown as a message and no download is offered.
 */
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import type { CaseView } from '../../../types';
import { useApi } from '../../../useApi';
import './document.css';
import { DocumentSheet } from './DocumentSheet';
import { downloadFile } from './download';
import { documentPath, type DecisionDocumentAnswer } from './model';

function Refused({ error }: { readonly error: unknown }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('document.notAllowedTitle')}
        description={t('document.notAllowed')}
      />
    );
  }
  if (error instanceof ApiError && error.status === 409) {
    return (
      <Alert
        type="info"
        showIcon
        title={t('document.notYetTitle')}
        description={pick(error.text, lang)}
      />
    );
  }
  return <ErrorAlert error={error} title={t('document.loadFailed')} />;
}

export function DecisionDocumentPanel(props: { view: CaseView }) {
  const { view } = props;
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const loaded = useApi<DecisionDocumentAnswer>(documentPath(view.id, 'json', lang));
  const [busy, setBusy] = useState<'pdf' | 'text' | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  const download = async (format: 'pdf' | 'text') => {
    if (loaded.status !== 'ok') return;
    setBusy(format);
    setDownloadError(null);
    const doc = loaded.data.document;
    try {
      await downloadFile(
        documentPath(view.id, format, lang),
        lang,
        `${doc.documentNumber || doc.title}.${format === 'pdf' ? 'pdf' : 'txt'}`,
      );
      void message.success(t('document.downloadStarted'));
    } catch (e) {
      setDownloadError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('document.title')} className="rc-gap" data-testid="decision-document-panel">
      {loaded.status === 'loading' ? (
        <div className="rc-loading">
          <Spin aria-label={t('common.loading')} />
        </div>
      ) : loaded.status === 'error' ? (
        <Refused error={loaded.error} />
      ) : (
        <>
          <Space wrap className="rc-doc-actions">
            <Button
              type="primary"
              icon={<FilePdfOutlined />}
              loading={busy === 'pdf'}
              onClick={() => void download('pdf')}
              data-testid="download-pdf"
            >
              {t('document.downloadPdf')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={busy === 'text'}
              onClick={() => void download('text')}
              data-testid="download-text"
            >
              {t('document.downloadText')}
            </Button>
          </Space>
          {downloadError ? (
            <div className="rc-gap">
              <ErrorAlert error={downloadError} title={t('document.downloadFailed')} />
            </div>
          ) : null}
          {/* The whole document can be long: it scrolls in its own frame, reachable by keyboard. */}
          <div
            className="rc-doc-frame"
            tabIndex={0}
            role="region"
            aria-label={t('document.preview')}
          >
            <DocumentSheet doc={loaded.data.document} />
          </div>
        </>
      )}
    </Card>
  );
}
