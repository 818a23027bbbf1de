"""`desk quote` as other programs call it: the contract's examples, batches and bad input."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED
from support import request

DESK = str(Path(sys.executable).parent / "desk")
# The contract's examples, copied into the tests so the suite runs from a clone anywhere.
COPY = Path(__file__).resolve().parent / "cases" / "quote-examples.json"
EXAMPLES = json.loads(COPY.read_text(encoding="utf-8"))


def run(*args, stdin: str = ""):
    return subprocess.run([DESK, *args], input=stdin, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["title"] for e in EXAMPLES])
def test_each_contract_example_gives_its_answer(example):
    done = run("quote", stdin=json.dumps(example["request"], ensure_ascii=False))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    for key, value in example["answer"].items():
        assert answer[key] == value, key
    assert all(step["source"] for step in answer["explain"])


def test_the_copied_examples_are_the_contracts_own():
    """Beside ../shared (the contract's home) the copy must not have drifted from it."""
    shared = SHARED / "contracts" / "quote-examples.json"
    if not shared.is_file():
        pytest.skip("no ../shared beside this clone: the copy in tests/cases is all there is")
    assert json.loads(shared.read_text(encoding="utf-8")) == EXAMPLES


def test_a_batch_answers_in_order_from_a_file(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([e["request"] for e in EXAMPLES]), encoding="utf-8")
    done = run("quote", str(path), "--compact")
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    assert [a["pool_pay"] for a in answers] == [e["answer"]["pool_pay"] for e in EXAMPLES]
    assert len(done.stdout.strip().splitlines()) == 1


def test_numbers_are_accepted_and_strings_written():
    req = request("puyang", items=[(100, "A")])
    req["items"][0]["amount"] = 100.1
    req["member"]["account_balance"] = 0.1
    done = run("quote", stdin=json.dumps(req))
    answer = json.loads(done.stdout)
    assert (answer["total"], answer["pool_pay"], answer["account_pay"]) == ("100.10", "42.06", "0.10")


def _bad(payload, *, field: str, says: str):
    done = run("quote", stdin=payload if isinstance(payload, str) else json.dumps(payload))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"desk quote: {field}") and says in lines[0], lines[0]


def _without(path: str):
    req = request("puyang")
    *parents, last = path.split(".")
    target = req
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    del target[int(last) if last.isdigit() else last]
    return req


def _with(path: str, value):
    req = request("puyang")
    *parents, last = path.split(".")
    target = req
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return req


@pytest.mark.parametrize("payload, field, says", [
    ('{"policy": "puyang", ', "", "malformed JSON at line 1 column"),
    ("", "", "malformed JSON"),
    ('{"policy": NaN}', "", "malformed JSON"),
    (_without("policy"), "policy", "is required"),
    (_without("at"), "at", "is required"),
    (_without("member.category"), "member.category", "is required"),
    (_without("items.0.amount"), "items[0].amount", "is required"),
    (_without("items.0.class"), "items[0].class", "is required"),
    (_without("institution.level"), "institution.level", "is required"),
    (_with("items", []), "items", "non-empty list"),
    (_with("policy", "atlantis"), "policy", "unknown policy 'atlantis'"),
    (_with("items.0.class", "D"), "items[0].class", "'D' is not one of A, B, C"),
    (_with("items.0.amount", "-5.00"), "items[0].amount", "-5.00 is negative"),
    (_with("items.0.amount", "12,5"), "items[0].amount", "'12,5' is not a number"),
    (_with("member.account_balance", "lots"), "member.account_balance", "is not a number"),
    (_with("usage.deductible_met", -1), "usage.deductible_met", "negative"),
    (_with("at", "2022-06-30T10:00:00+08:00"), "at", "no policy in force for puyang on 2022-06-30"),
    (_with("at", "2023-03-15T10:00:00"), "at", "has no UTC offset"),
    (_with("at", "yesterday"), "at", "not an ISO 8601"),
    (_with("items.0.selfpay_ratio", "1.2"), "items[0].selfpay_ratio", "not a ratio between 0 and 1"),
    (_with("institution.level", 5), "institution.level", "5 is not one of 0, 1, 2, 3"),
    (_with("institution.type", "spa"), "institution.type", "not one of clinic, hospital, pharmacy"),
    (_with("member.category", "student"), "member.category", "not one of employed, retired"),
    (_with("member.scheme", "gold"), "member.scheme", "not one of employer"),
    (_with("benefit", "dental"), "benefit", "not one of ordinary, chronic"),
    (_with("benefit", "chronic"), "benefit", "puyang@2022-07-01 does not define 门诊慢性病"),
    (_with("use_account", "yes"), "use_account", "not true or false"),
    (_with("member.birth_date", "1985-02-30"), "member.birth_date", "not a date"),
    (_with("flavour", "x"), "flavour", "not a field of a quote request"),
    ("[1]", "[0].request", "must be an object"),
])
def test_bad_input_exits_2_with_one_line_naming_the_field(payload, field, says):
    _bad(payload, field=field, says=says)


def test_one_bad_request_fails_the_whole_batch_naming_its_index():
    batch = [request("puyang"), request("chongqing", "2024-05-01T10:00:00+08:00"), _with("items.0.amount", "-1")]
    _bad(batch, field="[2].items[0].amount", says="negative")


def test_a_refusal_of_the_rules_names_its_field():
    _bad(request("jilin", category="retired"), field="member.category", says="由统筹区确定")
    _bad(request("shandong", "2024-03-01T10:00:00+08:00"), field="policy", says="provincial framework")


def test_policy_dir_adds_a_city_pack(tmp_path):
    from support import city_pack, write_pack

    write_pack(tmp_path, "jilinshi", city_pack("jilinshi", "jilin"))
    done = run("quote", "--policy-dir", str(tmp_path), stdin=json.dumps(request("jilinshi", category="retired")))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["policy_version"] == "jilinshi@2023-01-01"


def test_policy_list_shows_packs_and_versions():
    done = run("policy", "list")
    assert done.returncode == 0
    assert "puyang@2022-07-01" in done.stdout and "chongqing@2024-01-01" in done.stdout
    assert "framework (bounds only)" in done.stdout and "framework + template" in done.stdout


def test_policy_check_accepts_a_good_city_and_refuses_a_bad_one(tmp_path):
    from support import city_pack, write_pack

    good = write_pack(tmp_path, "baishan", city_pack("baishan", "jilin"))
    done = run("policy", "check", str(good))
    assert done.returncode == 0 and "within the bounds of jilin" in done.stdout
    bad = write_pack(tmp_path, "tonghua", city_pack("tonghua", "jilin", **{"ordinary.annual_cap": '"2600"'}))
    done = run("policy", "check", str(bad))
    assert done.returncode == 2
    assert "tonghua.toml: ordinary.annual_cap:" in done.stderr and "above the ceiling 2000" in done.stderr


def test_the_desk_says_its_version():
    from desk import __version__

    done = run("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"billing desk {__version__}"
