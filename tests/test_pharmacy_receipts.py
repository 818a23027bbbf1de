"""The pharmacy receipt read back with pdftotext: every traceability code, batch and expiry, 无码, the prescription."""
import datetime as dt

import pytest

from desk.receipts.receipt import receipt_data, render
from desk.store.settling import reverse
from pdf_support import text, value_of
from pharmacy_support import AT, code, make_pharmacy
from test_pharmacy_store import line, sell

BOXES = [code(n) for n in range(100, 112)]  # twelve boxes: several rows of codes on every paper


@pytest.fixture(scope="module")
def settled(tmp_path_factory):
    desk = make_pharmacy(tmp_path_factory.mktemp("rx"))
    s = sell(desk, [line("XA01", 12, *BOXES, batch="B2401", expiry="2027-06-30"), line("XS01", 6, code(31)),
                    line("XB01", 2, reason="2025年6月前购进库存"), line("FW01", 1)])
    return desk, s


@pytest.mark.parametrize("paper", ("80mm", "58mm", "a5"))
def test_every_code_batch_expiry_no_code_and_the_prescription_are_printed(settled, tmp_path, paper):
    desk, s = settled
    page = text(render(receipt_data(desk.db, desk.library, s.id), paper), tmp_path)
    words = page.split()
    assert all(c in words for c in BOXES), [c for c in BOXES if c not in words]
    assert f"{code(31)}[1-6]" in words  # the split box and the units this sale took
    assert sum(len(row.split()) >= 2 and all(w.isdigit() and len(w) == 20 for w in row.split())
               for row in page.splitlines()) >= 3, "codes are packed several to a row"
    assert "批号 B2401" in page and "有效期至 2027-06-30" in page
    assert "【无码】2025年6月前购进库存" in page
    assert value_of(page, "处方编号") == "RX20260310001"
    assert "重庆医科大学附属第一医院" in page and "H50010001（三级）" in page and "刘医生" in page
    assert "J06.900 急性上呼吸道感染" in page and "2026-03-10（有效1天）" in page


def test_the_return_receipt_lists_the_codes_it_gives_back(settled, tmp_path):
    desk, s = settled
    back = reverse(desk.db, desk.supervisor, s.id, AT + dt.timedelta(minutes=2), "顾客退货")
    page = text(render(receipt_data(desk.db, desk.library, back.id)), tmp_path)
    assert "冲销" in page and all(c in page.split() for c in BOXES)


def test_a_quantity_of_ten_prints_as_ten(tmp_path):
    desk = make_pharmacy(tmp_path)
    s = sell(desk, [line("XS01", 10, code(41)), line("XB01", 20, reason="旧库存")], rx=True)
    assert [i["quantity"] for i in s.items] == ["10", "20"]
    page = text(render(receipt_data(desk.db, desk.library, s.id)), tmp_path)
    assert "10×2.50" in page and "20×18.00" in page and "E+" not in page
