/** The official's (or applicant's) own account, in the order given; the parties add to it. */
import { TEXT_LIMITS } from '../../shared';
import { Card, Empty, Form, Input, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { ActionButton } from './ActionButton';
import { useCase } from './useCaseAction';

export function StatementsCard() {
  const { t } = useTranslation();
  const { c } = useCase();
  const statements = c.statements ?? [];
  const can = Boolean(c.abilities['recordStatement']);
  if (statements.length === 0 && !can) return null;
  return (
    <Card
      title={t('desk.statements.title')}
      className="rc-gap"
      data-testid="case-statements"
      extra={
        can ? (
          <ActionButton
            label={t('desk.statements.add')}
            path="statements"
            testId="action-statement"
            fields={
              <Form.Item
                name="text"
                label={t('desk.statements.text')}
                rules={[
                  { required: true, whitespace: true, message: t('desk.statements.required') },
                  {
                    max: TEXT_LIMITS.statement.max,
                    message: t('desk.form.tooLong', { max: TEXT_LIMITS.statement.max }),
                  },
                ]}
              >
                <Input.TextArea rows={6} maxLength={TEXT_LIMITS.statement.max} showCount />
              </Form.Item>
            }
          />
        ) : null
      }
    >
      {statements.length === 0 ? (
        <Empty description={t('desk.statements.emptyCan')} />
      ) : (
        <List
          dataSource={[...statements]}
          renderItem={(s) => (
            <List.Item key={s.id}>
              <div>
                <Typography.Text type="secondary">
                  {s.madeBy?.name ?? t('caseView.system')} · {formatDateTime(s.madeAt)}
                </Typography.Text>
                <Typography.Paragraph className="rc-prewrap">{s.text}</Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
