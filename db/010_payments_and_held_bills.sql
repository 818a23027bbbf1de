-- How the cash part of each settlement was paid (支付方式): 现金, 微信, 支付宝, 银行卡, 聚合码, or a mix.
-- One row per method used, written in the settlement's own transaction; the parts add up to the
-- settlement's cash_pay_fen exactly (checked by the store, and again by `desk check`). A reversal
-- carries the same methods negated. Settlements made before this version were paid in cash.
CREATE TABLE settlement_payments (
    settlement_id  TEXT NOT NULL REFERENCES settlements(id),
    method         TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'card', 'qr')),
    amount_fen     INTEGER NOT NULL CHECK (amount_fen != 0),
    PRIMARY KEY (settlement_id, method)
) WITHOUT ROWID;
INSERT INTO settlement_payments (settlement_id, method, amount_fen)
    SELECT id, 'cash', cash_pay_fen FROM settlements WHERE cash_pay_fen != 0;
CREATE TRIGGER settlement_payments_never_edited BEFORE UPDATE ON settlement_payments
BEGIN SELECT RAISE(ABORT, 'a settlement''s payment is never edited: reverse instead'); END;
CREATE TRIGGER settlement_payments_never_deleted BEFORE DELETE ON settlement_payments
BEGIN SELECT RAISE(ABORT, 'a settlement''s payment is never deleted: reverse instead'); END;

-- 挂单: a bill the cashier set aside to serve the next patient, recalled later (取单). It is not a
-- settlement: nothing of it is counted in usage or reports. Held per desk (this database is one
-- desk's); `bill` is the counter's draft as JSON (member, lines with prices and codes, benefit,
-- prescription, payment choice) and `id` the settlement id it will settle under, so a recalled bill
-- settles once however often it is held and recalled. Recalling removes the row, all or nothing.
CREATE TABLE held_bills (
    id           TEXT PRIMARY KEY,
    desk_number  TEXT NOT NULL,
    cashier      TEXT NOT NULL REFERENCES users(user_id),
    member_id    TEXT,
    member_name  TEXT NOT NULL DEFAULT '',
    held_at      TEXT NOT NULL,
    lines        INTEGER NOT NULL CHECK (lines > 0),
    total_fen    INTEGER NOT NULL CHECK (total_fen >= 0),
    bill         TEXT NOT NULL CHECK (json_valid(bill))
);
