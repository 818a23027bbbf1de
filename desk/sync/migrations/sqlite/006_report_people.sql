-- Who was seen, counted ahead (desk hub report): each report row adds its net visit (+1, a reversal -1) to
-- its member's day and month, once for its institution, once for its desk and once for the whole hub, so
-- the report's members, member-days and member-months are sums over one row per (unit, member, month)
-- instead of groupings of every settlement. A month row keeps its net visits and how many of its days
-- have net visits above zero (a reversal that empties a day takes that day off). Kept by a trigger on
-- the report rows, so ingest is unchanged; rows already there are grouped here.
CREATE TABLE hub_report_member_days (
    unit_kind  TEXT NOT NULL,  -- institution | desk | hub
    unit_key   TEXT NOT NULL,  -- institution code, desk uuid, or * for the hub
    member_id  TEXT NOT NULL,
    day        TEXT NOT NULL,
    visits     INTEGER NOT NULL,
    PRIMARY KEY (unit_kind, unit_key, member_id, day)
);
CREATE TABLE hub_report_member_months (
    unit_kind  TEXT NOT NULL,
    unit_key   TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    month      TEXT NOT NULL,  -- YYYY-MM
    visits     INTEGER NOT NULL,
    days       INTEGER NOT NULL,  -- days of the month with net visits above zero
    PRIMARY KEY (unit_kind, month, unit_key, member_id)
);

-- Fees by category, summed ahead per (day, institution, desk, category) from the report's items.
CREATE TABLE hub_report_fees (
    day               TEXT NOT NULL,
    institution_code  TEXT NOT NULL,
    desk_uuid         TEXT NOT NULL,
    fee_category      TEXT NOT NULL,
    amount_fen        INTEGER NOT NULL,
    PRIMARY KEY (day, institution_code, desk_uuid, fee_category)
);
-- The settlements a reversal undid, with their 套现 signals (the report counts them in one pass over
-- its rows and takes these off): written as the reversal's report row arrives (the hub takes a
-- reversal only after its settlement, though one batch's rows may be inserted in either order).
CREATE TABLE hub_report_undone (
    id                TEXT PRIMARY KEY,
    day               TEXT NOT NULL,
    institution_code  TEXT NOT NULL,
    desk_uuid         TEXT NOT NULL,
    account_only      INTEGER NOT NULL,  -- 1 if pool 0, cash 0, account > 0
    excluded_cash     INTEGER NOT NULL   -- 1 if full self-pay > 0 and cash > 0
);
CREATE INDEX hub_report_undone_day ON hub_report_undone(day);

CREATE TRIGGER hub_report_group AFTER INSERT ON hub_report_settlements
BEGIN
    INSERT INTO hub_report_member_days (unit_kind, unit_key, member_id, day, visits)
        VALUES ('institution', NEW.institution_code, NEW.member_id, NEW.day, CASE NEW.kind WHEN 'settlement' THEN 1 ELSE -1 END)
        ON CONFLICT (unit_kind, unit_key, member_id, day) DO UPDATE SET visits = visits + excluded.visits;
    INSERT INTO hub_report_member_months (unit_kind, unit_key, member_id, month, visits, days)
        SELECT unit_kind, unit_key, member_id, substr(day, 1, 7), CASE NEW.kind WHEN 'settlement' THEN 1 ELSE -1 END,
               (visits > 0) - (visits - (CASE NEW.kind WHEN 'settlement' THEN 1 ELSE -1 END) > 0)
        FROM hub_report_member_days
        WHERE unit_kind = 'institution' AND unit_key = NEW.institution_code AND member_id = NEW.member_id AND day = NEW.day
        ON CONFLICT (unit_kind, month, unit_key, member_id)
        DO UPDATE SET visits = visits + excluded.visits, days = days + excluded.days;
    INSERT INTO hub_report_member_days (unit_kind, unit_key, member_id, day, visits)
        VALUES ('desk', NEW.desk_uuid, NEW.member_id, NEW.day, CASE NEW.kind WHEN 'settlement' THEN 1 ELSE -1 END)
        ON CONFLICT (unit_kind, unit_key, member_id, day) DO UPDATE SET visits = visits + excluded.visits;
    INSERT INTO hub_report_member_months (unit_kind, unit_key, member_id, month, visits, days)
        SELECT unit_kind, unit_key, member_id, substr(day, 1, 7), CASE NEW.kind WHEN 'settlement' THEN 1 ELSE -1 END,
               (visits > 0) - (visits - (CASE NEW.kind WHEN 'settlement' THEN 1 ELSE -1 END) > 0)
        FROM hub_report_member_days
        WHERE unit_kind = 'desk' AND unit_key = NEW.desk_uuid AND member_id = NEW.member_id AND day = NEW.day
        ON CONFLICT (unit_kind, month, unit_key, member_id)
        DO UPDATE SET visits = visits + excluded.visits, days = days + excluded.days;
    INSERT INTO hub_report_member_days (unit_kind, unit_key, member_id, day, visits)
        VALUES ('hub', '*', NEW.member_id, NEW.day, CASE NEW.kind WHEN 'settlement' THEN 1 ELSE -1 END)
        ON CONFLICT (unit_kind, unit_key, member_id, day) DO UPDATE SET visits = visits + excluded.visits;
    INSERT INTO hub_report_member_months (unit_kind, unit_key, member_id, month, visits, days)
        SELECT unit_kind, unit_key, member_id, substr(day, 1, 7), CASE NEW.kind WHEN 'settlement' THEN 1 ELSE -1 END,
               (visits > 0) - (visits - (CASE NEW.kind WHEN 'settlement' THEN 1 ELSE -1 END) > 0)
        FROM hub_report_member_days
        WHERE unit_kind = 'hub' AND unit_key = '*' AND member_id = NEW.member_id AND day = NEW.day
        ON CONFLICT (unit_kind, month, unit_key, member_id)
        DO UPDATE SET visits = visits + excluded.visits, days = days + excluded.days;
    INSERT INTO hub_report_undone (id, day, institution_code, desk_uuid, account_only, excluded_cash)
        SELECT o.id, o.day, o.institution_code, o.desk_uuid,
               CASE WHEN o.pool_pay_fen = 0 AND o.cash_pay_fen = 0 AND o.account_pay_fen > 0 THEN 1 ELSE 0 END,
               CASE WHEN o.full_self_pay_fen > 0 AND o.cash_pay_fen > 0 THEN 1 ELSE 0 END
        FROM hub_report_settlements o
        WHERE NEW.kind = 'reversal' AND o.id = NEW.reverses AND o.kind = 'settlement'
        ON CONFLICT (id) DO NOTHING;
    INSERT INTO hub_report_undone (id, day, institution_code, desk_uuid, account_only, excluded_cash)  -- its reversal came first (a batch is not kept in order)
        SELECT NEW.id, NEW.day, NEW.institution_code, NEW.desk_uuid,
               CASE WHEN NEW.pool_pay_fen = 0 AND NEW.cash_pay_fen = 0 AND NEW.account_pay_fen > 0 THEN 1 ELSE 0 END,
               CASE WHEN NEW.full_self_pay_fen > 0 AND NEW.cash_pay_fen > 0 THEN 1 ELSE 0 END
        WHERE NEW.kind = 'settlement' AND EXISTS (SELECT 1 FROM hub_report_settlements u WHERE u.reverses = NEW.id)
        ON CONFLICT (id) DO NOTHING;
