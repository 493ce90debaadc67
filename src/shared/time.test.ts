import { describe, expect, it } from 'vitest';
import { beijingDateTime } from './time.js';

describe('beijingDateTime', () => {
  it('writes an instant as Beijing time to the minute, midnight as 00', () => {
    expect(beijingDateTime(new Date('2025-06-03T06:05:59Z'))).toBe('2025-06-03 14:05');
    expect(beijingDateTime(new Date('2025-06-03T16:00:00Z'))).toBe('2025-06-04 00:00');
  });
});
