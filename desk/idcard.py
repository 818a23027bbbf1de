"""居民身份证号 (GB 11643-1999): check, parse, mask and build 18-character numbers.

The desk reads a member's birth date and sex from the number (they decide the retiree tilt and
are checked against the roster), so a number that does not parse is refused with a reason the
cashier can act on rather than guessed at. The reasons never repeat the whole number: they end
up in logs and on screens where a full number should not be.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from operator import mul

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11), ISO 7064 MOD 11-2
LENGTH = 18
EARLIEST_YEAR = 1900
WELL_FORMED = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)  # the shape of a number, checked before the details


@dataclass(frozen=True)
class IdNumber:
    number: str
    birth_date: dt.date
    sex: str  # 'M' or 'F', from the 17th digit (odd = M)
    region: str  # 行政区划代码, the first 6 digits


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() also accepts full-width and other Unicode digits, which int() would then read
    return text.isascii() and text.isdigit()


def check_digit(first17: str) -> str:
    """The check character ('0'-'9' or 'X') that makes first17 a valid 18-character number."""
    if len(first17) != LENGTH - 1 or not _is_ascii_digits(first17):
        raise ValueError(f"the first 17 characters must be 17 digits, got {len(first17)} characters")
    total = sum(map(mul, map(int, first17), WEIGHTS))
    return CHECK_CHARS[total % 11]


def _normalize(text: str) -> str:
    # Numbers are typed or pasted with spaces (including the full-width one an IME inserts) and a
    # lowercase x; neither changes the number, so neither is worth refusing.
    number = "".join(text.split())
    if number.endswith("x"):
        number = number[:-1] + "X"
    return number


def _birth_date(digits: str) -> dt.date:
    try:
        birth = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValueError(f"birth date {digits} is not a date") from None
    if birth.year < EARLIEST_YEAR:
        raise ValueError(f"birth year {birth.year} is before {EARLIEST_YEAR}")
    return birth


def parse_id_number(text: str, today: dt.date | None = None) -> IdNumber:
    """The number with its birth date, sex and region, or ValueError saying what is wrong.

    today is a parameter so that a settlement dated in the past (and the tests) judge
    "born in the future" against their own date rather than the clock.
    """
    number = _normalize(text)
    if not WELL_FORMED.fullmatch(number):
        _refuse_shape(number)
    birth = _birth_date(number[6:14])
    if birth > (today or dt.date.today()):
        raise ValueError(f"birth date {birth.isoformat()} is in the future")
    expected = CHECK_CHARS[sum(map(mul, map(int, number[:17]), WEIGHTS)) % 11]
    if number[17] != expected:
        raise ValueError(f"check digit is {number[17]}, expected {expected} (a character is mistyped)")
    return IdNumber(number=number, birth_date=birth, sex="M" if int(number[16]) % 2 else "F", region=number[:6])


def _refuse_shape(number: str) -> None:
    """Say which character breaks the shape of a number (the fast path found that one does)."""
    if len(number) != LENGTH:
        hint = " (old 15-digit numbers must be converted to 18)" if len(number) == 15 else ""
        raise ValueError(f"must be {LENGTH} characters, got {len(number)}{hint}")
    for position, char in enumerate(number[:-1], start=1):
        if not _is_ascii_digits(char):
            raise ValueError(f"character {position} must be a digit, got {char!r}")
    last = number[-1]
    raise ValueError(f"the last character must be a digit or X, got {last!r}")


def mask_id_number(number: str) -> str:
    """The first 3 and last 4 characters, the rest starred: enough to tell two people apart on a
    receipt or screen without showing the birth date."""
    shown_head, shown_tail = 3, 4
    if len(number) <= shown_head + shown_tail:
        return "*" * len(number)
    return number[:shown_head] + "*" * (len(number) - shown_head - shown_tail) + number[-shown_tail:]


def make_id_number(region: str, birth: dt.date, sequence: int, sex: str) -> str:
    """A valid number for demo data and tests.

    The 3-digit order code is sequence (0-99) followed by a sex digit (odd for M, even for F);
    the sex digit also moves with sequence so that demo numbers do not all share a last-but-one
    digit, which a cashier would notice.
    """
    if len(region) != 6 or not _is_ascii_digits(region):
        raise ValueError(f"region must be 6 digits, got {region!r}")
    if birth.year < EARLIEST_YEAR:
        raise ValueError(f"birth year {birth.year} is before {EARLIEST_YEAR}")
    if not 0 <= sequence <= 99:
        raise ValueError(f"sequence must be 0-99, got {sequence}")
    if sex not in ("M", "F"):
        raise ValueError(f"sex must be 'M' or 'F', got {sex!r}")
    sex_digit = (sequence % 5) * 2 + (1 if sex == "M" else 0)
    first17 = f"{region}{birth:%Y%m%d}{sequence:02d}{sex_digit}"
    return first17 + check_digit(first17)