END;

CREATE TRIGGER hub_report_fees_on_insert AFTER INSERT ON hub_report_items
BEGIN
    INSERT INTO hub_report_fees (day, institution_code, desk_uuid, fee_category, amount_fen)
        VALUES (NEW.day, NEW.institution_code, NEW.desk_uuid, NEW.fee_category, NEW.amount_fen)
        ON CONFLICT (day, institution_code, desk_uuid, fee_category) DO UPDATE SET amount_fen = amount_fen + excluded.amount_fen;
END;

INSERT INTO hub_report_member_days (unit_kind, unit_key, member_id, day, visits)
    SELECT 'institution', institution_code, member_id, day, SUM(CASE kind WHEN 'settlement' THEN 1 ELSE -1 END)
    FROM hub_report_settlements GROUP BY institution_code, member_id, day
    UNION ALL
    SELECT 'desk', desk_uuid, member_id, day, SUM(CASE kind WHEN 'settlement' THEN 1 ELSE -1 END)
    FROM hub_report_settlements GROUP BY desk_uuid, member_id, day
    UNION ALL
    SELECT 'hub', '*', member_id, day, SUM(CASE kind WHEN 'settlement' THEN 1 ELSE -1 END)
    FROM hub_report_settlements GROUP BY member_id, day;
INSERT INTO hub_report_member_months (unit_kind, unit_key, member_id, month, visits, days)
    SELECT unit_kind, unit_key, member_id, substr(day, 1, 7), SUM(visits), SUM(CASE WHEN visits > 0 THEN 1 ELSE 0 END)
    FROM hub_report_member_days GROUP BY unit_kind, unit_key, member_id, substr(day, 1, 7);
INSERT INTO hub_report_fees (day, institution_code, desk_uuid, fee_category, amount_fen)
    SELECT day, institution_code, desk_uuid, fee_category, SUM(amount_fen) FROM hub_report_items
    GROUP BY day, institution_code, desk_uuid, fee_category;
INSERT INTO hub_report_undone (id, day, institution_code, desk_uuid, account_only, excluded_cash)
    SELECT o.id, o.day, o.institution_code, o.desk_uuid,
           CASE WHEN o.pool_pay_fen = 0 AND o.cash_pay_fen = 0 AND o.account_pay_fen > 0 THEN 1 ELSE 0 END,
           CASE WHEN o.full_self_pay_fen > 0 AND o.cash_pay_fen > 0 THEN 1 ELSE 0 END
    FROM hub_report_settlements o
    WHERE o.kind = 'settlement' AND o.id IN (SELECT reverses FROM hub_report_settlements WHERE reverses IS NOT NULL);
