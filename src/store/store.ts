/**
 * The store: one drizzle database over either PostgreSQL (when a database URL is given) or PGlite,
 * the same Postgres compiled to WASM, embedded on a data directory. One schema, one set of
 * migrations, and the same behaviour on both:
 *
 * - `store.db` is a drizzle database; `store.tx(fn, opts)` runs `fn` in a transaction with a
 *   chosen isolation level and retries serialization failures; `store.query` / `store.exec` run
 *   raw SQL with the same value types on both drivers.
 * - PGlite has a single connection, handed out first come, first served: every single statement
 *   (raw or through `store.db`) and every whole transaction waits in one FIFO queue, and a
 *   transaction holds the connection from BEGIN until it commits or rolls back. So a transaction
 *   never waits behind statements that came after it, and concurrent callers never interleave
 *   statements. PGlite's directory is locked against a second process (see lock.ts).
 * - Using the store itself inside its own transaction callback (`tx`, `rawTx`, or on PGlite
 *   `store.db.transaction`) instead of the `tx` argument throws STORE_TX_NESTED on both drivers:
 *   on PGlite it would wait forever for the connection the transaction holds, on PostgreSQL it
 *   would silently run outside the transaction. Work inside the transaction (its statements, its
 *   savepoints) does not queue: the transaction already holds the connection.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as path from 'node:path';
import type { PGlite, PGliteOptions, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import type { Logger, SQL } from 'drizzle-orm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import {
  PgDialect,
  type PgDatabase,
  type PgQueryResultHKT,
  type PgTransaction,
  type PgTransactionConfig,
} from 'drizzle-orm/pg-core';
import type { Pool, PoolClient, QueryResult as PgQueryResult } from 'pg';
import { redactUrl, scrubSecret, sqlState, storeError, type StoreWarning } from './errors.js';
import { lockDir, type DirLock } from './lock.js';
import { Mutex } from './mutex.js';

export type StoreKind = 'pglite' | 'postgres';
export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';
export type AnySchema = Record<string, unknown>;

/**
 * What `db.execute(sql)` returns on both drivers: `{ rows }`. (The drivers add different fields;
 * values are drizzle's raw ones, e.g. int8 is a number on PGlite but a string on PostgreSQL: for
 * the same values on both, use `store.query` or the `raw` argument of `store.tx`.)
 */
export interface StoreQueryResultHKT extends PgQueryResultHKT {
  readonly type: ExecuteResult<this['row']>;
}

export interface ExecuteResult<TRow> {
  readonly rows: TRow[];
}

/** The drizzle database of a store (either driver). */
export type Db<TSchema extends AnySchema = Record<string, never>> = PgDatabase<
  StoreQueryResultHKT,
  TSchema
>;
/** The drizzle transaction handed to `store.tx` callbacks. `tx.transaction()` makes a savepoint. */
export type Tx<TSchema extends AnySchema = Record<string, never>> = PgTransaction<
  StoreQueryResultHKT,
  TSchema,
  ExtractTablesWithRelations<TSchema>
>;

export interface QueryResult<T> {
  readonly rows: T[];
  /** Rows returned, or for INSERT/UPDATE/DELETE without RETURNING, rows affected. */
  readonly rowCount: number;
}

/** Raw SQL on one connection (a transaction's, inside `rawTx`). */
export interface SqlRunner {
  /** One statement, `$1`-style parameters. Values are parsed alike on both drivers. */
  query<T = Record<string, unknown>>(
    text: string | SQL,
    params?: readonly unknown[],
  ): Promise<QueryResult<T>>;
  /** A script of one or more statements separated by `;`, no parameters. */
  exec(script: string): Promise<void>;
}

export interface TxOptions {
  /** Default: the store's `defaultIsolation` ('read committed' unless set). */
  readonly isolation?: IsolationLevel;
  readonly readOnly?: boolean;
  /**
   * How often to re-run the callback after a serialization failure (SQLSTATE 40001) or deadlock
   * (40P01). Default 3 for 'repeatable read' and 'serializable', 0 otherwise. The callback must be
   * safe to re-run: no side effects outside the database. (Never needed on PGlite, where
   * transactions run one at a time.)
   */
  readonly retries?: number;
}

