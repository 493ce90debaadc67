import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** An address the app does not have. */
export default function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.page')}
      extra={
        <Link to="/cases">
          <Button type="primary">{t('notFound.toCases')}</Button>
        </Link>
      }
    />
  );
}
