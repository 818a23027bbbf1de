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