/** How the store's connections are used at one instant (the metrics read it). */
export interface PoolUse {
  /** Most connections: the pool's max on PostgreSQL, 1 on PGlite. */
  readonly max: number;
  /** Connections open now. */
  readonly total: number;
  /** Of those, idle. */
  readonly idle: number;
  /** Callers waiting for a connection. */
  readonly waiting: number;
}

export interface Store<TSchema extends AnySchema = Record<string, never>> extends SqlRunner {
  readonly kind: StoreKind;
  /** Where the data is, fit for logs: the data directory, 'memory://', or the redacted URL. */
  readonly location: string;
  /** The PGlite data directory (absolute), or undefined for PostgreSQL or memory. */
  readonly dataDir: string | undefined;
  /** The PostgreSQL schema set as search_path, if one was given. */
  readonly searchPath: string | undefined;
  readonly db: Db<TSchema>;
  /** Things worth saying about the open, e.g. a stale lock that was taken over. */
  readonly warnings: readonly StoreWarning[];
  /** Milliseconds `openStore` took. */
  readonly openMs: number;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. `tx` is
   * the drizzle transaction; `raw` runs raw SQL on the same connection, in the same transaction.
   */
  tx<T>(fn: (tx: Tx<TSchema>, raw: SqlRunner) => Promise<T>, options?: TxOptions): Promise<T>;
  /** A transaction with raw SQL only (multi-statement scripts allowed), e.g. for migrations. */
  rawTx<T>(fn: (sql: SqlRunner) => Promise<T>, options?: TxOptions): Promise<T>;
  /** Waits for queued work, closes connections and releases the directory lock. Idempotent. */
  close(): Promise<void>;
  readonly closed: boolean;
  /** How the connections are used now; no statement is run. */
  poolUse(): PoolUse;
}

export interface OpenStoreOptions<TSchema extends AnySchema = Record<string, never>> {
  /**
   * PGlite data directory (default './data', resolved against the working directory), used when
   * no `databaseUrl` is given. PGlite keeps its files in `<dataDir>/pgdata`; the lock is
   * `<dataDir>/store.lock`. 'memory://' opens a throwaway in-memory database (tests).
   */
  readonly dataDir?: string;
  /** A postgres:// URL (e.g. process.env.DATABASE_URL). Empty or undefined → PGlite. */
  readonly databaseUrl?: string | undefined;
  /** The drizzle schema (tables and relations), for `db.query.*`. */
  readonly schema?: TSchema;
  /** PostgreSQL only: a schema to use as search_path on every connection (it must exist). */
  readonly searchPath?: string;
  /** Session time zone on both drivers. Default 'UTC'. */
  readonly timeZone?: string;
  /** Isolation level of `tx` when not given per call. Default 'read committed'. */
  readonly defaultIsolation?: IsolationLevel;
  /** PostgreSQL pool settings. */
  readonly pool?: {
    readonly max?: number;
    readonly connectTimeoutMs?: number;
    readonly idleTimeoutMs?: number;
    /** Cancels any statement running longer (PostgreSQL's statement_timeout); 0 or unset: none. */
    readonly statementTimeoutMs?: number;
  };
  /** Called with errors of idle pooled connections (e.g. the server restarted). */
  readonly onPoolError?: (error: Error) => void;
  /** PGlite only: e.g. `loadDataDir` to start from a dump (tests). */
  readonly pglite?: Pick<PGliteOptions, 'loadDataDir' | 'relaxedDurability'>;
  /** drizzle's query logger. */
  readonly logger?: boolean | Logger;
}

/** The oldest PostgreSQL server the store supports. */
export const MIN_SERVER_VERSION_NUM = 150000;

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;
const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

// ---- value parsing: the same JavaScript values from raw SQL on both drivers -------------------

const OID = {
  bytea: 17,
  int8: 20,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  interval: 1186,
  timetz: 1266,
} as const;

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) {
    throw storeError(
      'STORE_INT8_RANGE',
      `int8 值 ${text} 超出 JavaScript 数字的安全范围；请在 SQL 中转换为 text（::text）。`,
      `The int8 value ${text} is outside JavaScript's safe integer range; cast it to text in SQL (::text).`,
      { value: text },
    );
  }
  return n;
}

function parseBytea(text: string): Uint8Array {
  return text.startsWith('\\x')
    ? Uint8Array.from(Buffer.from(text.slice(2), 'hex'))
    : Uint8Array.from(Buffer.from(text, 'binary'));
}

