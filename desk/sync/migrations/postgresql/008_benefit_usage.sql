-- Issue 11, sync of the benefits beside 普通门诊 (sqlite/008_benefit_usage.sql says why each part is).
CREATE TABLE hub_settlement_benefits (
    settlement_id  TEXT NOT NULL REFERENCES hub_settlements(id),
    member_id      TEXT NOT NULL,
    year           INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('disease', 'scheme', 'inpatient', 'special_deductible')),
    key            TEXT NOT NULL DEFAULT '',
    amount_fen     BIGINT NOT NULL,
    PRIMARY KEY (settlement_id, kind, key)
);
CREATE INDEX hub_settlement_benefits_member ON hub_settlement_benefits(member_id, year, kind, key);

CREATE TABLE hub_benefit_usage (
    member_id   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    key         TEXT NOT NULL DEFAULT '',
    amount_fen  BIGINT NOT NULL,
    gross_fen   BIGINT NOT NULL,
    updated_at  TEXT NOT NULL,
    change_seq  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, year, kind, key)
);
CREATE INDEX hub_benefit_usage_change ON hub_benefit_usage(change_seq);

CREATE TABLE hub_inpatient_paid (
    member_id   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    amount_fen  BIGINT NOT NULL CHECK (amount_fen >= 0),
    loaded_at   TEXT NOT NULL,
    PRIMARY KEY (member_id, year)
);

ALTER TABLE hub_overruns DROP CONSTRAINT hub_overruns_kind_check;
ALTER TABLE hub_overruns ADD CONSTRAINT hub_overruns_kind_check
    CHECK (kind IN ('annual_cap', 'account', 'disease_cap', 'inpatient_cap'));
ALTER TABLE hub_overruns ADD COLUMN key TEXT NOT NULL DEFAULT '';
ALTER TABLE hub_overruns ADD COLUMN key_name TEXT NOT NULL DEFAULT '';
