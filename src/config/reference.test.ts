import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceIsCurrent, referenceTable, settingRows, withReference } from './reference.js';
import { packageRoot, REFERENCE_FILES } from './write-docs.js';
import { settingDocs } from './index.js';

describe('the configuration reference', () => {
  it.each(['zh', 'en'] as const)(
    'docs/operations/configuration.%s.md lists every setting, as declared now',
    (lang) => {
      const path = REFERENCE_FILES[lang];
      const text = readFileSync(join(packageRoot(), path), 'utf8');
      expect(
        referenceIsCurrent(text, lang),
        `${path} is not current: run npm run docs:config (a setting was added or changed in src/config/areas/)`,
      ).toBe(true);
      for (const { doc } of settingDocs()) expect(text).toContain(`\`${doc.env}\``);
    },
  );

  it('tells a stale table from one only padded by a formatter', () => {
    const doc = withReference('# x\n\n<!-- settings:begin -->\n<!-- settings:end -->\n', 'en');
    expect(referenceIsCurrent(doc, 'en')).toBe(true);
    const padded = doc
      .replace('| `RONGCUO_PORT` |', '|   `RONGCUO_PORT`     |')
      .replace('| --- |', '| ------ |');
    expect(referenceIsCurrent(padded, 'en')).toBe(true);
    const stale = doc
      .split('\n')
      .filter((l) => !l.includes('RONGCUO_LOG_LEVEL'))
      .join('\n');
    expect(referenceIsCurrent(stale, 'en')).toBe(false);
    expect(referenceIsCurrent('# no markers', 'en')).toBe(false);
  });

  it('gives a flag, a default and a meaning per row; marks a secret', () => {
    const zh = referenceTable('zh');
    expect(zh).toContain(
      '| `RONGCUO_LOG_LEVEL` | `--log-level` | `info` | rongcuo serve 写到标准输出',
    );
    expect(zh).toMatch(/\| `RONGCUO_METRICS_TOKEN` \| — \| — \| .*（保密：不显示其值）/);
    expect(referenceTable('en')).toContain(
      '| `RONGCUO_PORT` | `--port` | `8080` | The port to listen on. |',
    );
  });

  it('reads the value in effect: a flag wins, a secret is never shown, a bad value is named', () => {
    const rows = settingRows(
      { RONGCUO_PORT: '9000', RONGCUO_METRICS_TOKEN: 'hidden', RONGCUO_LOG_LEVEL: 'loud' },
      { port: '9100' },
    );
    const by = (env: string) => rows.find((r) => r.doc.env === env)!;
    expect(by('RONGCUO_PORT')).toMatchObject({ value: '9100', given: true });
    expect(by('RONGCUO_METRICS_TOKEN')).toMatchObject({ value: '', given: true });
    expect(by('RONGCUO_READY_MIN_FREE_MB')).toMatchObject({ value: '500', given: false });
    expect(by('RONGCUO_LOG_LEVEL').error?.message).toMatch(/RONGCUO_LOG_LEVEL.*'loud'/);
  });
});
