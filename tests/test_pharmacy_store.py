"""Traceability codes, 拆零, 无码 lines and external prescriptions on a real pharmacy desk database."""
import datetime as dt
import sqlite3
from decimal import Decimal

import pytest

from desk.prescription import PrescriptionError, check_valid
from desk.store.check import check
from desk.store.database import StoreError
from desk.store.pharmacy import DrugLine, check_scan, drug_info, item_for_barcode, lines_of, prescription_of, set_settings, where_sold
from desk.store.settling import BillLine, reverse, settle_bill
from desk.tracecode import TraceCodeError, check_format
from pharmacy_support import AT, code, make_pharmacy, prescription
from store_support import table_dump


def line(item, qty, *codes, reason="", batch="", expiry=""):
    return BillLine(item, Decimal(qty), drug=DrugLine(tuple(codes), reason, batch, expiry))


@pytest.fixture
def desk(tmp_path):
    return make_pharmacy(tmp_path)


def sell(desk, lines, *, rx=True, minutes=0, member="A10000003"):
    return settle_bill(desk.db, desk.library, desk.cashier, member, lines, AT + dt.timedelta(minutes=minutes),
                       prescription=prescription() if rx else None)


def test_code_format_length_digits_and_prefix():
    good = code(1)
    assert check_format(f" {good}\r", "8123456") == good  # a scanner's trailing CR is not part of it
    for bad, kind in ((good[:-1], "length"), (good + "0", "length"), (good[:-1] + "X", "digits"),
                      (good[:-1] + "１", "digits"), ("", "digits"), (code(1, "6999999"), "prefix")):
        with pytest.raises(TraceCodeError) as err:
            check_format(bad, "8123456")
        assert err.value.kind == kind, bad


def test_catalog_drug_columns_and_their_defaults(desk):
    amox, herb, fee = drug_info(desk.db, "XA01"), drug_info(desk.db, "ZY01"), drug_info(desk.db, "FW01")
    assert (amox.barcode, amox.trace_required, amox.trace_prefix, amox.rx_flag) == ("6901234567892", True, "8123456", True)
    assert not herb.trace_required and not fee.trace_required  # 中药饮片 and services carry no code
    assert drug_info(desk.db, "XS01").units_per_box == 10 and drug_info(desk.db, "XS01").split
    assert item_for_barcode(desk.db, "6901234567908") == "XB01"


def test_a_bad_barcode_refuses_the_catalog_file(tmp_path, desk):
    from desk.store.catalog import import_catalog
    from pharmacy_support import HEADER
    from store_support import write_csv
    bad = write_csv(tmp_path / "bad.csv", HEADER, [["XC09", "某药", "", "盒", "A", "0", "1.00", "西药", "6901234567893",
                                                    "", "", "", ""]])
    with pytest.raises(StoreError, match="barcode"):
        import_catalog(desk.db, desk.admin, bad, AT)
    twice = write_csv(tmp_path / "twice.csv", HEADER, [["XC09", "某药", "", "盒", "A", "0", "1.00", "西药", "6901234567892",
                                                      "", "", "", ""]])
    with pytest.raises(StoreError, match="barcode of item XA01"):
        import_catalog(desk.db, desk.admin, twice, AT)


def test_codes_are_stored_per_line_and_the_quantity_is_the_boxes(desk):
    s = sell(desk, [line("XA01", 3, code(1), code(2), code(3), batch="B2401", expiry="2027-06-30"), line("FW01", 1)])
    lines = lines_of(desk.db, s.id)
    assert [c for c, _ in lines[1].codes] == [code(1), code(2), code(3)]
    assert (lines[1].batch, lines[1].expiry, lines[1].rx_flag) == ("B2401", "2027-06-30", True)
    assert 2 not in lines  # a service line has no drug part
    with pytest.raises(TraceCodeError) as err:
        sell(desk, [line("XA01", 3, code(4), code(5))], minutes=1)
    assert err.value.kind == "missing"
    assert check(desk.db).ok


def test_a_box_sold_once_at_this_desk_is_refused_naming_its_receipt(desk):
    first = sell(desk, [line("XA01", 1, code(7))])
    before = table_dump(desk.db)
    with pytest.raises(TraceCodeError) as err:
        sell(desk, [line("XA01", 1, code(7))], minutes=5, member="A10000001")
    assert err.value.kind == "sold" and err.value.fields["receipt"] == first.receipt_no
    assert f"receipt {first.receipt_no}" in str(err.value)
    assert table_dump(desk.db) == before  # nothing half-written, the receipt number given back
    with pytest.raises(TraceCodeError, match=f"receipt {first.receipt_no}"):
        check_scan(desk.db, "XA01", code(7))


