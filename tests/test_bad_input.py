"""Every bad input of every command gets one clear line naming the field, exit 2, and never a traceback.
The cases are the ones found by trying (issue 10, part 9), each written as the input that broke it."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desk.cli.main import main
from support import request

DESK = str(Path(sys.executable).parent / "desk")


@pytest.fixture
def run_main(monkeypatch, capsys):
    """`desk ARGS` in this process with ``stdin``; gives (status, stdout, stderr)."""
    def run(*args, stdin: str = "", env: dict[str, str] | None = None) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        try:
            status = main([str(a) for a in args])
        except SystemExit as exit_:
            status = exit_.code
        out, err = capsys.readouterr()
        return status, out, err
    return run


def refused(result, field: str, says: str = "") -> str:
    status, out, err = result
    assert status == 2, (status, out, err)
    assert out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].split(": ", 1)[1].startswith(field) and says in lines[0], lines[0]
    return lines[0]


def with_(path: str, value, req=None):
    req = req or request("puyang")
    *parents, last = path.split(".")
    target = req
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return req


def deep(n: int):
    value: object = 1
    for _ in range(n):
        value = [value]
    return value


QUOTE_CASES = [
    (with_("items.0.amount", 10 ** 26), "items[0].amount", "too large"),
    (with_("items.0.amount", "1e26"), "items[0].amount", "not a number"),
    (with_("items.0.amount", "9" * 500), "items[0].amount", "too many digits"),
    (with_("items.0.amount", int("9" * 500)), "items[0].amount", "too large"),
    (with_("usage.deductible_met", "9" * 500), "usage.deductible_met", "too many digits"),
    (with_("usage.ordinary_pool_paid", 10 ** 26), "usage.ordinary_pool_paid", "too large"),
    (with_("items.0.amount", "１００"), "items[0].amount", "not a number"),
    (with_("items.0.amount", "١٠٠"), "items[0].amount", "not a number"),
    (with_("items.0.amount", "1_000"), "items[0].amount", "not a number"),
    (with_("items.0.amount", "1000001.00"), "items[0].amount", "more than 1,000,000.00 yuan"),
    (with_("items", [{"amount": "999999.99", "class": "A"}] * 11), "items", "more than 10,000,000.00 yuan"),
    (with_("items", [{"amount": "9" * 24, "class": "A"}] * 50), "items[0].amount", "more than"),
    (with_("member.account_balance", "100000000.01"), "member.account_balance", "more than 100,000,000.00"),
    (with_("at", "0001-01-01T00:00:00+08:00"), "at", "outside the years"),
    (with_("at", "9999-12-31T23:59:59+08:00"), "at", "outside the years"),
    (with_("at", "9999-12-31T23:59:59-12:00"), "at", "outside the years"),
    (with_("institution.level", 2.5), "institution.level", "not one of 0, 1, 2, 3"),
    (with_("institution.level", True), "institution.level", "not one of"),
    (with_("prescriber_level", "3"), "prescriber_level", "not one of"),
    (with_("policy", "p" * 500), "policy", "is not a policy id"),
    (with_("policy", "../../etc/passwd"), "policy", "is not a policy id"),
    (with_("items.0.name", deep(900)), "items[0].name", "is not a string"),
    (with_("member.selfpay_ratio", "0.1"), "member.selfpay_ratio", "unknown field"),
    (with_("usage.deductable_met", "300"), "usage.deductable_met", "unknown field"),
    (with_("institution.grade", 3), "institution.grade", "unknown field"),
    (with_("items.0.selfpay_ration", "0.5"), "items[0].selfpay_ration", "unknown field"),
    (with_("member.scheme", False), "member.scheme", "not one of"),
]


@pytest.mark.parametrize("req, field, says", QUOTE_CASES, ids=[f"{c[1]}:{str(c[2])[:20]}-{i}" for i, c in
                                                               enumerate(QUOTE_CASES)])
def test_quote_refuses_absurd_and_misspelt_input_with_one_line(run_main, req, field, says):
    refused(run_main("quote", stdin=json.dumps(req)), field, says)


@pytest.mark.parametrize("text, says", [
    (json.dumps(with_("items.0.amount", 1)).replace('"amount": 1', '"amount": 1e400'), "more than"),
    (json.dumps(with_("usage.fund_paid_total", 1)).replace('"fund_paid_total": 1', '"fund_paid_total": 1e400'),
     "more than"),
    ("[" * 1000 + "]" * 1000, "nested too deeply"),
    ('{"a": ' * 1000 + "1" + "}" * 1000, "nested too deeply"),
])
def test_quote_refuses_json_that_broke_it(run_main, text, says):
    status, out, err = run_main("quote", stdin=text)
    assert status == 2 and out == "" and len(err.strip().splitlines()) == 1 and says in err, err


def test_integral_levels_written_as_decimals_are_those_levels(run_main):
    """JSON's 2.0 is the number 2: level 2.0 and prescriber_level 3.0 mean levels 2 and 3 (before: a traceback)."""
    req = with_("prescriber_level", 3.0, with_("institution.level", 2.0))
    status, out, err = run_main("quote", stdin=json.dumps(req).replace("2.0", "2.0"))
    plain = run_main("quote", stdin=json.dumps(with_("prescriber_level", 3, with_("institution.level", 2))))
    assert status == 0, err
    assert json.loads(out) == json.loads(plain[1])


