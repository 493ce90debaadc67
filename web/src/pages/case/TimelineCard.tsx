/** The event trail, newest first: what happened, who did it, the state change and its reason. */
import { Card, Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { pick, type Lang } from '../../i18n';
import { useLang } from '../../lang';
import { STATE_LABEL } from '../../shared';
import type { CaseEvent } from '../../types';
import { useCase } from './useCaseAction';

export function TimelineCard() {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const label = (prefix: string, key: string) =>
    i18n.exists(`${prefix}.${key}`) ? t(`${prefix}.${key}`) : key;
  const events = [...c.events].sort((a, b) => b.seq - a.seq);
  return (
    <Card title={t('caseView.timeline')} className="rc-gap" data-testid="case-timeline">
      {events.length === 0 ? (
        <Empty description={t('caseView.noEvents')} />
      ) : (
        <Timeline
          items={events.map((e: CaseEvent) => ({
            key: e.seq,
            title: formatDateTime(e.at),
            content: (
              <div>
                <Typography.Text strong>
                  {label('events', e.type.replace(/^case\./, ''))}
                </Typography.Text>
                {e.from && e.to && e.from !== e.to ? (
                  <Typography.Text type="secondary">
                    {' '}
                    {t('caseView.stateChange', {
                      from: stateLabel(e.from, lang),
                      to: stateLabel(e.to, lang),
                    })}
                  </Typography.Text>
                ) : null}
                <div>
                  <Typography.Text type="secondary">
                    {e.actor?.name ?? t('caseView.system')}
                  </Typography.Text>
                </div>
                {e.reason ? <div className="rc-prewrap">{e.reason}</div> : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** A state's label (src/shared/case.ts), never its code. */
function stateLabel(state: string, lang: Lang): string {
  const label = (STATE_LABEL as Readonly<Record<string, { zh: string; en: string }>>)[state];
  return label ? pick(label, lang) : state;
}
