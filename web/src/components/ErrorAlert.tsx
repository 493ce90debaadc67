import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { pick } from '../i18n';
import { useLang } from '../lang';

/** A failed call, in the current language: a title by error code and the server's message. */
export function ErrorAlert({ error, title }: { readonly error: unknown; readonly title?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const message = error instanceof ApiError ? pick(error.text, lang) : t('errors.unexpected');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? t('errors.title')}
      description={message}
    />
  );
}