def test_negative_zero_is_zero(run_main):
    """Before: -0.00 in an amount or usage figure came back as "-0.00" in the answer."""
    req = with_("usage.deductible_met", "-0.00", with_("usage.ordinary_pool_paid", "-0"))
    req = with_("member.account_balance", "-0.00", req)
    req["items"].append({"amount": "-0.00", "class": "C"})
    status, out, err = run_main("quote", stdin=json.dumps(req))
    assert status == 0, err
    assert '"-0' not in out and json.loads(out)["usage_after"]["same_day_deductible_met"] == "30.00"


def test_a_city_pack_that_follows_itself_is_one_line(run_main, tmp_path):
    from support import city_pack, write_pack

    write_pack(tmp_path, "loopcity", city_pack("loopcity", "loopcity"))
    for args in (("quote", "--policy-dir", tmp_path), ("policy", "check", tmp_path / "loopcity.toml")):
        status, out, err = run_main(*args, stdin=json.dumps(request("loopcity")))
        assert status == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
        assert "follows" in err


def test_a_few_of_them_through_the_real_command():
    """The same refusals from the installed `desk` script (what a hospital system runs)."""
    for req, field, says in (QUOTE_CASES[0], QUOTE_CASES[13], QUOTE_CASES[21]):
        done = subprocess.run([DESK, "quote"], input=json.dumps(req), capture_output=True, text=True, timeout=60)
        assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
        assert done.stderr.startswith(f"desk quote: {field}") and says in done.stderr


# --- the database commands ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("item, says", [
    ("XA01*1.2.3", "the quantity '1.2.3'"), ("*.", "is not CODE"), ("@1.2.3", "is not CODE"),
    ("XA01*" + "9" * 40, "the quantity"), ("XA01@1.2.3", "the price '1.2.3'"), ("XA01*0.0001", "the quantity"),
    ("XA01*２", "the quantity"), ("XA01@1e9", "the price"),
])
def test_settle_refuses_malformed_items(run_main, desk, item, says):
    result = run_main("settle", "A10000001", item, "--db", desk.path, env={"DESK_USER": "cash1", "DESK_PIN": "1111"})
    refused(result, "item 1", says)


@pytest.mark.parametrize("args, field, says", [
    (("settle", "A10000001", "XA01", "--id", "not-a-uuid"), "--id", "is not a UUID"),
    (("settle", "A10000001", "XA01", "--at", "yesterday"), "--at", "is not an ISO 8601"),
    (("settle", "A10000001", "XA01", "--at", "0001-01-01T00:00:00+08:00"), "--at", "out of range"),
    (("reverse", "9" * 25, "--reason", "x"), "settlement", "no receipt number"),
    (("receipt", "9" * 25, "--out", "r.pdf"), "settlement", "no receipt number"),
    (("reverse", "１２", "--reason", "x"), "settlement", "no settlement"),
])
def test_database_commands_refuse_bad_arguments(run_main, desk, tmp_path, monkeypatch, args, field, says):
    monkeypatch.chdir(tmp_path)
    result = run_main(*args, "--db", desk.path, env={"DESK_USER": "sup1", "DESK_PIN": "2222"})
    refused(result, field, says)


def test_db_on_a_folder_is_one_line(run_main, tmp_path):
    refused(run_main("usage", "x", "--db", tmp_path), str(tmp_path), "is a folder")


# --- the import files ---------------------------------------------------------------------------------------------

def roster_text(rows) -> str:
    from store_support import ROSTER_HEADER

    out = io.StringIO()
    import csv

    writer = csv.writer(out)
    writer.writerow(ROSTER_HEADER)
    writer.writerows(rows)
    return out.getvalue()


