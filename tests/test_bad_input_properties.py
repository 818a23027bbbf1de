"""Random JSON values and shapes thrown at `desk quote` and at the roster and catalog importers.

Whatever comes in, the answer is either a refusal (exit 2, nothing on standard output, exactly one
line on standard error naming a field) or a valid answer whose parts add up, with no negative and
no absurd figure; never a traceback. `desk quote` runs through its real entry point, main(), in
this process for speed (and a few times as the installed command)."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.cli.main import main
from desk.money import MAX_BILL
from support import request

DESK = str(Path(sys.executable).parent / "desk")
MONEY = re.compile(r"[0-9]+\.[0-9]{2}")
REFUSAL = re.compile(r"desk quote: [^\n]+?: [^\n]+")
KEYS = ["policy", "at", "institution", "level", "type", "designated", "id", "prescriber_level", "benefit", "member",
        "category", "birth_date", "scheme", "eligible", "inpatient", "account_balance", "usage", "deductible_met",
        "ordinary_pool_paid", "same_day_deductible_met", "fund_paid_total", "items", "amount", "class",
        "selfpay_ratio", "code", "name", "use_account", "selfpay_ration", "deductable_met",
        # contract version 2
        "disease", "payer_relation", "specialty", "certified", "from", "to", "disease_pool_paid",
        "special_deductible_met", "inpatient_pool_paid", "scheme_pool_paid", "scheme", "account_excluded"]
SCALARS = (st.none() | st.booleans() | st.integers(-10 ** 30, 10 ** 30)
           | st.floats(allow_nan=False, allow_infinity=False)
           | st.decimals(allow_nan=False, allow_infinity=False).map(lambda d: float(d) if abs(d) < 10 ** 300 else 0.0)
           | st.text(max_size=12)
           | st.sampled_from(["", "0", "-0.00", "-0", "12.30", "100", "1e400", "9" * 60, "１２", "١٢", "1_000", "NaN",
                             "A", "B", "C", "D", "puyang", "chongqing", "jilin", "nanchang", "shandong",
                             "employed", "retired", "clinic", "hospital", "pharmacy", "ordinary", "individual_tier1",
                             "2023-03-15T10:00:00+08:00", "0001-01-01T00:00:00+08:00", "1985-02-30", "0.3", "1.2",
                             "chronic", "special", "emergency", "day_surgery", "N07", "spouse", "fixed_fee",
                             "two_diseases", "2023-01-01", "2023-12-31"]))
JSON = st.recursive(SCALARS, lambda children: st.lists(children, max_size=3)
                    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), children, max_size=3),
                    max_leaves=8)


def paths(value, prefix=()):
    """Every place in a JSON value: (path to it) for objects' keys and lists' items."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, (*prefix, index))


