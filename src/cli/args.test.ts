import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';
import { CliError } from './errors.js';

const SPEC = { pack: 'string', json: 'flag' } as const;

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CliError) return e.text.en;
    throw e;
  }
  return 'no error';
}

describe('parseArgs', () => {
  it('reads --opt value, --opt=value, flags and positionals', () => {
    const a = parseArgs(['x', '--pack', 'cn', '--json', 'y'], SPEC);
    expect([...a.opts]).toEqual([
      ['pack', 'cn'],
      ['json', true],
    ]);
    expect(a.positionals).toEqual(['x', 'y']);
    expect(parseArgs(['--pack=a=b'], SPEC).opts.get('pack')).toBe('a=b');
  });

  it('takes "-" as a value or a positional, and -h as --help', () => {
    expect(parseArgs(['--pack', '-'], SPEC).opts.get('pack')).toBe('-');
    expect(parseArgs(['-'], SPEC).positionals).toEqual(['-']);
    expect(parseArgs(['-h'], SPEC).opts.get('help')).toBe(true);
  });

  it('stops at -- and, when asked, at the first positional', () => {
    expect(parseArgs(['--', '--json'], SPEC).positionals).toEqual(['--json']);
    const a = parseArgs(['--lang', 'en', 'policy', '--json'], {}, { stopAtPositional: true });
    expect(a.opts.get('lang')).toBe('en');
    expect(a.rest).toEqual(['policy', '--json']);
  });

  it('refuses unknown options with a suggestion, missing values, values on flags, repeats', () => {
    expect(errorOf(() => parseArgs(['--jsn'], SPEC))).toContain('Did you mean --json?');
    expect(errorOf(() => parseArgs(['-x'], SPEC))).toContain('unknown option -x');
    expect(errorOf(() => parseArgs(['--pack'], SPEC))).toContain('--pack needs a value');
    expect(errorOf(() => parseArgs(['--pack', '--json'], SPEC))).toContain('--pack needs a value');
    expect(errorOf(() => parseArgs(['--pack='], SPEC))).toContain('empty value');
    expect(errorOf(() => parseArgs(['--json=1'], SPEC))).toContain('takes no value');
    expect(errorOf(() => parseArgs(['--json', '--json'], SPEC))).toContain('more than once');
  });
});
