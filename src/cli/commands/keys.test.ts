import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../app/bootstrap.js';
import { addEvidence } from '../../app/cases/add-evidence.js';
import { submitApplication } from '../../app/cases/submit-application.js';
import { buildWorld } from '../../app/testing/world.js';
import { cli, expectOneLineError, tempDir } from '../testing/run.js';

const tmp = tempDir();
const data = join(tmp.dir, 'store');
const K1 = randomBytes(16).toString('base64');
const K2 = randomBytes(16).toString('base64');
const en = (env: Record<string, string> = {}) => ({ env: { RONGCUO_LANG: 'en', ...env } });

beforeAll(async () => {
  const app = await openApp({ dataDir: data });
  try {
    const w = await buildWorld(app.store);
    const { case: c } = await submitApplication(w.ctx, w.actors.official!, {
      officialId: w.ids.official,
      title: '招商项目提前开工',
      summary: '为抢抓项目落地，在用地手续完备前组织开工。',
      conductDate: '2024-11-05',
      facts: { privateGain: false },
    });
    await addEvidence(w.ctx, w.actors.official!, {
      caseId: c.id,
      expectedVersion: c.version,
      filename: '情况说明.txt',
      mediaType: 'text/plain',
      content: new TextEncoder().encode('情况说明\n'),
    });
  } finally {
    await app.close();
  }
}, 120_000);
afterAll(() => tmp.remove());

describe('rongcuo keys', () => {
  it('has help for the group and each command', async () => {
    expect((await cli(['keys', '--help'])).stdout).toContain(
      'keys rotate    以当前密钥重新加密旧文件',
    );
    expect((await cli(['keys', 'rotate', '--help'], en())).stdout).toContain(
      'Usage: rongcuo keys rotate',
    );
    expect((await cli(['--help'], en())).stdout).toContain('keys status');
  });

  it('status: files in clear by default', async () => {
    const r = await cli(['keys', 'status', '--data', data], en());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('New files are stored: in clear');
    expect(r.stdout).toMatch(/ {2}in clear: 1 files, 0\.0 MiB/);
    const zh = await cli(['keys', 'status', '--data', data]);
    expect(zh.stdout).toContain('新文件的存储方式：未加密');
  }, 60_000);

  it('rotate: encrypts the files stored in clear, then rotates to a new key', async () => {
    const k1 = { RONGCUO_ENCRYPTION: 'sm4', RONGCUO_ENCRYPTION_KEYS: `k1:${K1}` };
    const before = await cli(
      ['keys', 'status', '--data', data],
      en({ ...k1, RONGCUO_ENCRYPTION_KEY_ID: 'k1' }),
    );
    expect(before.stdout).toContain('To re-encrypt: 1 files');
    const r = await cli(
      ['keys', 'rotate', '--data', data, '--batch', '10'],
      en({ ...k1, RONGCUO_ENCRYPTION_KEY_ID: 'k1' }),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('1 files re-encrypted');
    expect(r.stdout).toContain('SM4 (CTR, HMAC-SM3 integrity), key k1: 1 files');
    expect(r.stdout).toContain('Every file is stored that way.');

    const both = {
      RONGCUO_ENCRYPTION: 'sm4',
      RONGCUO_ENCRYPTION_KEYS: `k1:${K1},k2:${K2}`,
      RONGCUO_ENCRYPTION_KEY_ID: 'k2',
    };
    const json = await cli(['keys', 'rotate', '--data', data, '--json'], en(both));
    expect(JSON.parse(json.stdout)).toMatchObject({ reencrypted: 1, pending: 0 });
    const s = await cli(['keys', 'status', '--data', data], en(both));
    expect(s.stdout).toContain('Keys no file uses, which may leave the ring: k1');
  }, 120_000);

  it('status names a key the ring lacks, with exit 1', async () => {
    const r = await cli(
      ['keys', 'status', '--data', data],
      en({ RONGCUO_ENCRYPTION_KEYS: `k1:${K1}` }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Keys missing from the ring: k2');
  }, 60_000);

  it('a ring that cannot serve the setting, or a bad --batch: one line, exit 2', async () => {
    expectOneLineError(
      await cli(['keys', 'status', '--data', data], en({ RONGCUO_ENCRYPTION: 'sm4' })),
      2,
      'RONGCUO_ENCRYPTION_KEY_ID (or an @write line of the key ring file) must name',
    );
    expectOneLineError(
      await cli(['keys', 'rotate', '--data', data, '--batch', '0'], en()),
      2,
      '--batch must be a whole number',
    );
  }, 60_000);
});
