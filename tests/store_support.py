"""A small real desk database for store tests: identity, users, a roster and a catalog."""
from __future__ import annotations

import csv
import dataclasses
import sqlite3
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from desk.domain import CST
from desk.idcard import make_id_number
from desk.policy.loader import Library
from desk.store.catalog import import_catalog
from desk.store.database import open_db
from desk.store.identity import init_desk
from desk.store.roster import import_roster
from desk.store.users import Actor, add_user, login

SITES = {  # place: (level, type, a date when its policy is in force)
    "puyang": (2, "hospital", dt.datetime(2023, 3, 15, 10, 0, tzinfo=CST)),
    "chongqing": (3, "hospital", dt.datetime(2024, 6, 1, 10, 0, tzinfo=CST)),
    "nanchang": (2, "hospital", dt.datetime(2023, 8, 8, 10, 0, tzinfo=CST)),
    "jilin": (2, "hospital", dt.datetime(2023, 10, 20, 10, 0, tzinfo=CST)),
}
ROSTER_HEADER = ["member_id", "name", "id_number", "card_number", "ecard_code", "category", "birth_date", "scheme",
                 "family_doctor_institution", "eligible", "account_balance", "family"]
CATALOG_HEADER = ["code", "name", "spec", "unit", "class", "selfpay_ratio", "unit_price", "fee_category"]
CATALOG = [
    ["XA01", "阿莫西林胶囊", "0.25g×24粒", "盒", "A", "0", "25.00", "西药"],
    ["XB01", "头孢克肟分散片", "0.1g×6片", "盒", "B", "0.10", "40.00", "西药"],
    ["ZC01", "阿胶", "250g", "盒", "C", "0", "300.00", "中成药"],
    ["FW01", "普通门诊诊查费", "", "次", "A", "0", "10.00", "诊查"],
]


def member_row(member_id: str, name: str, birth: dt.date, sex: str = "M", *, category: str = "employed",
               card: str | None = None, ecard: str | None = None, scheme: str = "employer", balance: str = "0.00",
               family: str = "", eligible: str = "true", doctor: str = "", sequence: int = 1) -> list[str]:
    return [member_id, name, make_id_number("410902", birth, sequence, sex), card or f"C{member_id}",
            ecard or f"E{member_id}", category, birth.isoformat(), scheme, doctor, eligible, balance, family]


MEMBERS = [
    member_row("M001", "王伟", dt.date(1980, 5, 1), card="A10000001", balance="500.00", family="M002:spouse"),
    member_row("M002", "李娜", dt.date(1982, 7, 9), "F", card="A10000002", balance="50.00"),
    member_row("M003", "张建国", dt.date(1950, 1, 20), category="retired", card="A10000003", balance="1000.00"),
]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@dataclass
class Desk:
    path: Path
    db: sqlite_utils.Database
    library: Library
    admin: Actor
    cashier: Actor
    supervisor: Actor
    at: dt.datetime

    def reopen(self) -> sqlite_utils.Database:
        return open_db(self.path)


def make_desk(folder: Path, place: str = "puyang", *, members: list[list[str]] | None = None,
              desk_number: str = "01") -> Desk:
    level, kind, at = SITES[place]
    path = folder / "desk.sqlite"
    db = open_db(path)
    library = Library()
    init_desk(db, library, institution_code="H-001", institution_name=f"{place}测试医院", level=level, type=kind,
              policy=place, desk_number=desk_number, admin_id="admin", admin_name="管理员", admin_pin="9999", now=at)
    admin = login(db, "admin", "9999", at)
    add_user(db, admin, "cash1", "收款员一", "cashier", "1111", at)
    add_user(db, admin, "sup1", "主管一", "supervisor", "2222", at)
    import_catalog(db, admin, write_csv(folder / "catalog.csv", CATALOG_HEADER, CATALOG), at)
    import_roster(db, admin, write_csv(folder / "roster.csv", ROSTER_HEADER, members or MEMBERS), at)
    return Desk(path, db, library, admin, login(db, "cash1", "1111", at), login(db, "sup1", "2222", at), at)


def copy_desk(template: Desk, path: Path) -> Desk:
    """A copy of a template desk (sqlite's backup), much quicker than building a desk per test."""
    target = sqlite3.connect(path)
    template.db.conn.backup(target)
    target.close()
    return dataclasses.replace(template, path=path, db=open_db(path))


def table_dump(db: sqlite_utils.Database) -> dict[str, list[tuple]]:
    """Every row of every table, to compare a database before and after a failed write."""
    return {name: db.execute(f"SELECT * FROM [{name}] ORDER BY 1").fetchall() for name in db.table_names()}
