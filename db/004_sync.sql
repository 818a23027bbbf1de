-- Sync with the hub: where it is and this desk's secret, how far the desk has read the hub's changes,
-- and the overruns the hub reported about this desk's settlements. The outbox (001) holds what is
-- still to upload; usage_baseline and members.account_baseline_fen (001) hold the hub's figures.
CREATE TABLE sync_config (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    hub_url      TEXT NOT NULL,
    secret       TEXT NOT NULL,     -- this desk's secret at the hub (the file is readable by its owner only)
    ca_file      TEXT,              -- a CA bundle for a hub behind a private CA; NULL: the system's
    stale_after  INTEGER NOT NULL DEFAULT 3600 CHECK (stale_after > 0),  -- seconds: older usage is stale
    updated_at   TEXT NOT NULL
);

CREATE TABLE sync_state (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    cursor            INTEGER NOT NULL DEFAULT 0,  -- the last hub change applied here
    last_upload_at    TEXT,                        -- the last upload the hub acknowledged
    last_download_at  TEXT,                        -- the last time the desk caught up with the hub
    last_attempt_at   TEXT,
    last_error        TEXT NOT NULL DEFAULT ''
);
INSERT INTO sync_state (id) VALUES (1);

-- Copied from the hub, never changed: a settlement that took a member past the annual cap
-- (annual_cap, limit = the cap) or a personal account below zero (account, limit = 0).
CREATE TABLE overruns (
    hub_id           INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('annual_cap', 'account')),
    member_id        TEXT NOT NULL,
    year             INTEGER NOT NULL,
    day              TEXT NOT NULL,     -- the day of the settlement that went beyond
    settlement_id    TEXT NOT NULL,
    limit_fen        INTEGER NOT NULL,
    total_after_fen  INTEGER NOT NULL,
    amount_fen       INTEGER NOT NULL,  -- how far that settlement went beyond
    settlements      TEXT NOT NULL,     -- JSON array: every settlement that counted towards the figure
    detected_at      TEXT NOT NULL,
    received_at      TEXT NOT NULL
);
CREATE INDEX overruns_day ON overruns(day);

CREATE TRIGGER overruns_never_edited BEFORE UPDATE ON overruns
BEGIN SELECT RAISE(ABORT, 'overruns are the hub''s record: never edited'); END;
CREATE TRIGGER overruns_never_deleted BEFORE DELETE ON overruns
BEGIN SELECT RAISE(ABORT, 'overruns are the hub''s record: never deleted'); END;
