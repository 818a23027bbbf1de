"""The settlement engine: one pure function from (policy, member, usage, bill, time) to a split.

It follows POLICY_NOTES.md's order of a settlement: full self-pay, pre-self-pay, in scope,
deductible, pool pay limited by the annual cap, then self-pay from the personal account and
cash. No I/O, no clock, no globals; every figure it decides is explained with its article.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from desk.engine.benefits import LEVEL_NAMES, benefit_name, choose, terms
from desk.domain import RELATION_LABELS
from desk.engine.inputs import Bill, Member, Usage, local_day
from desk.engine.own_schemes import check_defined, scheme_lines, settle_schemes
from desk.engine.result import FUND_NAMES, FundPart, SchemePart, Settlement, Step
from desk.money import ONE, ZERO, fen
from desk.policy.diseases import Disease
from desk.policy.pack import Pack, PolicyError, Resolved

# The explanations write Decimals with ``!s``: the same text as the bare ``{x}`` (an empty format spec is
# str()), without Decimal.__format__'s parsing of that empty spec, a third of an explanation's cost.
RATIO_ZERO = Decimal("0.0000")


def _catalog(rules: Resolved, bill: Bill, explain: list[Step]):
    """Total, 全自费 (class C, and account-excluded items), 先行自付 (class B × its ratio, per line, half-up),
    the excluded amount, the ordinary lines' in-scope amount and each own scheme's."""
    total = full = pre = excluded = ordinary = ZERO
    by_scheme: dict[str, Decimal] = {}
    for item in bill.items:
        amount = item.amount
        total += amount
        if item.account_excluded:
            excluded += amount
            continue
        if item.cls == "C":
            full += amount
            continue
        line_pre = fen(amount * item.selfpay_ratio) if item.cls == "B" and item.selfpay_ratio else ZERO
        pre += line_pre
        if item.scheme:
            by_scheme[item.scheme] = by_scheme.get(item.scheme, ZERO) + amount - line_pre
        else:
            ordinary += amount - line_pre
    source = rules.source("ordinary.catalog_rules")
    if full:
        explain.append(Step("full_self_pay", full, "丙类及目录外项目全自费，统筹基金不予支付", source))
    if excluded:
        explain.append(Step("account_excluded", excluded,
                            "公共卫生、体育健身、养生保健等不属于基本医疗保险保障范围的支出全自费，个人账户不予支付，以现金支付",
                            rules.source("account.pays_self_pay"), "account.pays_self_pay"))
    if pre:
        explain.append(Step("pre_self_pay", pre, "乙类项目按先行自付比例由个人先行负担", source))
    return total, full + excluded, pre, excluded, ordinary, by_scheme


def _no_pool_reason(rules: Resolved, member: Member, bill: Bill, benefit: str) -> tuple[str, str, str] | None:
    """Why the pool pays nothing for this bill, if it does not: (why, param key, step)."""
    inst = bill.institution
    if not inst.designated and rules.get("ordinary.designated_only"):
        return "非门诊统筹定点医疗机构发生的门诊费用，统筹基金不予支付", "ordinary.designated_only", "not_designated"
    if not member.eligible and rules.get("ordinary.requires_eligibility"):
        return "参保人员不在门诊共济保障待遇享受范围内，统筹基金不予支付", "ordinary.requires_eligibility", "not_eligible"
    if member.inpatient and rules.get_or(f"{benefit}.inpatient_stops", False):
        return f"住院期间不享受{benefit_name(benefit)}待遇", f"{benefit}.inpatient_stops", "inpatient"
    if inst.type == "pharmacy":
        mode = rules.get("pharmacy.mode")
        if mode == "not_covered":
            return "定点零售药店普通门诊统筹结算政策尚未制定，统筹基金不予支付", "pharmacy.mode", "pharmacy_not_covered"
        if bill.prescriber_level is None:
            return "定点零售药店凭外配处方结算；无外配处方，统筹基金不予支付", "pharmacy.mode", "no_prescription"
        if mode == "undefined":
            raise PolicyError(f"{rules.version_id}: the pack does not say how a pharmacy bill on an external"
                              f" prescription is settled ({rules.source('pharmacy.mode')}); prescriber_level"
                              f" {bill.prescriber_level} cannot be applied", "prescriber_level")
    return None


def _level(bill: Bill) -> int:
    if bill.institution.type == "pharmacy" and bill.prescriber_level is not None:
        return bill.prescriber_level
    return bill.institution.level


def _deductible(rules: Resolved, member: Member, usage: Usage, level: int, in_scope: Decimal,
                explain: list[Step], prefix: str = "", extra_source: str = "") -> tuple[Decimal, Usage]:
    memo_key = ("ordinary.deductible", member.category, level, extra_source)
    found = rules.memo.get(memo_key)
    if found is None:
        standard = rules.get("ordinary.deductible", {"category": member.category, "level": str(level)})
        source = rules.source("ordinary.deductible", {"category": member.category, "level": str(level)})
        found = rules.memo[memo_key] = (standard, rules.get("ordinary.deductible_basis"),
                                        f"{extra_source}；{source}" if extra_source else source, str(standard))
    standard, basis, source, shown = found
    if basis == "annual":
        still_open = max(ZERO, standard - usage.deductible_met)
        applied = min(in_scope, still_open)
        after = usage.but(deductible_met=usage.deductible_met + applied)
        why = (f"{prefix}年度累计起付标准{standard!s}元，本年已累计{usage.deductible_met!s}元，本次计入{applied!s}元")
    else:
        shared = rules.get_or("ordinary.same_day_shared", False)
        met_today = usage.same_day_deductible_met if shared else ZERO
        still_open = max(ZERO, standard - met_today)
        applied = min(in_scope, still_open)
        after = usage.but(same_day_deductible_met=met_today + applied)
        why = f"{prefix}{LEVEL_NAMES[level]}定点医疗机构每次起付标准{standard!s}元"
        if shared and met_today:
            why += f"；当日同一机构已计{met_today!s}元，只计算一次起付标准（{rules.source('ordinary.same_day_shared')}）"
        why += f"，本次{applied!s}元"
    explain.append(Step("deductible", applied, why, source, "ordinary.deductible", shown))
    return applied, after


def _ratio(rules: Resolved, member: Member, bill: Bill, level: int, explain: list[Step]) -> Decimal:
    signed = member.family_doctor_institution
    family_doctor = bool(signed and signed == bill.institution.id and bill.institution.type != "pharmacy")
    # the signed institution's level only when the family-doctor addition applies: never ``family_doctor and
    # level``, whose False and 0 are one dict key (a signed level-0 bill's ratio was then given to unsigned ones)
    memo_key = ("ordinary.ratio", level, member.category, bill.institution.level if family_doctor else None)
    found = rules.memo.get(memo_key)
    if found is None:
        found = rules.memo[memo_key] = _ratio_step(rules, member, bill, level, family_doctor)
    explain.append(found[1])
    return found[0]


def _ratio_step(rules: Resolved, member: Member, bill: Bill, level: int, family_doctor: bool) -> tuple[Decimal, Step]:
    """The ratio for a level, category and family-doctor signing, with its explanation step."""
    base = rules.get("ordinary.ratio", {"level": str(level)})
    ratio = base
    parts = [f"{LEVEL_NAMES[level]}医疗机构支付比例{base:.0%}"]
    sources = [rules.source("ordinary.ratio")]
    if member.category == "retired":
        addition = rules.get("ordinary.retiree_addition", {"level": str(level)}, "member.category")
        ratio += addition
        parts.append(f"退休人员提高{addition * 100:.0f}个百分点")
        sources.append(rules.source("ordinary.retiree_addition"))
    if family_doctor:
        addition = rules.get_or("ordinary.family_doctor_addition", ZERO, {"level": str(bill.institution.level)})
        if addition:
            ratio += addition
            parts.append(f"在签约家庭医生的基层机构提高{addition * 100:.0f}个百分点")
            sources.append(rules.source("ordinary.family_doctor_addition"))
    if ratio > ONE:
        raise PolicyError(f"{rules.version_id}: the ratio for this bill adds up to {ratio}, above 1")
    ratio = ratio.quantize(RATIO_ZERO)
    return ratio, Step("ratio", None, "，".join(parts), "；".join(dict.fromkeys(sources)), "ordinary.ratio", str(ratio))


def _funds(rules: Resolved, member: Member, usage: Usage, pool: Decimal, explain: list[Step]) -> tuple[FundPart, ...]:
    """Who pays the pool share: 统筹基金, and past an overall cap the fund the pack names (重庆 第八条)."""
    if not pool:
        return ()
    beyond = rules.get_or("ordinary.beyond_overall_cap_fund", "")
    if not beyond:
        return (FundPart("hifp", pool),)
    key = "ordinary.overall_fund_cap"
    source = rules.source(key)
    if not rules.has(key):
        explain.append(Step("funds", pool, f"统筹基金年度最高支付限额未配置，全部计为{FUND_NAMES['hifp']}支付", source, key))
        return (FundPart("hifp", pool),)
    if usage.fund_paid_total is None:
        explain.append(Step("funds", pool, f"本年统筹基金累计支付额未知，无法划分{FUND_NAMES[beyond]}，全部计为统筹基金支付",
                            source, key))
        return (FundPart("hifp", pool),)
    cap = rules.get(key, {"category": member.category, "scheme": member.scheme})
    from_pool = min(pool, max(ZERO, cap - usage.fund_paid_total))
    parts = [FundPart("hifp", from_pool)] if from_pool else []
    if pool - from_pool:
        parts.append(FundPart(beyond, pool - from_pool))
        explain.append(Step("funds", pool - from_pool,
                            f"统筹基金年度最高支付限额{cap!s}元已用{usage.fund_paid_total!s}元，超出部分{pool - from_pool!s}元"
                            f"由{FUND_NAMES[beyond]}按同一比例支付", source, key, str(cap)))
    return tuple(parts)


def _pool(computed: Decimal, cap: Decimal, used: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """Pool pay limited by what is left of the cap, what the cap cut off, and what is left after."""
    cap_left = max(ZERO, cap - used)
    pool = min(computed, cap_left)
    return pool, computed - pool, cap_left


def _ordinary(rules: Resolved, member: Member, usage: Usage, bill: Bill, level: int, in_scope: Decimal,
              explain: list[Step]):
    deductible, usage_after = _deductible(rules, member, usage, level, in_scope, explain)
    ratio = _ratio(rules, member, bill, level, explain)
    computed = fen((in_scope - deductible) * ratio)
    memo_key = ("ordinary.annual_cap", member.category, member.scheme)
    found = rules.memo.get(memo_key)
    if found is None:
        cap = rules.get("ordinary.annual_cap", {"category": member.category, "scheme": member.scheme})
        cap_source = rules.source("ordinary.annual_cap", {"category": member.category, "scheme": member.scheme})
        found = rules.memo[memo_key] = (cap, cap_source, f"{rules.source('ordinary.ratio')}；{cap_source}")
    cap, cap_source, pool_source = found
    pool, over_cap, cap_left = _pool(computed, cap, usage.ordinary_pool_paid)
    explain.append(Step("pool_pay", pool,
                        f"（政策范围内{in_scope!s} − 起付{deductible!s}）× {ratio!s} = {computed!s}元"
                        + (f"，年度最高支付限额{cap!s}元尚余{cap_left!s}元" if over_cap else ""),
                        pool_source, "ordinary.annual_cap", str(cap)))
    if over_cap:
        explain.append(Step("over_cap", over_cap, f"超过年度最高支付限额{cap!s}元的{over_cap!s}元由个人负担",
                            cap_source, "ordinary.annual_cap", str(cap)))
    usage_after = usage_after.but(ordinary_pool_paid=usage.ordinary_pool_paid + pool)
    return deductible, ratio, pool, over_cap, cap, cap_left - pool, usage_after


def _other(rules: Resolved, member: Member, usage: Usage, benefit: str, row: Disease | None, level: int,
           in_scope: Decimal, explain: list[Step]):
    t = terms(rules, member, usage, benefit, row, level, in_scope, explain, _deductible)
    computed = fen((in_scope - t.deductible) * t.ratio)
    pool, over_cap, cap_left = _pool(computed, t.cap, t.cap_used)
    cap_name = t.cap_name
    explain.append(Step("pool_pay", pool,
                        f"（政策范围内{in_scope!s} − 起付{t.deductible!s}）× {t.ratio!s} = {computed!s}元；"
                        f"{cap_name}{t.cap!s}元，已支付{t.cap_used!s}元，尚余{cap_left!s}元",
                        f"{t.ratio_source}；{t.cap_source}", f"{benefit}.cap", str(t.cap)))
    if over_cap:
        explain.append(Step("over_cap", over_cap, f"超过{cap_name}{t.cap!s}元的{over_cap!s}元由个人负担",
                            t.cap_source, f"{benefit}.cap", str(t.cap)))
    after = t.usage
    if t.moves == "inpatient":
        after = after.but(inpatient_pool_paid=usage.inpatient_pool_paid + pool)
    elif row is not None:
        paid = dict(usage.disease_pool_paid)
        paid[row.code] = paid.get(row.code, ZERO) + pool
        after = after.but(disease_pool_paid=paid)
    return t.deductible, t.ratio, pool, over_cap, t.cap, cap_left - pool, after


def settle(pack: Pack, member: Member, usage: Usage, bill: Bill, at: dt.datetime) -> Settlement:
    """Split one bill between the funds and the patient under ``pack`` as in force at ``at``."""
    day = local_day(at)
    if not pack.settles:
        raise PolicyError(f"{pack.id} is a provincial framework: it sets bounds for its cities, not figures;"
                          f" settle under a city pack that follows {pack.id}", "policy")
    rules = pack.on(day)
    if bill.payer_relation is not None and bill.payer_relation not in RELATION_LABELS:
        raise PolicyError(f"{bill.payer_relation!r}: a family account pays only for the holder's spouse, parents"
                          f" and children ({rules.source('account.pays_self_pay')})", "payer_relation")
    explain: list[Step] = []
    level = _level(bill)
    benefit, row = choose(rules, member, bill, day, level, explain)
    total, full, pre, excluded, in_scope, scheme_scope = _catalog(rules, bill, explain)
    lines = scheme_lines(bill) if scheme_scope else {}
    if lines:
        check_defined(rules, lines)
    blocked = _no_pool_reason(rules, member, bill, benefit)
    over_cap = ZERO
    cap = cap_left = None
    if blocked:
        why, key, step = blocked
        explain.append(Step(step, ZERO, why, rules.source(key), key))
        deductible, ratio, pool, usage_after = ZERO, RATIO_ZERO, ZERO, usage
    elif benefit == "ordinary":
        deductible, ratio, pool, over_cap, cap, cap_left, usage_after = _ordinary(
            rules, member, usage, bill, level, in_scope, explain)
    else:
        deductible, ratio, pool, over_cap, cap, cap_left, usage_after = _other(
            rules, member, usage, benefit, row, level, in_scope, explain)
    schemes: tuple[SchemePart, ...] = ()
    if lines:
        schemes, scheme_used = settle_schemes(rules, member, usage, bill, level, lines, scheme_scope,
                                              blocked is not None, explain)
        usage_after = usage_after.but(scheme_pool_paid=scheme_used)
        pool += sum((p.pool_pay for p in schemes), ZERO)
    if pool and usage.fund_paid_total is not None:
        usage_after = usage_after.but(fund_paid_total=usage.fund_paid_total + pool)
    funds = _funds(rules, member, usage, pool, explain)
    self_pay = total - pool
    account = ZERO
    if bill.use_account and rules.get("account.pays_self_pay"):
        account = min(self_pay - excluded, member.account_balance)
        if account:
            whose = f"家庭成员（{RELATION_LABELS[bill.payer_relation]}）的个人账户（家庭共济）" if bill.payer_relation else "个人账户"
            explain.append(Step("account_pay", account, f"个人自付部分由{whose}支付（余额{member.account_balance!s}元）",
                                rules.source("account.pays_self_pay"), "account.pays_self_pay"))
    cash = self_pay - account
    explain.append(Step("cash_pay", cash, "其余由个人以现金支付", rules.source("account.pays_self_pay")))
    return Settlement.fast(
        policy_version=rules.version_id, year=day.year, level_applied=level, total=total,
        full_self_pay=full, pre_self_pay=pre, in_scope=in_scope, deductible=deductible, ratio=ratio,
        pool_pay=pool, over_cap=over_cap, self_pay=self_pay, account_pay=account, cash_pay=cash,
        account_balance_after=member.account_balance - account, funds=funds, usage_after=usage_after,
        explain=tuple(explain), benefit=benefit, disease=row.code if row else None,
        disease_name=row.name if row else "", schemes=schemes, account_excluded=excluded,
        cap=cap, cap_left=cap_left,
    )
