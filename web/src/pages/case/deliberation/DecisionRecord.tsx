/**
 * The decision on the record, read-only: each determination (the one in force first) with its
 * outcome beside the recommendation, whether it departs and why, and the minutes. The votes and
 * recusals stay in the members table above; the document itself is the document panel's.
 */
import { Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import type { DeliberationFields } from '../../../types';
import { TAG } from '../../../components/tagColors';
import { recommendedInWords } from '../recommendedBand';

type Det = DeliberationFields['determinations'][number];

export function DecisionRecord({ determinations }: { readonly determinations: readonly Det[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ordered = [...determinations].sort((a, b) => Number(b.inForce) - Number(a.inForce));
  return (
    <Card title={t('committee.record.title')} className="rc-gap" data-testid="decision-record">
      {ordered.map((d) => {
        const departs = d.departs;
        return (
          <Descriptions
            key={d.id}
            className="rc-gap"
            bordered
            size="small"
            column={1}
            title={
              <span>
                {d.documentNumber}{' '}
                {d.inForce ? <Tag color={TAG.success}>{t('committee.record.inForce')}</Tag> : null}
              </span>
            }
            items={[
              {
                key: 'outcome',
                label: t('committee.record.outcome'),
                children: (
                  <Tag color={TAG.info} data-testid="record-outcome">
                    {pick(d.outcomeLabel, lang) || d.outcome}
                  </Tag>
                ),
              },
              {
                key: 'recommended',
                label: t('committee.record.recommended'),
                children: (
                  <span data-testid="record-recommended">
                    {recommendedInWords(d, lang, t) || t('committee.record.undetermined')}{' '}
                    {departs ? (
                      <Tag color={TAG.warning}>{t('committee.record.departs')}</Tag>
                    ) : (
                      <Tag color={TAG.success}>{t('committee.record.follows')}</Tag>
                    )}
                  </span>
                ),
              },
              ...(d.departureReasons
                ? [
                    {
                      key: 'reasons',
                      label: t('committee.record.departureReasons'),
                      children: (
                        <Typography.Paragraph className="rc-deliberation-pre">
                          {d.departureReasons}
                        </Typography.Paragraph>
                      ),
                    },
                  ]
                : []),
              { key: 'decidedOn', label: t('committee.record.decidedOn'), children: d.decidedOn },
              {
                key: 'basis',
                label: t('committee.record.basis'),
                children: t(`committee.record.bases.${d.basis}`, { defaultValue: d.basis }),
              },
              ...(d.minutes !== undefined
                ? [
                    {
                      key: 'minutes',
                      label: t('committee.record.minutes'),
                      children: (
                        <Typography.Paragraph className="rc-deliberation-pre">
                          {d.minutes || '—'}
                        </Typography.Paragraph>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        );
      })}
    </Card>
  );
}
