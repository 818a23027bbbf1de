-- Receipt prints (the first is the original, later ones are 重打 reprints) and day closes (Z reports).
CREATE TABLE receipt_prints (
    seq            INTEGER PRIMARY KEY,
    settlement_id  TEXT NOT NULL REFERENCES settlements(id),
    printed_at     TEXT NOT NULL,
    printed_by     TEXT NOT NULL,
    format         TEXT NOT NULL
);
CREATE INDEX receipt_prints_settlement ON receipt_prints(settlement_id);

-- A Z report closes everything settled since the previous one (settlements.seq in
-- (after_seq, last_seq]); its figures are frozen as JSON and never change.
CREATE TABLE day_closes (
    number         INTEGER PRIMARY KEY,
    desk_number    TEXT NOT NULL,
    business_date  TEXT NOT NULL,
    after_seq      INTEGER NOT NULL,
    last_seq       INTEGER NOT NULL,
    closed_at      TEXT NOT NULL,
    closed_by      TEXT NOT NULL REFERENCES users(user_id),
    figures        TEXT NOT NULL,
    CHECK (last_seq >= after_seq)
);

CREATE TRIGGER receipt_prints_never_edited BEFORE UPDATE ON receipt_prints
BEGIN SELECT RAISE(ABORT, 'receipt prints are a log: never edited'); END;
CREATE TRIGGER receipt_prints_never_deleted BEFORE DELETE ON receipt_prints
BEGIN SELECT RAISE(ABORT, 'receipt prints are a log: never deleted'); END;
CREATE TRIGGER day_closes_never_edited BEFORE UPDATE ON day_closes
BEGIN SELECT RAISE(ABORT, 'a Z report is never edited'); END;
CREATE TRIGGER day_closes_never_deleted BEFORE DELETE ON day_closes
BEGIN SELECT RAISE(ABORT, 'a Z report is never deleted'); END;
