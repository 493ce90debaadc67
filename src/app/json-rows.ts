/**
 * Rows that arrive as JSON — `row_to_json(t)` or `json_agg(t)` inside a larger query, so that one
 * statement can bring a case with its child rows — turned back into the objects drizzle returns
 * for the same table: property names from the column map, timestamps as Date (PostgreSQL writes
 * them as ISO strings in JSON; JavaScript keeps milliseconds, as drizzle does). Dates (`date`)
 * stay 'YYYY-MM-DD' strings and jsonb values stay parsed, as with drizzle.
 */
import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm';

interface ColumnMap {
  readonly key: string;
  readonly name: string;
  readonly timestamp: boolean;
}

const maps = new WeakMap<Table, readonly ColumnMap[]>();

function columnsOf(table: Table): readonly ColumnMap[] {
  let map = maps.get(table);
  if (!map) {
    map = Object.entries(getTableColumns(table)).map(([key, col]) => ({
      key,
      name: col.name,
      timestamp: col.columnType === 'PgTimestamp',
    }));
    maps.set(table, map);
  }
  return map;
}

export function rowFromJson<T extends Table>(
  table: T,
  json: Readonly<Record<string, unknown>>,
): InferSelectModel<T> {
  const out: Record<string, unknown> = {};
  for (const c of columnsOf(table)) {
    const v = json[c.name];
    out[c.key] = v === undefined || v === null ? null : c.timestamp ? new Date(v as string) : v;
  }
  return out as InferSelectModel<T>;
}

export function rowsFromJson<T extends Table>(table: T, json: unknown): InferSelectModel<T>[] {
  if (!Array.isArray(json)) return [];
  return json.map((j) => rowFromJson(table, j as Record<string, unknown>));
}
