/** Moments as the procedure reads them: Beijing time (UTC+8), the same on the server and in the app. */

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Beijing time to the minute, e.g. 2025-06-03 14:05. */
export function beijingDateTime(instant: Date): string {
  const parts = Object.fromEntries(BEIJING.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}
