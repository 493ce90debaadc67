/**
 * The case's evidence files with who added them and when, each a download
 * (GET /api/cases/:id/evidence/:eid, an attachment); those who may add evidence now
 * (abilities.addEvidence) get the upload form.
 */
import { Card, Empty, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { EvidenceUpload } from '../../components/EvidenceUpload';
import { formatDateTime } from '../../format';
import { evidenceHref } from './FactsCard';
import { fileSize } from './factValue';
import type { EvidenceFile } from './model';
import { useCase } from './useCaseAction';

export function EvidenceCard({ onUploaded }: { readonly onUploaded: () => void }) {
  const { t } = useTranslation();
  const { c } = useCase();
  const files = c.evidence ?? [];
  const canAdd = Boolean(c.abilities['addEvidence']);
  const columns: TableColumnsType<EvidenceFile> = [
    {
      title: t('desk.evidence.file'),
      key: 'file',
      render: (_: unknown, e) => (
        <span>
          <a href={evidenceHref(c.id, e.id)} download data-testid="evidence-link">
            {e.filename}
          </a>
          <br />
          <Typography.Text type="secondary">{fileSize(e.size)}</Typography.Text>
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
          <EvidenceUpload caseId={c.id} onUploaded={onUploaded} />
        </div>
      ) : null}
    </Card>
  );
}
