"""The `desk quote` contract (shared/contracts/quote.md): JSON requests in, JSON answers out.

Parsing is where bad input is caught: every refusal names the field (``items[1].amount``)
and the value, so a hospital system's developer can fix the request from one line.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from desk.engine import Bill, Institution, Item, Member, Settlement, Usage, settle
from desk.domain import BENEFITS, CATEGORIES, INSTITUTION_TYPES, ITEM_CLASSES, LEVELS, SCHEMES
from desk.money import ZERO, InputError, money_str, parse_money, parse_ratio, ratio_str
from desk.policy.loader import Library
from desk.policy.pack import PolicyError

REQUEST_KEYS = {"policy", "at", "institution", "prescriber_level", "benefit", "member", "usage", "items", "use_account"}


def _object(raw: Any, field: str) -> dict:
    if not isinstance(raw, dict):
        raise InputError(field, f"must be an object, not {type(raw).__name__}")
    return raw


def _required(raw: dict, key: str, field: str) -> Any:
    if key not in raw or raw[key] is None:
        raise InputError(f"{field}{key}", "is required")
    return raw[key]


def _choice(value: Any, choices: tuple, field: str) -> Any:
    if isinstance(value, bool) or value not in choices:
        raise InputError(field, f"{value!r} is not one of {', '.join(map(str, choices))}")
    return value


def _flag(raw: dict, key: str, default: bool, field: str) -> bool:
    value = raw.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise InputError(f"{field}{key}", f"{value!r} is not true or false")
    return value


def _text(raw: dict, key: str, field: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise InputError(f"{field}{key}", f"{value!r} is not a string")
    return str(value)


def _level(value: Any, field: str) -> int:
    return _choice(value, LEVELS, field)


def parse_at(value: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise InputError("at", f"{value!r} is not an ISO 8601 date-time")
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError("at", f"{value!r} is not an ISO 8601 date-time") from None
    if at.tzinfo is None:
        raise InputError("at", f"{value!r} has no UTC offset (e.g. +08:00)")
    return at


def parse_member(raw: Any) -> Member:
    raw = _object(raw, "member")
    birth = raw.get("birth_date")
    if birth is not None:
        try:
            birth = dt.date.fromisoformat(birth) if isinstance(birth, str) else None
        except ValueError:
            birth = None
        if birth is None:
            raise InputError("member.birth_date", f"{raw.get('birth_date')!r} is not a date (YYYY-MM-DD)")
    signed = raw.get("family_doctor_institution")
    return Member(
        category=_choice(_required(raw, "category", "member."), CATEGORIES, "member.category"),
        birth_date=birth,
        scheme=_choice(raw.get("scheme") or "employer", SCHEMES, "member.scheme"),
        family_doctor_institution=_text(raw, "family_doctor_institution", "member.") if signed is not None else None,
        eligible=_flag(raw, "eligible", True, "member."),
        inpatient=_flag(raw, "inpatient", False, "member."),
        account_balance=parse_money(raw.get("account_balance", "0"), "member.account_balance"),
    )


def parse_usage(raw: Any) -> Usage:
    raw = _object(raw if raw is not None else {}, "usage")

    def amount(key: str) -> Decimal:
        value = raw.get(key)
        return ZERO if value is None else parse_money(value, f"usage.{key}")

    paid = raw.get("fund_paid_total")
    return Usage(amount("deductible_met"), amount("ordinary_pool_paid"), amount("same_day_deductible_met"),
                 None if paid is None else parse_money(paid, "usage.fund_paid_total"))


def parse_item(raw: Any, index: int) -> Item:
    field = f"items[{index}]"
    raw = _object(raw, field)
    cls = _choice(_required(raw, "class", f"{field}."), ITEM_CLASSES, f"{field}.class")
    ratio = raw.get("selfpay_ratio")
    return Item(
        amount=parse_money(_required(raw, "amount", f"{field}."), f"{field}.amount"),
        cls=cls,
        selfpay_ratio=ZERO if ratio is None else parse_ratio(ratio, f"{field}.selfpay_ratio"),
        code=_text(raw, "code", f"{field}."),
        name=_text(raw, "name", f"{field}."),
    )


def parse_request(raw: Any) -> tuple[str, Member, Usage, Bill, dt.datetime]:
    raw = _object(raw, "request")
    unknown = set(raw) - REQUEST_KEYS
    if unknown:
        raise InputError(sorted(unknown)[0], "is not a field of a quote request")
    policy = _required(raw, "policy", "")
    if not isinstance(policy, str):
        raise InputError("policy", f"{policy!r} is not a policy id")
    at = parse_at(_required(raw, "at", ""))
    inst_raw = _object(_required(raw, "institution", ""), "institution")
    institution = Institution(
        level=_level(_required(inst_raw, "level", "institution."), "institution.level"),
        type=_choice(inst_raw.get("type") or "clinic", INSTITUTION_TYPES, "institution.type"),
        designated=_flag(inst_raw, "designated", True, "institution."),
        id=_text(inst_raw, "id", "institution."),
    )
    prescriber = raw.get("prescriber_level")
    items_raw = _required(raw, "items", "")
    if not isinstance(items_raw, list) or not items_raw:
        raise InputError("items", "must be a non-empty list of bill lines")
    bill = Bill(
        institution=institution,
        items=tuple(parse_item(item, i) for i, item in enumerate(items_raw)),
        prescriber_level=None if prescriber is None else _level(prescriber, "prescriber_level"),
        benefit=_choice(raw.get("benefit") or "ordinary", BENEFITS, "benefit"),
        use_account=_flag(raw, "use_account", True, ""),
    )
    return policy, parse_member(_required(raw, "member", "")), parse_usage(raw.get("usage")), bill, at


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


def quote_one(library: Library, raw: Any) -> dict[str, Any]:
    """Parse, settle and answer one request; InputError or PolicyError on anything wrong."""
    policy, member, usage, bill, at = parse_request(raw)
    try:
        pack = library.get(policy)
    except PolicyError as exc:
        raise InputError("policy", str(exc)) from None
    try:
        return answer(settle(pack, member, usage, bill, at))
    except PolicyError as exc:
        raise InputError(exc.field, str(exc)) from None


def quote(library: Library, payload: Any) -> Any:
    """One request gives one answer; a list gives a list in the same order, or fails whole."""
    if isinstance(payload, list):
        answers = []
        for index, raw in enumerate(payload):
            try:
                answers.append(quote_one(library, raw))
            except InputError as exc:
                raise InputError(f"[{index}]" + (f".{exc.field}" if exc.field else ""), exc.reason) from None
        return answers
    return quote_one(library, payload)
