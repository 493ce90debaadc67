/**
 * The official documents (公文) of a case (domain.md §12), defined once for the server and the web
 * app: their types, in the order a case produces them, and their names.
 */
import type { I18nText } from '../policy/model.js';

export const DOCUMENT_TYPES = [
  'acceptance',
  'refusal',
  'determination',
  'review_decision',
  'appeal_decision',
  'publicity',
  'delivery_receipt',
  'correction',
  'clearing',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_LABEL: Readonly<Record<DocumentType, I18nText>> = {
  acceptance: { zh: '受理通知书', en: 'Notice of acceptance' },
  refusal: { zh: '不予受理通知书', en: 'Notice of refusal' },
  determination: { zh: '认定书', en: 'Determination' },
  review_decision: { zh: '复核决定书', en: 'Review decision' },
  appeal_decision: { zh: '申诉处理决定书', en: 'Appeal decision' },
  publicity: { zh: '公示公告', en: 'Publicity notice' },
  delivery_receipt: { zh: '送达回证', en: 'Delivery receipt' },
  correction: { zh: '纠错意见书', en: 'Correction opinion' },
  clearing: { zh: '澄清正名通报', en: 'Notice clearing an official’s name' },
};
