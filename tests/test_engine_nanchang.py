"""南昌 (seed 003, 起草说明 of the 征求意见稿): each test names the section it checks."""
import pytest

from desk.money import InputError
from support import quote, steps

AT = "2023-08-08T09:10:00+08:00"


def test_section_4_2_1_annual_deductible_600(library):
    a = quote(library, "nanchang", AT, level=1, type="clinic", items=[("700.00", "A")])
    assert (a["deductible"], a["pool_pay"]) == ("600.00", "60.00")
    b = quote(library, "nanchang", AT, level=1, type="clinic", items=[("700.00", "A")], usage={"deductible_met": "550"})
    assert (b["deductible"], b["pool_pay"]) == ("50.00", "390.00")
    assert steps(b)["deductible"]["source"] == "南昌 四（二）1"


@pytest.mark.parametrize("level, category, ratio", [
    (0, "employed", "0.6000"), (1, "employed", "0.6000"), (2, "employed", "0.5500"), (3, "employed", "0.5000"),
    (1, "retired", "0.6500"), (2, "retired", "0.6000"), (3, "retired", "0.5500"),
])
def test_section_4_2_1_ratio_by_level_and_five_points_more_for_retirees(library, level, category, ratio):
    a = quote(library, "nanchang", AT, level=level, category=category, usage={"deductible_met": "600"})
    assert a["ratio"] == ratio


@pytest.mark.parametrize("category, cap", [("employed", "1800"), ("retired", "2000")])
def test_section_4_2_1_annual_cap_1800_employed_2000_retired(library, category, cap):
    a = quote(library, "nanchang", AT, level=1, category=category,
              usage={"deductible_met": "600", "ordinary_pool_paid": f"{int(cap) - 1}.00"})
    assert (a["pool_pay"], a["usage_after"]["ordinary_pool_paid"]) == ("1.00", f"{cap}.00")


def test_section_4_4_a_prescription_at_a_pharmacy_is_refused_as_the_note_gives_no_ratio(library):
    with pytest.raises(InputError) as err:
        quote(library, "nanchang", AT, level=0, type="pharmacy", prescriber_level=2)
    assert str(err.value).startswith("prescriber_level: nanchang@2023-01-01: the pack does not say")


def test_section_4_4_a_pharmacy_purchase_without_prescription_is_self_paid_from_the_account(library):
    a = quote(library, "nanchang", AT, level=0, type="pharmacy", account_balance="40.00")
    assert (a["pool_pay"], a["account_pay"], a["cash_pay"]) == ("0.00", "40.00", "60.00")
    assert steps(a)["account_pay"]["source"] == "南昌 四（三）2"


def test_section_4_6_bills_before_2023_are_refused(library):
    with pytest.raises(InputError, match="^at: no policy in force for nanchang on 2022-12-31"):
        quote(library, "nanchang", "2022-12-31T12:00:00+08:00")
