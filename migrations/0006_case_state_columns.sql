-- State the permissions and the clock depend on is kept in columns of the case, written by the
-- transitions that make it true; the audit trail (case_events) is written, never queried for state.
--
-- notified_on          the day the decision in force was last notified to the parties (notify, or
--                      a review or appeal decision); the review and appeal window counts from it
-- publicity_ended_on   the day the publicity of the determination in force was completed (ended,
--                      or closed by filing upward); a changed determination clears it
-- filed_upward_on      the day the determination in force was filed with the higher level; a
--                      changed determination clears it
ALTER TABLE cases
  ADD COLUMN notified_on date,
  ADD COLUMN publicity_ended_on date,
  ADD COLUMN filed_upward_on date;

-- Existing cases: read once from the trail what the new columns hold from now on. Event times are
-- stored in UTC; days are China's (UTC+8, no daylight saving).
UPDATE cases c SET notified_on = (
  SELECT ((e.at AT TIME ZONE 'UTC') + interval '8 hours')::date
    FROM case_events e
   WHERE e.case_id = c.id
     AND e.payload->>'to' = 'notified'
     AND e.payload->>'from' IN ('determined', 'under_review', 'under_appeal')
   ORDER BY e.seq DESC LIMIT 1);

UPDATE cases c SET publicity_ended_on = (
  SELECT ((e.at AT TIME ZONE 'UTC') + interval '8 hours')::date
    FROM case_events e
   WHERE e.case_id = c.id
     AND e.payload->>'publicityEnded' = 'true'
     AND e.payload->>'determinationId' = (
       SELECT d.id::text FROM determinations d WHERE d.case_id = c.id
        ORDER BY d.created_at DESC LIMIT 1)
   ORDER BY e.seq DESC LIMIT 1);

UPDATE cases c SET filed_upward_on = (
  SELECT ((e.at AT TIME ZONE 'UTC') + interval '8 hours')::date
    FROM case_events e
   WHERE e.case_id = c.id
     AND e.type = 'case.filed_upward'
     AND e.payload->>'determinationId' = (
       SELECT d.id::text FROM determinations d WHERE d.case_id = c.id
        ORDER BY d.created_at DESC LIMIT 1)
   ORDER BY e.seq DESC LIMIT 1);

-- A change is now a plain transaction: the case row is locked when it is read and updated only
-- where it still has the version that was read. The one-statement guard is no longer used.
DROP FUNCTION rongcuo_case_version_guard(bigint);
