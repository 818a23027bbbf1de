"""What the desk and the hub say to each other: paths, the settlement as JSON, money as strings.

A settlement travels as one JSON object holding the settlement row, its items, the usage ledger
row and the account movement it made, so the hub counts exactly what the desk counted. Money is
a string with two decimals ("12.30"), never a JSON number. The hub keeps the object's canonical
form (sorted keys, no spaces) and its SHA-256: the same UUID with the same digest is a duplicate
(a batch sent again), the same UUID with another digest is refused.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desk.domain import CST, SYNC_FIGURES
from desk.money import fen_of_two_decimals, from_fen, money_str

API = "/v1"
PING = f"{API}/ping"
SETTLEMENTS = f"{API}/settlements"
CHANGES = f"{API}/changes"
KNOWN = f"{API}/known"  # which of the settlements a desk names the hub holds (after a restore)
AUDIT_ANCHOR = f"{API}/audit-anchor"  # the head of the desk's audit chain the hub keeps
HASH = re.compile(r"^[0-9a-f]{64}$")
MAX_BATCH = 1000  # settlements in one upload
MAX_PAGE = 5000  # changes in one download
MAX_KNOWN = 5000  # settlement ids in one POST /v1/known
MAX_BODY = 32 * 1024 * 1024
MAX_DEPTH = 16  # nesting of arrays and objects in a request body (an upload needs 8)
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(rb"[^\[\]{}]+")

MONEY = re.compile(r"^-?[0-9]{1,12}\.[0-9]{2}$")
TEXT_FIELDS = ("id", "desk_uuid", "institution_code", "desk_number", "kind", "member_id", "cashier", "at", "day",
               "policy_version", "ratio")
ACCEPTED, DUPLICATE, REJECTED = "accepted", "duplicate", "rejected"


class ProtocolError(ValueError):
    """A message that does not follow the protocol; the text says which field and why."""


def money(count: int) -> str:
    """Integer fen as the protocol's yuan string: -1230 → "-12.30"."""
    return money_str(from_fen(count))


def amount_fen(text: object, field: str) -> int:
    """The protocol's yuan string as integer fen; anything else is a ProtocolError."""
    if not isinstance(text, str) or not MONEY.fullmatch(text):
        raise ProtocolError(f"{field}: {text!r} is not an amount like \"12.30\"")
    return fen_of_two_decimals(text)  # MONEY admitted exactly two decimals of ASCII digits


