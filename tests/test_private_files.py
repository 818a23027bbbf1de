"""Files: the desk touches no file it has not recognised as its database, writes personal data for
its owner's eyes only, and writes CSV cells no spreadsheet can run. Written as the attacks."""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import sqlite3
import stat

import pytest

from desk.cli.main import main
from desk.store.private_files import safe_cell
from desk.store.roster import import_roster
from desk.store.settling import BillLine, settle_bill
from store_support import MEMBERS, ROSTER_HEADER, member_row, write_csv

EVIL = "=cmd|' /C calc'!A0"


@pytest.fixture
def cli(monkeypatch, capsys):
    def run(*args, user: str | None = None, pin: str = "") -> tuple[int, str, str]:
        monkeypatch.setenv("DESK_PIN", pin)
        if user:
            monkeypatch.setenv("DESK_USER", user)
        else:
            monkeypatch.delenv("DESK_USER", raising=False)
        status = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return status, out, err
    return run


@pytest.fixture(autouse=True)
def loose_umask():
    """The counter's OS account as it usually is: new files world-readable unless the desk says otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def one_line_refusal(status: int, err: str) -> str:
    assert status == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_check_on_a_folder_refuses_and_leaves_it_alone(cli, tmp_path):
    """Before: `desk check --db FOLDER` set the folder to 0600 before finding it was no database."""
    folder = tmp_path / "photos"
    folder.mkdir(mode=0o755)
    (folder / "cat.jpg").write_bytes(b"\xff\xd8")
    line = one_line_refusal(*cli("check", "--db", folder)[::2])
    assert "is a folder" in line and mode(folder) == 0o755 and sorted(os.listdir(folder)) == ["cat.jpg"]


@pytest.mark.parametrize("content", [b"name,id\nx,1\n", b"", b"SQLite format 3\x00" + b"\x00" * 84])
def test_check_on_a_foreign_file_refuses_and_leaves_it_alone(cli, tmp_path, content):
    """A text file, an empty file and a corrupt SQLite header: one line, same bytes, same mode, no -wal."""
    path = tmp_path / "notes.csv"
    path.write_bytes(content)
    os.chmod(path, 0o644)
    line = one_line_refusal(*cli("check", "--db", path)[::2])
    assert "not a desk database" in line
    assert path.read_bytes() == content and mode(path) == 0o644
    assert sorted(os.listdir(tmp_path)) == ["notes.csv"]


def test_another_programs_sqlite_database_is_refused_untouched(cli, tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    os.chmod(path, 0o644)
    before = path.read_bytes()
    line = one_line_refusal(*cli("audit", "verify", "--db", path)[::2])
    assert "not a desk database" in line and path.read_bytes() == before and mode(path) == 0o644
    assert sorted(os.listdir(tmp_path)) == ["other.sqlite"]


def test_a_missing_database_is_not_created_by_a_command_that_only_reads(cli, tmp_path):
    path = tmp_path / "typo" / "desk.sqlite"
    line = one_line_refusal(*cli("check", "--db", path)[::2])
    assert "run `desk init` first" in line and not (tmp_path / "typo").exists()


def test_a_desk_database_made_readable_is_made_private_again(cli, desk):
    os.chmod(desk.path, 0o644)
    status, out, _ = cli("check", "--db", desk.path)
    assert status == 0 and mode(desk.path) == 0o600


def test_receipt_and_reports_are_written_for_the_owner_only(cli, desk, tmp_path):
    settled = settle_bill(desk.db, desk.library, desk.cashier, "A10000001", [BillLine("XA01")], desk.at)
    receipt = tmp_path / "r.pdf"
    assert cli("receipt", settled.receipt_no, "--out", receipt, "--db", desk.path, user="cash1", pin="1111")[0] == 0
    assert cli("report", "x", "--out", tmp_path / "x.pdf", "--db", desk.path, user="cash1", pin="1111")[0] == 0
    month = desk.at.strftime("%Y-%m")
    assert cli("report", "month", month, "--out-dir", tmp_path / "m", "--db", desk.path)[0] == 0
    written = [receipt, tmp_path / "x.pdf", *sorted((tmp_path / "m").iterdir())]
    assert {f"claim-{month}.csv", f"setlinfo-{month}.csv", f"claim-{month}.pdf"} <= {p.name for p in written}
    assert {p.name: mode(p) for p in written} == {p.name: 0o600 for p in written}


def test_out_into_a_missing_folder_is_one_line_and_records_no_print(cli, desk, tmp_path):
    settled = settle_bill(desk.db, desk.library, desk.cashier, "A10000001", [BillLine("XA01")], desk.at)
    status, _, err = cli("receipt", settled.receipt_no, "--out", tmp_path / "nope" / "r.pdf", "--db", desk.path,
                         user="cash1", pin="1111")
    assert "does not exist" in one_line_refusal(status, err)
    assert desk.db.execute("SELECT count(*) FROM receipt_prints").fetchone()[0] == 0
    status, _, err = cli("report", "z", "--out", tmp_path / "nope" / "z.pdf", "--db", desk.path,
                         user="sup1", pin="2222")
    assert "does not exist" in one_line_refusal(status, err)
    assert desk.db.execute("SELECT count(*) FROM day_closes").fetchone()[0] == 0


def test_a_formula_in_a_name_is_neutralised_in_setlinfo_and_rejects(cli, desk, tmp_path):
    """Before: a member named =cmd|' /C calc'!A0 went unchanged into setlinfo (a spreadsheet runs it)."""
    evil = member_row("M009", EVIL, dt.date(1970, 1, 1), card="A10000009", sequence=9)
    import_roster(desk.db, desk.admin, write_csv(tmp_path / "evil.csv", ROSTER_HEADER, [evil]), desk.at)
    settle_bill(desk.db, desk.library, desk.cashier, "A10000009", [BillLine("XA01")], desk.at)
    month = desk.at.strftime("%Y-%m")
    assert cli("report", "month", month, "--out-dir", tmp_path / "m", "--db", desk.path)[0] == 0
    setlinfo = (tmp_path / "m" / f"setlinfo-{month}.csv").read_text(encoding="utf-8")
    assert f"'{EVIL}" in setlinfo.replace('""', '"') and f",{EVIL}" not in setlinfo
    bad = [*MEMBERS[:1], ["M010", "@SUM(1+1)*cmd", "110101199001011234", "", "", "employed", "", "", "", "", "", ""]]
    source = write_csv(tmp_path / "bad.csv", ROSTER_HEADER, bad)
    status, _, _ = cli("members", "import", source, "--skip-bad", "--db", desk.path, user="admin", pin="9999")
    assert status == 0
    rejects = (tmp_path / "bad.rejects.csv")
    assert mode(rejects) == 0o600
    rows = list(csv.reader(io.StringIO(rejects.read_text(encoding="utf-8"))))
    assert len(rows) == 2 and "@SUM" in rows[1][3]
    assert not any(cell.startswith(("=", "+", "@", "-", "\t", "\r")) for row in rows for cell in row)


@pytest.mark.parametrize("text, written", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1+1", "'-1+1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("-12.30", "-12.30"), ("-5", "-5"), ("王伟", "王伟"), ("a=b", "a=b"), ("", ""),
])
def test_safe_cell(text, written):
    assert safe_cell(text) == written
