/**
 * Consultation (会商): the departments asked for an opinion, whether each answered, and (for
 * officers) what they said; the investigator asks departments, records an opinion, and ends the
 * consultation once everyone answered.
 */
import { MAX_CONSULTED_DEPARTMENTS, TEXT_LIMITS } from '../../shared';
import { Card, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { ActionButton } from './ActionButton';
import { NoteField } from './fields';
import type { Consultation } from './model';
import { useCase } from './useCaseAction';
import { TAG } from '../../components/tagColors';

export function ConsultationCard({ departments }: { readonly departments: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const { c } = useCase();
  const list = c.consultations ?? [];
  const canRequest = Boolean(c.abilities['requestConsultation']);
  const canOpinion = Boolean(c.abilities['recordOpinion']);
  const canComplete = Boolean(c.abilities['completeConsultation']);
  if (list.length === 0 && !canRequest) return null;
  const full = c.view === 'full';
  const waiting = list.filter((x) => !x.responded).length;
  /** A department the pack names by code (organization, audit…) in words; others as typed. */
  const dept = (d: string) =>
    i18n.exists(`desk.departments.${d}`) ? t(`desk.departments.${d}`) : d;

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
    ...(full
      ? [
          {
            title: t('desk.consult.opinion'),
            key: 'opinion',
            render: (_: unknown, x: Consultation) =>
              x.responded ? (
                <span>
                  <span className="rc-prewrap">{x.opinion || '—'}</span>
                  <br />
                  <Typography.Text type="secondary">
                    {x.respondedBy?.name ?? ''}
                    {x.respondedAt ? ` · ${formatDateTime(x.respondedAt)}` : ''}
                  </Typography.Text>
                </span>
              ) : canOpinion ? (
                <ActionButton
                  label={t('desk.consult.record')}
                  title={t('desk.consult.recordFor', { department: dept(x.department) })}
                  path={`consultations/${encodeURIComponent(x.id)}/opinion`}
                  testId={`opinion-${x.department}`}
                  fields={
                    <Form.Item
                      name="opinion"
                      label={t('desk.consult.opinion')}
                      rules={[
                        {
                          required: true,
                          whitespace: true,
                          message: t('desk.consult.opinionRequired'),
                        },
                        {
                          max: TEXT_LIMITS.opinion.max,
                          message: t('desk.form.tooLong', { max: TEXT_LIMITS.opinion.max }),
                        },
                      ]}
                    >
                      <Input.TextArea rows={6} maxLength={TEXT_LIMITS.opinion.max} showCount />
                    </Form.Item>
                  }
                />
              ) : (
                '—'
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