const identity = (text: string): string => text;

/**
 * Parsers for raw SQL results that differ between the drivers by default: int8 → number (checked),
 * bytea → Uint8Array, and date / time / timestamp without time zone / interval → their text (no
 * time-zone guessing). timestamptz → Date, numeric → string, json/jsonb → parsed, as both do.
 */
const RAW_PARSERS: Record<number, (text: string) => unknown> = {
  [OID.int8]: parseInt8,
  [OID.bytea]: parseBytea,
  [OID.date]: identity,
  [OID.time]: identity,
  [OID.timestamp]: identity,
  [OID.interval]: identity,
  [OID.timetz]: identity,
};

// ---- shared machinery --------------------------------------------------------------------------

interface TxContext {
  active: boolean;
}

interface Driver {
  readonly kind: StoreKind;
  /** The raw (unguarded) client that drizzle should wrap. */
  readonly client: object;
  /** Methods of `client` that drizzle calls; guarded against use inside a tx callback. */
  readonly guardedMethods: readonly string[];
  /**
   * Of those, the ones that must wait their turn in `serialize` (PGlite: everything drizzle sends
   * outside `store.tx`, so that it shares the one queue with the store's own transactions).
   */
  readonly queuedMethods: readonly string[];
  query(text: string, params: readonly unknown[]): Promise<QueryResult<Record<string, unknown>>>;
  exec(script: string): Promise<void>;
  /** Raw SQL on a connection of this driver (a drizzle transaction's). */
  runner(connection: object): SqlRunner;
  /** Runs `fn` in a raw transaction on one connection. */
  rawTx<T>(fn: (sql: SqlRunner) => Promise<T>, begin: string | undefined): Promise<T>;
  /** Serializes work where the driver needs it (PGlite); identity elsewhere. */
  serialize<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  poolUse(): PoolUse;
}

const dialect = new PgDialect();

function toQuery(
  text: string | SQL,
  params: readonly unknown[] | undefined,
): { sql: string; params: unknown[] } {
  if (typeof text === 'string') return { sql: text, params: params ? [...params] : [] };
  const q = dialect.sqlToQuery(text);
  return { sql: q.sql, params: q.params };
}

function txModes(isolation: IsolationLevel | undefined, readOnly: boolean | undefined): string {
  const modes: string[] = [];
  if (isolation) modes.push(`ISOLATION LEVEL ${isolation.toUpperCase()}`);
  if (readOnly) modes.push('READ ONLY');
  return modes.join(', ');
}

/**
 * The driver connection under a drizzle transaction: PGlite's transaction object, or the pg
 * PoolClient; under a drizzle database, the pg Pool or the PGlite instance. (drizzle 0.45 keeps
 * it as `._.session.client`; a test guards this.)
 */
function connectionOf(tx: { _: { session: unknown } }): object {
  const client = (tx._.session as { client?: unknown }).client;
  if (!client || typeof (client as { query?: unknown }).query !== 'function') {
    throw new Error('store.tx: cannot find the connection of the drizzle transaction');
  }
  return client;
}

/** Statements built once per connection: see `statementOn`. */
const statementsByConnection = new WeakMap<object, Map<string, unknown>>();

/**
 * A prepared statement (drizzle's `.prepare(name)` with `sql.placeholder` values) built once per
 * database connection and reused by every later transaction on that connection.
 *
 * Why: drizzle builds a query's SQL text on every call, and for the widest statements (loading a
 * case with its jurisdiction and members, writing the case row) building costs more than running
 * it: it was 40% of the Node time of a suspension (bench:api:profile). A prepared query keeps the
 * connection it was built on, so it may only be reused on that connection: a transaction on
 * PostgreSQL runs on a pooled connection (kept here while the pool keeps it), so the statement is
 * built the first time a transaction on that connection needs it. On PGlite each transaction has a
 * connection object of its own, so the statement is built per transaction, as without this.
 *
 * `build` must build the statement on `db` itself, always the same SQL (values only through
 * placeholders), and give it the `name`.
 */
export function statementOn<T>(db: object, name: string, build: () => T): T {
  const connection = connectionOf(db as { _: { session: unknown } });
  let statements = statementsByConnection.get(connection);
  if (!statements) {
    statements = new Map();
    statementsByConnection.set(connection, statements);
  }
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build();
    statements.set(name, statement);
  }
  return statement;
}

