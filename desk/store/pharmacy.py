"""The pharmacy's part of a settlement: box barcodes, traceability codes, 无码 lines, batches, prescriptions.

Codes are checked twice: when scanned (``check_scan``, so the counter refuses a bad code at once)
and again inside the settling transaction (``plan``), which holds the write lock, so two counters
of one desk cannot sell the same box. A unit of a box is one ``trace_units`` row; the partial unique
index on (code, unit) of the rows not released is the last word. A reversal releases the units it
gives back (``release``), so the box may be sold again.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import sqlite_utils

from desk import tracecode
from desk.prescription import Prescription, PrescriptionError, check_valid
from desk.store import audit, stock
from desk.store.database import StoreError, write_transaction
from desk.store.users import Actor, require
from desk.tracecode import BoxState, TraceCodeError

CATALOG_COLUMNS = ("barcode", "trace_required", "units_per_box", "trace_prefix", "rx_flag")
_TRACED = ", ".join(f"'{c}'" for c in tracecode.TRACED_CATEGORIES)
_INFO = ("SELECT c.code, c.name, d.barcode, COALESCE(d.trace_required, c.fee_category IN ({traced})),"
         " COALESCE(d.units_per_box, 1), COALESCE(d.trace_prefix, ''), COALESCE(d.rx_flag, 0)"
         " FROM catalog c LEFT JOIN catalog_drugs d ON d.code = c.code WHERE c.code = ?").format(traced=_TRACED)


@dataclass(frozen=True)
class DrugInfo:
    code: str
    name: str
    barcode: str | None
    trace_required: bool
    units_per_box: int
    trace_prefix: str
    rx_flag: bool

    @property
    def split(self) -> bool:
        """Sold in units out of a box (拆零, trdn_flag)."""
        return self.units_per_box > 1


@dataclass(frozen=True)
class Settings:
    trace_codes: bool | None  # None: enforced at a pharmacy desk only
    rx_default_days: int
    rx_max_days: int

    def enforced(self, desk_type: str) -> bool:
        return desk_type == "pharmacy" if self.trace_codes is None else self.trace_codes


def drug_info(db: sqlite_utils.Database, code: str) -> DrugInfo:
    row = db.execute(_INFO, ((code or "").strip().upper(),)).fetchone()
    if row is None:
        raise StoreError(f"item code: {code!r} is not in the catalog")
    return DrugInfo(row[0], row[1], row[2], bool(row[3]), row[4], row[5], bool(row[6]))


def item_for_barcode(db: sqlite_utils.Database, barcode: str) -> str | None:
    """The catalog code of the item whose box carries this barcode (GTIN / 69 code), if any."""
    row = db.execute("SELECT code FROM catalog_drugs WHERE barcode = ?", ((barcode or "").strip(),)).fetchone()
    return row[0] if row else None


def get_settings(db: sqlite_utils.Database) -> Settings:
    row = db.execute("SELECT trace_codes, rx_default_days, rx_max_days FROM pharmacy_settings WHERE id = 1").fetchone()
    return Settings(None if row[0] is None else bool(row[0]), row[1], row[2])


def set_settings(db: sqlite_utils.Database, actor: Actor, now: dt.datetime, *, trace_codes: str | None = None,
                 rx_default_days: int | None = None, rx_max_days: int | None = None) -> Settings:
    """Change what the desk enforces (an admin); trace_codes is 'on', 'off' or 'pharmacy'."""
    require(actor, "settings")
    old = get_settings(db)
    codes = old.trace_codes
    if trace_codes is not None:
        if trace_codes not in ("on", "off", "pharmacy"):
            raise StoreError(f"trace codes: {trace_codes!r} is not one of on, off, pharmacy")
        codes = {"on": True, "off": False, "pharmacy": None}[trace_codes]
    default = old.rx_default_days if rx_default_days is None else rx_default_days
    longest = old.rx_max_days if rx_max_days is None else rx_max_days
    if default < 1 or longest < default:
        raise StoreError(f"prescription days: the default ({default}) must be at least 1 and at most the"
                         f" maximum ({longest})")
    with write_transaction(db):
        db.execute("UPDATE pharmacy_settings SET trace_codes = ?, rx_default_days = ?, rx_max_days = ? WHERE id = 1",
                   (None if codes is None else int(codes), default, longest))
        audit.append(db, now.isoformat(), actor.user_id, "pharmacy.settings", "desk",
                     {"trace_codes": trace_codes, "rx_default_days": default, "rx_max_days": longest})
    return get_settings(db)


def box_states(db: sqlite_utils.Database, codes: list[str]) -> dict[str, BoxState]:
    """The units of these boxes sold and not given back at this desk, with their receipts."""
    states: dict[str, BoxState] = {}
    for code in dict.fromkeys(codes):
        rows = db.execute("SELECT t.unit, s.receipt_no FROM trace_units t JOIN settlements s ON s.id = t.settlement_id"
                          " WHERE t.code = ? AND t.released_by IS NULL", (code,)).fetchall()
        if rows:
            states[code] = BoxState({r[0] for r in rows}, tuple(sorted({r[1] for r in rows})))
    return states


def check_scan(db: sqlite_utils.Database, item_code: str, code: str, in_bill: list[str] = ()) -> int:
    """Check one scanned code for a line of ``item_code``; the units of its box still free.

    ``in_bill`` are the codes already scanned on this bill (any line): a box is scanned once per bill.
    """
    info = drug_info(db, item_code)
    if not info.trace_required:
        raise TraceCodeError("not_traced", f"item {info.code} ({info.name}) carries no traceability code",
                             item=info.code)
    code = tracecode.check_format(code, info.trace_prefix)
    if code in in_bill:
        raise TraceCodeError("repeated", f"traceability code {code}: is scanned twice on this bill", code=code)
    state = box_states(db, [code]).get(code, BoxState())
    free = info.units_per_box - len(state.used)
    if free <= 0:
        tracecode.take_units([code], 1, info.units_per_box, {code: state})  # raises sold / used_up
    return free


@dataclass(frozen=True)
class DrugLine:
    """What a bill line carries beside code and quantity (all optional)."""

    trace_codes: tuple[str, ...] = ()
    no_code_reason: str = ""
    batch: str = ""
    expiry: str = ""


@dataclass(frozen=True)
class Plan:
    drug_rows: list[dict]
    unit_rows: list[tuple[int, str, int]]  # (line, code, unit)


def _check_expiry(number: int, text: str, day: dt.date) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    try:
        expiry = dt.date.fromisoformat(text)
    except ValueError:
        raise StoreError(f"line {number} expiry: {text!r} is not a date (YYYY-MM-DD)") from None
    if expiry < day:
        raise StoreError(f"line {number} expiry: {expiry} is past; an expired drug is not sold")
    return expiry.isoformat()


def plan(db: sqlite_utils.Database, lines: list[tuple[str, Decimal, DrugLine]], day: dt.date,
         enforced: bool) -> Plan:
    """The drug rows and the box units a bill takes, or the refusal of its first bad line.

    ``lines`` are (item code, quantity, drug part) in bill order. Run inside the settling
    transaction: the sold units it reads cannot change before the bill is written.
    """
    drug_rows, unit_rows, seen = [], [], {}
    for number, (item_code, quantity, extra) in enumerate(lines, start=1):
        info = drug_info(db, item_code)
        codes = [tracecode.normalize(c) for c in extra.trace_codes]
        reason = (extra.no_code_reason or "").strip()
        if not info.trace_required:
            if codes:
                raise TraceCodeError("not_traced", f"line {number}: item {info.code} ({info.name}) carries no"
                                     " traceability code", line=number, item=info.code)
            if not (extra.batch or extra.expiry or info.rx_flag):
                continue
        if codes and reason:
            raise StoreError(f"line {number}: a 无码 line carries no codes (reason {reason!r}); split the line")
        for code in codes:
            try:
                tracecode.check_format(code, info.trace_prefix)
            except TraceCodeError as exc:
                exc.fields["line"] = number
                raise TraceCodeError(exc.kind, f"line {number}: {exc}", **exc.fields) from None
            if code in seen:
                raise TraceCodeError("repeated", f"line {number}: traceability code {code} is scanned twice on this"
                                     f" bill (line {seen[code]})", code=code, line=number)
            seen[code] = number
        if info.trace_required and (codes or enforced) and not reason:
            if quantity != quantity.to_integral_value():
                raise StoreError(f"line {number} quantity: {quantity} {'units' if info.split else 'boxes'} of a"
                                 " traced drug must be whole")
            count = int(quantity)
            if not codes:
                raise TraceCodeError("missing", f"line {number} ({info.code} {info.name}): needs the traceability"
                                     f" code of each box sold; scan it or mark the line 无码 with a reason",
                                     line=number, item=info.code)
            if not info.split and len(codes) != count:
                raise TraceCodeError("missing" if len(codes) < count else "not_needed",
                                     f"line {number} ({info.code} {info.name}): {len(codes)} codes scanned for a"
                                     f" quantity of {count} boxes", line=number, quantity=count, have=len(codes))
            try:
                takes = tracecode.take_units(codes, count, info.units_per_box, box_states(db, codes))
            except TraceCodeError as exc:
                raise TraceCodeError(exc.kind, f"line {number}: {exc}", line=number, **exc.fields) from None
            unit_rows += [(number, t.code, unit) for t in takes for unit in t.units]
        batch, expiry = stock.batch_for(db, info.code, codes, extra.batch, extra.expiry, day, number)
        if not (codes or reason or batch or expiry or info.rx_flag or info.split):
            continue  # nothing to keep beside the item line
        drug_rows.append({"line": number, "batch": batch,
                          "expiry": _check_expiry(number, expiry, day), "split": int(info.split),
                          "rx_flag": int(info.rx_flag), "no_code_reason": reason if info.trace_required else ""})
    return Plan(drug_rows, unit_rows)


def needs_prescription(db: sqlite_utils.Database, codes: list[str]) -> list[str]:
    """The prescription drugs (rx_flag) among these item codes."""
    return [c for c in codes if drug_info(db, c).rx_flag]


def check_prescription(db: sqlite_utils.Database, desk_type: str, item_codes: list[str],
                       prescription: Prescription | None, day: dt.date) -> None:
    """A pharmacy sells a prescription drug on 医保 only on a valid external prescription."""
    rx = needs_prescription(db, item_codes) if desk_type == "pharmacy" else []
    if prescription is None:
        if rx:
            raise PrescriptionError("missing", f"prescription: {', '.join(rx)} is a prescription drug (处方药); a"
                                    " 医保 bill needs the external prescription (外配处方)", items=rx)
        return
    s = get_settings(db)
    check_valid(prescription, day, s.rx_default_days, s.rx_max_days)


def record(db: sqlite_utils.Database, settlement_id: str, found: Plan, prescription: Prescription | None,
           default_days: int) -> None:
    for row in found.drug_rows:
        db.execute("INSERT INTO settlement_drug_lines (settlement_id, line, batch, expiry, split, rx_flag,"
                   " no_code_reason) VALUES (?,?,?,?,?,?,?)", (settlement_id, row["line"], row["batch"],
                                                             row["expiry"], row["split"], row["rx_flag"],
                                                             row["no_code_reason"]))
    if found.unit_rows:
        try:
            db.conn.executemany("INSERT INTO trace_units (settlement_id, line, code, unit) VALUES (?,?,?,?)",
                                [(settlement_id, *r) for r in found.unit_rows])
        except Exception as exc:  # the unique index: another process sold the box in between
            raise StoreError(f"traceability codes: {exc}") from None
    if prescription is not None:
        p = prescription
        db.execute("INSERT INTO prescriptions (settlement_id, number, institution_code, institution_name,"
                   " institution_level, doctor, diagnosis_code, diagnosis_name, written_on, valid_days)"
                   " VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (settlement_id, p.number, p.institution_code, p.institution_name, p.institution_level, p.doctor,
                    p.diagnosis_code, p.diagnosis_name, p.written_on.isoformat(),
                    p.valid_days if p.valid_days is not None else default_days))


def release(db: sqlite_utils.Database, original_id: str, reversal_id: str) -> int:
    """A reversal gives the boxes back: their units may be sold again. The number of units released."""
    return db.execute("UPDATE trace_units SET released_by = ? WHERE settlement_id = ? AND released_by IS NULL",
                      (reversal_id, original_id)).rowcount


@dataclass(frozen=True)
class LineCodes:
    """A settled line's drug part as stored: codes with the units taken from each box."""

    line: int
    batch: str
    expiry: str
    split: bool
    rx_flag: bool
    no_code_reason: str
    codes: tuple[tuple[str, tuple[int, ...]], ...]


