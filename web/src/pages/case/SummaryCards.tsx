/** The case's head: who and what, the step and its deadline, and the determination in force. */
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DueTag } from '../../components/DueTag';
import { pick, type Lang } from '../../i18n';
import { useLimitText } from '../policy/ProcedureView';
import { useLang } from '../../lang';
import { useApi } from '../../useApi';
import type { PackDetail, ResultApplied, TimeLimit } from './model';
import { useCase } from './useCaseAction';
import { TAG } from '../../components/tagColors';
import { recommendedInWords } from './recommendedBand';

export function CaseHead() {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  return (
    <>
      <Typography.Title level={2} data-testid="case-title" className="rc-case-title">
        {c.title}
      </Typography.Title>
      <Space wrap className="rc-gap">
        <Typography.Text type="secondary" data-testid="case-number">
          {c.number}
        </Typography.Text>
        {c.view === 'consultee' ? (
          <span>{c.official.name}</span>
        ) : (
          <Link to={`/officials/${c.official.id}`} data-testid="case-official">
            {c.official.name}
          </Link>
        )}
        <Tag color={TAG.info} data-testid="case-state">
          {pick(c.stateLabel, lang)}
        </Tag>
        <DueTag status={c.dueStatus} />
        {c.suspended ? <Tag data-testid="case-suspended">{t('cases.suspended')}</Tag> : null}
      </Space>
    </>
  );
}

