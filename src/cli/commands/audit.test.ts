import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../app/bootstrap.js';
import { acceptCase } from '../../app/cases/accept.js';
import { submitApplication } from '../../app/cases/submit-application.js';
import { buildWorld } from '../../app/testing/world.js';
import { run } from '../main.js';
import { describeHashes } from './audit.js';
import { cli, expectOneLineError, tempDir } from '../testing/run.js';

const tmp = tempDir();
const data = join(tmp.dir, 'store');
const numbers: string[] = [];

/** Runs raw SQL on the closed store (opening and closing it). */
async function sql(text: string, params: unknown[] = []) {
  const app = await openApp({ dataDir: data, migrate: false });
  try {
    return (await app.store.query<Record<string, unknown>>(text, params)).rows;
  } finally {
    await app.close();
  }
}

beforeAll(async () => {
  const app = await openApp({ dataDir: data });
  try {
    const w = await buildWorld(app.store);
    for (let i = 0; i < 3; i++) {
      const { case: c } = await submitApplication(w.ctx, w.actors.official!, {
        officialId: w.ids.official,
        title: `招商项目提前开工 ${i}`,
        summary: '为抢抓项目落地，在用地手续完备前组织开工。',
        conductDate: '2024-11-05',
        facts: { privateGain: false },
      });
      const accepted = await acceptCase(w.ctx, w.actors.intake!, {
        caseId: c.id,
        expectedVersion: c.version,
      });
      numbers.push(accepted.case.number);
    }
  } finally {
    await app.close();
  }
}, 120_000);
afterAll(() => tmp.remove());

describe('rongcuo audit verify', () => {
  it('an intact store: exit 0 with the counts', async () => {
    const r = await cli(['audit', 'verify', '--data', data]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^审计链完整：3 个案件、6 条记录均校验通过（\d+ ms）；杂凑算法：SHA-256 6 条。\n阅卷日志：\d+ 条记录校验通过（.+）.*。\n管理操作记录：\d+ 条记录校验通过（.+）.*。\n安全事件：0 条记录校验通过（—）。\n$/,
    );
    const json = await cli(['audit', 'verify', '--data', data, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      intact: true,
      cases: 3,
      events: 6,
      hashes: { sha256: 6, sm3: 0 },
      trails: [{ chain: 'read_log' }, { chain: 'admin_events' }, { chain: 'security_events' }],
    });
  }, 60_000);

  it('names the hashes it found, SM3 first', () => {
    expect(describeHashes({ sha256: 2000, sm3: 120 }, 'zh')).toBe('SM3 120 条、SHA-256 2000 条');
    expect(describeHashes({ sha256: 0, sm3: 7 }, 'en')).toBe('SM3 7');
    expect(describeHashes({ sha256: 0, sm3: 0 }, 'zh')).toBe('无记录');
  });

  it('shows progress on a terminal', async () => {
    let stderr = '';
    let stdout = '';
    const code = await run(['audit', 'verify', '--data', data, '--lang', 'en'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s), isTTY: true },
      stdin: Readable.from([]),
      cwd: process.cwd(),
      env: {},
    });
    expect(code).toBe(0);
    expect(stderr).toContain('verifying… 3 cases, 6 events checked');
    expect(stdout).toContain('Audit chains intact');
  }, 60_000);

  it('an administration row written around the application: exit 1 naming the chain', async () => {
    const [row] = await sql(
      `INSERT INTO admin_events (actor_id, action, target_kind, target_id, scope_path, at, payload)
       SELECT id, 'user.update', 'user', id::text, '', now(), '{}' FROM users LIMIT 1 RETURNING id::text`,
    );
    const r = await cli(['audit', 'verify', '--data', data, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `Administration events broken: id ${String(row!['id'])}: a row is outside the chain (written around the application) (unchained)`,
    );
    await sql(`ALTER TABLE admin_events DISABLE TRIGGER admin_events_no_change`);
    await sql(`DELETE FROM admin_events WHERE id = $1::bigint`, [row!['id']]);
    await sql(`ALTER TABLE admin_events ENABLE TRIGGER admin_events_no_change`);
    expect((await cli(['audit', 'verify', '--data', data])).code).toBe(0);
  }, 60_000);

  it('an altered event: exit 1 naming the case, the event seq and id, and the kind', async () => {
    const [target] = await sql(
      `SELECT e.id::text AS id, c.number FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE c.number = $1 AND e.seq = 2`,
      [numbers[1]],
    );
    await sql(`UPDATE case_events SET reason = 'quietly changed' WHERE id = $1::bigint`, [
      target!.id,
    ]);
    const r = await cli(['audit', 'verify', '--data', data, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `Audit chain broken: case ${numbers[1]}, event seq 2 (id ${String(target!.id)}): the event was altered`,
    );
    expect(r.stdout).toContain('(altered)');
    const json = JSON.parse((await cli(['audit', 'verify', '--data', data, '--json'])).stdout);
    expect(json).toMatchObject({
      intact: false,
      firstBreak: { caseNumber: numbers[1], seq: 2, eventId: String(target!.id), kind: 'altered' },
    });
    await sql(`UPDATE case_events SET reason = '' WHERE id = $1::bigint`, [target!.id]);
    expect((await cli(['audit', 'verify', '--data', data])).code).toBe(0);
  }, 60_000);

  it('a deleted last event: exit 1, the head does not match', async () => {
    await sql(
      `DELETE FROM case_events WHERE seq = 2 AND case_id = (SELECT id FROM cases WHERE number = $1)`,
      [numbers[2]],
    );
    const r = await cli(['audit', 'verify', '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`案件 ${numbers[2]}：链头记载 2 条记录，实有 1 条`);
    expect(r.stdout).toContain('head_mismatch');
  }, 60_000);

  it('a store never migrated: one line, exit 2 (not a broken chain), saying to migrate', async () => {
    expectOneLineError(
      await cli(['audit', 'verify', '--data', join(tmp.dir, 'fresh')]),
      2,
      'rongcuo migrate',
    );
  }, 60_000);

  it('a store locked by another user of it: exit 2, not the broken-chain 1', async () => {
    const holder = await openApp({ dataDir: data, migrate: false });
    try {
      expectOneLineError(
        await cli(['audit', 'verify', '--data', data, '--lang', 'en']),
        2,
        'STORE_LOCKED',
      );
    } finally {
      await holder.close();
    }
  }, 60_000);

  it('a store that cannot be opened at all: exit 2', async () => {
    expectOneLineError(
      await cli(['audit', 'verify'], { env: { DATABASE_URL: 'mysql://nowhere/x' } }),
      2,
      'STORE_BAD_URL',
    );
  }, 60_000);
});
