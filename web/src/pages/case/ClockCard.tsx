/**
 * The step clock: suspensions (with their reasons) and extension requests with their decisions;
 * intake and investigators suspend, resume and ask for more time, the committee chair decides.
 */
import { Card, Empty, Form, InputNumber, Radio, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { ActionButton } from './ActionButton';
import { NoteField, ReasonField } from './fields';
import type { Extension, Suspension } from './model';
import { useCase } from './useCaseAction';
import { TAG } from '../../components/tagColors';
import {
  type ExtensionStatus,
  MAX_EXTENSION_DAYS,
  type Step,
  STEP_LABEL,
  TEXT_LIMITS,
} from '../../shared';

const EXTENSION_COLOR: Readonly<Record<ExtensionStatus, string>> = {
  requested: TAG.warning,
  approved: TAG.success,
  refused: TAG.danger,
};

export function ClockCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const suspensions = c.suspensions ?? [];
  const extensions = c.extensions ?? [];
  const a = c.abilities;
  const anyAction = a['suspend'] || a['resume'] || a['requestExtension'];
  if (suspensions.length === 0 && extensions.length === 0 && !anyAction) return null;
  const stepName = (step: string) =>
    (Object.hasOwn(STEP_LABEL, step) ? pick(STEP_LABEL[step as Step], lang) : '') || step;

  const suspensionColumns: TableColumnsType<Suspension> = [
    { title: t('desk.clock.step'), key: 'step', render: (_: unknown, s) => stepName(s.step) },
    {
      title: t('desk.clock.period'),
      key: 'period',
      render: (_: unknown, s) =>
        s.ongoing ? (
          <Space size={4}>
            {t('desk.clock.since', { from: s.from })}
            <Tag color={TAG.warning}>{t('desk.clock.ongoing')}</Tag>
          </Space>
        ) : (
          t('desk.clock.fromTo', { from: s.from, to: s.to ?? '—' })
        ),
    },
    {
      title: t('desk.clock.reason'),
      key: 'reason',
      render: (_: unknown, s) => <span className="rc-prewrap">{s.reason}</span>,
    },
  ];

  const extensionColumns: TableColumnsType<Extension> = [
    { title: t('desk.clock.step'), key: 'step', render: (_: unknown, e) => stepName(e.step) },
    { title: t('desk.clock.days'), dataIndex: 'days', key: 'days' },
    {
      title: t('desk.clock.reason'),
      key: 'reason',
      render: (_: unknown, e) => (
        <span>
          <span className="rc-prewrap">{e.reason}</span>
          <br />
          <Typography.Text type="secondary">
            {e.requestedBy?.name ?? ''} · {formatDateTime(e.requestedAt)}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('desk.clock.status'),
      key: 'status',
      render: (_: unknown, e) => (
        <Space direction="vertical" size={4}>
          <Tag color={EXTENSION_COLOR[e.status as ExtensionStatus]}>
            {t(`desk.clock.statuses.${e.status}`, { defaultValue: e.status })}
          </Tag>
          {e.decidedAt ? (
            <Typography.Text type="secondary">
              {e.decidedBy?.name ?? ''} · {formatDateTime(e.decidedAt)}
            </Typography.Text>
          ) : null}
          {e.status === 'requested' && a['decideExtension'] ? (
            <ActionButton
              label={t('desk.clock.decide')}
              path={`extensions/${encodeURIComponent(e.id)}/decide`}
              testId="action-decide-extension"
              initialValues={{ approve: true }}
              toBody={(v) => ({
                approve: v['approve'] === true,
                reason: String(v['reason']).trim(),
              })}
              fields={
                <>
                  <Form.Item name="approve" label={t('desk.clock.decision')}>
                    <Radio.Group
                      options={[
                        { value: true, label: t('desk.clock.approve') },
                        { value: false, label: t('desk.clock.reject') },
                      ]}
                    />
                  </Form.Item>
                  <ReasonField
                    label={t('desk.clock.decisionReason')}
                    required={t('desk.clock.reasonRequired')}
                    max={TEXT_LIMITS.extensionDecisionReason.max}
                  />
                </>
              }
            />
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('desk.clock.title')}
      className="rc-gap"
      data-testid="case-clock"
      extra={
        <Space wrap>
          {a['suspend'] ? (
            <ActionButton
              label={t('desk.clock.suspend')}
              path="suspend"
              testId="action-suspend"
              intro={t('desk.clock.suspendIntro', { step: pick(c.stepLabel, lang) })}
              fields={
                <ReasonField
                  label={t('desk.clock.reason')}
                  required={t('desk.clock.reasonRequired')}
                  max={TEXT_LIMITS.suspendReason.max}
                />
              }
            />
          ) : null}
          {a['resume'] ? (
            <ActionButton
              label={t('desk.clock.resume')}
              path="resume"
              primary
              testId="action-resume"
              intro={t('desk.clock.resumeIntro')}
              fields={<NoteField max={TEXT_LIMITS.resumeNote.max} />}
            />
          ) : null}
          {a['requestExtension'] ? (
            <ActionButton
              label={t('desk.clock.requestExtension')}
              path="extensions"
              testId="action-request-extension"
              intro={t('desk.clock.extensionIntro', { step: pick(c.stepLabel, lang) })}
              toBody={(v) => ({ days: v['days'], reason: String(v['reason']).trim() })}
              fields={
                <>
                  <Form.Item
                    name="days"
                    label={t('desk.clock.days')}
                    rules={[
                      { required: true, message: t('desk.clock.daysRequired') },
                      {
                        type: 'integer',
                        min: 1,
                        max: MAX_EXTENSION_DAYS,
                        message: t('desk.clock.daysRange', { max: MAX_EXTENSION_DAYS }),
                      },
                    ]}
                  >
                    {/* No min/max here: the input would clamp silently; the rule says what is allowed. */}
                    <InputNumber precision={0} />
                  </Form.Item>
                  <ReasonField
                    label={t('desk.clock.reason')}
                    required={t('desk.clock.reasonRequired')}
                    max={TEXT_LIMITS.extensionReason.max}
                  />
                </>
              }
            />
          ) : null}
        </Space>
      }
    >
      <Typography.Title level={5}>{t('desk.clock.suspensions')}</Typography.Title>
      {suspensions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.clock.noSuspensions')} />
      ) : (
        <Table<Suspension>
          rowKey="id"
          size="small"
          columns={suspensionColumns}
          dataSource={[...suspensions]}
          pagination={false}
        />
      )}
      <Typography.Title level={5} className="rc-gap-top">
        {t('desk.clock.extensions')}
      </Typography.Title>
      {extensions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.clock.noExtensions')} />
      ) : (
        <Table<Extension>
          rowKey="id"
          size="small"
          columns={extensionColumns}
          dataSource={[...extensions]}
          pagination={false}
        />
      )}
    </Card>
  );
}
