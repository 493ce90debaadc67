-- Administration's audit trail: every change an administrator makes to users, role grants and the
-- organization (a case's changes have their own hash-chained case_events). Append-only: a trigger
-- refuses UPDATE and DELETE, so a row once written stays as written.

CREATE TABLE admin_events (
  id            bigserial PRIMARY KEY,
  actor_id      uuid NOT NULL REFERENCES users(id),
  action        text NOT NULL,                  -- e.g. 'user.create', 'user.grants', 'unit.create'
  target_kind   text NOT NULL CHECK (target_kind IN ('user', 'jurisdiction', 'unit')),
  target_id     text NOT NULL,
  -- the path of the scope the change falls in (jurisdiction or unit path), for scoped reading
  scope_path    text NOT NULL DEFAULT '',
  at            timestamptz NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}'     -- what changed; never a password or its hash
);
CREATE INDEX admin_events_target ON admin_events (target_kind, target_id, at);
CREATE INDEX admin_events_scope ON admin_events (scope_path text_pattern_ops, at);

CREATE FUNCTION admin_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'admin_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER admin_events_no_change
  BEFORE UPDATE OR DELETE ON admin_events
  FOR EACH ROW EXECUTE FUNCTION admin_events_append_only();

-- Listing users by name in an administrator's pages.
CREATE INDEX users_display_name ON users (display_name);
