/**
 * 问卷版本 (Survey instruments, /evaluation/instruments): every version of the questionnaire
 * (GET /api/evaluation/instruments) — id, title, version, the version it was adapted from, whether
 * it has been validated in the field, whether a campaign uses it (then it never changes) — for
 * those who read campaigns or adapt instruments. Each row opens the version's page; those who may
 * adapt (policy administrators, the liaison) get 修订 on each row.
 */
import { Button, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useUser } from '../../../auth';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../format';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import { useApi } from '../../../useApi';
import { InUseTag, ValidatedTag } from './InstrumentTags';
import {
  adaptPath,
  instrumentPath,
  mayAdapt,
  type InstrumentList,
  type InstrumentSummary,
} from './model';
import '../evaluation.css';
import './instruments.css';

export default function Instruments() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const adapter = mayAdapt(useUser().roles);
  const list = useApi<InstrumentList>('/api/evaluation/instruments');
  return (
    <div className="rc-eval">
      <Typography.Title level={1} className="rc-eval-title">
        {t('instruments.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('instruments.intro')}</Typography.Paragraph>
      {list.status === 'error' ? <ErrorAlert error={list.error} /> : null}
      <Card>
        <Table<InstrumentSummary>
          rowKey="id"
          size="small"
          data-testid="instrument-table"
          loading={list.status === 'loading'}
          dataSource={list.status === 'ok' ? [...list.data.instruments] : []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 860 }}
          locale={{
            emptyText: <Typography.Text type="secondary">{t('instruments.empty')}</Typography.Text>,
          }}
          columns={[
            {
              key: 'id',
              title: t('instruments.col.id'),
              render: (_, i) => <Link to={instrumentPath(i.id)}>{i.id}</Link>,
            },
            {
              key: 'title',
              title: t('instruments.col.title'),
              render: (_, i) => pick(i.title, lang),
            },
            {
              key: 'version',
              title: t('instruments.col.version'),
              width: 70,
              dataIndex: 'version',
            },
            {
              key: 'basedOn',
              title: t('instruments.col.basedOn'),
              width: 130,
              render: (_, i) => i.basedOn ?? t('instruments.original'),
            },
            {
              key: 'state',
              title: t('instruments.col.validated'),
              width: 220,
              render: (_, i) => (
                <div className="rc-inst-tags">
                  <ValidatedTag validated={i.validated} />
                  <InUseTag inUse={i.inUse} />
                </div>
              ),
            },
            {
              key: 'createdAt',
              title: t('instruments.col.createdAt'),
              width: 160,
              render: (_, i) => formatDateTime(i.createdAt),
            },
            ...(adapter
              ? [
                  {
                    key: 'adapt',
                    title: '',
                    width: 80,
                    render: (_: unknown, i: InstrumentSummary) => (
                      <Button
                        size="small"
                        data-testid={`adapt-${i.id}`}
                        onClick={() => void navigate(adaptPath(i.id))}
                      >
                        {t('instruments.adapt')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </div>
  );
}