export function SummaryCard() {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const label = (prefix: string, key: string) =>
    i18n.exists(`${prefix}.${key}`) ? t(`${prefix}.${key}`) : key;
  return (
    <Card title={t('caseView.summary')} className="rc-gap">
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('caseView.official')}>
          {pick(c.official.position, lang)
            ? t('caseView.officialWithPosition', {
                name: c.official.name,
                position: pick(c.official.position, lang),
              })
            : c.official.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('caseView.unit')}>
          {pick(c.official.unit.name, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('caseView.jurisdiction')}>
          {pick(c.jurisdiction.name, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('caseView.route')}>
          {label('routes', c.route)}
        </Descriptions.Item>
        <Descriptions.Item label={t('caseView.conductDate')}>{c.conductDate}</Descriptions.Item>
        {c.accountabilityNotifiedOn ? (
          <Descriptions.Item label={t('caseView.accountabilityNotifiedOn')}>
            {c.accountabilityNotifiedOn}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('caseView.pack')}>
          <PackName packId={c.packId} version={c.packVersion} />
        </Descriptions.Item>
        {c.matter ? (
          <Descriptions.Item label={t('caseView.matterSource')} span={2}>
            <span data-testid="matter-source">
              {c.matter.source ? t(`intake.sources.${c.matter.source}`) : '—'}
              {c.matter.sourceDetail ? `${t('caseView.matterSep')}${c.matter.sourceDetail}` : ''}
              {t('caseView.matterOpened', { date: c.matter.openedOn })}
            </span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {c.summary ? (
        <Typography.Paragraph className="rc-prewrap rc-gap-top">{c.summary}</Typography.Paragraph>
      ) : null}
    </Card>
  );
}

export function StepCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  return (
    <Card title={t('caseView.stepTitle')} className="rc-gap" data-testid="case-step">
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={t('caseView.step')}>{pick(c.stepLabel, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('caseView.stepStartedOn')}>{c.stepStartedOn}</Descriptions.Item>
        <Descriptions.Item label={t('caseView.stepDueOn')}>
          {c.stepDueOn ? (
            <Space size={4}>
              {c.stepDueOn}
              <DueTag status={c.dueStatus} />
            </Space>
          ) : (
            t('caseView.noDeadline')
          )}
        </Descriptions.Item>
      </Descriptions>
      {c.stepDueProvisional ? (
        <Alert type="info" showIcon title={t('caseView.provisional')} className="rc-gap-top" />
      ) : null}
      {c.suspended ? (
        <Alert
          type="warning"
          showIcon
          title={t('caseView.suspendedSince', { date: c.suspendedSince ?? '—' })}
          className="rc-gap-top"
        />
      ) : null}
    </Card>
  );
}

export function DeterminationCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const limit = useLimitText();
  const d = c.determinations.find((x) => x.inForce);
  const superseded = c.determinations.filter((x) => !x.inForce);
  return (
    <Card title={t('caseView.determination')} className="rc-gap" data-testid="case-determination">
      {d ? (
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('caseView.outcome')}>
            <Tag color={TAG.success}>{pick(d.outcomeLabel, lang) || d.outcome}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('caseView.decidedOn')}>{d.decidedOn}</Descriptions.Item>
          <Descriptions.Item label={t('caseView.documentNumber')}>
            {d.documentNumber || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('caseView.recommended')}>
            {recommendedInWords(d, lang, t) || '—'}
          </Descriptions.Item>
          {d.departureReasons ? (
            <Descriptions.Item label={t('caseView.departure')} span={2}>
              {d.departureReasons}
            </Descriptions.Item>
          ) : null}
          {d.basis ? (
            <Descriptions.Item label={t('caseView.basis')} span={2}>
              {t(`committee.record.bases.${d.basis}`, { defaultValue: d.basis })}
            </Descriptions.Item>
          ) : null}
          {d.application ? applicationItems(d.application, t, lang, limit) : null}
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{t('caseView.noDetermination')}</Typography.Text>
      )}
      {superseded.length > 0 ? (
        <Typography.Paragraph type="secondary" className="rc-gap-top">
          {t('desk.determination.superseded', {
            list: superseded
              .map((x) =>
                t('desk.determination.item', {
                  outcome: pick(x.outcomeLabel, lang) || x.outcome,
                  date: x.decidedOn,
                }),
              )
              .join(t('common.listSeparator')),
          })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/**
 * How the determination in force is applied to the official (结果运用): the matters it leaves
 * unaffected, the impact period and until when it runs, and the correction it asks for. Items,
 * not a component: Descriptions reads its direct children.
 */
export function applicationItems(
  a: ResultApplied,
  t: TFunction,
  lang: Lang,
  limit: (l: TimeLimit) => string,
) {
  const sep = t('common.listSeparator');
  const unaffected =
    a.unaffected.length > 0
      ? a.unaffected.map((m) => pick(m.label, lang)).join(sep)
      : a.note
        ? pick(a.note, lang)
        : t('caseView.application.none');
  const impact = a.impactPeriod
    ? t('caseView.application.impactUntil', {
        months: a.impactPeriod.months,
        date: a.impactPeriod.endsOn,
      })
    : t('caseView.application.noImpact');
  const correction = a.correction
    ? a.correction.kinds.map((k) => pick(k.label, lang)).join(sep) +
      (a.correction.within
        ? t('caseView.application.within', { limit: limit(a.correction.within) })
        : '')
    : t('caseView.application.none');
  return [
    <Descriptions.Item key="unaffected" label={t('caseView.application.unaffected')} span={2}>
      <span data-testid="application-unaffected">{unaffected}</span>
    </Descriptions.Item>,
    <Descriptions.Item key="impact" label={t('caseView.application.impactPeriod')}>
      <span data-testid="application-impact">{impact}</span>
    </Descriptions.Item>,
    <Descriptions.Item key="correction" label={t('caseView.application.correction')}>
      {correction}
    </Descriptions.Item>,
  ];
}

/** The policy that governs the case by its title and the version's title, never by its id. */
function PackName({ packId, version }: { packId: string; version: string | null }) {
  const lang = useLang();
  const pack = useApi<PackDetail>(
    `/api/policy/packs/${encodeURIComponent(packId)}` +
      (version ? `?version=${encodeURIComponent(version)}` : ''),
  );
  if (pack.status !== 'ok') return <>—</>;
  const v = pack.data.effective.version;
  return (
    <>
      {pick(pack.data.pack.title, lang)}
      {v.title ? ` · ${pick(v.title, lang)}` : ` · ${v.id}`}
    </>
  );
}
