-- The hub re-settles every upload, signs its answers and knows its packs (issue 10).

-- What a settlement moved that the re-settle checks the next ones against: the same-day deductible
-- at its institution (per-visit deductibles), and the institution itself.
ALTER TABLE hub_settlements ADD COLUMN institution_code TEXT NOT NULL DEFAULT '';
ALTER TABLE hub_settlements ADD COLUMN same_day_delta_fen BIGINT NOT NULL DEFAULT 0;
CREATE INDEX hub_settlements_member_day ON hub_settlements(member_id, day);

-- A member's usage counted gross of reversals: an honest desk may have seen a figure before
-- another desk reversed part of it, never more than this.
ALTER TABLE hub_usage ADD COLUMN deductible_gross_fen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE hub_usage ADD COLUMN pool_gross_fen BIGINT NOT NULL DEFAULT 0;
UPDATE hub_usage SET deductible_gross_fen = deductible_met_fen, pool_gross_fen = ordinary_pool_paid_fen;

-- One active desk per institution and counter number.
CREATE UNIQUE INDEX hub_desks_counter ON hub_desks(institution_code, desk_number)
    WHERE active = 1 AND institution_code IS NOT NULL;

-- Signed requests seen lately (desk, nonce): the same signed request is never served twice.
CREATE TABLE hub_nonces (
    desk_uuid  TEXT NOT NULL,
    nonce      TEXT NOT NULL,
    seen_at    BIGINT NOT NULL,  -- unix seconds; rows older than the signing window are purged
    PRIMARY KEY (desk_uuid, nonce)
);
CREATE INDEX hub_nonces_seen ON hub_nonces(seen_at);

-- Policy packs the hub's administrator installed (desk hub install-pack FILE), beside the shipped
-- ones: an upload is re-settled under the pack of its digest, or refused.
CREATE TABLE hub_packs (
    digest        TEXT PRIMARY KEY,
    pack_id       TEXT NOT NULL,
    content       BYTEA NOT NULL,
    installed_at  TEXT NOT NULL
);
