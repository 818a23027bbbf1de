"""Stock receipts (入库): per drug box's traceability code, the item, batch (manu_lotnum) and expiry (expy_end).

The supplier's delivery note lists every box it delivers by its 20-digit code; importing it here lets
the counter take a sale line's batch and expiry from the boxes scanned instead of having them typed.
It also lets the desk refuse what the receipt contradicts: a box scanned on a line of another item,
a box past its expiry (an expired drug is not sold), and a typed batch other than the box's.
Codes the desk never received keep the old way: batch and expiry typed at the counter.

A box is received once: importing the same code with the same figures again changes nothing, with
other figures it is refused (a second delivery of one box is a data error or a resold box).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from desk import tracecode
from desk.store import audit
from desk.store.database import StoreError, write_transaction
from desk.store.tabular import ImportRefused, RowError, read_rows
from desk.store.users import Actor, require
from desk.tracecode import TraceCodeError

COLUMNS = ("trace_code", "item_code", "batch", "expiry")
BATCH_LIMIT = 40  # characters: a manu_lotnum is short; a longer one is a column mix-up


@dataclass(frozen=True)
class Received:
    """One box as the stock receipt names it."""

    code: str
    item_code: str
    batch: str
    expiry: str  # YYYY-MM-DD


@dataclass
class StockImport:
    read: int = 0
    added: int = 0
    again: int = 0  # the same code with the same figures, received before


def parse_expiry(text: str) -> str:
    """An expiry as YYYY-MM-DD (the delivery notes write 2028-06-30 or 20280630); ValueError if not a date."""
    text = (text or "").strip()
    if len(text) == 8 and text.isascii() and text.isdigit():
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if len(text) != 10:
        raise ValueError(f"{text!r} is not YYYY-MM-DD")
    return dt.date.fromisoformat(text).isoformat()


def _parse(db: sqlite_utils.Database, line: int, values: dict[str, str]) -> Received | RowError:
    """A row of the file, or the RowError naming its line, the column and the value refused."""
    from desk.store.pharmacy import drug_info  # pharmacy imports this module (the sale's checks)

    item = values.get("item_code", "").strip().upper()
    try:
        info = drug_info(db, item)
    except StoreError:
        return RowError(line, "item_code", f"{values.get('item_code', '')!r} is not in the catalog")
    if not info.trace_required:
        return RowError(line, "item_code", f"{item} ({info.name}) carries no traceability code")
    try:
        code = tracecode.check_format(values.get("trace_code", ""), info.trace_prefix)
    except TraceCodeError as exc:
        return RowError(line, "trace_code", str(exc).removeprefix("traceability code "))
    batch = values.get("batch", "").strip()
    if not batch or len(batch) > BATCH_LIMIT:
        return RowError(line, "batch", f"{batch!r} must be 1 to {BATCH_LIMIT} characters")
    try:
        expiry = parse_expiry(values.get("expiry", ""))
    except ValueError:
        return RowError(line, "expiry", f"{values.get('expiry', '')!r} is not a date (YYYY-MM-DD)")
    return Received(code, info.code, batch, expiry)


def import_stock(db: sqlite_utils.Database, actor: Actor, path: Path, now: dt.datetime, *,
                 encoding: str | None = None) -> StockImport:
    """Record a delivery note's boxes, all or nothing: any bad row refuses the file, naming every bad row."""
    require(actor, "import")
    path = Path(path)
    result, errors, rows, seen = StockImport(), [], [], {}
    with write_transaction(db):  # read the known codes under the write lock: no import slips in between
        for row in read_rows(path, COLUMNS, COLUMNS, encoding):
            result.read += 1
            if isinstance(row, RowError):
                errors.append(row)
                continue
            got = _parse(db, row.line, row.values)
            if isinstance(got, RowError):
                errors.append(got)
                continue
            if got.code in seen:
                errors.append(RowError(row.line, "trace_code", f"{got.code} repeats line {seen[got.code]}"))
                continue
            seen[got.code] = row.line
            before = known(db, [got.code]).get(got.code)
            if before is None:
                rows.append(got)
            elif before == got:
                result.again += 1
            else:
                errors.append(RowError(row.line, "trace_code", f"{got.code} was received before as item"
                                       f" {before.item_code} batch {before.batch} expiry {before.expiry}; this row"
                                       f" says item {got.item_code} batch {got.batch} expiry {got.expiry}"))
        if errors:
            raise ImportRefused(str(path), errors)
        if result.read == 0:
            raise StoreError(f"{path}: has no rows to import")
        stamp = now.isoformat()
        db.conn.executemany("INSERT INTO stock_receipts (code, item_code, batch, expiry, received_at, received_by)"
                            " VALUES (?,?,?,?,?,?)",
                            [(r.code, r.item_code, r.batch, r.expiry, stamp, actor.user_id) for r in rows])
        result.added = len(rows)
        audit.append(db, stamp, actor.user_id, "stock.import", path.name,
                     {"read": result.read, "added": result.added, "again": result.again})
    return result


def known(db: sqlite_utils.Database, codes: list[str]) -> dict[str, Received]:
    """The received boxes among these codes."""
    found = {}
    for code in dict.fromkeys(codes):
        row = db.execute("SELECT code, item_code, batch, expiry FROM stock_receipts WHERE code = ?", (code,)).fetchone()
        if row:
            found[code] = Received(*row)
    return found


def _refused(kind: str, line: int | None, message: str, **fields) -> TraceCodeError:
    if line is not None:
        return TraceCodeError(kind, f"line {line}: {message}", line=line, **fields)
    return TraceCodeError(kind, message, **fields)


def batch_for(db: sqlite_utils.Database, item_code: str, codes: list[str], batch: str, expiry: str,
              day: dt.date, line: int | None = None) -> tuple[str, str]:
    """A line's batch and expiry: the received boxes' where its codes are known, else as typed.

    Refused (TraceCodeError): a box received as another item (``stock_item``), past its expiry on
    ``day`` (``expired``), or whose batch or expiry differs from the line's — typed, or another box's
    (``batch_differs``: one line is one batch, as 3505's manu_lotnum is one per record).
    """
    boxes = known(db, codes)
    batch, expiry = (batch or "").strip(), (expiry or "").strip()
    try:
        expiry = parse_expiry(expiry) if expiry else ""
    except ValueError:
        pass  # left for the line's own expiry check to refuse, in its words
    for code in codes:
        box = boxes.get(code)
        if box is None:
            continue
        if box.item_code != item_code:
            raise _refused("stock_item", line, f"traceability code {code} was received as item {box.item_code},"
                           f" not {item_code}", code=code, item=box.item_code, line_item=item_code)
        if dt.date.fromisoformat(box.expiry) < day:
            raise _refused("expired", line, f"traceability code {code}: batch {box.batch} expired on {box.expiry};"
                           " an expired drug is not sold", code=code, batch=box.batch, expiry=box.expiry)
        if (batch and batch != box.batch) or (expiry and expiry != box.expiry):
            raise _refused("batch_differs", line, f"traceability code {code} is batch {box.batch} expiry"
                           f" {box.expiry}; the line says batch {batch or '-'} expiry {expiry or '-'}", code=code,
                           batch=box.batch, expiry=box.expiry, line_batch=batch, line_expiry=expiry)
        batch, expiry = box.batch, box.expiry
    return batch, expiry
