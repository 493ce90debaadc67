import { describe, expect, it } from 'vitest';
import { AppError } from '../app/errors.js';
import { SurveyThrottle } from './survey-throttle.js';

const RATE = { max: 3, windowMs: 60_000 };

function limitOf(t: SurveyThrottle, address: string, now: number): number | null {
  try {
    t.check(address, now);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('SURVEY_RATE_LIMITED');
    expect((e as AppError).status).toBe(429);
    return (e as AppError).details['retryAfterSeconds'] as number;
  }
}

describe('the survey throttle (invalid tokens per address)', () => {
  it('limits an address after max failures until its window ends, and no other address', () => {
    const t = new SurveyThrottle(RATE);
    for (let i = 0; i < 3; i++) {
      expect(limitOf(t, '10.0.0.1', 1000 + i)).toBeNull();
      t.fail('10.0.0.1', 1000 + i);
    }
    expect(limitOf(t, '10.0.0.1', 1_000 + 20_000)).toBe(40);
    expect(limitOf(t, '10.0.0.2', 1_000 + 20_000)).toBeNull();
    // Window from the first failure: it ends 60 s after it, and the address starts afresh.
    expect(limitOf(t, '10.0.0.1', 1_000 + 59_999)).toBe(1);
    expect(limitOf(t, '10.0.0.1', 1_000 + 60_000)).toBeNull();
    expect(t.size).toBe(0);
  });

  it('keeps the count of addresses bounded: ended windows are swept, then the oldest dropped', () => {
    const t = new SurveyThrottle(RATE, 3);
    t.fail('a', 0);
    t.fail('b', 30_000);
    t.fail('c', 40_000);
    t.fail('d', 61_000); // 'a' has ended: swept
    expect(t.size).toBe(3);
    for (let i = 0; i < 3; i++) t.fail('b', 50_000);
    expect(limitOf(t, 'b', 62_000)).not.toBeNull();
    t.fail('e', 62_000); // none has ended: the oldest ('b') is dropped
    expect(t.size).toBe(3);
    expect(limitOf(t, 'b', 62_000)).toBeNull();
  });
});
