"""重庆 (seed 001) 第六条 第二款: fixed-amount consultation fees, 两病 drugs, 门诊特殊疾病 and 国谈药品 are
paid under their own schemes and count neither toward the ordinary deductible nor its cap.

tests/packs/chongqing.toml sets the schemes' figures (example): fixed_fee 100 %, two_diseases 50 % with a
300 yuan annual cap, special_disease 80 % (70 % at level 3), national_negotiated 70 %.
"""
import pytest

from desk.money import InputError
from desk.policy.loader import Library
from desk.quote import quote_one
from support import EXAMPLE_PACKS, request, steps

AT = "2024-06-01T15:30:00+08:00"


@pytest.fixture(scope="module")
def lib():
    return Library([EXAMPLE_PACKS])


def bill(lines, **kwargs):
    """lines: (amount, class, scheme or None[, selfpay_ratio])."""
    req = request("chongqing", AT, items=[(a, c, r[0] if r else "0") for a, c, _, *r in lines], **kwargs)
    for item, line in zip(req["items"], lines):
        if line[2]:
            item["scheme"] = line[2]
    return req


def test_6_own_scheme_lines_are_left_out_of_the_ordinary_deductible_and_settled_apart(lib):
    # ordinary 300: (300 − 200) × 0.60 = 60.00; 两病 100 × 0.50 = 50.00; 诊察费 50 × 1.00 = 50.00
    # (as one ordinary bill it would have been (450 − 200) × 0.60 = 150.00)
    a = quote_one(lib, bill([("300.00", "A", None), ("100.00", "A", "two_diseases"), ("50.00", "A", "fixed_fee")], level=2))
    assert (a["in_scope"], a["deductible"], a["ratio"]) == ("300.00", "200.00", "0.6000")
    assert (a["total"], a["pool_pay"], a["self_pay"], a["cash_pay"]) == ("450.00", "160.00", "290.00", "290.00")
    assert a["schemes"] == [
        {"scheme": "two_diseases", "in_scope": "100.00", "ratio": "0.5000", "pool_pay": "50.00", "over_cap": "0.00"},
        {"scheme": "fixed_fee", "in_scope": "50.00", "ratio": "1.0000", "pool_pay": "50.00", "over_cap": "0.00"},
    ]
    after = a["usage_after"]
    assert (after["deductible_met"], after["ordinary_pool_paid"]) == ("200.00", "60.00")
    assert after["scheme_pool_paid"] == {"two_diseases": "50.00", "fixed_fee": "50.00"}
    assert steps(a)["own_scheme"]["source"] == "重庆 第六条"


def test_6_own_scheme_lines_are_paid_when_the_ordinary_cap_is_used_up(lib):
    # ordinary cap 3000 reached: ordinary 200 × 0.60 = 120.00 all over the cap; 国谈 500 × 0.70 = 350.00 paid
    a = quote_one(lib, bill([("200.00", "A", None), ("500.00", "A", "national_negotiated")], level=2,
                            usage={"deductible_met": "200", "ordinary_pool_paid": "3000"}))
    assert (a["over_cap"], a["pool_pay"], a["usage_after"]["ordinary_pool_paid"]) == ("120.00", "350.00", "3000.00")


def test_6_an_own_scheme_with_its_own_cap_crosses_it_in_part(lib):
    # 两病 cap 300, 280 paid: 100 × 0.50 = 50.00 computed, 20.00 paid, 30.00 over
    a = quote_one(lib, bill([("100.00", "A", "two_diseases")], level=2, usage={"scheme_pool_paid": {"two_diseases": "280"}}))
    assert a["schemes"][0]["pool_pay"] == "20.00" and a["schemes"][0]["over_cap"] == "30.00"
    assert (a["pool_pay"], a["over_cap"], a["self_pay"]) == ("20.00", "0.00", "80.00")
    assert a["usage_after"]["scheme_pool_paid"] == {"two_diseases": "300.00"}


def test_6_own_scheme_lines_keep_the_catalog_rules(lib):
    # 门诊特殊疾病 at level 3 (70 %): 500 B with 20 % pre-self-pay → 400 in scope × 0.70 = 280.00; a C line stays full self-pay
    a = quote_one(lib, bill([("500.00", "B", "special_disease", "0.20"), ("80.00", "C", "special_disease")], level=3,
                            category="retired"))
    assert (a["pre_self_pay"], a["full_self_pay"], a["pool_pay"]) == ("100.00", "80.00", "280.00")
    assert a["schemes"][0]["in_scope"] == "400.00" and a["in_scope"] == "0.00"


# the shipped pack refuses an own-scheme line naming the scheme: tests/cases/chongqing.toml


def test_own_schemes_are_refused_where_the_pack_has_none(library):
    req = request("puyang", "2023-03-15T10:00:00+08:00")
    req["items"][0]["scheme"] = "two_diseases"
    with pytest.raises(InputError, match=r"^items\[0\].scheme: puyang@2022-07-01 pays no own scheme 'two_diseases'"):
        quote_one(library, req)
