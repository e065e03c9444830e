-- Teams, their reps' tokens, the synced records and the record of applied changes.
-- Every row but a team's own belongs to a team: each query filters by team_id.

CREATE TABLE teams (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  -- The last sequence number handed out: bumped inside each write transaction while the
  -- row is locked, so a team's sequence numbers commit in order (gap-free pull).
  seq        bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tokens (
  id         text PRIMARY KEY,
  team_id    text NOT NULL REFERENCES teams (id),
  rep        text NOT NULL,
  -- sha256 of the token, hex: the token itself is shown once and never stored.
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX tokens_team ON tokens (team_id);

CREATE TABLE records (
  team_id    text NOT NULL REFERENCES teams (id),
  table_name text NOT NULL,
  record_id  text NOT NULL,
  data       jsonb NOT NULL,
  clocks     jsonb NOT NULL DEFAULT '{}',
  meta       jsonb NOT NULL DEFAULT '{}',
  hlc        text NOT NULL,
  seq        bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, table_name, record_id)
);
-- The pull index; unique, so two records can never share a position.
CREATE UNIQUE INDEX records_team_seq ON records (team_id, seq);
CREATE INDEX records_dispositions_by_lead ON records (team_id, (data ->> 'leadId')) WHERE table_name = 'dispositions';
CREATE INDEX records_dispositions_by_time ON records (team_id, ((data ->> 'decidedAt')::bigint), record_id)
  WHERE table_name = 'dispositions';

-- Identity keys of the team's leads (normalised emails, CRM ids) for ingest to find a lead.
-- Derived from the merged lead on every write, like the extension's emailKeys.
CREATE TABLE lead_keys (
  team_id text NOT NULL REFERENCES teams (id),
  kind    text NOT NULL,
  key     text NOT NULL,
  lead_id text NOT NULL,
  PRIMARY KEY (team_id, kind, key, lead_id)
);
CREATE INDEX lead_keys_lead ON lead_keys (team_id, lead_id);

-- One row per change ever applied (and per ingest request): a repeat returns `result`.
CREATE TABLE applied_changes (
  team_id    text NOT NULL REFERENCES teams (id),
  client_id  text NOT NULL,
  change_id  text NOT NULL,
  result     jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, client_id, change_id)
);
