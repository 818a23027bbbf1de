-- Late entries (补录) and the audit chain's anchors at the hub.
-- A settlement is dated by the desk's clock; a supervisor may record one late, for a business day
-- not yet closed by a Z report: then `at` is when the bill happened, `entered_at` the desk's clock
-- when it was recorded, and `reason` says why (the audit row carries all three).
ALTER TABLE settlements ADD COLUMN entered_at TEXT;  -- NULL on rows written before this version
ALTER TABLE settlements ADD COLUMN late_entry INTEGER NOT NULL DEFAULT 0 CHECK (late_entry IN (0, 1));

-- Each sync sends the audit chain's head (seq, hash) to the hub; what the hub acknowledged is kept
-- here, so `desk audit verify` checks the chain still passes through every anchored head. (The hub's
-- copy is the one to trust: `desk audit verify --hub` asks it.)
CREATE TABLE audit_anchors (
    seq          INTEGER PRIMARY KEY,
    hash         TEXT NOT NULL,
    anchored_at  TEXT NOT NULL,
    hub_url      TEXT NOT NULL
);
CREATE TRIGGER audit_anchors_never_edited BEFORE UPDATE ON audit_anchors
BEGIN SELECT RAISE(ABORT, 'an audit anchor is never edited'); END;
CREATE TRIGGER audit_anchors_never_deleted BEFORE DELETE ON audit_anchors
BEGIN SELECT RAISE(ABORT, 'an audit anchor is never deleted'); END;
