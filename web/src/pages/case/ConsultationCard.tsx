/**
 * Consultation (会商): the departments asked for an opinion, whether each answered, and (for
 * officers and the department's own officer) what they said and who signed it. A consulted
 * department's officer answers their department's request; the investigator asks departments,
 * transcribes the written reply of a department with no users (marked so, with the reply's
 * reference and date), and ends the consultation once everyone answered. Which row may be
 * answered or transcribed is the server's word (canAnswer, canTranscribe).
 */
import { MAX_CONSULTED_DEPARTMENTS, TEXT_LIMITS, writtenDate } from '../../shared';
import { Card, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { ActionButton } from './ActionButton';
import { NoteField } from './fields';
import type { Consultation } from './model';
import { useCase } from './useCaseAction';
import { TAG } from '../../components/tagColors';
import { useDepartmentLabel } from '../../departments';

export function ConsultationCard({ departments }: { readonly departments: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const { c } = useCase();
  const list = c.consultations ?? [];
  const canRequest = Boolean(c.abilities['requestConsultation']);
  const canComplete = Boolean(c.abilities['completeConsultation']);
  if (list.length === 0 && !canRequest) return null;
  const showsOpinions = c.view !== 'party';
  const waiting = list.filter((x) => !x.responded).length;
  const dept = useDepartmentLabel();

  const columns: TableColumnsType<Consultation> = [
    {
      title: t('desk.consult.department'),
      key: 'department',
      render: (_: unknown, x) => dept(x.department),
    },
    {
      title: t('desk.consult.requestedAt'),
      key: 'requestedAt',
      render: (_: unknown, x) => formatDateTime(x.requestedAt),
    },
    {
      title: t('desk.consult.status'),
      key: 'status',
      render: (_: unknown, x) =>
        x.responded ? (
          <Tag color={TAG.success}>{t('desk.consult.answered')}</Tag>
        ) : (
          <Tag color={TAG.warning}>{t('desk.consult.waiting')}</Tag>
        ),
    },
    ...(showsOpinions
      ? [
          {
            title: t('desk.consult.opinion'),
            key: 'opinion',
            render: (_: unknown, x: Consultation) => (
              <OpinionCell x={x} department={dept(x.department)} lang={i18n.language} />
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('desk.consult.title')}
      className="rc-gap"
      data-testid="case-consultations"
      extra={
        <Space wrap>
          {canRequest ? (
            <ActionButton
              label={t('desk.consult.request')}
              path="consultations"
              testId="action-request-consultation"
              intro={
                departments.length > 0
                  ? t('desk.consult.packDepartments', {
                      list: departments.map(dept).join(t('common.listSeparator')),
                    })
                  : t('desk.consult.noPackDepartments')
              }
              toBody={(v) => ({
                departments: Array.isArray(v['departments'])
                  ? (v['departments'] as string[]).map((d) => d.trim()).filter(Boolean)
                  : [],
              })}
              fields={
                <Form.Item
                  name="departments"
                  label={t('desk.consult.departments')}
                  extra={t('desk.consult.departmentsHelp')}
                  rules={[
                    {
                      validator: (_r, v: unknown) =>
                        Array.isArray(v) &&
                        v.some((d) => String(d).length > TEXT_LIMITS.department.max)
                          ? Promise.reject(
                              new Error(
                                t('desk.form.tooLong', { max: TEXT_LIMITS.department.max }),
                              ),
                            )
                          : Array.isArray(v) && v.length > MAX_CONSULTED_DEPARTMENTS
                            ? Promise.reject(
                                new Error(
                                  t('desk.consult.tooMany', { max: MAX_CONSULTED_DEPARTMENTS }),
                                ),
                              )
                            : departments.length === 0 && (!Array.isArray(v) || v.length === 0)
                              ? Promise.reject(new Error(t('desk.consult.departmentsRequired')))
                              : Promise.resolve(),
                    },
                  ]}
                >
                  <Select
                    mode="tags"
                    aria-label={t('desk.consult.departments')}
                    options={departments.map((d) => ({ value: d, label: dept(d) }))}
                  />
                </Form.Item>
              }
            />
          ) : null}
          {canComplete ? (
            <ActionButton
              label={t('desk.consult.complete')}
              path="complete-consultation"
              primary
              testId="action-complete-consultation"
              confirm={t('desk.consult.completeConfirm')}
              intro={
                waiting > 0 ? (
                  <Typography.Text type="danger">
                    {t('desk.consult.stillWaiting', { count: waiting })}
                  </Typography.Text>
                ) : (
                  t('desk.consult.allAnswered')
                )
              }
              fields={<NoteField />}
            />
          ) : null}
        </Space>
      }
    >
      {list.length === 0 ? (
        <Empty description={t('desk.consult.empty')} />
      ) : (
        <Table<Consultation>
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

/** A request's opinion and who signed it, or the form that answers or transcribes it. */
function OpinionCell({
  x,
  department,
  lang,
}: {
  readonly x: Consultation;
  readonly department: string;
  readonly lang: string;
}) {
  const { t } = useTranslation();
  if (x.responded) {
    const name = x.respondedBy?.name ?? '';
    const signer = x.transcribed
      ? t('desk.consult.transcribedBy', {
          reference: x.transcribed.replyReference,
          date: writtenDate(x.transcribed.replyDate)[lang.startsWith('zh') ? 'zh' : 'en'],
          name,
        })
      : t('desk.consult.signedBy', { name });
    return (
      <span>
        <span className="rc-prewrap">{x.opinion || '—'}</span>
        <br />
        <Typography.Text type="secondary" data-testid={`opinion-signer-${x.department}`}>
          {signer}
          {x.respondedAt ? ` · ${formatDateTime(x.respondedAt)}` : ''}
        </Typography.Text>
      </span>
    );
  }
  if (x.canAnswer) {
    return (
      <ActionButton
        label={t('desk.consult.answer')}
        title={t('desk.consult.answerFor', { department })}
        path={`consultations/${encodeURIComponent(x.id)}/answer`}
        testId={`answer-${x.department}`}
        primary
        intro={t('desk.consult.answerIntro')}
        fields={<OpinionField />}
      />
    );
  }
  if (x.canTranscribe) {
    return (
      <ActionButton
        label={t('desk.consult.record')}
        title={t('desk.consult.recordFor', { department })}
        path={`consultations/${encodeURIComponent(x.id)}/opinion`}
        testId={`opinion-${x.department}`}
        intro={t('desk.consult.transcribeIntro')}
        fields={
          <>
            <Form.Item
              name="replyReference"
              label={t('desk.consult.replyReference')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('desk.consult.replyReferenceRequired'),
                },
                {
                  max: TEXT_LIMITS.replyReference.max,
                  message: t('desk.form.tooLong', { max: TEXT_LIMITS.replyReference.max }),
                },
              ]}
            >
              <Input maxLength={TEXT_LIMITS.replyReference.max} />
            </Form.Item>
            <Form.Item
              name="replyDate"
              label={t('desk.consult.replyDate')}
              rules={[{ required: true, message: t('desk.consult.replyDateRequired') }]}
            >
              <Input type="date" />
            </Form.Item>
            <OpinionField />
          </>
        }
      />
    );
  }
  return x.staffed ? (
    <Typography.Text type="secondary">{t('desk.consult.awaitingDepartment')}</Typography.Text>
  ) : (
    '—'
  );
}

function OpinionField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="opinion"
      label={t('desk.consult.opinion')}
      rules={[
        { required: true, whitespace: true, message: t('desk.consult.opinionRequired') },
        {
          max: TEXT_LIMITS.opinion.max,
          message: t('desk.form.tooLong', { max: TEXT_LIMITS.opinion.max }),
        },
      ]}
    >
      <Input.TextArea rows={6} maxLength={TEXT_LIMITS.opinion.max} showCount />
    </Form.Item>
  );
}
