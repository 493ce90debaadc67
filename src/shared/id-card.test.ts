import { expect, it } from 'vitest';
import { idCardCheckChar, idCardProblem, maskIdCard, normalizeIdCard } from './id-card.js';

it('computes the GB 11643 check character, X for ten', () => {
  // The standard's own example: 11010519491231002X.
  expect(idCardCheckChar('11010519491231002')).toBe('X');
  expect(idCardProblem('11010519491231002X')).toBeNull();
  expect(idCardProblem(normalizeIdCard(' 110105 19491231 002x '))).toBeNull();
  expect(idCardProblem('110105194912310021')).toBe('check');
  expect(idCardProblem('11010519491231002')).toBe('format');
  expect(idCardProblem('1101051949123100X2')).toBe('format');
});

it('masks all but the first four and the last four characters', () => {
  expect(maskIdCard('33011019800315105X')).toBe('3301**********105X');
  expect(maskIdCard('1234')).toBe('****');
});
