/**
 * Checking the free texts officers type (reasons, notes, opinions): present, trimmed, bounded.
 * The bounds are the API's (TEXT_LIMITS in src/shared/limits.ts), so that a text the API refuses
 * is refused here too, from the CLI and the demo alike:
 *
 *   requireText('reason', req.reason, { what: { zh: '撤回理由', en: '…' }, ...TEXT_LIMITS.withdrawalReason })
 */
import type { I18nText } from '../../policy/model.js';
import type { TextLimit } from '../../shared/limits.js';
import { invalid } from '../errors.js';

export interface TextRule extends TextLimit {
  /** What the text is, for the message: { zh: '撤回理由', en: 'the reason for withdrawing' }. */
  readonly what: I18nText;
}

/** The trimmed text, or a VALIDATION error naming the field, the length wanted and how to fix it. */
export function requireText(field: string, value: unknown, rule: TextRule): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if ([...text].length < rule.min) {
    throw invalid(
      field,
      `请填写${rule.what.zh}（至少 ${rule.min} 个字）。`,
      `give ${rule.what.en} (at least ${rule.min} characters).`,
    );
  }
  if ([...text].length > rule.max) {
    throw invalid(
      field,
      `${rule.what.zh}不能超过 ${rule.max} 个字，请精简或作为证据材料上传。`,
      `${rule.what.en} cannot be longer than ${rule.max} characters; shorten it or upload it as evidence.`,
    );
  }
  return text;
}

/** Like requireText, but an absent or blank value gives '' (the rule's `min` is not used). */
export function optionalText(field: string, value: unknown, rule: Omit<TextRule, 'min'>): string {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
    return '';
  }
  return requireText(field, value, { ...rule, min: 1 });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
