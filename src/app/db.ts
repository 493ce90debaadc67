/**
 * The database handle a use case reads and writes through: the store's database or a transaction.
 *
 * Named statements. The statements that every case change or case read runs (loading the case,
 * updating its row, appending its event, the case file's queries, the read log) end in drizzle's
 * `.prepare('name').execute()` instead of a plain `await`. The query is built the same way; the
 * name lets PostgreSQL parse and plan it once per connection and reuse the plan afterwards, where
 * an unnamed statement is parsed and planned on every call. Planning is most of PostgreSQL's work
 * on these small statements (the cases table has ten indexes to weigh): a suspension's
 * statements run alone in pgbench at 665 transactions per second unnamed and 1,271 named
 * (bench/results/api.json has the figures of the whole application).
 *
 * A name must always carry the same SQL text: use it only on a query whose shape does not depend
 * on the data (no `inArray` over a list, no optional conditions), and give each query its own
 * name. Most are built per call with their values inline. The three widest and most frequent —
 * loading a case, updating its row in a transition, appending its event — are built once per
 * connection with `sql.placeholder` values (`statementOn` in ../store/store.ts): building their SQL
 * text cost more Node time than running them (a suspension: 1.9 → 0.9 ms of Node CPU). On PGlite
 * the name is ignored.
 */
import type { Db, Tx } from '../store/index.js';
import type { Schema } from './tables.js';

export type AnyDb = Db<Schema> | Tx<Schema>;
export type AppTx = Tx<Schema>;
