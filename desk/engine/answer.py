"""A settlement as the quote contract's answer object (``../shared/contracts/quote.md``).

Beside the engine's result because it says that result in JSON: `desk quote` answers with it and
the store keeps it with every settlement, so both write the same thing from one function.
"""
from __future__ import annotations

from typing import Any

from desk.engine.inputs import Usage
from desk.engine.result import Settlement
from desk.money import money_str, ratio_str


def _usage_dict(usage: Usage) -> dict[str, str]:
    out = {
        "deductible_met": money_str(usage.deductible_met),
        "ordinary_pool_paid": money_str(usage.ordinary_pool_paid),
        "same_day_deductible_met": money_str(usage.same_day_deductible_met),
    }
    if usage.fund_paid_total is not None:
        out["fund_paid_total"] = money_str(usage.fund_paid_total)
    return out


def answer(result: Settlement) -> dict[str, Any]:
    """The contract's answer object for one settlement."""
    return {
        "policy_version": result.policy_version,
        "total": money_str(result.total),
        "full_self_pay": money_str(result.full_self_pay),
        "pre_self_pay": money_str(result.pre_self_pay),
        "in_scope": money_str(result.in_scope),
        "deductible": money_str(result.deductible),
        "ratio": ratio_str(result.ratio),
        "pool_pay": money_str(result.pool_pay),
        "over_cap": money_str(result.over_cap),
        "self_pay": money_str(result.self_pay),
        "account_pay": money_str(result.account_pay),
        "cash_pay": money_str(result.cash_pay),
        "account_balance_after": money_str(result.account_balance_after),
        "funds": [{"fund": f.fund, "name": f.name, "amount": money_str(f.amount)} for f in result.funds],
        "usage_after": _usage_dict(result.usage_after),
        "explain": [
            {k: v for k, v in (("step", s.step), ("amount", None if s.amount is None else money_str(s.amount)),
                               ("why", s.why), ("source", s.source), ("param", s.param), ("value", s.value)) if v is not None and v != ""}
            for s in result.explain
        ],
    }
