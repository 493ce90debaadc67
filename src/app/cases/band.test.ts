import { describe, expect, it } from 'vitest';
import { bandOf, departsFrom } from './band.js';

describe('the recommended band', () => {
  it('is the outcomes the deciding entry allows; deciding within it does not depart', () => {
    const rec = { outcome: 'exempted', recommended: ['exempted', 'reduced'] };
    expect(bandOf(rec)).toEqual(['exempted', 'reduced']);
    expect(departsFrom(rec, 'reduced')).toBe(false);
    expect(departsFrom(rec, 'lighter')).toBe(true);
  });

  it('is the one outcome of a recommendation stored before bands were given', () => {
    expect(bandOf({ outcome: 'lighter' })).toEqual(['lighter']);
    expect(departsFrom({ outcome: 'lighter' }, 'lighter')).toBe(false);
    expect(departsFrom({ outcome: 'lighter' }, 'exempted')).toBe(true);
  });

  it('is empty when the facts do not decide the case: every outcome departs', () => {
    const rec = { outcome: 'undetermined', recommended: [] };
    expect(bandOf(rec)).toEqual([]);
    expect(departsFrom(rec, 'exempted')).toBe(true);
    expect(departsFrom({ outcome: 'undetermined' }, 'undetermined')).toBe(true);
  });
});