def lines_of(db: sqlite_utils.Database, settlement_id: str) -> dict[int, LineCodes]:
    """The drug part of each line of a settlement (a reversal shows its original's)."""
    own = settlement_id
    row = db.execute("SELECT reverses FROM settlements WHERE id = ?", (settlement_id,)).fetchone()
    if row and row[0]:
        own = row[0]
    units: dict[int, dict[str, list[int]]] = {}
    for line, code, unit in db.execute("SELECT line, code, unit FROM trace_units WHERE settlement_id = ?"
                                       " ORDER BY line, rowid", (own,)):
        units.setdefault(line, {}).setdefault(code, []).append(unit)
    out = {}
    for line, batch, expiry, split, rx, reason in db.execute(
            "SELECT line, batch, expiry, split, rx_flag, no_code_reason FROM settlement_drug_lines"
            " WHERE settlement_id = ? ORDER BY line", (own,)):
        out[line] = LineCodes(line, batch, expiry, bool(split), bool(rx), reason,
                              tuple((c, tuple(u)) for c, u in units.get(line, {}).items()))
    return out


def prescription_of(db: sqlite_utils.Database, settlement_id: str) -> Prescription | None:
    row = db.execute("SELECT number, institution_code, institution_name, institution_level, doctor, diagnosis_code,"
                     " diagnosis_name, written_on, valid_days FROM prescriptions WHERE settlement_id = COALESCE("
                     "(SELECT reverses FROM settlements WHERE id = ?), ?)", (settlement_id, settlement_id)).fetchone()
    if row is None:
        return None
    return Prescription(*row[:7], dt.date.fromisoformat(row[7]), row[8])


def where_sold(db: sqlite_utils.Database, code: str) -> list[tuple[int, int, str, str | None]]:
    """Every sale of a box at this desk: (receipt, unit, day, released by receipt)."""
    return db.execute("SELECT s.receipt_no, t.unit, s.day, (SELECT receipt_no FROM settlements r WHERE r.id ="
                      " t.released_by) FROM trace_units t JOIN settlements s ON s.id = t.settlement_id"
                      " WHERE t.code = ? ORDER BY s.seq, t.unit", (tracecode.normalize(code),)).fetchall()
