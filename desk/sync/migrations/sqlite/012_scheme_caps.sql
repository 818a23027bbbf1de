-- Issue 11: overruns of an own scheme's annual cap (重庆 第六条, scheme_cap; key = the scheme, key_name its
-- label), which two desks may go beyond together as they may a disease's cap. SQLite cannot change a
-- CHECK, so the table is rebuilt with the same ids and the rows pointing at it are kept aside and put back.
CREATE TABLE hub_overruns_new (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('annual_cap', 'account', 'disease_cap', 'inpatient_cap', 'scheme_cap')),
    member_id        TEXT NOT NULL,
    year             INTEGER NOT NULL,
    day              TEXT NOT NULL,
    settlement_id    TEXT NOT NULL REFERENCES hub_settlements(id),
    limit_fen        INTEGER NOT NULL,
    total_after_fen  INTEGER NOT NULL,
    amount_fen       INTEGER NOT NULL,
    settlements      TEXT NOT NULL,
    detected_at      TEXT NOT NULL,
    change_seq       INTEGER NOT NULL,
    key              TEXT NOT NULL DEFAULT '',
    key_name         TEXT NOT NULL DEFAULT ''
);
INSERT INTO hub_overruns_new (id, kind, member_id, year, day, settlement_id, limit_fen, total_after_fen, amount_fen,
                              settlements, detected_at, change_seq, key, key_name)
    SELECT id, kind, member_id, year, day, settlement_id, limit_fen, total_after_fen, amount_fen, settlements,
           detected_at, change_seq, key, key_name FROM hub_overruns;
CREATE TABLE hub_overrun_desks_kept AS SELECT desk_uuid, overrun_id, change_seq FROM hub_overrun_desks;
DROP TABLE hub_overrun_desks;
DROP TABLE hub_overruns;
ALTER TABLE hub_overruns_new RENAME TO hub_overruns;
CREATE INDEX hub_overruns_member ON hub_overruns(member_id, year);
CREATE TABLE hub_overrun_desks (
    desk_uuid   TEXT NOT NULL,
    overrun_id  INTEGER NOT NULL REFERENCES hub_overruns(id),
    change_seq  INTEGER NOT NULL,
    PRIMARY KEY (desk_uuid, overrun_id)
);
CREATE INDEX hub_overrun_desks_change ON hub_overrun_desks(desk_uuid, change_seq);
INSERT INTO hub_overrun_desks (desk_uuid, overrun_id, change_seq)
    SELECT desk_uuid, overrun_id, change_seq FROM hub_overrun_desks_kept;
DROP TABLE hub_overrun_desks_kept;
