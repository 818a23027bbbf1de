"""`desk simulate`: a small population worked by hand, a policy against itself, and reforms refused by bounds.

南昌, a level-1 clinic: an annual deductible of 600, 60% for the employed (65% retired), caps 1,800
employed / 2,000 retired. Member A (employed) makes four visits of 1,500 (甲类); B (retired) one of
1,000; C never visits.

  A under 南昌:         600 deductible, pool 540; 900 → 1,440; 360 (cap 1,800 reached); 0.  pool 1,800, bears 4,200
  A with cap 2,000:     540; 900; 560 (cap 2,000); 0.                                      pool 2,000, bears 4,000
  B under both:         600 deductible, 0.65 × 400 = 260.                                  pool 260, bears 740
  B, deductible 800:    0.65 × 200 = 130; A with deductible 800: 420, 900, 480, 0 = 1,800 (the cap still binds)
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from desk.analytics.simulate import (Population, ReformError, Visit, compare, distribution, load_reform, members_csv,
                                     synthetic)
from desk.engine import Institution, Item, Member

D = Decimal
CST = dt.timezone(dt.timedelta(hours=8))
CLINIC = Institution(1, "clinic", True, "C-1")
DESK = str(Path(sys.executable).parent / "desk")


def visit(member: str, month: int, amount: str) -> Visit:
    return Visit(member, dt.datetime(2023, month, 1, 10, tzinfo=CST), CLINIC, (Item(D(amount), "A"),))


@pytest.fixture()
def population() -> Population:
    members = {"A": Member("employed", dt.date(1980, 1, 1)), "B": Member("retired", dt.date(1955, 1, 1)),
               "C": Member("employed", dt.date(1990, 1, 1))}
    visits = (visit("A", 2, "1500"), visit("A", 3, "1500"), visit("B", 3, "1000"), visit("A", 4, "1500"),
              visit("A", 5, "1500"))
    return Population(members, visits, "hand-built")


def reform(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(body, encoding="utf-8")
    return path


CAP_2000 = 'base = "nanchang"\nnote = "在职 2000"\n[changes.ordinary.annual_cap]\nvalue = { employed = "2000", retired = "2000" }\nsource = "测算"\n'


def test_a_higher_cap_worked_by_hand(population, library, tmp_path):
    other = load_reform(reform(tmp_path, "nanchang-2000", CAP_2000), library)
    c = compare(library.get("nanchang"), other, population)
    assert {m: (o.pool, o.burden) for m, o in c.base.outcomes.items()} == {
        "A": (D("1800.00"), D("4200.00")), "B": (D("260.00"), D("740.00")), "C": (D("0.00"), D("0.00"))}
    assert (c.other.outcomes["A"].pool, c.other.outcomes["A"].burden) == (D("2000.00"), D("4000.00"))
    assert c.base.fund == D("2060.00") and c.other.fund == D("2260.00")
    assert c.per_member(c.base.fund) == D("686.67") and c.per_member(c.other.fund) == D("753.33")  # C counts too
    assert c.gainers == [("A", D("-200.00"))] and c.losers == []
    rows = members_csv(c).splitlines()
    assert rows[1] == "A,employed,4,1800.00,4200.00,2000.00,4000.00,-200.00"


def test_a_higher_deductible_makes_a_loser_and_the_cap_still_binds(population, library, tmp_path):
    body = 'base = "nanchang"\n[changes.ordinary.deductible]\nvalue = "800"\nsource = "测算"\n'
    c = compare(library.get("nanchang"), load_reform(reform(tmp_path, "nanchang-800", body), library), population)
    assert c.other.outcomes["A"].pool == D("1800.00")
    assert c.other.outcomes["B"].pool == D("130.00")
    assert c.losers == [("B", D("130.00"))] and c.gainers == []


def test_a_policy_against_itself_changes_nothing(library):
    population = synthetic("nanchang", 200, seed=3, year=2026)
    assert len(population.visits) > 100
    c = compare(library.get("nanchang"), library.get("nanchang"), population)
    assert c.base.fund == c.other.fund and c.base.burden == c.other.burden
    assert set(c.differences.values()) == {D("0.00")} or set(c.differences.values()) == {D(0)}
    assert c.gainers == [] and c.losers == []
    assert distribution(c.base) == distribution(c.other)
    assert sum(n for _, n in distribution(c.base)) == 200


def test_a_reform_that_breaks_a_framework_bound_is_refused(library, tmp_path):
    body = 'base = "jilin"\n[changes.ordinary.annual_cap]\nvalue = "2500"\nsource = "测算"\n'
    with pytest.raises(ReformError, match=r"ordinary.annual_cap: .*2500.00.* is above the ceiling 2000"):
        load_reform(reform(tmp_path, "jilin-2500", body), library)
    done = subprocess.run([DESK, "simulate", "jilin", str(tmp_path / "jilin-2500.toml"), "--synthetic", "5"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == "" and done.stderr.count("\n") == 1
    assert "above the ceiling 2000" in done.stderr


@pytest.mark.parametrize("body, message", [
    ('base = "atlantis"\n[changes.ordinary.deductible]\nvalue = "1"\nsource = "x"\n', "base: unknown policy 'atlantis'"),
    ('base = "nanchang"\n', "changes: a reform changes at least one parameter"),
    ('base = "nanchang"\n[changes.ordinary.deductible]\nvalue = "-5"\nsource = "x"\n', "ordinary.deductible"),
    ('base = "nanchang"\ncap = 3\n[changes.ordinary.deductible]\nvalue = "1"\nsource = "x"\n', "cap: unknown key"),
])
def test_bad_reform_files_are_refused_by_name(library, tmp_path, body, message):
    with pytest.raises(ReformError, match=message.replace("(", r"\(")):
        load_reform(reform(tmp_path, "bad", body), library)


def test_the_cli_prints_both_policies_and_writes_csv_and_a_chart(tmp_path):
    from pdf_support import text

    path = reform(tmp_path, "nanchang-2000", CAP_2000)
    done = subprocess.run([DESK, "simulate", "nanchang", str(path), "--synthetic", "150", "--out-dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=300, env={**os.environ})
    assert done.returncode == 0, done.stderr
    assert "fund per member" in done.stdout and "nanchang-2000" in done.stdout
    assert (tmp_path / "simulate-members.csv").read_text(encoding="utf-8").count("\n") == 151
    pdf = text((tmp_path / "simulate.pdf").read_bytes(), tmp_path)
    assert "政策测算：nanchang 与 nanchang-2000" in pdf and "个人负担分布" in pdf
