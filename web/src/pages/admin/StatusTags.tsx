/** An account's state: disabled, locked (until when), or active. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { useLang } from '../../lang';
import type { AdminUser } from '../../types';

export function StatusTags({ user }: { readonly user: AdminUser }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (user.disabled) return <Tag color="default">{t('admin.users.status.disabled')}</Tag>;
  if (user.lockedUntil) {
    return (
      <Tag className="rc-tag-locked">
        {t('admin.users.status.locked')} ·{' '}
        {t('admin.users.lockedUntil', { time: formatDateTime(user.lockedUntil, lang) })}
      </Tag>
    );
  }
  return <Tag>{t('admin.users.status.active')}</Tag>;
}
