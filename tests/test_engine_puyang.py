"""濮阳 (seed 000): each test names the article of the 实施细则 it checks."""
import pytest

from desk.money import InputError
from support import quote, request, steps, then
from desk.quote import quote_one


def test_article_12_1_level_1_and_below_have_no_deductible_and_pay_60_percent(library):
    for level in (0, 1):
        a = quote(library, "puyang", level=level, type="clinic", items=[("100.00", "A")])
        assert (a["deductible"], a["ratio"], a["pool_pay"], a["cash_pay"]) == ("0.00", "0.6000", "60.00", "40.00")


def test_article_12_1_level_2_deductible_30_per_visit_at_60_percent(library):
    a = quote(library, "puyang", level=2, items=[("100.00", "A")])
    assert (a["deductible"], a["ratio"], a["pool_pay"]) == ("30.00", "0.6000", "42.00")
    assert steps(a)["deductible"]["source"] == "濮阳 第十二条（一）"


def test_article_12_1_level_3_deductible_50_per_visit_at_50_percent(library):
    a = quote(library, "puyang", level=3, items=[("200.00", "A")])
    assert (a["deductible"], a["ratio"], a["pool_pay"]) == ("50.00", "0.5000", "75.00")


def test_article_12_1_per_visit_deductible_does_not_accumulate_over_the_year(library):
    a = quote(library, "puyang", level=3, items=[("200.00", "A")], usage={"deductible_met": "500"})
    assert a["deductible"] == "50.00"
    assert a["usage_after"]["deductible_met"] == "500.00"


def test_article_12_1_retirees_get_ten_more_points_not_ten_percent_of_the_ratio(library):
    a = quote(library, "puyang", level=3, category="retired", items=[("200.00", "A")])
    assert a["ratio"] == "0.6000"  # 0.50 + 0.10, not 0.55
    assert a["pool_pay"] == "90.00"
    assert "退休人员提高10个百分点" in steps(a)["ratio"]["why"]


def test_article_12_3_family_doctor_adds_5_points_only_at_the_signed_primary_institution(library):
    signed = quote(library, "puyang", level=1, type="clinic", inst_id="C-7", family_doctor_institution="C-7")
    assert signed["ratio"] == "0.6500" and signed["pool_pay"] == "65.00"
    assert "第十二条（三）" in steps(signed)["ratio"]["source"]
    elsewhere = quote(library, "puyang", level=1, type="clinic", inst_id="C-8", family_doctor_institution="C-7")
    assert elsewhere["ratio"] == "0.6000"
    not_primary = quote(library, "puyang", level=2, inst_id="C-7", family_doctor_institution="C-7")
    assert not_primary["ratio"] == "0.6000"
    retired = quote(library, "puyang", level=0, type="clinic", inst_id="V-1", family_doctor_institution="V-1",
                    category="retired")
    assert retired["ratio"] == "0.7500"


def test_article_12_4_visits_of_one_day_at_one_institution_share_one_deductible(library):
    first = request("puyang", level=2, items=[("20.00", "A")])
    a1 = quote_one(library, first)
    assert (a1["deductible"], a1["pool_pay"]) == ("20.00", "0.00")
    assert a1["usage_after"]["same_day_deductible_met"] == "20.00"
    second = then(a1, first)
    second["items"][0]["amount"] = "100.00"
    a2 = quote_one(library, second)
    assert a2["deductible"] == "10.00"  # 30 − 20 already met today
    assert a2["pool_pay"] == "54.00"  # (100 − 10) × 0.6
    assert "只计算一次起付标准" in steps(a2)["deductible"]["why"]
    assert "第十二条（四）" in steps(a2)["deductible"]["why"]
    a3 = quote_one(library, then(a2, second))
    assert a3["deductible"] == "0.00" and a3["pool_pay"] == "60.00"


