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
    amount_fen        BIGINT NOT NULL,
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

-- One report row's visit added to its member's day and month at each of its three units (the trigger's work).
CREATE FUNCTION hub_report_group(r hub_report_settlements) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    sign integer := CASE r.kind WHEN 'settlement' THEN 1 ELSE -1 END;
    unit record;
    now integer;
BEGIN
    FOR unit IN SELECT * FROM (VALUES ('institution', r.institution_code), ('desk', r.desk_uuid), ('hub', '*')) v(kind, key)
    LOOP
        INSERT INTO hub_report_member_days AS d (unit_kind, unit_key, member_id, day, visits)
            VALUES (unit.kind, unit.key, r.member_id, r.day, sign)
            ON CONFLICT (unit_kind, unit_key, member_id, day) DO UPDATE SET visits = d.visits + EXCLUDED.visits
            RETURNING d.visits INTO now;
        INSERT INTO hub_report_member_months AS m (unit_kind, unit_key, member_id, month, visits, days)
            VALUES (unit.kind, unit.key, r.member_id, substr(r.day, 1, 7), sign,
                    (now > 0)::integer - (now - sign > 0)::integer)
            ON CONFLICT (unit_kind, month, unit_key, member_id)
            DO UPDATE SET visits = m.visits + EXCLUDED.visits, days = m.days + EXCLUDED.days;
    END LOOP;
    IF r.kind = 'reversal' THEN
        INSERT INTO hub_report_undone (id, day, institution_code, desk_uuid, account_only, excluded_cash)
        SELECT o.id, o.day, o.institution_code, o.desk_uuid,
               CASE WHEN o.pool_pay_fen = 0 AND o.cash_pay_fen = 0 AND o.account_pay_fen > 0 THEN 1 ELSE 0 END,
               CASE WHEN o.full_self_pay_fen > 0 AND o.cash_pay_fen > 0 THEN 1 ELSE 0 END
        FROM hub_report_settlements o
        WHERE o.id = r.reverses AND o.kind = 'settlement'
        ON CONFLICT (id) DO NOTHING;
    ELSE
        INSERT INTO hub_report_undone (id, day, institution_code, desk_uuid, account_only, excluded_cash)  -- its reversal came first (a batch is not kept in order)
            SELECT r.id, r.day, r.institution_code, r.desk_uuid,
                   CASE WHEN r.pool_pay_fen = 0 AND r.cash_pay_fen = 0 AND r.account_pay_fen > 0 THEN 1 ELSE 0 END,
                   CASE WHEN r.full_self_pay_fen > 0 AND r.cash_pay_fen > 0 THEN 1 ELSE 0 END
            WHERE r.kind = 'settlement' AND EXISTS (SELECT 1 FROM hub_report_settlements u WHERE u.reverses = r.id)
            ON CONFLICT (id) DO NOTHING;
    END IF;
END $$;

CREATE FUNCTION hub_report_group_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM hub_report_group(NEW);
    RETURN NEW;
END $$;

CREATE TRIGGER hub_report_group AFTER INSERT ON hub_report_settlements
    FOR EACH ROW EXECUTE FUNCTION hub_report_group_on_insert();

CREATE FUNCTION hub_report_fees_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO hub_report_fees AS f (day, institution_code, desk_uuid, fee_category, amount_fen)
        VALUES (NEW.day, NEW.institution_code, NEW.desk_uuid, NEW.fee_category, NEW.amount_fen)
        ON CONFLICT (day, institution_code, desk_uuid, fee_category) DO UPDATE SET amount_fen = f.amount_fen + EXCLUDED.amount_fen;
    RETURN NEW;
END $$;

CREATE TRIGGER hub_report_fees_on_insert AFTER INSERT ON hub_report_items
    FOR EACH ROW EXECUTE FUNCTION hub_report_fees_on_insert();

-- Every report row grouped at once (set-based): the rows already here, and bench/analytics.py's bulk rows.
CREATE FUNCTION hub_report_group_all() RETURNS void LANGUAGE sql AS $$
    DELETE FROM hub_report_member_days;
    DELETE FROM hub_report_member_months;
    DELETE FROM hub_report_fees;
    DELETE FROM hub_report_undone;
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
$$;

SELECT hub_report_group_all();
