/**
 * Seeing an evidence file without downloading it: a PDF in the browser's own viewer (an iframe of
 * GET …/evidence/:eid/preview, the one response the app may frame), a PNG or JPEG as an antd
 * Image. Other types (OFD, WPS, office documents, text) have no viewer in the browser: the card
 * says so and offers the download. Each preview is logged on the server as a download is.
 */
import { EyeOutlined } from '@ant-design/icons';
import { Button, Image, Modal, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PREVIEWABLE_MEDIA_TYPES } from '../../shared';
import { evidenceHref } from './FactsCard';
import type { EvidenceFile } from './model';
import './evidence.css';

const previewable: readonly string[] = PREVIEWABLE_MEDIA_TYPES;

export function EvidencePreview({
  caseId,
  file,
}: {
  readonly caseId: string;
  readonly file: EvidenceFile;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!previewable.includes(file.mediaType)) {
    return (
      <Tooltip title={t('files.preview.downloadOnlyWhy')}>
        <Typography.Text type="secondary" data-testid="evidence-download-only">
          {t('files.preview.downloadOnly')}
        </Typography.Text>
      </Tooltip>
    );
  }
  const src = `${evidenceHref(caseId, file.id)}/preview`;
  const pdf = file.mediaType === 'application/pdf';
  return (
    <>
      <Button
        size="small"
        type="link"
        icon={<EyeOutlined />}
        onClick={() => setOpen(true)}
        data-testid="evidence-preview"
        aria-label={t('files.preview.open', { name: file.filename })}
      >
        {t('files.preview.button')}
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        title={file.filename}
        width={pdf ? 960 : 720}
        destroyOnHidden
        data-testid="evidence-preview-dialog"
      >
        {pdf ? (
          <iframe
            src={src}
            title={file.filename}
            className="rc-evidence-pdf"
            data-testid="evidence-preview-pdf"
          />
        ) : (
          <Image
            src={src}
            alt={file.filename}
            // The dialog is the preview: no second one on click.
            preview={false}
            className="rc-evidence-image"
            data-testid="evidence-preview-image"
          />
        )}
        <Typography.Paragraph type="secondary" className="rc-gap-top">
          <a href={evidenceHref(caseId, file.id)} download>
            {t('files.preview.download')}
          </a>
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
