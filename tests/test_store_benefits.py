"""The desk database for the benefits beside 普通门诊 (issue 11): certifications in the roster, own-scheme and
account-excluded catalog items, per-benefit and per-disease usage in the ledger and summary, family payers.

Desks are real SQLite files settled under the example packs of tests/packs (changchun: 吉林 city, chronic
70 %, 高血压 I10 cap 2000, ordinary deductible 200; chongqing: 两病 50 %). Figures are worked by hand.
"""
import datetime as dt

import pytest

from desk.domain import CST
from desk.policy.loader import Library
from desk.store.catalog import get_item, import_catalog
from desk.store.check import check
from desk.store.database import StoreError, open_db
from desk.store.identity import init_desk
from desk.store.roster import certifications_of, import_roster
from desk.store.settling import BillLine, reverse, settle_bill
from desk.store.tabular import ImportRefused
from desk.store.usage import usage_for
from desk.store.users import add_user, login
from store_support import CATALOG, CATALOG_HEADER, ROSTER_HEADER, member_row, write_csv
from support import EXAMPLE_PACKS

LIBRARY = Library([EXAMPLE_PACKS])
HEADER = [*ROSTER_HEADER, "certified"]
EXTRA_HEADER = [*CATALOG_HEADER, "scheme", "account_excluded"]
EXTRA = [
    [*row, "", ""] for row in CATALOG
] + [
    ["WL01", "乳清蛋白粉", "400g", "罐", "A", "0", "200.00", "其他", "", "true"],
    ["TD01", "硝苯地平缓释片（两病）", "10mg×30片", "盒", "A", "0", "100.00", "西药", "two_diseases", ""],
]


def members(certified_m001="chronic:I10:2023-01-01:2023-12-31"):
    return [
        [*member_row("M001", "王伟", dt.date(1960, 5, 1), card="A1", balance="500.00", family="M002:spouse;M004:"),
         certified_m001],
        [*member_row("M002", "李娜", dt.date(1962, 7, 9), "F", card="A2", balance="50.00"), ""],
        [*member_row("M003", "张建国", dt.date(1950, 1, 20), category="retired", card="A3", balance="1000.00"), ""],
        [*member_row("M004", "王小明", dt.date(1990, 1, 2), card="A4", balance="800.00", sequence=2), ""],
    ]


def make(folder, policy, level, at):
    db = open_db(folder / "desk.sqlite")
    init_desk(db, LIBRARY, institution_code="H-9", institution_name="测试卫生院", level=level, type="clinic",
              policy=policy, desk_number="01", admin_id="admin", admin_name="管理员", admin_pin="9999", now=at)
    admin = login(db, "admin", "9999", at)
    add_user(db, admin, "cash1", "收款员", "cashier", "1111", at)
    import_catalog(db, admin, write_csv(folder / "catalog.csv", EXTRA_HEADER, EXTRA), at)
    import_roster(db, admin, write_csv(folder / "roster.csv", HEADER, members()), at)
    return db, admin, login(db, "cash1", "1111", at)


AT = dt.datetime(2023, 5, 10, 10, 0, tzinfo=CST)


@pytest.fixture
def changchun(tmp_path):
    return make(tmp_path, "changchun", 1, AT)


def test_the_roster_carries_certifications_and_a_reimport_replaces_them(tmp_path, changchun):
    db, admin, _ = changchun
    assert certifications_of(db, "M001") == [("chronic", "I10", dt.date(2023, 1, 1), dt.date(2023, 12, 31))]
    again = members("门诊慢性病:E11:2023-03-01:2024-02-29；special:N18:2023-06-01:2023-12-31")
    import_roster(db, admin, write_csv(tmp_path / "again.csv", HEADER, again), AT)
    assert certifications_of(db, "M001") == [("chronic", "E11", dt.date(2023, 3, 1), dt.date(2024, 2, 29)),
                                             ("special", "N18", dt.date(2023, 6, 1), dt.date(2023, 12, 31))]


