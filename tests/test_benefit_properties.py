"""Properties of every benefit (chronic, special, emergency, day surgery, 重庆's own schemes, excluded items),
over random bills in the example city packs of tests/packs: parts add up, no cap is exceeded, and more
usage never raises the pool pay.
"""
import datetime as dt
from dataclasses import replace
from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from desk.engine import Bill, Institution, Item, Member, Usage, settle
from desk.engine.inputs import Certification
from desk.money import FEN, ZERO, fen
from desk.policy.loader import Library
from desk.policy.pack import PolicyError
from support import EXAMPLE_PACKS

LIBRARY = Library([EXAMPLE_PACKS])
CST = dt.timezone(dt.timedelta(hours=8))
PLACES = {
    "changchun": (dt.date(2023, 1, 1), ("ordinary", "chronic", "special", "emergency", "day_surgery")),
    "nanchang": (dt.date(2023, 1, 1), ("ordinary", "chronic")),
    "chongqing": (dt.date(2024, 1, 1), ("ordinary",)),
}
DISEASES = {("changchun", "chronic"): ("I10", "E11", "I25"), ("changchun", "special"): ("N18", "C97"),
            ("nanchang", "chronic"): ("M01", "M02", "M10", "M20")}
SCHEMES = (None, None, None, "fixed_fee", "two_diseases", "special_disease", "national_negotiated")
# refusals a random bill may meet: a level the benefit does not allow, a lapsed certification
EXPECTED_REFUSALS = {"institution.level", "member.certified", "prescriber_level"}

money = st.decimals(min_value=0, max_value=3000, places=2, allow_nan=False, allow_infinity=False)
big_line = st.decimals(min_value=0, max_value=5000, places=0, allow_nan=False, allow_infinity=False).map(lambda d: d.quantize(FEN))
big = st.decimals(min_value=0, max_value=120000, places=2, allow_nan=False, allow_infinity=False)
ratio = st.decimals(min_value=0, max_value=1, places=2, allow_nan=False, allow_infinity=False)
# disease usage: anything, or just short of a cap of the example packs (2000, 3000, 4000, 4500, 5000)
near_cap = st.sampled_from([Decimal(v) for v in ("1990.00", "2990.00", "3990.00", "4490.00", "4990.00")])


@st.composite
def cases(draw, place=None, benefit=None):
    place = place or draw(st.sampled_from(sorted(PLACES)))
    start, benefits = PLACES[place]
    benefit = benefit or draw(st.sampled_from(benefits))
    day = start + dt.timedelta(days=draw(st.integers(0, 700)))
    at = dt.datetime.combine(day, dt.time(draw(st.integers(0, 23))), CST)
    codes = DISEASES.get((place, benefit), ())
    disease = draw(st.sampled_from(codes)) if codes else None
    if benefit == "ordinary" and place != "chongqing" and draw(st.booleans()):
        disease = draw(st.sampled_from(DISEASES[(place, "chronic")]))  # precedence
    certs = ()
    if disease:
        cert_benefit = benefit if benefit != "ordinary" else "chronic"
        offset = draw(st.integers(-400, 5))
        certs = (Certification(cert_benefit, disease, day + dt.timedelta(days=offset),
                               day + dt.timedelta(days=offset + draw(st.integers(0, 800)))),)
    schemes = SCHEMES if place == "chongqing" else (None,)
    lines = st.integers(1, 8) if benefit in ("special", "emergency") else st.integers(1, 6)
    size = draw(lines)
    items = draw(st.lists(st.builds(
        lambda amount, cls, r, scheme, excluded: Item(amount, cls, r if cls == "B" else ZERO, scheme=scheme,
                                                      account_excluded=excluded),
        big_line if benefit in ("special", "emergency", "day_surgery") else money, st.sampled_from("AAABBC"), ratio, st.sampled_from(schemes), st.sampled_from([False] * 5 + [True])),
        min_size=size, max_size=size))
    member = Member(draw(st.sampled_from(["employed", "retired"])), inpatient=draw(st.sampled_from([False, False, True])),
                    account_balance=draw(money), certified=certs)
    paid = {c: draw(money | near_cap) for c in codes if draw(st.booleans())}
    if disease and draw(st.booleans()):
        paid[disease] = draw(near_cap)  # the bill's own disease just short of its cap, often
    usage = Usage(draw(money), draw(money), ZERO, None,
                  disease_pool_paid=paid,
                  special_deductible_met=draw(st.sampled_from([ZERO, ZERO, draw(money)])),
                  inpatient_pool_paid=draw(big),
                  scheme_pool_paid={s: draw(money) for s in ("two_diseases",) if place == "chongqing" and draw(st.booleans())})
    institution = Institution(draw(st.integers(0, 3)), draw(st.sampled_from(["clinic", "hospital"])),
                              specialty=draw(st.booleans()))
    bill = Bill(institution, tuple(items), benefit=benefit, disease=disease, use_account=draw(st.booleans()),
                payer_relation=draw(st.sampled_from([None, None, "spouse", "parent", "child"])))
    return place, member, usage, bill, at


def _settle(place, member, usage, bill, at):
    try:
        return settle(LIBRARY.get(place), member, usage, bill, at)
    except PolicyError as exc:
        assert exc.field in EXPECTED_REFUSALS, exc
        assume(False)


