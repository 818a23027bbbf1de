-- Issue 11: the hub also reports overruns of an own scheme's annual cap (重庆 第六条, scheme_cap; key = the
-- scheme, key_name its label). SQLite cannot change a CHECK, so the table is rebuilt with its rows and guards.
CREATE TABLE overruns_new (
    hub_id           INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('annual_cap', 'account', 'disease_cap', 'inpatient_cap', 'scheme_cap')),
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
                          settlements, detected_at, received_at, key, key_name)
    SELECT hub_id, kind, member_id, year, day, settlement_id, limit_fen, total_after_fen, amount_fen, settlements,
           detected_at, received_at, key, key_name FROM overruns;
DROP TABLE overruns;
ALTER TABLE overruns_new RENAME TO overruns;
CREATE INDEX overruns_day ON overruns(day);

CREATE TRIGGER overruns_never_edited BEFORE UPDATE ON overruns
BEGIN SELECT RAISE(ABORT, 'overruns are the hub''s record: never edited'); END;
CREATE TRIGGER overruns_never_deleted BEFORE DELETE ON overruns
BEGIN SELECT RAISE(ABORT, 'overruns are the hub''s record: never deleted'); END;
