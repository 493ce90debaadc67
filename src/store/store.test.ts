import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqlState, StoreError, storeErrorIn } from './errors.js';
import { loadMigrations } from './migrate.js';
import { describeStores, openTestStore } from './testing/harness.js';
import { statementOn } from './store.js';

const items = pgTable('t_items', {
  id: integer('id').primaryKey(),
  label: text('label').notNull(),
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function expectStoreError(p: Promise<unknown> | (() => unknown), code: string) {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    const found = storeErrorIn(e);
    expect(found, String(e)).toBeInstanceOf(StoreError);
    expect(found!.code).toBe(code);
    return found!;
  }
  throw new Error(`expected ${code}, got no error`);
}

// Only the foundation, so that these tests do not depend on the domain migrations.
const foundation = { migrations: loadMigrations().filter((m) => m.id === 1) };

describeStores(
  'store',
  (getStore, kind) => {
    beforeAll(async () => {
      await getStore().exec(`
        CREATE TABLE t_items (id integer PRIMARY KEY, label text NOT NULL);
        CREATE TABLE t_counter (id integer PRIMARY KEY, n integer NOT NULL);
        INSERT INTO t_counter VALUES (1, 0), (2, 0);
      `);
    });

    it('reports its kind and location', () => {
      const store = getStore();
      expect(store.kind).toBe(kind);
      if (kind === 'pglite') expect(store.location).toBe('memory://');
      else expect(store.location).toContain(store.searchPath!);
      expect(store.warnings).toEqual([]);
      expect(store.openMs).toBeGreaterThanOrEqual(0);
    });

    it('runs in UTC on both drivers, in the test schema on PostgreSQL', async () => {
      const r = await getStore().query<{ tz: string; schema: string }>(
        `SELECT current_setting('TimeZone') AS tz, current_schema() AS schema`,
      );
      expect(r.rows[0]!.tz).toBe('UTC');
      if (kind === 'postgres') expect(r.rows[0]!.schema).toBe(getStore().searchPath);
    });

    it('parses raw values alike on both drivers', async () => {
      const r = await getStore().query(
        `SELECT 42::int8 AS big, 7::int4 AS int, 1.50::numeric AS num, 2.5::float8 AS dbl,
                true AS yes, '2024-02-29'::date AS day, '2024-02-29 12:34:56'::timestamp AS ts,
                '2024-02-29 12:34:56+00'::timestamptz AS tstz, interval '1 day 2 hours' AS span,
                '{"a":[1,2]}'::jsonb AS doc, '\\x00ff'::bytea AS bytes, NULL::text AS nothing,
                '容错'::text AS zh`,
      );
      expect(r.rows).toEqual([
        {
          big: 42,
          int: 7,
          num: '1.50',
          dbl: 2.5,
          yes: true,
          day: '2024-02-29',
          ts: '2024-02-29 12:34:56',
          tstz: new Date('2024-02-29T12:34:56Z'),
          span: '1 day 02:00:00',
          doc: { a: [1, 2] },
          bytes: new Uint8Array([0, 255]),
          nothing: null,
          zh: '容错',
        },
      ]);
      expect(r.rowCount).toBe(1);
    });

    it('refuses int8 values beyond the safe integer range', async () => {
      await expectStoreError(
        getStore().query(`SELECT 9007199254740993::int8 AS v`),
        'STORE_INT8_RANGE',
      );
      const ok = await getStore().query(`SELECT 9007199254740993::int8::text AS v`);
      expect(ok.rows[0]).toEqual({ v: '9007199254740993' });
    });

    it('takes parameters and drizzle sql templates', async () => {
      const store = getStore();
      const a = await store.query<{ v: number }>('SELECT $1::int + $2::int AS v', [2, 3]);
      expect(a.rows[0]!.v).toBe(5);
      const x = "it's";
      const b = await store.query<{ v: string }>(sql`SELECT ${x}::text AS v`);
      expect(b.rows[0]!.v).toBe(x);
    });

    it('counts rows the same way on both drivers', async () => {
      const store = getStore();
      const ins = await store.query(
        `INSERT INTO t_items (id, label) VALUES (101, 'a'), (102, 'b'), (103, 'c')`,
      );
      expect(ins.rowCount).toBe(3);
      expect(ins.rows).toEqual([]);
      const upd = await store.query(`UPDATE t_items SET label = 'x' WHERE id IN (101, 102)`);
      expect(upd.rowCount).toBe(2);
      const ret = await store.query(`DELETE FROM t_items WHERE id >= 101 RETURNING id`);
      expect(ret.rowCount).toBe(3);
      expect(ret.rows).toHaveLength(3);
      const none = await store.query(`UPDATE t_items SET label = 'y' WHERE id = -1`);
      expect(none.rowCount).toBe(0);
    });

    it('reports SQLSTATE of database errors from raw SQL and from drizzle', async () => {
      const store = getStore();
      await store.db.insert(items).values({ id: 201, label: 'one' });
      const raw = await store
        .query(`INSERT INTO t_items (id, label) VALUES (201, 'two')`)
        .catch((e: unknown) => e);
      expect(sqlState(raw)).toBe('23505');
      const viaDrizzle = await store.db
        .insert(items)
        .values({ id: 201, label: 'two' })
        .catch((e: unknown) => e);
      expect(sqlState(viaDrizzle)).toBe('23505');
    });

    it('runs drizzle queries on store.db', async () => {
      const db = getStore().db;
      await db.insert(items).values([
        { id: 1, label: 'one' },
        { id: 2, label: 'two' },
      ]);
      const rows = await db.select().from(items).where(eq(items.id, 2));
      expect(rows).toEqual([{ id: 2, label: 'two' }]);
    });

    it('commits a transaction and rolls it back on error', async () => {
      const store = getStore();
      const result = await store.tx(async (tx) => {
        await tx.insert(items).values({ id: 10, label: 'kept' });
        return 'done';
      });
      expect(result).toBe('done');
      await expect(
        store.tx(async (tx) => {
          await tx.insert(items).values({ id: 11, label: 'lost' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const ids = (await store.db.select({ id: items.id }).from(items)).map((r) => r.id);
      expect(ids).toContain(10);
      expect(ids).not.toContain(11);
    });

    it('runs raw SQL inside the transaction through the raw argument', async () => {
      const store = getStore();
      await expect(
        store.tx(
          async (tx, raw) => {
            await raw.exec(
              `INSERT INTO t_items VALUES (60, 'a'); INSERT INTO t_items VALUES (61, 'b');`,
            );
            await tx.insert(items).values({ id: 62, label: 'c' });
            const r = await raw.query<{ n: number; iso: string }>(
              `SELECT count(*) AS n, current_setting('transaction_isolation') AS iso
               FROM t_items WHERE id BETWEEN 60 AND 62`,
            );
            expect(r.rows).toEqual([{ n: 3, iso: 'serializable' }]);
            throw new Error('undo');
          },
          { isolation: 'serializable' },
        ),
      ).rejects.toThrow('undo');
      const left = await store.query(`SELECT id FROM t_items WHERE id BETWEEN 60 AND 62`);
      expect(left.rows).toEqual([]);
    });

    it('makes savepoints with tx.transaction()', async () => {
      const store = getStore();
      await store.tx(async (tx) => {
        await tx.insert(items).values({ id: 20, label: 'outer' });
        await tx
          .transaction(async (inner) => {
            await inner.insert(items).values({ id: 21, label: 'inner' });
            throw new Error('undo inner');
          })
          .catch(() => undefined);
      });
      const ids = (await store.query<{ id: number }>(`SELECT id FROM t_items WHERE id IN (20, 21)`))
        .rows;
      expect(ids).toEqual([{ id: 20 }]);
    });

    it('sets the isolation level and access mode', async () => {
      const store = getStore();
      const level = () =>
        `SELECT current_setting('transaction_isolation') AS iso, current_setting('transaction_read_only') AS ro`;
      const dflt = await store.tx(async (tx) => (await tx.execute(sql.raw(level()))).rows[0]);
      expect(dflt).toEqual({ iso: 'read committed', ro: 'off' });
      for (const isolation of ['repeatable read', 'serializable'] as const) {
        const got = await store.tx(async (tx) => (await tx.execute(sql.raw(level()))).rows[0], {
          isolation,
        });
        expect(got).toEqual({ iso: isolation, ro: 'off' });
        const raw = await store.rawTx(async (q) => (await q.query(level())).rows[0], {
          isolation,
          readOnly: true,
        });
        expect(raw).toEqual({ iso: isolation, ro: 'on' });
      }
      const err = await store
        .tx((tx) => tx.insert(items).values({ id: 30, label: 'no' }), { readOnly: true })
        .catch((e: unknown) => e);
      expect(sqlState(err)).toBe('25006');
    });

    it('runs multi-statement scripts in rawTx, atomically', async () => {
      const store = getStore();
      await expect(
        store.rawTx(async (q) => {
          await q.exec(
            `INSERT INTO t_items VALUES (40, 'a'); INSERT INTO t_items VALUES (41, 'b');`,
          );
          await q.exec(`INSERT INTO t_items VALUES (40, 'dup')`);
        }),
      ).rejects.toThrow();
      const r = await store.query(`SELECT id FROM t_items WHERE id IN (40, 41)`);
      expect(r.rows).toEqual([]);
    });

    it('refuses the store itself inside its own transaction callback', async () => {
      const store = getStore();
      const inside = await store.tx(async (tx) => {
        const seen: string[] = [];
        for (const call of [
          () => store.query('SELECT 1'),
          () => store.exec('SELECT 1'),
          () => store.tx(async () => 1),
          () => store.rawTx(async () => 1),
          () => store.db.select().from(items),
          () => store.db.execute(sql`SELECT 1`),
          () => store.db.transaction(async () => 1),
        ]) {
          const e = await expectStoreError(call, 'STORE_TX_NESTED');
          seen.push(e.code);
        }
        // The transaction is still usable.
        await tx.insert(items).values({ id: 50, label: 'fine' });
        return seen;
      });
      expect(inside).toHaveLength(7);
      // Outside the callback, the store works again, even from a promise started inside it.
      let later: Promise<unknown> | undefined;
      await store.tx(async () => {
        later = sleep(20).then(() => store.query(`SELECT id FROM t_items WHERE id = 50`));
      });
      expect(((await later) as { rows: unknown[] }).rows).toEqual([{ id: 50 }]);
    });

    it('never shows a half-done transaction to concurrent callers', async () => {
      const store = getStore();
      await store.exec(`CREATE TABLE t_pairs (k integer PRIMARY KEY)`);
      const seen = new Set<number>();
      const writers = Array.from({ length: 5 }, (_, i) =>
        store.tx(async (tx) => {
          await tx.execute(sql`INSERT INTO t_pairs VALUES (${2 * i})`);
          await sleep(5);
          await tx.execute(sql`INSERT INTO t_pairs VALUES (${2 * i + 1})`);
        }),
      );
      const readers = Array.from({ length: 20 }, async (_, i) => {
        await sleep(i);
        const r = await store.query<{ n: number }>(`SELECT count(*) AS n FROM t_pairs`);
        seen.add(r.rows[0]!.n);
      });
      await Promise.all([...writers, ...readers]);
      for (const n of seen) expect(n % 2, `saw ${n} rows`).toBe(0);
      const total = await store.query<{ n: number }>(`SELECT count(*) AS n FROM t_pairs`);
      expect(total.rows[0]!.n).toBe(10);
    });

    it('keeps concurrent read-modify-write transactions correct', async () => {
      const store = getStore();
      const n = 20;
      await Promise.all(
        Array.from({ length: n }, () =>
          store.tx(async (tx) => {
            const r = await tx.execute(sql`SELECT n FROM t_counter WHERE id = 1 FOR UPDATE`);
            const current = Number((r.rows[0] as { n: number }).n);
            await sleep(Math.random() * 3);
            await tx.execute(sql`UPDATE t_counter SET n = ${current + 1} WHERE id = 1`);
          }),
        ),
      );
      const r = await store.query<{ n: number }>(`SELECT n FROM t_counter WHERE id = 1`);
      expect(r.rows[0]!.n).toBe(n);
    });

    it.runIf(kind === 'pglite')('runs PGlite transactions one at a time, in order', async () => {
      const store = getStore();
      const events: string[] = [];
      let open = 0;
      let maxOpen = 0;
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? store.rawTx.bind(store) : store.tx.bind(store))(async () => {
            open++;
            maxOpen = Math.max(maxOpen, open);
            events.push(`begin ${i}`);
            await sleep(2);
            events.push(`end ${i}`);
            open--;
          }),
        ),
      );
      expect(maxOpen).toBe(1);
      expect(events).toEqual(
        Array.from({ length: 10 }, (_, i) => [`begin ${i}`, `end ${i}`]).flat(),
      );
    });

    it.runIf(kind === 'pglite')(
      'hands the PGlite connection out first come, first served: a transaction is not overtaken by later statements',
      async () => {
        const store = getStore();
        await store.exec(`CREATE TABLE t_fifo (k integer PRIMARY KEY)`);
        const order: string[] = [];
        // A holds the connection while B and then ten single statements queue up behind it.
        const a = store.tx(async (tx) => {
          await sleep(30);
          await tx.execute(sql`SELECT 1`);
          order.push('a');
        });
        await sleep(5);
        const b = store.tx(async (tx) => {
          await tx.execute(sql`INSERT INTO t_fifo VALUES (1)`);
          await sleep(5);
          await tx.execute(sql`INSERT INTO t_fifo VALUES (2)`);
          order.push('b');
        });
        const count = sql`SELECT count(*)::int AS n FROM t_fifo`;
        const singles = Array.from({ length: 10 }, async (_, i) => {
          const r =
            i % 3 === 0
              ? await store.query<{ n: number }>(count)
              : i % 3 === 1
                ? (await store.db.execute<{ n: number }>(count)).rows
                : await store.db.select({ n: sql<number>`count(*)::int` }).from(sql`t_fifo`);
          const n = Number('rows' in r ? r.rows[0]!.n : r[0]!.n);
          order.push(`single ${i}`);
          return n;
        });
        await Promise.all([a, b]);
        // Every statement queued after B ran after B committed: it saw both of B's rows.
        expect(await Promise.all(singles)).toEqual(Array.from({ length: 10 }, () => 2));
        expect(order.slice(0, 2)).toEqual(['a', 'b']);
      },
    );

    it.runIf(kind === 'pglite')(
      'runs statements queued before a transaction before it',
      async () => {
        const store = getStore();
        await store.exec(`CREATE TABLE t_fifo_before (k integer PRIMARY KEY)`);
        const holder = store.tx(async () => sleep(20));
        await sleep(5);
        // drizzle sends a query when it is awaited, a few microtasks later: let them reach the
        // store before the transaction does.
        const writes = Array.from({ length: 5 }, async (_, i) => {
          await store.db.execute(sql`INSERT INTO t_fifo_before VALUES (${i})`);
        });
        await sleep(1);
        const seen = store.tx(async (tx) => {
          const r = await tx.execute<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM t_fifo_before`,
          );
          return Number(r.rows[0]!.n);
        });
        await Promise.all([holder, ...writes]);
        expect(await seen).toBe(5);
      },
    );

    it.runIf(kind === 'pglite')(
      'refuses the store inside store.db.transaction() instead of waiting forever',
      async () => {
        const store = getStore();
        const result = await store.db.transaction(async (tx) => {
          await expectStoreError(() => store.query('SELECT 1'), 'STORE_TX_NESTED');
          await expectStoreError(() => store.db.execute(sql`SELECT 1`), 'STORE_TX_NESTED');
          // Work inside the transaction, savepoints included, does not queue behind it.
          return tx.transaction(async (inner) => (await inner.execute(sql`SELECT 7 AS v`)).rows);
        });
        expect(result).toEqual([{ v: 7 }]);
        expect((await store.query(`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }]);
      },
    );

    it.runIf(kind === 'postgres')(
      'retries serialization failures of serializable transactions',
      async () => {
        const store = getStore();
        await store.exec(`CREATE TABLE t_duty (doctor text PRIMARY KEY, on_call boolean NOT NULL);
          INSERT INTO t_duty VALUES ('a', true), ('b', true);`);
        // Classic write skew: each goes off call if someone else is still on call.
        const run = async (who: string, retries: number | undefined) => {
          let attempts = 0;
          await store.tx(
            async (tx) => {
              attempts++;
              const r = await tx.execute(sql`SELECT count(*)::int AS n FROM t_duty WHERE on_call`);
              await sleep(50); // both read before either writes
              if ((r.rows[0] as { n: number }).n >= 2) {
                await tx.execute(sql`UPDATE t_duty SET on_call = false WHERE doctor = ${who}`);
              }
            },
            { isolation: 'serializable', ...(retries === undefined ? {} : { retries }) },
          );
          return attempts;
        };
        const without = await Promise.allSettled([run('a', 0), run('b', 0)]);
        const failed = without.filter((r) => r.status === 'rejected');
        expect(failed).toHaveLength(1);
        expect(sqlState((failed[0] as PromiseRejectedResult).reason)).toBe('40001');

        await store.exec(`UPDATE t_duty SET on_call = true`);
        const withRetry = await Promise.all([run('a', undefined), run('b', undefined)]);
        expect(withRetry.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(3);
        const onCall = await store.query<{ n: number }>(
          `SELECT count(*) AS n FROM t_duty WHERE on_call`,
        );
        expect(onCall.rows[0]!.n).toBe(1);
      },
    );
  },
  { migrate: foundation },
);

describeStores(
  'store close',
  (_getStore, kind) => {
    it('waits for work in flight, then refuses further use', async () => {
      const { store, cleanup } = await openTestStore(kind, { migrate: foundation });
      let finished = false;
      const inFlight = store.tx(async (tx) => {
        await sleep(50);
        await tx.execute(sql`SELECT 1`);
        finished = true;
      });
      const queued = Array.from({ length: 3 }, (_, i) =>
        store.tx(
          async (tx, raw) =>
            (await raw.query<{ i: number }>('SELECT $1::int AS i', [i])).rows[0]!.i,
        ),
      );
      await sleep(5);
      const closing = store.close();
      await expectStoreError(() => store.query('SELECT 1'), 'STORE_CLOSED');
      await inFlight;
      expect(await Promise.all(queued)).toEqual([0, 1, 2]);
      await closing;
      expect(finished).toBe(true);
      expect(store.closed).toBe(true);
      await store.close(); // idempotent
      await expectStoreError(() => store.db.select().from(items), 'STORE_CLOSED');
      await cleanup(); // drops the PostgreSQL test schema
    });
  },
  { migrate: false },
);

describe('StoreError', () => {
  it('formats in both languages', () => {
    const e = new StoreError('STORE_CLOSED', { zh: '已关闭', en: 'closed' });
    expect(e.format('zh')).toBe('错误 STORE_CLOSED: 已关闭');
    expect(e.format('en')).toBe('error STORE_CLOSED: closed');
    expect(e.message).toBe('STORE_CLOSED: closed');
  });
});

const schema = { items };

describeStores<typeof schema>(
  'store with a drizzle schema',
  (getStore) => {
    it('offers relational queries on db and tx', async () => {
      const store = getStore();
      await store.exec(`CREATE TABLE t_items (id integer PRIMARY KEY, label text NOT NULL)`);
      await store.db.insert(items).values({ id: 1, label: 'one' });
      expect(await store.db.query.items.findMany()).toEqual([{ id: 1, label: 'one' }]);
      const found = await store.tx((tx) =>
        tx.query.items.findFirst({ where: (t, { eq: is }) => is(t.id, 1) }),
      );
      expect(found).toEqual({ id: 1, label: 'one' });
    });
  },
  { migrate: false, open: { schema } },
);

describeStores(
  'statements built once per connection (statementOn)',
  (getStore, kind) => {
    it('reuses a statement on its connection, inside each later transaction', async () => {
      const store = getStore();
      await store.exec(`CREATE TABLE t_once (id integer PRIMARY KEY, label text NOT NULL)`);
      let builds = 0;
      const insertOn = (tx: Parameters<Parameters<typeof store.tx>[0]>[0]) =>
        statementOn(tx, 't_once_insert', () => {
          builds += 1;
          return tx
            .insert(onceItems)
            .values({ id: sql.placeholder('id'), label: sql.placeholder('label') })
            .prepare('t_once_insert');
        });
      for (let id = 1; id <= 4; id++) {
        await store.tx((tx) => insertOn(tx).execute({ id, label: `item ${id}` }));
      }
      // A rolled-back transaction takes the reused statement's row with it: it ran inside it.
      await expect(
        store.tx(async (tx) => {
          await insertOn(tx).execute({ id: 5, label: 'rolled back' });
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      const rows = await store.db.select().from(onceItems).orderBy(onceItems.id);
      expect(rows.map((r) => r.label)).toEqual(['item 1', 'item 2', 'item 3', 'item 4']);
      // PostgreSQL: built once per pooled connection (one-by-one transactions share the idle one);
      // PGlite: each transaction has a connection object of its own.
      if (kind === 'postgres') expect(builds).toBeLessThan(5);
      else expect(builds).toBe(5);
    });
  },
  { migrate: false },
);

const onceItems = pgTable('t_once', {
  id: integer('id').primaryKey(),
  label: text('label').notNull(),
});
