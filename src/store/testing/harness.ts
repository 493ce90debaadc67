/**
 * Runs the same store tests on PGlite and on PostgreSQL.
 *
 *   describeStores('cases', (getStore, kind) => {
 *     it('inserts', async () => { const store = getStore(); … });
 *   });
 *
 * runs the suite once on a fresh in-memory PGlite and, when DATABASE_URL is set, once on
 * PostgreSQL in a fresh schema of its own (created before, dropped after; every pooled connection
 * has it as search_path), so test files never collide and may run in parallel. Without
 * DATABASE_URL the PostgreSQL variant is reported as skipped, with the reason in its name.
 * The store is migrated (all files in migrations/) unless `migrate: false`.
 *
 * All tests of one `describeStores` share one store: use distinct keys, or clean up in
 * `beforeEach`.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe } from 'vitest';
import { loadMigrations, migrate, type MigrateOptions } from '../migrate.js';
import {
  openStore,
  type AnySchema,
  type OpenStoreOptions,
  type Store,
  type StoreKind,
} from '../store.js';

/** The PostgreSQL the tests use: DATABASE_URL, or undefined to skip the PostgreSQL variant. */
export const testDatabaseUrl: string | undefined = process.env['DATABASE_URL']?.trim() || undefined;

export const STORE_KINDS: readonly StoreKind[] = ['pglite', 'postgres'];

export const POSTGRES_SKIP_REASON =
  'skipped: DATABASE_URL is not set (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)';

export interface TestStoreOptions<TSchema extends AnySchema = Record<string, never>> {
  /** Migrate after opening: true (default) for migrations/, false for none, or options. */
  readonly migrate?: boolean | MigrateOptions;
  /** Passed to openStore (not dataDir / databaseUrl / searchPath). */
  readonly open?: Omit<OpenStoreOptions<TSchema>, 'dataDir' | 'databaseUrl' | 'searchPath'>;
  /** PGlite: a directory instead of memory (the caller removes it). */
  readonly dataDir?: string;
  /** PostgreSQL: use this existing schema instead of a fresh one (not dropped on cleanup). */
  readonly searchPath?: string;
}

export interface TestStore<TSchema extends AnySchema = Record<string, never>> {
  readonly store: Store<TSchema>;
  /** The fresh PostgreSQL schema, if any. */
  readonly schemaName: string | undefined;
  /** Closes the store and drops the fresh schema. */
  cleanup(): Promise<void>;
}

export interface DescribeStoresOptions<
  TSchema extends AnySchema = Record<string, never>,
> extends Omit<TestStoreOptions<TSchema>, 'dataDir' | 'searchPath'> {
  /** Which variants to run. Default both. */
  readonly kinds?: readonly StoreKind[];
}

/** Runs `suite` once per store kind, each with a fresh, migrated store. */
export function describeStores<TSchema extends AnySchema = Record<string, never>>(
  name: string,
  suite: (getStore: () => Store<TSchema>, kind: StoreKind) => void,
  options: DescribeStoresOptions<TSchema> = {},
): void {
  for (const kind of options.kinds ?? STORE_KINDS) {
    if (kind === 'postgres' && !testDatabaseUrl) {
      describe.skip(`${name} [postgres: ${POSTGRES_SKIP_REASON}]`, () => {
        suite(() => {
          throw new Error(POSTGRES_SKIP_REASON);
        }, kind);
      });
      continue;
    }
    describe(`${name} [${kind}]`, () => {
      let opened: TestStore<TSchema> | undefined;
      beforeAll(async () => {
        opened = await openTestStore<TSchema>(kind, options);
      }, 120_000);
      afterAll(async () => {
        await opened?.cleanup();
      }, 60_000);
      suite(() => {
        if (!opened) throw new Error(`describeStores(${name}): the ${kind} store is not open`);
        return opened.store;
      }, kind);
    });
  }
}

