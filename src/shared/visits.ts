/**
 * Follow-up visits (回访) of officials in an impact period: a visit's states and the conclusions a
 * visit comes to, defined once for the server and the web app (src/app/visits/, pages/visits/).
 */
import type { I18nText } from '../policy/model.js';

export const VISIT_STATES = ['scheduled', 'done'] as const;
export type VisitState = (typeof VISIT_STATES)[number];

/** What the visit found: the official performs well, needs support, or gives cause for concern. */
export const VISIT_CONCLUSIONS = ['performing_well', 'needs_support', 'concern'] as const;
export type VisitConclusion = (typeof VISIT_CONCLUSIONS)[number];

/**
 * The workbench's tasks on a follow-up visit (the to-do item's `subjectId`): done on the 回访 screen,
 * where the visit's record form is, not on the case page.
 */
export const VISIT_TASKS = ['recordVisit', 'reportVisit'] as const;

/** The kinds of reminder about a visit (src/shared/notifications.ts): they open the 回访 screen too. */
export const VISIT_NOTIFICATION_KINDS = ['visit.due_soon', 'visit.overdue'] as const;

/** The 回访 screen on one visit: its jurisdiction chosen, its row marked, its form at hand. */
export function visitHref(visitId: string): string {
  return `/visits?visit=${encodeURIComponent(visitId)}`;
}

/** The longest seed a liaison may give a draw (visible ASCII characters, no spaces). */
export const VISIT_SEED_MAX_LENGTH = 128;

export const VISIT_CONCLUSION_LABEL: Readonly<Record<VisitConclusion, I18nText>> = {
  performing_well: { zh: '表现良好', en: 'Performing well' },
  needs_support: { zh: '需加强关心帮助', en: 'Needs support' },
  concern: { zh: '存在问题需关注', en: 'Gives cause for concern' },
};

/**
 * The size of a follow-up sample: at least `share` of `n`, rounded up — ⌈share × n⌉, without
 * floating-point noise pushing an exact product up (0.3 × 10 is 3). The draw (src/app/visits/
 * sample.ts) takes this many; the screen shows it before the draw.
 */
export function sampleSize(share: number, n: number): number {
  if (n <= 0) return 0;
  const exact = Math.round(share * n * 1e9) / 1e9;
  return Math.min(n, Math.ceil(exact));
}
