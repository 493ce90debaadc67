-- The application window (issue 13, a pack's procedure.application): an application may say the
-- day the official was notified of the accountability decision (收到问责决定之日), from which the
-- window counts. Written once when the case is opened (cases/create.ts); NULL when not given
-- (the investigation still running) and for every case opened before this.
ALTER TABLE cases ADD COLUMN accountability_notified_on date;
