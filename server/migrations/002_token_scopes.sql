-- Token scopes (issue 14): what each token may do. `rep`: push, pull and me; `ingest`: POST
-- /v1/ingest; `export`: GET /v1/dispositions. Every token issued before this migration could do
-- all three, and marketing tools may be running on them: they keep all three, so an upgrade breaks
-- no deployment (revoke and reissue one to narrow it). Tokens issued from now on name their own
-- scopes (`issue-token ... --scope`, `rep` by default): the column has no default after this.
ALTER TABLE tokens ADD COLUMN scopes text[] NOT NULL DEFAULT ARRAY['rep', 'ingest', 'export'];
ALTER TABLE tokens ALTER COLUMN scopes DROP DEFAULT;
ALTER TABLE tokens ADD CONSTRAINT tokens_scopes_known
  CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['rep', 'ingest', 'export']);
