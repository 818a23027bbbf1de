"""Framework bounds: the limits a provincial framework (吉林, 山东) sets on its cities' figures.

Each bound is data in the framework's pack (`[[versions.bounds]]`): a parameter key, one rule
from RULES with its argument, and the article. A city pack is checked on every date any of
its values or the framework's versions change; the first broken bound refuses the city.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Callable

from desk.money import InputError
from desk.policy.errors import PackError
from desk.policy.pack import Bound, Pack, PolicyError, Resolved
from desk.policy.params import DIMENSIONS, SPECS, Tree, at_date, build_tree, cells, change_dates, contexts, lookup

Check = Callable[[Tree, Bound, Resolved, Resolved], str | None]


def _number(value: object) -> Decimal:
    return Decimal(str(value))


def _where(context: dict[str, str]) -> str:
    return f" for {', '.join(f'{k}={v}' for k, v in context.items())}" if context else ""


def _cells(tree: Tree, bound: Bound):
    """The values a bound checks; for a disease table, one column of its rows (``column = "cap"``)."""
    if SPECS[bound.key].kind == "diseases":
        column = bound.extra.get("column")
        if column not in ("ratio", "cap"):
            raise PolicyError(f"a bound on {bound.key} names the column it checks: column = \"ratio\" or \"cap\"")
        return [({"disease": code}, value) for code, value in tree.column(column)]
    return cells(tree, SPECS[bound.key].dims)


def _same(value: object, allowed: object) -> bool:
    """Equal as numbers where both are numbers (0.6000 is 0.60), else as lower-case text."""
    if isinstance(value, Decimal) and not isinstance(allowed, bool):
        try:
            return value == Decimal(str(allowed))
        except ArithmeticError:
            return False
    return str(value).lower() == str(allowed).lower()


def _wage(framework: Resolved) -> Decimal:
    tree = framework.values.get("average_wage")
    if tree is None:
        raise PolicyError(framework.missing("average_wage") + "; the bounds that depend on it cannot be checked")
    return lookup(tree, {})


def _max(tree, bound, city, fw):
    limit = _number(bound.arg)
    return next((f"{v}{_where(c)} is above the ceiling {limit}" for c, v in _cells(tree, bound) if v > limit), None)


def _min(tree, bound, city, fw):
    limit = _number(bound.arg)
    return next((f"{v}{_where(c)} is below the floor {limit}" for c, v in _cells(tree, bound) if v < limit), None)


def _equals(tree, bound, city, fw):
    try:
        expected = at_date(build_tree(bound.arg, SPECS[bound.key], "equals"), city.day)
    except InputError as exc:
        return f"the framework's own bound is malformed: {exc}"
    for context, value in _cells(tree, bound):
        want = lookup(expected, context)
        if value != want:
            return f"{value}{_where(context)} must equal {want}"
    return None


def _one_of(tree, bound, city, fw):
    shown = ", ".join(str(a).lower() for a in bound.arg)
    return next((f"{v!s}{_where(c)} is not one of {shown}" for c, v in _cells(tree, bound)
                 if not any(_same(v, a) for a in bound.arg)), None)


def _groups(tree: Tree, bound: Bound, dim: str) -> list[tuple[dict[str, str], list[Decimal]]]:
    """Values along one dimension, for each combination of the others."""
    others = tuple(d for d in SPECS[bound.key].dims if d != dim)
    return [(context, [lookup(tree, {**context, dim: v}) for v in DIMENSIONS[dim]]) for context in contexts(others)]


def _differs_by(tree, bound, city, fw):
    for context, values in _groups(tree, bound, bound.arg):
        if len(set(values)) == 1:
            return f"is {values[0]} at every {bound.arg}{_where(context)}; it must differ by {bound.arg}"
    return None


def _monotone(descending: bool) -> Check:
    def check(tree, bound, city, fw):
        for context, values in _groups(tree, bound, bound.arg):
            pairs = zip(values, values[1:])
            if any((b > a) if descending else (b < a) for a, b in pairs):
                word = "fall (or stay)" if descending else "rise (or stay)"
                return f"{', '.join(map(str, values))} by {bound.arg}{_where(context)} must {word} as {bound.arg} rises"
        return None
    return check


def _min_spread(tree, bound, city, fw):
    dim = bound.extra.get("by", "level")
    need = _number(bound.arg)
    for context, values in _groups(tree, bound, dim):
        if max(values) - min(values) < need:
            return f"the gap between {dim}s is {max(values) - min(values)}{_where(context)}, below {need}"
    return None


def _mean(tree, bound, city, fw):
    values = [v for _, v in _cells(tree, bound)]
    mean = sum(values) / len(values)
    return None if mean == _number(bound.arg) else f"averages {mean.normalize()}, not {bound.arg}"


def _max_share_of_wage(tree, bound, city, fw):
    wage = _wage(fw)
    limit = (wage * _number(bound.arg)).quantize(Decimal("0.01"))
    return next((f"{v}{_where(c)} is above {bound.arg} × W = {limit} (W = {wage})"
                 for c, v in _cells(tree, bound) if v > limit), None)


def _around_share_of_wage(tree, bound, city, fw):
    wage = _wage(fw)
    target = wage * _number(bound.arg)
    slack = wage * _number(bound.extra.get("tolerance", "0"))
    for context, value in _cells(tree, bound):
        if abs(value - target) > slack:
            low, high = (target - slack).quantize(Decimal("0.01")), (target + slack).quantize(Decimal("0.01"))
            return f"{value}{_where(context)} is outside {low}–{high} ({bound.arg} × W, ± {bound.extra.get('tolerance')} × W; W = {wage})"
    return None


RULES: dict[str, Check] = {
    "max": _max,
    "min": _min,
    "equals": _equals,
    "one_of": _one_of,
    "required": lambda tree, bound, city, fw: None,
    "differs_by": _differs_by,
    "non_increasing_by": _monotone(descending=True),
    "non_decreasing_by": _monotone(descending=False),
    "min_spread": _min_spread,
    "mean": _mean,
    "max_share_of_wage": _max_share_of_wage,
    "around_share_of_wage": _around_share_of_wage,
}


def _check_dates(city: Pack, framework: Pack) -> list[dt.date]:
    first = city.versions[0].start
    dates: set[dt.date] = set()
    for pack in (city, framework):
        for version in pack.versions:
            dates.add(version.start)
            for param in version.params.values():
                if param.tree is not None:
                    dates |= change_dates(param.tree)
    return sorted(d for d in dates if d >= first)


def check_against(city: Pack, framework: Pack) -> None:
    """Refuse ``city`` (PackError) at the first framework bound it breaks on any date."""

    template = city is framework
    for day in _check_dates(city, framework):
        try:
            mine, theirs = city.on(day), framework.on(day)
        except PolicyError as exc:
            raise PackError(city.file, "follows", f"{framework.id}: {exc}") from None
        for bound in theirs.version.bounds:
            tree = mine.values.get(bound.key)
            rule = f"{framework.short} {bound.source}"
            if bound.rule == "required":
                if tree is None and not template:
                    raise PackError(city.file, bound.key, f"must be set by the city ({rule}); {mine.missing(bound.key)}")
                continue
            if tree is None:
                continue
            try:
                broken = RULES[bound.rule](tree, bound, mine, theirs)
            except PolicyError as exc:
                raise PackError(city.file, bound.key, str(exc)) from None
            if broken:
                raise PackError(city.file, bound.key,
                                f"on {day}: {broken}, breaking {framework.id}'s bound {bound.rule} ({rule})")
