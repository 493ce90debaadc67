-- The to-do list (src/app/queries/todos.ts) reads, for each task, the open cases in one state that
-- the user's role and scope admit, the nearest step due date first, at most 21: this index walks
-- one state's open cases in due order and stops there (the scope's path indexes serve a small
-- scope instead). Open cases only, so it stays small beside the million closed ones.
CREATE INDEX cases_todo ON cases (state, step_due_on, id) WHERE closed_at IS NULL;
-- A member's votes still to cast: the deliberation_members key starts with the case, so without
-- this "the cases where I have not voted" would read every member row.
CREATE INDEX deliberation_members_pending_vote ON deliberation_members (user_id, case_id)
  WHERE vote IS NULL;
-- The consultations still unanswered and the extensions still undecided: few, so the to-do list
-- reads the cases they belong to from these instead of walking every open case.
CREATE INDEX consultations_pending ON consultations (case_id) WHERE responded_at IS NULL;
CREATE INDEX case_extensions_requested ON case_extensions (case_id) WHERE status = 'requested';
