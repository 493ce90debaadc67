/** An instrument's marks: validated in the field or not, used by a campaign (frozen) or not. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAG } from '../../../components/tagColors';

export function ValidatedTag({ validated }: { readonly validated: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={validated ? TAG.success : TAG.warning} data-testid="instrument-validated">
      {t(validated ? 'instruments.validated' : 'instruments.notValidated')}
    </Tag>
  );
}

export function InUseTag({ inUse }: { readonly inUse: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={inUse ? TAG.info : TAG.neutral} data-testid="instrument-in-use">
      {t(inUse ? 'instruments.inUse' : 'instruments.notInUse')}
    </Tag>
  );
}
