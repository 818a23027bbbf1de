"""Money and ratios as Decimal, and the only place that converts them.

Amounts are yuan quantized to the fen; ratios are fractions with up to four decimals. The
database and the sync protocol count integer fen: ``to_fen`` and ``from_fen`` are the one
crossing (never ``int(x * 100)``, which truncates, nor ``fen / 100``, which is a float), and
``format_yuan`` is the one way an amount is written for a person (thousands separators).
Parsing is strict because a wrong figure at the counter costs someone real money: floats
are read through their shortest repr (so 0.1 is "0.1", not 0.1000000000000000055),
and negative, non-finite, non-numeric and sub-fen amounts are refused by name. Text must be
ASCII digits with an optional point (no full-width ２, no Arabic-Indic ٢, no ``1_000``, no
exponent): Python's Decimal accepts all of those, a cashier never means them.

Ceilings keep every figure far inside Decimal's 28 digits, so no sum can overflow and no absurd
bill is answered: one bill line at most MAX_LINE (1,000,000.00 yuan), a bill at most MAX_BILL
(10,000,000.00 yuan), any other amount (a balance, a year's usage, a policy figure) at most
MAX_AMOUNT (100,000,000.00 yuan). A negative zero is zero ("-0.00" is read as "0.00").
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
RATIO_STEP = Decimal("0.0001")
ZERO = Decimal("0.00")
ONE = Decimal("1")
MAX_LINE = Decimal("1000000.00")
MAX_BILL = Decimal("10000000.00")
MAX_AMOUNT = Decimal("100000000.00")
MAX_TEXT = 40  # characters of a number given as text
DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# The text a request almost always carries ("12.30", "0", "0.05"): plain ASCII digits, no sign, no
# spaces, few enough decimals that the strict path would accept it unchanged. Such text is read here
# with one regex match, one Decimal and one quantize; anything else takes the strict path, which
# gives the refusals (so a fast path can only ever answer what the strict path answers, the same way).
_PLAIN_MONEY = re.compile(r"[0-9]{1,12}(?:\.[0-9]{0,2})?").fullmatch
_PLAIN_RATIO = re.compile(r"[01](?:\.[0-9]{0,4})?|\.[0-9]{1,4}").fullmatch
_quantize = Decimal.quantize
# ratios already read as plain text: a batch has a handful ("0", "0.05", "0.1"), and Decimals are immutable.
# (Amounts are not kept: they are mostly all different, and a large table's misses cost more than reading.)
_RATIO_SEEN: dict[str, Decimal] = {}


class InputError(ValueError):
    """Bad input, with the field it is about; the message is meant for a person.

    ``kind`` names the refusal for a front end that words it itself (``not_a_number``, ``negative``,
    ``too_large``, ``precision``, ``unknown_field``, ``required``, ``choice``, ``bad``).
    """

    def __init__(self, field: str, message: str, *, kind: str = "bad", value: str = ""):
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.reason = message
        self.kind = kind
        self.value = value  # the refused value as shown (cut short), "" when it is secret or absent


def shown(value: object, limit: int = 40) -> str:
    """A value as a refusal quotes it: its repr, cut short (a megabyte of input is not echoed)."""
    try:
        text = repr(value)
    except RecursionError:
        text = f"<deeply nested {type(value).__name__}>"
    return text if len(text) <= limit else text[:limit - 1] + "…"


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


def fen_of_two_decimals(text: str) -> int:
    """Integer fen of text already checked to be ASCII digits with exactly two decimals ("-12.30" → -1230):
    dropping the point is the count, exactly, with no Decimal and quantize per figure (a hub upload of 500
    bills carries some 20,000 of them). Anything else is a caller's bug, refused."""
    whole, point, cents = text.partition(".")
    if not text.isascii() or point != "." or len(cents) != 2 or not cents.isdigit() or not whole.lstrip("-").isdigit():
        raise ValueError(f"{text!r} is not a plain amount with two decimals")
    return int(whole + cents)


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
        raise InputError(field, f"{shown(value)} is not a number", kind="not_a_number", value=shown(value))
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        if abs(value) > 10 ** 15:  # checked before Decimal() so no giant integer is converted
            raise InputError(field, f"{shown(value)} is too large", kind="too_large", value=shown(value))
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_TEXT and DECIMAL_TEXT.fullmatch(text):
            raise InputError(field, f"{shown(value)} has too many digits", kind="too_large", value=shown(value))
        if text.lstrip("+-").lower() in ("nan", "snan", "inf", "infinity"):
            raise InputError(field, f"{shown(value)} is not a finite number", kind="not_a_number", value=shown(value))
        if not DECIMAL_TEXT.fullmatch(text):
            raise InputError(field, f"{shown(value)} is not a number (digits 0-9 and a decimal point)",
                             kind="not_a_number", value=shown(value))
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise InputError(field, f"{shown(value)} is not a number", kind="not_a_number",
                             value=shown(value)) from None
    else:
        raise InputError(field, f"{shown(value)} is not a number", kind="not_a_number", value=shown(value))
    if not number.is_finite():
        raise InputError(field, f"{shown(value)} is not a finite number", kind="not_a_number", value=shown(value))
    if number.is_zero():
        number = abs(number)  # -0.00 is 0.00
    return number


