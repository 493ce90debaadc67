import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../app/bootstrap.js';
import { CASE_STATES } from '../../domain/case-states.js';
import type { DemoResult } from '../../app/demo.js';
import { ROLES } from '../../domain/roles.js';
import {
  cli,
  expectOneLineError,
  tempDatabase,
  tempDir,
  testDatabaseUrl,
  type CliResult,
} from '../testing/run.js';
import { renderDemo } from './demo.js';

const tmp = tempDir();
const data = join(tmp.dir, 'store');
let seeded: CliResult;

beforeAll(async () => {
  seeded = await cli(['demo', '--data', data, '--json', '--lang', 'en']);
}, 300_000);
afterAll(() => tmp.remove());

describe('rongcuo demo (today, on PGlite)', () => {
  it('seeds about fifty cases in every state, some overdue, a login for every role', () => {
    expect(seeded.code, seeded.stderr).toBe(0);
    const r = JSON.parse(seeded.stdout) as {
      cases: number;
      byState: Record<string, number>;
      overdue: number;
      events: number;
      logins: {
        username: string;
        password: string;
        role: string;
        displayName: string;
        scope: string;
      }[];
    };
    expect(r.cases).toBeGreaterThanOrEqual(45);
    for (const s of CASE_STATES) expect(r.byState[s], s).toBeGreaterThan(0);
    expect(r.overdue).toBeGreaterThanOrEqual(1);
    for (const role of ROLES)
      expect(
        r.logins.some((l) => l.role === role),
        role,
      ).toBe(true);
    const intake = r.logins.find((l) => l.username === 'intake')!;
    expect(intake).toEqual({
      username: 'intake',
      password: 'demo-intake-2025',
      role: 'intake',
      displayName: intake.displayName,
      scope: 'X New Area',
    });
  });

  it('the audit chains of the seeded store verify', async () => {
    const r = await cli(['audit', 'verify', '--data', data, '--lang', 'en']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Audit chains intact: \d+ cases/);
  }, 60_000);

  it('refuses to seed a store that holds data, exit 1', async () => {
    expectOneLineError(await cli(['demo', '--data', data]), 1, '--force', data);
  }, 60_000);

  it('--force will not empty a store the demo did not make', async () => {
    const other = join(tmp.dir, 'real');
    const app = await openApp({ dataDir: other });
    try {
      await app.store.query(
        `INSERT INTO jurisdictions (id, path, level, name_zh, name_en, pack_id)
         VALUES ('real', '/real/', 'province', '省', 'P', 'cn-national')`,
      );
    } finally {
      await app.close();
    }
    const r = await cli(['demo', '--data', other, '--force', '--lang', 'en']);
    expectOneLineError(r, 1, 'the demo did not make', '--force will not empty it');
  }, 60_000);
});

describe('the demo table', () => {
  const result: DemoResult = {
    logins: [
      {
        username: 'intake',
        password: 'demo-intake-2025',
        role: 'intake',
        displayName: '孙立华',
        scope: { zh: 'X新区', en: 'X New Area' },
      },
      {
        username: 'city-chair',
        password: 'demo-committee_chair-2025',
        role: 'committee_chair',
        displayName: '沈建华',
        scope: { zh: '某市', en: 'A City' },
      },
    ],
    moreLogins: [
      {
        pattern: 'official-02 … official-40',
        password: 'demo-official-2025',
        role: 'official',
        count: 39,
      },
    ],
    jurisdictions: 3,
    units: 18,
    officials: 40,
    cases: 53,
    byState: { closed: 15, submitted: 4 },
    overdue: 8,
    events: 1234,
    asOf: '2026-11-20',
    surveyToken: 'ABCDEFGHJKMNPQRSTVWXYZ0123',
    ms: 12_345,
  };

  it('lists username, password, role and scope, aligned, in Chinese', () => {
    const lines = renderDemo(result, 'zh', '/data').split('\n');
    expect(lines[0]).toContain('53 个案件');
    expect(lines[0]).toContain('今天有 8 个案件超期');
    expect(lines[1]).toBe('案件：已提交，待受理 4，已办结 15。');
    expect(lines[2]).toContain('/survey/ABCDEFGHJKMNPQRSTVWXYZ0123');
    const head = lines.indexOf('演示账号：');
    expect(lines[head + 1]).toMatch(/^用户名 +密码 +角色 +范围$/);
    const row = lines.find((l) => l.startsWith('intake '))!;
    const chair = lines.find((l) => l.startsWith('city-chair '))!;
    expect(row).toContain('demo-intake-2025');
    expect(row).toContain('受理人员 (intake)');
    expect(row).toContain('孙立华，X新区');
    // Columns line up: the password starts at the same place in every row.
    expect(row.indexOf('demo-')).toBe(chair.indexOf('demo-'));
    expect(
      lines.some((l) =>
        l.includes('另有 39 个账号 official-02 … official-40，密码 demo-official-2025'),
      ),
    ).toBe(true);
  });

  it('and in English', () => {
    const text = renderDemo(result, 'en', '/data');
    expect(text).toMatch(/^Username +Password +Role +Scope$/m);
    expect(text).toContain('Intake officer (intake)');
    expect(text).toContain('Also 39 logins official-02 … official-40, password demo-official-2025');
    expect(text).toContain('never use them with real data');
    // Only the people's names are in Chinese.
    expect(text.replace(/孙立华|沈建华/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe.skipIf(!testDatabaseUrl)(
  'rongcuo demo and audit verify on PostgreSQL (DATABASE_URL)',
  () => {
    it('seeds a fresh database, verifies it, and refuses a second seeding', async () => {
      const db = await tempDatabase(testDatabaseUrl!);
      try {
        const env = { DATABASE_URL: db.url };
        const r = await cli(['demo', '--json'], { env });
        expect(r.code, r.stderr).toBe(0);
        const result = JSON.parse(r.stdout) as { cases: number; byState: Record<string, number> };
        expect(result.cases).toBeGreaterThanOrEqual(45);
        for (const s of CASE_STATES) expect(result.byState[s], s).toBeGreaterThan(0);
        const audit = await cli(['audit', 'verify'], { env });
        expect(audit.code, audit.stdout).toBe(0);
        expect(audit.stdout).toContain(`审计链完整：${result.cases} 个案件`);
        expectOneLineError(await cli(['demo'], { env }), 1, '--force');
        const reseed = await cli(['demo', '--force', '--json'], { env });
        expect(reseed.code, reseed.stderr).toBe(0);
        expect(reseed.stderr).toContain('--force');
        expect(JSON.parse(reseed.stdout).byState).toEqual(result.byState);
      } finally {
        await db.drop();
      }
    }, 300_000);
  },
);
