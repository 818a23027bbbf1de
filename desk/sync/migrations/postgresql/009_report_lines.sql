-- The supervision report's lines with their code and their share of the bill's pool pay (top items by pool
-- pay, 南昌（五）, 山东 二（八）), copied from each accepted settlement as it is inserted, like
-- hub_report_items (hub migration 004): the share is the desk's own (desk/analytics/indicators.py), an item's
-- in-scope part (its amount for 甲类, less 先行自付 half-up away from zero for 乙类, nothing for 丙类) times
-- the bill's pool pay over its in-scope amount, truncated toward zero per line (integer division), so a
-- reversal's lines net the original's exactly and the hub's sums equal the desks'. Rows are only inserted.
CREATE TABLE hub_report_lines (
    settlement_id     TEXT NOT NULL,
    line              INTEGER NOT NULL,
    day               TEXT NOT NULL,
    institution_code  TEXT NOT NULL,
    desk_uuid         TEXT NOT NULL,
    code              TEXT NOT NULL,
    name              TEXT NOT NULL,
    fee_category      TEXT NOT NULL,
    amount_fen        BIGINT NOT NULL,
    pool_fen          BIGINT NOT NULL,
    PRIMARY KEY (settlement_id, line)
);
CREATE INDEX hub_report_lines_day ON hub_report_lines(day, institution_code);

CREATE FUNCTION hub_report_lines_copy(s hub_settlements) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    b jsonb := s.body::jsonb;
    scope bigint := replace(b->>'in_scope', '.', '')::bigint;
BEGIN
    INSERT INTO hub_report_lines
        SELECT s.id, (e.n - 1)::integer, s.day, b->>'institution_code', s.desk_uuid, COALESCE(e.item->>'code', ''),
               COALESCE(e.item->>'name', ''), COALESCE(e.item->>'fee_category', '其他'), l.amount,
               CASE WHEN scope = 0 THEN 0 ELSE s.pool_pay_fen * (
                   CASE e.item->>'class' WHEN 'A' THEN l.amount
                       WHEN 'B' THEN l.amount - (l.amount * round((e.item->>'selfpay_ratio')::numeric * 10000)::bigint
                                                 + CASE WHEN l.amount < 0 THEN -5000 ELSE 5000 END) / 10000
                       ELSE 0 END) / scope END
        FROM jsonb_array_elements(b->'items') WITH ORDINALITY AS e(item, n),
             LATERAL (SELECT replace(e.item->>'amount', '.', '')::bigint AS amount) l;
END $$;

CREATE FUNCTION hub_report_lines_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM hub_report_lines_copy(NEW);
    RETURN NEW;
END $$;

CREATE TRIGGER hub_report_lines_on_insert AFTER INSERT ON hub_settlements FOR EACH ROW
    EXECUTE FUNCTION hub_report_lines_on_insert();

SELECT hub_report_lines_copy(s) FROM hub_settlements s;