function isRetryable(e: unknown): boolean {
  const state = sqlState(e);
  return state === '40001' || state === '40P01';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class StoreImpl<TSchema extends AnySchema> implements Store<TSchema> {
  readonly kind: StoreKind;
  readonly location: string;
  readonly dataDir: string | undefined;
  readonly searchPath: string | undefined;
  readonly db: Db<TSchema>;
  readonly warnings: readonly StoreWarning[];
  openMs = 0;
  #driver: Driver;
  #txDb: Db<TSchema>;
  #lock: DirLock | undefined;
  #als = new AsyncLocalStorage<TxContext>();
  #closed = false;
  #closing: Promise<void> | undefined;
  #defaultIsolation: IsolationLevel;

  constructor(init: {
    driver: Driver;
    location: string;
    dataDir: string | undefined;
    searchPath: string | undefined;
    lock: DirLock | undefined;
    warnings: StoreWarning[];
    defaultIsolation: IsolationLevel;
    makeDb: (client: object) => Db<TSchema>;
  }) {
    this.kind = init.driver.kind;
    this.location = init.location;
    this.dataDir = init.dataDir;
    this.searchPath = init.searchPath;
    this.#driver = init.driver;
    this.#lock = init.lock;
    this.warnings = Object.freeze([...init.warnings]);
    this.#defaultIsolation = init.defaultIsolation;
    this.db = init.makeDb(this.#guard(init.driver));
    // Unguarded, for transactions that were accepted before close() and run after it.
    this.#txDb = init.makeDb(init.driver.client);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Throws if the store is closed or if called from inside this store's own tx callback. */
  #check(what: string): void {
    if (this.#closed) {
      throw storeError(
        'STORE_CLOSED',
        `存储（${this.location}）已关闭，不能再调用 ${what}。`,
        `The store (${this.location}) is closed; ${what} cannot be used any more.`,
      );
    }
    if (this.#als.getStore()?.active) {
      throw storeError(
        'STORE_TX_NESTED',
        `在 store.tx() 的回调中调用了 ${what}。事务内请使用回调的 tx 参数（嵌套事务用 tx.transaction()，即保存点）；` +
          `在 PGlite 上这样调用会永远等待，在 PostgreSQL 上则会在事务之外执行。`,
        `${what} was called inside a store.tx() callback. Inside a transaction use the callback's tx argument ` +
          `(tx.transaction() for a nested savepoint): on PGlite this call would wait forever, on PostgreSQL it would run outside the transaction.`,
        { call: what },
      );
    }
  }

  /**
   * The client `store.db` talks to: the driver's client, with the methods drizzle calls checked
   * (closed store, nested use) and, where the driver needs it, queued in `serialize`. A
   * transaction's callback runs in the store's transaction context, so that using the store
   * inside it is refused instead of waiting forever for the connection it holds.
   */
  #guard(driver: Driver): object {
    const guarded = new Set(driver.guardedMethods);
    const queued = new Set(driver.queuedMethods);
    const check = (name: string) => this.#check(`store.db (${name})`);
    const inContext = <T>(fn: () => Promise<T>) => this.#inContext(fn);
    const serialize = <T>(fn: () => Promise<T>) => driver.serialize(fn);
    return new Proxy(driver.client, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (typeof prop !== 'string' || !guarded.has(prop)) return fn.bind(target);
        return (...args: unknown[]) => {
          check(prop);
          if (prop === 'transaction' && typeof args[0] === 'function') {
            const callback = args[0] as (t: unknown) => Promise<unknown>;
            args = [(t: unknown) => inContext(() => callback(t)), ...args.slice(1)];
          }
          if (!queued.has(prop)) return fn.apply(target, args);
          return serialize(() => fn.apply(target, args) as Promise<unknown>);
        };
      },
    });
  }

  async query<T = Record<string, unknown>>(
    text: string | SQL,
    params?: readonly unknown[],
  ): Promise<QueryResult<T>> {
    this.#check('store.query()');
    const q = toQuery(text, params);
    return (await this.#driver.serialize(() =>
      this.#driver.query(q.sql, q.params),
    )) as QueryResult<T>;
  }

  async exec(script: string): Promise<void> {
    this.#check('store.exec()');
    await this.#driver.serialize(() => this.#driver.exec(script));
  }

  async tx<T>(
    fn: (tx: Tx<TSchema>, raw: SqlRunner) => Promise<T>,
    options: TxOptions = {},
  ): Promise<T> {
    this.#check('store.tx()');
    const isolation = options.isolation ?? this.#defaultIsolation;
    const config: PgTransactionConfig | undefined =
      isolation === 'read committed' && !options.readOnly
        ? undefined
        : {
            isolationLevel: isolation,
            ...(options.readOnly ? { accessMode: 'read only' as const } : {}),
          };
    return this.#retrying(isolation, options.retries, () =>
      this.#driver.serialize(() =>
        this.#txDb.transaction(async (tx) => {
          const raw = this.#driver.runner(connectionOf(tx));
          return this.#inContext(() => fn(tx, raw));
        }, config),
      ),
    );
  }

  async rawTx<T>(fn: (sql: SqlRunner) => Promise<T>, options: TxOptions = {}): Promise<T> {
    this.#check('store.rawTx()');
    const isolation = options.isolation ?? this.#defaultIsolation;
    const modes = txModes(isolation === 'read committed' ? undefined : isolation, options.readOnly);
    return this.#retrying(isolation, options.retries, () =>
      this.#driver.serialize(() =>
        this.#driver.rawTx((sql) => this.#inContext(() => fn(sql)), modes || undefined),
      ),
    );
  }

  async #inContext<T>(fn: () => Promise<T>): Promise<T> {
    const ctx: TxContext = { active: true };
    try {
      return await this.#als.run(ctx, fn);
    } finally {
      ctx.active = false;
    }
  }

  async #retrying<T>(
    isolation: IsolationLevel,
    retries: number | undefined,
    attempt: () => Promise<T>,
  ): Promise<T> {
    const max = retries ?? (isolation === 'read committed' ? 0 : 3);
    for (let n = 0; ; n++) {
      try {
        return await attempt();
      } catch (e) {
        if (n >= max || !isRetryable(e) || this.#closed) throw e;
        await sleep(Math.random() * 20 * (n + 1));
      }
    }
  }

  poolUse(): PoolUse {
    return this.#driver.poolUse();
  }

  close(): Promise<void> {
    if (!this.#closing) {
      this.#closed = true;
      this.#closing = (async () => {
        try {
          // Let queued work finish before closing the connection.
          await this.#driver.serialize(async () => undefined);
          await this.#driver.close();
        } finally {
          await this.#lock?.release();
        }
      })();
    }
    return this.#closing;
  }
}

