-- Issue 13 part 6: boxes the hub saw sold twice (a traceability code's unit sold at two desks, or twice at one
-- desk whose reversal in between never reached the hub), as the hub reported them to this desk: this desk made
-- the earlier sale or the later one. Like the overruns, the hub's record: never edited, never deleted.
CREATE TABLE trace_conflicts (
    hub_id            INTEGER PRIMARY KEY,
    code              TEXT NOT NULL CHECK (length(code) = 20),
    unit              INTEGER NOT NULL,
    first_settlement  TEXT NOT NULL,
    first_desk        TEXT NOT NULL,
    first_receipt     INTEGER NOT NULL,
    settlement_id     TEXT NOT NULL,    -- the later sale: the agency may refuse its fund payment
    desk_uuid         TEXT NOT NULL,
    receipt_no        INTEGER NOT NULL,
    member_id         TEXT NOT NULL,
    day               TEXT NOT NULL,    -- the day of the later sale
    detected_at       TEXT NOT NULL,
    received_at       TEXT NOT NULL
);
CREATE INDEX trace_conflicts_day ON trace_conflicts(day);

CREATE TRIGGER trace_conflicts_never_edited BEFORE UPDATE ON trace_conflicts
BEGIN SELECT RAISE(ABORT, 'trace conflicts are the hub''s record: never edited'); END;
CREATE TRIGGER trace_conflicts_never_deleted BEFORE DELETE ON trace_conflicts
BEGIN SELECT RAISE(ABORT, 'trace conflicts are the hub''s record: never deleted'); END;
