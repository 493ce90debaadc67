-- Review and appeal done right (issue 10), and the jurisdiction's setting for the applicant's
-- preliminary assessment. State is kept in columns written by the transitions that make it true.
--
-- cases.reviewed_on       the day the determination in force was reviewed, or decided on review or
--                         appeal: it cannot be reviewed again (an appeal is then the route)
ALTER TABLE cases ADD COLUMN reviewed_on date;

-- The decision of a review or appeal, as its decision document (复核决定书 / 申诉决定书) needs it,
-- and what the challenge did to a publicity that was running when it was asked for:
--
-- reasons, decided_by, decided_on   the decision's reasons, who decided it and when
-- outcome, previous_outcome         the outcome in force after the decision, and before it
-- collective, votes                 decided by the committee's vote (the pack's review.collective);
--                                   votes: { tally, sitting, needed, members: [{ userId, vote,
--                                   reason, votedAt }] }
-- publicity_suspended_on            the publicity of the determination was running and stopped
--                                   counting that day (the day the challenge was asked for)
-- publicity_due_on                  its last day as it stood then
-- publicity_days_left               the days it still had to run then (the pack's unit)
-- publicity_resumed_on / _due_on    upheld: it resumed that day with the days left, to this last day
ALTER TABLE case_challenges
  ADD COLUMN reasons text NOT NULL DEFAULT '',
  ADD COLUMN decided_by uuid REFERENCES users(id),
  ADD COLUMN decided_on date,
  ADD COLUMN outcome text,
  ADD COLUMN previous_outcome text,
  ADD COLUMN collective boolean NOT NULL DEFAULT false,
  ADD COLUMN votes jsonb,
  ADD COLUMN publicity_suspended_on date,
  ADD COLUMN publicity_due_on date,
  ADD COLUMN publicity_days_left integer CHECK (publicity_days_left >= 0),
  ADD COLUMN publicity_resumed_on date,
  ADD COLUMN publicity_resumed_due_on date;

-- A member's vote on a review decided collectively (one review per determination chain: a
-- determination reviewed is not reviewed again, so one vote each is enough).
ALTER TABLE deliberation_members
  ADD COLUMN review_vote text,
  ADD COLUMN review_vote_reason text NOT NULL DEFAULT '',
  ADD COLUMN review_voted_at timestamptz;

-- Whether an applicant sees the engine's preliminary assessment while applying (set by an
-- administrator per jurisdiction). Off by default: the form shows what the measure weighs.
ALTER TABLE jurisdictions
  ADD COLUMN applicant_assessment boolean NOT NULL DEFAULT false;

-- Existing decided challenges: read once from the trail what the new columns hold from now on.
-- Event times are stored in UTC; days are China's (UTC+8, no daylight saving).
UPDATE case_challenges ch SET
  decided_on = ((ch.decided_at AT TIME ZONE 'UTC') + interval '8 hours')::date,
  reasons = COALESCE(e.reason, ''),
  decided_by = e.actor_id,
  outcome = e.payload->>'outcome',
  previous_outcome = e.payload->>'previousOutcome'
FROM case_events e
WHERE ch.status IN ('upheld', 'changed')
  AND e.case_id = ch.case_id
  AND e.type IN ('case.review_decided', 'case.appeal_decided')
  AND e.payload->>'challengeId' = ch.id::text;

UPDATE cases c SET reviewed_on = (
  SELECT max(ch.decided_on) FROM case_challenges ch
   WHERE ch.case_id = c.id AND ch.status IN ('upheld', 'changed'));
