/**
 * 申请时限 on the application form: the day the official was notified of the accountability
 * decision, where one was made, and the window of the measure that would govern the application
 * (GET /api/officials/:id/application-window) with its last day where it is known. The server
 * refuses an application outside it; this says so before the applicant writes it.
 */
import { Alert, DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { pick } from '../../i18n';
import { useLang } from '../../lang';
import { writtenDate } from '../../shared';
import { useApi } from '../../useApi';
import { ISO_DATE } from './applyModel';
import type { ApplicationWindowAnswer } from './types';

type Window = NonNullable<ApplicationWindowAnswer['window']>;

const validDay = (v: unknown): string | null =>
  typeof v === 'string' && ISO_DATE.test(v) && v <= dayjs().format('YYYY-MM-DD') ? v : null;

/** The window of the official's measure for these dates (none until both are known). */
function useApplicationWindow(officialId: string | null) {
  const form = Form.useFormInstance();
  const conductDate = validDay(Form.useWatch('conductDate', form));
  const notifiedOn = validDay(Form.useWatch('accountabilityNotifiedOn', form));
  const query = new URLSearchParams();
  if (conductDate) query.set('conductDate', conductDate);
  if (notifiedOn) query.set('notifiedOn', notifiedOn);
  const path =
    officialId && conductDate
      ? `/api/officials/${encodeURIComponent(officialId)}/application-window?${query.toString()}`
      : null;
  // Nothing to show once the date is cleared (useApi keeps its last answer).
  return { ...useApi<ApplicationWindowAnswer>(path), active: path !== null };
}

/** The window in one sentence, with its clause and its last day where known. */
function WindowNote({ w }: { readonly w: Window }) {
  const { t } = useTranslation();
  const lang = useLang();
  const basis = w.basis ? t('official.apply.windowBasis', { basis: pick(w.basis, lang) }) : '';
  const rule = t('official.apply.windowRule', { window: pick(w.text, lang), basis });
  let detail: string;
  if (w.lastDay) {
    const last = writtenDate(w.lastDay)[lang];
    detail = w.inTime
      ? t('official.apply.windowLastDay', { day: last })
      : t('official.apply.windowPassed', { day: last });
  } else {
    detail = w.duringInvestigation
      ? t('official.apply.windowDuringInvestigation')
      : t('official.apply.windowNeedsNotification');
  }
  return (
    <Alert
      className="rc-gap"
      type={w.inTime ? 'info' : 'warning'}
      showIcon
      title={rule}
      description={detail}
      data-testid="application-window"
    />
  );
}

/** The day of notification of the accountability decision, and the window it opens. */
export function ApplicationWindowField({ officialId }: { readonly officialId: string | null }) {
  const { t } = useTranslation();
  const window = useApplicationWindow(officialId);
  return (
    <>
      <Form.Item
        name="accountabilityNotifiedOn"
        label={t('official.apply.notifiedOn')}
        extra={t('official.apply.notifiedOnHelp')}
        getValueProps={(v: unknown) => ({
          value: typeof v === 'string' && ISO_DATE.test(v) ? dayjs(v) : undefined,
        })}
        normalize={(v: dayjs.Dayjs | null) => (v ? v.format('YYYY-MM-DD') : undefined)}
        dependencies={['conductDate']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_r, v: unknown) => {
              if (typeof v !== 'string') return;
              if (v > dayjs().format('YYYY-MM-DD')) {
                throw new Error(t('official.apply.notifiedOnFuture'));
              }
              const conduct: unknown = getFieldValue('conductDate');
              if (typeof conduct === 'string' && v < conduct) {
                throw new Error(t('official.apply.notifiedOnBeforeConduct'));
              }
            },
          }),
        ]}
      >
        <DatePicker
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          placeholder={t('official.apply.datePlaceholder')}
        />
      </Form.Item>
      {window.active && window.status === 'ok' && window.data.window ? (
        <WindowNote w={window.data.window} />
      ) : null}
    </>
  );
}
