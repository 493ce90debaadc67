/**
 * Review (复核, by the deciding body) and appeal (申诉, to the level above): until when each may be
 * asked for (counted from the notification, shown through publicity too), the requests with their
 * grounds, and each decision as its document states it (result, outcome, reasons, who decided and
 * when, the votes of a collective review). A party asks within the window the server keeps
 * (abilities requestReview / requestAppeal); when the pack has reviews decided collectively, the
 * panel votes first (voteReview); the chair with the power decides (decideReview / decideAppeal),
 * upholding the decision or changing it to another outcome of the ladder. A publicity running when
 * the challenge was asked for is shown suspended, then resumed or ended.
 */
import { type ChallengeKind, TEXT_LIMITS } from '../../shared';
import {
  Alert,
  Card,
  Descriptions,
  Form,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { chinaToday } from '../policy/model';
import { ActionButton } from './ActionButton';
import { ReasonField } from './fields';
import type { CaseFile, Challenge, PackDetail } from './model';
import { useCase } from './useCaseAction';
import { TAG } from '../../components/tagColors';

const STATUS_COLOR: Readonly<Record<string, string>> = {
  pending: TAG.warning,
  upheld: TAG.info,
  changed: TAG.accent,
};

type Outcomes = NonNullable<PackDetail['effective']['outcomes']>;

export function ChallengesCard({ outcomes }: { readonly outcomes: Outcomes }) {
  const { t } = useTranslation();
  const { c } = useCase();
  const list = c.challenges ?? [];
  const a = c.abilities;
  const canDecide = a['decideReview'] || a['decideAppeal'];
  const windows = c.challengeWindows;
  const shown =
    list.length > 0 || windows.notifiedOn !== null || a['requestReview'] || a['requestAppeal'];
  if (!shown && !canDecide) return null;
  const inForce = c.determinations.find((d) => d.inForce);

  return (
    <Card
      title={t('desk.challenge.title')}
      className="rc-gap"
      data-testid="case-challenges"
      extra={
        <Space wrap>
          {a['requestReview'] ? <RequestButton kind="review" /> : null}
          {a['requestAppeal'] ? <RequestButton kind="appeal" /> : null}
          {a['voteReview'] ? (
            <ReviewVoteButton outcomes={outcomes} inForce={inForce?.outcome} />
          ) : null}
          {canDecide ? <DecideButton outcomes={outcomes} inForce={inForce?.outcome} /> : null}
        </Space>
      }
    >
      {a['requestReview'] || a['requestAppeal'] ? (
        <Typography.Paragraph>{t('desk.challenge.windowOpen')}</Typography.Paragraph>
      ) : null}
      <WindowsNotice windows={windows} />
      {list.length === 0 ? (
        <Typography.Text type="secondary">{t('desk.challenge.none')}</Typography.Text>
      ) : (
        <ChallengeTable list={list} />
      )}
    </Card>
  );
}

/** Until when review and appeal may be asked for, and whether a review is still possible. */
function WindowsNotice({ windows }: { readonly windows: CaseFile['challengeWindows'] }) {
  const { t } = useTranslation();
  if (windows.notifiedOn === null) return null;
  const today = chinaToday();
  const until = (day: string | null) =>
    day === null ? (
      t('desk.challenge.windows.none')
    ) : (
      <Space size={4}>
        <span>{day}</span>
        {today > day ? <Tag>{t('desk.challenge.windows.passed')}</Tag> : null}
      </Space>
    );
  return (
    <div className="rc-gap" data-testid="challenge-windows">
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label={t('desk.challenge.windows.notifiedOn')}>
          {windows.notifiedOn}
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.challenge.windows.reviewUntil')}>
          {windows.reviewed
            ? t('desk.challenge.windows.reviewedShort')
            : until(windows.reviewUntil)}
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.challenge.windows.appealUntil')}>
          {until(windows.appealUntil)}
        </Descriptions.Item>
      </Descriptions>
      {windows.reviewed ? (
        <Alert
          type="info"
          showIcon
          data-testid="challenge-reviewed"
          title={t('desk.challenge.windows.reviewed', {
            until: windows.appealUntil ?? '—',
          })}
        />
      ) : null}
    </div>
  );
}

function ChallengeTable({ list }: { readonly list: readonly Challenge[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Challenge> = [
    {
      title: t('desk.challenge.kind'),
      key: 'kind',
      render: (_: unknown, x) => t(`desk.challenge.kinds.${x.kind}`, { defaultValue: x.kind }),
    },
    { title: t('desk.challenge.filedOn'), dataIndex: 'filedOn', key: 'filedOn' },
    {
      title: t('desk.challenge.grounds'),
      key: 'grounds',
      render: (_: unknown, x) => <span className="rc-prewrap">{x.grounds}</span>,
    },
    {
      title: t('desk.challenge.dueOn'),
      key: 'dueOn',
      render: (_: unknown, x) => x.dueOn ?? '—',
    },
    {
      title: t('desk.challenge.status'),
      key: 'status',
      render: (_: unknown, x) => (
        <Tag color={STATUS_COLOR[x.status]}>
          {t(`desk.challenge.statuses.${x.status}`, { defaultValue: x.status })}
        </Tag>
      ),
    },
  ];
  return (
    <Table<Challenge>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...list]}
      pagination={false}
      scroll={{ x: 700 }}
      expandable={{
        expandedRowRender: (x) => <ChallengeDetails challenge={x} />,
        rowExpandable: (x) => x.status !== 'pending' || x.publicity !== null,
        defaultExpandAllRows: true,
      }}
    />
  );
}

/** The decision of a challenge as its document states it, and what became of the publicity. */
function ChallengeDetails({ challenge: x }: { readonly challenge: Challenge }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = (id: string | null, l: Challenge['outcomeLabel']) =>
    l ? pick(l, lang) : (id ?? '—');
  return (
    <div data-testid={`challenge-details-${x.kind}`}>
      <PublicityNote challenge={x} />
      {x.status === 'pending' ? null : (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('desk.challenge.decision.outcome')}>
            {label(x.outcome, x.outcomeLabel)}
            {x.status === 'changed'
              ? t('desk.challenge.decision.previous', {
                  outcome: label(x.previousOutcome, x.previousOutcomeLabel),
                })
              : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.challenge.reasons')}>
            <span className="rc-prewrap">{x.reasons}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.challenge.decision.decidedBy')}>
            {x.collective
              ? t('desk.challenge.decision.collective', { name: x.decidedBy?.name ?? '—' })
              : (x.decidedBy?.name ?? '—')}
            {' · '}
            {x.decidedOn ?? '—'}
          </Descriptions.Item>
          {x.votes ? (
            <Descriptions.Item label={t('desk.challenge.decision.votes')}>
              <VoteList votes={x.votes} />
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      )}
    </div>
  );
}

function VoteList({ votes }: { readonly votes: NonNullable<Challenge['votes']> }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div>
      <Typography.Text>
        {t('desk.challenge.decision.tally', { sitting: votes.sitting, needed: votes.needed })}
      </Typography.Text>
      <ul>
        {votes.members.map((m, i) => (
          <li key={m.user?.id ?? i}>
            {m.user?.name ?? '—'}：{m.voteLabel ? pick(m.voteLabel, lang) : m.vote}
            {m.reason ? `（${m.reason}）` : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A publicity the challenge suspended: how many days it had left, and whether it resumed. */
function PublicityNote({ challenge: x }: { readonly challenge: Challenge }) {
  const { t } = useTranslation();
  const p = x.publicity;
  if (!p) return null;
  const left =
    p.daysLeft === null
      ? ''
      : t(`desk.challenge.publicity.left.${p.unit ?? 'calendar'}`, { count: p.daysLeft });
  const after =
    p.resumedOn !== null
      ? t('desk.challenge.publicity.resumed', { on: p.resumedOn, due: p.resumedDueOn ?? '—' })
      : x.status === 'changed'
        ? t('desk.challenge.publicity.ended')
        : t('desk.challenge.publicity.pending');
  return (
    <Alert
      className="rc-gap"
      type="warning"
      showIcon
      data-testid="challenge-publicity"
      title={t('desk.challenge.publicity.suspended', { on: p.suspendedOn, left })}
      description={after}
    />
  );
}

function RequestButton({ kind }: { readonly kind: ChallengeKind }) {
  const { t } = useTranslation();
  const { c } = useCase();
  const intro =
    c.state === 'publicity'
      ? `${t(`desk.challenge.requestIntro.${kind}`)}${t('desk.challenge.publicity.willSuspend')}`
      : t(`desk.challenge.requestIntro.${kind}`);
  return (
    <ActionButton
      label={t(`desk.challenge.request.${kind}`)}
      path="challenges"
      testId={`action-request-${kind}`}
      intro={intro}
      confirm={t('desk.challenge.requestConfirm')}
      toBody={(v) => ({ kind, grounds: String(v['grounds']).trim() })}
      fields={
        <ReasonField
          name="grounds"
          label={t('desk.challenge.grounds')}
          required={t('desk.challenge.groundsRequired')}
          max={TEXT_LIMITS.challengeGrounds.max}
          rows={6}
        />
      }
    />
  );
}

interface OutcomeProps {
  readonly outcomes: Outcomes;
  /** The outcome in force. */
  readonly inForce: string | undefined;
}

/** A panel member's vote on a review decided collectively. */
function ReviewVoteButton({ outcomes, inForce }: OutcomeProps) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ActionButton
      label={t('desk.challenge.vote.label')}
      path="challenges/votes"
      testId="action-vote-review"
      intro={t('desk.challenge.vote.intro')}
      initialValues={{ outcome: inForce }}
      toBody={(v) => ({ outcome: v['outcome'], reason: String(v['reason']).trim() })}
      fields={
        <>
          <Form.Item
            name="outcome"
            label={t('desk.challenge.vote.outcome')}
            rules={[{ required: true, message: t('desk.challenge.outcomeRequired') }]}
          >
            <Select
              aria-label={t('desk.challenge.vote.outcome')}
              options={outcomes.map((o) => ({
                value: o.id,
                label:
                  o.id === inForce
                    ? t('desk.challenge.vote.uphold', { outcome: pick(o.label, lang) })
                    : pick(o.label, lang),
              }))}
            />
          </Form.Item>
          <ReasonField
            name="reason"
            label={t('desk.challenge.vote.reason')}
            required={t('desk.challenge.reasonsRequired')}
            max={TEXT_LIMITS.voteReason.max}
          />
        </>
      }
    />
  );
}

/** The votes cast on the review so far, for the chair deciding it. */
function ReviewTally({ outcomes }: { readonly outcomes: Outcomes }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const label = (id: string | null | undefined) => {
    const o = outcomes.find((x) => x.id === id);
    return o ? pick(o.label, lang) : '—';
  };
  const voted = c.members.filter((m) => m.reviewVoted);
  if (c.state !== 'under_review' || voted.length === 0) return null;
  return (
    <Alert
      className="rc-gap"
      type="info"
      data-testid="review-tally"
      title={t('desk.challenge.vote.tally', { count: voted.length })}
      description={voted.map((m) => `${m.user.name}：${label(m.reviewVote)}`).join('；')}
    />
  );
}

function DecideButton({ outcomes, inForce }: OutcomeProps) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ActionButton
      label={t('desk.challenge.decide')}
      path="challenges/decide"
      primary
      testId="action-decide-challenge"
      confirm={t('desk.challenge.decideConfirm')}
      initialValues={{ result: 'upheld' }}
      intro={<ReviewTally outcomes={outcomes} />}
      toBody={(v) => ({
        result: v['result'],
        reasons: String(v['reasons']).trim(),
        ...(v['result'] === 'changed' ? { outcome: v['outcome'] } : {}),
      })}
      fields={
        <>
          <Form.Item name="result" label={t('desk.challenge.result')}>
            <Radio.Group
              options={[
                { value: 'upheld', label: t('desk.challenge.statuses.upheld') },
                { value: 'changed', label: t('desk.challenge.statuses.changed') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {(f) =>
              f.getFieldValue('result') === 'changed' ? (
                <Form.Item
                  name="outcome"
                  label={t('desk.challenge.outcome')}
                  rules={[{ required: true, message: t('desk.challenge.outcomeRequired') }]}
                >
                  <Select
                    aria-label={t('desk.challenge.outcome')}
                    options={outcomes
                      .filter((o) => o.id !== inForce)
                      .map((o) => ({ value: o.id, label: pick(o.label, lang) }))}
                  />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <ReasonField
            name="reasons"
            label={t('desk.challenge.reasons')}
            required={t('desk.challenge.reasonsRequired')}
            max={TEXT_LIMITS.challengeReasons.max}
          />
        </>
      }
    />
  );
}
