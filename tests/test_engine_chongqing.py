"""重庆 (seed 001, 渝医保发〔2023〕32号): sequences and altered packs (single cases: tests/cases/chongqing.toml)."""
import re

import pytest

from desk.policy.loader import Library
from desk.quote import quote_one
from support import pack_text, quote, request, steps, then, write_pack

AT = "2024-06-01T15:30:00+08:00"


def test_article_4_annual_deductible_200_employed_accumulates_across_bills(library):
    first = request("chongqing", AT, level=2, items=[("150.00", "A")])
    a1 = quote_one(library, first)
    assert (a1["deductible"], a1["pool_pay"]) == ("150.00", "0.00")
    assert a1["usage_after"]["deductible_met"] == "150.00"
    a2 = quote_one(library, then(a1, first))
    assert a2["deductible"] == "50.00"
    assert a2["pool_pay"] == "60.00"  # (150 − 50) × 0.6
    a3 = quote_one(library, then(a2, first))
    assert (a3["deductible"], a3["pool_pay"]) == ("0.00", "90.00")
    assert steps(a3)["deductible"]["source"] == "重庆 第四条"


@pytest.fixture()
def chongqing_with_overall_cap(tmp_path):
    text = re.sub(r'unset = "第八条[^\n]*', 'value = "10000"', pack_text("chongqing"))
    write_pack(tmp_path, "chongqing", text)
    return Library([tmp_path])


def test_article_8_past_the_overall_cap_the_same_amount_comes_from_the_large_amount_fund(chongqing_with_overall_cap):
    lib = chongqing_with_overall_cap
    a = quote(lib, "chongqing", AT, level=2, usage={"deductible_met": "200", "fund_paid_total": "9980.00"})
    assert a["pool_pay"] == "60.00"  # the payer changes, the amount does not
    assert a["funds"] == [{"fund": "hifp", "name": "统筹基金", "amount": "20.00"},
                          {"fund": "hifob", "name": "大额互助保险基金", "amount": "40.00"}]
    assert a["usage_after"]["fund_paid_total"] == "10040.00"
    within = quote(lib, "chongqing", AT, level=2, usage={"deductible_met": "200", "fund_paid_total": "0"})
    assert within["funds"] == [{"fund": "hifp", "name": "统筹基金", "amount": "60.00"}]
    unknown = quote(lib, "chongqing", AT, level=2, usage={"deductible_met": "200"})
    assert unknown["funds"][0]["amount"] == "60.00" and "未知" in steps(unknown)["funds"]["why"]
