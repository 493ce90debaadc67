-- A case moves in one statement: the case row is updated only if it still has the version the
-- actor saw, and the event and the other writes of the change are data-modifying parts of the same
-- statement. When the update finds no such row (another change came first), this function makes
-- the whole statement fail, so that none of its writes is kept — also when the statement runs on
-- its own, outside an explicit transaction. SQLSTATE RC409 is mapped to CASE_VERSION_CONFLICT.
CREATE FUNCTION rongcuo_case_version_guard(moved bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
  IF moved = 0 THEN
    RAISE EXCEPTION 'the case was changed by someone else since it was read'
      USING ERRCODE = 'RC409';
  END IF;
  RETURN moved;
END
$$;
