"""`desk quote` contract version 2 (shared/contracts/quote.md): the new fields, and their bad input.

Every refusal exits 2 with one line naming the field, as version 1's do; a version-1 request means
what it meant (tests/test_quote_cli.py and the per-place tests still run unchanged).
"""
import json

import pytest

from support import EXAMPLE_PACKS, benefit_request, certified
from test_quote_cli import run

AT = "2023-05-10T10:00:00+08:00"


def _req(**changes):
    req = benefit_request("changchun", AT, "chronic", "I10", level=1, usage={"deductible_met": "200"})
    for path, value in changes.items():
        target = req
        *parents, last = path.split("__")
        for p in parents:
            target = target[int(p)] if isinstance(target, list) else target[p]
        target[last] = value
    return req


def _quote(payload):
    return run("quote", "--policy-dir", str(EXAMPLE_PACKS), stdin=json.dumps(payload))


def test_a_chronic_bill_through_the_command():
    done = _quote(_req())
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    # 100 × 0.70 = 70.00
    assert (answer["benefit"], answer["disease"], answer["pool_pay"]) == ("chronic", "I10", "70.00")


@pytest.mark.parametrize("changes, field, says", [
    ({"benefit": "chronics"}, "benefit", "is not one of ordinary, chronic, special, emergency, day_surgery"),
    ({"disease": "X99"}, "disease", "'X99' is not a disease of chronic"),
    ({"disease": None}, "disease", "is required for chronic"),
    ({"disease": 7}, "disease", "is not a disease code"),
    ({"member__certified": []}, "member.certified", "no chronic certification for I10"),
    ({"member__certified": "I10"}, "member.certified", "must be a list"),
    ({"member__certified": [certified("chronic", "I10", "2023-02-30", "2023-12-31")]},
     "member.certified[0].from", "'2023-02-30' is not a date"),
    ({"member__certified": [certified("chronic", "I10", "2023-01-01", "20231231")]},
     "member.certified[0].to", "not a date"),
    ({"member__certified": [certified("chronic", "I10", "2023-06-01", "2023-05-01")]},
     "member.certified[0].to", "is before from"),
    ({"member__certified": [certified("dental", "I10")]}, "member.certified[0].benefit", "not one of chronic, special"),
    ({"member__certified": [{**certified("chronic", "I10"), "until": "2023-12-31"}]},
     "member.certified[0].until", "unknown field"),
    ({"payer_relation": "brother"}, "payer_relation", "'brother' is not one of spouse, parent, child"),
    ({"usage__deductable_met": "200"}, "usage.deductable_met", "unknown field"),
    ({"usage__disease_pool_paid": {"I10": "-1"}}, "usage.disease_pool_paid.I10", "is negative"),
    ({"usage__scheme_pool_paid": {"dental": "1"}}, "usage.scheme_pool_paid.dental", "unknown field"),
    ({"usage__special_deductible_met": "x"}, "usage.special_deductible_met", "is not a number"),
    ({"member__certfied": []}, "member.certfied", "unknown field"),
    ({"institution__specialty": "yes"}, "institution.specialty", "is not true or false"),
    ({"items__0__scheme": "dental"}, "items[0].scheme", "is not one of fixed_fee"),
    ({"items__0__account_excluded": 1}, "items[0].account_excluded", "is not true or false"),
    ({"items__0__colour": "red"}, "items[0].colour", "unknown field"),
])
def test_bad_v2_input_exits_2_with_one_line_naming_the_field(changes, field, says):
    done = _quote(_req(**changes))
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"desk quote: {field}") and says in lines[0], lines[0]


def test_a_bad_v2_request_in_a_batch_names_its_index():
    done = _quote([_req(), _req(payer_relation="cousin")])
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().startswith("desk quote: [1].payer_relation: 'cousin'")


def test_request_of_reads_back_into_the_same_engine_arguments_with_every_v2_field():
    """What a desk records for the hub's re-settlement (desk/sync/resettle.py) keeps the new fields."""
    from desk.quote import parse_request, request_of

    req = _req(payer_relation="spouse")
    req["institution"]["specialty"] = True
    req["items"].append({"code": "W1", "name": "乳清蛋白粉", "amount": "88.00", "class": "A", "account_excluded": True})
    req["items"].append({"code": "T1", "name": "二甲双胍", "amount": "20.00", "class": "A", "scheme": "two_diseases"})
    req["usage"].update(disease_pool_paid={"I10": "12.00"}, special_deductible_met="5.00", inpatient_pool_paid="0",
                        scheme_pool_paid={"two_diseases": "1.00"})
    parsed = parse_request(req)
    assert parse_request(request_of(*parsed)) == parsed
    assert parsed[3].payer_relation == "spouse" and parsed[1].certified[0].disease == "I10"
