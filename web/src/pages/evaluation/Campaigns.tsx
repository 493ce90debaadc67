/**
 * 政策执行评估 (Implementation evaluation): the survey campaigns of the reader's jurisdictions
 * (GET /api/evaluation/campaigns) — title, jurisdiction, the days open, state, tokens issued and
 * used, responses — for the organization department's liaison, committee chairs, auditors and
 * administrators; the liaison drafts a new one here (CreateCampaign). Each row opens the
 * campaign's page.
 */
import { Button, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useUser } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { useApi } from '../../useApi';
import { CreateCampaign } from './CreateCampaign';
import type { CampaignList, CampaignView } from './model';
import { EvaluationNav } from './overview/EvaluationNav';
import { StateTag } from './StateTag';
import './evaluation.css';

export default function Campaigns() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const list = useApi<CampaignList>('/api/evaluation/campaigns');
  const [creating, setCreating] = useState(false);
  const mayCreate = user.roles.includes('org_liaison');
  return (
    <div className="rc-eval">
      <Typography.Title level={1} className="rc-eval-title">
        {t('evaluation.title')}
      </Typography.Title>
      <EvaluationNav current="campaigns" />
      <Typography.Paragraph type="secondary">{t('evaluation.intro')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Link to="/evaluation/instruments" data-testid="instruments-link">
          {t('instruments.menu')}
        </Link>
      </Typography.Paragraph>
      {list.status === 'error' ? <ErrorAlert error={list.error} /> : null}
      <Card
        title={t('evaluation.list.title')}
        extra={
          mayCreate ? (
            <Button type="primary" data-testid="new-campaign" onClick={() => setCreating(true)}>
              {t('evaluation.create.open')}
            </Button>
          ) : null
        }
      >
        <CampaignTable
          campaigns={list.status === 'ok' ? list.data.campaigns : []}
          loading={list.status === 'loading'}
        />
      </Card>
      {mayCreate ? (
        <CreateCampaign
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            void navigate(`/evaluation/campaigns/${c.id}`);
          }}
        />
      ) : null}
    </div>
  );
}

function CampaignTable({
  campaigns,
  loading,
}: {
  readonly campaigns: readonly CampaignView[];
  readonly loading: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table<CampaignView>
      rowKey="id"
      size="small"
      data-testid="campaign-table"
      loading={loading}
      dataSource={[...campaigns]}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 820 }}
      // Secondary text, not the table's own pale placeholder (below AA contrast).
      locale={{
        emptyText: <Typography.Text type="secondary">{t('evaluation.list.empty')}</Typography.Text>,
      }}
      columns={[
        {
          key: 'title',
          title: t('evaluation.col.title'),
          render: (_, c) => <Link to={`/evaluation/campaigns/${c.id}`}>{c.title}</Link>,
        },
        {
          key: 'jurisdiction',
          title: t('evaluation.col.jurisdiction'),
          render: (_, c) => pick(c.jurisdiction.name, lang),
        },
        {
          key: 'days',
          title: t('evaluation.col.days'),
          width: 210,
          render: (_, c) => `${c.opensOn} – ${c.closesOn}`,
        },
        {
          key: 'state',
          title: t('evaluation.col.state'),
          width: 110,
          render: (_, c) => <StateTag campaign={c} />,
        },
        {
          key: 'tokens',
          title: t('evaluation.col.tokens'),
          width: 130,
          render: (_, c) =>
            t('evaluation.tokensUsedOfIssued', {
              used: c.counts.tokensUsed,
              issued: c.counts.tokensIssued,
            }),
        },
        {
          key: 'responses',
          title: t('evaluation.col.responses'),
          width: 90,
          align: 'right',
          render: (_, c) => (
            <Tag bordered={false} className="rc-eval-count">
              {c.counts.responses}
            </Tag>
          ),
        },
      ]}
    />
  );
}