// ---- PGlite ------------------------------------------------------------------------------------

function pgliteRunner(client: Pick<PGliteTransaction, 'query' | 'exec'>): SqlRunner {
  return {
    async query<T>(text: string | SQL, params?: readonly unknown[]) {
      const q = toQuery(text, params);
      const r = await client.query<T>(q.sql, q.params, { parsers: RAW_PARSERS });
      return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
    },
    async exec(script: string) {
      await client.exec(script);
    },
  };
}

async function openPglite(
  opts: OpenStoreOptions<AnySchema>,
  timeZone: string,
): Promise<{
  driver: Driver;
  dataDir: string | undefined;
  lock: DirLock | undefined;
  warnings: StoreWarning[];
}> {
  const memory = opts.dataDir === 'memory://';
  const dataDir = memory ? undefined : path.resolve(opts.dataDir ?? './data');
  const lock = dataDir ? await lockDir(dataDir) : undefined;
  let client: PGlite;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    client = await PGlite.create({
      ...(opts.pglite ?? {}),
      dataDir: dataDir ? path.join(dataDir, 'pgdata') : 'memory://',
    });
    await client.exec(`SET TIME ZONE '${timeZone}'`);
  } catch (e) {
    await lock?.release();
    const msg = e instanceof Error ? e.message : String(e);
    throw storeError(
      'STORE_OPEN_FAILED',
      `无法打开嵌入式数据库（PGlite）${dataDir ?? 'memory://'}：${msg}。若目录来自其他版本或已损坏，请从备份恢复。`,
      `Cannot open the embedded database (PGlite) at ${dataDir ?? 'memory://'}: ${msg}. If the directory comes from another version or is damaged, restore it from a backup.`,
      { dataDir },
      e,
    );
  }
  const mutex = new Mutex();
  const runner = pgliteRunner(client);
  const driver: Driver = {
    kind: 'pglite',
    client,
    guardedMethods: ['query', 'exec', 'sql', 'transaction'],
    queuedMethods: ['query', 'exec', 'sql', 'transaction'],
    query: (text, params) => runner.query(text, params),
    exec: (script) => runner.exec(script),
    runner: (connection) => pgliteRunner(connection as PGliteTransaction),
    rawTx: (fn, modes) =>
      client.transaction(async (t) => {
        if (modes) await t.exec(`SET TRANSACTION ${modes}`);
        return fn(pgliteRunner(t));
      }),
    serialize: (fn) => mutex.run(fn),
    close: () => client.close(),
    // One connection: busy while a caller holds it; the others queued in the mutex wait.
    poolUse: () => ({
      max: 1,
      total: 1,
      idle: mutex.held ? 0 : 1,
      waiting: Math.max(0, mutex.pending - (mutex.held ? 1 : 0)),
    }),
  };
  return { driver, dataDir, lock, warnings: lock?.warning ? [lock.warning] : [] };
}

