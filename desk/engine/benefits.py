"""Which benefit a bill is settled under, and that benefit's deductible, ratio and cap.

POLICY_NOTES "Other outpatient benefits": a bill is settled under one benefit; a disease benefit
needs a certification in force on the bill's day and an institution of a level it allows; where a
certified disease's benefit and the ordinary one both apply, the disease benefit comes first
(吉林 六（三）). Each benefit's figures are pack parameters (``chronic.ratio``, ``special.cap_basis``…),
and a figure the pack leaves unset refuses the bill naming the key.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from desk.engine.inputs import Bill, Certification, Institution, Member, Usage
from desk.engine.result import Step
from desk.money import ONE, ZERO
from desk.policy.diseases import Disease
from desk.policy.pack import PolicyError, Resolved
from desk.domain import BENEFIT_LABELS, BENEFITS, CERTIFIED_BENEFITS

LEVEL_NAMES = {0: "一级以下", 1: "一级", 2: "二级", 3: "三级"}
# Benefits tried, in this order, when an ordinary bill names a certified disease (precedence).
DISEASE_BENEFITS = CERTIFIED_BENEFITS


def benefit_name(benefit: str) -> str:
    return BENEFIT_LABELS[benefit]


def defines(rules: Resolved, benefit: str) -> bool:
    """A pack defines a benefit by stating (a value or unset) the levels it is paid at."""
    return benefit == "ordinary" or f"{benefit}.levels" in rules.version.params


def _in_force(member: Member, benefit: str, disease: str, day: dt.date) -> Certification | None:
    return next((c for c in member.certified if c.benefit == benefit and c.disease == disease and c.in_force(day)),
                None)


def _disease(rules: Resolved, benefit: str, code: str) -> Disease:
    table = rules.get(f"{benefit}.diseases", field="disease")
    row = table.get(code)
    if row is None:
        known = table.codes()
        shown = ", ".join(known[:12]) + (" …" if len(known) > 12 else "")
        raise PolicyError(f"{code!r} is not a disease of {benefit} ({benefit_name(benefit)}) in {rules.version_id}"
                          f" (known: {shown})", "disease")
    return row


def _level_allowed(rules: Resolved, benefit: str, bill: Bill, level: int) -> bool:
    if bill.institution.specialty and rules.get_or(f"{benefit}.specialty_any_level", False):
        return True
    return bool(rules.get(f"{benefit}.levels", {"level": str(level)}, "institution.level"))


def _applies(rules: Resolved, member: Member, bill: Bill, benefit: str, code: str, day: dt.date, level: int) -> bool:
    """Could this disease benefit settle the bill (for precedence: no refusal, just yes or no)."""
    if not defines(rules, benefit) or not rules.get_or(f"{benefit}.precedes_ordinary", False):
        return False
    table = rules.values.get(f"{benefit}.diseases")
    if table is None or table.get(code) is None or _in_force(member, benefit, code, day) is None:
        return False
    tree = rules.values.get(f"{benefit}.levels")
    if tree is None or not _level_allowed(rules, benefit, bill, level):
        return False
    return not (member.inpatient and rules.get_or(f"{benefit}.inpatient_stops", False))


def known_disease(rules: Resolved, code: str) -> bool:
    for benefit in DISEASE_BENEFITS:
        table = rules.values.get(f"{benefit}.diseases") if defines(rules, benefit) else None
        if table is not None and table.get(code) is not None:
            return True
    return False


def choose(rules: Resolved, member: Member, bill: Bill, day: dt.date, level: int,
           explain: list[Step]) -> tuple[str, Disease | None]:
    """The benefit and disease the bill settles under; PolicyError naming the field when it may not."""
    asked = bill.benefit
    if asked == "ordinary":
        if bill.disease is None:
            return "ordinary", None
        for benefit in DISEASE_BENEFITS:
            if _applies(rules, member, bill, benefit, bill.disease, day, level):
                row = _disease(rules, benefit, bill.disease)
                name = benefit_name(benefit)
                explain.append(Step("precedence", None,
                                    f"参保人员享受普通门诊和{name}待遇有交叉时（{row.name}），优先享受{name}待遇",
                                    rules.source(f"{benefit}.precedes_ordinary"), f"{benefit}.precedes_ordinary"))
                return eligible(rules, member, bill, benefit, day, level, explain)
        if not known_disease(rules, bill.disease):
            raise PolicyError(f"{bill.disease!r} is not a disease of any benefit in {rules.version_id}", "disease")
        return "ordinary", None
    return eligible(rules, member, bill, asked, day, level, explain)


def eligible(rules: Resolved, member: Member, bill: Bill, benefit: str, day: dt.date, level: int,
             explain: list[Step]) -> tuple[str, Disease | None]:
    """Check the benefit may settle this bill: defined, certified disease in force, level allowed."""
    name = benefit_name(benefit)
    if not defines(rules, benefit):
        offered = ", ".join(b for b in BENEFITS if defines(rules, b))
        raise PolicyError(f"benefit {benefit!r}: {rules.version_id} does not define {name}"
                          f" (benefits here: {offered})", "benefit")
    certified = rules.get(f"{benefit}.certified", field="benefit")
    row = None
    why = []
    if certified:
        if bill.disease is None:
            raise PolicyError(f"is required for {benefit} ({name}): the certified disease's code", "disease")
        row = _disease(rules, benefit, bill.disease)
        cert = _in_force(member, benefit, bill.disease, day)
        if cert is None:
            held = [c for c in member.certified if c.benefit == benefit and c.disease == bill.disease]
            if held:
                spans = ", ".join(f"{c.start.isoformat()} to {c.end.isoformat()}" for c in held)
                raise PolicyError(f"the {benefit} certification for {bill.disease} ({row.name}) is valid {spans},"
                                  f" not on {day.isoformat()}", "member.certified")
            raise PolicyError(f"no {benefit} certification for {bill.disease} ({row.name}): {name} is paid only"
                              f" for a disease certified for the member", "member.certified")
        why.append(f"{name}认定病种{row.name}（{row.code}），认定有效期{cert.start.isoformat()}至{cert.end.isoformat()}")
    elif bill.disease is not None:
        raise PolicyError(f"{benefit} ({name}) is not paid by disease; leave disease out", "disease")
    if not _level_allowed(rules, benefit, bill, level):
        raise PolicyError(f"{name} ({benefit}) is not paid at a level-{level} institution under {rules.version_id}"
                          f" ({rules.source(f'{benefit}.levels')}); choose another benefit", "institution.level")
    if bill.institution.specialty and rules.get_or(f"{benefit}.specialty_any_level", False):
        why.append(f"专科医疗机构开展{name}不限定等级")
        source = rules.source(f"{benefit}.specialty_any_level")
    else:
        why.append(f"{LEVEL_NAMES[level]}定点医疗机构可开展{name}")
        source = rules.source(f"{benefit}.levels")
    explain.append(Step("benefit", None, "；".join(why), source, f"{benefit}.levels"))
    return benefit, row


@dataclass(frozen=True)
class Terms:
    """What a non-ordinary benefit applies to the in-scope amount, and the usage it moves."""

    deductible: Decimal
    ratio: Decimal
    cap: Decimal
    cap_used: Decimal
    usage: Usage  # usage after the deductible (pool pay is added by the caller through ``moves``)
    moves: str  # which usage pool pay moves: disease | inpatient
    cap_name: str  # the cap as the explanation names it
    cap_source: str
    ratio_source: str


def _inpatient_ratio(rules: Resolved, member: Member, level: int, parts: list[str], sources: list[str]) -> Decimal:
    base = rules.get("inpatient.ratio", {"level": str(level)}, "benefit")
    parts.append(f"同级定点医疗机构住院支付比例{base:.0%}")
    sources.append(rules.source("inpatient.ratio"))
    if member.category == "retired":
        addition = rules.get("inpatient.retiree_addition", {"level": str(level)}, "member.category")
        parts.append(f"退休人员住院倾斜{addition * 100:.0f}个百分点")
        sources.append(rules.source("inpatient.retiree_addition"))
        return base + addition
    return base


def _ratio_step(rules: Resolved, member: Member, benefit: str, row: Disease | None,
                level: int) -> tuple[Decimal, str, Step]:
    """A benefit's ratio for a level, category and disease, its sources and its explanation step."""
    name = benefit_name(benefit)
    parts: list[str] = []
    sources: list[str] = []
    if rules.get(f"{benefit}.ratio_basis", field="benefit") == "inpatient":
        ratio = _inpatient_ratio(rules, member, level, parts, sources)
    elif row is not None and row.ratio is not None:
        ratio = row.ratio
        parts.append(f"{row.name}支付比例{ratio:.0%}")
        sources.append(rules.source(f"{benefit}.diseases"))
    else:
        ratio = rules.get(f"{benefit}.ratio", {"level": str(level)}, "benefit")
        parts.append(f"{name}支付比例{ratio:.0%}")
        sources.append(rules.source(f"{benefit}.ratio"))
    if ratio > ONE:
        raise PolicyError(f"{rules.version_id}: the {benefit} ratio for this bill adds up to {ratio}, above 1")
    ratio = ratio.quantize(Decimal("0.0000"))
    source = "；".join(dict.fromkeys(sources))
    return ratio, source, Step("ratio", None, "，".join(parts), source, f"{benefit}.ratio", str(ratio))