@st.composite
def requests(draw):
    """A valid request of one of the places, with a few of its values replaced, removed or added to."""
    place, at = draw(st.sampled_from([("puyang", "2023-03-15T10:00:00+08:00"), ("chongqing", "2024-06-01T10:00:00+08:00"),
                                      ("nanchang", "2023-08-08T10:00:00+08:00"), ("jilin", "2023-10-20T10:00:00+08:00")]))
    items = draw(st.lists(st.tuples(st.decimals(0, 5000, places=2).map(str), st.sampled_from("ABC"),
                                    st.sampled_from(["0", "0.1", "0.2"])), min_size=1, max_size=4))
    req = request(place, at, items=[(a, c, r if c == "B" else "0") for a, c, r in items],
                  level=draw(st.integers(0, 3)), account_balance=draw(st.sampled_from(["0", "50.00", "999.99"])))
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.sampled_from(list(paths(req))))
        if not where:
            if draw(st.integers(0, 9)) == 0:
                req = draw(JSON)
            continue
        parent = req
        for step in where[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        if action == "replace":
            parent[where[-1]] = draw(JSON)
        elif action == "remove":
            del parent[where[-1]]
        elif isinstance(parent[where[-1]], dict):
            parent[where[-1]][draw(st.sampled_from(KEYS) | st.text(min_size=1, max_size=6))] = draw(JSON)
    return draw(st.sampled_from([req, [req], [request("puyang"), req]]))


def quote_in_process(payload) -> tuple[int, str, str]:
    stdin, stdout, stderr = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(json.dumps(payload, ensure_ascii=False)), io.StringIO(), io.StringIO()
    try:
        status = main(["quote"])
        return status, sys.stdout.getvalue(), sys.stderr.getvalue()
    finally:
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr


def check_answer(answer: dict) -> None:
    figures = {k: answer[k] for k in ("total", "full_self_pay", "pre_self_pay", "in_scope", "deductible", "pool_pay",
                                      "over_cap", "self_pay", "account_pay", "cash_pay", "account_balance_after")}
    assert all(MONEY.fullmatch(v) for v in figures.values()), figures  # no sign: never negative, never -0.00
    d = {k: Decimal(v) for k, v in figures.items()}
    assert d["total"] <= MAX_BILL
    assert d["full_self_pay"] + d["pre_self_pay"] + d["in_scope"] == d["total"]
    assert d["pool_pay"] + d["self_pay"] == d["total"]
    assert d["account_pay"] + d["cash_pay"] == d["self_pay"]
    assert d["deductible"] <= d["in_scope"] and d["pool_pay"] <= d["in_scope"]
    assert sum((Decimal(f["amount"]) for f in answer["funds"]), Decimal(0)) in (d["pool_pay"], Decimal(0))
    assert all(MONEY.fullmatch(v) for v in answer["usage_after"].values()), answer["usage_after"]
    assert Decimal("0") <= Decimal(answer["ratio"]) <= 1


def check(status: int, out: str, err: str) -> None:
    assert "Traceback" not in err
    if status == 2:
        assert out == ""
        assert len(err.splitlines()) == 1 and err.endswith("\n"), err
        assert REFUSAL.fullmatch(err.strip()), err  # "desk quote: FIELD: reason"
        return
    assert status == 0, (status, err)
    answer = json.loads(out)
    for one in answer if isinstance(answer, list) else [answer]:
        check_answer(one)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(requests())
def test_quote_answers_or_refuses_in_one_line(payload):
    check(*quote_in_process(payload))


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(JSON)
def test_quote_refuses_any_json_that_is_not_a_request_in_one_line(payload):
    check(*quote_in_process(payload))


@settings(max_examples=3, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(requests())
def test_the_installed_command_too(payload):
    """A few random requests through the real `desk quote` process."""
    done = subprocess.run([DESK, "quote"], input=json.dumps(payload), capture_output=True, text=True, timeout=60)
    check(done.returncode, done.stdout, done.stderr)


# --- the import parsers -------------------------------------------------------------------------------------------

ROSTER = ["member_id", "name", "id_number", "card_number", "ecard_code", "category", "birth_date", "scheme",
          "family_doctor_institution", "eligible", "account_balance", "family"]
CATALOG = ["code", "name", "spec", "unit", "class", "selfpay_ratio", "unit_price", "fee_category"]
CELLS = (st.text(max_size=10) | st.sampled_from(["", "M1", "110101199001011237", "employed", "退休", "A", "乙", "0.1",
                                                 "12.50", "-1", "1e400", "9" * 60, "１２", "西药", "true", "=1+1",
                                                 "M2:spouse", "2023-02-30"]))


@st.composite
def import_files(draw):
    kind = draw(st.sampled_from(["roster", "catalog"]))
    columns = ROSTER if kind == "roster" else CATALOG
    header = draw(st.lists(st.sampled_from(columns + ["colour"]), min_size=1, max_size=len(columns) + 1))
    if draw(st.booleans()):
        header = columns
    rows = draw(st.lists(st.lists(CELLS, min_size=len(header), max_size=len(header)), max_size=4))
    if draw(st.booleans()):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        data, suffix = out.getvalue(), ".csv"
    else:
        lines = [json.dumps(dict(zip(header, row)) if draw(st.booleans()) else draw(JSON)) for row in rows]
        data, suffix = "\n".join(lines) + "\n", ".jsonl"
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "gb18030"]))
    return kind, suffix, data.encode(encoding, errors="replace"), draw(st.booleans())


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(import_files())
def test_imports_import_or_refuse_in_one_line(desk, tmp_path, case):
    from desk.store.catalog import import_catalog
    from desk.store.database import StoreError
    from desk.store.roster import import_roster

    kind, suffix, data, skip_bad = case
    path = tmp_path / f"file{suffix}"
    path.write_bytes(data)
    importer = import_roster if kind == "roster" else import_catalog
    try:
        result = importer(desk.db, desk.admin, path, desk.at, skip_bad=skip_bad)
    except StoreError as exc:
        assert "\n" not in str(exc) and "\r" not in str(exc), str(exc)
        assert not desk.db.conn.in_transaction
        return
    assert result.read >= result.inserted + result.updated
    for _, error in result.rejected:
        assert "\n" not in str(error) and error.line >= 1
