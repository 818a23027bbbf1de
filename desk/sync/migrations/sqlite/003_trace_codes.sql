-- Drug traceability codes (issue 13): every box unit a settlement sold, as its desk uploaded it, and
-- the units the hub saw sold twice — at two desks, or twice at one desk whose reversal in between
-- never arrived (回流药 shows exactly so). A reversal releases its original's units.
CREATE TABLE hub_trace_units (
    settlement_id  TEXT NOT NULL REFERENCES hub_settlements(id),
    desk_uuid      TEXT NOT NULL,
    code           TEXT NOT NULL,
    unit           INTEGER NOT NULL,
    released_by    TEXT REFERENCES hub_settlements(id),
    PRIMARY KEY (settlement_id, code, unit)
);
CREATE INDEX hub_trace_units_code ON hub_trace_units(code, unit);

-- A unit sold again while an earlier sale of it stands: the earlier sale and the later one, each with
-- its desk and receipt, recorded like an overrun (the agency may refuse the later sale's fund payment).
CREATE TABLE hub_trace_conflicts (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL,
    unit              INTEGER NOT NULL,
    first_settlement  TEXT NOT NULL REFERENCES hub_settlements(id),
    first_desk        TEXT NOT NULL,
    first_receipt     BIGINT NOT NULL,
    settlement_id     TEXT NOT NULL REFERENCES hub_settlements(id),
    desk_uuid         TEXT NOT NULL,
    receipt_no        BIGINT NOT NULL,
    member_id         TEXT NOT NULL,
    day               TEXT NOT NULL,
    detected_at       TEXT NOT NULL
);
CREATE INDEX hub_trace_conflicts_day ON hub_trace_conflicts(day);
