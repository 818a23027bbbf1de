-- The supervision report's rows (desk hub report, GET /v1/report): each accepted settlement's figures
-- and its items, copied from the uploaded body by a trigger as the settlement is inserted, so the
-- indicators are sums over narrow indexed rows instead of JSON, and ingest is untouched. Money is
-- integer fen, parsed exactly from the protocol's "12.30" strings (two decimals, always).
CREATE TABLE hub_report_settlements (
    id                 TEXT PRIMARY KEY,  -- hub_settlements.id (no foreign key: the trigger is the only writer)
    desk_uuid          TEXT NOT NULL,
    institution_code   TEXT NOT NULL,
    kind               TEXT NOT NULL,
    reverses           TEXT,
    member_id          TEXT NOT NULL,
    day                TEXT NOT NULL,
    hour               INTEGER NOT NULL,  -- China Standard Time
    total_fen          INTEGER NOT NULL,
    full_self_pay_fen  INTEGER NOT NULL,
    pool_pay_fen       INTEGER NOT NULL,
    account_pay_fen    INTEGER NOT NULL,
    cash_pay_fen       INTEGER NOT NULL
);
CREATE INDEX hub_report_settlements_day ON hub_report_settlements(day, institution_code);
CREATE INDEX hub_report_settlements_reverses ON hub_report_settlements(reverses);

CREATE TABLE hub_report_items (
    settlement_id     TEXT NOT NULL,
    line              INTEGER NOT NULL,
    day               TEXT NOT NULL,
    institution_code  TEXT NOT NULL,
    desk_uuid         TEXT NOT NULL,
    fee_category      TEXT NOT NULL,
    amount_fen        INTEGER NOT NULL,
    PRIMARY KEY (settlement_id, line)
);
CREATE INDEX hub_report_items_day ON hub_report_items(day, institution_code);

CREATE TRIGGER hub_report_on_insert AFTER INSERT ON hub_settlements
BEGIN
    INSERT INTO hub_report_settlements VALUES (
        NEW.id, NEW.desk_uuid, json_extract(NEW.body, '$.institution_code'), NEW.kind, NEW.reverses, NEW.member_id,
        NEW.day, CAST(strftime('%H', json_extract(NEW.body, '$.at'), '+8 hours') AS INTEGER), NEW.total_fen,
        CAST(replace(json_extract(NEW.body, '$.full_self_pay'), '.', '') AS INTEGER), NEW.pool_pay_fen,
        NEW.account_pay_fen, NEW.cash_pay_fen);
    INSERT INTO hub_report_items
        SELECT NEW.id, CAST(j.key AS INTEGER), NEW.day, json_extract(NEW.body, '$.institution_code'), NEW.desk_uuid,
               COALESCE(json_extract(j.value, '$.fee_category'), '其他'),
               CAST(replace(json_extract(j.value, '$.amount'), '.', '') AS INTEGER)
        FROM json_each(NEW.body, '$.items') j;
END;

INSERT INTO hub_report_settlements
    SELECT id, desk_uuid, json_extract(body, '$.institution_code'), kind, reverses, member_id, day,
           CAST(strftime('%H', json_extract(body, '$.at'), '+8 hours') AS INTEGER), total_fen,
           CAST(replace(json_extract(body, '$.full_self_pay'), '.', '') AS INTEGER), pool_pay_fen, account_pay_fen,
           cash_pay_fen
    FROM hub_settlements;
INSERT INTO hub_report_items
    SELECT s.id, CAST(j.key AS INTEGER), s.day, json_extract(s.body, '$.institution_code'), s.desk_uuid,
           COALESCE(json_extract(j.value, '$.fee_category'), '其他'),
           CAST(replace(json_extract(j.value, '$.amount'), '.', '') AS INTEGER)
    FROM hub_settlements s, json_each(s.body, '$.items') j;

-- Who may read the report over HTTP (GET /v1/report): an administrator's token, not a desk's.
CREATE TABLE hub_admins (
    name         TEXT PRIMARY KEY,
    secret_hash  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);
