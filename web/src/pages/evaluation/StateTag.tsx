import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAG } from '../../components/tagColors';
import type { CampaignView } from './model';

const COLOR: Record<CampaignView['state'], string> = {
  draft: TAG.neutral,
  open: TAG.success,
  closed: TAG.warning,
};

/** A campaign's state; an open one not taking answers today says so (before or after its days). */
export function StateTag({
  campaign,
}: {
  readonly campaign: Pick<CampaignView, 'state' | 'answering'>;
}) {
  const { t } = useTranslation();
  const waiting = campaign.state === 'open' && !campaign.answering;
  return (
    <Tag color={COLOR[campaign.state]} data-testid="campaign-state">
      {t(`evaluation.state.${campaign.state}`)}
      {waiting ? ` · ${t('evaluation.state.notAnswering')}` : ''}
    </Tag>
  );
}