def _scheme_pool(s):
    return sum((p.pool_pay for p in s.schemes), ZERO)


@given(cases())
def test_parts_add_up_to_the_total_for_every_benefit(case):
    s = _settle(*case)
    bill = case[3]
    for figure in (s.total, s.full_self_pay, s.pre_self_pay, s.in_scope, s.deductible, s.pool_pay, s.over_cap,
                   s.self_pay, s.account_pay, s.cash_pay):
        assert figure >= 0 and figure == figure.quantize(FEN)
    assert s.total == sum(i.amount for i in bill.items)
    assert s.full_self_pay + s.pre_self_pay + s.in_scope + sum(p.in_scope for p in s.schemes) == s.total
    assert s.pool_pay + s.self_pay == s.total
    assert s.account_pay + s.cash_pay == s.self_pay
    excluded = sum((i.amount for i in bill.items if i.account_excluded), ZERO)
    assert s.account_excluded == excluded and s.cash_pay >= excluded
    assert s.account_pay <= case[1].account_balance
    assert sum(f.amount for f in s.funds) == s.pool_pay
    assert all(step.source and step.why for step in s.explain)


@given(cases())
def test_no_cap_is_exceeded_and_usage_moves_by_the_pool_pay(case):
    place, member, usage, bill, at = case
    s = _settle(*case)
    main = s.pool_pay - _scheme_pool(s)
    assert s.deductible <= s.in_scope
    assert main + s.over_cap == fen((s.in_scope - s.deductible) * s.ratio)
    if s.cap is not None:
        assert s.cap_left >= 0
    after = s.usage_after
    if s.benefit == "ordinary":
        assert after.ordinary_pool_paid == usage.ordinary_pool_paid + main
    elif s.benefit in ("special", "emergency", "day_surgery"):
        assert after.inpatient_pool_paid == usage.inpatient_pool_paid + main
        assert main == 0 or after.inpatient_pool_paid <= s.cap
    else:
        before = usage.disease_pool_paid.get(s.disease, ZERO)
        assert after.disease_pool_paid.get(s.disease, ZERO) == before + main
        assert main == 0 or after.disease_pool_paid[s.disease] <= s.cap
        assert after.ordinary_pool_paid == usage.ordinary_pool_paid
    for part in s.schemes:
        paid = after.scheme_pool_paid[part.scheme]
        assert paid == usage.scheme_pool_paid.get(part.scheme, ZERO) + part.pool_pay
        assert part.pool_pay + part.over_cap == fen(part.in_scope * part.ratio)
        if part.scheme == "two_diseases" and part.pool_pay:
            assert paid <= 300  # the example pack's cap


@given(cases(), money, big)
def test_more_usage_of_any_cap_never_raises_the_pool_pay(case, more, more_inpatient):
    place, member, usage, bill, at = case
    before = _settle(*case)
    heavier = replace(
        usage,
        ordinary_pool_paid=usage.ordinary_pool_paid + more,
        disease_pool_paid={**usage.disease_pool_paid, **{k: v + more for k, v in usage.disease_pool_paid.items()},
                           **({bill.disease: usage.disease_pool_paid.get(bill.disease, ZERO) + more} if bill.disease else {})},
        inpatient_pool_paid=usage.inpatient_pool_paid + more_inpatient,
        scheme_pool_paid={s: usage.scheme_pool_paid.get(s, ZERO) + more for s in ("two_diseases",)},
    )
    after = _settle(place, member, heavier, bill, at)
    assert after.pool_pay <= before.pool_pay
    assert after.benefit == before.benefit


@given(cases(), money, money)
def test_a_deductible_already_met_never_lowers_the_pool_pay_nor_is_taken_twice(case, more, more_special):
    place, member, usage, bill, at = case
    before = _settle(*case)
    lighter = replace(usage, deductible_met=usage.deductible_met + more,
                      special_deductible_met=usage.special_deductible_met + more_special)
    after = _settle(place, member, lighter, bill, at)
    assert after.pool_pay >= before.pool_pay and after.deductible <= before.deductible


def test_the_generated_cases_reach_every_benefit_and_cap():
    """Guard against a strategy that quietly never reaches a benefit, a cap or the account."""
    from hypothesis import Phase, settings

    hits: set[str] = set()
    mix = st.one_of(cases(), *(cases(place, benefit) for place, (_, benefits) in PLACES.items() for benefit in benefits))

    @settings(max_examples=1000, derandomize=True, database=None, phases=[Phase.generate])
    @given(mix)
    def sample(case):
        s = _safe(case)
        if s is None:
            return
        if s.pool_pay > 0:
            hits.add(s.benefit)
        if s.benefit == "chronic" and s.over_cap > 0:
            hits.add("disease cap crossed")
        if any(p.over_cap > 0 for p in s.schemes):
            hits.add("scheme cap crossed")
        if s.account_excluded > 0 and s.account_pay > 0:
            hits.add("excluded beside account pay")
        if case[3].benefit == "ordinary" and s.benefit == "chronic":
            hits.add("precedence")

    sample()
    assert hits >= {"ordinary", "chronic", "special", "emergency", "day_surgery", "disease cap crossed",
                    "scheme cap crossed", "excluded beside account pay", "precedence"}, sorted(hits)


def _safe(case):
    try:
        return settle(LIBRARY.get(case[0]), *case[1:])
    except PolicyError:
        return None
