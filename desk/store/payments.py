"""How a settlement's cash part was paid (支付方式): 现金, 微信, 支付宝, 银行卡, 聚合码, or a mix.

The pooled fund and the personal account are settled by the engine; what is left, the cash due,
the patient pays at the counter by one method or several (¥20 现金 and the rest 微信). The parts
are checked against the cash due the engine computed inside the settlement's own transaction and
written there, so a settlement and its payment exist together or not at all, and they add up to
the fen. A reversal pays back by the same methods.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlite_utils

from desk.domain import PAYMENT_LABELS, PAYMENT_METHODS
from desk.money import InputError, from_fen, parse_money, to_fen
from desk.store.database import StoreError

DEFAULT_METHOD = "cash"


@dataclass(frozen=True)
class Payment:
    """One part of the cash due: a method and its amount in yuan (None: whatever the other parts leave)."""
    method: str
    amount: Decimal | None = None


class PaymentRefused(StoreError):
    """The payment parts do not fit the cash due. ``field`` names the part ("payment 2") or "payments";
    ``reason`` is ``unknown_method``, ``repeated_method``, ``two_rests``, ``bad_amount``, ``too_much`` (the parts
    exceed the cash due) or ``too_little`` (they fall short of it); ``value`` what was given."""

    def __init__(self, field: str, reason: str, value: object, due: Decimal | None = None, message: str = ""):
        self.field, self.reason, self.value, self.due = field, reason, value, due
        super().__init__(f"{field}: {message}", kind="payment", field=field, reason=reason, value=value, due=due)


def method_code(written: str) -> str | None:
    """A method as a script or a person writes it: its code (wechat) or its label (微信)."""
    text = (written or "").strip()
    if text.lower() in PAYMENT_METHODS:
        return text.lower()
    return next((code for code, label in PAYMENT_LABELS.items() if label == text), None)


def parse_parts(texts: list[str]) -> list[Payment]:
    """``METHOD[=AMOUNT]`` words (``现金=20``, ``wechat``) as payment parts; one without an amount takes the rest."""
    parts = []
    for number, text in enumerate(texts, start=1):
        name, sep, amount = text.partition("=")
        method = method_code(name)
        if method is None:
            raise PaymentRefused(f"payment {number}", "unknown_method", text,
                                 message=f"{text!r} is not one of {', '.join(PAYMENT_METHODS)}"
                                         f" ({'、'.join(PAYMENT_LABELS.values())}), optionally =AMOUNT")
        parts.append(Payment(method, _amount(amount, number) if sep else None))
    return parts


def _amount(value: object, number: int) -> Decimal:
    try:
        return parse_money(value, f"payment {number}")
    except InputError as exc:
        raise PaymentRefused(f"payment {number}", "bad_amount", value, message=exc.reason) from None


def allocate(parts: list[Payment] | None, cash_due: Decimal) -> list[tuple[str, int]]:
    """The parts as (method, fen), checked against the cash due: each method once, each amount a
    non-negative sum in fen, at most one part "the rest", and together exactly the cash due.

    No parts: all of it in 现金 (so callers that know nothing of methods keep working). Zero parts are
    dropped; a settlement with nothing in cash has no payment rows.
    """
    due = to_fen(cash_due, "cash due")
    if not parts:
        return [(DEFAULT_METHOD, due)] if due else []
    seen: set[str] = set()
    fixed, rest = [], None
    for number, part in enumerate(parts, start=1):
        field = f"payment {number}"
        if part.method not in PAYMENT_METHODS:
            raise PaymentRefused(field, "unknown_method", part.method,
                                 message=f"{part.method!r} is not one of {', '.join(PAYMENT_METHODS)}")
        if part.method in seen:
            raise PaymentRefused(field, "repeated_method", part.method,
                                 message=f"{part.method} is given twice; give each method once")
        seen.add(part.method)
        if part.amount is None:
            if rest is not None:
                raise PaymentRefused(field, "two_rests", part.method,
                                     message="only one method may take the rest; give the others an amount")
            rest = len(fixed)
            fixed.append((part.method, None))
        else:
            fixed.append((part.method, to_fen(_amount(part.amount, number))))
    given = sum(f for _, f in fixed if f is not None)
    if rest is not None:
        if given > due:
            raise PaymentRefused("payments", "too_much", from_fen(given), cash_due,
                                 message=f"the parts come to {from_fen(given)}, more than the cash due {cash_due}")
        fixed[rest] = (fixed[rest][0], due - given)
        given = due
    if given != due:
        reason = "too_much" if given > due else "too_little"
        raise PaymentRefused("payments", reason, from_fen(given), cash_due,
                             message=f"the parts come to {from_fen(given)}; they must add up to the cash due"
                                     f" {cash_due} exactly")
    return [(method, amount) for method, amount in fixed if amount]


def record(db: sqlite_utils.Database, settlement_id: str, parts: list[tuple[str, int]]) -> None:
    """Write a settlement's payment rows (inside its transaction: the caller holds write_transaction)."""
    for method, amount in parts:
        db.execute("INSERT INTO settlement_payments (settlement_id, method, amount_fen) VALUES (?, ?, ?)",
                   (settlement_id, method, amount))


def of(db: sqlite_utils.Database, settlement_id: str) -> list[tuple[str, Decimal]]:
    """A settlement's payment as (method, yuan), in the methods' order."""
    found = dict(db.execute("SELECT method, amount_fen FROM settlement_payments WHERE settlement_id = ?",
                            (settlement_id,)).fetchall())
    return [(m, from_fen(found[m])) for m in PAYMENT_METHODS if m in found]


def reversed_parts(db: sqlite_utils.Database, settlement_id: str) -> list[tuple[str, int]]:
    """The original's methods negated: a reversal pays back the way the patient paid."""
    return [(m, -to_fen(a)) for m, a in of(db, settlement_id)]


def by_method(db: sqlite_utils.Database, where: str, params: tuple) -> tuple[tuple[str, Decimal], ...]:
    """The cash part of the settlements ``where`` selects (alias s) summed by method, reversals netted."""
    rows = dict(db.execute(f"SELECT p.method, SUM(p.amount_fen) FROM settlement_payments p"
                           f" JOIN settlements s ON s.id = p.settlement_id WHERE {where} GROUP BY p.method",
                           params).fetchall())
    return tuple((m, from_fen(rows[m])) for m in PAYMENT_METHODS if m in rows)


def by_cashier_and_method(db: sqlite_utils.Database, where: str,
                          params: tuple) -> tuple[tuple[str, str, Decimal], ...]:
    """(cashier's name, method, yuan) for each cashier's drawer, reversals netted (booked to the till)."""
    order = {m: n for n, m in enumerate(PAYMENT_METHODS)}
    rows = db.execute(f"SELECT s.cashier, COALESCE(u.name, s.cashier), p.method, SUM(p.amount_fen)"
                      f" FROM settlement_payments p JOIN settlements s ON s.id = p.settlement_id"
                      f" LEFT JOIN users u ON u.user_id = s.cashier WHERE {where} GROUP BY s.cashier, p.method",
                      params).fetchall()
    rows.sort(key=lambda r: (r[0], order[r[2]]))
    return tuple((name, method, from_fen(amount)) for _, name, method, amount in rows)
