"""A real pharmacy desk database (重庆) for the traceability and prescription tests."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from desk.policy.loader import Library
from desk.prescription import Prescription
from desk.store.catalog import import_catalog
from desk.store.database import open_db
from desk.store.identity import init_desk
from desk.store.roster import import_roster
from desk.store.users import add_user, login
from store_support import CST, MEMBERS, ROSTER_HEADER, Desk, write_csv

AT = dt.datetime(2026, 3, 10, 10, 0, tzinfo=CST)
HEADER = ["code", "name", "spec", "unit", "class", "selfpay_ratio", "unit_price", "fee_category", "barcode",
          "trace_required", "units_per_box", "trace_prefix", "rx_flag"]
# barcodes carry valid EAN-13 check digits (worked by hand: 690123456789 → 2, 690123456790 → 8 …)
CATALOG = [
    ["XA01", "阿莫西林胶囊", "0.25g×24粒", "盒", "A", "0", "25.00", "西药", "6901234567892", "", "", "8123456", "1"],
    ["XB01", "布洛芬缓释胶囊", "0.3g×20粒", "盒", "A", "0", "18.00", "西药", "6901234567908", "", "", "", "0"],
    ["XS01", "硝苯地平控释片", "30mg×1片", "片", "A", "0", "2.50", "西药", "", "", "10", "", "1"],
    ["ZY01", "黄芪饮片", "10g", "克", "A", "0", "0.30", "中药饮片", "", "", "", "", ""],
    ["FW01", "药事服务费", "", "次", "A", "0", "5.00", "其他", "", "", "", "", ""],
]


def code(n: int, prefix: str = "8123456") -> str:
    """A 20-digit traceability code: the prefix, then the serial n zero-padded."""
    return prefix + str(n).zfill(20 - len(prefix))


def make_pharmacy(folder: Path, *, level: int = 0, at: dt.datetime = AT) -> Desk:
    path = folder / "desk.sqlite"
    db = open_db(path)
    library = Library()
    init_desk(db, library, institution_code="P-001", institution_name="重庆测试大药房", level=level, type="pharmacy",
              policy="chongqing", desk_number="01", admin_id="admin", admin_name="管理员", admin_pin="9999", now=at)
    admin = login(db, "admin", "9999", at)
    add_user(db, admin, "cash1", "收款员一", "cashier", "1111", at)
    add_user(db, admin, "sup1", "主管一", "supervisor", "2222", at)
    import_catalog(db, admin, write_csv(folder / "catalog.csv", HEADER, CATALOG), at)
    import_roster(db, admin, write_csv(folder / "roster.csv", ROSTER_HEADER, MEMBERS), at)
    return Desk(path, db, library, admin, login(db, "cash1", "1111", at), login(db, "sup1", "2222", at), at)


def prescription(*, level: int = 3, written: dt.date = AT.date(), days: int | None = None,
                 number: str = "RX20260310001") -> Prescription:
    return Prescription(number, "H50010001", "重庆医科大学附属第一医院", level, "刘医生", "J06.900",
                        "急性上呼吸道感染", written, days)
