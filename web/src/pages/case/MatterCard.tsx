/**
 * The accountability matter (问责事项) on the case page of a case opened on one (ex officio), for
 * officers: its source, status, the Art. 17/18/19 circumstances with their articles, the
 * lifelong-accountability flag with the major decision, the tolerance outcome fed back to it (and
 * the one a review or appeal replaced), and the criminal referral (移送). When a referral is
 * recorded or the facts suspect a crime, it says that tolerance does not conclude the matter.
 * The intake officer or investigator records the circumstances and the referral (`abilities`).
 */
import {
  MATTER_ARTICLE_LABEL,
  REFERRAL_BODIES,
  REFERRAL_BODY_LABEL,
  TEXT_LIMITS,
} from '../../shared';
import {
  Alert,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { TAG } from '../../components/tagColors';
import { ActionButton, compact } from './ActionButton';
import { CircumstanceFields, circumstancesBody } from './CircumstanceFields';
import { ReasonField } from './fields';
import type { CaseFile } from './model';
import { useCase } from './useCaseAction';

type Matter = NonNullable<CaseFile['matter']>;

const STATUS_COLOR: Readonly<Record<string, string>> = {
  open: TAG.warning,
  concluded: TAG.success,
  referred: TAG.danger,
};

export function MatterCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const { c } = useCase();
  const m = c.matter;
  if (!m) return null;
  return (
    <Card
      title={t('matter.title')}
      className="rc-gap"
      data-testid="case-matter"
      extra={
        <Space wrap>
          {c.abilities['recordCircumstances'] ? <CircumstancesButton m={m} /> : null}
          {c.abilities['recordReferral'] ? <ReferralButton /> : null}
        </Space>
      }
    >
      {m.withCompetentBody ? (
        <Alert
          type="warning"
          showIcon
          className="rc-gap"
          data-testid="matter-competent-body"
          title={m.referral ? t('matter.staysReferred') : t('matter.staysOpenCrime')}
        />
      ) : null}
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} className="rc-gap">
        <Descriptions.Item label={t('matter.status')}>
          <Tag color={STATUS_COLOR[m.status]} data-testid="matter-status">
            {pick(m.statusLabel, lang)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('matter.openedOn')}>{m.openedOn}</Descriptions.Item>
        <Descriptions.Item label={t('matter.summary')} span={2}>
          <span className="rc-prewrap">{m.summary}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('matter.lifelong')} span={2}>
          <span data-testid="matter-lifelong">
            {m.lifelong
              ? t('matter.lifelongDecision', {
                  name: m.lifelong.name,
                  on: m.lifelong.on,
                  body: m.lifelong.body,
                })
              : t('matter.notLifelong')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('matter.feedback')} span={2}>
          <Feedback m={m} />
        </Descriptions.Item>
        {m.referral ? (
          <Descriptions.Item label={t('matter.referral')} span={2}>
            <span data-testid="matter-referral">
              {t('matter.referralText', {
                to: pick(m.referral.toLabel, lang),
                on: m.referral.on,
                receipt: m.referral.receipt,
              })}
              {m.referral.by ? `（${m.referral.by.name}）` : ''}
              <br />
              <span className="rc-prewrap">{m.referral.basis}</span>
            </span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Circumstances m={m} />
    </Card>
  );
}

function Feedback({ m }: { readonly m: Matter }) {
  const { t } = useTranslation();
  const lang = useLang();
  const f = m.feedback;
  if (!f) return <Typography.Text type="secondary">{t('matter.noFeedback')}</Typography.Text>;
  const outcome = f.outcomeLabel ? pick(f.outcomeLabel, lang) : f.outcome;
  const previous = f.previousOutcomeLabel ? pick(f.previousOutcomeLabel, lang) : f.previousOutcome;
  return (
    <span data-testid="matter-feedback">
      {t('matter.feedbackText', { outcome, on: f.inForceOn })}
      {f.basis !== 'first' && previous ? t(`matter.replaced.${f.basis}`, { previous }) : ''}
    </span>
  );
}

function Circumstances({ m }: { readonly m: Matter }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (m.circumstances.length === 0) {
    return <Typography.Text type="secondary">{t('matter.noCircumstances')}</Typography.Text>;
  }
  return (
    <div data-testid="matter-circumstances">
      <Typography.Title level={5}>{t('matter.circumstances')}</Typography.Title>
      <List
        size="small"
        dataSource={[...m.circumstances]}
        renderItem={(x) => (
          <List.Item>
            <Space direction="vertical" size={2}>
              <Tag color={x.article === 'art19' ? TAG.danger : TAG.info}>
                {pick(MATTER_ARTICLE_LABEL[x.article], lang)}
              </Tag>
              <span>{pick(x.label, lang)}</span>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}

function CircumstancesButton({ m }: { readonly m: Matter }) {
  const { t } = useTranslation();
  return (
    <ActionButton
      label={t('matter.recordCircumstances')}
      path="matter/circumstances"
      testId="matter-record-circumstances"
      initialValues={{
        circumstances: m.circumstances.map((x) => x.code),
        lifelong: m.lifelong !== null,
        majorDecisionName: m.lifelong?.name,
        majorDecisionOn: m.lifelong ? dayjs(m.lifelong.on) : undefined,
        majorDecisionBody: m.lifelong?.body,
      }}
      toBody={circumstancesBody}
      fields={<CircumstanceFields />}
    />
  );
}

function ReferralButton() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ActionButton
      label={t('matter.recordReferral')}
      path="matter/referral"
      testId="matter-record-referral"
      danger
      intro={t('matter.referralIntro')}
      initialValues={{ to: 'supervisory_commission' }}
      toBody={(v) => ({
        ...compact({ ...v, on: undefined }),
        on: (v['on'] as Dayjs).format('YYYY-MM-DD'),
      })}
      fields={
        <>
          <Form.Item name="to" label={t('matter.referredTo')}>
            <Radio.Group>
              {REFERRAL_BODIES.map((b) => (
                <Radio key={b} value={b}>
                  {pick(REFERRAL_BODY_LABEL[b], lang)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="on"
            label={t('matter.referredOn')}
            rules={[{ required: true, message: t('matter.referredOnRequired') }]}
          >
            <DatePicker />
          </Form.Item>
          <ReasonField
            name="basis"
            label={t('matter.referralBasis')}
            required={t('matter.referralBasisRequired')}
            max={TEXT_LIMITS.referralBasis.max}
          />
          <Form.Item
            name="receipt"
            label={t('matter.referralReceipt')}
            rules={[
              { required: true, whitespace: true, message: t('matter.referralReceiptRequired') },
            ]}
          >
            <Input maxLength={TEXT_LIMITS.referralReceipt.max} />
          </Form.Item>
        </>
      }
    />
  );
}
