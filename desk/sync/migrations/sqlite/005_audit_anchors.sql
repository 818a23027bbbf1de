-- The audit chain's heads the desks anchored here (issue 10): each sync sends the desk's head (the last
-- audit row's number and hash), which must extend the one the hub holds. A desk that rewrote its history
-- cannot show the hash the hub kept for an earlier head; `desk audit verify --hub` compares them.
CREATE TABLE hub_audit_anchors (
    desk_uuid    TEXT NOT NULL REFERENCES hub_desks(desk_uuid),
    seq          BIGINT NOT NULL,
    hash         TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (desk_uuid, seq)
);
