/**
 * The official documents of a case (公文): each with its type, number and date of issue, or "to
 * be issued"; a preview (the document laid out as printed, in a dialog) and the PDF download; for
 * the officer whose job it is, "issue", which shows the preview first and then issues it (the
 * server gives the number). What is listed, and who may issue, is the server's answer.
 */
import { FilePdfOutlined, EyeOutlined, SendOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, List, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TAG } from '../../../components/tagColors';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { DOCUMENT_TYPE_LABEL } from '../../../shared';
import { useApi } from '../../../useApi';
import { useCase, useCaseAction } from '../useCaseAction';
import './document.css';
import { DocumentSheet } from './DocumentSheet';
import { downloadFile } from './download';
import {
  caseDocumentPath,
  caseDocumentsPath,
  type CaseDocumentItem,
  type CaseDocumentsAnswer,
  type OfficialDocument,
  type OfficialDocumentAnswer,
} from './model';

/** The dialog's document: loaded when opened, in the interface language. */
function useDocument() {
  const [doc, setDoc] = useState<OfficialDocument | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const open = async (path: string) => {
    setDoc(null);
    setError(null);
    setLoading(true);
    try {
      setDoc((await api<OfficialDocumentAnswer>('GET', path)).document);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  return { doc, error, loading, open };
}

export function DocumentsCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const { message } = AntApp.useApp();
  // The case's version is in the path's key so that the list follows every change of the case.
  const list = useApi<CaseDocumentsAnswer>(`${caseDocumentsPath(c.id)}?v=${c.version}`);
  const [shown, setShown] = useState<{ item: CaseDocumentItem; issuing: boolean } | null>(null);
  const document = useDocument();
  const issue = useCaseAction();
  const [downloadError, setDownloadError] = useState<unknown>(null);

  if (list.status === 'ok' && list.data.documents.length === 0) return null;

  const path = (item: CaseDocumentItem, format: 'json' | 'pdf') =>
    caseDocumentPath(c.id, item.type, item.subjectId, format, lang);
  const label = (item: CaseDocumentItem) => pick(DOCUMENT_TYPE_LABEL[item.type], lang);

  const preview = (item: CaseDocumentItem, issuing: boolean) => {
    setShown({ item, issuing });
    issue.clearError();
    void document.open(path(item, 'json'));
  };
  const download = async (item: CaseDocumentItem) => {
    setDownloadError(null);
    try {
      await downloadFile(path(item, 'pdf'), lang, `${item.number ?? label(item)}.pdf`);
      void message.success(t('documents.downloadStarted'));
    } catch (e) {
      setDownloadError(e);
    }
  };
  const confirmIssue = async () => {
    if (!shown) return;
    const ok = await issue.run(`documents/${shown.item.type}/issue`, {
      subjectId: shown.item.subjectId,
    });
    if (ok) setShown(null);
  };

  return (
    <Card title={t('documents.title')} className="rc-gap rc-documents" data-testid="documents-card">
      {list.status === 'loading' ? (
        <Spin aria-label={t('common.loading')} />
      ) : list.status === 'error' ? (
        <ErrorAlert error={list.error} title={t('documents.loadFailed')} />
      ) : (
        <List
          dataSource={list.data.documents}
          rowKey={(x) => `${x.type}:${x.subjectId}`}
          renderItem={(item) => (
            <List.Item
              data-testid={`document-${item.type}`}
              actions={[
                <Button
                  key="preview"
                  icon={<EyeOutlined />}
                  onClick={() => preview(item, false)}
                  data-testid={`preview-${item.type}`}
                >
                  {t('documents.preview')}
                </Button>,
                ...(item.status === 'issued'
                  ? [
                      <Button
                        key="pdf"
                        icon={<FilePdfOutlined />}
                        onClick={() => void download(item)}
                        data-testid={`download-${item.type}`}
                      >
                        {t('documents.downloadPdf')}
                      </Button>,
                    ]
                  : []),
                ...(item.canIssue
                  ? [
                      <Button
                        key="issue"
                        type="primary"
                        icon={<SendOutlined />}
                        onClick={() => preview(item, true)}
                        data-testid={`issue-${item.type}`}
                      >
                        {t('documents.issue')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{label(item)}</span>
                    {item.status === 'issued' ? (
                      <Tag color={TAG.success}>{t('documents.issued')}</Tag>
                    ) : (
                      <Tag color={TAG.warning}>{t('documents.due')}</Tag>
                    )}
                  </Space>
                }
                description={
                  item.status === 'issued' ? (
                    <span data-testid={`number-${item.type}`}>
                      {t('documents.issuedLine', {
                        number: item.number,
                        date: item.issuedOn,
                        by: item.issuedBy ?? '—',
                      })}
                    </span>
                  ) : (
                    t('documents.dueLine')
                  )
                }
              />
            </List.Item>
          )}
        />
      )}
      {downloadError ? (
        <ErrorAlert error={downloadError} title={t('documents.downloadFailed')} />
      ) : null}
      <Modal
        open={shown !== null}
        width={820}
        title={shown ? label(shown.item) : ''}
        onCancel={() => setShown(null)}
        destroyOnHidden
        footer={
          shown?.issuing
            ? [
                <Button key="cancel" onClick={() => setShown(null)}>
                  {t('documents.cancel')}
                </Button>,
                <Button
                  key="issue"
                  type="primary"
                  loading={issue.busy}
                  disabled={!document.doc}
                  onClick={() => void confirmIssue()}
                  data-testid="confirm-issue"
                >
                  {t('documents.confirmIssue')}
                </Button>,
              ]
            : [
                <Button key="close" onClick={() => setShown(null)}>
                  {t('documents.close')}
                </Button>,
              ]
        }
      >
        {shown?.issuing ? (
          <Typography.Paragraph type="secondary">{t('documents.issueIntro')}</Typography.Paragraph>
        ) : null}
        {issue.error ? <ErrorAlert error={issue.error} title={t('documents.issueFailed')} /> : null}
        {document.loading ? <Spin aria-label={t('common.loading')} /> : null}
        {document.error ? (
          <ErrorAlert error={document.error} title={t('documents.loadFailed')} />
        ) : null}
        {document.doc ? (
          <div
            className="rc-doc-frame"
            tabIndex={0}
            role="region"
            aria-label={t('documents.preview')}
          >
            <DocumentSheet doc={document.doc} />
          </div>
        ) : null}
      </Modal>
    </Card>
  );
}
