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

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * An ISO day as the texts write it: 2026年12月9日 (GB/T 9704-2012 7.3.5.1: Arabic numerals, the
 * year in full, no leading zeros), 9 December 2026.
 */
export function writtenDate(day: string): { readonly zh: string; readonly en: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { zh: `${y}年${m}月${d}日`, en: `${d} ${EN_MONTHS[m - 1] ?? ''} ${y}` };
}
