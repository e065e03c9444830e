-- The CRM loop (issue 18): a team's CRM connection, the outbox of writes to it, and which CRM
-- record each lead was matched to. docs/decisions.md "The CRM loop" says why.

-- A team admin's token (`issue-token --scope admin`) connects the CRM and changes its mapping.
-- Never granted to tokens from before scopes: an admin is named deliberately.
ALTER TABLE tokens DROP CONSTRAINT tokens_scopes_known;
ALTER TABLE tokens ADD CONSTRAINT tokens_scopes_known
  CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['rep', 'ingest', 'export', 'admin']);

-- One CRM per team. `secret` is AES-256-GCM ciphertext (server/crm/secrets.ts) under a key from
-- the environment (HANDOFF_SECRET_KEY), bound to the team and system: never the token itself.
-- `mapping` holds the team's overrides only (server/crm/mapping.ts lays them over the defaults).
CREATE TABLE crm_connections (
  team_id        text PRIMARY KEY REFERENCES teams (id),
  system         text NOT NULL CHECK (system IN ('hubspot', 'salesforce')),
  secret         text NOT NULL,
  mapping        jsonb NOT NULL DEFAULT '{}',
  settings       jsonb NOT NULL DEFAULT '{}',
  -- needs_attention: the CRM refused the token (expired, revoked, missing scopes), or it cannot be
  -- decrypted; nothing is sent until an admin connects again.
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_attention')),
  status_message text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per write a change causes, inserted in the push's own transaction; unique per
-- (team, system, kind, record), so a retried push never queues a second one. Times are the
-- server clock's epoch milliseconds, like the records'.
CREATE TABLE crm_outbox (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id            text NOT NULL REFERENCES teams (id),
  system             text NOT NULL,
  -- decision: a disposition's contact properties; touch: an activity's engagement
  kind               text NOT NULL CHECK (kind IN ('decision', 'touch')),
  record_id          text NOT NULL,
  lead_id            text NOT NULL,
  -- A touch that was the lead's first (the engagement says so).
  first_touch        boolean NOT NULL DEFAULT false,
  -- superseded: a later decision on the lead was written first; writing this one would undo it
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'written', 'refused', 'superseded')),
  attempts           integer NOT NULL DEFAULT 0,
  next_attempt_at    bigint NOT NULL,
  -- A worker holds the row until then (several server processes on one PostgreSQL).
  lease_until        bigint,
  -- The CRM's own words for the last failure or the refusal.
  last_error         text,
  crm_record_id      text,
  engagement_id      text,
  -- A create of the engagement was sent: before sending another, look for it by its marker.
  engagement_sent_at bigint,
  written_at         bigint,
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (team_id, system, kind, record_id)
);
CREATE INDEX crm_outbox_due ON crm_outbox (team_id, system, next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX crm_outbox_lead ON crm_outbox (team_id, lead_id, id);

-- The CRM record a lead was matched to (by CRM id, by email, or created), so the next write
-- needs no search and a contact created once is never created again.
CREATE TABLE crm_contacts (
  team_id    text NOT NULL REFERENCES teams (id),
  system     text NOT NULL,
  lead_id    text NOT NULL,
  record_id  text NOT NULL,
  matched_by text NOT NULL CHECK (matched_by IN ('crm_id', 'email', 'created')),
  PRIMARY KEY (team_id, system, lead_id)
);

-- "Is this the lead's first touch?" when a touch is queued.
CREATE INDEX records_activities_by_lead ON records (team_id, (data ->> 'leadId')) WHERE table_name = 'activities';
