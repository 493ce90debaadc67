/**
 * The six-element assessment (六要素): for each element the investigator's rating and notes, who
 * assessed it and when; the investigator rates an element (again) while verification runs. An
 * unfavourable rating needs notes (the server says so too).
 */
import { Card, Form, Input, Radio, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { ActionButton } from './ActionButton';
import { RATINGS, SIX_ELEMENT_LABEL, SIX_ELEMENTS, TEXT_LIMITS } from '../../shared';
import type { Assessment } from './model';
import { useCase } from './useCaseAction';
import { TAG } from '../../components/tagColors';

type Element = (typeof SIX_ELEMENTS)[number];
const RATING_COLOR: Readonly<Record<string, string>> = {
  favourable: TAG.success,
  unfavourable: TAG.danger,
};

interface Row {
  readonly element: Element;
  readonly assessment: Assessment | undefined;
}

export function AssessmentCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const byElement = new Map((c.assessments ?? []).map((a) => [a.element, a]));
  const can = Boolean(c.abilities['assess']);
  const done = SIX_ELEMENTS.filter((e) => byElement.has(e)).length;
  const rows: Row[] = SIX_ELEMENTS.map((element) => ({
    element,
    assessment: byElement.get(element),
  }));
  const elementLabel = (r: Row) =>
    r.assessment?.label ? pick(r.assessment.label, lang) : pick(SIX_ELEMENT_LABEL[r.element], lang);

  const columns: TableColumnsType<Row> = [
    {
      title: t('desk.six.element'),
      key: 'element',
      render: (_: unknown, r) => (
        <span>
          <Typography.Text strong>{elementLabel(r)}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{t(`desk.six.help.${r.element}`)}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('desk.six.rating'),
      key: 'rating',
      render: (_: unknown, r) =>
        r.assessment ? (
          <Tag color={RATING_COLOR[r.assessment.rating]}>
            {t(`desk.six.ratings.${r.assessment.rating}`, { defaultValue: r.assessment.rating })}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('desk.six.notYet')}</Typography.Text>
        ),
    },
    {
      title: t('desk.six.notes'),
      key: 'notes',
      render: (_: unknown, r) => <span className="rc-prewrap">{r.assessment?.notes || '—'}</span>,
    },
    {
      title: t('desk.six.by'),
      key: 'by',
      render: (_: unknown, r) =>
        r.assessment ? (
          <span>
            {r.assessment.assessedBy?.name ?? t('caseView.system')}
            <br />
            <Typography.Text type="secondary">
              {formatDateTime(r.assessment.assessedAt)}
            </Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
    ...(can
      ? [
          {
            title: t('desk.six.action'),
            key: 'action',
            render: (_: unknown, r: Row) => (
              <ActionButton
                label={r.assessment ? t('desk.six.reassess') : t('desk.six.assess')}
                title={t('desk.six.dialog', { element: elementLabel(r) })}
                path="assessments"
                testId={`assess-${r.element}`}
                initialValues={{ rating: r.assessment?.rating, notes: r.assessment?.notes ?? '' }}
                toBody={(v) => ({
                  element: r.element,
                  rating: v['rating'],
                  ...(typeof v['notes'] === 'string' && v['notes'].trim()
                    ? { notes: v['notes'].trim() }
                    : {}),
                })}
                intro={
                  <Typography.Text type="secondary">
                    {t(`desk.six.help.${r.element}`)}
                  </Typography.Text>
                }
                fields={
                  <>
                    <Form.Item
                      name="rating"
                      label={t('desk.six.rating')}
                      rules={[{ required: true, message: t('desk.six.ratingRequired') }]}
                    >
                      <Radio.Group
                        options={RATINGS.map((x) => ({
                          value: x,
                          label: t(`desk.six.ratings.${x}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name="notes"
                      label={t('desk.six.notes')}
                      dependencies={['rating']}
                      rules={[
                        ({ getFieldValue }) => ({
                          validator: (_rule, value: unknown) =>
                            getFieldValue('rating') === 'unfavourable' &&
                            (typeof value !== 'string' || value.trim() === '')
                              ? Promise.reject(new Error(t('desk.six.notesRequired')))
                              : Promise.resolve(),
                        }),
                        {
                          max: TEXT_LIMITS.assessmentNotes.max,
                          message: t('desk.form.tooLong', { max: TEXT_LIMITS.assessmentNotes.max }),
                        },
                      ]}
                    >
                      <Input.TextArea
                        rows={4}
                        maxLength={TEXT_LIMITS.assessmentNotes.max}
                        showCount
                      />
                    </Form.Item>
                  </>
                }
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('desk.six.title')}
      className="rc-gap"
      data-testid="case-assessment"
      extra={
        <Typography.Text strong={done === 6} data-testid="six-progress">
          {t('desk.six.progress', { done, total: 6 })}
        </Typography.Text>
      }
    >
      <Table<Row>
        rowKey="element"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 800 }}
      />
    </Card>
  );
}