def parse_money(value: object, field: str, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """A non-negative amount in yuan with at most two decimals, at most ``maximum``, as a fen-quantized Decimal."""
    number = plain_money(value, maximum)
    return _strict_money(value, field, maximum) if number is None else number


def plain_money(value: object, maximum: Decimal = MAX_AMOUNT) -> Decimal | None:
    """``parse_money``'s answer for plain text ("12.30", "0", "7.5") at most ``maximum``; None for anything
    else, which only ``parse_money`` may answer or refuse. For a parser that names the field only when it
    must (a batch of 10,000 bills builds no field names for the figures that are fine)."""
    if type(value) is not str or not _PLAIN_MONEY(value):
        return None
    number = _quantize(Decimal(value), FEN)  # exact: the text has at most two decimals
    return number if number <= maximum else None


def _strict_money(value: object, field: str, maximum: Decimal) -> Decimal:
    number = _to_decimal(value, field)
    if number < 0:
        raise InputError(field, f"{_plain(number)} is negative", kind="negative", value=_plain(number))
    if number > maximum:
        raise InputError(field, f"{_plain(number)} is more than {maximum:,} yuan (the ceiling for this figure)",
                         kind="too_large", value=_plain(number))
    if number != number.quantize(FEN):
        raise InputError(field, f"{_plain(number)} has more than two decimals (the fen is the smallest unit)",
                         kind="precision", value=_plain(number))
    return number.quantize(FEN)


def parse_ratio(value: object, field: str) -> Decimal:
    """A fraction between 0 and 1 with at most four decimals."""
    number = plain_ratio(value)
    return _strict_ratio(value, field) if number is None else number


def plain_ratio(value: object) -> Decimal | None:
    """``parse_ratio``'s answer for plain text ("0.05", "1", ".2"); None for anything else (see plain_money)."""
    if type(value) is not str:
        return None
    number = _RATIO_SEEN.get(value)
    if number is None:
        if not _PLAIN_RATIO(value):
            return None
        number = _quantize(Decimal(value), RATIO_STEP)  # exact: at most four decimals
        if number > ONE:
            return None
        if len(_RATIO_SEEN) < 1024:
            _RATIO_SEEN[value] = number
    return number


def _strict_ratio(value: object, field: str) -> Decimal:
    number = _to_decimal(value, field)
    if number < 0 or number > ONE:
        raise InputError(field, f"{_plain(number)} is not a ratio between 0 and 1", kind="choice")
    if number != number.quantize(RATIO_STEP):
        raise InputError(field, f"{_plain(number)} has more than four decimals", kind="precision")
    return number.quantize(RATIO_STEP)


def _plain(number: Decimal) -> str:
    """A number as a refusal quotes it, cut short when it is absurdly long."""
    text = str(number)
    return text if len(text) <= 40 else f"{number:.6E}"


def money_str(value: Decimal) -> str:
    """Money as it crosses JSON: a string with exactly two decimals."""
    return str(_quantize(value, FEN))


def ratio_str(value: Decimal) -> str:
    return str(_quantize(value, RATIO_STEP))


def change_due(tendered: Decimal, due: Decimal) -> Decimal:
    """找零: what the patient handed over minus the cash due, to the fen (negative: not enough handed over)."""
    return fen(tendered) - fen(due)
