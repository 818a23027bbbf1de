"""What the engine is given: the counter's institution, the member, their usage, the bill.

Plain frozen data classes holding Decimals already checked by the caller (the quote contract
parser, the store); the engine trusts their types and checks only what the rules need.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping

from desk.domain import CST
from desk.money import ZERO


@dataclass(frozen=True)
class Institution:
    level: int
    type: str = "clinic"
    designated: bool = True
    id: str = ""
    specialty: bool = False


@dataclass(frozen=True)
class Certification:
    """A disease certified for the member (认定) under a benefit, valid both days included (CST)."""

    benefit: str
    disease: str
    start: dt.date
    end: dt.date

    def in_force(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Member:
    category: str
    birth_date: dt.date | None = None
    scheme: str = "employer"
    family_doctor_institution: str | None = None
    eligible: bool = True
    inpatient: bool = False
    account_balance: Decimal = ZERO
    certified: tuple[Certification, ...] = ()


@dataclass(frozen=True)
class Usage:
    """This year's usage before the bill; ``fund_paid_total`` and ``inpatient_pool_paid`` None mean unknown.

    ``disease_pool_paid`` is pool pay under a disease benefit by disease code; ``scheme_pool_paid``
    pool pay under an own scheme (重庆 第六条) by scheme.
    """

    deductible_met: Decimal = ZERO
    ordinary_pool_paid: Decimal = ZERO
    same_day_deductible_met: Decimal = ZERO
    fund_paid_total: Decimal | None = None
    disease_pool_paid: Mapping[str, Decimal] = field(default_factory=dict)
    special_deductible_met: Decimal = ZERO
    inpatient_pool_paid: Decimal | None = None
    scheme_pool_paid: Mapping[str, Decimal] = field(default_factory=dict)

    def but(self, **changes: object) -> "Usage":
        """A copy with some figures changed: dataclasses.replace without its per-call validation,
        which cost a third of a settlement's time (bench/engine.py)."""
        new = object.__new__(Usage)
        new.__dict__.update(self.__dict__)
        new.__dict__.update(changes)
        return new


@dataclass(frozen=True)
class Item:
    amount: Decimal
    cls: str
    selfpay_ratio: Decimal = ZERO
    code: str = ""
    name: str = ""
    scheme: str | None = None
    account_excluded: bool = False


@dataclass(frozen=True)
class Bill:
    institution: Institution
    items: tuple[Item, ...]
    prescriber_level: int | None = None
    benefit: str = "ordinary"
    use_account: bool = True
    disease: str | None = None
    payer_relation: str | None = None


def built(cls: type, fields: dict[str, object]):
    """An instance of one of these frozen classes from ALL its fields, without the frozen __init__'s
    per-field cost (a tenth of a `desk quote` batch's time). For callers that have checked every value
    (desk.quote's parser): the class's own __init__ checks nothing either, it only costs more."""
    new = object.__new__(cls)
    new.__dict__.update(fields)
    return new


def local_day(at: dt.datetime) -> dt.date:
    """The calendar day of a bill at the counter, in China Standard Time (years and days turn there)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("the bill's time needs a UTC offset")
    return at.astimezone(CST).date()
