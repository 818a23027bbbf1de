"""The member roster: importing CSV and JSON Lines, refusing bad files whole, --skip-bad, lookups."""
import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from desk.cli.main import main
from desk.idcard import check_digit
from desk.store.database import StoreError
from desk.store.roster import family_of, find_member, import_roster, write_rejects
from desk.store.settling import BillLine, settle_bill
from desk.store.tabular import ImportRefused, RowError
from desk.store.users import PermissionDenied
from store_support import copy_desk, MEMBERS, ROSTER_HEADER, Desk, member_row, table_dump, write_csv

COL = {name: i for i, name in enumerate(ROSTER_HEADER)}
NEW = member_row("M004", "赵六", dt.date(1990, 1, 1), sequence=14, card="A10000004")  # its ID number ends in X
NEW2 = member_row("M005", "钱七", dt.date(1975, 3, 3), "F", category="retired", card="A10000005",
                  scheme="individual_tier2", eligible="false", doctor="H-001", balance="12.50", family="M004:spouse")


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run `desk ...` in this process as the admin (PIN from $DESK_PIN); gives (exit status, stdout, stderr)."""
    monkeypatch.setenv("DESK_PIN", "9999")

    def run(*args) -> tuple[int, str, str]:
        status = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return status, out, err
    return run


def changed(row: list[str], **values: str) -> list[str]:
    row = list(row)
    for column, value in values.items():
        row[COL[column]] = value
    return row


def csv_line(row: list[str]) -> str:
    return ",".join(row)


def refuses(desk: Desk, path: Path) -> ImportRefused:
    """Import path expecting a refusal that leaves every table as it was; the refusal, to look at."""
    before = table_dump(desk.db)
    with pytest.raises(ImportRefused) as refused:
        import_roster(desk.db, desk.admin, path, desk.at)
    assert table_dump(desk.db) == before
    return refused.value


# --- good files and lookups ---------------------------------------------------------------------------------------

def test_csv_and_json_lines_import_the_same_members(template, tmp_path):
    """The same two members, as CSV and as JSON Lines with JSON booleans and numbers, give identical rows."""
    by_csv, by_jsonl = copy_desk(template, tmp_path / "a.sqlite"), copy_desk(template, tmp_path / "b.sqlite")
    objects = [dict(zip(ROSTER_HEADER, r)) for r in (NEW, NEW2)]
    objects[1].update(eligible=False, account_balance=12.5)
    (tmp_path / "new.jsonl").write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in objects),
                                        encoding="utf-8")
    for desk, path in ((by_csv, write_csv(tmp_path / "new.csv", ROSTER_HEADER, [NEW, NEW2])),
                       (by_jsonl, tmp_path / "new.jsonl")):
        result = import_roster(desk.db, desk.admin, path, desk.at)
        assert (result.read, result.inserted, result.updated, result.rejected) == (2, 2, 0, [])
    query = "SELECT * FROM members WHERE member_id IN ('M004', 'M005') ORDER BY member_id"
    rows = by_csv.db.execute(query).fetchall()
    assert len(rows) == 2 and rows == by_jsonl.db.execute(query).fetchall()
    m005 = find_member(by_jsonl.db, "M005")
    assert (m005.eligible, m005.account_balance_fen, m005.scheme, m005.sex) == (False, 1250, "individual_tier2", "F")
    assert [(r.member_id, rel) for r, rel in family_of(by_jsonl.db, "M005")] == [("M004", "spouse")]


@pytest.mark.parametrize("key", ["A10000004", "EM004", NEW[COL["id_number"]], NEW[COL["id_number"]].lower(),
                                 "M004", "  M004 "], ids=["card", "ecard", "id", "id-lowercase-x", "member", "spaced"])
def test_a_member_is_found_by_any_code_the_counter_scans(desk, tmp_path, key):
    """Card number, 电子凭证 code, ID number (a lowercase x too) and member id all find the member."""
    assert NEW[COL["id_number"]].endswith("X")
    import_roster(desk.db, desk.admin, write_csv(tmp_path / "new.csv", ROSTER_HEADER, [NEW]), desk.at)
    found = find_member(desk.db, key)
    assert found is not None and (found.member_id, found.name) == ("M004", "赵六")
    assert found.birth_date == dt.date(1990, 1, 1) and found.masked_id == "410***********149X"


@pytest.mark.parametrize("key", ["A99999999", "M999", "", "   "])
def test_an_unknown_or_blank_key_finds_nobody(desk, key):
    """A code no member carries gives None, not an error and not somebody else."""
    assert find_member(desk.db, key) is None


def test_family_links_read_both_ways(desk):
    """M001 names M002 as spouse; each finds the other, and an unlinked member has no family."""
    assert [(r.member_id, rel) for r, rel in family_of(desk.db, "M001")] == [("M002", "spouse")]
    assert [(r.member_id, rel) for r, rel in family_of(desk.db, "M002")] == [("M001", "spouse")]
    assert family_of(desk.db, "M003") == []


# --- re-import ----------------------------------------------------------------------------------------------------

def test_reimport_updates_in_place_and_counts_new_and_updated(desk, tmp_path):
    """Changed name, category and balance are updated on the same member; only the new member is inserted."""
    rows = [changed(MEMBERS[0], name="王伟伟"), changed(MEMBERS[1], category="退休", account_balance="80.00"),
            MEMBERS[2], NEW]
    result = import_roster(desk.db, desk.admin, write_csv(tmp_path / "again.csv", ROSTER_HEADER, rows), desk.at)
    assert (result.read, result.inserted, result.updated) == (4, 1, 3)
    assert desk.db.execute("SELECT count(*) FROM members").fetchone()[0] == 4
    assert find_member(desk.db, "A10000001").name == "王伟伟"
    m002 = find_member(desk.db, "M002")
    assert (m002.category, m002.account_balance_fen) == ("retired", 8000)


def test_reimported_balance_keeps_this_desks_uncounted_account_payments(desk, tmp_path):
    """After a bill paid from the account, a new baseline of 600.00 leaves 600.00 − that payment."""
    paid = settle_bill(desk.db, desk.library, desk.cashier, "A10000001", [BillLine("XA01", 2)], desk.at)
    account_pay = int(paid.figures["account_pay"] * 100)
    assert account_pay > 0
    assert find_member(desk.db, "M001").account_balance_fen == 50000 - account_pay
    rows = [changed(MEMBERS[0], account_balance="600.00"), *MEMBERS[1:]]
    import_roster(desk.db, desk.admin, write_csv(tmp_path / "again.csv", ROSTER_HEADER, rows), desk.at)
    baseline, balance = desk.db.execute(
        "SELECT account_baseline_fen, account_balance_fen FROM members WHERE member_id = 'M001'").fetchone()
    assert (baseline, balance) == (60000, 60000 - account_pay)


def test_a_reimport_may_move_card_numbers_between_members_of_the_file(desk, tmp_path):
    """Two members who swap card numbers in the new roster are both updated: the file itself is consistent."""
    rows = [changed(MEMBERS[0], card_number="A10000002"), changed(MEMBERS[1], card_number="A10000001"), MEMBERS[2]]
    import_roster(desk.db, desk.admin, write_csv(tmp_path / "swap.csv", ROSTER_HEADER, rows), desk.at)
    assert find_member(desk.db, "A10000002").member_id == "M001"
    assert find_member(desk.db, "A10000001").member_id == "M002"


# --- refusals -----------------------------------------------------------------------------------------------------

def _first17(row: list[str]) -> str:
    return row[COL["id_number"]][:17]


BAD_CHECK = _first17(MEMBERS[1]) + ("0" if MEMBERS[1][COL["id_number"]][-1] != "0" else "1")
NOT_A_DATE = "410902" + "19820230" + "013"  # 30 February
BAD_VALUES = [  # (id, line, values changed on that line, column named, reason says)
    ("id-check-digit", 3, {"id_number": BAD_CHECK}, "id_number", "check digit"),
    ("id-birth-not-a-date", 3, {"id_number": NOT_A_DATE + check_digit(NOT_A_DATE)}, "id_number", "is not a date"),
    ("birth-date-differs", 3, {"birth_date": "1982-07-10"}, "birth_date", "differs from the ID number's 1982-07-09"),
    ("birth-date-not-a-date", 3, {"birth_date": "09/07/1982"}, "birth_date", "is not a date"),
    ("unknown-category", 4, {"category": "student"}, "category", "'student' is not one of employed, retired"),
    ("unknown-scheme", 4, {"scheme": "gold"}, "scheme", "'gold' is not one of employer"),
    ("eligible-not-boolean", 4, {"eligible": "maybe"}, "eligible", "is not true or false"),
    ("balance-negative", 4, {"account_balance": "-1.00"}, "account_balance", "negative"),
    ("balance-not-a-number", 4, {"account_balance": "lots"}, "account_balance", "is not a number"),
    ("balance-three-decimals", 4, {"account_balance": "1.005"}, "account_balance", "more than two decimals"),
    *((f"missing-{c}", 3, {c: ""}, c, "is required") for c in ("member_id", "name", "id_number", "category")),
    ("repeated-member-id", 4, {"member_id": "M001"}, "member_id", "M001 repeats line 2"),
    ("repeated-id-number", 4, {"id_number": MEMBERS[0][COL["id_number"]], "birth_date": ""}, "id_number",
     "repeats line 2"),
    ("repeated-card", 4, {"card_number": "A10000001"}, "card_number", "A10000001 repeats line 2"),
    ("card-of-another-member", 4, {"card_number": "A10000003"}, "card_number", "belongs to member M003"),
    ("family-not-a-member", 4, {"family": "M999:child"}, "family", "M999 is not a member"),
    ("family-self-link", 3, {"family": "M002:spouse"}, "family", "own family link"),
    ("family-unknown-relation", 3, {"family": "M001:cousin"}, "family", "relation 'cousin'"),
]


def good_rows() -> list[list[str]]:
    """Lines 2–4: M001 renamed (an update), M002 as it is, M004 new: a file that writes if accepted."""
    return [changed(MEMBERS[0], name="王伟伟"), list(MEMBERS[1]), list(NEW)]


@pytest.mark.parametrize("line, values, column, says", [case[1:] for case in BAD_VALUES],
                         ids=[case[0] for case in BAD_VALUES])
def test_one_bad_value_refuses_the_whole_file_naming_line_and_column(desk, tmp_path, line, values, column, says):
    """One bad row in an otherwise good CSV: nothing is written, and the error names its line and column."""
    rows = good_rows()
    rows[line - 2] = changed(rows[line - 2], **values)
    refusal = refuses(desk, write_csv(tmp_path / "bad.csv", ROSTER_HEADER, rows))
    assert [(e.line, e.column) for e in refusal.errors] == [(line, column)]
    assert says in refusal.errors[0].reason
    assert f"line {line}, column {column}" in str(refusal) and "nothing imported" in str(refusal)


def test_a_csv_row_with_the_wrong_number_of_fields_refuses_the_file(desk, tmp_path):
    """A row the header does not fit is refused by its line, with no column to name."""
    refusal = refuses(desk, write_csv(tmp_path / "fields.csv", ROSTER_HEADER, [*good_rows(), ["M006", "孙八"]]))
    assert [(e.line, e.column, e.reason) for e in refusal.errors] == [(5, "", "has 2 fields, the header has 12")]


@pytest.mark.parametrize("line, text, column, says", [
    (1, "{not json", "", "is not valid JSON"),
    (2, '["M006", "孙八"]', "", "is not a JSON object"),
    (3, '{"member_id": "M006", "colour": "red"}', "colour", "is not a known column"),
], ids=["not-json", "not-an-object", "unknown-key"])
def test_a_json_line_that_is_not_a_row_refuses_the_file(desk, tmp_path, line, text, column, says):
    """JSON Lines have no header, so lines count from 1; a broken line is refused by its number."""
    lines = [json.dumps(dict(zip(ROSTER_HEADER, r)), ensure_ascii=False) for r in good_rows()]
    lines[line - 1] = text
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    refusal = refuses(desk, tmp_path / "bad.jsonl")
    assert [(e.line, e.column) for e in refusal.errors] == [(line, column)]
    assert says in refusal.errors[0].reason


def test_every_bad_row_is_listed_not_only_the_first(desk, tmp_path):
    """Two bad rows give two errors, so the administrator fixes the file in one go."""
    rows = good_rows()
    rows[0] = changed(rows[0], scheme="gold")
    rows[2] = changed(rows[2], eligible="maybe")
    refusal = refuses(desk, write_csv(tmp_path / "bad.csv", ROSTER_HEADER, rows))
    assert [(e.line, e.column) for e in refusal.errors] == [(2, "scheme"), (4, "eligible")]


@pytest.mark.parametrize("content, says", [
    (",".join(c for c in ROSTER_HEADER if c != "category") + "\n", "line 1: the header lacks column(s) category"),
    (",".join([*ROSTER_HEADER, "colour"]) + "\n", "line 1: unknown column(s) colour"),
    ((",".join(ROSTER_HEADER) + "\n" + csv_line(MEMBERS[0]) + "\n").encode("gbk") + b"\xff\xff\n",
     "line 3: is not gb18030 text"),  # GBK is read (detected); a byte no encoding reads names its line
    ("", "is empty"),
], ids=["header-lacks-column", "header-unknown-column", "not-utf8", "empty"])
def test_a_file_that_is_not_a_roster_is_refused(desk, tmp_path, content, says):
    """A bad header, a non-UTF-8 file or an empty one: StoreError naming the problem, nothing written."""
    path = tmp_path / "roster.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = table_dump(desk.db)
    with pytest.raises(StoreError, match=re.escape(says)):
        import_roster(desk.db, desk.admin, path, desk.at)
    assert table_dump(desk.db) == before


# --- --skip-bad and the rejects file ------------------------------------------------------------------------------

def test_skip_bad_imports_the_good_rows_and_returns_the_bad(desk, tmp_path):
    """With skip_bad the good rows land and each bad one comes back with its reason."""
    rows = good_rows()
    rows[1] = changed(rows[1], category="student")
    path = write_csv(tmp_path / "mixed.csv", ROSTER_HEADER, rows)
    result = import_roster(desk.db, desk.admin, path, desk.at, skip_bad=True)
    assert (result.read, result.inserted, result.updated) == (3, 1, 1)
    assert [error for _, error in result.rejected] == [
        RowError(3, "category", "'student' is not one of employed, retired")]
    assert find_member(desk.db, "M004") is not None and find_member(desk.db, "M001").name == "王伟伟"
    assert find_member(desk.db, "M002").category == "employed"


def test_write_rejects_lists_line_column_reason_and_row(desk, tmp_path):
    """The rejects file is a CSV with line, column, reason and the row, in line order."""
    rows = good_rows()
    rows[2] = changed(rows[2], account_balance="-5.00")
    rows[1] = changed(rows[1], scheme="gold")
    result = import_roster(desk.db, desk.admin, write_csv(tmp_path / "mixed.csv", ROSTER_HEADER, rows), desk.at,
                           skip_bad=True)
    write_rejects(tmp_path / "rejects.csv", result.rejected)
    with open(tmp_path / "rejects.csv", encoding="utf-8", newline="") as handle:
        rejects = list(csv.DictReader(handle))
    assert [(r["line"], r["column"]) for r in rejects] == [("3", "scheme"), ("4", "account_balance")]
    assert "negative" in rejects[1]["reason"]
    assert [r["row"] for r in rejects] == [csv_line(rows[1]), csv_line(rows[2])]


QUOTED = '"社区卫生服务中心,东区"'
REJECTED_LINES = [  # (file name, the rejected line exactly as in the file)
    ("plain.csv", csv_line(changed(NEW, scheme="gold"))),
    ("quoted.csv", csv_line(changed(NEW, scheme="gold", family_doctor_institution=QUOTED))),
    ("fields.csv", "M006,孙八"),
    ("value.jsonl", json.dumps(dict(zip(ROSTER_HEADER, changed(NEW, scheme="gold"))), ensure_ascii=False)),
    ("not-json.jsonl", "{not json"),
]


@pytest.mark.parametrize("name, rejected", REJECTED_LINES, ids=[n for n, _ in REJECTED_LINES])
def test_the_rejects_file_carries_each_rejected_line_as_it_was(desk, tmp_path, name, rejected):
    """An administrator fixes a rejected row from the rejects file, so its row column is the file's line verbatim."""
    header = [",".join(ROSTER_HEADER)] if name.endswith(".csv") else []
    (tmp_path / name).write_text("\n".join([*header, rejected]) + "\n", encoding="utf-8")
    result = import_roster(desk.db, desk.admin, tmp_path / name, desk.at, skip_bad=True)
    write_rejects(tmp_path / "rejects.csv", result.rejected)
    with open(tmp_path / "rejects.csv", encoding="utf-8", newline="") as handle:
        rejects = list(csv.DictReader(handle))
    assert [r["line"] for r in rejects] == [str(len(header) + 1)]
    assert rejects[0]["row"] == rejected


