"""Stock receipts (入库): a delivery note's boxes by traceability code; a sale takes its batch and expiry from it,
and refuses a box received as another item, an expired box, and a batch the box does not carry."""
import csv
import json
import sqlite3

import pytest

from desk.receipts.receipt import receipt_data, render
from desk.store.pharmacy import lines_of
from desk.store.stock import import_stock
from desk.store.users import PermissionDenied
from desk.tracecode import TraceCodeError
from pdf_support import text
from pharmacy_support import AT, code, make_pharmacy
from store_support import write_csv
from test_pharmacy_store import line, sell
from test_store_cli import desk as run

HEADER = ["trace_code", "item_code", "batch", "expiry"]


def note(folder, rows, name="note.csv"):
    return write_csv(folder / name, HEADER, rows)


def received(path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT code, item_code, batch, expiry, received_by FROM stock_receipts ORDER BY code").fetchall()


@pytest.fixture
def desk(tmp_path):
    return make_pharmacy(tmp_path)


def test_a_delivery_note_fills_the_sale_lines_batch_and_expiry_on_receipt_and_export(desk, tmp_path):
    path = note(tmp_path, [[code(1), "XA01", "B2411", "2027-09-30"], [code(2), "xa01", "B2411", "2027-09-30"],
                           [code(31), "XS01", "S2501", "20280131"]])  # a compact date is read as 2028-01-31
    done = run(desk.path, "stock", "import", str(path), user="admin", pin="9999")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "stock: 3 rows read, 3 boxes received, 0 received before with the same figures"
    assert received(desk.path) == [(code(1), "XA01", "B2411", "2027-09-30", "admin"),
                                   (code(2), "XA01", "B2411", "2027-09-30", "admin"),
                                   (code(31), "XS01", "S2501", "2028-01-31", "admin")]
    shown = run(desk.path, "stock", "code", code(31))
    assert shown.stdout.strip() == f"{code(31)}: item XS01, batch S2501, expiry 2028-01-31"
    # nothing typed: the boxes name their batch and expiry; a box never received keeps the typed way
    sale = sell(desk, [line("XA01", 2, code(1), code(2)), line("XS01", 4, code(31)),
                       line("XB01", 1, code(40, ""), batch="T1", expiry="2027-01-31")])
    got = {n: (l.batch, l.expiry) for n, l in lines_of(desk.db, sale.id).items()}
    assert got == {1: ("B2411", "2027-09-30"), 2: ("S2501", "2028-01-31"), 3: ("T1", "2027-01-31")}
    page = text(render(receipt_data(desk.db, desk.library, sale.id)), tmp_path)
    assert "批号 B2411" in page and "有效期至 2027-09-30" in page
    assert "批号 S2501" in page and "有效期至 2028-01-31" in page
    month = run(desk.path, "report", "month", "2026-03", "--out-dir", str(tmp_path / "m"))
    assert month.returncode == 0, month.stderr
    records = [json.loads(t) for t in (tmp_path / "m" / "drugsale-2026-03.jsonl").read_text("utf-8").splitlines()]
    assert [(r["med_list_codg"], r["manu_lotnum"], r["expy_end"]) for r in records] == [
        ("XA01", "B2411", "2027-09-30"), ("XS01", "S2501", "2028-01-31"), ("XB01", "T1", "2027-01-31")]
    with open(tmp_path / "m" / "drugsale-2026-03.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["manu_lotnum"], r["expy_end"]) for r in rows] == [("B2411", "2027-09-30"), ("S2501", "2028-01-31"),
                                                                  ("T1", "2027-01-31")]


def test_bad_rows_refuse_the_whole_file_naming_line_column_and_value(desk, tmp_path):
    path = note(tmp_path, [
        [code(1), "XA01", "B1", "2027-09-30"],        # line 2: good, but not written since the file is refused
        [code(2)[:-1], "XA01", "B1", "2027-09-30"],   # 3: 19 digits
        [code(3), "NOPE", "B1", "2027-09-30"],        # 4: not in the catalog
        [code(4, ""), "ZY01", "B1", "2027-09-30"],    # 5: 中药饮片 carries no code
        [code(5), "XA01", "", "2027-09-30"],          # 6: no batch
        [code(6), "XA01", "B1", "2027-13-01"],        # 7: no such month
        [code(7, "6999999"), "XA01", "B1", "2027-09-30"],  # 8: not XA01's prefix
        [code(1), "XA01", "B1", "2027-09-30"],        # 9: line 2's box again
    ])
    done = run(desk.path, "stock", "import", str(path), user="admin", pin="9999")
    assert done.returncode == 2 and done.stdout == ""
    err = done.stderr
    assert "7 bad row(s), nothing imported" in err
    assert f"line 3, column trace_code: {code(2)[:-1]}: has 19 digits, a code has 20" in err
    assert "line 4, column item_code: 'NOPE' is not in the catalog" in err
    assert "line 5, column item_code: ZY01 (黄芪饮片) carries no traceability code" in err
    assert "line 6, column batch: '' must be 1 to 40 characters" in err
    assert "line 7, column expiry: '2027-13-01' is not a date (YYYY-MM-DD)" in err
    assert "and 2 more" in err  # the first five are named on the line; the function lists all
    with pytest.raises(Exception) as refused:
        import_stock(desk.db, desk.admin, path, AT)
    reasons = [str(e) for e in refused.value.errors]
    assert reasons[-2:] == [f"line 8, column trace_code: {code(7, '6999999')}: does not start with this item's"
                            " prefix 8123456", f"line 9, column trace_code: {code(1)} repeats line 2"]
    assert received(desk.path) == []
    assert "Traceback" not in err


def test_receiving_a_box_again_changes_nothing_and_other_figures_are_refused(desk, tmp_path):
    first = note(tmp_path, [[code(1), "XA01", "B1", "2027-09-30"], [code(2), "XA01", "B1", "2027-09-30"]])
    assert import_stock(desk.db, desk.admin, first, AT).added == 2
    again = import_stock(desk.db, desk.admin, first, AT)
    assert (again.read, again.added, again.again) == (2, 0, 2)
    other = note(tmp_path, [[code(3), "XA01", "B2", "2027-09-30"], [code(2), "XA01", "B2", "2027-09-30"]], "other.csv")
    done = run(desk.path, "stock", "import", str(other), user="admin", pin="9999")
    assert done.returncode == 2
    assert (f"line 3, column trace_code: {code(2)} was received before as item XA01 batch B1 expiry 2027-09-30;"
            " this row says item XA01 batch B2 expiry 2027-09-30") in done.stderr
    assert [r[0] for r in received(desk.path)] == [code(1), code(2)]  # code(3), a good row, was not written either
    with pytest.raises(PermissionDenied):
        import_stock(desk.db, desk.cashier, other, AT)


def test_a_box_received_as_another_item_expired_or_of_another_batch_is_refused_at_settling(desk, tmp_path):
    import_stock(desk.db, desk.admin, note(tmp_path, [
        [code(1), "XA01", "B1", "2027-09-30"], [code(2), "XA01", "B2", "2027-09-30"],
        [code(3), "XB01", "B3", "2027-09-30"],        # XB01 has no prefix: XA01's code shape fits it
        [code(4), "XA01", "B0", "2026-03-09"],        # expired the day before the sale (AT is 2026-03-10)
        [code(5), "XA01", "B5", "2026-03-10"]]), AT)  # expires on the day of the sale: still sold
    cases = [([line("XA01", 1, code(3))], "stock_item", {"item": "XB01", "line_item": "XA01"}),
             ([line("XA01", 1, code(4))], "expired", {"batch": "B0", "expiry": "2026-03-09"}),
             ([line("XA01", 2, code(1), code(2))], "batch_differs", {"batch": "B2", "line_batch": "B1"}),
             ([line("XA01", 1, code(1), batch="B9")], "batch_differs", {"batch": "B1", "line_batch": "B9"}),
             ([line("XA01", 1, code(1), expiry="2027-10-31")], "batch_differs", {"line_expiry": "2027-10-31"})]
    for lines, kind, fields in cases:
        with pytest.raises(TraceCodeError) as refused:
            sell(desk, lines)
        assert refused.value.kind == kind, lines
        assert fields.items() <= refused.value.fields.items() and refused.value.fields["line"] == 1
    assert desk.db.execute("SELECT count(*) FROM settlements").fetchone()[0] == 0
    sale = sell(desk, [line("XA01", 1, code(5)), line("XA01", 1, code(1), batch="B1", expiry="2027-09-30")])
    assert [(l.batch, l.expiry) for l in lines_of(desk.db, sale.id).values()] == [("B5", "2026-03-10"),
                                                                                  ("B1", "2027-09-30")]
