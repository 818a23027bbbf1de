"""The parameters a policy pack may set, and their values as dated, dimensioned trees.

A value in a pack is a scalar, or a table keyed by one dimension (member category,
institution level, scheme) or by dates (OpenFisca style: each date starts a value that
holds until the next). Tables nest, so 重庆's cap is a table by scheme of tables by
category, and 濮阳's cap is a table by category of dated values (the 2022 half cap is
data). Tables must name every value of their dimension, so a missing level is caught
when the pack loads, not at the counter.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from typing import Union

from desk.domain import BENEFIT_LABELS, OWN_SCHEME_LABELS
from desk.money import InputError, parse_money, parse_ratio
from desk.policy.diseases import DiseaseTable, parse_diseases

DIMENSIONS: dict[str, tuple[str, ...]] = {
    "category": ("employed", "retired"),
    "level": ("0", "1", "2", "3"),
    "scheme": ("employer", "individual_tier2", "individual_tier1"),
}
DATE_KEY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATED_KEYS = {"value", "source"}  # a dated value may be written { value = …, source = "第…条" }

Leaf = Union[Decimal, bool, str, DiseaseTable]


@dataclass(frozen=True)
class Node:
    """A table of values keyed by one dimension; ``date`` tables hold sorted start dates."""

    dim: str
    children: dict[str, "Tree"]
    dates: tuple[dt.date, ...] = ()
    sources: tuple[tuple[str, str], ...] = ()  # (date, source) for dated values that cite their own article


Tree = Union[Leaf, Node]


@dataclass(frozen=True)
class ParamSpec:
    key: str
    kind: str  # money | ratio | bool | enum | diseases
    dims: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    label: str = ""


def _enum(*choices: str) -> tuple[str, ...]:
    return choices


# The outpatient benefits beside 普通门诊, and 重庆 第六条's own schemes, with their words (desk/domain.py).
OTHER_BENEFITS: dict[str, str] = {code: label for code, label in BENEFIT_LABELS.items() if code != "ordinary"}
OWN_SCHEMES: dict[str, str] = OWN_SCHEME_LABELS
# How a benefit takes its deductible: the ordinary annual one (吉林 二（三）), the inpatient one of the
# level once a year topping up at a higher level (二（四）), the inpatient one on every bill (二（五）), none.
DEDUCTIBLE_BASES = ("ordinary_shared", "yearly_top_up", "per_bill", "none")
# Where its ratio comes from: its own (or the disease's) figure, or the inpatient ratio of the level.
RATIO_BASES = ("own", "inpatient")
# Which cap it counts against: one cap over the member's diseases of the benefit, each disease's own,
# or the inpatient annual cap (shared with inpatient pay).
CAP_BASES = ("per_year", "per_disease", "inpatient")

INPATIENT_SPECS = (
    ParamSpec("inpatient.deductible", "money", ("category", "level"), label="同等级住院起付标准"),
    ParamSpec("inpatient.ratio", "ratio", ("level",), label="同级定点医疗机构住院支付比例"),
    ParamSpec("inpatient.retiree_addition", "ratio", ("level",), label="住院退休人员倾斜支付比例"),
    ParamSpec("inpatient.annual_cap", "money", ("category", "scheme"), label="住院统筹基金年度最高支付限额"),
)


def _benefit_specs(benefit: str) -> tuple["ParamSpec", ...]:
    name = OTHER_BENEFITS[benefit]
    return (
        ParamSpec(f"{benefit}.levels", "bool", ("level",), label=f"{name}开展的定点医疗机构等级"),
        ParamSpec(f"{benefit}.specialty_any_level", "bool", label=f"专科医疗机构开展{name}不限定等级"),
        ParamSpec(f"{benefit}.certified", "bool", label=f"{name}须经认定病种"),
        ParamSpec(f"{benefit}.precedes_ordinary", "bool", label=f"与普通门诊交叉时优先享受{name}待遇"),
        ParamSpec(f"{benefit}.inpatient_stops", "bool", label=f"住院期间不享受{name}待遇"),
        ParamSpec(f"{benefit}.deductible_basis", "enum", choices=DEDUCTIBLE_BASES, label=f"{name}起付标准计算方式"),
        ParamSpec(f"{benefit}.ratio_basis", "enum", choices=RATIO_BASES, label=f"{name}支付比例依据"),
        ParamSpec(f"{benefit}.ratio", "ratio", ("level",), label=f"{name}支付比例"),
        ParamSpec(f"{benefit}.cap_basis", "enum", choices=CAP_BASES, label=f"{name}年度最高支付限额计算方式"),
        ParamSpec(f"{benefit}.cap", "money", ("category",), label=f"{name}统筹基金年度最高支付限额"),
        ParamSpec(f"{benefit}.diseases", "diseases", label=f"{name}病种"),
    )


def _own_scheme_specs(scheme: str) -> tuple["ParamSpec", ...]:
    name = OWN_SCHEMES[scheme]
    return (
        ParamSpec(f"own_scheme.{scheme}.ratio", "ratio", ("level",), label=f"{name}支付比例"),
        ParamSpec(f"own_scheme.{scheme}.annual_cap", "money", ("category", "scheme"), label=f"{name}年度支付限额"),
    )


SPECS: dict[str, ParamSpec] = {
    spec.key: spec
    for spec in (
        ParamSpec("ordinary.designated_only", "bool", label="门诊统筹实行定点就医管理"),
        ParamSpec("ordinary.requires_eligibility", "bool", label="待遇享受资格"),
        ParamSpec("ordinary.catalog_rules", "bool", label="医保目录（甲/乙/丙类）"),
        ParamSpec("ordinary.deductible_basis", "enum", choices=_enum("per_visit", "annual"), label="起付标准计算方式"),
        ParamSpec("ordinary.deductible", "money", ("category", "level"), label="起付标准"),
        ParamSpec("ordinary.same_day_shared", "bool", label="当日同一机构只计一次起付标准"),
        ParamSpec("ordinary.ratio", "ratio", ("level",), label="支付比例"),
        ParamSpec("ordinary.retiree_addition", "ratio", ("level",), label="退休人员支付比例增加"),
        ParamSpec("ordinary.family_doctor_addition", "ratio", ("level",), label="家庭医生签约支付比例增加"),
        ParamSpec("ordinary.annual_cap", "money", ("category", "scheme"), label="普通门诊统筹年度最高支付限额"),
        ParamSpec("ordinary.overall_fund_cap", "money", ("category", "scheme"), label="统筹基金年度最高支付限额"),
        ParamSpec("ordinary.beyond_overall_cap_fund", "enum", choices=_enum("hifob"), label="超过统筹基金限额后的支付基金"),
        ParamSpec("ordinary.inpatient_stops", "bool", label="住院期间不享受门诊待遇"),
        ParamSpec("pharmacy.mode", "enum", choices=_enum("prescriber_level", "not_covered", "undefined"), label="定点零售药店结算"),
        ParamSpec("account.pays_self_pay", "bool", label="个人账户支付个人负担费用"),
        ParamSpec("average_wage", "money", label="全省职工年平均工资（W）"),
        *INPATIENT_SPECS,
        *(spec for benefit in OTHER_BENEFITS for spec in _benefit_specs(benefit)),
        *(spec for scheme in OWN_SCHEMES for spec in _own_scheme_specs(scheme)),
    )
}

# What a pack must declare (with a value, or `unset` with the reason) to settle a bill.
SETTLEMENT_KEYS = (
    "ordinary.designated_only",
    "ordinary.requires_eligibility",
    "ordinary.catalog_rules",
    "ordinary.deductible_basis",
    "ordinary.deductible",
    "ordinary.ratio",
    "ordinary.retiree_addition",
    "ordinary.annual_cap",
    "pharmacy.mode",
    "account.pays_self_pay",
)


def _leaf(raw: object, spec: ParamSpec, where: str) -> Leaf:
    if spec.kind == "money":
        return parse_money(raw, where)
    if spec.kind == "ratio":
        return parse_ratio(raw, where)
    if spec.kind == "diseases":
        return parse_diseases(raw, where)
    if spec.kind == "bool":
        if not isinstance(raw, bool):
            raise InputError(where, f"{raw!r} is not true or false")
        return raw
    if not isinstance(raw, str) or raw not in spec.choices:
        raise InputError(where, f"{raw!r} is not one of {', '.join(spec.choices)}")
    return raw


def build_tree(raw: object, spec: ParamSpec, where: str, used: frozenset[str] = frozenset()) -> Tree:
    """Turn a pack's raw value into a tree, checking dimensions, completeness and each leaf."""
    if not isinstance(raw, dict):
        return _leaf(raw, spec, where)
    keys = [str(k) for k in raw]
    if not keys:
        raise InputError(where, "is an empty table")
    if all(DATE_KEY.match(k) for k in keys):
        if "date" in used:
            raise InputError(where, "dates are given twice on one path")
        try:
            dates = sorted(dt.date.fromisoformat(k) for k in keys)
        except ValueError as exc:
            raise InputError(where, f"bad date key: {exc}") from None
        children, sources = {}, []
        for k, v in raw.items():
            if isinstance(v, dict) and "value" in v and set(v) <= DATED_KEYS:
                # A dated value with its own source (OpenFisca's per-value reference): { value = …, source = … }
                source = v.get("source", "")
                if not isinstance(source, str) or ("source" in v and not source.strip()):
                    raise InputError(f"{where}.{k}.source", "must be a non-empty string")
                if source:
                    sources.append((str(k), source))
                v = v["value"]
            children[str(k)] = build_tree(v, spec, f"{where}.{k}", used | {"date"})
        return Node("date", children, tuple(dates), tuple(sorted(sources)))
    dim = next((d for d in spec.dims if d not in used and set(keys) <= set(DIMENSIONS[d])), None)
    if dim is None:
        allowed = ", ".join(f"{d} ({'/'.join(DIMENSIONS[d])})" for d in spec.dims if d not in used) or "none"
        raise InputError(where, f"keys {', '.join(keys)} match no dimension this parameter takes: {allowed}")
    missing = [v for v in DIMENSIONS[dim] if v not in keys]
    if missing:
        raise InputError(where, f"table by {dim} lacks {', '.join(missing)}")
    children = {str(k): build_tree(v, spec, f"{where}.{k}", used | {dim}) for k, v in raw.items()}
    return Node(dim, children)


