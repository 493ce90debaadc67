-- 0001 foundation: what the store itself needs, nothing domain-specific.
-- Runs on PostgreSQL 15+ and on PGlite. Unqualified names: objects go to the current schema
-- (search_path), so tests can run in a schema of their own. The migrator wraps this file in a
-- transaction and records it in schema_migrations; do not BEGIN/COMMIT here.

-- Facts about this database as a whole, as text key/value pairs.
CREATE TABLE store_meta (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO store_meta (key, value) VALUES
  -- identifies this database (e.g. to tell a backup's origin); never changes
  ('store_id', gen_random_uuid()::text),
  -- when the database was created, UTC, ISO 8601
  ('created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
  -- layout version of the store foundation (schema_migrations, store_meta)
  ('format_version', '1');
