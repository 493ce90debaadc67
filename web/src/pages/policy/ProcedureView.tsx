/** The procedure's parameters: each step's time limit with its basis, and the other requirements. */
import { inTitleMarks } from '../../shared';
import { Button, Descriptions, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { usePack } from './context';
import type { TimeLimit } from './model';

export function useLimitText() {
  const { t } = useTranslation();
  return (l: TimeLimit | undefined) =>
    l ? t(`policy.procedure.days_${l.unit}`, { count: l.days }) : t('policy.procedure.notSet');
}

/**
 * A time limit's basis: the clause it cites, as its citation (《document》article), which shows
 * the clause when clicked; a free reference as written; a dash when there is none.
 */
export function Basis({ basis }: { readonly basis: string | undefined }) {
  const { eff, lang, select } = usePack();
  if (basis === undefined) return <>—</>;
  const clause = eff.clauses.find((c) => c.id === basis);
  if (!clause) return <>{basis}</>;
  const source = eff.sources.find((x) => x.id === clause.source);
  const article = pick(clause.article, lang);
  const citation = !source
    ? article
    : lang === 'zh'
      ? `${inTitleMarks(pick(source.title, lang))}${article}`
      : `${pick(source.title, lang)}, ${article}`;
  return (
    <Button
      type="link"
      size="small"
      className="rc-inline-link rc-citation"
      data-testid={`basis-${basis}`}
      onClick={() => select('clause', clause.id)}
    >
      {citation}
    </Button>
  );
}

/** When an official may apply (procedure.application), with the clause that says so. */
function ApplicationWindow() {
  const { t } = useTranslation();
  const { eff } = usePack();
  const limit = useLimitText();
  const w = eff.procedure.application;
  if (!w.within) return <>{t('policy.procedure.applicationAny')}</>;
  const key =
    w.from === 'conduct'
      ? 'applicationConduct'
      : w.duringInvestigation === false
        ? 'applicationNotified'
        : 'applicationDuring';
  return (
    <>
      {t(`policy.procedure.${key}`, { limit: limit(w.within) })}
      {t('policy.procedure.sep')}
      <Basis basis={w.within.basis} />
    </>
  );
}

export function ProcedureView() {
  const { t, i18n } = useTranslation();
  const { eff, lang } = usePack();
  const limit = useLimitText();
  const p = eff.procedure;
  const label = (key: string) =>
    i18n.exists(`policy.procedure.limits.${key}`) ? t(`policy.procedure.limits.${key}`) : key;
  const dept = (d: string) =>
    i18n.exists(`policy.procedure.departments.${d}`) ? t(`policy.procedure.departments.${d}`) : d;
  const rows = Object.entries(p.timeLimits).map(([key, l]) => ({ key, ...l }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: t('policy.procedure.step'), key: 'step', render: (_, r) => label(r.key) },
    { title: t('policy.procedure.limit'), key: 'limit', render: (_, r) => limit(r) },
    {
      title: t('policy.procedure.basis'),
      key: 'basis',
      render: (_, r) => <Basis basis={r.basis} />,
    },
    {
      title: t('policy.procedure.note'),
      key: 'note',
      render: (_, r) => (r.note ? pick(r.note, lang) : '—'),
    },
  ];
  // The pack's followUp block (what the visit draw reads); older packs said it in the procedure.
  const visits = eff.followUp;
  const rate = visits?.sampleShare ?? p.followUp.samplingRate;
  const pct = rate === undefined ? t('policy.procedure.unknown') : `${Math.round(rate * 100)}%`;
  const before = visits
    ? [
        visits.before.months > 0
          ? t('policy.procedure.months', { count: visits.before.months })
          : '',
        visits.before.days > 0
          ? t('policy.procedure.days_calendar', { count: visits.before.days })
          : '',
      ].join('')
    : limit(p.followUp.prepareBefore);
  return (
    <div>
      <Typography.Title level={4}>{t('policy.procedure.title')}</Typography.Title>
      <Table
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        data-testid="time-limits"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      <Typography.Title level={4}>{t('policy.procedure.other')}</Typography.Title>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('policy.procedure.publicity')}>
          {p.publicity.required
            ? t('policy.procedure.publicityRequired', { period: limit(p.publicity.period) })
            : t('policy.procedure.publicityNo')}
        </Descriptions.Item>
        <Descriptions.Item label={t('policy.procedure.consultationTitle')}>
          {p.consultation.required
            ? t('policy.procedure.consultationRequired', {
                departments: p.consultation.departments.map(dept).join(t('common.listSeparator')),
              })
            : t('policy.procedure.consultationNo')}
        </Descriptions.Item>
        <Descriptions.Item label={t('policy.procedure.review')}>
          {t('policy.procedure.applyWithin', { limit: limit(p.review.applyWithin) })}
          {t('policy.procedure.sep')}
          {t('policy.procedure.decideWithin', { limit: limit(p.review.decideWithin) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('policy.procedure.appeal')}>
          {t('policy.procedure.applyWithin', { limit: limit(p.appeal.applyWithin) })}
          {t('policy.procedure.sep')}
          {t('policy.procedure.decideWithin', { limit: limit(p.appeal.decideWithin) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('policy.procedure.followUp')}>
          {p.followUp.enabled || visits ? (
            <>
              {t('policy.procedure.followUpOn', { before, rate: pct })}
              {visits?.basis ? (
                <>
                  {t('policy.procedure.sep')}
                  <Basis basis={visits.basis} />
                </>
              ) : null}
            </>
          ) : (
            t('policy.procedure.followUpOff')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('policy.procedure.filingUpward')}>
          {p.filingUpward.required
            ? t('policy.procedure.filingRequired', { limit: limit(p.filingUpward.within) })
            : t('policy.procedure.filingNo')}
        </Descriptions.Item>
        <Descriptions.Item label={t('policy.procedure.application')}>
          <ApplicationWindow />
        </Descriptions.Item>
        <Descriptions.Item label={t('policy.procedure.exOfficio')}>
          {p.exOfficio.required ? (
            <>
              {t('policy.procedure.exOfficioRequired')}
              {t('policy.procedure.sep')}
              <Basis basis={p.exOfficio.basis} />
            </>
          ) : (
            t('policy.procedure.exOfficioNo')
          )}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
