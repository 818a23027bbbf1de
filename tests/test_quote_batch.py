"""A batch of quote requests is answered as if each came alone.

`desk quote` keeps what it derives from a pack (a day's parameters, a level's ratio and its
explanation step) for the next request; these tests attack that keeping: two bills that differ only
in what a kept figure depends on must not share it. Figures are worked by hand from the 濮阳 pack
(resources/policies/puyang.toml, 第十二条).
"""
from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.money import InputError, _strict_money, _strict_ratio, parse_money, parse_ratio
from desk.policy.loader import Library
from desk.quote import quote
from support import request

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from workload import POLICY_DIR, requests  # noqa: E402


def _retired(at: str, level: int, amount: str, signed: str | None, pool_paid: str = "0") -> dict:
    return request("puyang", at, level=level, type="clinic", inst_id="C-1", items=((amount, "A"),),
                   usage={"ordinary_pool_paid": pool_paid}, category="retired", family_doctor_institution=signed)


def test_a_signed_and_an_unsigned_bill_on_one_day_each_get_their_own_ratio():
    """Level 0 (一级以下): 60 %, retired +10 points, at the signed family doctor's clinic +5 more (第十二条（一）（三）).
    No deductible below level 2, so 100.00 pays 75.00 signed, 70.00 not, in whatever order they come."""
    signed, unsigned = (_retired("2023-05-10T09:00:00+08:00", 0, "100.00", s) for s in ("C-1", None))
    answers = quote(Library(), [signed, unsigned, signed, unsigned])
    assert [a["ratio"] for a in answers] == ["0.7500", "0.7000", "0.7500", "0.7000"]
    assert [a["pool_pay"] for a in answers] == ["75.00", "70.00", "75.00", "70.00"]
    answers = quote(Library(), [unsigned, signed])
    assert [a["pool_pay"] for a in answers] == ["70.00", "75.00"]


def test_days_either_side_of_a_dated_cap_each_get_their_days_cap():
    """濮阳's retiree cap is 1,000 in 2022 (halved) and 2,000 from 2023-01-01 (第十二条（二）). With 900.00 already
    paid, a level-1 bill of 500.00 at 70 % computes 350.00: 100.00 is left of the 2022 cap, all of it of 2023's."""
    days = ["2023-01-01", "2022-12-31", "2023-01-02", "2022-12-30", "2023-06-30", "2022-07-01"]
    batch = [_retired(f"{day}T10:00:00+08:00", 1, "500.00", None, "900.00") for day in days]
    answers = quote(Library(), batch)
    assert [a["pool_pay"] for a in answers] == ["350.00", "100.00", "350.00", "100.00", "350.00", "100.00"]
    assert [a["over_cap"] for a in answers] == ["0.00", "250.00", "0.00", "250.00", "0.00", "250.00"]


def test_the_benchmark_mix_answers_in_a_batch_as_it_does_one_request_at_a_time():
    """Every benefit and pack the benchmark covers, quoted as one batch and each alone in a fresh library."""
    mix = requests(240, seed=11)
    batch = quote(Library([POLICY_DIR]), mix)
    assert batch == [quote(Library([POLICY_DIR]), one) for one in mix]


TEXT = (st.text(alphabet="0123456789.+- eE_", max_size=16)
        | st.sampled_from(["0", "00", "0.", ".5", "5.", "1.005", "1.000", "1000000.00", "1000000.01", "100000000.00",
                           "100000000.01", "999999999999.99", "-0", "-0.00", "1.0000", "1.00001", "0.9999", "1.5",
                           " 1", "1 ", "١", "１", "nan", "Infinity"]))


def _outcome(parse, value, *args):
    try:
        return "ok", parse(value, "f", *args).as_tuple()
    except InputError as exc:
        return "refused", str(exc), exc.kind


@settings(max_examples=400, deadline=None)
@given(TEXT, st.sampled_from([Decimal("1000000.00"), Decimal("100000000.00")]))
def test_plain_text_is_read_exactly_as_the_strict_reading_does(text, maximum):
    """The short way for plain digits gives the strict reading's value (digit for digit) or leaves it to refuse."""
    assert _outcome(parse_money, text, maximum) == _outcome(_strict_money, text, maximum)
    assert _outcome(parse_ratio, text) == _outcome(_strict_ratio, text)