@pytest.mark.parametrize("value, says", [
    ("chronic:I10:2023-01-01", "is not benefit:disease:from:to"),
    ("dental:I10:2023-01-01:2023-12-31", "is not one of chronic, special"),
    ("chronic:I10:2023-02-30:2023-12-31", "the dates must be YYYY-MM-DD"),
    ("chronic:I10:2023-06-01:2023-05-01", "ends before it starts"),
])
def test_a_bad_certification_refuses_the_roster_naming_the_column(tmp_path, changchun, value, says):
    db, admin, _ = changchun
    with pytest.raises(ImportRefused) as err:
        import_roster(db, admin, write_csv(tmp_path / "bad.csv", HEADER, members(value)), AT)
    assert any(e.column == "certified" and says in e.reason for e in err.value.errors)
    assert certifications_of(db, "M001")[0][1] == "I10"  # nothing written


def test_the_catalog_carries_own_schemes_and_account_exclusions(changchun):
    db, _, _ = changchun
    assert (get_item(db, "WL01").account_excluded, get_item(db, "WL01").scheme) == (True, None)
    assert (get_item(db, "TD01").scheme, get_item(db, "XA01").scheme, get_item(db, "XA01").account_excluded) == (
        "two_diseases", None, False)


@pytest.mark.parametrize("scheme, excluded, column", [("dental", "", "scheme"), ("", "maybe", "account_excluded"),
                                                      ("two_diseases", "true", "account_excluded")])
def test_bad_catalog_scheme_or_exclusion_refuses_the_file(tmp_path, changchun, scheme, excluded, column):
    db, admin, _ = changchun
    rows = [["XX01", "某药", "", "盒", "A", "0", "1.00", "西药", scheme, excluded]]
    with pytest.raises(ImportRefused) as err:
        import_catalog(db, admin, write_csv(tmp_path / "bad.csv", EXTRA_HEADER, rows), AT)
    assert [e.column for e in err.value.errors] == [column]


def test_2_3_a_chronic_bill_moves_its_diseases_usage_not_the_ordinary_cap_and_check_rebuilds_it(changchun):
    db, _, cashier = changchun
    # 16 × 25.00 = 400.00; the shared deductible 200; (400 − 200) × 0.70 = 140.00
    first = settle_bill(db, LIBRARY, cashier, "A1", [BillLine("XA01", 16)], AT, benefit="chronic", disease="I10")
    assert (first.benefit, first.disease, str(first.figures["pool_pay"])) == ("chronic", "I10", "140.00")
    # 4 × 25.00 = 100.00, deductible met: 70.00
    second = settle_bill(db, LIBRARY, cashier, "A1", [BillLine("XA01", 4)], AT, benefit="chronic", disease="I10")
    assert str(second.figures["pool_pay"]) == "70.00"
    usage = usage_for(db, "M001", 2023, AT.date(), "H-9")
    assert (str(usage.deductible_met), str(usage.ordinary_pool_paid)) == ("200.00", "0.00")
    assert {k: str(v) for k, v in usage.disease_pool_paid.items()} == {"I10": "210.00"}
    assert check(db).ok, check(db).problems
    supervisor = login_supervisor(db)
    reverse(db, supervisor, second.id, AT, "开错")
    assert str(usage_for(db, "M001", 2023, AT.date(), "H-9").disease_pool_paid["I10"]) == "140.00"
    assert check(db).ok, check(db).problems
    db.execute("UPDATE benefit_usage_summary SET amount_fen = 1 WHERE member_id = 'M001' AND kind = 'disease'")
    assert any("disease usage I10 of M001 in 2023" in p for p in check(db).problems)


def login_supervisor(db):
    admin = login(db, "admin", "9999", AT)
    add_user(db, admin, "sup1", "主管", "supervisor", "2222", AT)
    return login(db, "sup1", "2222", AT)


def test_2_1_without_a_certification_in_force_the_desk_refuses_naming_it(changchun):
    db, _, cashier = changchun
    with pytest.raises(StoreError, match=r"^member.certified: no chronic certification for E11"):
        settle_bill(db, LIBRARY, cashier, "A1", [BillLine("XA01", 4)], AT, benefit="chronic", disease="E11")
    later = dt.datetime(2024, 1, 2, 10, 0, tzinfo=CST)
    with pytest.raises(StoreError, match=r"^member.certified: .* valid 2023-01-01 to 2023-12-31, not on 2024-01-02"):
        settle_bill(db, LIBRARY, cashier, "A1", [BillLine("XA01", 4)], later, benefit="chronic", disease="I10")
    assert db.execute("SELECT count(*) FROM settlements").fetchone()[0] == 0