def test_article_12_2_annual_cap_1500_employed_2000_retired_with_the_crossing_bill_paid_in_part(library):
    a = quote(library, "puyang", level=1, type="clinic", usage={"ordinary_pool_paid": "1490.00"})
    assert (a["pool_pay"], a["over_cap"], a["self_pay"]) == ("10.00", "50.00", "90.00")
    assert a["usage_after"]["ordinary_pool_paid"] == "1500.00"
    assert steps(a)["over_cap"]["source"] == "濮阳 第十二条（二）"
    r = quote(library, "puyang", level=1, type="clinic", category="retired", usage={"ordinary_pool_paid": "1990.00"})
    assert (r["pool_pay"], r["over_cap"]) == ("10.00", "60.00")
    spent = quote(library, "puyang", level=1, type="clinic", usage={"ordinary_pool_paid": "1500.00"})
    assert (spent["pool_pay"], spent["over_cap"]) == ("0.00", "60.00")


def test_article_12_2_the_cap_is_halved_for_bills_dated_in_2022(library):
    a = quote(library, "puyang", "2022-09-01T09:00:00+08:00", level=1, type="clinic",
              usage={"ordinary_pool_paid": "740.00"})
    assert (a["pool_pay"], a["over_cap"]) == ("10.00", "50.00")
    assert a["policy_version"] == "puyang@2022-07-01"
    r = quote(library, "puyang", "2022-09-01T09:00:00+08:00", level=1, type="clinic", category="retired",
              usage={"ordinary_pool_paid": "990.00"})
    assert r["pool_pay"] == "10.00"


def test_article_12_2_the_year_turns_at_midnight_china_standard_time(library):
    usage = {"ordinary_pool_paid": "750.00"}
    last = quote(library, "puyang", "2022-12-31T23:59:00+08:00", level=1, type="clinic", usage=usage)
    assert last["pool_pay"] == "0.00"
    # 16:30 UTC on 31 December is 00:30 on 1 January in Puyang: the 2023 cap applies.
    first = quote(library, "puyang", "2022-12-31T16:30:00+00:00", level=1, type="clinic", usage=usage)
    assert first["pool_pay"] == "60.00"


def test_article_11_non_designated_institutions_get_no_pool_payment(library):
    a = quote(library, "puyang", level=2, designated=False, usage={"same_day_deductible_met": "0"})
    assert (a["pool_pay"], a["deductible"], a["cash_pay"]) == ("0.00", "0.00", "100.00")
    assert a["usage_after"]["same_day_deductible_met"] == "0.00"
    assert steps(a)["not_designated"]["source"] == "濮阳 第十一条"


def test_article_14_members_without_the_restructured_contribution_get_no_pool_payment(library):
    a = quote(library, "puyang", level=1, type="clinic", eligible=False)
    assert a["pool_pay"] == "0.00"
    assert steps(a)["not_eligible"]["source"] == "濮阳 第十四条"


def test_article_13_pharmacy_bills_get_no_pool_payment_until_a_rule_is_made(library):
    a = quote(library, "puyang", level=0, type="pharmacy", prescriber_level=2, account_balance="30.00")
    assert (a["pool_pay"], a["account_pay"], a["cash_pay"]) == ("0.00", "30.00", "70.00")
    assert steps(a)["pharmacy_not_covered"]["source"] == "濮阳 第十三条"


def test_article_7_the_personal_account_pays_the_self_pay_then_cash(library):
    a = quote(library, "puyang", level=2, account_balance="500.00")
    assert (a["self_pay"], a["account_pay"], a["cash_pay"]) == ("58.00", "58.00", "0.00")
    assert a["account_balance_after"] == "442.00"
    assert steps(a)["account_pay"]["source"] == "濮阳 第七条"
    declined = quote(library, "puyang", level=2, account_balance="500.00", use_account=False)
    assert (declined["account_pay"], declined["cash_pay"]) == ("0.00", "58.00")


def test_article_25_bills_before_2022_07_01_are_refused(library):
    with pytest.raises(InputError) as err:
        quote(library, "puyang", "2022-06-30T23:59:59+08:00")
    assert str(err.value) == "at: no policy in force for puyang on 2022-06-30 (its first version starts 2022-07-01)"


def test_article_10_catalog_classes_b_and_c(library):
    a = quote(library, "puyang", level=1, type="clinic", items=[("100.00", "A"), ("50.00", "B", "0.2"), ("30.00", "C")])
    assert (a["total"], a["full_self_pay"], a["pre_self_pay"], a["in_scope"]) == ("180.00", "30.00", "10.00", "140.00")
    assert a["pool_pay"] == "84.00"
    assert steps(a)["full_self_pay"]["source"] == "濮阳 第十条"
