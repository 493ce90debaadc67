/**
 * The second step of signing in (two factors): the code from the authenticator app or a recovery
 * code; or, for a user who must use two factors and has none yet, the enrolment (QR code and the
 * secret as text, one code to confirm), after which the ten recovery codes are shown once.
 */
import { TEXT_LIMITS } from '../shared';
import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Image, Input, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { ErrorAlert } from '../components/ErrorAlert';
import type { EnrolledAnswer, SecondFactorAnswer, Session, TotpEnrolment } from '../types';

interface Fields {
  code: string;
}

/** The second step to take; `afterPlatform` when the identity platform has vouched already. */
export interface SecondStep extends Pick<SecondFactorAnswer, 'secondFactor' | 'ticket'> {
  readonly afterPlatform?: boolean;
}

/** The ten recovery codes, shown once, with the button that goes on. */
export function RecoveryCodeList({ codes }: { readonly codes: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert
        className="rc-gap"
        type="warning"
        showIcon
        title={t('administrators.signIn.recoveryTitle')}
        description={t('administrators.signIn.recoveryIntro')}
      />
      <ol className="rc-recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <Typography.Text code copyable>
              {c}
            </Typography.Text>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The QR code and the secret as text. */
export function EnrolmentSecret({ enrolment }: { readonly enrolment: TotpEnrolment }) {
  const { t } = useTranslation();
  return (
    <div className="rc-gap">
      <Image
        src={enrolment.qrCode}
        alt={t('administrators.signIn.qrAlt')}
        width={200}
        preview={false}
      />
      <Typography.Paragraph>
        {t('administrators.signIn.secret')}：
        <Typography.Text code copyable data-testid="totp-secret">
          {enrolment.secret}
        </Typography.Text>
      </Typography.Paragraph>
    </div>
  );
}

export function SecondFactorStep({
  answer,
  onBack,
}: {
  /** The step and its ticket: from the password's answer, or a single sign-on's fragment. */
  readonly answer: SecondStep;
  readonly onBack: () => void;
}) {
  const { t } = useTranslation();
  const { adopt } = useAuth();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [enrolled, setEnrolled] = useState<EnrolledAnswer | null>(null);
  const enrol = answer.secondFactor === 'enrol';

  useEffect(() => {
    if (!enrol) return;
    api<TotpEnrolment>(
      'POST',
      '/api/auth/enrolment',
      { ticket: answer.ticket },
      { quietOn401: true },
    )
      .then(setEnrolment)
      .catch(setError);
  }, [enrol, answer.ticket]);

  const submit = async (v: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      const body = { ticket: answer.ticket, code: v.code.trim(), client: 'browser' };
      if (enrol) {
        setEnrolled(
          await api<EnrolledAnswer>('POST', '/api/auth/enrolment/confirm', body, {
            quietOn401: true,
          }),
        );
      } else {
        adopt(await api<Session>('POST', '/api/auth/second-factor', body, { quietOn401: true }));
      }
    } catch (e) {
      setError(e);
      form.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  };

  if (enrolled) {
    const { recoveryCodes, ...session } = enrolled;
    return (
      <section data-testid="second-factor">
        <RecoveryCodeList codes={recoveryCodes} />
        <Button type="primary" block onClick={() => adopt(session)}>
          {t('administrators.signIn.recoveryDone')}
        </Button>
      </section>
    );
  }

  const left =
    error instanceof ApiError && typeof error.details['attemptsLeft'] === 'number'
      ? error.details['attemptsLeft']
      : null;
  const ticketGone = error instanceof ApiError && error.code === 'TOTP_TICKET_INVALID';
  return (
    <section data-testid="second-factor">
      <Typography.Title level={4}>
        <SafetyOutlined />{' '}
        {enrol ? t('administrators.signIn.enrolTitle') : t('administrators.signIn.codeTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {enrol
          ? t('administrators.signIn.enrolIntro')
          : t(
              answer.afterPlatform
                ? 'administrators.signIn.codeIntroPlatform'
                : 'administrators.signIn.codeIntro',
            )}
      </Typography.Paragraph>
      {enrol && !enrolment && !error ? <Spin /> : null}
      {enrolment ? <EnrolmentSecret enrolment={enrolment} /> : null}
      {error ? (
        <div className="rc-gap" data-testid="second-factor-error">
          <ErrorAlert error={error} title={t('administrators.signIn.failed')} />
          {left !== null && left > 0 ? (
            <Typography.Text type="secondary">
              {t('administrators.signIn.attemptsLeft', { count: left })}
            </Typography.Text>
          ) : null}
        </div>
      ) : null}
      {ticketGone ? null : (
        <Form<Fields>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item
            name="code"
            label={enrol ? t('administrators.signIn.enrolCode') : t('administrators.signIn.code')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('administrators.signIn.codeRequired'),
              },
            ]}
          >
            <Input
              autoComplete="one-time-code"
              inputMode={enrol ? 'numeric' : 'text'}
              autoFocus
              maxLength={TEXT_LIMITS.secondFactorCode.max}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {enrol ? t('administrators.signIn.enrolSubmit') : t('administrators.signIn.submit')}
          </Button>
        </Form>
      )}
      <Button type="link" block onClick={onBack}>
        {t('administrators.signIn.back')}
      </Button>
    </section>
  );
}
