-- A rep's work email on their token (issue 15): the extension lists the team's reps as the
-- account executives a lead can be handed to, and a handoff names its AE by email. Optional:
-- tokens issued before this, and tool tokens (ingest, export), have none; `issue-token --email`
-- sets it.
ALTER TABLE tokens ADD COLUMN email text;
ALTER TABLE tokens ADD CONSTRAINT tokens_email_shape CHECK (email IS NULL OR (length(email) <= 254 AND email LIKE '%_@_%'));