def terms(rules: Resolved, member: Member, usage: Usage, benefit: str, row: Disease | None, level: int,
          in_scope: Decimal, explain: list[Step], ordinary_deductible) -> Terms:
    """Deductible, ratio and cap of a benefit other than ordinary, each step explained with its article."""
    name = benefit_name(benefit)
    context = {"category": member.category, "level": str(level)}
    basis = rules.get(f"{benefit}.deductible_basis", field="benefit")
    after = usage
    if basis == "ordinary_shared":
        applied, after = ordinary_deductible(rules, member, usage, level, in_scope, explain,
                                             f"{name}与普通门诊统筹起付标准合并计算；",
                                             rules.source(f"{benefit}.deductible_basis"))
    else:
        if basis == "none":
            applied = ZERO
            why = f"{name}不设起付标准"
            source, key, value = rules.source(f"{benefit}.deductible_basis"), f"{benefit}.deductible_basis", "none"
        else:
            standard = rules.get("inpatient.deductible", context, "benefit")
            source, key, value = rules.source("inpatient.deductible"), "inpatient.deductible", str(standard)
            if basis == "yearly_top_up":
                met = usage.special_deductible_met
                applied = min(in_scope, max(ZERO, standard - met))
                after = usage.but(special_deductible_met=met + applied)
                why = (f"{name}起付标准同{LEVEL_NAMES[level]}住院起付标准{standard!s}元，一个自然年度计算一次；"
                       f"本年已计{met!s}元，本次计入{applied!s}元" + ("（前往上级定点医疗机构补差）" if met and applied else ""))
            else:
                applied = min(in_scope, standard)
                why = f"{name}参照{LEVEL_NAMES[level]}住院起付标准{standard!s}元，本次计入{applied!s}元"
            source = f"{source}；{rules.source(f'{benefit}.deductible_basis')}"
        explain.append(Step("deductible", applied, why, source, key, value))

    memo_key = ("benefit.ratio", benefit, level, member.category, row.code if row else None)
    found = rules.memo.get(memo_key)
    if found is None:
        found = rules.memo[memo_key] = _ratio_step(rules, member, benefit, row, level)
    ratio, ratio_source, step = found
    explain.append(step)

    cap_basis = rules.get(f"{benefit}.cap_basis", field="benefit")
    if cap_basis == "inpatient":
        if usage.inpatient_pool_paid is None:
            raise PolicyError(f"is unknown: {name} shares the inpatient annual cap"
                              f" ({rules.source(f'{benefit}.cap_basis')}), so this year's inpatient pool pay is needed",
                              "usage.inpatient_pool_paid")
        cap = rules.get("inpatient.annual_cap", {"category": member.category, "scheme": member.scheme}, "benefit")
        used, moves = usage.inpatient_pool_paid, "inpatient"
        cap_name = "住院年度最高支付限额（合并计算）"
        cap_source = f"{rules.source(f'{benefit}.cap_basis')}；{rules.source('inpatient.annual_cap')}"
    elif cap_basis == "per_disease" and row is not None and row.cap is not None:
        cap, used, moves = row.cap, usage.disease_pool_paid.get(row.code, ZERO), "disease"
        cap_name = f"{row.name}年度最高支付限额"
        cap_source = f"{rules.source(f'{benefit}.cap_basis')}；{rules.source(f'{benefit}.diseases')}"
    else:
        cap = rules.get(f"{benefit}.cap", {"category": member.category}, "benefit")
        moves = "disease"
        cap_source = rules.source(f"{benefit}.cap")
        if cap_basis == "per_disease":
            used = usage.disease_pool_paid.get(row.code, ZERO) if row is not None else ZERO
            cap_name = f"{row.name}年度最高支付限额" if row is not None else f"{name}年度最高支付限额"
        else:
            cap_name = f"{name}年度最高支付限额（各病种合并计算）" if row is not None else f"{name}年度最高支付限额"
            table = rules.values.get(f"{benefit}.diseases")
            codes = table.codes() if table is not None else ()
            used = sum((v for k, v in usage.disease_pool_paid.items() if k in codes), ZERO)
    return Terms(applied, ratio, cap, used, after, moves, cap_name, cap_source, ratio_source)


