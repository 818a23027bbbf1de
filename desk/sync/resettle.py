"""The hub settles every upload again: the same parser, the same pure engine, the same packs.

A desk records with each settlement the quote request its engine was given (``inputs.request``,
built by ``desk.quote.request_of``) and the SHA-256 of the pack it settled under. The hub reads
that request with ``desk.quote.parse_request`` (the one place an upload becomes the engine's
arguments: a field a later issue adds to the contract is re-checked here with no other change),
finds the pack by its digest among the packs it has (shipped, or installed by its administrator),
runs ``settle`` and keeps the upload only if every figure, the explanation and the usage and
account movements are what the engine gives. What the desk says it saw (usage, the member) is
checked against the hub's own figures by ``seen_refusal`` and ``member_refusal``, inside the
ingest transaction, where those figures are read.

Everything here is pure: no database, no clock. A refusal is a ``Refused`` with the reason the
desk shows its administrator.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from desk.engine import Bill, Member, Settlement, Usage, local_day, settle
from desk.money import InputError, fen, from_fen
from desk.money import to_fen as _fen  # yuan → fen, refusing sub-fen (never int(x * 100))
from desk.policy.loader import Library
from desk.policy.pack import PolicyError
from desk.engine.answer import answer
from desk.quote import parse_request
from desk.sync.protocol import amount_fen as to_fen, money


class Refused(ValueError):
    """An upload the hub will not count; the message says why."""


@dataclass(frozen=True)
class Resettled:
    """An upload the engine reproduced, with what its desk says it saw (checked by the hub later)."""

    member: Member
    usage: Usage
    bill: Bill
    at: dt.datetime
    result: Settlement


def engine_request(raw: dict) -> tuple[str, Member, Usage, Bill, dt.datetime]:
    """The engine's arguments for one uploaded settlement: its recorded quote request, parsed by
    the contract's own parser. The only place the hub turns an upload into engine inputs."""
    inputs = raw.get("inputs")
    request = inputs.get("request") if isinstance(inputs, dict) else None
    if request is None:
        raise Refused("inputs.request: the settlement does not carry the request its engine was given"
                      " (settled by an older desk version?); the hub cannot re-settle it")
    try:
        return parse_request(request)
    except InputError as exc:
        raise Refused(f"inputs.request.{exc.field}: {exc.reason}") from None
    except RecursionError:
        raise Refused("inputs.request: nested too deeply") from None


def resettle(raw: dict, library: Library) -> Resettled:
    """Settle an uploaded settlement again and compare; Refused with the first difference.

    ``raw`` has passed ``protocol.parse_settlement`` (shape, sums, signs)."""
    digest = raw.get("pack_digest")
    pack = library.by_digest(digest) if isinstance(digest, str) and len(digest) == 64 else None
    if pack is None:
        raise Refused(f"pack_digest: {digest!r} is not a policy pack this hub has (shipped or installed by its"
                      " administrator)")
    policy, member, usage, bill, at = engine_request(raw)
    if policy != pack.id:
        raise Refused(f"inputs.request.policy: {policy!r} is not the pack {pack.id} of digest {digest[:12]}…")
    if raw["policy_version"].partition("@")[0] != pack.id:
        raise Refused(f"policy_version: {raw['policy_version']!r} is not a version of {pack.id}")
    if at.isoformat() != raw["at"] or local_day(at).isoformat() != raw["day"]:
        raise Refused(f"at: the request was settled at {at.isoformat()}, the settlement says {raw['at']}"
                      f" on {raw['day']}")
    if bill.institution.id != raw["institution_code"]:
        raise Refused(f"inputs.request.institution.id: {bill.institution.id!r} is not the settlement's institution"
                      f" {raw['institution_code']!r}")
    _same_items(raw["items"], bill)
    try:
        result = settle(pack, member, usage, bill, at)
    except PolicyError as exc:
        raise Refused(f"the engine refuses the request: {exc}") from None
    _same_figures(raw, member, usage, result)
    return Resettled(member, usage, bill, at, result)


def _same_items(rows: list, bill: Bill) -> None:
    """The settlement's items are the request's lines, each priced as quantity × unit price."""
    if len(rows) != len(bill.items):
        raise Refused(f"items: {len(rows)} lines, the request has {len(bill.items)}")
    for number, (row, item) in enumerate(zip(rows, bill.items)):
        where = f"items[{number}]"
        amount = to_fen(row.get("amount"), f"{where}.amount")
        unit = to_fen(row.get("unit_price"), f"{where}.unit_price")
        try:
            quantity = Decimal(str(row.get("quantity")))
            ratio = Decimal(str(row.get("selfpay_ratio")))
        except InvalidOperation:
            raise Refused(f"{where}: quantity and selfpay_ratio must be numbers") from None
        if not quantity.is_finite() or quantity <= 0 or unit < 0:
            raise Refused(f"{where}: quantity must be positive and the unit price not negative")
        if _fen(fen(quantity * from_fen(unit))) != amount:
            raise Refused(f"{where}.amount: {money(amount)} is not {row.get('quantity')} × {money(unit)}")
        if (amount, row.get("class"), row.get("code")) != (_fen(item.amount), item.cls, item.code) \
                or not ratio.is_finite() or ratio != item.selfpay_ratio:
            raise Refused(f"{where}: the line differs from the request's (amount, class, code or self-pay ratio)")