def new_member(name: str = "赵敏"):
    import datetime as dt

    from store_support import member_row

    return member_row("M020", name, dt.date(1988, 8, 8), "F", card="A10000020", sequence=20)


@pytest.mark.parametrize("encoding, given", [("gbk", None), ("gb18030", None), ("gbk", "gbk"), ("utf-8-sig", None)])
def test_a_roster_in_gbk_or_gb18030_is_read(desk, tmp_path, encoding, given):
    """What agencies export from Excel on a Chinese Windows: detected, or named with --encoding."""
    from desk.store.roster import get_member, import_roster

    path = tmp_path / "roster.csv"
    path.write_bytes(roster_text([new_member("赵敏䶮" if encoding == "gb18030" else "赵敏")]).encode(encoding))
    result = import_roster(desk.db, desk.admin, path, desk.at, encoding=given)
    assert result.inserted == 1
    assert get_member(desk.db, "M020").name == ("赵敏䶮" if encoding == "gb18030" else "赵敏")


def test_a_decoding_error_names_its_line(run_main, desk, tmp_path):
    path = tmp_path / "roster.csv"
    data = roster_text([new_member()]).encode("utf-8")
    path.write_bytes(data + b"M021,\xff\xfe\xfd,x\n")
    line = refused(run_main("members", "import", path, "--encoding", "utf-8", "--db", desk.path,
                            env={"DESK_USER": "admin", "DESK_PIN": "9999"}), str(path))
    assert "line 3: is not utf-8 text" in line


def test_an_unknown_encoding_is_one_line(run_main, desk, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(roster_text([new_member()]), encoding="utf-8")
    refused(run_main("members", "import", path, "--encoding", "klingon", "--db", desk.path,
                     env={"DESK_USER": "admin", "DESK_PIN": "9999"}), "encoding", "is not an encoding")


@pytest.mark.parametrize("content, says", [
    ("member_id,name,name,id_number,category\nM1,a,b,110101199001011237,employed\n", "name appear more than once"),
    ("code,name,class,unit_price,fee_category\nX1," + "长" * 140_000 + ",A,1,西药\n", "line 2: field larger"),
])
def test_a_file_that_cannot_be_read_as_rows_is_refused_whole(desk, tmp_path, content, says):
    from desk.store.catalog import import_catalog
    from desk.store.database import StoreError
    from desk.store.roster import import_roster

    path = tmp_path / "file.csv"
    path.write_text(content, encoding="utf-8")
    importer = import_roster if content.startswith("member_id") else import_catalog
    with pytest.raises(StoreError, match=says):
        importer(desk.db, desk.admin, path, desk.at)


@pytest.mark.parametrize("name, says", [("王\x00伟", "U+0000"), ("王\x07伟", "U+0007"), ("王\n伟", "U+000A")])
def test_control_characters_in_a_name_are_refused(desk, tmp_path, name, says):
    from desk.store.roster import import_roster
    from desk.store.tabular import ImportRefused

    path = tmp_path / "roster.csv"
    path.write_text(roster_text([new_member(name)]), encoding="utf-8")
    with pytest.raises(ImportRefused, match=re.escape(f"line 2, column name: contains a control character ({says})")):
        import_roster(desk.db, desk.admin, path, desk.at)


@pytest.mark.parametrize("line, column, says", [
    ('{"code": "X1", "name": "a", "class": "A", "unit_price": 1e400, "fee_category": "西药"}', "unit_price",
     "not a finite number"),
    ('{"code": "X1", "name": "a", "class": "A", "unit_price": ' + "[" * 1000 + "]" * 1000 + ', "fee_category": "西药"}',
     "", "nested too deeply"),
    ('{"code": "X1", "name": {"zh": "a"}, "class": "A", "unit_price": 1, "fee_category": "西药"}', "name",
     "not a single value"),
    ('{"code": "X1", "name": "a\\u0000b", "class": "A", "unit_price": 1, "fee_category": "西药"}', "name",
     "control character"),
])
def test_json_lines_values_that_broke_the_import(desk, tmp_path, line, column, says):
    from desk.store.catalog import import_catalog
    from desk.store.tabular import ImportRefused

    path = tmp_path / "catalog.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refusal:
        import_catalog(desk.db, desk.admin, path, desk.at)
    (error,) = refusal.value.errors
    assert (error.line, error.column) == (1, column) and says in error.reason
