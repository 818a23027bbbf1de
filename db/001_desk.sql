-- The desk database, version 1. Money is INTEGER fen (exact sums in SQL); the core turns it into
-- Decimal yuan at the boundary. Settlements, their items, the usage and account ledgers and the
-- audit log are append-only: triggers refuse UPDATE and DELETE on them.

CREATE TABLE desk (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    desk_uuid         TEXT NOT NULL,
    institution_code  TEXT NOT NULL,
    institution_name  TEXT NOT NULL,
    level             INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
    type              TEXT NOT NULL CHECK (type IN ('clinic', 'hospital', 'pharmacy')),
    designated        INTEGER NOT NULL DEFAULT 1 CHECK (designated IN (0, 1)),
    policy            TEXT NOT NULL,
    desk_number       TEXT NOT NULL,
    demo              INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    receipt_counter   INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL
);

CREATE TABLE users (
    user_id          TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'admin')),
    pin_hash         TEXT NOT NULL,
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT,
    created_at       TEXT NOT NULL
);

CREATE TABLE members (
    member_id                  TEXT PRIMARY KEY,
    name                       TEXT NOT NULL,
    id_number                  TEXT NOT NULL UNIQUE,
    card_number                TEXT UNIQUE,
    ecard_code                 TEXT UNIQUE,
    category                   TEXT NOT NULL CHECK (category IN ('employed', 'retired')),
    birth_date                 TEXT NOT NULL,
    sex                        TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    scheme                     TEXT NOT NULL CHECK (scheme IN ('employer', 'individual_tier2', 'individual_tier1')),
    family_doctor_institution  TEXT,
    eligible                   INTEGER NOT NULL CHECK (eligible IN (0, 1)),
    account_baseline_fen       INTEGER NOT NULL CHECK (account_baseline_fen >= 0),
    account_balance_fen        INTEGER NOT NULL,  -- maintained: baseline + ledger rows not in the baseline
    demo                       INTEGER NOT NULL DEFAULT 0,
    updated_at                 TEXT NOT NULL
);

CREATE TABLE family_links (
    member_id    TEXT NOT NULL REFERENCES members(member_id),
    relative_id  TEXT NOT NULL REFERENCES members(member_id),
    relation     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, relative_id),
    CHECK (member_id <> relative_id)
);

CREATE TABLE catalog (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    spec            TEXT NOT NULL DEFAULT '',
    unit            TEXT NOT NULL DEFAULT '',
    class           TEXT NOT NULL CHECK (class IN ('A', 'B', 'C')),
    selfpay_ratio   TEXT NOT NULL DEFAULT '0',
    unit_price_fen  INTEGER NOT NULL CHECK (unit_price_fen >= 0),
    fee_category    TEXT NOT NULL,
    initials        TEXT NOT NULL,  -- pinyin initials of the name, lower case ("amxljn")
    updated_at      TEXT NOT NULL
);
CREATE INDEX catalog_initials ON catalog(initials);
CREATE INDEX catalog_name ON catalog(name);

CREATE TABLE settlements (
    seq               INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    receipt_no        INTEGER NOT NULL,
    desk_number       TEXT NOT NULL,
    institution_code  TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('settlement', 'reversal')),
    reverses          TEXT UNIQUE REFERENCES settlements(id),
    member_id         TEXT NOT NULL REFERENCES members(member_id),
    payer_id          TEXT REFERENCES members(member_id),
    cashier           TEXT NOT NULL REFERENCES users(user_id),
    at                TEXT NOT NULL,
    day               TEXT NOT NULL,
    year              INTEGER NOT NULL,
    policy_version    TEXT NOT NULL,
    total_fen         INTEGER NOT NULL,
    full_self_pay_fen INTEGER NOT NULL,
    pre_self_pay_fen  INTEGER NOT NULL,
    in_scope_fen      INTEGER NOT NULL,
    deductible_fen    INTEGER NOT NULL,
    ratio             TEXT NOT NULL,
    pool_pay_fen      INTEGER NOT NULL,
    hifp_pay_fen      INTEGER NOT NULL,
    hifob_pay_fen     INTEGER NOT NULL,
    over_cap_fen      INTEGER NOT NULL,
    self_pay_fen      INTEGER NOT NULL,
    account_pay_fen   INTEGER NOT NULL,
    cash_pay_fen      INTEGER NOT NULL,
    balance_after_fen INTEGER NOT NULL,
    answer            TEXT NOT NULL,  -- the engine's full answer (quote contract), explanation included
    inputs            TEXT NOT NULL,  -- member, usage and bill as the engine saw them
    reason            TEXT NOT NULL DEFAULT '',
    demo              INTEGER NOT NULL DEFAULT 0,
    UNIQUE (desk_number, receipt_no),
    CHECK (pool_pay_fen + self_pay_fen = total_fen),
    CHECK (account_pay_fen + cash_pay_fen = self_pay_fen),
    CHECK (hifp_pay_fen + hifob_pay_fen = pool_pay_fen),
    CHECK ((kind = 'reversal') = (reverses IS NOT NULL))
);
CREATE INDEX settlements_member ON settlements(member_id, year);
CREATE INDEX settlements_day ON settlements(day);