// ---- PostgreSQL --------------------------------------------------------------------------------

interface PgTypes {
  getTypeParser(oid: number, format: 'text'): (value: string) => unknown;
}

function pgRunner(client: Pick<Pool | PoolClient, 'query'>, pgTypes: PgTypes): SqlRunner {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      RAW_PARSERS[oid] ?? pgTypes.getTypeParser(oid, (format ?? 'text') as 'text'),
  };
  return {
    async query<T>(text: string | SQL, params?: readonly unknown[]) {
      const q = toQuery(text, params);
      const r: PgQueryResult = await client.query({ text: q.sql, values: q.params, types });
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(script: string) {
      await client.query(script);
    },
  };
}

function unreachable(url: string, e: unknown): Error {
  const raw = e instanceof Error ? e.message : String(e);
  const msg = scrubSecret(raw || String((e as { code?: unknown }).code ?? e), url);
  const where = redactUrl(url);
  const state = sqlState(e);
  const errno = (e as { code?: unknown }).code;
  return storeError(
    'STORE_UNREACHABLE',
    `无法连接 PostgreSQL 数据库 ${where}：${msg}。请检查 DATABASE_URL（主机、端口、用户、密码、数据库名）及数据库是否在运行。`,
    `Cannot connect to the PostgreSQL database ${where}: ${msg}. Check DATABASE_URL (host, port, user, password, database name) and that the server is running.`,
    {
      url: where,
      ...(state ? { sqlState: state } : {}),
      ...(typeof errno === 'string' ? { errno } : {}),
    },
  );
}

