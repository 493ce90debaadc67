/**
 * Hot statements compiled once. drizzle builds a query's SQL text again on every call — walking
 * the query's chunks, checking each one's entity kind, quoting names — and on a case read or a
 * case transition that was about half of the Node CPU (measured with `npm run bench:api:profile`).
 * A compiled statement builds its query once, with `sql.placeholder(…)` where the values go, keeps
 * the text, the parameter slots and the result fields, and from then on only fills in the values
 * and runs it — as a named statement, so PostgreSQL also parses and plans it once per connection.
 * Results are mapped exactly as drizzle maps them (same fields, same decoders).
 *
 * It runs on whatever it is given: the store's database or a transaction. A statement's text must
 * not depend on the values (that is what the placeholders are for); a family of shapes (e.g. a
 * transition with different writes) takes one compiled statement per shape, see `compiledFamily`.
 */
import { createHash } from 'node:crypto';
import * as drizzle from 'drizzle-orm';
import { is, Param, Placeholder, sql, type Query } from 'drizzle-orm';
import type { SelectedFieldsOrdered } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../store/index.js';
import type { Schema } from './tables.js';

export type AnyDb = Db<Schema> | Tx<Schema>;

/** What a drizzle query builder offers that a compiled statement needs (select, insert, update). */
interface Buildable<TRow> {
  toSQL(): Query;
  execute(...args: never[]): Promise<TRow[]>;
}

// drizzle's own field ordering (internal but exported from its utils; pinned with drizzle 0.45).
const orderSelectedFields = (
  drizzle as unknown as {
    orderSelectedFields: (fields: Record<string, unknown>) => SelectedFieldsOrdered;
  }
).orderSelectedFields;

interface Shape {
  readonly query: Query;
  readonly name: string;
  readonly fields: SelectedFieldsOrdered | undefined;
  readonly joinsNotNullableMap: Record<string, boolean> | undefined;
}

/** The text, parameters and result fields of a built query, as drizzle's own `prepare` takes them. */
function shapeOf(name: string, builder: Buildable<unknown>): Shape {
  const b = builder as unknown as {
    config: { fields?: Record<string, unknown>; returning?: SelectedFieldsOrdered };
    joinsNotNullableMap?: Record<string, boolean>;
  };
  const query = builder.toSQL();
  const fields = b.config.returning
    ? b.config.returning
    : b.config.fields
      ? orderSelectedFields(b.config.fields)
      : undefined;
  // One name per text: PostgreSQL refuses a statement name reused for a different text.
  const digest = createHash('sha1').update(query.sql).digest('hex').slice(0, 10);
  return {
    query,
    name: `rc_${name.replace(/[^a-z0-9_]/gi, '_').slice(0, 40)}_${digest}`,
    fields,
    joinsNotNullableMap: b.joinsNotNullableMap,
  };
}

export interface Compiled<TRow> {
  /** Runs the statement on `db` (the store's database or a transaction) with these values. */
  run(db: AnyDb, values: Readonly<Record<string, unknown>>): Promise<TRow[]>;
  /** The SQL text and its parameters, placeholders filled with `values` (built on first use). */
  query(db: AnyDb, values: Readonly<Record<string, unknown>>): Query;
}

/**
 * The parameters with the values filled in: a placeholder takes its value as given, a placeholder
 * standing for a column's value (insert values, update sets) is encoded as that column encodes
 * values — except null, which stays SQL NULL, as drizzle writes it when building a query with
 * values (its own placeholder filling would encode a json null as the JSON text 'null').
 */
export function fillParams(
  params: readonly unknown[],
  values: Readonly<Record<string, unknown>>,
): unknown[] {
  return params.map((p) => {
    if (p instanceof Placeholder || is(p, Placeholder)) return valueOf(p, values);
    if (p instanceof Param || is(p, Param)) {
      const param = p as Param;
      if (!is(param.value, Placeholder)) return param.value;
      const v = valueOf(param.value as Placeholder, values);
      return v === null ? null : param.encoder.mapToDriverValue(v);
    }
    return p;
  });
}

