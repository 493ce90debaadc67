/**
 * The shipped working-day calendars (GET /api/admin/calendars, /api/admin/calendars/:id/:year) as
 * a month view: days off with their holiday, make-up working weekends (调休上班), and a notice
 * when the year is provisional. The month is a plain table, read row by row by screen readers.
 */
import type { Locale } from '../../shared';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { CalendarDay, CalendarList, CalendarYear } from '../../types';
import { useLang } from '../../lang';
import { useApi } from '../../useApi';

/** The calendar files name holidays '春节 Spring Festival': the part in the interface language. */
function holidayName(name: string, lang: Locale): string {
  const space = name.indexOf(' ');
  if (space < 0) return name;
  return lang === 'en' ? name.slice(space + 1) : name.slice(0, space);
}

/**
 * The number and date of the notice a calendar file cites, in Chinese brackets: the files give
 * the source in English with them in brackets at the end, e.g. '… (国办发明电〔2024〕12号, 2024-11-12)'.
 */
function noticeRef(source: string): string {
  const ref = /\(([^()]*)\)\s*$/.exec(source)?.[1];
  return ref ? `（${ref.replace(/,\s*/g, '，')}）` : '';
}

/** The weeks of a month: rows of seven cells (Monday first), null outside the month. */
function weeksOf(days: readonly CalendarDay[], month: number): (CalendarDay | null)[][] {
  const inMonth = days.filter((d) => Number(d.date.slice(5, 7)) === month);
  const weeks: (CalendarDay | null)[][] = [];
  let week: (CalendarDay | null)[] = Array.from(
    { length: (inMonth[0]?.weekday ?? 1) - 1 },
    () => null,
  );
  for (const d of inMonth) {
    week.push(d);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0)
    weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

export default function Calendars() {
  const { t } = useTranslation();
  const lang = useLang();
  const list = useApi<CalendarList>('/api/admin/calendars');
  const [calendarId, setCalendarId] = useState<string | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [month, setMonth] = useState<number>(1);
  const calendars = list.status === 'ok' ? list.data.calendars : [];
  const current = calendars.find((c) => c.id === calendarId) ?? calendars[0];

  useEffect(() => {
    if (!current || (year !== null && current.years.some((y) => y.year === year))) return;
    // Start at today's month when the calendar has this year, else its first year.
    const now = new Date();
    const has = current.years.some((y) => y.year === now.getFullYear());
    setYear(has ? now.getFullYear() : (current.years[0]?.year ?? null));
    setMonth(has ? now.getMonth() + 1 : 1);
  }, [current, year]);

  const yearData = useApi<CalendarYear>(
    current && year !== null
      ? `/api/admin/calendars/${encodeURIComponent(current.id)}/${year}`
      : null,
  );
  const data = yearData.status === 'ok' && yearData.data.year === year ? yearData.data : null;
  const weeks = useMemo(() => (data ? weeksOf(data.days, month) : []), [data, month]);
  const weekdays = t('admin.calendar.weekdays', { returnObjects: true }) as string[];
  const weekdayNames = t('admin.calendar.weekdayNames', { returnObjects: true }) as string[];
  const years = current?.years ?? [];

  const step = (delta: number) => {
    if (year === null) return;
    let m = month + delta;
    let y = year;
    if (m < 1) {
      m = 12;
      y -= 1;
    } else if (m > 12) {
      m = 1;
      y += 1;
    }
    if (!years.some((x) => x.year === y)) return;
    setYear(y);
    setMonth(m);
  };
  const atStart = year === years[0]?.year && month === 1;
  const atEnd = year === years.at(-1)?.year && month === 12;

  return (
    <section>
      <Typography.Title level={3}>{t('admin.calendar.heading')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.calendar.intro')}</Typography.Paragraph>
      {list.status === 'error' ? (
        <ErrorAlert error={list.error} title={t('admin.calendar.loadFailed')} />
      ) : null}
      {yearData.status === 'error' ? (
        <ErrorAlert error={yearData.error} title={t('admin.calendar.loadFailed')} />
      ) : null}
      <Space wrap className="rc-filters">
        {calendars.length > 1 ? (
          <Select<string>
            aria-label={t('admin.calendar.calendar')}
            value={current?.id}
            onChange={(id) => {
              setCalendarId(id);
              setYear(null);
            }}
            options={calendars.map((c) => ({
              value: c.id,
              label: t(`admin.org.calendarNames.${c.id}`, { defaultValue: c.id }),
            }))}
          />
        ) : null}
        <Segmented<number>
          aria-label={t('admin.calendar.year')}
          value={year ?? undefined}
          onChange={(y) => setYear(y)}
          options={years.map((y) => ({
            value: y.year,
            label: `${y.year}${y.status === 'provisional' ? ` (${t('admin.calendar.provisional')})` : ''}`,
          }))}
        />
        <Button
          icon={<LeftOutlined />}
          aria-label={t('admin.calendar.prev')}
          disabled={atStart}
          onClick={() => step(-1)}
        />
        <Select<number>
          aria-label={t('admin.calendar.month')}
          value={month}
          onChange={setMonth}
          className="rc-month-select"
          // Twelve options: all rendered, so none is out of reach of a screen reader or a test.
          virtual={false}
          options={Array.from({ length: 12 }, (_, i) => ({
            value: i + 1,
            label: t('admin.calendar.monthCaption', { year: year ?? '', month: i + 1 }),
          }))}
        />
        <Button
          icon={<RightOutlined />}
          aria-label={t('admin.calendar.next')}
          disabled={atEnd}
          onClick={() => step(1)}
        />
      </Space>
      {data?.status === 'provisional' ? (
        <Alert
          type="warning"
          showIcon
          title={t('admin.calendar.provisionalNotice', { year: data.year })}
        />
      ) : null}
      <Card className="rc-calendar-card">
        <table className="rc-calendar" data-testid="calendar-month">
          <caption>
            {year !== null ? t('admin.calendar.monthCaption', { year, month }) : ''}
            {data ? (
              <Tag className={`rc-calendar-status rc-tag-${data.status}`}>
                {t(`admin.calendar.${data.status}`)}
              </Tag>
            ) : null}
          </caption>
          <thead>
            <tr>
              {weekdays.map((w, i) => (
                <th key={w} scope="col" abbr={weekdayNames[i]}>
                  {w}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week, i) => (
              <tr key={i}>
                {week.map((d, j) =>
                  d ? (
                    <td key={d.date} className={`rc-day rc-day-${d.kind}`} data-date={d.date}>
                      <span className="rc-day-number">{Number(d.date.slice(8, 10))}</span>
                      {d.kind === 'holiday' ? (
                        <span className="rc-day-mark">
                          {t('admin.calendar.holidayMark')} {holidayName(d.holiday ?? '', lang)}
                        </span>
                      ) : null}
                      {d.kind === 'makeup' ? (
                        <span className="rc-day-mark">{t('admin.calendar.makeupMark')}</span>
                      ) : null}
                    </td>
                  ) : (
                    <td key={`empty-${j}`} className="rc-day rc-day-empty" />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
        <Space wrap className="rc-calendar-legend">
          <span className="rc-day-holiday rc-legend-swatch">
            {t('admin.calendar.legendHoliday')}
          </span>
          <span className="rc-day-makeup rc-legend-swatch">{t('admin.calendar.legendMakeup')}</span>
        </Space>
      </Card>
      {data ? (
        <Descriptions column={1} size="small" bordered className="rc-calendar-facts">
          <Descriptions.Item label={t('admin.calendar.holidays')}>
            <Space orientation="vertical" size={0}>
              {data.holidays.map((h) => (
                <span key={h.name}>
                  {holidayName(h.name, lang)}：{h.dates[0]}
                  {h.dates.length > 1 ? ` – ${h.dates.at(-1)}` : ''}
                </span>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.calendar.makeupDays')}>
            {data.makeupWorkdays.length > 0
              ? data.makeupWorkdays.join(', ')
              : t('admin.calendar.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.calendar.source')}>
            {t(
              `admin.calendar.${data.status === 'provisional' ? 'sourceProvisional' : 'sourcePublished'}`,
              {
                year: data.year,
                source: data.source,
                ref: noticeRef(data.source),
              },
            )}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </section>
  );
}
