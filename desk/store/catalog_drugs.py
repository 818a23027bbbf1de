"""The catalog's drug columns: box barcode (GTIN / 69 code), traceability, 拆零 units, code prefix, 处方药.

They live in their own table (catalog_drugs) beside the catalog. An item without a row there takes
the defaults: a code is required for 西药 and 中成药, it is sold by the box, no prefix, not 处方药.
"""
from __future__ import annotations

from pathlib import Path

import sqlite_utils

from desk.money import InputError
from desk.store.database import StoreError
from desk.store.tabular import ImportRefused, Row, RowError
from desk.tracecode import LENGTH, TRACED_CATEGORIES

DRUG_COLUMNS = ("barcode", "trace_required", "units_per_box", "trace_prefix", "rx_flag")
TRUE, FALSE = {"true", "1", "yes", "y", "是"}, {"false", "0", "no", "n", "否"}
GTIN_LENGTHS = (8, 12, 13, 14)


def gtin_ok(barcode: str) -> bool:
    """GS1 check digit (EAN-8/UPC-A/EAN-13/GTIN-14): weights 3,1,… from the right, before the check digit."""
    if not (barcode.isascii() and barcode.isdigit() and len(barcode) in GTIN_LENGTHS):
        return False
    body, check = barcode[:-1], int(barcode[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def with_check_digit(body: str) -> str:
    """A GTIN from its digits without the check digit (for demo data)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def _flag(values: dict, column: str, default: bool) -> bool:
    text = (values.get(column) or "").strip().lower()
    if not text:
        return default
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise InputError(column, f"{values[column]!r} is not true or false")


def parse_drug(row: Row, code: str, fee_category: str) -> tuple | None:
    """(code, barcode, trace_required, units_per_box, trace_prefix, rx_flag), or None when the row sets none."""
    v = row.values
    if not any((v.get(c) or "").strip() for c in DRUG_COLUMNS):
        return None
    barcode = (v.get("barcode") or "").strip() or None
    if barcode is not None and not gtin_ok(barcode):
        raise InputError("barcode", f"{barcode!r} is not a GTIN (8, 12, 13 or 14 digits with a valid check digit)")
    units_text = (v.get("units_per_box") or "1").strip()
    if not (units_text.isascii() and units_text.isdigit() and 1 <= int(units_text) <= 10000):
        raise InputError("units_per_box", f"{units_text!r} is not a whole number from 1 to 10000")
    prefix = (v.get("trace_prefix") or "").strip()
    if prefix and not (prefix.isascii() and prefix.isdigit() and len(prefix) < LENGTH):
        raise InputError("trace_prefix", f"{prefix!r} is not up to {LENGTH - 1} digits")
    return (code, barcode, int(_flag(v, "trace_required", fee_category in TRACED_CATEGORIES)), int(units_text),
            prefix, int(_flag(v, "rx_flag", False)))


def write_drugs(db: sqlite_utils.Database, path: Path, drugs: list[tuple[Row, tuple]]) -> None:
    """Upsert the drug rows of an import (inside its transaction); a barcode on two items refuses the file."""
    seen: dict[str, Row] = {}
    errors = []
    for row, drug in drugs:
        barcode = drug[1]
        if barcode is None:
            continue
        if barcode in seen:
            errors.append(RowError(row.line, "barcode", f"{barcode} repeats line {seen[barcode].line}"))
            continue
        seen[barcode] = row
        other = db.execute("SELECT code FROM catalog_drugs WHERE barcode = ? AND code <> ?", (barcode, drug[0])).fetchone()
        if other and other[0] not in {d[0] for _, d in drugs}:
            errors.append(RowError(row.line, "barcode", f"{barcode} is the barcode of item {other[0]} already"))
    if errors:
        raise ImportRefused(str(path), errors)
    # barcodes may move between items within one file: clear those first, then write
    codes = [d[0] for _, d in drugs]
    for start in range(0, len(codes), 500):
        chunk = codes[start:start + 500]
        db.execute(f"UPDATE catalog_drugs SET barcode = NULL WHERE code IN ({','.join('?' * len(chunk))})", chunk)
    try:
        db.conn.executemany(
            "INSERT INTO catalog_drugs (code, barcode, trace_required, units_per_box, trace_prefix, rx_flag)"
            " VALUES (?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE SET barcode = excluded.barcode,"
            " trace_required = excluded.trace_required, units_per_box = excluded.units_per_box,"
            " trace_prefix = excluded.trace_prefix, rx_flag = excluded.rx_flag", [d for _, d in drugs])
    except Exception as exc:
        raise StoreError(f"{path}: drug columns: {exc}") from None