function valueOf(p: Placeholder, values: Readonly<Record<string, unknown>>): unknown {
  if (!(p.name in values)) throw new Error(`no value for placeholder '${p.name}'`);
  const v = values[p.name];
  return v === undefined ? null : v;
}

function execute<TRow>(
  db: AnyDb,
  shape: Shape,
  values: Readonly<Record<string, unknown>>,
): Promise<TRow[]> {
  const prepared = db._.session.prepareQuery(
    { sql: shape.query.sql, params: fillParams(shape.query.params, values) },
    shape.fields,
    shape.name,
    shape.fields !== undefined,
  );
  if (shape.joinsNotNullableMap) {
    (prepared as unknown as { joinsNotNullableMap: Record<string, boolean> }).joinsNotNullableMap =
      shape.joinsNotNullableMap;
  }
  return prepared.execute() as Promise<TRow[]>;
}

/**
 * A statement built once by `build` (on the first run, with the database it is given) and run
 * from its stored text afterwards. `name` identifies it in PostgreSQL's statement list.
 */
export function compiled<TRow>(
  name: string,
  build: (db: AnyDb) => Buildable<TRow>,
): Compiled<TRow> {
  let shape: Shape | undefined;
  const get = (db: AnyDb) => (shape ??= shapeOf(name, build(db)));
  return {
    run: (db, values) => execute<TRow>(db, get(db), values),
    query: (db, values) => ({
      sql: get(db).query.sql,
      params: fillParams(get(db).query.params, values),
    }),
  };
}

/**
 * Statements whose text depends on a small set of shapes (a key): one compiled statement per key,
 * built on first use.
 */
export function compiledFamily<TRow, TShape>(
  name: string,
  build: (db: AnyDb, shape: TShape) => Buildable<TRow>,
): (key: string, shape: TShape) => Compiled<TRow> {
  const byKey = new Map<string, Compiled<TRow>>();
  return (key, shape) => {
    let c = byKey.get(key);
    if (!c) {
      c = compiled(`${name}_${key}`, (db) => build(db, shape));
      byKey.set(key, c);
    }
    return c;
  };
}

/** A placeholder maker that keeps one statement part's values apart from another's. */
export function placeholders(prefix: string): (name: string) => Placeholder<string, unknown> {
  return (name) => sql.placeholder(`${prefix}${name}`);
}

/** `values` with every key prefixed, to fill the placeholders of `placeholders(prefix)`. */
export function prefixed(
  prefix: string,
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in values) out[`${prefix}${k}`] = values[k];
  return out;
}

/**
 * One statement made of several built parts: each part's text has its own parameters numbered
 * from $1, so they are renumbered to follow one another. `assemble` receives the renumbered texts
 * in order and returns the statement. The result is a query for `compiledText`.
 */
export function composeQuery(
  parts: readonly Query[],
  assemble: (texts: string[]) => string,
): Query {
  const texts: string[] = [];
  const params: unknown[] = [];
  for (const part of parts) {
    const offset = params.length;
    texts.push(
      offset === 0
        ? part.sql
        : part.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`),
    );
    params.push(...part.params);
  }
  return { sql: assemble(texts), params };
}

/**
 * A statement given as text and parameters (placeholders among them), compiled once by `build`
 * and run on whatever database or transaction is given; rows come back as objects keyed by column
 * name, with the drivers' raw value types (see `Store.query`).
 */
export function compiledText<TRow>(
  name: string,
  build: (db: AnyDb) => Query,
): {
  run(db: AnyDb, values: Readonly<Record<string, unknown>>): Promise<TRow[]>;
  text(db: AnyDb): string;
} {
  let shape: Shape | undefined;
  const get = (db: AnyDb): Shape => {
    if (!shape) {
      const query = build(db);
      const digest = createHash('sha1').update(query.sql).digest('hex').slice(0, 10);
      shape = {
        query,
        name: `rc_${name.replace(/[^a-z0-9_]/gi, '_').slice(0, 40)}_${digest}`,
        fields: undefined,
        joinsNotNullableMap: undefined,
      };
    }
    return shape;
  };
  return {
    async run(db, values) {
      const result = (await execute<unknown>(db, get(db), values)) as unknown as { rows: TRow[] };
      return result.rows;
    },
    text: (db) => get(db).query.sql,
  };
}
