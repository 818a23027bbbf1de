-- The supervision report's lines with their code and their share of the bill's pool pay (top items by pool
-- pay, 南昌（五）, 山东 二（八）). The ingest writes them per batch with the other report rows
-- (desk/sync/hub_report_rows.py, pool_share); this migration copies the settlements already stored. The share is
-- the desk's own (desk/analytics/indicators.py): an item's in-scope part (its amount for 甲类, less 先行自付
-- half-up away from zero for 乙类, nothing for 丙类) times the bill's pool pay over its in-scope amount,
-- truncated toward zero per line, so a reversal's lines net the original's exactly and the hub's sums equal the
-- desks'. Rows are only inserted, never updated.
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

INSERT INTO hub_report_lines
SELECT settlement_id, line, day, institution_code, desk_uuid, code, name, fee_category, amount_fen,
       CASE WHEN in_scope_fen = 0 THEN 0 ELSE pool_pay_fen * (
           CASE class WHEN 'A' THEN amount_fen
               WHEN 'B' THEN amount_fen - (amount_fen * ratio_bp + CASE WHEN amount_fen < 0 THEN -5000 ELSE 5000 END) / 10000
               ELSE 0 END) / in_scope_fen END
FROM (SELECT s.id AS settlement_id, (e.n - 1)::integer AS line, s.day AS day,
             s.body::jsonb->>'institution_code' AS institution_code, s.desk_uuid AS desk_uuid,
             COALESCE(e.item->>'code', '') AS code, COALESCE(e.item->>'name', '') AS name,
             COALESCE(e.item->>'fee_category', '其他') AS fee_category,
             replace(e.item->>'amount', '.', '')::bigint AS amount_fen, s.pool_pay_fen AS pool_pay_fen,
             replace(s.body::jsonb->>'in_scope', '.', '')::bigint AS in_scope_fen, e.item->>'class' AS class,
             round((e.item->>'selfpay_ratio')::numeric * 10000)::bigint AS ratio_bp
      FROM hub_settlements s, jsonb_array_elements(s.body::jsonb->'items') WITH ORDINALITY AS e(item, n)) l;

-- The lines summed per month, institution, desk and code, moved by the ingest with one grouped upsert per batch in
-- key order (as hub_report_fees): a report of whole months reads these, a few per code and desk, not every line.
CREATE TABLE hub_report_code_months (
    month             TEXT NOT NULL,
    institution_code  TEXT NOT NULL,
    desk_uuid         TEXT NOT NULL,
    code              TEXT NOT NULL,
    name              TEXT NOT NULL,  -- the greatest name of the code's lines (as MAX over them)
    fee_category      TEXT NOT NULL,  -- likewise
    amount_fen        BIGINT NOT NULL,
    pool_fen          BIGINT NOT NULL,
    PRIMARY KEY (month, institution_code, desk_uuid, code)
);

INSERT INTO hub_report_code_months
SELECT substr(day, 1, 7), institution_code, desk_uuid, code, MAX(name), MAX(fee_category), SUM(amount_fen), SUM(pool_fen)
FROM hub_report_lines GROUP BY substr(day, 1, 7), institution_code, desk_uuid, code;
