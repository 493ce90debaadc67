/**
 * The panel: who sits, who declared a conflict or was recused, who voted for what and why, and the
 * tally of the members who sit. The actions appear only as the case's abilities allow: the chair
 * adds members and recuses a member; a member declares a conflict or recuses themself; a member
 * who sits votes once.
 */
import { type Locale, TEXT_LIMITS } from '../../../shared';
import { Empty, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../auth';
import { formatDateTime } from '../../../format';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import type { CaseMember, CaseView, LadderOutcome, PanelCandidate } from '../../../types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormAction, trimmed, type Values } from './FormAction';
import { useFreshApi } from './useFreshApi';
import { TAG } from '../../../components/tagColors';

interface Props {
  readonly view: CaseView;
  readonly members: readonly CaseMember[];
  readonly ladder: readonly LadderOutcome[];
  readonly onChanged: () => void;
}

/** The server's text limits, checked as the user types. */
const LIMITS = {
  conflict: TEXT_LIMITS.conflict.max,
  recusal: TEXT_LIMITS.recusalReason.max,
  voteReason: TEXT_LIMITS.voteReason.max,
} as const;

export function outcomeLabelOf(ladder: readonly LadderOutcome[], lang: Locale) {
  return (id: string): string => {
    const o = ladder.find((x) => x.id === id);
    return o ? pick(o.label, lang) : id;
  };
}

export function MembersCard({ view, members, ladder, onChanged }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { state } = useAuth();
  const me = state.status === 'signedIn' ? state.user.id : '';
  const can = view.abilities;
  const label = outcomeLabelOf(ladder, lang);
  const mine = members.find((m) => m.user.id === me);

  const sitting = members.filter((m) => !m.recused && !m.conflict);
  const tally = new Map<string, number>();
  for (const m of sitting) if (m.vote) tally.set(m.vote, (tally.get(m.vote) ?? 0) + 1);
  const voted = sitting.filter((m) => m.vote).length;

  const columns: TableColumnsType<CaseMember> = [
    {
      title: t('committee.members.member'),
      key: 'member',
      render: (_, m) => (
        <Space size={4} wrap>
          <span>{m.user.name}</span>
          {m.isChair ? <Tag color={TAG.neutral}>{t('committee.members.chair')}</Tag> : null}
          {m.user.id === me ? <Tag>{t('committee.members.you')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('committee.members.status'),
      key: 'status',
      render: (_, m) =>
        m.recused || m.conflict ? (
          <div data-testid="member-recused">
            <Tag color={TAG.warning}>
              {m.conflict ? t('committee.members.conflicted') : t('committee.members.recused')}
            </Tag>
            {m.conflict ? <Typography.Text>{m.conflict}</Typography.Text> : null}
          </div>
        ) : (
          <Tag color={TAG.success}>{t('committee.members.sitting')}</Tag>
        ),
    },
    {
      title: t('committee.members.vote'),
      key: 'vote',
      render: (_, m) =>
        m.vote ? (
          <Tag color={TAG.info} data-testid="member-vote">
            {label(m.vote)}
          </Tag>
        ) : (
          <Typography.Text type="secondary">
            {m.recused || m.conflict ? '—' : t('committee.members.notVoted')}
          </Typography.Text>
        ),
    },
    {
      title: t('committee.members.reason'),
      key: 'reason',
      render: (_, m) => m.voteReason || '—',
    },
    {
      title: t('committee.members.votedAt'),
      key: 'votedAt',
      render: (_, m) => (m.votedAt ? formatDateTime(m.votedAt) : '—'),
    },
  ];
  if (can['addMember']) {
    columns.push({
      title: t('committee.members.actions'),
      key: 'actions',
      render: (_, m) =>
        m.recused || m.user.id === me ? null : (
          <FormAction
            view={view}
            onChanged={onChanged}
            small
            danger
            label={t('committee.recuse.chairButton')}
            path="recusals"
            testId={`recuse-member-${m.user.id}`}
            confirm={t('committee.recuse.chairConfirm', { name: m.user.name })}
            intro={t('committee.recuse.chairIntro', { name: m.user.name })}
            toBody={(v) => ({ userId: m.user.id, reason: trimmed(v['reason']) })}
          >
            {() => (
              <Form.Item
                name="reason"
                label={t('committee.recuse.reason')}
                rules={[
                  { required: true, whitespace: true, message: t('committee.recuse.reasonNeeded') },
                  {
                    min: TEXT_LIMITS.recusalReason.min,
                    message: t('committee.recuse.reasonNeeded'),
                  },
                  { max: LIMITS.recusal, message: t('committee.tooLong', { max: LIMITS.recusal }) },
                ]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
            )}
          </FormAction>
        ),
    });
  }

  return (
    <>
      {members.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            can['addMember'] ? t('committee.members.emptyChair') : t('committee.members.empty')
          }
        />
      ) : (
        <>
          <Typography.Paragraph data-testid="vote-tally">
            {t('committee.members.tally', {
              sitting: sitting.length,
              recused: members.length - sitting.length,
              voted,
            })}
            {tally.size > 0
              ? ` ${[...tally.entries()]
                  .map(([o, n]) =>
                    t('committee.members.tallyItem', { outcome: label(o), count: n }),
                  )
                  .join(t('common.listSeparator'))}`
              : null}
          </Typography.Paragraph>
          <Table<CaseMember>
            rowKey={(m) => m.user.id}
            size="small"
            columns={columns}
            dataSource={[...members]}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="members-table"
            scroll={{ x: true }}
          />
        </>
      )}
      <div className="rc-deliberation-actions">
        {can['addMember'] ? (
          <AddMember view={view} onChanged={onChanged} seated={members.length > 0} />
        ) : null}
        {can['declareConflict'] && mine && !mine.recused ? (
          <DeclareConflict view={view} onChanged={onChanged} />
        ) : null}
        {can['vote'] ? <Vote view={view} ladder={ladder} onChanged={onChanged} /> : null}
      </div>
    </>
  );
}

/**
 * Adding members, several in one dialog: a multi-select of the candidates the server offers
 * (GET …/panel-candidates: the committee of the case's jurisdiction, less the parties and anyone
 * who would decide an appeal), and which of them presides when one may. One request
 * (POST …/members/batch), all or none: a refusal names the member and why.
 */
function AddMember({
  view,
  onChanged,
  seated,
}: {
  view: CaseView;
  onChanged: () => void;
  seated: boolean;
}) {
  const { t } = useTranslation();
  const candidates = useFreshApi<{ items: readonly PanelCandidate[] }>(
    `/api/cases/${encodeURIComponent(view.id)}/panel-candidates`,
    view.version,
  );
  const items = candidates.status === 'ok' ? candidates.data.items : [];
  return (
    <FormAction
      view={view}
      onChanged={onChanged}
      label={t('committee.addMember.button')}
      path="members/batch"
      testId="add-member"
      primary={!seated}
      intro={seated ? undefined : t('committee.addMember.firstIntro')}
      toBody={(v: Values) => ({
        userIds: v['userIds'],
        ...(typeof v['chairId'] === 'string' && v['chairId'] !== ''
          ? { chairId: v['chairId'] }
          : {}),
      })}
    >
      {(form) => (
        <>
          {candidates.status === 'error' ? <ErrorAlert error={candidates.error} /> : null}
          <Form.Item
            name="userIds"
            label={t('files.members.users')}
            rules={[{ required: true, message: t('files.members.usersNeeded') }]}
            extra={
              <>
                {candidates.status === 'ok' && items.length === 0 ? (
                  <div>{t('committee.addMember.noCandidates')}</div>
                ) : null}
                <div>{t('files.members.allOrNone')}</div>
                <div>{t('committee.addMember.appealNote')}</div>
              </>
            }
          >
            <MemberSelect
              items={items}
              loading={candidates.status === 'loading'}
              onChange={() => form.setFieldValue('chairId', undefined)}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a['userIds'] !== b['userIds']}>
            {() => {
              const chosen = (form.getFieldValue('userIds') as string[] | undefined) ?? [];
              const chairs = items.filter((c) => c.canChair && chosen.includes(c.id));
              return chairs.length > 0 ? (
                <Form.Item
                  name="chairId"
                  label={t('files.members.chair')}
                  extra={t('files.members.chairHelp')}
                >
                  <Select
                    allowClear
                    options={chairs.map((c) => ({ value: c.id, label: c.name }))}
                    data-testid="add-member-chair"
                  />
                </Form.Item>
              ) : null;
            }}
          </Form.Item>
        </>
      )}
    </FormAction>
  );
}

/**
 * The candidates, several chosen; the list closes after each choice, so that it never covers the
 * dialog's buttons (reopen it to choose another).
 */
function MemberSelect({
  items,
  loading,
  id,
  value,
  onChange,
}: {
  items: readonly PanelCandidate[];
  loading: boolean;
  /** From the Form.Item, so that its label names the select. */
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Select
      id={id}
      mode="multiple"
      open={open}
      onOpenChange={setOpen}
      onSelect={() => setOpen(false)}
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      loading={loading}
      options={items.map((c) => ({ value: c.id, label: c.name }))}
      data-testid="add-member-user"
    />
  );
}

function DeclareConflict({ view, onChanged }: { view: CaseView; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <FormAction
      view={view}
      onChanged={onChanged}
      danger
      label={t('committee.conflict.button')}
      path="conflict"
      testId="declare-conflict"
      intro={t('committee.conflict.intro')}
      confirm={t('committee.conflict.confirm')}
      initialValues={{ kind: 'conflict' }}
      toBody={(v) =>
        v['kind'] === 'conflict'
          ? { conflict: trimmed(v['conflict']), recuse: true }
          : { conflict: null, recuse: true }
      }
    >
      {() => (
        <>
          <Form.Item name="kind" label={t('committee.conflict.kind')}>
            <Radio.Group
              options={[
                { value: 'conflict', label: t('committee.conflict.kindConflict') },
                { value: 'recuse', label: t('committee.conflict.kindRecuse') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a['kind'] !== b['kind']}>
            {({ getFieldValue }) =>
              getFieldValue('kind') === 'conflict' ? (
                <Form.Item
                  name="conflict"
                  label={t('committee.conflict.describe')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      message: t('committee.conflict.describeNeeded'),
                    },
                    {
                      min: TEXT_LIMITS.conflict.min,
                      message: t('committee.conflict.describeNeeded'),
                    },
                    {
                      max: LIMITS.conflict,
                      message: t('committee.tooLong', { max: LIMITS.conflict }),
                    },
                  ]}
                >
                  <Input.TextArea rows={3} placeholder={t('committee.conflict.placeholder')} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </>
      )}
    </FormAction>
  );
}

function Vote({
  view,
  ladder,
  onChanged,
}: {
  view: CaseView;
  ladder: readonly LadderOutcome[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <FormAction
      view={view}
      onChanged={onChanged}
      primary
      label={t('committee.vote.button')}
      path="votes"
      testId="vote"
      intro={t('committee.vote.intro')}
      confirm={t('committee.vote.confirm')}
      toBody={(v) => ({ outcome: v['outcome'], reason: trimmed(v['reason']) })}
    >
      {() => (
        <>
          <Form.Item
            name="outcome"
            label={t('committee.vote.outcome')}
            rules={[{ required: true, message: t('committee.vote.outcomeNeeded') }]}
          >
            <Select
              data-testid="vote-outcome"
              options={ladder.map((o) => ({ value: o.id, label: pick(o.label, lang) }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('committee.vote.reason')}
            rules={[
              { required: true, whitespace: true, message: t('committee.vote.reasonNeeded') },
              { min: TEXT_LIMITS.voteReason.min, message: t('committee.vote.reasonNeeded') },
              {
                max: LIMITS.voteReason,
                message: t('committee.tooLong', { max: LIMITS.voteReason }),
              },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
    </FormAction>
  );
}
