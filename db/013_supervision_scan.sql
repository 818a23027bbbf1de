-- What the supervision indicators (desk/analytics/indicators.py) read, made cheap to read for a month of
-- 100,000 settlements (bench/analytics.py: 1.25 s of indicators before this migration).
--
-- One index carries every settlement column those queries read, so none of them touches the table's rows
-- (wide with each settlement's answer and inputs): it starts with the day, so a period is one range of it,
-- then the member, so per-member-per-day counts follow its order with no sort.
CREATE INDEX settlements_scan ON settlements(day, member_id, kind, at, total_fen, full_self_pay_fen, pre_self_pay_fen,
    in_scope_fen, pool_pay_fen, self_pay_fen, account_pay_fen, cash_pay_fen, id, desk_number);

-- Per day, counter and catalog code: the lines' amount and the bills' pool pay shared out over their lines by
-- in-scope amount, kept by a trigger as each line is written (lines are never edited or deleted). The share is
-- the one the indicators always computed, truncated per line, so these sums equal a sum over the lines: an item's
-- in-scope part is its amount for 甲类, its amount less 先行自付 (half-up, away from zero) for 乙类, nothing for 丙类;
-- integer division truncates toward zero, so an original's share and its reversal's are exact opposites.
CREATE TABLE settlement_item_days (
    day           TEXT NOT NULL,
    desk_number   TEXT NOT NULL,
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,      -- the greatest name the code had that day (as MAX over the lines)
    fee_category  TEXT NOT NULL,      -- likewise
    amount_fen    INTEGER NOT NULL,
    pool_fen      INTEGER NOT NULL,   -- shared-out pool pay
    lines         INTEGER NOT NULL,
    PRIMARY KEY (day, desk_number, code)
);

CREATE TRIGGER settlement_item_days_on_insert AFTER INSERT ON settlement_items
BEGIN
    INSERT INTO settlement_item_days (day, desk_number, code, name, fee_category, amount_fen, pool_fen, lines)
    SELECT s.day, s.desk_number, NEW.code, NEW.name, NEW.fee_category, NEW.amount_fen,
           CASE WHEN s.in_scope_fen = 0 THEN 0 ELSE s.pool_pay_fen * (
               CASE NEW.class WHEN 'A' THEN NEW.amount_fen
                   WHEN 'B' THEN NEW.amount_fen - (NEW.amount_fen * CAST(ROUND(CAST(NEW.selfpay_ratio AS REAL) * 10000) AS INTEGER)
                                                   + CASE WHEN NEW.amount_fen < 0 THEN -5000 ELSE 5000 END) / 10000
                   ELSE 0 END) / s.in_scope_fen END,
           1
    FROM settlements s WHERE s.id = NEW.settlement_id
    ON CONFLICT (day, desk_number, code) DO UPDATE SET
        name = max(name, excluded.name), fee_category = max(fee_category, excluded.fee_category),
        amount_fen = amount_fen + excluded.amount_fen, pool_fen = pool_fen + excluded.pool_fen,
        lines = lines + 1;
END;

-- the lines already written
INSERT INTO settlement_item_days (day, desk_number, code, name, fee_category, amount_fen, pool_fen, lines)
SELECT s.day, s.desk_number, i.code, MAX(i.name), MAX(i.fee_category), SUM(i.amount_fen),
       SUM(CASE WHEN s.in_scope_fen = 0 THEN 0 ELSE s.pool_pay_fen * (
           CASE i.class WHEN 'A' THEN i.amount_fen
               WHEN 'B' THEN i.amount_fen - (i.amount_fen * CAST(ROUND(CAST(i.selfpay_ratio AS REAL) * 10000) AS INTEGER)
                                             + CASE WHEN i.amount_fen < 0 THEN -5000 ELSE 5000 END) / 10000
               ELSE 0 END) / s.in_scope_fen END),
       COUNT(*)
FROM settlements s JOIN settlement_items i ON i.settlement_id = s.id
GROUP BY s.day, s.desk_number, i.code;


-- Per day and counter: net visits, the figures summed, and the 套现 signals' counts (reversed ones included;
-- the indicators take those out with one small query). Per day, counter and the hour and UTC offset the
-- timestamp shows: net visits, and settlements not reversed (the off-hours alert's count). Kept by triggers
-- as each settlement is written; a reversal takes its original out of ``live`` where the original is counted.
CREATE TABLE settlement_days (
    day               TEXT NOT NULL,
    desk_number       TEXT NOT NULL,
    visits            INTEGER NOT NULL,
    total_fen         INTEGER NOT NULL,
    full_self_pay_fen INTEGER NOT NULL,
    pre_self_pay_fen  INTEGER NOT NULL,
    in_scope_fen      INTEGER NOT NULL,
    pool_pay_fen      INTEGER NOT NULL,
    self_pay_fen      INTEGER NOT NULL,
    account_pay_fen   INTEGER NOT NULL,
    cash_pay_fen      INTEGER NOT NULL,
    account_only      INTEGER NOT NULL,  -- settlements paid by the personal account alone
    account_only_fen  INTEGER NOT NULL,
    excluded_cash     INTEGER NOT NULL,  -- settlements with 全自费 lines and cash paid
    excluded_cash_fen INTEGER NOT NULL,  -- their 全自费 amount
    PRIMARY KEY (day, desk_number)
);

CREATE TABLE settlement_hours (
    day          TEXT NOT NULL,
    desk_number  TEXT NOT NULL,
    hour         TEXT NOT NULL,  -- substr(at, 12, 2)
    utc_offset   TEXT NOT NULL,  -- substr(at, -6)
    visits       INTEGER NOT NULL,
    live         INTEGER NOT NULL,
    PRIMARY KEY (day, desk_number, hour, utc_offset)
);

CREATE TRIGGER settlement_days_on_insert AFTER INSERT ON settlements
BEGIN
    INSERT INTO settlement_days VALUES (
        NEW.day, NEW.desk_number, CASE NEW.kind WHEN 'settlement' THEN 1 ELSE -1 END, NEW.total_fen,
        NEW.full_self_pay_fen, NEW.pre_self_pay_fen, NEW.in_scope_fen, NEW.pool_pay_fen, NEW.self_pay_fen,
        NEW.account_pay_fen, NEW.cash_pay_fen,
        NEW.kind = 'settlement' AND NEW.pool_pay_fen = 0 AND NEW.cash_pay_fen = 0 AND NEW.account_pay_fen > 0,
        CASE WHEN NEW.kind = 'settlement' AND NEW.pool_pay_fen = 0 AND NEW.cash_pay_fen = 0 AND NEW.account_pay_fen > 0
             THEN NEW.total_fen ELSE 0 END,
        NEW.kind = 'settlement' AND NEW.full_self_pay_fen > 0 AND NEW.cash_pay_fen > 0,
        CASE WHEN NEW.kind = 'settlement' AND NEW.full_self_pay_fen > 0 AND NEW.cash_pay_fen > 0
             THEN NEW.full_self_pay_fen ELSE 0 END)
    ON CONFLICT (day, desk_number) DO UPDATE SET
        visits = visits + excluded.visits, total_fen = total_fen + excluded.total_fen,
        full_self_pay_fen = full_self_pay_fen + excluded.full_self_pay_fen,
        pre_self_pay_fen = pre_self_pay_fen + excluded.pre_self_pay_fen,
        in_scope_fen = in_scope_fen + excluded.in_scope_fen, pool_pay_fen = pool_pay_fen + excluded.pool_pay_fen,
        self_pay_fen = self_pay_fen + excluded.self_pay_fen, account_pay_fen = account_pay_fen + excluded.account_pay_fen,
        cash_pay_fen = cash_pay_fen + excluded.cash_pay_fen, account_only = account_only + excluded.account_only,
        account_only_fen = account_only_fen + excluded.account_only_fen,
        excluded_cash = excluded_cash + excluded.excluded_cash,
        excluded_cash_fen = excluded_cash_fen + excluded.excluded_cash_fen;
    INSERT INTO settlement_hours VALUES (
        NEW.day, NEW.desk_number, substr(NEW.at, 12, 2), substr(NEW.at, -6),
        CASE NEW.kind WHEN 'settlement' THEN 1 ELSE -1 END, NEW.kind = 'settlement')
    ON CONFLICT (day, desk_number, hour, utc_offset) DO UPDATE SET
        visits = visits + excluded.visits, live = live + excluded.live;
    UPDATE settlement_hours SET live = live - 1
    WHERE NEW.kind = 'reversal' AND (day, desk_number, hour, utc_offset) =
        (SELECT o.day, o.desk_number, substr(o.at, 12, 2), substr(o.at, -6) FROM settlements o WHERE o.id = NEW.reverses);
END;

-- the settlements already written
INSERT INTO settlement_days
SELECT day, desk_number, SUM(CASE kind WHEN 'settlement' THEN 1 ELSE -1 END), SUM(total_fen), SUM(full_self_pay_fen),
       SUM(pre_self_pay_fen), SUM(in_scope_fen), SUM(pool_pay_fen), SUM(self_pay_fen), SUM(account_pay_fen),
       SUM(cash_pay_fen),
       SUM(kind = 'settlement' AND pool_pay_fen = 0 AND cash_pay_fen = 0 AND account_pay_fen > 0),
       SUM(CASE WHEN kind = 'settlement' AND pool_pay_fen = 0 AND cash_pay_fen = 0 AND account_pay_fen > 0
                THEN total_fen ELSE 0 END),
       SUM(kind = 'settlement' AND full_self_pay_fen > 0 AND cash_pay_fen > 0),
       SUM(CASE WHEN kind = 'settlement' AND full_self_pay_fen > 0 AND cash_pay_fen > 0 THEN full_self_pay_fen ELSE 0 END)
FROM settlements GROUP BY day, desk_number;

INSERT INTO settlement_hours
SELECT day, desk_number, substr(at, 12, 2), substr(at, -6), SUM(CASE kind WHEN 'settlement' THEN 1 ELSE -1 END),
       SUM(kind = 'settlement' AND id NOT IN (SELECT reverses FROM settlements WHERE reverses IS NOT NULL))
FROM settlements GROUP BY 1, 2, 3, 4;
