/**
 * PLACEHOLDERS until the committee and document helpers' panels land
 * (web/src/pages/case/deliberation/DeliberationPanel.tsx and
 * web/src/pages/case/document/DecisionDocumentPanel.tsx): same props, minimal but real content.
 */
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../types';

export function DeliberationPanelPlaceholder(props: {
  readonly view: CaseView;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  void props.onChanged;
  return (
    <Card title={t('desk.panels.deliberation')} className="rc-gap">
      <Typography.Text type="secondary">{t('desk.panels.deliberationPending')}</Typography.Text>
    </Card>
  );
}

export function DecisionDocumentPanelPlaceholder({ view }: { readonly view: CaseView }) {
  const { t } = useTranslation();
  return (
    <Card title={t('desk.panels.document')} className="rc-gap">
      <a href={`/api/cases/${encodeURIComponent(view.id)}/decision-document?format=text`} download>
        {t('desk.panels.documentText')}
      </a>
    </Card>
  );
}
