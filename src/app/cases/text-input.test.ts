/**
 * requireDay: a real day written YYYY-MM-DD, not after the bound, or VALIDATION naming the field
 * with the place's wording (its own where given, else one built from what the day is).
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { requireDay, type DayRule } from './text-input.js';

const TALK: DayRule = {
  what: { zh: '谈话日期', en: 'the date of the talk' },
  notAfter: '2026-03-10',
};

/** The error requireDay throws, or fails the test if it throws none or another kind. */
function refusal(value: unknown, rule: DayRule = TALK): AppError {
  try {
    requireDay('heldOn', value, rule);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`requireDay accepted ${String(value)}`);
}

describe('requireDay', () => {
  it('gives back a real day on or before the bound', () => {
    expect(requireDay('heldOn', '2026-03-10', TALK)).toBe('2026-03-10');
    expect(requireDay('heldOn', '2024-02-29', TALK)).toBe('2024-02-29');
    expect(requireDay('heldOn', '2099-12-31', { what: TALK.what })).toBe('2099-12-31');
  });

  it('refuses what is not written YYYY-MM-DD, naming the field, with the bound in the message', () => {
    for (const bad of [
      '2026-3-1',
      '2026/03/01',
      '20260301',
      ' 2026-03-01',
      '',
      undefined,
      20260301,
    ]) {
      const e = refusal(bad);
      expect(e.code).toBe('VALIDATION');
      expect(e.details).toEqual({ field: 'heldOn' });
      expect(e.text).toEqual({
        zh: 'heldOn：请填写谈话日期（YYYY-MM-DD），且不得晚于今日。',
        en: 'heldOn: give the date of the talk (YYYY-MM-DD), not later than today.',
      });
    }
  });

  it('refuses a day the calendar does not have', () => {
    for (const bad of [
      '2025-02-30',
      '2025-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '0000-01-01',
    ]) {
      expect(refusal(bad).details).toEqual({ field: 'heldOn' });
    }
  });

  it('refuses a day after the bound, and accepts any real day without one', () => {
    expect(refusal('2026-03-11').text.en).toBe(
      'heldOn: give the date of the talk (YYYY-MM-DD), not later than today.',
    );
    expect(refusal('2025-02-30', { what: TALK.what }).text).toEqual({
      zh: 'heldOn：请填写谈话日期（YYYY-MM-DD）。',
      en: 'heldOn: give the date of the talk (YYYY-MM-DD).',
    });
  });

  it("uses a place's own wording for each failure where it gives one", () => {
    const own: DayRule = {
      ...TALK,
      notADay: { zh: '应为日期，如 2025-03-03。', en: 'use a date such as 2025-03-03.' },
      tooLate: { zh: '日期不能晚于今天。', en: 'the date cannot be in the future.' },
    };
    expect(refusal('2025-02-30', own).text).toEqual({
      zh: 'heldOn：应为日期，如 2025-03-03。',
      en: 'heldOn: use a date such as 2025-03-03.',
    });
    expect(refusal('2026-03-11', own).text).toEqual({
      zh: 'heldOn：日期不能晚于今天。',
      en: 'heldOn: the date cannot be in the future.',
    });
  });
});
