import { describe, expect, it } from 'vitest';
import { cli, expectOneLineError } from '../testing/run.js';

describe('rongcuo config', () => {
  it('lists every setting with its variable, flag, default and the value in effect', async () => {
    const r = await cli(['config'], {
      env: { RONGCUO_PORT: '9000', RONGCUO_LANG: 'zh' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^RONGCUO_PORT {2}\(--port\)\n {2}当前：9000（已设置）；默认：8080\n {2}监听端口。$/m,
    );
    expect(r.stdout).toMatch(
      /^RONGCUO_LOG_LEVEL {2}\(--log-level\)\n {2}当前：info（默认）；默认：info$/m,
    );
    expect(r.stdout).toContain('RONGCUO_READY_MIN_FREE_MB');
    expect(r.stdout).toContain('RONGCUO_TRAIL_HASH');
  });

  it('shows a secret only as set or unset', async () => {
    const r = await cli(['config', '--lang', 'en'], {
      env: {
        DATABASE_URL: 'postgres://rongcuo:pa55word@db:5432/rongcuo',
        RONGCUO_METRICS_TOKEN: 'scrape-s3cret',
      },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^DATABASE_URL\n {2}value: set {3}default: none$/m);
    expect(r.stdout).toMatch(/^RONGCUO_METRICS_TOKEN\n {2}value: set {3}default: none$/m);
    expect(r.stdout).not.toContain('pa55word');
    expect(r.stdout).not.toContain('scrape-s3cret');
    const unset = await cli(['config', '--lang', 'en'], { env: {} });
    expect(unset.stdout).toMatch(/^RONGCUO_METRICS_TOKEN\n {2}value: unset/m);
  });

  it('marks a bad value and exits 1', async () => {
    const r = await cli(['config', '--lang', 'en'], { env: { RONGCUO_LOG_LEVEL: 'loud' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^RONGCUO_LOG_LEVEL {2}\(--log-level\)\n {2}value: invalid/m);
    expect(r.stdout).toContain("The setting RONGCUO_LOG_LEVEL has the invalid value 'loud'");
    expect(r.stderr).toBe('rongcuo: 1 setting(s) have an invalid value, shown above.\n');
  });

  it('--check: 0 when every value reads, else one line naming the first bad one, exit 1', async () => {
    const ok = await cli(['config', '--check', '--lang', 'en'], { env: { RONGCUO_PORT: '80' } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^The configuration is valid: all \d+ settings can be read\.\n$/);
    expectOneLineError(
      await cli(['config', '--check'], {
        env: { RONGCUO_PORT: 'eighty', RONGCUO_READY_MIN_FREE_MB: '-1' },
      }),
      1,
      'RONGCUO_PORT',
      '“eighty”',
      '0 到 65535',
      '另有 1 项无效',
    );
  });

  it('is in the help', async () => {
    expect((await cli(['--help', '--lang', 'en'])).stdout).toMatch(
      /^ {2}config {12}list every setting/m,
    );
    expect((await cli(['config', '--help'])).stdout).toContain('用法：rongcuo config [--check]');
  });
});
