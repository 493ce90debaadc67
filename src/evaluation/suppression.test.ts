import { describe, expect, it } from 'vitest';
import { freeTextReportable, reportable, suppressGroups } from './suppression.js';

describe('suppressGroups', () => {
  it('hides nothing when every group reaches k', () => {
    expect(suppressGroups([5, 12, 30], 5)).toEqual([false, false, false]);
  });

  it('hides a small group and, beside a total, the smallest other group with respondents', () => {
    // 3 is under k; with the total shown, 3 = total − 12 − 30 − 7, so 7 is hidden as well.
    expect(suppressGroups([3, 12, 30, 7], 5)).toEqual([true, false, false, true]);
  });

  it('needs no complement when two groups are already hidden, or no total is shown', () => {
    expect(suppressGroups([3, 2, 30], 5)).toEqual([true, true, false]);
    expect(suppressGroups([3, 12, 30], 5, false)).toEqual([true, false, false]);
  });

  it('never picks an empty group as the complement, and never hides an empty one', () => {
    expect(suppressGroups([4, 0, 9, 20], 5)).toEqual([true, false, true, false]);
  });

  it('uses k of at least 5 whatever it is given, and a raised k', () => {
    expect(suppressGroups([4, 6, 40], 2)).toEqual([true, true, false]);
    expect(suppressGroups([8, 9, 40], 10)).toEqual([true, true, false]);
  });
});

describe('thresholds', () => {
  it('reports a group of k or more, never under 5', () => {
    expect(reportable(5, 5)).toBe(true);
    expect(reportable(4, 5)).toBe(false);
    expect(reportable(4, 1)).toBe(false);
    expect(reportable(7, 8)).toBe(false);
  });

  it('shows free text only at the higher threshold', () => {
    expect(freeTextReportable(9, 5, 10)).toBe(false);
    expect(freeTextReportable(10, 5, 10)).toBe(true);
    expect(freeTextReportable(11, 12, 10)).toBe(false);
  });
});
