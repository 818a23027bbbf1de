"""Warning thresholds: settings with documented defaults (README, "Supervision").

A supervisor's file (TOML, one `[supervision]` table) may change any of them; a bad value is
refused with the key and the value, never half-applied.
"""
from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path


class ThresholdError(ValueError):
    """A threshold that cannot be used: the file, the key and the value."""


@dataclass(frozen=True)
class Thresholds:
    avg_cost_max: Decimal = Decimal("200.00")        # 次均费用 above this (yuan) warns
    avg_cost_growth_max: Decimal = Decimal("0.15")   # 次均费用 up more than this against the previous period
    growth_max: Decimal = Decimal("0.20")            # total cost up more than this against the previous period
    self_pay_share_max: Decimal = Decimal("0.20")    # 全自费 share of the total
    exam_share_max: Decimal = Decimal("0.30")        # 检查 share of the total
    lab_share_max: Decimal = Decimal("0.30")         # 化验 share of the total
    visits_per_day_max: int = 2                      # more net visits by one member in one day warns
    visits_per_month_max: int = 8                    # more net visits by one member in one calendar month
    near_cap_share: Decimal = Decimal("0.90")        # ordinary pool paid at or above this share of the cap
    account_only_max: int = 4                        # more account-only purchases by one member in the period
    excluded_cash_max: Decimal = Decimal("300.00")   # 丙类 paid in cash by one member in the period (yuan)
    open_from: int = 7                               # visits before this hour (local) are off-hours
    open_until: int = 21                             # visits at or after this hour are off-hours
    top_items: int = 10                              # how many items the top-by-pool-pay list keeps


_RATIOS = ("avg_cost_growth_max", "growth_max", "self_pay_share_max", "exam_share_max", "lab_share_max",
           "near_cap_share")
_MONEY = ("avg_cost_max", "excluded_cash_max")
_COUNTS = ("visits_per_day_max", "visits_per_month_max", "account_only_max", "top_items")
_HOURS = ("open_from", "open_until")
DEFAULTS = Thresholds()


def _value(file: str, key: str, raw: object) -> object:
    where = f"{file}: supervision.{key}"
    if key in _COUNTS or key in _HOURS:
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise ThresholdError(f"{where}: {raw!r} is not a whole number of at least 0")
        if key in _HOURS and raw > 24:
            raise ThresholdError(f"{where}: {raw!r} is not an hour from 0 to 24")
        return raw
    try:
        number = Decimal(str(raw)) if isinstance(raw, (int, float, str)) and not isinstance(raw, bool) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0:
        raise ThresholdError(f"{where}: {raw!r} is not a non-negative number")
    if key in _RATIOS:
        if key != "avg_cost_growth_max" and key != "growth_max" and number > 1:
            raise ThresholdError(f"{where}: {raw!r} is not a share between 0 and 1")
        return number.quantize(Decimal("0.0001"))
    if number != number.quantize(Decimal("0.01")):
        raise ThresholdError(f"{where}: {raw!r} has more than two decimals (yuan to the fen)")
    return number.quantize(Decimal("0.01"))


def thresholds_from(table: dict, file: str = "thresholds") -> Thresholds:
    known = {f.name for f in dataclasses.fields(Thresholds)}
    changes = {}
    for key, raw in table.items():
        if key not in known:
            raise ThresholdError(f"{file}: supervision.{key}: not a threshold (known: {', '.join(sorted(known))})")
        changes[key] = _value(file, key, raw)
    result = dataclasses.replace(DEFAULTS, **changes)
    if result.open_from >= result.open_until:
        raise ThresholdError(f"{file}: supervision.open_from: {result.open_from} is not before open_until"
                             f" {result.open_until}")
    return result


def load_thresholds(path: Path | None) -> Thresholds:
    """The defaults, changed by the `[supervision]` table of ``path`` when given."""
    if path is None:
        return DEFAULTS
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ThresholdError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ThresholdError(f"{path}: not TOML ({exc})") from None
    table = data.get("supervision", {})
    if not isinstance(table, dict):
        raise ThresholdError(f"{path}: supervision: must be a table")
    return thresholds_from(table, str(path))
