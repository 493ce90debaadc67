import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAG } from './tagColors';
import type { DueStatus } from '../types';

/** Overdue (red) or due within 3 working days (orange), in AA contrast; nothing when on time. */
export function DueTag({ status }: { readonly status: DueStatus | null }) {
  const { t } = useTranslation();
  if (status === 'overdue') {
    return (
      <Tag color={TAG.danger} data-testid="due-overdue">
        {t('due.overdue')}
      </Tag>
    );
  }
  if (status === 'due_soon') {
    return (
      <Tag color={TAG.warning} data-testid="due-soon">
        {t('due.dueSoon')}
      </Tag>
    );
  }
  return null;
}
