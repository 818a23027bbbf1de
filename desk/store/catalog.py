"""The catalog of drugs and services: import, and search by code, name or pinyin initials.

Search answers while the cashier types, so prefix matches come from indexes (code, initials,
name) and only a short answer falls back to a scan for matches inside a name.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable

import sqlite_utils

from desk.domain import CLASS_LABELS, CLASS_SHORT, FEE_CATEGORIES, ITEM_CLASSES, OWN_SCHEME_LABELS, OWN_SCHEMES
from desk.money import InputError, from_fen, parse_money, parse_ratio, to_fen
from desk.store import audit
from desk.store.catalog_drugs import DRUG_COLUMNS, parse_drug, write_drugs
from desk.store.database import StoreError, write_transaction
from desk.store.tabular import ImportRefused, Row, RowError, read_rows
from desk.store.users import Actor, require

COLUMNS = ("code", "name", "spec", "unit", "class", "selfpay_ratio", "unit_price", "fee_category",
           "scheme", "account_excluded", *DRUG_COLUMNS)
REQUIRED = ("code", "name", "class", "unit_price", "fee_category")
CLASS_ALIASES = {label: code for labels in (CLASS_SHORT, CLASS_LABELS) for code, label in labels.items()}  # 甲, 甲类 → A
TOP = "\U0010ffff"
# One catalog row as parse_item gives it, plus updated_at; shared by the file import and the hub's changes.
UPSERT = ("INSERT INTO catalog (code, name, spec, unit, class, selfpay_ratio, unit_price_fen, fee_category, initials,"
          " scheme, account_excluded, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE SET"
          " name = excluded.name, spec = excluded.spec, unit = excluded.unit, class = excluded.class,"
          " selfpay_ratio = excluded.selfpay_ratio, unit_price_fen = excluded.unit_price_fen,"
          " fee_category = excluded.fee_category, initials = excluded.initials, scheme = excluded.scheme,"
          " account_excluded = excluded.account_excluded, updated_at = excluded.updated_at")
TRUE, FALSE = {"true", "1", "yes", "y", "是"}, {"false", "0", "no", "n", "否", ""}
SCHEME_ALIASES = {label: code for code, label in OWN_SCHEME_LABELS.items()}


@dataclass(frozen=True)
class CatalogItem:
    code: str
    name: str
    spec: str
    unit: str
    cls: str
    selfpay_ratio: Decimal
    unit_price: Decimal
    fee_category: str
    scheme: str | None = None  # 重庆 第六条: paid under its own scheme
    account_excluded: bool = False  # public health, fitness, wellness: never from a personal account

    @property
    def class_label(self) -> str:
        return CLASS_SHORT[self.cls]


def initials(name: str) -> str:
    """Pinyin initials of a name, lower case, letters and digits only: 阿莫西林胶囊 → amxljn."""
    from pypinyin import Style, lazy_pinyin

    return "".join(ch for part in lazy_pinyin(name, style=Style.FIRST_LETTER) for ch in part.lower()
                   if ch.isascii() and ch.isalnum())


def parse_item(row: Row) -> tuple:
    v = row.values
    for column in REQUIRED:
        if not v.get(column):
            raise InputError(column, "is required", kind="required")
    cls = CLASS_ALIASES.get(v["class"], v["class"].upper())
    if cls not in ITEM_CLASSES:
        raise InputError("class", f"{v['class']!r} is not one of A/甲, B/乙, C/丙")
    ratio = parse_ratio(v.get("selfpay_ratio") or "0", "selfpay_ratio")
    if cls != "B" and ratio:
        raise InputError("selfpay_ratio", f"{ratio} is given for a class {cls} item; only 乙类 (B) items have one")
    if v["fee_category"] not in FEE_CATEGORIES:
        raise InputError("fee_category", f"{v['fee_category']!r} is not one of {', '.join(FEE_CATEGORIES)}")
    price = parse_money(v["unit_price"], "unit_price")
    scheme = SCHEME_ALIASES.get(v.get("scheme", ""), v.get("scheme", "")) or None
    if scheme is not None and scheme not in OWN_SCHEMES:
        raise InputError("scheme", f"{v['scheme']!r} is not one of {', '.join(OWN_SCHEMES)} (or empty)")
    excluded = (v.get("account_excluded") or "").lower()
    if excluded not in TRUE | FALSE:
        raise InputError("account_excluded", f"{v['account_excluded']!r} is not true or false")
    if scheme and excluded in TRUE:
        raise InputError("account_excluded", "an own-scheme item is within the basic scope; it cannot be excluded")
    # the two issue-11 columns go last: the hub's catalog reads the first eight
    return (v["code"].upper(), v["name"], v.get("spec", ""), v.get("unit", ""), cls, str(ratio.normalize()),
            to_fen(price, "unit_price"), v["fee_category"], initials(v["name"]), scheme, int(excluded in TRUE))


def import_catalog(db: sqlite_utils.Database, actor: Actor, path: Path, now: dt.datetime, *,
                   skip_bad: bool = False, progress: Callable[[int, int], None] | None = None,
                   encoding: str | None = None):
    """Import or update catalog items in one transaction; bad rows refuse the file unless skip_bad."""
    from desk.store.roster import ImportResult

    require(actor, "import")
    path = Path(path)
    good, drugs, result, seen = [], [], ImportResult(), {}
    for item in read_rows(path, COLUMNS, REQUIRED, encoding):
        result.read += 1
        if isinstance(item, RowError):
            result.rejected.append((None, item))
            continue
        try:
            values = parse_item(item)
            drug = parse_drug(item, values[0], values[7])
        except InputError as exc:
            result.rejected.append((item, RowError(item.line, exc.field, exc.reason, kind=exc.kind, value=exc.value)))
            continue
        if values[0] in seen:
            result.rejected.append((item, RowError(item.line, "code", f"{values[0]} repeats line {seen[values[0]]}",
                                                   kind="repeats", value=values[0], other=str(seen[values[0]]))))
            continue
        seen[values[0]] = item.line
        good.append(values)
        if drug:
            drugs.append((item, drug))
    if result.rejected and not skip_bad:
        raise ImportRefused(str(path), [e for _, e in result.rejected])
    if result.read == 0:
        raise StoreError(f"{path}: has no rows to import", kind="no_rows")
    stamp = now.isoformat()
    with write_transaction(db):
        for start in range(0, len(good), 5000):
            chunk = good[start:start + 5000]
            codes = [c[0] for c in chunk]
            existing = db.execute(f"SELECT count(*) FROM catalog WHERE code IN ({','.join('?' * len(codes))})",
                                  codes).fetchone()[0]
            db.conn.executemany(UPSERT, [(*c, stamp) for c in chunk])
            result.inserted += len(chunk) - existing
            result.updated += existing
            if progress:
                progress(start + len(chunk), len(good))
        write_drugs(db, path, drugs)
        audit.append(db, stamp, actor.user_id, "catalog.import", path.name,
                     {"read": result.read, "inserted": result.inserted, "updated": result.updated,
                      "rejected": len(result.rejected)})
    return result


_FIELDS = "code, name, spec, unit, class, selfpay_ratio, unit_price_fen, fee_category, scheme, account_excluded"


def _item(row: tuple) -> CatalogItem:
    code, name, spec, unit, cls, ratio, price, fee, scheme, excluded = row
    return CatalogItem(code, name, spec, unit, cls, Decimal(ratio), from_fen(price), fee, scheme, bool(excluded))


def get_item(db: sqlite_utils.Database, code: str) -> CatalogItem:
    row = db.execute(f"SELECT {_FIELDS} FROM catalog WHERE code = ?", ((code or "").strip().upper(),)).fetchone()
    if row is None:
        raise StoreError(f"item code: {code!r} is not in the catalog")
    return _item(row)


class _Index:
    """Names and initials of the whole catalog as two newline-joined strings, for matches inside a
    name: str.find over a few megabytes runs at C speed, where SQL would scan every row."""

    def __init__(self, db: sqlite_utils.Database):
        rows = db.execute("SELECT code, name, initials FROM catalog ORDER BY code").fetchall()
        self.codes = [r[0] for r in rows]
        self.names = "\n".join(r[1] for r in rows) + "\n"
        self.initials = "\n".join(r[2] for r in rows) + "\n"
        self.name_starts = self._starts(r[1] for r in rows)
        self.initial_starts = self._starts(r[2] for r in rows)

    @staticmethod
    def _starts(texts) -> list[int]:
        starts, at = [], 0
        for text in texts:
            starts.append(at)
            at += len(text) + 1
        return starts

    @staticmethod
    def _find(blob: str, starts: list[int], needle: str, found: dict[str, None], codes: list[str], cap: int) -> None:
        at = blob.find(needle)
        while at != -1 and len(found) < cap:
            found.setdefault(codes[bisect_right(starts, at) - 1], None)
            at = blob.find(needle, at + 1)

    def inside(self, query: str, cap: int) -> list[str]:
        found: dict[str, None] = {}
        if "\n" not in query:
            self._find(self.names, self.name_starts, query, found, self.codes, cap)
            self._find(self.initials, self.initial_starts, query.lower(), found, self.codes, cap)
        return list(found)


_INDEXES: dict[str, tuple[int, _Index]] = {}


def _index(db: sqlite_utils.Database) -> _Index:
    path = db.execute("PRAGMA database_list").fetchone()[2]
    row = db.execute("SELECT catalog_version FROM desk WHERE id = 1").fetchone()
    version = row[0] if row else -1
    cached = _INDEXES.get(path)
    if cached is None or cached[0] != version or not path:
        cached = (version, _Index(db))
        if path:
            _INDEXES[path] = cached
    return cached[1]


def warm_search(db: sqlite_utils.Database) -> None:
    """Build the inside-name index now (about 0.1 s on 100,000 items), when the counter opens, so the
    cashier's first keystroke is not the one that pays for it (the slowest search was that one)."""
    _index(db)


