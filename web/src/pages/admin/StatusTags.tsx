/** An account's state: disabled, locked (until when), or active. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import type { AdminUser } from '../../types';

export function StatusTags({ user }: { readonly user: AdminUser }) {
  const { t } = useTranslation();
  if (user.disabled) return <Tag color="default">{t('admin.users.status.disabled')}</Tag>;
  if (user.lockedUntil) {
    return (
      <Tag className="rc-tag-locked">
        {t('admin.users.status.locked')} ·{' '}
        {t('admin.users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}
      </Tag>
    );
  }
  return <Tag>{t('admin.users.status.active')}</Tag>;
}
