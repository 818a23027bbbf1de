"""What the engine decides: every figure of the quote contract, and why, step by step."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desk.engine.inputs import Usage

FUND_NAMES = {
    "hifp": "统筹基金",
    "hifob": "大额互助保险基金",
}


@dataclass(frozen=True, init=False)
class Step:
    """One step of the explanation: what moved how much money, by which parameter and article.

    Frozen, but built without the frozen dataclass __init__ (one object.__setattr__ per field),
    which made the explanation a fifth of a settlement's time (bench/engine.py).
    """

    step: str
    amount: Decimal | None
    why: str
    source: str
    param: str = ""
    value: str = ""

    def __init__(self, step: str, amount: Decimal | None, why: str, source: str, param: str = "", value: str = ""):
        fields = self.__dict__
        fields["step"], fields["amount"], fields["why"], fields["source"] = step, amount, why, source
        fields["param"], fields["value"] = param, value


@dataclass(frozen=True)
class FundPart:
    fund: str
    amount: Decimal

    @property
    def name(self) -> str:
        return FUND_NAMES.get(self.fund, self.fund)


@dataclass(frozen=True)
class SchemePart:
    """The lines of one own scheme (重庆 第六条), settled apart from the ordinary ones."""

    scheme: str
    in_scope: Decimal
    ratio: Decimal
    pool_pay: Decimal
    over_cap: Decimal


@dataclass(frozen=True)
class Settlement:
    policy_version: str
    year: int
    level_applied: int
    total: Decimal
    full_self_pay: Decimal
    pre_self_pay: Decimal
    in_scope: Decimal
    deductible: Decimal
    ratio: Decimal
    pool_pay: Decimal
    over_cap: Decimal
    self_pay: Decimal
    account_pay: Decimal
    cash_pay: Decimal
    account_balance_after: Decimal
    funds: tuple[FundPart, ...]
    usage_after: Usage
    explain: tuple[Step, ...]
    benefit: str = "ordinary"
    disease: str | None = None
    disease_name: str = ""
    schemes: tuple[SchemePart, ...] = ()
    account_excluded: Decimal = Decimal("0.00")
    cap: Decimal | None = None
    cap_left: Decimal | None = None

    @classmethod
    def fast(cls, **fields: object) -> "Settlement":
        """The engine's constructor: every field given, without the frozen __init__'s per-field cost."""
        new = object.__new__(cls)
        new.__dict__.update(fields)
        return new
