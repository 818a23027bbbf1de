"""The engine's arguments and result as the quote contract's JSON (``../shared/contracts/quote.md``).

``answer`` says a result as the contract's answer object; ``request_of`` says the engine's
arguments as the request ``desk.quote.parse_request`` reads back. They sit beside the engine
because the store keeps both with every settlement and `desk quote` answers with the first: one
function each, below every layer that writes them.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from desk.engine.inputs import Bill, Item, Member, Usage
from desk.engine.result import Settlement, Step
from desk.money import money_str, ratio_str


def request_of(policy: str, member: Member, usage: Usage, bill: Bill, at: dt.datetime) -> dict[str, Any]:
    """The quote request that ``parse_request`` reads back into exactly these engine arguments.

    A desk records it with each settlement, so the hub re-settles the upload with the same parser
    and engine as ``desk quote`` (desk/sync/resettle.py): whatever a later issue adds to the
    contract (a benefit, a pharmacy code) travels and is re-checked without another format."""
    request = {
        "policy": policy, "at": at.isoformat(),
        "institution": {"level": bill.institution.level, "type": bill.institution.type,
                        "designated": bill.institution.designated, "id": bill.institution.id},
        "prescriber_level": bill.prescriber_level, "benefit": bill.benefit,
        "member": {"category": member.category,
                   "birth_date": None if member.birth_date is None else member.birth_date.isoformat(),
                   "scheme": member.scheme, "family_doctor_institution": member.family_doctor_institution,
                   "eligible": member.eligible, "inpatient": member.inpatient,
                   "account_balance": money_str(member.account_balance)},
        "usage": _usage_dict(usage),
        "items": [_item_dict(i) for i in bill.items],
        "use_account": bill.use_account,
    }
    # version-2 fields only where they say something, so a version-1 bill's request stays as it was
    if bill.institution.specialty:
        request["institution"]["specialty"] = True
    if member.certified:
        request["member"]["certified"] = [{"benefit": c.benefit, "disease": c.disease, "from": c.start.isoformat(),
                                           "to": c.end.isoformat()} for c in member.certified]
    if bill.disease is not None:
        request["disease"] = bill.disease
    if bill.payer_relation is not None:
        request["payer_relation"] = bill.payer_relation
    return request


def _item_dict(item: Item) -> dict[str, Any]:
    out = {"code": item.code, "name": item.name, "amount": money_str(item.amount), "class": item.cls,
           "selfpay_ratio": ratio_str(item.selfpay_ratio)}
    if item.scheme:
        out["scheme"] = item.scheme
    if item.account_excluded:
        out["account_excluded"] = True
    return out


def _usage_dict(usage: Usage) -> dict[str, str]:
    out = {
        "deductible_met": money_str(usage.deductible_met),
        "ordinary_pool_paid": money_str(usage.ordinary_pool_paid),
        "same_day_deductible_met": money_str(usage.same_day_deductible_met),
    }
    if usage.fund_paid_total is not None:
        out["fund_paid_total"] = money_str(usage.fund_paid_total)
    if usage.disease_pool_paid:
        out["disease_pool_paid"] = {k: money_str(v) for k, v in usage.disease_pool_paid.items()}
    if usage.special_deductible_met:
        out["special_deductible_met"] = money_str(usage.special_deductible_met)
    if usage.inpatient_pool_paid is not None:
        out["inpatient_pool_paid"] = money_str(usage.inpatient_pool_paid)
    if usage.scheme_pool_paid:
        out["scheme_pool_paid"] = {k: money_str(v) for k, v in usage.scheme_pool_paid.items()}
    return out


STEP_FIELDS = ("step", "amount", "why", "source", "param", "value")


def answer(result: Settlement) -> dict[str, Any]:
    """The contract's answer object for one settlement."""
    return {
        "policy_version": result.policy_version,
        "benefit": result.benefit,
        "disease": result.disease,
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
        "schemes": [{"scheme": p.scheme, "in_scope": money_str(p.in_scope), "ratio": ratio_str(p.ratio),
                     "pool_pay": money_str(p.pool_pay), "over_cap": money_str(p.over_cap)} for p in result.schemes],
        **({"disease_name": result.disease_name, "cap": money_str(result.cap), "cap_left": money_str(result.cap_left)}
           if result.benefit != "ordinary" and result.cap is not None else {}),
        "usage_after": _usage_dict(result.usage_after),
        "explain": [_step_dict(s) for s in result.explain],
    }


def _step_dict(step: Step) -> dict[str, str]:
    """One explanation step with the fields it has (none null or empty), in the contract's order."""
    out = {}
    fields = step.__dict__
    for key in STEP_FIELDS:
        value = fields[key]
        if value is not None and value != "":
            out[key] = money_str(value) if key == "amount" else value
    return out
