"""What the engine is given: the counter's institution, the member, their usage, the bill.

Plain frozen data classes holding Decimals already checked by the caller (the quote contract
parser, the store); the engine trusts their types and checks only what the rules need.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from desk.domain import CST
from desk.money import ZERO


@dataclass(frozen=True)
class Institution:
    level: int
    type: str = "clinic"
    designated: bool = True
    id: str = ""


@dataclass(frozen=True)
class Member:
    category: str
    birth_date: dt.date | None = None
    scheme: str = "employer"
    family_doctor_institution: str | None = None
    eligible: bool = True
    inpatient: bool = False
    account_balance: Decimal = ZERO


@dataclass(frozen=True)
class Usage:
    """This year's usage before the bill; ``fund_paid_total`` None means unknown."""

    deductible_met: Decimal = ZERO
    ordinary_pool_paid: Decimal = ZERO
    same_day_deductible_met: Decimal = ZERO
    fund_paid_total: Decimal | None = None


@dataclass(frozen=True)
class Item:
    amount: Decimal
    cls: str
    selfpay_ratio: Decimal = ZERO
    code: str = ""
    name: str = ""


@dataclass(frozen=True)
class Bill:
    institution: Institution
    items: tuple[Item, ...]
    prescriber_level: int | None = None
    benefit: str = "ordinary"
    use_account: bool = True


def local_day(at: dt.datetime) -> dt.date:
    """The calendar day of a bill at the counter, in China Standard Time (years and days turn there)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("the bill's time needs a UTC offset")
    return at.astimezone(CST).date()
