/**
 * A joint matter before the committee (共同失误，多人一案): every official of the matter side by
 * side — their role, the rules' recommendation on their own facts, the panel's votes and their
 * determination, each with a link to their case — so that one deliberation weighs them together
 * while each is decided on their own case (vote and decision stay per case). The chair seats the
 * panel of this case on every official's case with one action (POST
 * /api/joint-matters/:id/members; members already sitting are not added again).
 */
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { Locale } from '../../../shared';
import { TAG } from '../../../components/tagColors';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import type { CaseMember, CaseView, JointMatterView, JointOfficialView } from '../../../types';
import { JointOfficialsTable, useJointMatter, useOfficialColumns } from '../JointMatterCard';

function useDeliberationColumns(): TableColumnsType<JointOfficialView> {
  const { t } = useTranslation();
  const lang = useLang();
  return [
    {
      title: t('joint.recommendation'),
      key: 'recommendation',
      render: (_: unknown, o) =>
        o.deliberation ? (
          <Tag color={TAG.info} data-testid="joint-recommendation">
            {pick(o.deliberation.recommendation.label, lang)}
          </Tag>
        ) : null,
    },
    {
      title: t('joint.votes'),
      key: 'votes',
      render: (_: unknown, o) => {
        const d = o.deliberation;
        if (!d) return null;
        const tally = Object.entries(d.votes);
        return (
          <Space orientation="vertical" size={0}>
            {tally.length === 0 ? (
              <Typography.Text type="secondary">{t('joint.noVotes')}</Typography.Text>
            ) : (
              tally.map(([outcome, count]) => (
                <span key={outcome}>
                  {t('joint.votesOf', { outcome: labelOf(o, outcome, lang), count })}
                </span>
              ))
            )}
            <Typography.Text type="secondary">
              {t('joint.sitting', { count: d.sitting })}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: t('joint.determination'),
      key: 'determination',
      render: (_: unknown, o) => {
        const d = o.deliberation?.determination;
        if (!d) return <Typography.Text type="secondary">{t('joint.notDecided')}</Typography.Text>;
        return (
          <span data-testid="joint-determination">
            <Tag color={TAG.success}>{pick(d.outcome.label, lang)}</Tag> {d.documentNumber}
          </span>
        );
      },
    },
  ];
}

/** An outcome's label: the recommendation's or determination's own, else its id. */
function labelOf(o: JointOfficialView, outcome: string, lang: Locale): string {
  const d = o.deliberation;
  const known = [d?.recommendation, d?.determination?.outcome].find((x) => x?.id === outcome);
  return known ? pick(known.label, lang) : outcome;
}

export function JointMatterPanel(props: {
  readonly view: CaseView;
  readonly members: readonly CaseMember[];
  readonly onChanged: () => void;
}) {
  const { view, members, onChanged } = props;
  const { t } = useTranslation();
  const answer = useJointMatter(view.id, view.jointMatterId, view.version);
  const columns = [...useOfficialColumns(), ...useDeliberationColumns()];
  if (!view.jointMatterId || answer.status === 'loading') return null;
  if (answer.status === 'error') {
    return <ErrorAlert error={answer.error} title={t('joint.loadFailed')} />;
  }
  const matter = answer.data.jointMatter;
  if (!matter) return null;
  const canSeat = Boolean(view.abilities['addMember']) && members.length > 0;
  return (
    <Card
      title={t('joint.panelTitle')}
      className="rc-gap"
      data-testid="joint-matter-panel"
      extra={canSeat ? <SeatAll matter={matter} members={members} onDone={onChanged} /> : null}
    >
      <JointOfficialsTable matter={matter} columns={columns} />
    </Card>
  );
}

function SeatAll(props: {
  readonly matter: JointMatterView;
  readonly members: readonly CaseMember[];
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const seat = async () => {
    setBusy(true);
    setError(null);
    try {
      const chair = props.members.find((m) => m.isChair);
      await api('POST', `/api/joint-matters/${encodeURIComponent(props.matter.id)}/members`, {
        expectedVersion: props.matter.version,
        userIds: props.members.map((m) => m.user.id),
        ...(chair ? { chairId: chair.user.id } : {}),
      });
      void message.success(t('joint.seatAllDone'));
      props.onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'JOINT_MATTER_VERSION_CONFLICT') props.onDone();
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical">
      <Button
        loading={busy}
        data-testid="joint-seat-all"
        onClick={() => modal.confirm({ title: t('joint.seatAllConfirm'), onOk: seat })}
      >
        {t('joint.seatAll')}
      </Button>
      {error ? <ErrorAlert error={error} title={t('joint.seatAll')} /> : null}
    </Space>
  );
}
