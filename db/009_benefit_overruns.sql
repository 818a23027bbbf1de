-- Issue 11: the hub reports overruns of a disease's cap (disease_cap) and of the inpatient cap the
-- outpatient benefits share (inpatient_cap) beside the annual-cap and account ones; `key` is the disease
-- (or benefit) of the settlement that went beyond and `key_name` its name. SQLite cannot change a CHECK,
-- so the table is rebuilt with its rows and its guards.
CREATE TABLE overruns_new (
    hub_id           INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('annual_cap', 'account', 'disease_cap', 'inpatient_cap')),
    member_id        TEXT NOT NULL,
    year             INTEGER NOT NULL,
    day              TEXT NOT NULL,
    settlement_id    TEXT NOT NULL,
    limit_fen        INTEGER NOT NULL,
    total_after_fen  INTEGER NOT NULL,
    amount_fen       INTEGER NOT NULL,
    settlements      TEXT NOT NULL,
    detected_at      TEXT NOT NULL,
    received_at      TEXT NOT NULL,
    key              TEXT NOT NULL DEFAULT '',
    key_name         TEXT NOT NULL DEFAULT ''
);
INSERT INTO overruns_new (hub_id, kind, member_id, year, day, settlement_id, limit_fen, total_after_fen, amount_fen,
                          settlements, detected_at, received_at)
    SELECT hub_id, kind, member_id, year, day, settlement_id, limit_fen, total_after_fen, amount_fen, settlements,
           detected_at, received_at FROM overruns;
DROP TABLE overruns;
ALTER TABLE overruns_new RENAME TO overruns;
CREATE INDEX overruns_day ON overruns(day);

CREATE TRIGGER overruns_never_edited BEFORE UPDATE ON overruns
BEGIN SELECT RAISE(ABORT, 'overruns are the hub''s record: never edited'); END;
CREATE TRIGGER overruns_never_deleted BEFORE DELETE ON overruns
BEGIN SELECT RAISE(ABORT, 'overruns are the hub''s record: never deleted'); END;
