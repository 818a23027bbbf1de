"""What a personal account may pay: 濮阳 第七条, 重庆 第十条 (POLICY_NOTES "What a personal account may pay").

Wellness items (account_excluded) are full self-pay, never paid from an account — the member's own or a
family member's — and paid in cash; a family account pays only for the holder's spouse, parents, children.
"""
import pytest

from desk.money import InputError
from desk.quote import quote_one
from support import request, steps

AT = "2023-03-15T10:00:00+08:00"


def bill(library, lines, relation=None, **kwargs):
    req = request("puyang", AT, items=[(a, c) for a, c, _ in lines], **kwargs)
    for item, (_, _, excluded) in zip(req["items"], lines):
        if excluded:
            item["account_excluded"] = True
    if relation is not None:
        req["payer_relation"] = relation
    return quote_one(library, req)


def test_7_wellness_items_are_full_self_pay_and_paid_in_cash(library):
    # 100 A + 200 乳清蛋白粉 (excluded): full self-pay 200; (100 − 30) × 0.60 = 42.00 pool;
    # self-pay 258.00, the account pays only the 58.00 that is not excluded, 200.00 in cash
    a = bill(library, [("100.00", "A", False), ("200.00", "A", True)], level=2, account_balance="500")
    assert (a["full_self_pay"], a["in_scope"], a["pool_pay"]) == ("200.00", "100.00", "42.00")
    assert (a["self_pay"], a["account_pay"], a["cash_pay"]) == ("258.00", "58.00", "200.00")
    assert steps(a)["account_excluded"]["source"] == "濮阳 第七条"


@pytest.mark.parametrize("relation, word", [("spouse", "配偶"), ("parent", "父母"), ("child", "子女")])
def test_7_excluded_items_are_not_paid_from_a_family_account_either(library, relation, word):
    a = bill(library, [("100.00", "A", False), ("300.00", "A", True)], relation=relation, level=2,
             account_balance="1000")
    # (100 − 30) × 0.60 = 42.00; the family account pays 58.00, the 300.00 wellness item in cash
    assert (a["account_pay"], a["cash_pay"]) == ("58.00", "300.00")
    assert word in steps(a)["account_pay"]["why"]


def test_7_an_all_excluded_bill_is_cash_only(library):
    a = bill(library, [("88.00", "A", True)], level=1, account_balance="1000")
    assert (a["pool_pay"], a["account_pay"], a["cash_pay"]) == ("0.00", "0.00", "88.00")


def test_7_an_excluded_class_a_item_moves_no_deductible(library):
    a = bill(library, [("88.00", "A", True)], level=2)
    assert a["deductible"] == "0.00" and a["usage_after"]["same_day_deductible_met"] == "0.00"


@pytest.mark.parametrize("relation", ["sibling", "grandparent", "家属", "", 1])
def test_7_a_family_payer_must_be_spouse_parent_or_child(library, relation):
    with pytest.raises(InputError, match=r"^payer_relation: .* is not one of spouse, parent, child"):
        bill(library, [("100.00", "A", False)], relation=relation, account_balance="100")
