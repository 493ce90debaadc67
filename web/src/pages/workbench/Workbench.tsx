/**
 * The workbench (工作台), every user's landing page (GET /api/todos): the counts of what waits
 * for them, of what is due soon and what is overdue; what waits, by task, each case a link to the
 * task on its page, and the list taken away as Excel (GET /api/todos/export.xlsx); and, for the
 * parties, their own cases with what they may do on each.
 */
import {
  Button,
  Card,
  Col,
  Empty,
  List,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DueTag } from '../../components/DueTag';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { useApi } from '../../useApi';
import { taskHref, type MyCase, type TodoGroup, type Todos } from './model';
import './workbench.css';

export default function Workbench() {
  const { t } = useTranslation();
  const result = useApi<Todos>('/api/todos');
  const data = result.status === 'ok' ? result.data : null;
  return (
    <section className="rc-workbench" data-testid="workbench">
      <div className="rc-workbench-head">
        <Typography.Title level={3}>{t('workbench.heading')}</Typography.Title>
        {data && data.groups.length > 0 ? <ExportButton /> : null}
      </div>
      <Typography.Paragraph type="secondary">
        {data
          ? t('workbench.intro', { today: data.today, days: data.dueSoonDays })
          : t('common.loading')}
      </Typography.Paragraph>
      {result.status === 'error' ? (
        <ErrorAlert error={result.error} title={t('workbench.loadFailed')} />
      ) : (
        <Space orientation="vertical" size="large" className="rc-full-width">
          <Counts data={data} />
          {data && data.mine.length > 0 ? <MyCases items={data.mine} /> : null}
          {data ? <Waiting groups={data.groups} hasMine={data.mine.length > 0} /> : null}
        </Space>
      )}
    </section>
  );
}

/** The tasks listed here as an Excel workbook, in the language of the screen. */
function ExportButton() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Tooltip title={t('workbench.exportHint')}>
      <Button
        href={`/api/todos/export.xlsx?lang=${lang}`}
        data-testid="todo-export"
        className="rc-export"
      >
        {t('workbench.export')}
      </Button>
    </Tooltip>
  );
}

function Counts({ data }: { readonly data: Todos | null }) {
  const { t } = useTranslation();
  const shown = (n: number | undefined) =>
    n === undefined ? undefined : data?.capped ? t('workbench.counts.atLeast', { count: n }) : n;
  const items = [
    { key: 'waiting', value: data?.counts.waiting, color: undefined },
    { key: 'dueSoon', value: data?.counts.dueSoon, color: '#ad4e00' },
    { key: 'overdue', value: data?.counts.overdue, color: '#c41d1d' },
  ] as const;
  return (
    <Row gutter={[16, 16]}>
      {items.map((i) => (
        <Col xs={24} sm={8} key={i.key}>
          <Card data-testid={`todo-count-${i.key}`}>
            <Statistic
              title={t(`workbench.counts.${i.key}`)}
              value={shown(i.value) ?? '—'}
              loading={data === null}
              styles={{ content: i.color && i.value ? { color: i.color } : {} }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Waiting({
  groups,
  hasMine,
}: {
  readonly groups: readonly TodoGroup[];
  readonly hasMine: boolean;
}) {
  const { t } = useTranslation();
  if (groups.length === 0) {
    // A party with nothing to do sees their cases above; say nothing twice.
    return hasMine ? null : (
      <Card title={t('workbench.waiting')}>
        <Empty description={t('workbench.none')} />
      </Card>
    );
  }
  return (
    <Row gutter={[16, 16]}>
      {groups.map((g) => (
        <Col xs={24} xl={12} key={g.action}>
          <Group group={g} />
        </Col>
      ))}
    </Row>
  );
}

function Group({ group }: { readonly group: TodoGroup }) {
  const { t } = useTranslation();
  const lang = useLang();
  const count = group.more
    ? t('workbench.counts.atLeast', { count: group.items.length })
    : group.items.length;
  return (
    <Card
      title={t(`workbench.task.${group.action}`)}
      extra={<Tag>{count}</Tag>}
      data-testid={`todo-group-${group.action}`}
    >
      <List
        dataSource={group.items}
        rowKey="caseId"
        renderItem={(i) => (
          <List.Item data-testid="todo-item">
            <List.Item.Meta
              title={
                <Link to={taskHref(i.caseId, group.action, i.subjectId)}>
                  {i.number} {i.title}
                </Link>
              }
              description={
                <Space wrap size={[8, 0]}>
                  <span>{t('workbench.official', { name: i.official })}</span>
                  <span>{pick(i.stateLabel, lang)}</span>
                  <span>
                    {i.dueOn && i.dueStatus
                      ? t('workbench.dueOn', { date: i.dueOn })
                      : t('workbench.noDue')}
                  </span>
                  <DueTag status={i.dueStatus} />
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {group.more ? (
        <Typography.Paragraph type="secondary" className="rc-gap-top">
          {t('workbench.more', { count: group.items.length })}{' '}
          <Link to="/cases?sort=due">{t('workbench.moreLink')}</Link>
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

function MyCases({ items }: { readonly items: readonly MyCase[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns: TableColumnsType<MyCase> = [
    {
      key: 'case',
      title: t('workbench.mine.case'),
      render: (_, c) => (
        <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>
          {c.number} {c.title}
        </Link>
      ),
    },
    {
      key: 'state',
      title: t('workbench.mine.state'),
      render: (_, c) => (
        <Space wrap size={[8, 0]}>
          <span>{pick(c.stateLabel, lang)}</span>
          {c.stepDueOn && c.dueStatus ? (
            <span>{t('workbench.dueOn', { date: c.stepDueOn })}</span>
          ) : null}
          <DueTag status={c.dueStatus} />
        </Space>
      ),
    },
    {
      key: 'can',
      title: t('workbench.mine.can'),
      render: (_, c) => <MyActions c={c} />,
    },
  ];
  return (
    <Card title={t('workbench.mine.title')} data-testid="my-cases">
      <Table
        rowKey="caseId"
        columns={columns}
        dataSource={[...items]}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

function MyActions({ c }: { readonly c: MyCase }) {
  const { t } = useTranslation();
  const links = c.actions.map((a) => (
    <Link key={a} to={taskHref(c.caseId, a)} data-testid={`my-action-${a}`}>
      {t(`workbench.task.${a}`)}
    </Link>
  ));
  if (c.decided) {
    links.push(
      <Link key="document" to={taskHref(c.caseId, 'document')} data-testid="my-action-document">
        {t('workbench.mine.download')}
      </Link>,
    );
  }
  if (links.length === 0) {
    return <Typography.Text type="secondary">{t('workbench.mine.nothing')}</Typography.Text>;
  }
  return <Space wrap>{links}</Space>;
}