def test_a_code_scanned_twice_in_one_bill_is_refused(desk):
    with pytest.raises(TraceCodeError) as err:
        sell(desk, [line("XA01", 2, code(8), code(8))])
    assert err.value.kind == "repeated"
    with pytest.raises(TraceCodeError) as err:
        check_scan(desk.db, "XA01", code(8), [code(8)])
    assert err.value.kind == "repeated"


def test_a_reversal_releases_the_codes_and_the_box_may_be_sold_again(desk):
    first = sell(desk, [line("XA01", 2, code(11), code(12))])
    back = reverse(desk.db, desk.supervisor, first.id, AT + dt.timedelta(minutes=3), "顾客退货")
    assert [c for c, _ in lines_of(desk.db, back.id)[1].codes] == [code(11), code(12)]  # the return lists them
    again = sell(desk, [line("XA01", 1, code(12))], minutes=6)
    assert [(r, u, rel) for r, u, _, rel in where_sold(desk.db, code(12))] == [
        (first.receipt_no, 1, back.receipt_no), (again.receipt_no, 1, None)]
    assert check(desk.db).ok


def test_a_released_code_cannot_be_taken_back_or_sold_twice_in_sql(desk):
    first = sell(desk, [line("XA01", 1, code(21))])
    with pytest.raises(sqlite3.IntegrityError):  # the partial unique index, whatever writes the table
        desk.db.execute("INSERT INTO trace_units (settlement_id, line, code, unit) VALUES (?, 1, ?, 1)",
                        (first.id, code(21)))
    with pytest.raises(sqlite3.IntegrityError, match="only ever released"):
        desk.db.execute("UPDATE trace_units SET released_by = ?", (first.id,))
        desk.db.execute("UPDATE trace_units SET released_by = NULL")


def test_split_pack_units_run_out(desk):
    box = code(31)  # 10 tablets a box
    one = sell(desk, [line("XS01", 4, box)])
    two = sell(desk, [line("XS01", 4, box)], minutes=1)
    with pytest.raises(TraceCodeError) as err:  # 2 left: the line needs another box
        sell(desk, [line("XS01", 4, box)], minutes=2)
    assert err.value.kind == "missing"
    assert check_scan(desk.db, "XS01", box) == 2
    three = sell(desk, [line("XS01", 4, box, code(32))], minutes=3)
    assert lines_of(desk.db, three.id)[1].codes == ((box, (9, 10)), (code(32), (1, 2)))
    with pytest.raises(TraceCodeError) as err:
        sell(desk, [line("XS01", 1, box)], minutes=4)
    assert err.value.kind == "used_up" and err.value.fields["receipts"] == (one.receipt_no, two.receipt_no,
                                                                            three.receipt_no)
    with pytest.raises(TraceCodeError) as err:  # a box the quantity does not need
        sell(desk, [line("XS01", 2, code(33), code(34))], minutes=5)
    assert err.value.kind == "not_needed"
    reverse(desk.db, desk.supervisor, two.id, AT + dt.timedelta(minutes=6), "退药")
    assert check_scan(desk.db, "XS01", box) == 4
    assert check(desk.db).ok


def test_no_code_lines_need_a_reason_and_are_marked(desk):
    with pytest.raises(TraceCodeError) as err:
        sell(desk, [line("XB01", 2)], rx=False)
    assert err.value.kind == "missing" and "无码" in str(err.value)
    s = sell(desk, [line("XB01", 2, reason="2025年6月前购进库存")], rx=False)
    assert lines_of(desk.db, s.id)[1].no_code_reason == "2025年6月前购进库存"
    with pytest.raises(StoreError, match="无码"):
        sell(desk, [line("XB01", 1, code(41, ""), reason="旧库存")], rx=False, minutes=1)
    with pytest.raises(TraceCodeError) as err:  # an herb carries no code
        sell(desk, [line("ZY01", 10, code(42, ""))], rx=False, minutes=2)
    assert err.value.kind == "not_traced"
    assert check(desk.db).ok


