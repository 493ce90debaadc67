import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainLink, hashOfLink } from './digest.js';

describe('chain links', () => {
  it('keeps SHA-256 links as bare hex, as the trail always wrote them', () => {
    const link = chainLink('sha256', 'prev', '{"a":1}');
    expect(link).toBe(createHash('sha256').update('prev\n{"a":1}').digest('hex'));
    expect(hashOfLink(link)).toBe('sha256');
  });

  it('marks SM3 links and computes GB/T 32905 SM3', () => {
    // GB/T 32905-2016 Appendix A, example 1: SM3("abc").
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    const link = chainLink('sm3', '', 'body');
    expect(link).toMatch(/^sm3:[0-9a-f]{64}$/);
    expect(hashOfLink(link)).toBe('sm3');
  });
});
