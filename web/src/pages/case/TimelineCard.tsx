/**
 * The event trail, newest first: what happened, who did it, the state change and its reason, and
 * what a review or an appeal did to a running publicity (suspended with the days left, resumed or
 * ended: publicity-pause.ts on the server).
 */
import { Card, Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAG } from '../../components/tagColors';
import { formatDateTime } from '../../format';
import { pick, type Lang } from '../../i18n';
import { useLang } from '../../lang';
import { CASE_STATES, STATE_LABEL, STEP_OF } from '../../shared';
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
                <PublicityLine event={e} />
                {e.reason ? <div className="rc-prewrap">{e.reason}</div> : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** The states of a review or an appeal (their step's clock), from the shared vocabulary. */
const CHALLENGED = new Set<string>(
  CASE_STATES.filter((s) => STEP_OF[s] === 'review' || STEP_OF[s] === 'appeal'),
);

interface PublicityPayload {
  readonly suspended?: boolean;
  readonly daysLeft?: number | null;
  readonly resumed?: boolean;
  readonly dueOn?: string | null;
}

/**
 * What the event did to the publicity: officers read it from the event's payload, the parties
 * (who get no payload) from the state change alone.
 */
function publicityText(
  e: CaseEvent,
  t: (key: string, options?: Record<string, unknown>) => string,
): string | null {
  const payload = e.payload as { publicity?: PublicityPayload | null } | undefined;
  const p = payload?.publicity;
  if (p?.suspended) {
    return typeof p.daysLeft === 'number'
      ? t('desk.challenge.timeline.suspendedLeft', { count: p.daysLeft })
      : t('desk.challenge.timeline.suspended');
  }
  if (p?.resumed === true) {
    return p.dueOn
      ? t('desk.challenge.timeline.resumedUntil', { due: p.dueOn })
      : t('desk.challenge.timeline.resumed');
  }
  if (p?.resumed === false) return t('desk.challenge.timeline.ended');
  if (e.from === 'publicity' && e.to && CHALLENGED.has(e.to)) {
    return t('desk.challenge.timeline.suspended');
  }
  if (e.to === 'publicity' && e.from && CHALLENGED.has(e.from)) {
    return t('desk.challenge.timeline.resumed');
  }
  return null;
}

function PublicityLine({ event }: { readonly event: CaseEvent }) {
  const { t } = useTranslation();
  const text = publicityText(event, (key, options) => t(key, options ?? {}));
  if (text === null) return null;
  return (
    <div>
      <Tag color={TAG.warning} data-testid="timeline-publicity">
        {text}
      </Tag>
    </div>
  );
}

/** A state's label (src/shared/case.ts), never its code. */
function stateLabel(state: string, lang: Lang): string {
  const label = (STATE_LABEL as Readonly<Record<string, { zh: string; en: string }>>)[state];
  return label ? pick(label, lang) : state;
}
