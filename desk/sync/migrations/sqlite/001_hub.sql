-- The hub's database, version 1 (SQLite; postgresql/001_hub.sql is the same schema for PostgreSQL).
-- Money is INTEGER fen. Every row a desk downloads carries change_seq, taken from hub_counter by
-- the transaction that changed it, so a desk's cursor (the last change_seq it applied) says exactly
-- what it has seen.

CREATE TABLE hub_desks (
    desk_uuid         TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    secret_hash       TEXT NOT NULL,
    active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    institution_code  TEXT,
    desk_number       TEXT,
    created_at        TEXT NOT NULL,
    revoked_at        TEXT
);

CREATE TABLE hub_counter (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL
);
INSERT INTO hub_counter (id, seq) VALUES (1, 0);

CREATE TABLE hub_settlements (
    id                    TEXT PRIMARY KEY,
    desk_uuid             TEXT NOT NULL REFERENCES hub_desks(desk_uuid),
    receipt_no            INTEGER NOT NULL,
    kind                  TEXT NOT NULL CHECK (kind IN ('settlement', 'reversal')),
    reverses              TEXT UNIQUE REFERENCES hub_settlements(id) DEFERRABLE INITIALLY DEFERRED,
    member_id             TEXT NOT NULL,
    year                  INTEGER NOT NULL,
    day                   TEXT NOT NULL,
    policy_version        TEXT NOT NULL,
    total_fen             INTEGER NOT NULL,
    pool_pay_fen          INTEGER NOT NULL,
    account_pay_fen       INTEGER NOT NULL,
    cash_pay_fen          INTEGER NOT NULL,
    deductible_delta_fen  INTEGER NOT NULL,
    pool_delta_fen        INTEGER NOT NULL,
    account_holder        TEXT,
    account_delta_fen     INTEGER NOT NULL,
    digest                TEXT NOT NULL,
    body                  TEXT NOT NULL,
    received_at           TEXT NOT NULL,
    UNIQUE (desk_uuid, receipt_no),
    CHECK ((kind = 'reversal') = (reverses IS NOT NULL))
);
CREATE INDEX hub_settlements_member ON hub_settlements(member_id, year);
CREATE INDEX hub_settlements_holder ON hub_settlements(account_holder);
CREATE INDEX hub_settlements_desk_member ON hub_settlements(desk_uuid, member_id);
CREATE INDEX hub_settlements_desk_holder ON hub_settlements(desk_uuid, account_holder);

-- A member: the roster's fields when an administrator loaded them (on_roster = 1), and the personal
-- account: the opening balance (the roster's figure, or for a member off the roster the balance
-- the first desk to move it saw) plus every movement the hub has counted.
CREATE TABLE hub_members (
    member_id                  TEXT PRIMARY KEY,
    on_roster                  INTEGER NOT NULL DEFAULT 0 CHECK (on_roster IN (0, 1)),
    name                       TEXT,
    id_number                  TEXT,
    card_number                TEXT,
    ecard_code                 TEXT,
    category                   TEXT,
    birth_date                 TEXT,
    scheme                     TEXT,
    family_doctor_institution  TEXT,
    eligible                   INTEGER,
    family                     TEXT,
    account_opening_fen        INTEGER NOT NULL,
    account_balance_fen        INTEGER NOT NULL,
    updated_at                 TEXT NOT NULL,
    change_seq                 INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX hub_members_change ON hub_members(change_seq);

CREATE TABLE hub_usage (
    member_id               TEXT NOT NULL,
    year                    INTEGER NOT NULL,
    deductible_met_fen      INTEGER NOT NULL,
    ordinary_pool_paid_fen  INTEGER NOT NULL,
    updated_at              TEXT NOT NULL,
    change_seq              INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, year)
);
CREATE INDEX hub_usage_change ON hub_usage(change_seq);

CREATE TABLE hub_catalog (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    spec            TEXT NOT NULL,
    unit            TEXT NOT NULL,
    class           TEXT NOT NULL,
    selfpay_ratio   TEXT NOT NULL,
    unit_price_fen  INTEGER NOT NULL,
    fee_category    TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    change_seq      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX hub_catalog_change ON hub_catalog(change_seq);

-- A settlement that took a member past the annual cap (kind annual_cap: limit is the cap) or a
-- personal account below zero (kind account: limit 0); amount is how far this settlement went
-- beyond, settlements lists every settlement that counted towards the figure (JSON array).
CREATE TABLE hub_overruns (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('annual_cap', 'account')),
    member_id        TEXT NOT NULL,
    year             INTEGER NOT NULL,
    day              TEXT NOT NULL,
    settlement_id    TEXT NOT NULL REFERENCES hub_settlements(id),
    limit_fen        INTEGER NOT NULL,
    total_after_fen  INTEGER NOT NULL,
    amount_fen       INTEGER NOT NULL,
    settlements      TEXT NOT NULL,
    detected_at      TEXT NOT NULL,
    change_seq       INTEGER NOT NULL
);
CREATE INDEX hub_overruns_member ON hub_overruns(member_id, year);

-- Which desks an overrun concerns (each desk that settled one of its settlements): they download it.
CREATE TABLE hub_overrun_desks (
    desk_uuid   TEXT NOT NULL,
    overrun_id  INTEGER NOT NULL REFERENCES hub_overruns(id),
    change_seq  INTEGER NOT NULL,
    PRIMARY KEY (desk_uuid, overrun_id)
);
CREATE INDEX hub_overrun_desks_change ON hub_overrun_desks(desk_uuid, change_seq);