def search(db: sqlite_utils.Database, query: str, limit: int = 20) -> list[CatalogItem]:
    """Best matches first: exact code, code prefix, initials prefix, name prefix, then inside names."""
    q = (query or "").strip()
    if not q:
        return []
    upper, lower = q.upper(), q.lower()
    found: dict[str, CatalogItem] = {}
    exact = db.execute(f"SELECT {_FIELDS} FROM catalog WHERE code = ?", (upper,)).fetchone()
    if exact:
        found[exact[0]] = _item(exact)
    for column, value in (("code", upper), ("initials", lower), ("name", q)):
        if len(found) >= limit:
            break
        order = column if column == "code" else f"length({column}), {column}"  # shortest: closest to what was typed
        for row in db.execute(f"SELECT {_FIELDS} FROM catalog WHERE {column} >= ? AND {column} < ? ORDER BY {order}"
                              f" LIMIT ?", (value, value + TOP, limit)):
            found.setdefault(row[0], _item(row))
    if len(found) < limit:
        codes = [c for c in _index(db).inside(q, limit * 5) if c not in found]
        if codes:
            rows = db.execute(f"SELECT {_FIELDS} FROM catalog WHERE code IN ({','.join('?' * len(codes))})",
                              codes).fetchall()
            for row in sorted(rows, key=lambda r: (q not in r[1], len(r[1]), r[1])):
                found.setdefault(row[0], _item(row))
    return list(found.values())[:limit]