CREATE TABLE settlement_items (
    settlement_id   TEXT NOT NULL REFERENCES settlements(id),
    line            INTEGER NOT NULL,
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    class           TEXT NOT NULL CHECK (class IN ('A', 'B', 'C')),
    selfpay_ratio   TEXT NOT NULL,
    fee_category    TEXT NOT NULL,
    quantity        TEXT NOT NULL,
    unit_price_fen  INTEGER NOT NULL,
    amount_fen      INTEGER NOT NULL,
    PRIMARY KEY (settlement_id, line)
);

-- Annual usage: the last baseline learnt from the hub, plus one ledger row per settlement or
-- reversal not yet counted in that baseline; usage_summary is their maintained sum.
CREATE TABLE usage_baseline (
    member_id                 TEXT NOT NULL REFERENCES members(member_id),
    year                      INTEGER NOT NULL,
    deductible_met_fen        INTEGER NOT NULL DEFAULT 0,
    ordinary_pool_paid_fen    INTEGER NOT NULL DEFAULT 0,
    fund_paid_total_fen       INTEGER,
    as_of                     TEXT NOT NULL,
    PRIMARY KEY (member_id, year)
);

CREATE TABLE usage_ledger (
    seq                  INTEGER PRIMARY KEY,
    settlement_id        TEXT NOT NULL UNIQUE REFERENCES settlements(id),
    member_id            TEXT NOT NULL REFERENCES members(member_id),
    year                 INTEGER NOT NULL,
    day                  TEXT NOT NULL,
    institution_code     TEXT NOT NULL,
    deductible_fen       INTEGER NOT NULL,
    same_day_fen         INTEGER NOT NULL,
    pool_paid_fen        INTEGER NOT NULL,
    in_baseline          INTEGER NOT NULL DEFAULT 0 CHECK (in_baseline IN (0, 1))
);
CREATE INDEX usage_ledger_member ON usage_ledger(member_id, year);
CREATE INDEX usage_ledger_day ON usage_ledger(member_id, day, institution_code);

CREATE TABLE usage_summary (
    member_id                 TEXT NOT NULL REFERENCES members(member_id),
    year                      INTEGER NOT NULL,
    deductible_met_fen        INTEGER NOT NULL,
    ordinary_pool_paid_fen    INTEGER NOT NULL,
    fund_paid_total_fen       INTEGER,
    PRIMARY KEY (member_id, year)
);

CREATE TABLE account_ledger (
    seq            INTEGER PRIMARY KEY,
    settlement_id  TEXT NOT NULL UNIQUE REFERENCES settlements(id),
    member_id      TEXT NOT NULL REFERENCES members(member_id),
    delta_fen      INTEGER NOT NULL,
    in_baseline    INTEGER NOT NULL DEFAULT 0 CHECK (in_baseline IN (0, 1))
);
CREATE INDEX account_ledger_member ON account_ledger(member_id);

CREATE TABLE outbox (
    settlement_id  TEXT PRIMARY KEY REFERENCES settlements(id),
    queued_at      TEXT NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    detail     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
);

CREATE TRIGGER settlements_never_edited BEFORE UPDATE ON settlements
BEGIN SELECT RAISE(ABORT, 'settlements are never edited: reverse instead'); END;
CREATE TRIGGER settlements_never_deleted BEFORE DELETE ON settlements
BEGIN SELECT RAISE(ABORT, 'settlements are never deleted: reverse instead'); END;
CREATE TRIGGER settlement_items_never_edited BEFORE UPDATE ON settlement_items
BEGIN SELECT RAISE(ABORT, 'settlement items are never edited'); END;
CREATE TRIGGER settlement_items_never_deleted BEFORE DELETE ON settlement_items
BEGIN SELECT RAISE(ABORT, 'settlement items are never deleted'); END;
CREATE TRIGGER usage_ledger_append_only BEFORE UPDATE OF settlement_id, member_id, year, day, institution_code,
    deductible_fen, same_day_fen, pool_paid_fen ON usage_ledger
BEGIN SELECT RAISE(ABORT, 'the usage ledger is append-only'); END;
CREATE TRIGGER usage_ledger_never_deleted BEFORE DELETE ON usage_ledger
BEGIN SELECT RAISE(ABORT, 'the usage ledger is append-only'); END;
CREATE TRIGGER account_ledger_append_only BEFORE UPDATE OF settlement_id, member_id, delta_fen ON account_ledger
BEGIN SELECT RAISE(ABORT, 'the account ledger is append-only'); END;
CREATE TRIGGER account_ledger_never_deleted BEFORE DELETE ON account_ledger
BEGIN SELECT RAISE(ABORT, 'the account ledger is append-only'); END;
CREATE TRIGGER audit_never_edited BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
