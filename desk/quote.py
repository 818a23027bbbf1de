"""The `desk quote` contract (shared/contracts/quote.md): JSON requests in, JSON answers out.

Parsing is where bad input is caught: every refusal names the field (``items[1].amount``)
and the value, so a hospital system's developer can fix the request from one line.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from desk.domain import (BENEFITS, CATEGORIES, CERTIFIED_BENEFITS, INSTITUTION_TYPES, ITEM_CLASSES, LEVELS,
                         OWN_SCHEMES, RELATIONS, SCHEMES)
from desk.engine import Bill, Institution, Item, Member, Usage, settle
from desk.engine.answer import answer, request_of
from desk.engine.inputs import Certification, built
from desk.money import (MAX_BILL, MAX_LINE, ZERO, InputError, money_str, parse_money, parse_ratio, plain_money,
                        plain_ratio, shown)
from desk.policy.loader import Library
from desk.policy.pack import PolicyError

__all__ = ["answer", "parse_request", "quote", "quote_one", "request_of"]  # the contract, both ways

# Unknown keys are refused at every level: a misspelt `selfpay_ratio` or `deductable_met` read as its
# default would change what the pool pays (contract, version 2).
# Frozen sets, so a request's keys are checked in one subset test; a key outside is then named by _known.
REQUEST_KEYS = frozenset({"policy", "at", "institution", "prescriber_level", "benefit", "disease", "member", "usage",
                          "items", "use_account", "payer_relation"})
INSTITUTION_KEYS = frozenset({"id", "level", "type", "designated", "specialty"})
MEMBER_KEYS = frozenset({"category", "birth_date", "scheme", "family_doctor_institution", "eligible", "inpatient",
                         "account_balance", "certified"})
USAGE_KEYS = frozenset({"deductible_met", "ordinary_pool_paid", "same_day_deductible_met", "fund_paid_total",
                        "disease_pool_paid", "special_deductible_met", "inpatient_pool_paid", "scheme_pool_paid"})
ITEM_KEYS = frozenset({"code", "name", "amount", "class", "selfpay_ratio", "scheme", "account_excluded"})
CERTIFICATION_KEYS = frozenset({"benefit", "disease", "from", "to"})
# the choices as sets, for the inline checks of a plain request (a plain str, a plain int); anything else goes
# through _choice, which refuses booleans and unhashable values with the message
_CATEGORIES, _SCHEMES, _ITEM_CLASSES, _OWN_SCHEMES = (frozenset(CATEGORIES), frozenset(SCHEMES),
                                                      frozenset(ITEM_CLASSES), frozenset(OWN_SCHEMES))
_INSTITUTION_TYPES, _BENEFITS, _LEVELS = frozenset(INSTITUTION_TYPES), frozenset(BENEFITS), frozenset(LEVELS)
POLICY_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
FIRST_YEAR, LAST_YEAR = 2000, 2100  # a bill's year; outside, no policy applies and dates overflow
MAX_TEXT = 200  # characters of an id, a code or a name
PLAIN_KEY = re.compile(r"[A-Za-z0-9_]{1,40}")


def _known(raw: dict, keys: frozenset[str], field: str) -> None:
    """Refuse the first unknown key (shown quoted when it is not a plain name, so the line stays one line)."""
    unknown = sorted(str(k) for k in raw if k not in keys)
    if unknown:
        key = unknown[0] if PLAIN_KEY.fullmatch(unknown[0]) else shown(unknown[0])
        raise InputError(f"{field}{key}", "unknown field" if field else "is not a field of a quote request",
                         kind="unknown_field")


def _object(raw: Any, field: str, keys: frozenset[str] | None = None) -> dict:
    """An object whose keys are all known: a misspelt usage figure read as zero would charge twice."""
    if not isinstance(raw, dict):
        raise InputError(field, f"must be an object, not {_json_type(raw)}")
    if keys is not None:
        _known(raw, keys, f"{field}.")
    return raw


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}.get(
        type(value), "a number")


def _date(value: Any, field: str) -> dt.date:
    try:
        if isinstance(value, str) and len(value) == 10:
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise InputError(field, f"{shown(value)} is not a date (YYYY-MM-DD)")


def _code(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise InputError(field, f"{shown(value)} is not a disease code")
    return value.strip()


def parse_certification(raw: Any, field: str) -> Certification:
    raw = _object(raw, field, CERTIFICATION_KEYS)
    benefit = _choice(_required(raw, "benefit", f"{field}."), CERTIFIED_BENEFITS, f"{field}.benefit")
    start = _date(_required(raw, "from", f"{field}."), f"{field}.from")
    end = _date(_required(raw, "to", f"{field}."), f"{field}.to")
    if end < start:
        raise InputError(f"{field}.to", f"{end.isoformat()} is before from ({start.isoformat()})")
    return Certification(benefit, _code(_required(raw, "disease", f"{field}."), f"{field}.disease"), start, end)


def _amounts(raw: Any, field: str, keys: tuple[str, ...] | None = None) -> dict[str, Decimal]:
    """An object of code → amount (usage by disease or by scheme)."""
    raw = _object({} if raw is None else raw, field, None if keys is None else frozenset(keys))
    return {_code(k, field): parse_money(v, f"{field}.{k if PLAIN_KEY.fullmatch(k) else shown(k)}")
            for k, v in raw.items()}


def _required(raw: dict, key: str, field: str) -> Any:
    if key not in raw or raw[key] is None:
        raise InputError(f"{field}{key}", "is required", kind="required")
    return raw[key]


def _choice(value: Any, choices: tuple, field: str) -> Any:
    if isinstance(value, (bool, dict, list)) or value not in choices:
        raise InputError(field, f"{shown(value)} is not one of {', '.join(map(str, choices))}", kind="choice")
    return value


def _default(raw: dict, key: str, default: Any) -> Any:
    """The value, or the default when the key is absent or null (never for a false or empty value)."""
    value = raw.get(key)
    return default if value is None else value


def _flag(raw: dict, key: str, default: bool, field: str) -> bool:
    value = raw.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise InputError(f"{field}{key}", f"{shown(value)} is not true or false", kind="choice")
    return value


def _text(raw: dict, key: str, field: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise InputError(f"{field}{key}", f"{shown(value)} is not a string")
    text = str(value)
    if len(text) > MAX_TEXT:
        raise InputError(f"{field}{key}", f"is longer than {MAX_TEXT} characters", kind="too_large")
    return text


def _plain_choice(raw: dict, key: str, default: Any, allowed: frozenset, choices: tuple, prefix: str) -> Any:
    """``_choice`` of the value or its default, decided inline for a plain string (the usual case)."""
    value = raw.get(key)
    if value is None:
        return default
    if type(value) is str and value in allowed:
        return value
    return _choice(value, choices, f"{prefix}{key}")


def _plain_flag(raw: dict, key: str, default: bool, prefix: str) -> bool:
    """``_flag``, decided inline for true and false."""
    value = raw.get(key, default)
    return value if value is True or value is False else _flag(raw, key, default, prefix)


def _plain_text(raw: dict, key: str, prefix: str) -> str:
    """``_text``, decided inline for a short string."""
    value = raw.get(key)
    if value is None:
        return ""
    return value if type(value) is str and len(value) <= MAX_TEXT else _text(raw, key, prefix)


def _level(value: Any, field: str) -> int:
    """0-3; a JSON number with a zero fraction (2.0) is that whole number, as JSON itself reads it."""
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value() \
            and abs(value) < 10:
        value = int(value)
    if not isinstance(value, int):
        raise InputError(field, f"{shown(value)} is not one of {', '.join(map(str, LEVELS))}", kind="choice")
    return _choice(value, LEVELS, field)


def parse_at(value: Any) -> dt.datetime:
    if not isinstance(value, str) or len(value) > 64:
        raise InputError("at", f"{shown(value)} is not an ISO 8601 date-time")
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError("at", f"{shown(value)} is not an ISO 8601 date-time") from None
    if at.tzinfo is None:
        raise InputError("at", f"{shown(value)} has no UTC offset (e.g. +08:00)")
    if not FIRST_YEAR <= at.year <= LAST_YEAR:
        raise InputError("at", f"{shown(value)} is outside the years {FIRST_YEAR}–{LAST_YEAR}", kind="too_large")
    return at


def parse_member(raw: Any) -> Member:
    if type(raw) is not dict or not MEMBER_KEYS.issuperset(raw):
        raw = _object(raw, "member", MEMBER_KEYS)
    birth = raw.get("birth_date")
    if birth is not None:
        try:
            birth = dt.date.fromisoformat(birth) if isinstance(birth, str) else None
        except ValueError:
            birth = None
        if birth is None:
            raise InputError("member.birth_date", f"{shown(raw.get('birth_date'))} is not a date (YYYY-MM-DD)")
    category = raw.get("category")
    if type(category) is not str or category not in _CATEGORIES:
        category = _choice(_required(raw, "category", "member."), CATEGORIES, "member.category")
    scheme = _plain_choice(raw, "scheme", "employer", _SCHEMES, SCHEMES, "member.")
    signed = raw.get("family_doctor_institution")
    signed = None if signed is None else _plain_text(raw, "family_doctor_institution", "member.")
    eligible = _plain_flag(raw, "eligible", True, "member.")
    inpatient = _plain_flag(raw, "inpatient", False, "member.")
    balance = raw.get("account_balance", "0")
    return built(Member, {
        "category": category, "birth_date": birth, "scheme": scheme, "family_doctor_institution": signed,
        "eligible": eligible, "inpatient": inpatient,
        "account_balance": parse_money(balance, "member.account_balance"),
        "certified": _certified(raw.get("certified")),
    })


def _certified(raw: Any) -> tuple[Certification, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise InputError("member.certified", "must be a list of certifications")
    return tuple(parse_certification(c, f"member.certified[{i}]") for i, c in enumerate(raw))


def parse_usage(raw: Any) -> Usage:
    if raw is None:
        raw = {}
    elif type(raw) is not dict or not USAGE_KEYS.issuperset(raw):
        raw = _object(raw, "usage", USAGE_KEYS)
    get = raw.get

    def amount(key: str) -> Decimal:
        value = get(key)
        if value is None:
            return ZERO
        number = plain_money(value)
        return parse_money(value, f"usage.{key}") if number is None else number

    # the figures in the order they have always been checked, so a request with two bad ones is refused for
    # the same one as before
    deductible_met, ordinary_pool_paid, same_day = (amount("deductible_met"), amount("ordinary_pool_paid"),
                                                    amount("same_day_deductible_met"))
    paid = get("fund_paid_total")
    paid = None if paid is None else parse_money(paid, "usage.fund_paid_total")
    by_disease = get("disease_pool_paid")
    by_disease = {} if by_disease is None else _amounts(by_disease, "usage.disease_pool_paid")
    special = amount("special_deductible_met")
    inpatient = get("inpatient_pool_paid")
    inpatient = None if inpatient is None else parse_money(inpatient, "usage.inpatient_pool_paid")
    by_scheme = get("scheme_pool_paid")
    by_scheme = {} if by_scheme is None else _amounts(by_scheme, "usage.scheme_pool_paid", OWN_SCHEMES)
    return built(Usage, {
        "deductible_met": deductible_met, "ordinary_pool_paid": ordinary_pool_paid,
        "same_day_deductible_met": same_day, "fund_paid_total": paid, "disease_pool_paid": by_disease,
        "special_deductible_met": special, "inpatient_pool_paid": inpatient, "scheme_pool_paid": by_scheme,
    })


def parse_item(raw: Any, index: int) -> Item:
    """One bill line. The checks a plain line passes are made inline; whatever fails one is handed to the
    named checks above, which word the refusal (or accept what only looked unusual, the same way)."""
    prefix = f"items[{index}]."
    if type(raw) is not dict or not ITEM_KEYS.issuperset(raw):
        raw = _object(raw, prefix[:-1], ITEM_KEYS)
    get = raw.get
    cls = get("class")
    if type(cls) is not str or cls not in _ITEM_CLASSES:
        cls = _choice(_required(raw, "class", prefix), ITEM_CLASSES, f"{prefix}class")
    text = get("amount")
    amount = plain_money(text, MAX_LINE)
    if amount is None:
        amount = parse_money(_required(raw, "amount", prefix), f"{prefix}amount", MAX_LINE)
    text = get("selfpay_ratio")
    if text is None:
        ratio = ZERO
    else:
        ratio = plain_ratio(text)
        if ratio is None:
            ratio = parse_ratio(text, f"{prefix}selfpay_ratio")
    return built(Item, {"amount": amount, "cls": cls, "selfpay_ratio": ratio, "code": _plain_text(raw, "code", prefix),
                        "name": _plain_text(raw, "name", prefix),
                        "scheme": _plain_choice(raw, "scheme", None, _OWN_SCHEMES, OWN_SCHEMES, prefix),
                        "account_excluded": _plain_flag(raw, "account_excluded", False, prefix)})


def _institution(raw: Any) -> Institution:
    if type(raw) is not dict or not INSTITUTION_KEYS.issuperset(raw):
        raw = _object(raw, "institution", INSTITUTION_KEYS)
    get = raw.get
    level = get("level")
    if type(level) is not int or level not in _LEVELS:
        level = _level(_required(raw, "level", "institution."), "institution.level")
    return built(Institution, {
        "level": level, "type": _plain_choice(raw, "type", "clinic", _INSTITUTION_TYPES, INSTITUTION_TYPES, "institution."),
        "designated": _plain_flag(raw, "designated", True, "institution."),
        "id": _plain_text(raw, "id", "institution."), "specialty": _plain_flag(raw, "specialty", False, "institution.")})


def parse_request(raw: Any) -> tuple[str, Member, Usage, Bill, dt.datetime]:
    if type(raw) is not dict or not REQUEST_KEYS.issuperset(raw):
        raw = _object(raw, "request")
        _known(raw, REQUEST_KEYS, "")
    get = raw.get
    policy = _required(raw, "policy", "")
    if not isinstance(policy, str) or not POLICY_ID.fullmatch(policy):
        raise InputError("policy", f"{shown(policy)} is not a policy id (lower-case letters, digits, _ and -)")
    at = parse_at(_required(raw, "at", ""))
    institution = _institution(_required(raw, "institution", ""))
    prescriber = get("prescriber_level")
    items_raw = _required(raw, "items", "")
    if not isinstance(items_raw, list) or not items_raw:
        raise InputError("items", "must be a non-empty list of bill lines")
    items = tuple([parse_item(item, i) for i, item in enumerate(items_raw)])
    total = sum([item.amount for item in items], ZERO)
    if total > MAX_BILL:
        raise InputError("items", f"the bill's total {money_str(total)} is more than {MAX_BILL:,} yuan"
                                  " (the ceiling for one bill)", kind="too_large")
    if prescriber is not None:
        prescriber = _level(prescriber, "prescriber_level")
    benefit = _plain_choice(raw, "benefit", "ordinary", _BENEFITS, BENEFITS, "")
    use_account = _plain_flag(raw, "use_account", True, "")
    disease = get("disease")
    if disease is not None:
        disease = _code(disease, "disease")
    relation = get("payer_relation")
    if relation is not None:
        relation = _choice(relation, RELATIONS, "payer_relation")
    bill = built(Bill, {"institution": institution, "items": items, "prescriber_level": prescriber,
                        "benefit": benefit, "use_account": use_account, "disease": disease,
                        "payer_relation": relation})
    return policy, parse_member(_required(raw, "member", "")), parse_usage(get("usage")), bill, at


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