def test_cli_skip_bad_writes_the_rejects_file_and_counts_them(desk, tmp_path, cli):
    """`desk members import --skip-bad` imports the good rows, writes FILE.rejects.csv and says how many."""
    rows = good_rows()
    rows[1] = changed(rows[1], category="student")
    path = write_csv(tmp_path / "mixed.csv", ROSTER_HEADER, rows)
    status, out, err = cli("members", "import", path, "--skip-bad", "--db", desk.path, "--user", "admin")
    assert status == 0, err
    assert out.splitlines()[0] == "members: 3 rows read, 1 added, 1 updated, 1 rejected"
    with open(tmp_path / "mixed.rejects.csv", encoding="utf-8", newline="") as handle:
        assert [(r["line"], r["column"]) for r in csv.DictReader(handle)] == [("3", "category")]
    assert find_member(desk.reopen(), "M004") is not None


def test_cli_without_skip_bad_exits_2_with_one_line(desk, tmp_path, cli):
    """Without --skip-bad the CLI writes nothing and says on one line which line and column are wrong."""
    rows = good_rows()
    rows[1] = changed(rows[1], category="student")
    path = write_csv(tmp_path / "mixed.csv", ROSTER_HEADER, rows)
    before = table_dump(desk.db)
    status, out, err = cli("members", "import", path, "--db", desk.path, "--user", "admin")
    assert (status, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and "line 3, column category" in err
    assert table_dump(desk.reopen()) == before
    assert not (tmp_path / "mixed.rejects.csv").exists()


# --- permissions, audit, progress ---------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["cashier", "supervisor"])
def test_only_an_admin_imports_the_roster(desk, tmp_path, role):
    """A cashier's or supervisor's import is refused in the core, and nothing is written."""
    before = table_dump(desk.db)
    with pytest.raises(PermissionDenied, match=r"needs an? admin"):
        import_roster(desk.db, getattr(desk, role), write_csv(tmp_path / "new.csv", ROSTER_HEADER, [NEW]), desk.at)
    assert table_dump(desk.db) == before


def test_an_import_appends_one_audit_row_with_its_counts(desk, tmp_path):
    """members.import is logged once, by the admin, naming the file and its counts."""
    last = desk.db.execute("SELECT max(seq) FROM audit").fetchone()[0]
    path = write_csv(tmp_path / "update.csv", ROSTER_HEADER, [changed(MEMBERS[0], name="王伟伟"), NEW])
    import_roster(desk.db, desk.admin, path, desk.at)
    rows = desk.db.execute("SELECT actor, action, subject, detail FROM audit WHERE seq > ?", (last,)).fetchall()
    assert [r[:3] for r in rows] == [("admin", "members.import", "update.csv")]
    assert json.loads(rows[0][3]) == {"read": 2, "inserted": 1, "updated": 1, "rejected": 0}


def many(n: int) -> list[list[str]]:
    """n members with distinct ID numbers (one birthday each from 1950): more than one import chunk."""
    first = dt.date(1950, 1, 1)
    return [member_row(f"P{i:05d}", "测试", first + dt.timedelta(days=i), sequence=i % 100) for i in range(n)]


@pytest.mark.parametrize("category, encoding, says", [("student", "utf-8", "line 2402, column category"),
                                                      ("employed", "gbk", "line 2402: is not utf-8 text")],
                         ids=["bad-value", "not-utf8"])
def test_a_problem_late_in_a_large_file_rolls_back_the_rows_already_written(desk, tmp_path, category, encoding, says):
    """Rows are written a chunk at a time, so a bad row or bad bytes near the end must undo the earlier chunks."""
    rows = many(2401)
    path = write_csv(tmp_path / "big.csv", ROSTER_HEADER, rows[:2400])
    with open(path, "ab") as handle:
        handle.write((csv_line(changed(rows[2400], category=category)) + "\r\n").encode(encoding))
    before = table_dump(desk.db)
    with pytest.raises(StoreError, match=says):
        import_roster(desk.db, desk.admin, path, desk.at)
    assert table_dump(desk.db) == before


def test_progress_reports_done_and_total_up_to_the_end(desk, tmp_path):
    """A large roster reports progress more than once, rising, ending at (n, n)."""
    rows = many(2500)
    calls = []
    import_roster(desk.db, desk.admin, write_csv(tmp_path / "big.csv", ROSTER_HEADER, rows), desk.at,
                  progress=lambda done, total: calls.append((done, total)))
    assert len(calls) > 1 and calls[-1] == (2500, 2500)
    assert {total for _, total in calls} == {2500}
    assert [done for done, _ in calls] == sorted({done for done, _ in calls})
    assert desk.db.execute("SELECT count(*) FROM members").fetchone()[0] == 2503