/** Opens a fresh test store of one kind (and migrates it unless told not to). */
export async function openTestStore<TSchema extends AnySchema = Record<string, never>>(
  kind: StoreKind,
  options: TestStoreOptions<TSchema> = {},
): Promise<TestStore<TSchema>> {
  let store: Store<TSchema>;
  let schema: TestSchema | undefined;
  if (kind === 'postgres') {
    if (!testDatabaseUrl) throw new Error(POSTGRES_SKIP_REASON);
    schema = options.searchPath ? undefined : await createTestSchema(testDatabaseUrl);
    try {
      store = await openStore<TSchema>({
        ...options.open,
        databaseUrl: testDatabaseUrl,
        searchPath: options.searchPath ?? schema!.name,
      });
    } catch (e) {
      await schema?.drop();
      throw e;
    }
  } else {
    // A store in memory migrated with the shipped migrations starts from a dump of one already
    // migrated (migrate() below then finds nothing to do); any other starts from initdb's.
    const migrated = options.migrate === undefined || options.migrate === true;
    store = await openStore<TSchema>({
      ...options.open,
      dataDir: options.dataDir ?? 'memory://',
      pglite: {
        ...options.open?.pglite,
        ...(options.dataDir
          ? {}
          : { loadDataDir: await (migrated ? migratedPgliteTemplate() : pgliteTemplate()) }),
      },
    });
  }
  const cleanup = async () => {
    try {
      await store.close();
    } finally {
      await schema?.drop();
    }
  };
  try {
    const m = options.migrate ?? true;
    if (m !== false) await migrate(store, m === true ? {} : m);
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { store, schemaName: schema?.name, cleanup };
}

export interface TestSchema {
  readonly name: string;
  drop(): Promise<void>;
}

/** Creates a uniquely named schema `rongcuo_test_<pid>_<random>` on the server at `url`. */
export async function createTestSchema(url: string): Promise<TestSchema> {
  const name = `rongcuo_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, `CREATE SCHEMA ${name}`);
  return {
    name,
    drop: () => adminQuery(url, `DROP SCHEMA IF EXISTS ${name} CASCADE`),
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url, application_name: 'rongcuo-test' });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

let template: Promise<Blob> | undefined;
let migratedTemplate: Promise<Blob> | undefined;

/**
 * A dump of a freshly initialised PGlite, so that each test store loads it (~0.5 s) instead of
 * running initdb (~4 s). Cached per PGlite version in the OS temporary directory.
 */
export function pgliteTemplate(): Promise<Blob> {
  template ??= cachedDump(`pglite-${pgliteVersion()}-initdb`, async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    return PGlite.create('memory://');
  });
  return template;
}

/**
 * A dump of a PGlite with every shipped migration applied, so that a test store skips them (about
 * a second per store, in each of a hundred test files). Cached per PGlite version and per the
 * migrations' checksums: a changed or added migration makes a new one.
 */
export function migratedPgliteTemplate(): Promise<Blob> {
  const migrations = createHash('sha256')
    .update(
      loadMigrations()
        .map((m) => `${m.id}:${m.checksum}`)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 16);
  migratedTemplate ??= cachedDump(`pglite-${pgliteVersion()}-migrated-${migrations}`, async () => {
    const store = await openStore({
      dataDir: 'memory://',
      pglite: { loadDataDir: await pgliteTemplate() },
    });
    await migrate(store);
    // drizzle's $client: the store's PGlite itself, whose dumpDataDir the store does not wrap.
    const client = (store.db as unknown as { $client: PGlite }).$client;
    return { dumpDataDir: (c: 'none') => client.dumpDataDir(c), close: () => store.close() };
  });
  return migratedTemplate;
}

function pgliteVersion(): string {
  const pkg = path.join(
    path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite'))),
    '..',
    'package.json',
  );
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/**
 * The dump named `name` in the OS temporary directory, else one made by `make` and written there
 * (under a temporary name renamed into place, so parallel workers never read half a file).
 */
async function cachedDump(
  name: string,
  make: () => Promise<{ dumpDataDir(c: 'none'): Promise<Blob | File>; close(): Promise<void> }>,
): Promise<Blob> {
  const dir = path.join(os.tmpdir(), 'rongcuo-test-cache');
  const file = path.join(dir, `${name}.tar`);
  try {
    const buf = await fs.promises.readFile(file);
    if (buf.length > 1_000_000) return new Blob([buf]);
  } catch {
    // not cached yet
  }
  const db = await make();
  const dump = await db.dumpDataDir('none');
  await db.close();
  await fs.promises.mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await fs.promises.writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
  await fs.promises.rename(tmp, file);
  return dump;
}

/**
 * Empties a test store: drops and recreates its schema (PGlite: public; PostgreSQL: the test
 * schema). Refuses a PostgreSQL schema that is not a `rongcuo_test_` one.
 */
export async function resetStore<TSchema extends AnySchema>(store: Store<TSchema>): Promise<void> {
  let schema = 'public';
  if (store.kind === 'postgres') {
    if (!store.searchPath?.startsWith('rongcuo_test_')) {
      throw new Error(`resetStore: refusing to drop schema ${store.searchPath ?? 'public'}`);
    }
    schema = store.searchPath;
  }
  await store.exec(`DROP SCHEMA ${schema} CASCADE; CREATE SCHEMA ${schema};`);
}
