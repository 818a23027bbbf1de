"""`desk demo`: a demo desk database for one place, marked as demo wherever it shows.

The roster and catalog go through the real importers (from files, as an agency's would) and
the year's past visits are replayed through the real settle path, so the demo exercises what
the counter uses. Everything is written in one transaction: a half-built demo never remains.
"""
from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from desk.demo import CATALOG_COLUMNS, ROSTER_COLUMNS, SITES, demo_catalog, demo_members, demo_usage_plan
from desk.domain import CST
from desk.policy.loader import Library
from desk.store.catalog import import_catalog
from desk.store.database import StoreError, write_transaction
from desk.store.day_close import close_day
from desk.store.identity import init_desk
from desk.store.private_files import csv_text, write_private
from desk.store.roster import import_roster
from desk.store.settling import BillLine, settle_bill
from desk.store.users import add_user, login

# (user id, name, role, PIN): shown on the login screen in demo mode only.
USERS = (("admin", "演示管理员", "admin", "000000"), ("cashier", "演示收款员", "cashier", "1234"),
         ("super", "演示主管", "supervisor", "8888"))


@dataclass(frozen=True)
class DemoReport:
    place: str
    members: int
    catalog: int
    settlements: int
    refused: int


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> Path:
    write_private(path, csv_text(columns, ([row.get(c, "") for c in columns] for row in rows)))
    return path


def build_demo(db: sqlite_utils.Database, library: Library, place: str, *, members: int = 3000, seed: int = 1,
               now: dt.datetime | None = None) -> DemoReport:
    if place not in SITES:
        raise StoreError(f"place: demo data exists for {', '.join(SITES)}, not {place!r}")
    now = now or dt.datetime.now(CST)
    code, name, level, kind, region = SITES[place]
    roster = demo_members(members, seed, region=region, today=now.date())
    catalog = demo_catalog(seed)
    plan = [v for v in demo_usage_plan(roster, seed, year=now.year) if v[1] < now.date()]
    admin_id, admin_name, _, admin_pin = USERS[0]
    settled = refused = 0
    with tempfile.TemporaryDirectory() as tmp, write_transaction(db):
        init_desk(db, library, institution_code=code, institution_name=name, level=level, type=kind, policy=place,
                  desk_number="01", admin_id=admin_id, admin_name=admin_name, admin_pin=admin_pin, now=now, demo=True)
        admin = login(db, admin_id, admin_pin, now)
        for user_id, user_name, role, pin in USERS[1:]:
            add_user(db, admin, user_id, user_name, role, pin, now)
        import_catalog(db, admin, _write_csv(Path(tmp) / "catalog.csv", CATALOG_COLUMNS, catalog), now)
        import_roster(db, admin, _write_csv(Path(tmp) / "roster.csv", ROSTER_COLUMNS, roster), now)
        cashier = login(db, USERS[1][0], USERS[1][3], now)
        supervisor = login(db, USERS[2][0], USERS[2][3], now)
        for number, (member_id, day, codes) in enumerate(plan):
            at = dt.datetime.combine(day, dt.time(8 + number % 9, (number * 7) % 60), CST)
            try:
                settle_bill(db, library, cashier, member_id, [BillLine(c) for c in codes], at)
                settled += 1
            except StoreError:
                refused += 1  # e.g. a 吉林 retiree under the provincial template: the engine refuses
            if number + 1 == len(plan) or plan[number + 1][1] != day:  # the day's last visit: close the day
                close_day(db, supervisor, dt.datetime.combine(day, dt.time(18, 0), CST))
    return DemoReport(place, len(roster), len(catalog), settled, refused)
