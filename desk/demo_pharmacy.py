"""`desk demo --type pharmacy`: a demo retail pharmacy with box barcodes, traceability codes, 拆零 and
external prescriptions, so every step of the pharmacy counter can be tried without a scanner.

Everything is deterministic: an item's barcode (69 + its index, with the EAN-13 check digit), its code
prefix (8 + its index) and its n-th box's code (the prefix + n in 13 digits) follow from the catalog
order, so ``demo_box_code`` (and ``desk pharmacy codes ITEM``) name codes a cashier can type or paste
where a scanner would type them. The past year's sales are replayed through the real settle path
with codes, split packs, 无码 lines and prescriptions; every box it sells was received first (a stock
receipt, 入库), so its lines' batch and expiry come from the receipt.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import sqlite_utils

from desk.demo import CATALOG_COLUMNS, ROSTER_COLUMNS, SITES, demo_catalog, demo_members, demo_usage_plan
from desk.demo_desk import USERS, DemoReport, _write_csv
from desk.domain import CST
from desk.money import fen, money_str
from desk.policy.loader import Library
from desk.prescription import Prescription
from desk.store.catalog import import_catalog
from desk.store.catalog_drugs import DRUG_COLUMNS, with_check_digit
from desk.store.database import StoreError, write_transaction
from desk.store.day_close import close_day
from desk.store.identity import init_desk
from desk.store.pharmacy import DrugLine, drug_info
from desk.store.roster import import_roster
from desk.store.settling import BillLine, settle_bill
from desk.store.stock import COLUMNS as STOCK_COLUMNS, import_stock
from desk.store.users import add_user, login

PHARMACY_CATEGORIES = ("西药", "中成药", "中药饮片")
RX_GROUPS = ("J", "C", "A10", "N05", "N06", "B01", "H02")  # anti-infectives, heart, diabetes, … : 处方药
UNITS = re.compile(r"×(\d+)(片|粒|袋|支)")
# Institutions that write the demo's prescriptions, of every level (重庆 第12条 settles at that level).
PRESCRIBERS = (("DEMO-H5003", "重庆市演示第一人民医院", 3), ("DEMO-H5002", "重庆市演示区人民医院", 2),
               ("DEMO-C5001", "重庆市演示社区卫生服务中心", 1))
DOCTORS = ("刘医生", "陈医生", "杨医生", "赵医生")
DIAGNOSES = (("J06.900", "急性上呼吸道感染"), ("I10.x00", "原发性高血压"), ("E11.900", "2型糖尿病"),
             ("J20.900", "急性支气管炎"), ("K29.700", "慢性胃炎"))


def pharmacy_catalog(seed: int = 1) -> list[dict[str, str]]:
    """The demo catalog's drugs with the drug columns; every seventh boxed 西药 is sold split (拆零)."""
    rows = []
    for index, row in enumerate(r for r in demo_catalog(seed) if r["fee_category"] in PHARMACY_CATEGORIES):
        row = dict(row)
        traced = row["fee_category"] != "中药饮片"
        split = UNITS.search(row["spec"])
        units = 1
        if traced and row["fee_category"] == "西药" and split and index % 7 == 3:
            units = int(split.group(1))
            row["unit"] = split.group(2)
            row["unit_price"] = money_str(max(fen(Decimal(row["unit_price"]) / units), Decimal("0.01")))
        group = row["code"][1:-4] if row["fee_category"] == "西药" else ""
        row.update({"barcode": with_check_digit(f"69{index:010d}") if traced else "",
                    "trace_required": "true" if traced else "false", "units_per_box": str(units),
                    "trace_prefix": f"8{index:06d}" if traced else "",
                    "rx_flag": "true" if group.startswith(RX_GROUPS) else "false"})
        rows.append(row)
    return rows


def demo_box_code(prefix: str, n: int) -> str:
    """The n-th box of an item whose codes start with ``prefix`` (the demo's boxes are numbered from 1)."""
    return f"{prefix}{n:0{20 - len(prefix)}d}"


def unsold_codes(db: sqlite_utils.Database, item_code: str, count: int, skip: frozenset[str] | set[str] = frozenset()
                 ) -> list[str]:
    """The next ``count`` demo boxes of an item with a unit left at this desk (the demo's 'scanner')."""
    info = drug_info(db, item_code)
    if not info.trace_required or not info.trace_prefix:
        raise StoreError(f"item {info.code}: has no demo traceability codes")
    used = dict(db.execute("SELECT code, count(*) FROM trace_units WHERE code >= ? AND code < ? AND released_by IS NULL"
                           " GROUP BY code", (info.trace_prefix, info.trace_prefix + ":")).fetchall())
    found, n = [], 1
    while len(found) < count:
        code = demo_box_code(info.trace_prefix, n)
        if code not in skip and used.get(code, 0) < info.units_per_box:
            found.append(code)
        n += 1
    return found


def _free_units(db: sqlite_utils.Database, code: str, units_per_box: int) -> int:
    return units_per_box - db.execute("SELECT count(*) FROM trace_units WHERE code = ? AND released_by IS NULL",
                                      (code,)).fetchone()[0]


def demo_prescription(rng: random.Random, day: dt.date, number: int) -> Prescription:
    code, name, level = rng.choice(PRESCRIBERS)
    diagnosis = rng.choice(DIAGNOSES)
    return Prescription(f"RX{day:%Y%m%d}{number:05d}", code, name, level, rng.choice(DOCTORS), *diagnosis, day,
                        None)


