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

export const VISIT_CONCLUSION_LABEL: Readonly<Record<VisitConclusion, I18nText>> = {
  performing_well: { zh: '表现良好', en: 'Performing well' },
  needs_support: { zh: '需加强关心帮助', en: 'Needs support' },
  concern: { zh: '存在问题需关注', en: 'Gives cause for concern' },
};