def dated_source(tree: Tree, day: dt.date, context: dict[str, str]) -> str | None:
    """The source a dated value in force on ``day`` cites for itself, following ``context``; None if none."""
    while isinstance(tree, Node):
        if tree.dim == "date":
            index = bisect_right(tree.dates, day)
            if index == 0:
                return None
            key = tree.dates[index - 1].isoformat()
            own = dict(tree.sources).get(key)
            if own:
                return own
        else:
            key = context.get(tree.dim)
            if key is None:
                return None
        tree = tree.children[key]
    return None


def at_date(tree: Tree, day: dt.date) -> Tree | None:
    """The tree as it stands on ``day`` (date tables resolved); None where no value is in force yet."""
    if not isinstance(tree, Node):
        return tree
    if tree.dim == "date":
        index = bisect_right(tree.dates, day)
        if index == 0:
            return None
        return at_date(tree.children[tree.dates[index - 1].isoformat()], day)
    resolved = {}
    for key, child in tree.children.items():
        value = at_date(child, day)
        if value is None:
            return None
        resolved[key] = value
    return Node(tree.dim, resolved)


def change_dates(tree: Tree) -> set[dt.date]:
    """Every date at which some value of the tree changes."""
    if not isinstance(tree, Node):
        return set()
    found = set(tree.dates)
    for child in tree.children.values():
        found |= change_dates(child)
    return found


def lookup(tree: Tree, context: dict[str, str]) -> Leaf:
    """The leaf for a member/institution context, in a tree already resolved to a date."""
    while isinstance(tree, Node):
        tree = tree.children[context[tree.dim]]
    return tree


def contexts(dims: tuple[str, ...]) -> list[dict[str, str]]:
    """Every combination of values of the given dimensions."""
    found: list[dict[str, str]] = [{}]
    for dim in dims:
        found = [{**c, dim: v} for c in found for v in DIMENSIONS[dim]]
    return found


def cells(tree: Tree, dims: tuple[str, ...]) -> list[tuple[dict[str, str], Leaf]]:
    """Every (context, value) pair over the given dimensions, for checks against bounds."""
    return [(c, lookup(tree, c)) for c in contexts(dims)]


