import { beijingDateTime } from './shared';

/** A moment as Beijing time (the procedure's clock), e.g. 2025-06-03 14:05, in either language. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : beijingDateTime(d);
}
