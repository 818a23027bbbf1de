-- Issue 11, sync of the benefits beside 普通门诊: the hub counts what the desks count in their benefit
-- ledger (db/007_benefits.sql), from the settlements it re-settles, never from what a desk claims.
-- Kinds as on the desk: pool pay by disease (`disease`, key = code), by own scheme (`scheme`, key = the
-- scheme, 重庆 第六条), inpatient-cap pay of outpatient benefits (`inpatient`) and the 门诊特殊疾病
-- deductible met (`special_deductible`).

-- What each accepted settlement moved (a reversal: its original's, negated), so the figures can be
-- checked again and an overrun names the settlements behind it.
CREATE TABLE hub_settlement_benefits (
    settlement_id  TEXT NOT NULL REFERENCES hub_settlements(id),
    member_id      TEXT NOT NULL,
    year           INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('disease', 'scheme', 'inpatient', 'special_deductible')),
    key            TEXT NOT NULL DEFAULT '',
    amount_fen     INTEGER NOT NULL,
    PRIMARY KEY (settlement_id, kind, key)
);
CREATE INDEX hub_settlement_benefits_member ON hub_settlement_benefits(member_id, year, kind, key);

-- A member's figure per year, net and gross of reversals (an honest desk may have seen the gross one),
-- stamped like hub_usage so desks download it.
CREATE TABLE hub_benefit_usage (
    member_id   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    key         TEXT NOT NULL DEFAULT '',
    amount_fen  INTEGER NOT NULL,
    gross_fen   INTEGER NOT NULL,
    updated_at  TEXT NOT NULL,
    change_seq  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, year, kind, key)
);
CREATE INDEX hub_benefit_usage_change ON hub_benefit_usage(change_seq);

-- Inpatient pool pay of hospital stays, which no desk settles: loaded by the hub's administrator
-- (desk hub load-inpatient). Only with it is a member's inpatient-cap usage known to the hub; the
-- desks' 门诊特殊疾病/急诊/日间手术 bills, which share that cap, need it.
CREATE TABLE hub_inpatient_paid (
    member_id   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
    loaded_at   TEXT NOT NULL,
    PRIMARY KEY (member_id, year)
);

-- Overruns of a disease's cap (disease_cap, key = the disease; a cap over all of a benefit's diseases:
-- key = the disease of the settlement that went beyond; key_name its name) and of the inpatient cap outpatient benefits
-- share (inpatient_cap). SQLite cannot change a CHECK, so the table is rebuilt with the same ids; the
-- rows pointing at it are kept aside and put back.
CREATE TABLE hub_overruns_new (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('annual_cap', 'account', 'disease_cap', 'inpatient_cap')),
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
                              settlements, detected_at, change_seq)
    SELECT id, kind, member_id, year, day, settlement_id, limit_fen, total_after_fen, amount_fen, settlements,
           detected_at, change_seq FROM hub_overruns;
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
