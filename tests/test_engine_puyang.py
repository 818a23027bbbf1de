"""濮阳 (seed 000): what a single request→figures case cannot say (tests/cases/puyang.toml has those).

Each test names the article of the 实施细则 it checks.
"""
from desk.quote import quote_one
from support import request, steps, then


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
