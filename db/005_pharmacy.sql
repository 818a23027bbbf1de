-- The pharmacy counter (issue 13): per catalog item its box barcode and traceability rules, the
-- traceability codes (追溯码) sold on each settlement line, the line's batch and expiry or its 无码
-- reason, and the external prescription (外配处方) a settlement was made on.

-- Kept beside the catalog (not in it) so the roster/catalog sync from the hub stays as it is. An
-- item without a row here takes the defaults: a code is required for 西药 and 中成药, sold by the box.
CREATE TABLE catalog_drugs (
    code            TEXT PRIMARY KEY,             -- catalog.code
    barcode         TEXT UNIQUE,                  -- the box's GTIN / 69 code, scannable at the item box
    trace_required  INTEGER NOT NULL CHECK (trace_required IN (0, 1)),
    units_per_box   INTEGER NOT NULL DEFAULT 1 CHECK (units_per_box >= 1),  -- > 1: sold in units (拆零)
    trace_prefix    TEXT NOT NULL DEFAULT '' CHECK (trace_prefix NOT GLOB '*[^0-9]*' AND length(trace_prefix) <= 20),
    rx_flag         INTEGER NOT NULL DEFAULT 0 CHECK (rx_flag IN (0, 1))    -- a prescription drug (处方药)
);

-- What the desk enforces: trace_codes NULL means "at a pharmacy desk only"; a prescription is valid
-- for rx_default_days days counting the day it was written, and a doctor may note at most rx_max_days.
CREATE TABLE pharmacy_settings (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    trace_codes      INTEGER CHECK (trace_codes IN (0, 1)),
    rx_default_days  INTEGER NOT NULL DEFAULT 1 CHECK (rx_default_days >= 1),
    rx_max_days      INTEGER NOT NULL DEFAULT 3 CHECK (rx_max_days >= 1),
    CHECK (rx_default_days <= rx_max_days)
);
INSERT INTO pharmacy_settings (id) VALUES (1);

-- One row per settlement line of a drug: batch, expiry, 拆零, or why it has no codes (无码, stock from
-- before codes were collected).
CREATE TABLE settlement_drug_lines (
    settlement_id   TEXT NOT NULL REFERENCES settlements(id),
    line            INTEGER NOT NULL,
    batch           TEXT NOT NULL DEFAULT '',
    expiry          TEXT NOT NULL DEFAULT '',     -- YYYY-MM-DD or ''
    split           INTEGER NOT NULL DEFAULT 0 CHECK (split IN (0, 1)),   -- trdn_flag: sold in units (拆零)
    rx_flag         INTEGER NOT NULL DEFAULT 0 CHECK (rx_flag IN (0, 1)),
    no_code_reason  TEXT NOT NULL DEFAULT '',     -- not empty: 无码
    PRIMARY KEY (settlement_id, line),
    FOREIGN KEY (settlement_id, line) REFERENCES settlement_items(settlement_id, line)
);

-- One row per unit of a box sold: a box sold whole is unit 1 of 1; a split box (拆零) of 10 tablets has
-- units 1..10, sold over several settlements. A unit is sold once until a reversal releases it.
CREATE TABLE trace_units (
    settlement_id  TEXT NOT NULL REFERENCES settlements(id),
    line           INTEGER NOT NULL,
    code           TEXT NOT NULL CHECK (length(code) = 20 AND code NOT GLOB '*[^0-9]*'),
    unit           INTEGER NOT NULL CHECK (unit >= 1),
    released_by    TEXT REFERENCES settlements(id),  -- the reversal (退货) that gave the unit back
    PRIMARY KEY (settlement_id, code, unit),
    FOREIGN KEY (settlement_id, line) REFERENCES settlement_items(settlement_id, line)
);
CREATE UNIQUE INDEX trace_units_sold ON trace_units(code, unit) WHERE released_by IS NULL;
CREATE INDEX trace_units_code ON trace_units(code);

CREATE TABLE prescriptions (
    settlement_id       TEXT PRIMARY KEY REFERENCES settlements(id),
    number              TEXT NOT NULL,
    institution_code    TEXT NOT NULL,
    institution_name    TEXT NOT NULL,
    institution_level   INTEGER NOT NULL CHECK (institution_level BETWEEN 0 AND 3),
    doctor              TEXT NOT NULL,
    diagnosis_code      TEXT NOT NULL,
    diagnosis_name      TEXT NOT NULL,
    written_on          TEXT NOT NULL,            -- YYYY-MM-DD
    valid_days          INTEGER NOT NULL CHECK (valid_days >= 1)
);
CREATE INDEX prescriptions_number ON prescriptions(institution_code, number);

CREATE TRIGGER settlement_drug_lines_never_edited BEFORE UPDATE ON settlement_drug_lines
BEGIN SELECT RAISE(ABORT, 'settlement drug lines are never edited'); END;
CREATE TRIGGER settlement_drug_lines_never_deleted BEFORE DELETE ON settlement_drug_lines
BEGIN SELECT RAISE(ABORT, 'settlement drug lines are never deleted'); END;
CREATE TRIGGER trace_units_only_released BEFORE UPDATE ON trace_units
WHEN OLD.released_by IS NOT NULL OR NEW.released_by IS NULL OR NEW.settlement_id IS NOT OLD.settlement_id
  OR NEW.line IS NOT OLD.line OR NEW.code IS NOT OLD.code OR NEW.unit IS NOT OLD.unit
BEGIN SELECT RAISE(ABORT, 'a sold traceability code is only ever released, once, by a reversal'); END;
CREATE TRIGGER trace_units_never_deleted BEFORE DELETE ON trace_units
BEGIN SELECT RAISE(ABORT, 'sold traceability codes are never deleted'); END;
CREATE TRIGGER prescriptions_never_edited BEFORE UPDATE ON prescriptions
BEGIN SELECT RAISE(ABORT, 'prescriptions are kept as settled: never edited'); END;
CREATE TRIGGER prescriptions_never_deleted BEFORE DELETE ON prescriptions
BEGIN SELECT RAISE(ABORT, 'prescriptions are kept as settled: never deleted'); END;
