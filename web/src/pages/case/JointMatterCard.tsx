/**
 * The joint matter (共同失误，多人一案) on the case page: “同一事项的其他干部” — every official of
 * the matter whose case the reader may read, with their role (the fact `responsibility`), their
 * case (a link) and its stage (GET /api/cases/:id/joint-matter). From deliberation on, officers see
 * the same table with each official's recommendation, votes and determination in the deliberation
 * panel instead (deliberation/JointMatterPanel.tsx), which builds on `JointOfficialsTable`. The
 * investigator records a fact common to all here (JointFactButton.tsx).
 */
import { Alert, Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TAG } from '../../components/tagColors';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import type { JointMatterAnswer, JointMatterView, JointOfficialView } from '../../types';
import { useFreshApi } from './deliberation/useFreshApi';
import { JointFactButton } from './JointFactButton';
import type { PackFact } from './model';
import { useCase } from './useCaseAction';

/** The case's joint matter, asked again whenever the case changes; null path when it has none. */
export function useJointMatter(caseId: string, jointMatterId: string | null, version: number) {
  return useFreshApi<JointMatterAnswer>(
    jointMatterId ? `/api/cases/${encodeURIComponent(caseId)}/joint-matter` : null,
    version,
  );
}

/** The officials' columns every view shows: the official, their role, their case and its stage. */
export function useOfficialColumns(): TableColumnsType<JointOfficialView> {
  const { t } = useTranslation();
  const lang = useLang();
  return [
    {
      title: t('joint.official'),
      key: 'official',
      render: (_: unknown, o) => (
        <span>
          {o.officialName}
          {pick(o.position, lang) ? (
            <Typography.Text type="secondary"> {pick(o.position, lang)}</Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      title: t('joint.responsibility'),
      key: 'role',
      render: (_: unknown, o) =>
        o.responsibility ? (
          <Tag color={TAG.neutral} data-testid="joint-role">
            {t(`joint.role.${o.responsibility}`)}
          </Tag>
        ) : null,
    },
    {
      title: t('joint.case'),
      key: 'case',
      render: (_: unknown, o) =>
        o.current ? (
          <span>
            {o.number} <Tag>{t('joint.thisCase')}</Tag>
          </span>
        ) : (
          <Link to={`/cases/${o.caseId}`}>{o.number}</Link>
        ),
    },
    { title: t('joint.state'), key: 'state', render: (_: unknown, o) => pick(o.stateLabel, lang) },
  ];
}

export function JointOfficialsTable(props: {
  readonly matter: JointMatterView;
  readonly columns: TableColumnsType<JointOfficialView>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph>
        <Typography.Text strong>{t('joint.matter', { title: props.matter.title })}</Typography.Text>
      </Typography.Paragraph>
      <Alert type="info" showIcon className="rc-gap" title={t('joint.intro')} />
      <Table
        size="small"
        rowKey="caseId"
        pagination={false}
        columns={props.columns}
        dataSource={[...props.matter.officials]}
        scroll={{ x: true }}
        data-testid="joint-officials"
      />
    </>
  );
}

/** `facts`: the facts the case's pack declares, for the investigator's common fact. */
export function JointMatterCard({ facts }: { readonly facts: ReadonlyMap<string, PackFact> }) {
  const { t } = useTranslation();
  const { c } = useCase();
  const answer = useJointMatter(c.id, c.jointMatterId, c.version);
  const columns = useOfficialColumns();
  if (!c.jointMatterId || answer.status === 'loading') return null;
  const matter = answer.status === 'ok' ? answer.data.jointMatter : null;
  return (
    <Card
      title={t('joint.title')}
      className="rc-gap"
      data-testid="joint-matter"
      extra={
        matter && c.abilities['recordFact'] ? (
          <JointFactButton matter={matter} decls={facts} />
        ) : null
      }
    >
      {answer.status === 'error' ? (
        <ErrorAlert error={answer.error} title={t('joint.loadFailed')} />
      ) : answer.data.jointMatter ? (
        <JointOfficialsTable matter={answer.data.jointMatter} columns={columns} />
      ) : null}
    </Card>
  );
}