def _same_figures(raw: dict, member: Member, usage: Usage, result: Settlement) -> None:
    funds = {f.fund: _fen(f.amount) for f in result.funds}
    after = result.usage_after
    expected = {
        "total": result.total, "full_self_pay": result.full_self_pay, "pre_self_pay": result.pre_self_pay,
        "in_scope": result.in_scope, "deductible": result.deductible, "pool_pay": result.pool_pay,
        "over_cap": result.over_cap, "self_pay": result.self_pay, "account_pay": result.account_pay,
        "cash_pay": result.cash_pay, "balance_after": result.account_balance_after,
    }
    for name, value in expected.items():
        if to_fen(raw[name], name) != _fen(value):
            raise Refused(f"{name}: the desk says {raw[name]}, the engine gives {money(_fen(value))}")
    for name, fund in (("hifp_pay", "hifp"), ("hifob_pay", "hifob")):
        if to_fen(raw[name], name) != funds.get(fund, 0):
            raise Refused(f"{name}: the desk says {raw[name]}, the engine gives {money(funds.get(fund, 0))}")
    if raw["ratio"] != str(result.ratio) or raw["policy_version"] != result.policy_version \
            or raw["year"] != result.year:
        raise Refused(f"ratio, policy_version or year: the desk says {raw['ratio']} {raw['policy_version']}"
                      f" {raw['year']}, the engine gives {result.ratio} {result.policy_version} {result.year}")
    moved = raw["usage"]
    for name, value in (("deductible", after.deductible_met - usage.deductible_met),
                        ("same_day", after.same_day_deductible_met - usage.same_day_deductible_met),
                        ("pool_paid", after.ordinary_pool_paid - usage.ordinary_pool_paid)):
        if to_fen(moved.get(name), f"usage.{name}") != _fen(value):
            raise Refused(f"usage.{name}: the desk moved {moved.get(name)}, the engine moves {money(_fen(value))}")
    if raw.get("answer") != answer(result):  # JSON values: equal as dicts is equal as canonical text
        raise Refused("answer: the explanation and figures the desk recorded are not the engine's")


@dataclass(frozen=True)
class Counted:
    """What the hub counts for a member at the point a settlement is counted (fen): its figures
    gross of reversals (an honest desk may have seen a figure before another desk reversed part
    of it), the same-day deductible at the institution, and the account balance."""

    deductible_met: int
    ordinary_pool_paid: int
    same_day_deductible_met: int


def seen_refusal(seen: Usage, hub: Counted) -> str:
    """Why the usage the desk says it saw cannot be true, or "". An honest desk knows the hub's
    figure from its last download plus its own settlements counted before this one, never more:
    a higher figure would make the fund pay more (a deductible already met, a cap not yet reached
    is the other way round and stays an overrun)."""
    for name, claimed, counted in (("deductible_met", seen.deductible_met, hub.deductible_met),
                                   ("ordinary_pool_paid", seen.ordinary_pool_paid, hub.ordinary_pool_paid),
                                   ("same_day_deductible_met", seen.same_day_deductible_met,
                                    hub.same_day_deductible_met)):
        if _fen(claimed) > counted:
            return (f"inputs.request.usage.{name}: the desk says it saw {money(_fen(claimed))}, the hub counts"
                    f" {money(counted)} for this member at this point")
    if seen.fund_paid_total is not None and _fen(seen.fund_paid_total) > hub.ordinary_pool_paid:
        return (f"inputs.request.usage.fund_paid_total: the desk says {money(_fen(seen.fund_paid_total))}, the hub"
                f" counts {money(hub.ordinary_pool_paid)} paid by the fund")
    return ""


ROSTER_ATTRIBUTES = ("category", "birth_date", "scheme", "family_doctor_institution", "eligible")


def member_refusal(seen: Member, roster: dict | None) -> str:
    """Why the member the desk settled for is not the member on the hub's roster, or "" (a member
    off the hub's roster is taken as the desk says)."""
    if roster is None:
        return ""
    claimed = {"category": seen.category, "birth_date": seen.birth_date and seen.birth_date.isoformat(),
               "scheme": seen.scheme, "family_doctor_institution": seen.family_doctor_institution or None,
               "eligible": seen.eligible}
    for name in ROSTER_ATTRIBUTES:
        if claimed[name] != roster.get(name):
            return (f"inputs.request.member.{name}: the desk settled with {claimed[name]!r}, the hub's roster"
                    f" has {roster.get(name)!r}")
    if seen.inpatient:
        return "inputs.request.member.inpatient: the desk cannot know a member is in hospital; the hub refuses it"
    return ""
