"""The catalog of drugs and services: import, and search by code, name or pinyin initials.

Search answers while the cashier types, so prefix matches come from indexes (code, initials,
name) and only a short answer falls back to a scan for matches inside a name.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable

import sqlite_utils

from desk.engine.inputs import ITEM_CLASSES
from desk.money import InputError, parse_money, parse_ratio
from desk.store import audit
from desk.store.database import StoreError
from desk.store.tabular import ImportRefused, Row, RowError, read_rows
from desk.store.users import Actor, require

COLUMNS = ("code", "name", "spec", "unit", "class", "selfpay_ratio", "unit_price", "fee_category")
REQUIRED = ("code", "name", "class", "unit_price", "fee_category")
CLASS_ALIASES = {"甲": "A", "甲类": "A", "乙": "B", "乙类": "B", "丙": "C", "丙类": "C"}
FEE_CATEGORIES = ("西药", "中成药", "中药饮片", "检查", "化验", "治疗", "诊查", "材料", "其他")
TOP = "\U0010ffff"


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

    @property
    def class_label(self) -> str:
        return {"A": "甲", "B": "乙", "C": "丙"}[self.cls]


def initials(name: str) -> str:
    """Pinyin initials of a name, lower case, letters and digits only: 阿莫西林胶囊 → amxljn."""
    from pypinyin import Style, lazy_pinyin

    return "".join(ch for part in lazy_pinyin(name, style=Style.FIRST_LETTER) for ch in part.lower()
                   if ch.isascii() and ch.isalnum())


def parse_item(row: Row) -> tuple:
    v = row.values
    for column in REQUIRED:
        if not v.get(column):
            raise InputError(column, "is required")
    cls = CLASS_ALIASES.get(v["class"], v["class"].upper())
    if cls not in ITEM_CLASSES:
        raise InputError("class", f"{v['class']!r} is not one of A/甲, B/乙, C/丙")
    ratio = parse_ratio(v.get("selfpay_ratio") or "0", "selfpay_ratio")
    if cls != "B" and ratio:
        raise InputError("selfpay_ratio", f"{ratio} is given for a class {cls} item; only 乙类 (B) items have one")
    if v["fee_category"] not in FEE_CATEGORIES:
        raise InputError("fee_category", f"{v['fee_category']!r} is not one of {', '.join(FEE_CATEGORIES)}")
    price = parse_money(v["unit_price"], "unit_price")
    return (v["code"].upper(), v["name"], v.get("spec", ""), v.get("unit", ""), cls, str(ratio.normalize()),
            int(price * 100), v["fee_category"], initials(v["name"]))


def import_catalog(db: sqlite_utils.Database, actor: Actor, path: Path, now: dt.datetime, *,
                   skip_bad: bool = False, progress: Callable[[int, int], None] | None = None):
    """Import or update catalog items in one transaction; bad rows refuse the file unless skip_bad."""
    from desk.store.roster import ImportResult

    require(actor, "import")
    path = Path(path)
    good, result, seen = [], ImportResult(), {}
    for item in read_rows(path, COLUMNS, REQUIRED):
        result.read += 1
        if isinstance(item, RowError):
            result.rejected.append((None, item))
            continue
        try:
            values = parse_item(item)
        except InputError as exc:
            result.rejected.append((item, RowError(item.line, exc.field, exc.reason)))
            continue
        if values[0] in seen:
            result.rejected.append((item, RowError(item.line, "code", f"{values[0]} repeats line {seen[values[0]]}")))
            continue
        seen[values[0]] = item.line
        good.append(values)
    if result.rejected and not skip_bad:
        raise ImportRefused(str(path), [e for _, e in result.rejected])
    stamp = now.isoformat()
    with db.atomic():
        for start in range(0, len(good), 5000):
            chunk = good[start:start + 5000]
            codes = [c[0] for c in chunk]
            existing = db.execute(f"SELECT count(*) FROM catalog WHERE code IN ({','.join('?' * len(codes))})",
                                  codes).fetchone()[0]
            db.conn.executemany(
                "INSERT INTO catalog (code, name, spec, unit, class, selfpay_ratio, unit_price_fen, fee_category,"
                " initials, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE SET"
                " name = excluded.name, spec = excluded.spec, unit = excluded.unit, class = excluded.class,"
                " selfpay_ratio = excluded.selfpay_ratio, unit_price_fen = excluded.unit_price_fen,"
                " fee_category = excluded.fee_category, initials = excluded.initials, updated_at = excluded.updated_at",
                [(*c, stamp) for c in chunk])
            result.inserted += len(chunk) - existing
            result.updated += existing
            if progress:
                progress(start + len(chunk), len(good))
        audit.append(db, stamp, actor.user_id, "catalog.import", path.name,
                     {"read": result.read, "inserted": result.inserted, "updated": result.updated,
                      "rejected": len(result.rejected)})
    return result


_FIELDS = "code, name, spec, unit, class, selfpay_ratio, unit_price_fen, fee_category"


def _item(row: tuple) -> CatalogItem:
    code, name, spec, unit, cls, ratio, price, fee = row
    return CatalogItem(code, name, spec, unit, cls, Decimal(ratio), Decimal(price) / 100, fee)


def get_item(db: sqlite_utils.Database, code: str) -> CatalogItem:
    row = db.execute(f"SELECT {_FIELDS} FROM catalog WHERE code = ?", ((code or "").strip().upper(),)).fetchone()
    if row is None:
        raise StoreError(f"item code: {code!r} is not in the catalog")
    return _item(row)


def search(db: sqlite_utils.Database, query: str, limit: int = 20) -> list[CatalogItem]:
    """Best matches first: exact code, code prefix, initials prefix, name prefix, then inside names."""
    q = (query or "").strip()
    if not q:
        return []
    upper, lower = q.upper(), q.lower()
    prefix = db.execute(
        f"SELECT {_FIELDS}, rank FROM ("
        f" SELECT {_FIELDS}, CASE WHEN code = ? THEN 0 ELSE 1 END AS rank FROM catalog WHERE code >= ? AND code < ?"
        f" UNION ALL SELECT {_FIELDS}, 2 FROM catalog WHERE initials >= ? AND initials < ?"
        f" UNION ALL SELECT {_FIELDS}, 3 FROM catalog WHERE name >= ? AND name < ?"
        f") ORDER BY rank, length(name), name LIMIT ?",
        (upper, upper, upper + TOP, lower, lower + TOP, q, q + TOP, limit * 3)).fetchall()
    found: dict[str, CatalogItem] = {}
    for row in prefix:
        found.setdefault(row[0], _item(row[:-1]))
    if len(found) < limit:
        for row in db.execute(
                f"SELECT {_FIELDS} FROM catalog WHERE instr(name, ?) > 1 OR instr(initials, ?) > 1"
                " ORDER BY instr(name, ?) = 0, length(name), name LIMIT ?", (q, lower, q, limit)):
            found.setdefault(row[0], _item(row))
    return list(found.values())[:limit]
