"""重庆 第六条 第二款: lines paid under their own schemes, apart from the ordinary computation.

Fixed-amount 诊察费/一般诊疗费, "两病" drugs, 门诊特殊疾病 and 国谈药品 are paid by the pooled fund under
schemes of their own and count neither toward the ordinary deductible nor its cap. A catalog
item carries ``scheme``; its lines are settled at the scheme's ratio (``own_scheme.<s>.ratio``)
and, where the scheme has one, under its own annual cap (``own_scheme.<s>.annual_cap``).
"""
from __future__ import annotations

from decimal import Decimal

from desk.engine.inputs import Bill, Member, Usage
from desk.engine.result import SchemePart, Step
from desk.money import ZERO, fen
from desk.policy.pack import PolicyError, Resolved
from desk.domain import OWN_SCHEME_LABELS as OWN_SCHEMES

RATIO_ZERO = Decimal("0.0000")


def scheme_lines(bill: Bill) -> dict[str, list[int]]:
    """Line indexes by own scheme, in the order the schemes first appear.

    Excluded and class C lines are full self-pay whatever their scheme, so they are no scheme's."""
    found: dict[str, list[int]] = {}
    for index, item in enumerate(bill.items):
        if item.scheme and not item.account_excluded and item.cls != "C":
            found.setdefault(item.scheme, []).append(index)
    return found


def check_defined(rules: Resolved, lines: dict[str, list[int]]) -> None:
    for scheme, indexes in lines.items():
        if f"own_scheme.{scheme}.ratio" not in rules.version.params:
            raise PolicyError(f"{rules.version_id} pays no own scheme {scheme!r}"
                              f" (own schemes are 重庆 第六条's: {', '.join(OWN_SCHEMES)})", f"items[{indexes[0]}].scheme")


def settle_schemes(rules: Resolved, member: Member, usage: Usage, bill: Bill, level: int,
                   lines: dict[str, list[int]], in_scope: dict[str, Decimal], blocked: bool,
                   explain: list[Step]) -> tuple[tuple[SchemePart, ...], dict[str, Decimal]]:
    """Each scheme's pool pay, and the scheme usage after the bill."""
    parts = []
    used_after = dict(usage.scheme_pool_paid)
    for scheme, indexes in lines.items():
        amount = in_scope[scheme]
        name = OWN_SCHEMES[scheme]
        if blocked:
            parts.append(SchemePart(scheme, amount, RATIO_ZERO, ZERO, ZERO))
            continue
        key = f"own_scheme.{scheme}.ratio"
        ratio = rules.get(key, {"level": str(level)}, f"items[{indexes[0]}].scheme")
        computed = fen(amount * ratio)
        pool, over = computed, ZERO
        cap_key = f"own_scheme.{scheme}.annual_cap"
        why = f"{name}按其保障政策支付，不计入普通门诊统筹起付标准和年度支付额度：{amount!s} × {ratio:.4f} = {computed!s}元"
        if rules.has(cap_key):
            cap = rules.get(cap_key, {"category": member.category, "scheme": member.scheme})
            left = max(ZERO, cap - usage.scheme_pool_paid.get(scheme, ZERO))
            pool = min(computed, left)
            over = computed - pool
            if over:
                why += f"，年度支付限额{cap!s}元尚余{left!s}元"
        elif cap_key in rules.version.params and rules.version.params[cap_key].unset:
            rules.get(cap_key, field=f"items[{indexes[0]}].scheme")
        explain.append(Step("own_scheme", pool, why, f"{rules.source(key)}", key, str(ratio)))
        used_after[scheme] = used_after.get(scheme, ZERO) + pool
        parts.append(SchemePart(scheme, amount, ratio.quantize(RATIO_ZERO), pool, over))
    return tuple(parts), used_after
