import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { switchLang, type Lang } from '../i18n';
import { useLang } from '../lang';

/** 中文 / English; the choice is kept in this browser. */
export function LangSwitch() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Segmented<Lang>
      aria-label={t('shell.language')}
      size="small"
      value={lang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(v) => void switchLang(v)}
    />
  );
}
