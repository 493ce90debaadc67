/**
 * The pack's versions on a timeline of their effective windows (inclusive dates; an open end runs
 * on): which is in force today, which is shown, what each amends. Choosing one shows it.
 */
import { Button, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { SOLID } from './colors';
import { inForceOn, type VersionSummary } from './model';

export function VersionTimeline(props: {
  readonly versions: readonly VersionSummary[];
  readonly shown: string;
  readonly today: string;
  onShow(id: string): void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Timeline
      data-testid="version-timeline"
      items={props.versions.map((v) => {
        const current = inForceOn(v, props.today);
        const shown = v.id === props.shown;
        return {
          color: current ? 'green' : v.status === 'draft' ? 'gray' : 'blue',
          content: (
            <div
              className={shown ? 'rc-version rc-version-shown' : 'rc-version'}
              data-testid={`version-${v.id}`}
            >
              <Button
                type={shown ? 'primary' : 'default'}
                size="small"
                aria-pressed={shown}
                aria-label={t('policy.versions.view', { id: v.id })}
                onClick={() => props.onShow(v.id)}
              >
                {v.id}
              </Button>{' '}
              <Typography.Text strong>{v.title ? pick(v.title, lang) : ''}</Typography.Text>{' '}
              {current ? <Tag color={SOLID.success}>{t('policy.versions.inForce')}</Tag> : null}
              {shown ? <Tag color={SOLID.info}>{t('policy.versions.showing')}</Tag> : null}
              <Tag>{t(`policy.status.${v.status}`)}</Tag>
              <div className="rc-policy-small">
                {v.to
                  ? t('policy.versions.window', { from: v.from, to: v.to })
                  : t('policy.versions.open', { from: v.from })}
                {v.amends ? ` · ${t('policy.versions.amends', { id: v.amends })}` : ''}
              </div>
            </div>
          ),
        };
      })}
    />
  );
}
