"""重庆 (seed 001, 渝医保发〔2023〕32号): each test names the article it checks."""
import re

import pytest

from desk.money import InputError
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


def test_article_4_annual_deductible_100_retired(library):
    a = quote(library, "chongqing", AT, level=3, category="retired", items=[("300.00", "A")],
              usage={"deductible_met": "60.00"})
    assert (a["deductible"], a["ratio"], a["pool_pay"]) == ("40.00", "0.6000", "156.00")


@pytest.mark.parametrize("level, category, ratio", [
    (0, "employed", "0.6000"), (1, "employed", "0.6000"), (2, "employed", "0.6000"), (3, "employed", "0.5000"),
    (2, "retired", "0.7000"), (3, "retired", "0.6000"),
])
def test_article_5_ratio_by_level_and_ten_points_more_for_retirees(library, level, category, ratio):
    a = quote(library, "chongqing", AT, level=level, category=category, usage={"deductible_met": "200"})
    assert a["ratio"] == ratio
    assert a["pool_pay"] == f"{int(float(ratio) * 100)}.00"


@pytest.mark.parametrize("scheme, category, cap", [
    ("employer", "employed", "3000"), ("employer", "retired", "4000"),
    ("individual_tier2", "employed", "3000"), ("individual_tier2", "retired", "4000"),
    ("individual_tier1", "employed", "800"), ("individual_tier1", "retired", "1200"),
])
def test_article_6_annual_cap_by_scheme_and_category(library, scheme, category, cap):
    usage = {"deductible_met": "200", "ordinary_pool_paid": f"{int(cap) - 5}.00"}
    a = quote(library, "chongqing", AT, level=2, scheme=scheme, category=category, usage=usage)
    assert a["pool_pay"] == "5.00"
    assert a["usage_after"]["ordinary_pool_paid"] == f"{cap}.00"
    assert steps(a)["over_cap"]["source"] == "重庆 第六条"


def test_article_12_pharmacy_bills_follow_the_prescribing_institutions_level(library):
    a = quote(library, "chongqing", AT, level=0, type="pharmacy", prescriber_level=3, usage={"deductible_met": "200"})
    assert a["ratio"] == "0.5000" and a["pool_pay"] == "50.00"
    b = quote(library, "chongqing", AT, level=0, type="pharmacy", prescriber_level=1, usage={"deductible_met": "200"})
    assert b["ratio"] == "0.6000"


def test_article_12_a_pharmacy_bill_without_an_external_prescription_gets_no_pool_payment(library):
    a = quote(library, "chongqing", AT, level=0, type="pharmacy", account_balance="1000")
    assert (a["pool_pay"], a["account_pay"], a["cash_pay"]) == ("0.00", "100.00", "0.00")
    assert a["usage_after"]["deductible_met"] == "0.00"
    assert steps(a)["no_prescription"]["source"] == "重庆 第12条"


def test_article_8_without_an_overall_cap_figure_everything_is_pooled_fund_and_said_so(library):
    a = quote(library, "chongqing", AT, level=2, usage={"deductible_met": "200", "fund_paid_total": "999999"})
    assert a["funds"] == [{"fund": "hifp", "name": "统筹基金", "amount": "60.00"}]
    assert "未配置" in steps(a)["funds"]["why"]
    assert steps(a)["funds"]["source"] == "重庆 第八条"


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


def test_article_14_bills_before_2024_are_refused(library):
    with pytest.raises(InputError, match="no policy in force for chongqing on 2023-12-31"):
        quote(library, "chongqing", "2023-12-31T23:00:00+08:00")


def test_chongqing_does_not_stop_outpatient_benefits_for_inpatients(library):
    a = quote(library, "chongqing", AT, level=2, inpatient=True, usage={"deductible_met": "200"})
    assert a["pool_pay"] == "60.00"
