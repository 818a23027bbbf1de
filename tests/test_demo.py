"""Demo data: deterministic, internally consistent, and plausible enough to show a cashier."""
import datetime as dt
import re
from collections import Counter
from decimal import Decimal

import pytest

from desk.demo import (CATALOG_COLUMNS, FEE_CATEGORIES, ROSTER_COLUMNS, SURNAMES, demo_catalog,
                       demo_members, demo_usage_plan)
from desk.idcard import parse_id_number

TODAY = dt.date(2026, 1, 1)
COUNT = 2000


@pytest.fixture(scope="module")
def members():
    return demo_members(COUNT, seed=7)


@pytest.fixture(scope="module")
def catalog():
    return demo_catalog(seed=7)


def _age(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def test_members_are_deterministic_for_a_seed_and_differ_between_seeds():
    assert demo_members(50, seed=3) == demo_members(50, seed=3)
    assert demo_members(50, seed=3) != demo_members(50, seed=4)


def test_count_is_respected():
    assert demo_members(0) == []
    assert len(demo_members(1)) == 1 and demo_members(1)[0]["family"] == ""
    assert len(demo_members(37)) == 37
    with pytest.raises(ValueError):
        demo_members(-1)


def test_rows_are_strings_with_exactly_the_roster_columns(members):
    for row in members:
        assert tuple(row) == ROSTER_COLUMNS
        assert all(isinstance(value, str) for value in row.values())


def test_member_ids_are_demo_and_unique(members):
    assert all(re.fullmatch(r"DEMO\d{7}", row["member_id"]) for row in members)
    for column in ("member_id", "id_number", "card_number", "ecard_code"):
        assert len({row[column] for row in members}) == COUNT, column


def test_cards_and_ecards_have_their_shapes(members):
    assert all(re.fullmatch(r"[A-Z]\d{8}", row["card_number"]) for row in members)
    assert all(re.fullmatch(r"0\d{27}", row["ecard_code"]) for row in members)


def test_names_are_a_surname_and_one_or_two_characters(members):
    for row in members:
        assert 2 <= len(row["name"]) <= 3 and row["name"][0] in SURNAMES
    assert len({row["name"] for row in members}) > COUNT * 0.8


def test_every_id_number_parses_and_agrees_with_the_roster(members):
    for row in members:
        parsed = parse_id_number(row["id_number"], today=TODAY)
        assert parsed.region == "410900"
        assert parsed.birth_date.isoformat() == row["birth_date"]


def test_region_argument_is_used():
    assert all(row["id_number"].startswith("320500") for row in demo_members(20, region="320500"))


def test_category_follows_the_retirement_ages(members):
    for row in members:
        parsed = parse_id_number(row["id_number"], today=TODAY)
        retired = _age(parsed.birth_date, TODAY) >= {"M": 60, "F": 55}[parsed.sex]
        assert row["category"] == ("retired" if retired else "employed"), row


def test_category_is_judged_at_the_given_today():
    later = dt.date(2040, 6, 30)
    for row in demo_members(200, seed=2, today=later):
        parsed = parse_id_number(row["id_number"], today=later)
        assert 20 <= _age(parsed.birth_date, later) <= 85
        retired = _age(parsed.birth_date, later) >= {"M": 60, "F": 55}[parsed.sex]
        assert row["category"] == ("retired" if retired else "employed")


def test_proportions_look_like_a_real_roster(members):
    def share(column, value):
        return sum(row[column] == value for row in members) / COUNT

    assert 0.25 < share("category", "retired") < 0.36
    assert 0.40 < sum(parse_id_number(r["id_number"], today=TODAY).sex == "M" for r in members) / COUNT < 0.60
    assert 0.80 < share("scheme", "employer") < 0.90
    assert 0.06 < share("scheme", "individual_tier2") < 0.14
    assert 0.02 < share("scheme", "individual_tier1") < 0.08
    assert 0.94 < share("eligible", "true") < 0.995
    assert {row["eligible"] for row in members} == {"true", "false"}
    assert 0.80 < share("family_doctor_institution", "") < 0.90
    assert {row["family_doctor_institution"] for row in members} == {"", *(f"DEMO-C0{i}" for i in range(1, 6))}
    assert 0.06 < sum(bool(row["family"]) for row in members) / COUNT < 0.14


def test_balances_are_fen_amounts_skewed_low(members):
    balances = [Decimal(row["account_balance"]) for row in members]
    assert all(re.fullmatch(r"\d+\.\d\d", row["account_balance"]) for row in members)
    assert all(Decimal("0.00") <= b <= Decimal("3000.00") for b in balances)
    assert sorted(balances)[COUNT // 2] < Decimal("1000.00")


def test_family_links_point_to_other_existing_members(members):
    ids = {row["member_id"] for row in members}
    relations = Counter()
    for row in members:
        if not row["family"]:
            continue
        links = row["family"].split(";")
        assert 1 <= len(links) <= 2
        targets = [link.partition(":")[0] for link in links]
        assert len(set(targets)) == len(targets)
        for link, target in zip(links, targets):
            assert target in ids and target != row["member_id"]
            relations[link.partition(":")[2]] += 1
    assert set(relations) <= {"", "spouse", "parent", "child"}
    assert relations["spouse"] and relations["parent"] and relations["child"]


def test_tiny_rosters_never_link_a_member_to_itself():
    # With two or three members a self-link would be likely if the draw did not skip oneself.
    linked = 0
    for seed in range(300):
        for row in demo_members(2 + seed % 2, seed=seed):
            for link in filter(None, row["family"].split(";")):
                linked += 1
                assert link.partition(":")[0] != row["member_id"]
    assert linked > 20


def test_catalog_is_deterministic_and_the_seed_moves_prices_not_codes():
    assert demo_catalog(5) == demo_catalog(5)
    assert [r["code"] for r in demo_catalog(5)] == [r["code"] for r in demo_catalog(6)]
    assert [r["unit_price"] for r in demo_catalog(5)] != [r["unit_price"] for r in demo_catalog(6)]


def test_catalog_has_hundreds_of_unique_rows(catalog):
    assert 300 <= len(catalog) <= 400
    assert len({row["code"] for row in catalog}) == len(catalog)
    assert len({(row["name"], row["spec"]) for row in catalog}) == len(catalog)
    assert len({row["name"] for row in catalog}) >= 120
    for name in ("阿莫西林胶囊", "二甲双胍片", "连花清瘟胶囊", "血常规", "普通门诊诊查费", "推拿"):
        assert name in {row["name"] for row in catalog}


def test_catalog_columns_and_allowed_values(catalog):
    for row in catalog:
        assert tuple(row) == CATALOG_COLUMNS
        assert all(isinstance(value, str) for value in row.values())
        assert row["class"] in {"A", "B", "C"}
        assert row["fee_category"] in FEE_CATEGORIES
        assert row["unit"]
    assert {row["fee_category"] for row in catalog} == set(FEE_CATEGORIES)


def test_selfpay_ratio_is_positive_exactly_for_class_b(catalog):
    for row in catalog:
        ratio = Decimal(row["selfpay_ratio"])
        if row["class"] == "B":
            assert row["selfpay_ratio"] in {"0.05", "0.10", "0.15", "0.20"}
        else:
            assert ratio == 0, row


def test_class_shares_are_plausible(catalog):
    shares = {cls: n / len(catalog) for cls, n in Counter(row["class"] for row in catalog).items()}
    assert 0.48 < shares["A"] < 0.62 and 0.28 < shares["B"] < 0.42 and 0.06 < shares["C"] < 0.14


def test_prices_are_positive_fen_amounts(catalog):
    for row in catalog:
        assert re.fullmatch(r"\d+\.\d\d", row["unit_price"]), row
        assert Decimal(row["unit_price"]) > 0
        assert Decimal(row["unit_price"]) <= Decimal("300.00")


def test_services_have_no_spec_and_drugs_do(catalog):
    for row in catalog:
        if row["fee_category"] in {"检查", "化验", "治疗", "诊查"}:
            assert row["spec"] == "" and row["code"].startswith("FW")
        else:
            assert row["spec"]


def test_usage_plan_names_only_existing_members_and_codes(members, catalog):
    plan = demo_usage_plan(members, seed=7)
    eligible = {row["member_id"] for row in members if row["eligible"] == "true"}
    codes = {row["code"] for row in catalog}
    assert plan
    for member_id, day, bill in plan:
        assert member_id in eligible
        assert dt.date(2026, 1, 1) <= day <= dt.date(2026, 11, 20)
        assert 1 <= len(bill) <= 5 and len(set(bill)) == len(bill)
        assert set(bill) <= codes
    assert [day for _, day, _ in plan] == sorted(day for _, day, _ in plan)
    visits = Counter(member_id for member_id, _, _ in plan)
    assert max(visits.values()) <= 6
    assert 0.3 < len(visits) / len(eligible) < 0.5


def test_usage_plan_is_deterministic_and_respects_year_and_fraction(members):
    few = members[:300]
    assert demo_usage_plan(few, seed=1) == demo_usage_plan(few, seed=1)
    assert demo_usage_plan(few, seed=1) != demo_usage_plan(few, seed=2)
    assert demo_usage_plan(few, fraction=0) == []
    assert {member for member, _, _ in demo_usage_plan(few, fraction=1)} == {
        row["member_id"] for row in few if row["eligible"] == "true"}
    assert all(day.year == 2024 for _, day, _ in demo_usage_plan(few, year=2024))


def test_the_catalog_data_is_package_data_in_resources_demo():
    """The items are files in resources/demo/ (read through importlib.resources), declared as
    package data in pyproject.toml and bundled by build.spec, not strings in desk/demo.py."""
    import tomllib
    from importlib import resources

    from conftest import ROOT

    files = sorted(p.name for p in resources.files("resources").joinpath("demo").iterdir() if p.name.endswith(".psv"))
    assert len(files) == 8
    shipped = sum(1 for name in files for line in resources.files("resources").joinpath("demo", name)
                  .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))
    assert shipped > 250
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "demo/*" in pyproject["tool"]["setuptools"]["package-data"]["resources"]
    assert '"resources" / "demo"' in (ROOT / "build.spec").read_text(encoding="utf-8")
    source = (ROOT / "desk" / "demo.py").read_text(encoding="utf-8")
    assert not re.search(r"^[A-Z0-9]+\|", source, re.M), "catalog rows written in desk/demo.py again"
