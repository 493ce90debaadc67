import { describe, expect, it } from 'vitest';
import type { StoreError } from './errors.js';
import { redactUrl, scrubSecret, sqlState, storeErrorIn } from './errors.js';
import { openStore } from './store.js';
import { testDatabaseUrl } from './testing/harness.js';

const SECRET = 'S3cr3t-pa55';

async function openError(databaseUrl: string): Promise<StoreError> {
  try {
    const store = await openStore({ databaseUrl, pool: { connectTimeoutMs: 3000 } });
    await store.close();
  } catch (e) {
    const found = storeErrorIn(e);
    if (found) return found;
    throw e;
  }
  throw new Error(`expected ${databaseUrl} to fail`);
}

/** Everything a caller could print or log about the error. */
function everything(e: StoreError): string {
  return [
    e.message,
    e.stack ?? '',
    String(e),
    e.format('zh'),
    e.format('en'),
    JSON.stringify(e.details),
    JSON.stringify(e),
    String((e as { cause?: unknown }).cause ?? ''),
  ].join('\n');
}

describe('redactUrl', () => {
  it('hides passwords and secret parameters', () => {
    expect(redactUrl(`postgres://app:${SECRET}@db.example:5432/rc`)).toBe(
      'postgres://app:***@db.example:5432/rc',
    );
    expect(redactUrl(`postgres://db.example/rc?user=app&password=${SECRET}&sslmode=require`)).toBe(
      'postgres://db.example/rc?user=app&password=***&sslmode=require',
    );
    expect(redactUrl('postgres://app@db.example/rc')).toBe('postgres://app@db.example/rc');
    expect(redactUrl(`postgres://app:${SECRET}@[bad`)).toBe('postgres://***');
    expect(redactUrl(`not a url ${SECRET}`)).toBe('***');
  });

  it('scrubs a password out of any text', () => {
    const url = `postgres://app:${encodeURIComponent('p@ss word')}@h/db`;
    expect(scrubSecret(`failed for ${url}: p@ss word p%40ss%20word`, url)).not.toMatch(/p@ss|p%40/);
  });
});

describe('sqlState', () => {
  it('finds the SQLSTATE through wrappers, and nothing else', () => {
    const db = Object.assign(new Error('dup'), { code: '23505' });
    expect(sqlState(new Error('wrapped', { cause: db }))).toBe('23505');
    expect(sqlState(Object.assign(new Error('net'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(sqlState(undefined)).toBeUndefined();
  });
});

describe('opening PostgreSQL', () => {
  it('refuses a DATABASE_URL that is not a postgres URL, without echoing the password', async () => {
    for (const url of [`mysql://root:${SECRET}@localhost/db`, `localhost:5432 ${SECRET}`]) {
      const e = await openError(url);
      expect(e.code).toBe('STORE_BAD_URL');
      expect(e.text.zh).toContain('DATABASE_URL');
      expect(everything(e)).not.toContain(SECRET);
    }
  });

  it('reports an unreachable server as STORE_UNREACHABLE, without the password', async () => {
    const e = await openError(`postgres://rongcuo:${SECRET}@127.0.0.1:1/rongcuo`);
    expect(e.code).toBe('STORE_UNREACHABLE');
    expect(e.text.en).toContain('postgres://rongcuo:***@127.0.0.1:1/rongcuo');
    expect(e.text.zh).toContain('postgres://rongcuo:***@127.0.0.1:1/rongcuo');
    expect(e.details['errno']).toBe('ECONNREFUSED');
    expect(everything(e)).not.toContain(SECRET);
  });

  it.runIf(testDatabaseUrl)(
    'reports a missing database on a live server as STORE_UNREACHABLE, without the password',
    async () => {
      const u = new URL(testDatabaseUrl!);
      u.password = SECRET;
      u.pathname = '/rongcuo_no_such_database';
      const e = await openError(u.toString());
      expect(e.code).toBe('STORE_UNREACHABLE');
      expect(e.details['sqlState']).toBe('3D000');
      expect(e.text.en).toContain('rongcuo_no_such_database');
      expect(everything(e)).not.toContain(SECRET);
    },
  );
});