async function openPostgres(
  url: string,
  opts: OpenStoreOptions<AnySchema>,
  timeZone: string,
): Promise<Driver> {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^postgres(ql)?:$/.test(parsed.protocol)) {
    // Show no more than the scheme: the rest may hold a password in an unknown place.
    const shown =
      parsed && /^[a-z][a-z0-9+.-]*:$/i.test(parsed.protocol) ? `${parsed.protocol}//***` : '***';
    throw storeError(
      'STORE_BAD_URL',
      `DATABASE_URL 不是有效的 PostgreSQL 地址（${shown}）。格式：postgres://用户:密码@主机:端口/数据库。`,
      `DATABASE_URL is not a valid PostgreSQL URL (${shown}). Expected postgres://user:password@host:port/database.`,
      { url: shown },
    );
  }
  const pgModule = (await import('pg')).default;
  const options = [
    `-c TimeZone=${timeZone}`,
    ...(opts.searchPath ? [`-c search_path=${opts.searchPath}`] : []),
  ].join(' ');
  const pool = new pgModule.Pool({
    connectionString: url,
    max: opts.pool?.max ?? 10,
    connectionTimeoutMillis: opts.pool?.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: opts.pool?.idleTimeoutMs ?? 30_000,
    ...(opts.pool?.statementTimeoutMs ? { statement_timeout: opts.pool.statementTimeoutMs } : {}),
    application_name: 'rongcuo',
    options,
    // Pipelining: queries a caller issues together on one connection (a `Promise.all` inside a
    // transaction) are written at once, and PostgreSQL answers them in order, instead of one
    // round trip each. Queries awaited one by one run as before. The case view reads its eleven
    // child tables this way: a case read with one worker went from p50 7.0 / p99 12.6 ms to
    // 3.3 / 8.0 ms (1,000 cases). https://node-postgres.com/features/pipelining
    pipeline: true,
  });
  pool.on('error', (err) => opts.onPoolError?.(err));
  let versionNum: number;
  try {
    const r = await pool.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    versionNum = Number(r.rows[0]?.v ?? 0);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw unreachable(url, e);
  }
  if (versionNum < MIN_SERVER_VERSION_NUM) {
    await pool.end().catch(() => undefined);
    throw storeError(
      'STORE_UNSUPPORTED_SERVER',
      `PostgreSQL 服务器版本 ${versionNum} 过旧（${redactUrl(url)}）；至少需要 15。`,
      `The PostgreSQL server ${redactUrl(url)} is version ${versionNum}; version 15 or newer is required.`,
      { serverVersionNum: versionNum },
    );
  }
  const runner = pgRunner(pool, pgModule.types);
  return {
    kind: 'postgres',
    client: pool,
    guardedMethods: ['query', 'connect'],
    queuedMethods: [],
    query: (text, params) => runner.query(text, params),
    exec: (script) => runner.exec(script),
    runner: (connection) => pgRunner(connection as PoolClient, pgModule.types),
    async rawTx(fn, modes) {
      const conn = await pool.connect();
      let broken = false;
      try {
        await conn.query(modes ? `BEGIN ${modes}` : 'BEGIN');
        const result = await fn(pgRunner(conn, pgModule.types));
        await conn.query('COMMIT');
        return result;
      } catch (e) {
        await conn.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw e;
      } finally {
        conn.release(broken);
      }
    },
    serialize: (fn) => fn(),
    close: () => pool.end(),
    poolUse: () => ({
      max: pool.options.max,
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
  };
}

// ---- openStore ---------------------------------------------------------------------------------

/**
 * Opens the store: PostgreSQL when `databaseUrl` is non-empty, otherwise PGlite on `dataDir`.
 * Does not migrate: call `migrate(store)` next.
 *
 * @throws StoreError STORE_LOCKED, STORE_DATA_DIR, STORE_OPEN_FAILED (PGlite);
 *   STORE_BAD_URL, STORE_UNREACHABLE, STORE_UNSUPPORTED_SERVER (PostgreSQL).
 */
export async function openStore<TSchema extends AnySchema = Record<string, never>>(
  options: OpenStoreOptions<TSchema> = {},
): Promise<Store<TSchema>> {
  const started = performance.now();
  const timeZone = options.timeZone ?? 'UTC';
  if (!TIME_ZONE.test(timeZone)) {
    throw new TypeError(`openStore: invalid timeZone ${JSON.stringify(timeZone)}`);
  }
  if (options.searchPath !== undefined && !IDENT.test(options.searchPath)) {
    throw new TypeError(
      `openStore: searchPath must be a lower-case identifier, got ${JSON.stringify(options.searchPath)}`,
    );
  }
  const drizzleConfig = {
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  };
  const url = options.databaseUrl?.trim();
  let store: StoreImpl<TSchema>;
  if (url) {
    const driver = await openPostgres(url, options, timeZone);
    const { drizzle } = await import('drizzle-orm/node-postgres');
    store = new StoreImpl<TSchema>({
      driver,
      location: redactUrl(url) + (options.searchPath ? ` (schema ${options.searchPath})` : ''),
      dataDir: undefined,
      searchPath: options.searchPath,
      lock: undefined,
      warnings: [],
      defaultIsolation: options.defaultIsolation ?? 'read committed',
      makeDb: (client) =>
        drizzle({ client: client as Pool, ...drizzleConfig }) as unknown as Db<TSchema>,
    });
  } else {
    const opened = await openPglite(options, timeZone);
    const { drizzle } = await import('drizzle-orm/pglite');
    store = new StoreImpl<TSchema>({
      driver: opened.driver,
      location: opened.dataDir ?? 'memory://',
      dataDir: opened.dataDir,
      searchPath: undefined,
      lock: opened.lock,
      warnings: opened.warnings,
      defaultIsolation: options.defaultIsolation ?? 'read committed',
      makeDb: (client) =>
        drizzle({ client: client as PGlite, ...drizzleConfig }) as unknown as Db<TSchema>,
    });
  }
  store.openMs = Math.round(performance.now() - started);
  return store;
}