def test_a_clinic_desk_does_not_require_codes_unless_told(tmp_path):
    from store_support import make_desk
    clinic = make_desk(tmp_path, "chongqing")
    settle_bill(clinic.db, clinic.library, clinic.cashier, "A10000001", [BillLine("XA01", Decimal(1))], clinic.at)
    set_settings(clinic.db, clinic.admin, clinic.at, trace_codes="on")
    with pytest.raises(TraceCodeError):
        settle_bill(clinic.db, clinic.library, clinic.cashier, "A10000001", [BillLine("XA01", Decimal(1))], clinic.at)


def test_a_prescription_drug_needs_a_valid_prescription(desk):
    with pytest.raises(PrescriptionError) as err:
        sell(desk, [line("XA01", 1, code(51))], rx=False)
    assert err.value.kind == "missing" and err.value.fields["items"] == ["XA01"]
    stale = prescription(written=AT.date() - dt.timedelta(days=1))  # valid the day it was written
    with pytest.raises(PrescriptionError) as err:
        settle_bill(desk.db, desk.library, desk.cashier, "A10000003", [line("XA01", 1, code(51))], AT,
                    prescription=stale)
    assert err.value.kind == "stale"
    noted = prescription(written=AT.date() - dt.timedelta(days=2), days=3)  # the doctor noted 3 days
    s = settle_bill(desk.db, desk.library, desk.cashier, "A10000003", [line("XA01", 1, code(51))], AT,
                    prescription=noted)
    assert prescription_of(desk.db, s.id) == noted
    with pytest.raises(PrescriptionError) as err:
        check_valid(prescription(days=5), AT.date())
    assert err.value.kind == "too_long"
    with pytest.raises(PrescriptionError) as err:
        check_valid(prescription(written=AT.date() + dt.timedelta(days=1)), AT.date())
    assert err.value.kind == "future"
    set_settings(desk.db, desk.admin, AT, rx_default_days=2, rx_max_days=5)
    settle_bill(desk.db, desk.library, desk.cashier, "A10000003", [line("XA01", 1, code(52))], AT,
                prescription=prescription(written=AT.date() - dt.timedelta(days=1)))


def test_the_prescribing_institutions_level_settles_the_bill(tmp_path):
    # 重庆 第12条: retired member, deductible 100; 255.00 in scope; level 3: 50 % + 10 retiree points = 60 %
    results = {}
    for level in (3, 2):
        desk = make_pharmacy(tmp_path / str(level))
        s = settle_bill(desk.db, desk.library, desk.cashier, "A10000003",
                        [line("XA01", 3, code(61), code(62), code(63)), line("XB01", 10, reason="旧库存")], AT,
                        prescription=prescription(level=level))
        results[level] = (s.figures["deductible"], s.ratio, s.figures["pool_pay"])
    assert results[3] == (Decimal("100.00"), "0.6000", Decimal("93.00"))   # 155 × 0.60
    assert results[2] == (Decimal("100.00"), "0.7000", Decimal("108.50"))  # 155 × 0.70


def test_check_finds_a_code_row_that_does_not_agree_with_its_line(desk):
    s = sell(desk, [line("XA01", 1, code(71))])
    assert check(desk.db).ok
    desk.db.execute("INSERT INTO trace_units (settlement_id, line, code, unit) VALUES (?, 1, ?, 1)", (s.id, code(72)))
    desk.db.conn.commit()
    assert any("2 units of 2 boxes recorded for a quantity of 1" in p for p in check(desk.db).problems)


@pytest.mark.parametrize("table, op, action", [
    ("trace_units", "INSERT", "settle"), ("settlement_drug_lines", "INSERT", "settle"),
    ("prescriptions", "INSERT", "settle"), ("trace_units", "UPDATE", "reverse")])
def test_a_failed_pharmacy_write_leaves_nothing_half_written(desk, table, op, action):
    from test_store_durability import failing
    first = sell(desk, [line("XA01", 1, code(81))])
    attempt = {"settle": lambda: sell(desk, [line("XA01", 2, code(82), code(83), batch="B1")], minutes=1),
               "reverse": lambda: reverse(desk.db, desk.supervisor, first.id, AT + dt.timedelta(minutes=1), "退")}
    before = table_dump(desk.db)
    with failing(desk.db, table, op), pytest.raises((StoreError, sqlite3.Error)):
        attempt[action]()
    assert table_dump(desk.db) == before
    attempt[action]()  # and it goes through once the fault is gone
    assert check(desk.db).ok