@dataclass(frozen=True)
class Offer:
    """A benefit the counter may offer for a member: a certified disease's (with its dates) or one needing none."""

    benefit: str
    disease: str | None = None
    disease_name: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    in_force: bool = True
    allowed: bool = True  # paid at this institution's level
    items: frozenset[str] = frozenset()  # catalog codes the pack lists for the disease (病种用药范围)


def offers(rules: Resolved, member: Member, day: dt.date, level: int, specialty: bool = False) -> list[Offer]:
    """Ordinary first, then each certification the member holds under a benefit the pack defines (in force or
    not, so the card can show the dates), then the benefits that need none (急诊抢救, 日间手术)."""
    found = [Offer("ordinary")]
    bill = Bill(Institution(level, specialty=specialty), ())
    for cert in member.certified:
        if not defines(rules, cert.benefit):
            continue
        table = rules.values.get(f"{cert.benefit}.diseases")
        row = table.get(cert.disease) if table is not None else None
        levels = rules.values.get(f"{cert.benefit}.levels")
        allowed = levels is not None and _level_allowed(rules, cert.benefit, bill, level)
        found.append(Offer(cert.benefit, cert.disease, row.name if row else "", cert.start, cert.end,
                           cert.in_force(day), allowed, frozenset(row.items) if row else frozenset()))
    for benefit in BENEFITS:
        if benefit not in CERTIFIED_BENEFITS and benefit != "ordinary" and defines(rules, benefit):
            levels = rules.values.get(f"{benefit}.levels")
            found.append(Offer(benefit, allowed=levels is not None and _level_allowed(rules, benefit, bill, level)))
    return found


def default_offer(options: list[Offer], codes: Iterable[str] = ()) -> Offer:
    """The certified benefit the visit's items fit comes before ordinary (吉林 六（三））: the first certification
    in force and paid here whose disease the pack lists one of the visit's catalog ``codes`` for; ordinary
    when the pack lists items for those diseases and the visit has none of them. Where it lists none (or
    the visit has no line yet) the item data cannot tell, and the first certification in force is it."""
    usable = [o for o in options if o.disease and o.in_force and o.allowed]
    codes = set(codes)
    if codes and any(o.items for o in usable):
        return next((o for o in usable if o.items & codes), options[0])
    return next(iter(usable), options[0])
