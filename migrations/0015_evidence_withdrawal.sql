-- An evidence file uploaded by mistake is withdrawn by its uploader before the step closes
-- (src/app/cases/remove-evidence.ts): the row and its content stay, marked with who, when and why.
ALTER TABLE evidence ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE evidence ADD COLUMN withdrawn_by uuid;
ALTER TABLE evidence ADD COLUMN withdrawal_reason text;
ALTER TABLE evidence ADD CONSTRAINT evidence_withdrawal_whole CHECK (
  (withdrawn_at IS NULL AND withdrawn_by IS NULL AND withdrawal_reason IS NULL)
  OR (withdrawn_at IS NOT NULL AND withdrawal_reason IS NOT NULL)
);
