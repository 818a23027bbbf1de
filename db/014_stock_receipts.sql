-- Stock receipts (入库, issue 13 part 2): per drug box's traceability code, the item it holds, its batch
-- (manu_lotnum) and expiry (expy_end), as the supplier's delivery note gives them. A code known here
-- fills its sale line's batch and expiry at the counter, and is refused on another item or once expired.
-- A box is received once: a row is never edited or deleted (a second receipt with other figures is
-- refused by the import; the same figures again change nothing).
CREATE TABLE stock_receipts (
    code         TEXT PRIMARY KEY CHECK (length(code) = 20 AND code NOT GLOB '*[^0-9]*'),
    item_code    TEXT NOT NULL,                 -- catalog.code (checked on import; the catalog may be replaced)
    batch        TEXT NOT NULL CHECK (batch <> ''),
    expiry       TEXT NOT NULL CHECK (expiry GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    received_at  TEXT NOT NULL,
    received_by  TEXT NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER stock_receipts_never_edited BEFORE UPDATE ON stock_receipts
BEGIN SELECT RAISE(ABORT, 'a stock receipt is never edited'); END;
CREATE TRIGGER stock_receipts_never_deleted BEFORE DELETE ON stock_receipts
BEGIN SELECT RAISE(ABORT, 'a stock receipt is never deleted'); END;
