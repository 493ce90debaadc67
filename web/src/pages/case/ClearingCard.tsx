/**
 * Name clearing (澄清正名) on the case page, once a determination clears the official: what was
 * alleged and what verification found, how and how widely the name is cleared, the clearing
 * notice's number (the document itself is in the documents card), the publicity with the
 * official's written consent or why there is none, and the referral of a false accusation. Who may
 * do what comes from the server (`abilities`): the organization liaison or the chair records it
 * and decides on publicity; the deciding body's chair issues the notice and refers a false
 * accusation on. Each action opens in a dialog.
 */
import {
  CLEARING_FINDING_LABEL,
  CLEARING_FINDINGS,
  CLEARING_MANNER_LABEL,
  CLEARING_MANNERS,
  TEXT_LIMITS,
} from '../../shared';
import { Card, DatePicker, Descriptions, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { TAG } from '../../components/tagColors';
import { ActionButton, compact } from './ActionButton';
import { ReasonField } from './fields';
import type { CaseFile } from './model';
import { useCase } from './useCaseAction';

type Clearing = NonNullable<CaseFile['clearing']>;

const STATE_COLOR: Readonly<Record<Clearing['state'], string>> = {
  recorded: TAG.warning,
  notice_issued: TAG.info,
  publicized: TAG.success,
  closed: TAG.success,
};

const iso = (d: unknown) => (d as Dayjs).format('YYYY-MM-DD');

export function ClearingCard() {
  const { t } = useTranslation();
  const { c } = useCase();
  const a = c.abilities;
  const k = c.clearing;
  if (!k && !a['recordClearing']) return null;
  return (
    <Card
      title={t('clearing.title')}
      className="rc-gap"
      data-testid="case-clearing"
      extra={
        <Space wrap>
          {a['recordClearing'] ? <RecordButton /> : null}
          {a['issueClearingNotice'] ? <NoticeButton /> : null}
          {a['publicizeClearing'] ? <PublicizeButton /> : null}
          {a['closeClearing'] ? <CloseButton /> : null}
          {a['referAccuser'] ? <ReferButton /> : null}
        </Space>
      }
    >
      {k ? (
        <Record k={k} />
      ) : (
        <Typography.Text type="secondary">{t('clearing.none')}</Typography.Text>
      )}
    </Card>
  );
}

function Record({ k }: { readonly k: Clearing }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div data-testid="clearing-record">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} className="rc-gap">
        <Descriptions.Item label={t('clearing.state')}>
          <Tag color={STATE_COLOR[k.state]} data-testid="clearing-state">
            {pick(k.stateLabel, lang)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('clearing.finding')}>
          <Tag color={k.finding === 'false_accusation' ? TAG.danger : TAG.info}>
            {pick(k.findingLabel, lang)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('clearing.manner')}>
          {pick(k.mannerLabel, lang)}（{k.scope}）
        </Descriptions.Item>
        <Descriptions.Item label={t('clearing.recordedOn')}>
          {k.recordedOn}
          {k.recordedBy ? `（${k.recordedBy.name}）` : ''}
        </Descriptions.Item>
        {k.notice ? (
          <Descriptions.Item label={t('clearing.notice')}>
            <span data-testid="clearing-notice-number">{k.notice.number}</span>
            {`（${k.notice.issuedOn}）`}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Paragraph>
        <Typography.Text strong>{t('clearing.alleged')}：</Typography.Text>
        <span className="rc-prewrap">{k.alleged}</span>
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text strong>{t('clearing.found')}：</Typography.Text>
        <span className="rc-prewrap">{k.found}</span>
      </Typography.Paragraph>
      {k.publicity ? (
        <Typography.Paragraph data-testid="clearing-publicity">
          <Typography.Text strong>{t('clearing.publicity')}：</Typography.Text>
          {t('clearing.publicityText', {
            channel: k.publicity.channel,
            from: k.publicity.from,
            to: k.publicity.to,
            consentOn: k.publicity.consentOn,
            consent: k.publicity.consentRecord,
          })}
        </Typography.Paragraph>
      ) : null}
      {k.closed ? (
        <Typography.Paragraph data-testid="clearing-closed">
          <Typography.Text strong>{t('clearing.closedOn', { on: k.closed.on })}：</Typography.Text>
          <span className="rc-prewrap">{k.closed.reason}</span>
        </Typography.Paragraph>
      ) : null}
      {k.referral ? (
        <Typography.Paragraph data-testid="clearing-referral">
          <Typography.Text strong>{t('clearing.referral')}：</Typography.Text>
          {t('clearing.referralText', { to: k.referral.to, on: k.referral.on })}
          {k.referral.basis ? <span className="rc-prewrap">{k.referral.basis}</span> : null}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}

function RecordButton() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ActionButton
      label={t('clearing.record')}
      path="clearing"
      primary
      testId="clearing-record-open"
      intro={t('clearing.recordIntro')}
      initialValues={{ finding: 'untrue', manner: 'circular' }}
      fields={
        <>
          <Form.Item name="finding" label={t('clearing.finding')}>
            <Radio.Group>
              {CLEARING_FINDINGS.map((f) => (
                <Radio key={f} value={f}>
                  {pick(CLEARING_FINDING_LABEL[f], lang)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <ReasonField
            name="alleged"
            label={t('clearing.alleged')}
            required={t('clearing.allegedRequired')}
            max={TEXT_LIMITS.clearingAlleged.max}
            rows={3}
          />
          <ReasonField
            name="found"
            label={t('clearing.found')}
            required={t('clearing.foundRequired')}
            max={TEXT_LIMITS.clearingFound.max}
            rows={3}
          />
          <Form.Item name="manner" label={t('clearing.manner')}>
            <Radio.Group>
              {CLEARING_MANNERS.map((m) => (
                <Radio key={m} value={m}>
                  {pick(CLEARING_MANNER_LABEL[m], lang)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <ReasonField
            name="scope"
            label={t('clearing.scope')}
            required={t('clearing.scopeRequired')}
            max={TEXT_LIMITS.clearingScope.max}
            rows={1}
          />
        </>
      }
    />
  );
}

function NoticeButton() {
  const { t } = useTranslation();
  return (
    <ActionButton
      label={t('clearing.issueNotice')}
      path="clearing/notice"
      primary
      testId="clearing-notice"
      confirm={t('clearing.issueNoticeConfirm')}
    />
  );
}

function PublicizeButton() {
  const { t } = useTranslation();
  return (
    <ActionButton
      label={t('clearing.publicize')}
      path="clearing/publicity"
      testId="clearing-publicize"
      intro={t('clearing.publicizeIntro')}
      toBody={(v) => ({
        ...compact({ consentRecord: v['consentRecord'], channel: v['channel'] }),
        consentOn: iso(v['consentOn']),
        from: iso(v['from']),
        to: iso(v['to']),
      })}
      fields={
        <>
          <Form.Item
            name="consentOn"
            label={t('clearing.consentOn')}
            rules={[{ required: true, message: t('clearing.consentOnRequired') }]}
          >
            <DatePicker />
          </Form.Item>
          <ReasonField
            name="consentRecord"
            label={t('clearing.consentRecord')}
            required={t('clearing.consentRecordRequired')}
            max={TEXT_LIMITS.clearingConsent.max}
            rows={1}
          />
          <ReasonField
            name="channel"
            label={t('clearing.channel')}
            required={t('clearing.channelRequired')}
            max={TEXT_LIMITS.clearingChannel.max}
            rows={1}
          />
          <Space wrap>
            <Form.Item
              name="from"
              label={t('clearing.from')}
              rules={[{ required: true, message: t('clearing.fromRequired') }]}
            >
              <DatePicker />
            </Form.Item>
            <Form.Item
              name="to"
              label={t('clearing.to')}
              rules={[{ required: true, message: t('clearing.toRequired') }]}
            >
              <DatePicker />
            </Form.Item>
          </Space>
        </>
      }
    />
  );
}

function CloseButton() {
  const { t } = useTranslation();
  return (
    <ActionButton
      label={t('clearing.close')}
      path="clearing/close"
      testId="clearing-close"
      intro={t('clearing.closeIntro')}
      fields={
        <ReasonField
          name="reason"
          label={t('clearing.closeReason')}
          required={t('clearing.closeReasonRequired')}
          max={TEXT_LIMITS.clearingCloseReason.max}
        />
      }
    />
  );
}

function ReferButton() {
  const { t } = useTranslation();
  return (
    <ActionButton
      label={t('clearing.refer')}
      path="clearing/referral"
      testId="clearing-refer"
      intro={t('clearing.referIntro')}
      toBody={(v) => ({
        ...compact({ referredTo: v['referredTo'], basis: v['basis'] }),
        referredOn: iso(v['referredOn']),
      })}
      fields={
        <>
          <Form.Item
            name="referredTo"
            label={t('clearing.referredTo')}
            rules={[
              { required: true, whitespace: true, message: t('clearing.referredToRequired') },
            ]}
          >
            <Input maxLength={TEXT_LIMITS.accuserReferralBody.max} />
          </Form.Item>
          <Form.Item
            name="referredOn"
            label={t('clearing.referredOn')}
            rules={[{ required: true, message: t('clearing.referredOnRequired') }]}
          >
            <DatePicker />
          </Form.Item>
          <ReasonField
            name="basis"
            label={t('clearing.basis')}
            required={t('clearing.basisRequired')}
            max={TEXT_LIMITS.accuserReferralBasis.max}
          />
        </>
      }
    />
  );
}
