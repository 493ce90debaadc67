import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chinaToday } from './io.js';
import { run } from './main.js';

/** 17:30 UTC on New Year's Eve: already 1 January in China (UTC+8). */
const NEW_YEAR_IN_CHINA = new Date('2025-12-31T17:30:00Z');

describe('the CLI takes today in China', () => {
  const tz = process.env['TZ'];
  beforeEach(() => {
    // The machine's clock in UTC, as on most servers: its local date is still 31 December.
    process.env['TZ'] = 'UTC';
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NEW_YEAR_IN_CHINA);
  });
  afterEach(() => {
    vi.useRealTimers();
    if (tz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = tz;
  });

  it('chinaToday is the date in Asia/Shanghai, not the local date', () => {
    expect(new Date().getDate()).toBe(31);
    expect(chinaToday()).toBe('2026-01-01');
    expect(chinaToday(new Date('2026-06-30T15:59:00Z'))).toBe('2026-06-30');
    expect(chinaToday(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });

  it('policy eval without --at evaluates the conduct on the date in China', async () => {
    let stdout = '';
    let stderr = '';
    const code = await run(['policy', 'eval', '--pack', 'cn-national', '--facts', '-', '--json'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: Readable.from([Buffer.from('{"privateGain": false}')]),
      cwd: process.cwd(),
      env: {},
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { time: { conductDate: string } };
    expect(out.time.conductDate).toBe('2026-01-01');
  });
});
