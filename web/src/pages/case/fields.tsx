/** Form fields several case actions share: an optional note, a required reason. */
import { TEXT_LIMITS } from '../../shared';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** An optional note for the record. */
export function NoteField({
  name = 'note',
  max = TEXT_LIMITS.note.max,
}: {
  name?: string;
  max?: number;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={t('desk.form.note')}
      rules={[{ max, message: t('desk.form.tooLong', { max }) }]}
    >
      <Input.TextArea rows={3} maxLength={max} showCount />
    </Form.Item>
  );
}

/** A required text (a reason, grounds): not blank, within the server's limit. */
export function ReasonField({
  name = 'reason',
  label,
  required,
  max,
  rows = 4,
}: {
  name?: string;
  label: string;
  required: string;
  max: number;
  rows?: number;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[
        { required: true, whitespace: true, message: required },
        { max, message: t('desk.form.tooLong', { max }) },
      ]}
    >
      <Input.TextArea rows={rows} maxLength={max} showCount />
    </Form.Item>
  );
}