def test_7_a_family_payer_must_be_a_stated_spouse_parent_or_child(changchun):
    db, _, cashier = changchun
    with pytest.raises(StoreError, match=r"^payer: the family link between M001 and M004 states no relation"):
        settle_bill(db, LIBRARY, cashier, "A1", [BillLine("XA01", 4)], AT, payer_id="M004")
    # M002 is M001's spouse (the link is M001's); the answer names the relation
    paid = settle_bill(db, LIBRARY, cashier, "A1", [BillLine("XA01", 4)], AT, payer_id="M002")
    assert paid.payer_id == "M002" and "配偶" in next(s["why"] for s in paid.answer["explain"]
                                                       if s["step"] == "account_pay")


def test_7_wellness_items_are_cash_even_from_a_family_account(tmp_path):
    at = dt.datetime(2023, 3, 15, 10, 0, tzinfo=CST)
    db, _, cashier = make(tmp_path, "puyang", 2, at)
    # M002 paid from M001's account (spouse, from M002's side: M001 is M002's spouse):
    # XA01 4 × 25 = 100 (deductible 30, (100 − 30) × 0.60 = 42.00) + 乳清蛋白粉 200 excluded;
    # self-pay 258.00: the account pays 58.00, the 200.00 in cash
    s = settle_bill(db, LIBRARY, cashier, "A2", [BillLine("XA01", 4), BillLine("WL01", 1)], at, payer_id="M001")
    f = {k: str(v) for k, v in s.figures.items()}
    assert (f["full_self_pay"], f["pool_pay"], f["account_pay"], f["cash_pay"]) == ("200.00", "42.00", "58.00", "200.00")
    assert [i["account_excluded"] for i in s.items] == [0, 1]
    assert check(db).ok


def test_6_own_scheme_lines_at_a_chongqing_desk_move_their_scheme_not_the_ordinary_cap(tmp_path):
    at = dt.datetime(2024, 6, 1, 10, 0, tzinfo=CST)
    db, _, cashier = make(tmp_path, "chongqing", 3, at)
    # M003 retired, level 3: ordinary 12 × 25 = 300, deductible 100, (300 − 100) × 0.60 = 120.00;
    # 两病 100 × 0.50 = 50.00 apart; pool 170.00
    s = settle_bill(db, LIBRARY, cashier, "A3", [BillLine("XA01", 12), BillLine("TD01", 1)], at)
    assert str(s.figures["pool_pay"]) == "170.00"
    usage = usage_for(db, "M003", 2024, at.date(), "H-9")
    assert (str(usage.ordinary_pool_paid), str(usage.deductible_met)) == ("120.00", "100.00")
    assert {k: str(v) for k, v in usage.scheme_pool_paid.items()} == {"two_diseases": "50.00"}
    assert check(db).ok, check(db).problems


def test_the_demo_catalog_marks_its_wellness_items():
    from desk.demo import demo_catalog

    marked = {row["name"] for row in demo_catalog() if row["account_excluded"] == "true"}
    assert {"乳清蛋白粉", "健康体检(基础套餐)", "复合维生素片"} <= marked
    assert "阿莫西林胶囊" not in marked


def test_desk_settle_and_members_find_and_check_through_the_command(tmp_path, changchun):
    from test_store_cli import desk

    db_path = tmp_path / "desk.sqlite"
    login_supervisor(changchun[0])  # a dated bill is a supervisor's late entry (补录)
    found = desk(db_path, "members", "find", "A1")
    assert "certified: chronic I10  2023-01-01 to 2023-12-31" in found.stdout
    installed = desk(db_path, "policy", "install", str(EXAMPLE_PACKS / "changchun.toml"), user="admin", pin="9999")
    assert installed.returncode == 0, installed.stderr
    done = desk(db_path, "settle", "A1", "XA01*16", "--at", AT.isoformat(), "--benefit", "chronic", "--disease", "I10",
                "--json", "--late-reason", "补录", user="sup1", pin="2222")
    assert done.returncode == 0, done.stderr
    assert '"pool_pay": "140.00"' in done.stdout and '"benefit": "chronic"' in done.stdout
    refused = desk(db_path, "settle", "A1", "XA01*4", "--at", AT.isoformat(), "--benefit", "chronic", "--disease",
                   "X99", "--late-reason", "补录", user="sup1", pin="2222")
    assert refused.returncode == 2 and refused.stderr.strip().splitlines()[-1].count("disease: 'X99'") == 1
    assert desk(db_path, "check").returncode == 0
