/**
 * Review (复核, by the deciding body) and appeal (申诉, to the level above): the requests with
 * their grounds and results. A party asks within the window the server keeps (abilities
 * requestReview / requestAppeal); the chair with the power decides it (decideReview /
 * decideAppeal), upholding the decision or changing it to another outcome of the ladder.
 */
import { type ChallengeKind, TEXT_LIMITS } from '../../shared';
import { Card, Form, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { ActionButton } from './ActionButton';
import { ReasonField } from './fields';
import type { Challenge, PackDetail } from './model';
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
  const lang = useLang();
  const { c } = useCase();
  const list = c.challenges ?? [];
  const a = c.abilities;
  const canDecide = a['decideReview'] || a['decideAppeal'];
  if (list.length === 0 && !a['requestReview'] && !a['requestAppeal'] && !canDecide) return null;
  const inForce = c.determinations.find((d) => d.inForce);

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

  const request = (kind: ChallengeKind) => (
    <ActionButton
      key={kind}
      label={t(`desk.challenge.request.${kind}`)}
      path="challenges"
      testId={`action-request-${kind}`}
      intro={t(`desk.challenge.requestIntro.${kind}`)}
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

  return (
    <Card
      title={t('desk.challenge.title')}
      className="rc-gap"
      data-testid="case-challenges"
      extra={
        <Space wrap>
          {a['requestReview'] ? request('review') : null}
          {a['requestAppeal'] ? request('appeal') : null}
          {canDecide ? (
            <ActionButton
              label={t('desk.challenge.decide')}
              path="challenges/decide"
              primary
              testId="action-decide-challenge"
              confirm={t('desk.challenge.decideConfirm')}
              initialValues={{ result: 'upheld' }}
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
                              .filter((o) => o.id !== inForce?.outcome)
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
          ) : null}
        </Space>
      }
    >
      {a['requestReview'] || a['requestAppeal'] ? (
        <Typography.Paragraph>{t('desk.challenge.windowOpen')}</Typography.Paragraph>
      ) : null}
      {list.length === 0 ? (
        <Typography.Text type="secondary">{t('desk.challenge.none')}</Typography.Text>
      ) : (
        <Table<Challenge>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={[...list]}
          pagination={false}
          scroll={{ x: 700 }}
        />
      )}
    </Card>
  );
}