def _lines(db, rng: random.Random, codes: list[str]) -> list[BillLine]:
    lines, taken = [], set()
    for code in codes:
        info = drug_info(db, code)
        if not info.trace_required:
            lines.append(BillLine(code, Decimal(rng.choice((10, 15, 30)))))
            continue
        if rng.random() < 0.08:  # stock bought before codes were collected
            lines.append(BillLine(code, Decimal(1), drug=DrugLine(no_code_reason="2025年7月前购进库存（无追溯码）")))
            continue
        quantity = rng.randint(2, info.units_per_box // 2 + 1) if info.split else rng.choice((1, 1, 2, 3))
        boxes = unsold_codes(db, code, 1 if info.split else quantity, taken)
        if info.split and _free_units(db, boxes[0], info.units_per_box) < quantity:  # the open box runs out
            boxes += unsold_codes(db, code, 1, taken | set(boxes))
        taken.update(boxes)
        lines.append(BillLine(code, Decimal(quantity), drug=DrugLine(tuple(boxes))))  # batch: the stock receipt's
    return lines


SPARE_BOXES = 60  # received beyond what the past year's sales take, for the cashier to try at the counter


def demo_stock(catalog: list[dict[str, str]], plan: list[tuple[str, dt.date, list[str]]], year: int
               ) -> list[dict[str, str]]:
    """The stock receipt (入库) of every demo box the replayed sales may take and some spare: one batch per
    item (a line is one batch), expiring a year or two on, so the counter fills batch and expiry itself."""
    visits: dict[str, int] = {}
    for _, _, codes in plan:
        for code in codes:
            visits[code] = visits.get(code, 0) + 1
    rows = []
    for index, item in enumerate(catalog):
        if not item["trace_prefix"]:
            continue
        boxes = 3 * visits.get(item["code"], 0) + SPARE_BOXES  # a line takes at most three boxes (or two split)
        batch, expiry = f"B{year % 100:02d}{index:04d}", f"{year + 1 + index % 2}-{index % 12 + 1:02d}-28"
        rows += [{"trace_code": demo_box_code(item["trace_prefix"], n), "item_code": item["code"], "batch": batch,
                  "expiry": expiry} for n in range(1, boxes + 1)]
    return rows


def build_demo_pharmacy(db: sqlite_utils.Database, library: Library, place: str, *, members: int = 3000,
                        seed: int = 1, now: dt.datetime | None = None) -> DemoReport:
    if place not in SITES:
        raise StoreError(f"place: demo data exists for {', '.join(SITES)}, not {place!r}")
    now = now or dt.datetime.now(CST)
    region = SITES[place][4]
    roster = demo_members(members, seed, region=region, today=now.date())
    catalog = pharmacy_catalog(seed)
    stocked = {r["code"] for r in catalog}
    plan = [(m, day, [c for c in codes if c in stocked]) for m, day, codes in demo_usage_plan(roster, seed, year=now.year)
            if day < now.date()]
    plan = [v for v in plan if v[2]]
    rng = random.Random(f"demo-pharmacy-{seed}")
    admin_id, admin_name, _, admin_pin = USERS[0]
    settled = refused = 0
    with tempfile.TemporaryDirectory() as tmp, write_transaction(db):
        init_desk(db, library, institution_code=f"DEMO-P{region[:4]}", institution_name=f"{_city(place)}演示大药房",
                  level=0, type="pharmacy", policy=place, desk_number="01", admin_id=admin_id, admin_name=admin_name,
                  admin_pin=admin_pin, now=now, demo=True)
        admin = login(db, admin_id, admin_pin, now)
        for user_id, user_name, role, pin in USERS[1:]:
            add_user(db, admin, user_id, user_name, role, pin, now)
        import_catalog(db, admin, _write_csv(Path(tmp) / "catalog.csv", CATALOG_COLUMNS + DRUG_COLUMNS, catalog), now)
        import_roster(db, admin, _write_csv(Path(tmp) / "roster.csv", ROSTER_COLUMNS, roster), now)
        received = dt.datetime.combine(plan[0][1] if plan else now.date(), dt.time(7, 30), CST)
        import_stock(db, admin, _write_csv(Path(tmp) / "stock.csv", STOCK_COLUMNS, demo_stock(catalog, plan, now.year)),
                     received)
        cashier = login(db, USERS[1][0], USERS[1][3], now)
        supervisor = login(db, USERS[2][0], USERS[2][3], now)
        for number, (member_id, day, codes) in enumerate(plan):
            at = dt.datetime.combine(day, dt.time(8 + number % 9, (number * 7) % 60), CST)
            lines = _lines(db, rng, codes)
            rx = any(drug_info(db, c).rx_flag for c in codes) or rng.random() < 0.3
            try:
                with write_transaction(db):  # a refused bill rolls back alone
                    settle_bill(db, library, cashier, member_id, lines, at,
                                prescription=demo_prescription(rng, day, number) if rx else None)
                settled += 1
            except (StoreError, ValueError):
                refused += 1  # e.g. a pack that leaves pharmacy bills on a prescription undefined
            if number + 1 == len(plan) or plan[number + 1][1] != day:
                close_day(db, supervisor, dt.datetime.combine(day, dt.time(18, 0), CST))
    return DemoReport(place, len(roster), len(catalog), settled, refused)


def _city(place: str) -> str:
    return {"puyang": "濮阳市", "chongqing": "重庆市", "nanchang": "南昌市", "jilin": "吉林省"}.get(place, place)