def load_json(body: bytes) -> Any:
    """A request body as JSON; ProtocolError when it is not JSON or nests deeper than MAX_DEPTH
    (checked before parsing, so a body of a million brackets costs a scan, not a recursion)."""
    depth = deepest = 0
    for bracket in _BRACKETS.sub(b"", _STRING.sub(b"", body)):
        depth += 1 if bracket in b"[{" else -1
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            raise ProtocolError(f"the body nests arrays and objects deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ProtocolError("the body is not JSON") from None


def canonical(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Incoming:
    """One uploaded settlement, checked, with what it adds to the member's figures (in fen)."""

    id: str
    desk_uuid: str
    institution_code: str
    desk_number: str
    receipt_no: int
    kind: str
    reverses: str | None
    member_id: str
    year: int
    day: str
    policy_version: str
    total_fen: int
    pool_pay_fen: int
    account_pay_fen: int
    cash_pay_fen: int
    deductible_delta_fen: int
    pool_delta_fen: int
    same_day_delta_fen: int
    account_holder: str | None
    account_delta_fen: int
    balance_before_fen: int  # the account holder's balance before, as the desk saw it
    body: str
    digest: str
    trace_units: tuple[tuple[str, int], ...] = ()  # (traceability code, unit) of every box unit sold
    hour: int = 0  # the hour of ``at`` in China Standard Time (the report's off-hours indicator)
    full_self_pay_fen: int = 0
    items: tuple[tuple[str, int], ...] = ()  # each item's (fee category, amount in fen), in order
    # each item's (code, name, class, 先行自付 ratio in basis points) in order, and the bill's in-scope amount:
    # the report's top items by pool pay share the pool pay out over the lines as the desk does
    lines: tuple[tuple[str, str, str, int], ...] = ()
    in_scope_fen: int = 0


def _trace_units(raw: dict) -> tuple[tuple[str, int], ...]:
    """The box units a settlement sold, from its ``drugs`` (a reversal's are its original's)."""
    drugs = raw.get("drugs", [])
    if not isinstance(drugs, list):
        raise ProtocolError("drugs: must be a list")
    units = []
    for n, drug in enumerate(drugs):
        if not isinstance(drug, dict) or not isinstance(drug.get("codes", []), list):
            raise ProtocolError(f"drugs[{n}]: must be an object with a list of codes")
        for m, entry in enumerate(drug.get("codes", [])):
            code = entry.get("code") if isinstance(entry, dict) else None
            if not (isinstance(code, str) and len(code) == 20 and code.isascii() and code.isdigit()):
                raise ProtocolError(f"drugs[{n}].codes[{m}].code: {code!r} is not a 20-digit traceability code")
            for unit in entry.get("units", []):
                if not isinstance(unit, int) or isinstance(unit, bool) or unit < 1:
                    raise ProtocolError(f"drugs[{n}].codes[{m}].units: {unit!r} is not a unit number")
                units.append((code, unit))
    if len(set(units)) != len(units):
        raise ProtocolError("drugs: a box unit is sold twice in one settlement")
    return tuple(units)


def _text(raw: dict, field: str, *, optional: bool = False) -> str | None:
    value = raw.get(field)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ProtocolError(f"{field}: must be a non-empty string")
    return value


def _int(raw: dict, field: str) -> int:
    value = raw.get(field)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ProtocolError(f"{field}: must be an integer")
    return value


def parse_settlement(raw: object) -> Incoming:
    """Check one uploaded settlement's shape and arithmetic; ProtocolError names what is wrong."""
    if not isinstance(raw, dict):
        raise ProtocolError("settlement: must be a JSON object")
    for field in TEXT_FIELDS:
        _text(raw, field)
    try:
        sid = str(uuid.UUID(raw["id"]))
    except ValueError:
        raise ProtocolError(f"id: {raw['id']!r} is not a UUID") from None
    if sid != raw["id"]:
        raise ProtocolError(f"id: {raw['id']!r} is not a UUID in canonical form")
    kind, reverses = raw["kind"], _text(raw, "reverses", optional=True)
    if kind not in ("settlement", "reversal"):
        raise ProtocolError(f"kind: {kind!r} is not settlement or reversal")
    if (kind == "reversal") != (reverses is not None):
        raise ProtocolError("reverses: a reversal names the settlement it reverses, and only a reversal does")
    receipt, year = _int(raw, "receipt_no"), _int(raw, "year")
    if receipt < 1:
        raise ProtocolError(f"receipt_no: {receipt} must be positive")
    try:
        day = dt.date.fromisoformat(raw["day"])
    except ValueError:
        raise ProtocolError(f"day: {raw['day']!r} is not a date") from None
    if kind == "settlement" and day.year != year:
        raise ProtocolError(f"year: {year} is not the year of its day {day}")
    if "@" not in raw["policy_version"]:
        raise ProtocolError(f"policy_version: {raw['policy_version']!r} is not pack@date")
    f = {name: amount_fen(raw.get(name), name) for name in SYNC_FIGURES}
    sign = 1 if kind == "settlement" else -1  # a settlement moves money one way, its reversal back
    for name in SYNC_FIGURES:
        if name != "balance_after" and f[name] * sign < 0:
            raise ProtocolError(f"{name}: {raw[name]} is {'negative' if sign > 0 else 'positive'} in a {kind}")
    if f["balance_after"] < 0:
        raise ProtocolError(f"balance_after: {raw['balance_after']} is negative")
    if f["pool_pay"] + f["self_pay"] != f["total"]:
        raise ProtocolError("pool_pay + self_pay must equal total")
    if f["account_pay"] + f["cash_pay"] != f["self_pay"]:
        raise ProtocolError("account_pay + cash_pay must equal self_pay")
    if f["hifp_pay"] + f["hifob_pay"] != f["pool_pay"]:
        raise ProtocolError("hifp_pay + hifob_pay must equal pool_pay")
    items = raw.get("items")
    if not isinstance(items, list) or not items:
        raise ProtocolError("items: must be a non-empty list")
    amounts, lines, codes = 0, [], []
    for number, item in enumerate(items):
        if not isinstance(item, dict):
            raise ProtocolError(f"items[{number}]: must be an object")
        amount = amount_fen(item.get("amount"), f"items[{number}].amount")
        category = item.get("fee_category")
        if category is not None and not isinstance(category, str):
            raise ProtocolError(f"items[{number}].fee_category: {category!r} is not a text")
        lines.append(("其他" if category is None else category, amount))
        codes.append(_line_code(item))
        if amount * sign < 0:
            raise ProtocolError(f"items[{number}].amount: {item['amount']} is"
                                f" {'negative' if sign > 0 else 'positive'} in a {kind}")
        amounts += amount
    if amounts != f["total"]:
        raise ProtocolError(f"items: add up to {money(amounts)}, the total is {money(f['total'])}")
    usage = raw.get("usage")
    if not isinstance(usage, dict):
        raise ProtocolError("usage: must be an object (the usage ledger row)")
    deductible_delta = amount_fen(usage.get("deductible"), "usage.deductible")
    pool_delta = amount_fen(usage.get("pool_paid"), "usage.pool_paid")
    same_day_delta = amount_fen(usage.get("same_day"), "usage.same_day")
    for name, delta in (("deductible", deductible_delta), ("pool_paid", pool_delta), ("same_day", same_day_delta)):
        if delta * sign < 0:
            raise ProtocolError(f"usage.{name}: {usage[name]} is {'negative' if sign > 0 else 'positive'} in a {kind}")
    if abs(pool_delta) > abs(f["pool_pay"]):
        # the ordinary cap's share of the pool pay: all of it on an ordinary bill, none on a chronic one,
        # the ordinary lines' on a bill with own-scheme lines (the hub's re-settlement checks the figure)
        raise ProtocolError("usage.pool_paid (the ordinary pool pay) cannot exceed pool_pay")
    account = raw.get("account")
    payer = _text(raw, "payer_id", optional=True)
    if f["account_pay"]:
        if not isinstance(account, dict) or account.get("member_id") != payer or payer is None:
            raise ProtocolError("account: a settlement paid from an account names that account (the payer)")
        if amount_fen(account.get("delta"), "account.delta") != -f["account_pay"]:
            raise ProtocolError("account.delta must be minus account_pay")
    elif account is not None:
        raise ProtocolError("account: only a settlement that paid from an account moves one")
    holder = payer if f["account_pay"] else None
    body = canonical(raw)
    return Incoming(
        id=sid, desk_uuid=raw["desk_uuid"], institution_code=raw["institution_code"], desk_number=raw["desk_number"],
        receipt_no=receipt, kind=kind, reverses=reverses, member_id=raw["member_id"], year=year, day=day.isoformat(),
        policy_version=raw["policy_version"], total_fen=f["total"], pool_pay_fen=f["pool_pay"],
        account_pay_fen=f["account_pay"], cash_pay_fen=f["cash_pay"], deductible_delta_fen=deductible_delta,
        pool_delta_fen=pool_delta, same_day_delta_fen=same_day_delta, account_holder=holder, account_delta_fen=-f["account_pay"] if holder else 0,
        balance_before_fen=f["balance_after"] + f["account_pay"], body=body, digest=digest(body),
        trace_units=_trace_units(raw), hour=_cst_hour(raw["at"]), full_self_pay_fen=f["full_self_pay"],
        items=tuple(lines), lines=tuple(codes), in_scope_fen=f["in_scope"])


def _line_code(item: dict) -> tuple[str, str, str, int]:
    """A line's code, name, class and 先行自付 ratio in basis points, for the report only (the re-settlement checks
    the bill itself): what is not a short text or a ratio of at most four decimals is reported as empty or zero."""
    code, name, cls = (item.get(k) for k in ("code", "name", "class"))
    raw = item.get("selfpay_ratio")
    try:
        ratio = Decimal(raw) if isinstance(raw, str) and len(raw) <= 12 else None
    except ArithmeticError:
        ratio = None
    fits = ratio is not None and ratio.is_finite() and 0 <= ratio <= 1
    return (code if isinstance(code, str) else "", name if isinstance(name, str) else "",
            cls if isinstance(cls, str) else "", int(ratio.scaleb(4).to_integral_value()) if fits else 0)


def _cst_hour(text: str) -> int:
    """The hour a settlement was made at, in China Standard Time: ``at`` must carry its UTC offset."""
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ProtocolError(f"at: {text!r} is not a date and time") from None
    if when.utcoffset() is None:
        raise ProtocolError(f"at: {text!r} has no UTC offset")
    return when.astimezone(CST).hour
