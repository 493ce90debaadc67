/** Plain calendar-date helpers for the application layer. */
export function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The last day of a period of `months` months counted from `day` (an ISO date), as the Civil Code
 * counts it (Arts. 201–202): the period starts the next day and ends on the corresponding day of
 * the last month, or on that month's last day when it has no such day. 2025-03-03 + 12 months →
 * 2026-03-03; 2025-01-31 + 1 month → 2025-02-28.
 */
export function monthsEndIso(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}
