-- Issue 11: the benefits beside 普通门诊 on the desk.
-- Certifications (认定) come with the roster; a re-import with a `certified` column replaces the
-- member's. Catalog items may be an own scheme's (重庆 第六条) or excluded from account pay (wellness,
-- 濮阳 第七条); settlement lines keep both as they were when settled.
CREATE TABLE certifications (
    member_id   TEXT NOT NULL REFERENCES members(member_id),
    benefit     TEXT NOT NULL CHECK (benefit IN ('chronic', 'special')),
    disease     TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT NOT NULL,
    PRIMARY KEY (member_id, benefit, disease, valid_from),
    CHECK (valid_to >= valid_from)
);

ALTER TABLE catalog ADD COLUMN scheme TEXT
    CHECK (scheme IS NULL OR scheme IN ('fixed_fee', 'two_diseases', 'special_disease', 'national_negotiated'));
ALTER TABLE catalog ADD COLUMN account_excluded INTEGER NOT NULL DEFAULT 0 CHECK (account_excluded IN (0, 1));
ALTER TABLE settlement_items ADD COLUMN scheme TEXT;
ALTER TABLE settlement_items ADD COLUMN account_excluded INTEGER NOT NULL DEFAULT 0;

-- The benefit a settlement was made under, and the certified disease.
ALTER TABLE settlements ADD COLUMN benefit TEXT NOT NULL DEFAULT 'ordinary';
ALTER TABLE settlements ADD COLUMN disease TEXT;

-- The ordinary pool pay a settlement moved (usage_ledger.pool_paid_fen is everything the fund paid;
-- a chronic bill or an own-scheme line does not move the ordinary cap). NULL on rows written before
-- this migration, when every bill was ordinary: the two were the same.
ALTER TABLE usage_ledger ADD COLUMN ordinary_pool_fen INTEGER;

-- Usage under the other benefits, one row per settlement and figure: pool pay by disease
-- (`disease`, key = code), by own scheme (`scheme`, key = scheme), inpatient-cap pay (`inpatient`)
-- and the 门诊特殊疾病 deductible met (`special_deductible`). The summary is their maintained sum
-- over the hub's baseline, as for the ordinary figures.
CREATE TABLE benefit_usage_ledger (
    seq            INTEGER PRIMARY KEY,
    settlement_id  TEXT NOT NULL REFERENCES settlements(id),
    member_id      TEXT NOT NULL REFERENCES members(member_id),
    year           INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('disease', 'scheme', 'inpatient', 'special_deductible')),
    key            TEXT NOT NULL DEFAULT '',
    amount_fen     INTEGER NOT NULL,
    in_baseline    INTEGER NOT NULL DEFAULT 0 CHECK (in_baseline IN (0, 1)),
    UNIQUE (settlement_id, kind, key)
);
CREATE INDEX benefit_usage_ledger_member ON benefit_usage_ledger(member_id, year);
CREATE TRIGGER benefit_usage_ledger_append_only BEFORE UPDATE OF settlement_id, member_id, year, kind, key,
    amount_fen ON benefit_usage_ledger
BEGIN SELECT RAISE(ABORT, 'the benefit usage ledger is append-only'); END;
CREATE TRIGGER benefit_usage_ledger_never_deleted BEFORE DELETE ON benefit_usage_ledger
BEGIN SELECT RAISE(ABORT, 'the benefit usage ledger is append-only'); END;

CREATE TABLE benefit_usage_baseline (
    member_id   TEXT NOT NULL REFERENCES members(member_id),
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    key         TEXT NOT NULL DEFAULT '',
    amount_fen  INTEGER NOT NULL,
    as_of       TEXT NOT NULL,
    PRIMARY KEY (member_id, year, kind, key)
);

CREATE TABLE benefit_usage_summary (
    member_id   TEXT NOT NULL REFERENCES members(member_id),
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    key         TEXT NOT NULL DEFAULT '',
    amount_fen  INTEGER NOT NULL,
    PRIMARY KEY (member_id, year, kind, key)
);
