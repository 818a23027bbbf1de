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
    total_fen          BIGINT NOT NULL,
    full_self_pay_fen  BIGINT NOT NULL,
    pool_pay_fen       BIGINT NOT NULL,
    account_pay_fen    BIGINT NOT NULL,
    cash_pay_fen       BIGINT NOT NULL
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
    amount_fen        BIGINT NOT NULL,
    PRIMARY KEY (settlement_id, line)
);
CREATE INDEX hub_report_items_day ON hub_report_items(day, institution_code);

CREATE FUNCTION hub_report_copy(s hub_settlements) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    b jsonb := s.body::jsonb;
BEGIN
    INSERT INTO hub_report_settlements VALUES (
        s.id, s.desk_uuid, b->>'institution_code', s.kind, s.reverses, s.member_id, s.day,
        EXTRACT(HOUR FROM ((b->>'at')::timestamptz AT TIME ZONE 'UTC') + INTERVAL '8 hours')::integer, s.total_fen,
        replace(b->>'full_self_pay', '.', '')::bigint, s.pool_pay_fen, s.account_pay_fen, s.cash_pay_fen);
    INSERT INTO hub_report_items
        SELECT s.id, (e.n - 1)::integer, s.day, b->>'institution_code', s.desk_uuid,
               COALESCE(e.item->>'fee_category', '其他'), replace(e.item->>'amount', '.', '')::bigint
        FROM jsonb_array_elements(b->'items') WITH ORDINALITY AS e(item, n);
END $$;

CREATE FUNCTION hub_report_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM hub_report_copy(NEW);
    RETURN NEW;
END $$;

CREATE TRIGGER hub_report_on_insert AFTER INSERT ON hub_settlements FOR EACH ROW EXECUTE FUNCTION hub_report_on_insert();

SELECT hub_report_copy(s) FROM hub_settlements s;

-- Who may read the report over HTTP (GET /v1/report): an administrator's token, not a desk's.
CREATE TABLE hub_admins (
    name         TEXT PRIMARY KEY,
    secret_hash  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);
