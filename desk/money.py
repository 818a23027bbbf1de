"""Money and ratios as Decimal, and the only place that converts them.

Amounts are yuan quantized to the fen; ratios are fractions with up to four decimals. The
database and the sync protocol count integer fen: ``to_fen`` and ``from_fen`` are the one
crossing (never ``int(x * 100)``, which truncates, nor ``fen / 100``, which is a float), and
``format_yuan`` is the one way an amount is written for a person (thousands separators).
Parsing is strict because a wrong figure at the counter costs someone real money: floats
are read through their shortest repr (so 0.1 is "0.1", not 0.1000000000000000055),
and negative, non-finite, non-numeric and sub-fen amounts are refused by name.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
RATIO_STEP = Decimal("0.0001")
ZERO = Decimal("0.00")
ONE = Decimal("1")


class InputError(ValueError):
    """Bad input, with the field it is about; the message is meant for a person."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.reason = message


def fen(value: Decimal) -> Decimal:
    """Round to the fen, half-up, as the national platform does."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def to_fen(amount: Decimal, field: str = "amount") -> int:
    """Yuan as integer fen, exactly: Decimal("12.30") → 1230.

    A sub-fen amount is refused rather than truncated or rounded here (that would move money
    silently); round with ``fen`` first where rounding is what the rules say.
    """
    if not isinstance(amount, Decimal):
        raise TypeError(f"{field}: to_fen takes a Decimal amount in yuan, not {type(amount).__name__}")
    if not amount.is_finite():
        raise InputError(field, f"{amount} is not a finite amount")
    if amount != amount.quantize(FEN, rounding=ROUND_HALF_UP):
        raise InputError(field, f"{amount} has more than two decimals (the fen is the smallest unit)")
    return int(amount.scaleb(2))


def from_fen(count: int) -> Decimal:
    """Integer fen as yuan quantized to the fen: 1230 → Decimal("12.30"), -5 → Decimal("-0.05")."""
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError(f"from_fen takes an integer count of fen, not {type(count).__name__}")
    return Decimal(count).scaleb(-2).quantize(FEN)


def format_yuan(amount: Decimal) -> str:
    """An amount as a person reads it: thousands separators and two decimals, "12,345.60", "-0.05"."""
    return f"{fen(amount):,.2f}"


def _to_decimal(value: object, field: str) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise InputError(field, f"{value!r} is not a number")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise InputError(field, f"{value!r} is not a number") from None
    else:
        raise InputError(field, f"{value!r} is not a number")
    if not number.is_finite():
        raise InputError(field, f"{value!r} is not a finite number")
    return number


def parse_money(value: object, field: str) -> Decimal:
    """A non-negative amount in yuan with at most two decimals, as a fen-quantized Decimal."""
    number = _to_decimal(value, field)
    if number < 0:
        raise InputError(field, f"{value} is negative")
    if number != number.quantize(FEN):
        raise InputError(field, f"{value} has more than two decimals (the fen is the smallest unit)")
    return number.quantize(FEN)


def parse_ratio(value: object, field: str) -> Decimal:
    """A fraction between 0 and 1 with at most four decimals."""
    number = _to_decimal(value, field)
    if number < 0 or number > ONE:
        raise InputError(field, f"{value} is not a ratio between 0 and 1")
    if number != number.quantize(RATIO_STEP):
        raise InputError(field, f"{value} has more than four decimals")
    return number.quantize(RATIO_STEP)


def money_str(value: Decimal) -> str:
    """Money as it crosses JSON: a string with exactly two decimals."""
    return str(value.quantize(FEN))


def ratio_str(value: Decimal) -> str:
    return str(value.quantize(RATIO_STEP))


def change_due(tendered: Decimal, due: Decimal) -> Decimal:
    """找零: what the patient handed over minus the cash due, to the fen (negative: not enough handed over)."""
    return fen(tendered) - fen(due)
