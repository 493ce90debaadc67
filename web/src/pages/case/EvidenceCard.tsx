/**
 * The case's evidence files with who added them and when, each a download
 * (GET /api/cases/:id/evidence/:eid, an attachment) and, for a PDF or an image, a preview
 * (EvidencePreview.tsx); those who may add evidence now (abilities.addEvidence) get the upload
 * form for several files at once, and may remove a file they uploaded by mistake
 * (kept, shown struck through with who removed it, when and why).
 */
import { Card, Empty, Form, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth';
import { EvidenceUpload } from '../../components/EvidenceUpload';
import { TEXT_LIMITS } from '../../shared';
import { ActionButton } from './ActionButton';
import { formatDateTime } from '../../format';
import { EvidencePreview } from './EvidencePreview';
import { evidenceHref } from './FactsCard';
import { fileSize } from './factValue';
import type { EvidenceFile } from './model';
import { useCase } from './useCaseAction';

export function EvidenceCard({ onUploaded }: { readonly onUploaded: () => void }) {
  const { t } = useTranslation();
  const { c } = useCase();
  const files = c.evidence ?? [];
  const canAdd = Boolean(c.abilities['addEvidence']);
  const me = useUser();
  const columns: TableColumnsType<EvidenceFile> = [
    {
      title: t('desk.evidence.file'),
      key: 'file',
      render: (_: unknown, e) => (
        <span>
          {e.withdrawn ? (
            <del data-testid="evidence-withdrawn">{e.filename}</del>
          ) : (
            <a href={evidenceHref(c.id, e.id)} download data-testid="evidence-link">
              {e.filename}
            </a>
          )}
          <br />
          {/* The preview on the line below: a link alone on its line is told apart from text. */}
          <Typography.Text type="secondary">{fileSize(e.size)}</Typography.Text>
          {e.withdrawn ? null : (
            <>
              {' '}
              <EvidencePreview caseId={c.id} file={e} />
            </>
          )}
        </span>
      ),
    },
    {
      title: t('desk.evidence.description'),
      key: 'description',
      render: (_: unknown, e) => <span className="rc-prewrap">{e.description || '—'}</span>,
    },
    {
      title: t('desk.evidence.uploaded'),
      key: 'uploaded',
      render: (_: unknown, e) => (
        <span>
          {e.uploadedBy?.name ?? t('caseView.system')}
          <br />
          <Typography.Text type="secondary">{formatDateTime(e.uploadedAt)}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('batch.evidence.status'),
      key: 'status',
      render: (_: unknown, e) =>
        e.withdrawn ? (
          <span>
            <Tag>{t('batch.evidence.withdrawn')}</Tag>
            <br />
            <Typography.Text type="secondary">
              {t('batch.evidence.withdrawnBy', {
                name: e.withdrawn.by?.name ?? t('caseView.system'),
                at: formatDateTime(e.withdrawn.at),
              })}
            </Typography.Text>
            <br />
            <span className="rc-prewrap">{e.withdrawn.reason}</span>
          </span>
        ) : canAdd && e.uploadedBy?.id === me.id ? (
          <RemoveEvidence file={e} />
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card title={t('desk.evidence.title')} className="rc-gap" data-testid="case-evidence">
      <Table<EvidenceFile>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...files]}
        pagination={files.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{
          emptyText: (
            <Empty description={canAdd ? t('desk.evidence.emptyCan') : t('desk.evidence.empty')} />
          ),
        }}
        scroll={{ x: 600 }}
      />
      {canAdd ? (
        <div className="rc-gap-top">
          <Typography.Title level={5}>{t('desk.evidence.add')}</Typography.Title>
          <EvidenceUpload caseId={c.id} onUploaded={() => onUploaded()} />
        </div>
      ) : null}
    </Card>
  );
}

/** Removes a file its uploader added by mistake, with the reason, after asking. */
function RemoveEvidence({ file }: { readonly file: EvidenceFile }) {
  const { t } = useTranslation();
  const limit = TEXT_LIMITS.withdrawalReason;
  return (
    <ActionButton
      label={t('batch.evidence.remove')}
      title={t('batch.evidence.removeTitle', { file: file.filename })}
      path={`evidence/${encodeURIComponent(file.id)}/remove`}
      danger
      testId="action-remove-evidence"
      intro={t('batch.evidence.removeIntro')}
      confirm={t('batch.evidence.removeConfirm', { file: file.filename })}
      fields={
        <Form.Item
          name="reason"
          label={t('batch.evidence.reason')}
          rules={[
            { required: true, whitespace: true, message: t('batch.evidence.reasonRequired') },
            { min: limit.min, message: t('batch.evidence.reasonRequired') },
            { max: limit.max, message: t('desk.form.tooLong', { max: limit.max }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={limit.max} showCount />
        </Form.Item>
      }
    />
  );
}
