/**
 * Checking what officers type: free texts (reasons, notes, opinions) present, trimmed, bounded;
 * days real and not after today. The bounds are the API's (TEXT_LIMITS in src/shared/limits.ts),
 * so that a text the API refuses is refused here too, from the CLI and the demo alike:
 *
 *   requireText('reason', req.reason, { what: { zh: '撤回理由', en: '…' }, ...TEXT_LIMITS.withdrawalReason })
 *   requireDay('heldOn', req.heldOn, { what: { zh: '谈话日期', en: 'the date of the talk' }, notAfter: today(ctx) })
 */
import { isIsoDate } from '../../calendar/days.js';
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

export interface DayRule {
  /** What the day is, for the message: { zh: '谈话日期', en: 'the date of the talk' }. */
  readonly what: I18nText;
  /** The last day allowed, YYYY-MM-DD: China's today (the default wording says "today"). */
  readonly notAfter?: string;
  /** A place's own wording, where it has one, for a value that is not a real day… */
  readonly notADay?: I18nText;
  /** …and for a day after `notAfter`. */
  readonly tooLate?: I18nText;
}

/**
 * The day, a real one written YYYY-MM-DD (2025-02-30 is refused) and not after `rule.notAfter`, or
 * a VALIDATION error naming the field. The default message asks for the day by what it is.
 */
export function requireDay(field: string, value: unknown, rule: DayRule): string {
  const bounded = rule.notAfter !== undefined;
  if (!isIsoDate(value)) {
    throw invalidAs(field, rule.notADay ?? dayWanted(rule.what, bounded));
  }
  if (bounded && value > rule.notAfter) {
    throw invalidAs(field, rule.tooLate ?? dayWanted(rule.what, true));
  }
  return value;
}

function dayWanted(what: I18nText, notAfterToday: boolean): I18nText {
  return notAfterToday
    ? {
        zh: `请填写${what.zh}（YYYY-MM-DD），且不得晚于今日。`,
        en: `give ${what.en} (YYYY-MM-DD), not later than today.`,
      }
    : { zh: `请填写${what.zh}（YYYY-MM-DD）。`, en: `give ${what.en} (YYYY-MM-DD).` };
}

function invalidAs(field: string, message: I18nText) {
  return invalid(field, message.zh, message.en);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
