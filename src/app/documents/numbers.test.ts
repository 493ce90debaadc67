import { describe, expect, it } from 'vitest';
import { defaultCode, defaultPattern, numberFor } from './numbers.js';

const area = { id: 'x-new-area', nameZh: 'X新区', documentCode: null, documentPatterns: {} };

describe('official numbers (发文字号)', () => {
  it('derive the issuing code from the short name, keeping one-character names whole', () => {
    expect(defaultCode('X新区')).toBe('X新');
    expect(defaultCode('浦东新区')).toBe('浦东新');
    expect(defaultCode('某市')).toBe('某市');
    expect(defaultCode('Y区')).toBe('Y区');
    expect(defaultCode('某省')).toBe('某省');
  });

  it('write code, type, 〔year〕 and the serial without zeros', () => {
    expect(numberFor(area, 'determination', 2026, 42)).toBe('X新容认〔2026〕42号');
    expect(numberFor(area, 'case', 2026, 7)).toBe('X新容申〔2026〕7号');
    expect(numberFor(area, 'refusal', 2026, 1)).toBe('X新容不受〔2026〕1号');
    expect(defaultPattern('review_decision')).toBe('{code}容复〔{year}〕{n}号');
  });

  it('follow the jurisdiction’s code and patterns where set; a pattern without {n} is ignored', () => {
    const configured = {
      ...area,
      documentCode: '新组',
      documentPatterns: { determination: '{code}容字〔{year}〕第{n}号', acceptance: 'bad' },
    };
    expect(numberFor(configured, 'determination', 2026, 3)).toBe('新组容字〔2026〕第3号');
    expect(numberFor(configured, 'acceptance', 2026, 3)).toBe('新组容受〔2026〕3号');
  });
});
