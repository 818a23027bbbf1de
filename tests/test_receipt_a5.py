"""The A5 结算单 as a form (issue 12): one page for a short bill, its QR code on it; a long bill continues
with 第 N 页 共 M 页 and the table's header on every page, the totals once, on the last. Read back with
pdftotext, as a person's tools would."""
from decimal import Decimal

import pytest

from desk.receipts.receipt import receipt_data, render
from desk.store.settling import BillLine, settle_bill
from pdf_support import page_size, qr_codes, text, words

HEADER = ["名称", "规格", "类别", "数量", "单价", "金额", "先行自付"]


def pages(pdf: bytes, tmp_path) -> list[str]:
    return text(pdf, tmp_path).split("\f")[:-1]  # pdftotext ends every page with a form feed


def a5(desk, s) -> bytes:
    return render(receipt_data(desk.db, desk.library, s.id), "a5")


def test_a_two_item_bill_is_one_a5_page_with_its_qr_code(desk, tmp_path):
    s = settle_bill(desk.db, desk.library, desk.cashier, "M001", [BillLine("XA01"), BillLine("XB01")], desk.at)
    pdf = a5(desk, s)
    found = pages(pdf, tmp_path)
    assert len(found) == 1
    assert [round(v) for v in page_size(pdf, tmp_path)] == [420, 595]
    page = found[0]
    assert "".join(page.split()).count("第1页共1页") == 1
    assert any(line.split() == HEADER for line in page.splitlines())
    row = next(line.split() for line in page.splitlines() if line.startswith("头孢克肟分散片"))
    assert row == ["头孢克肟分散片", "0.1g×6片", "乙类", "1", "40.00", "40.00", "10%"]  # the catalog's row
    codes = qr_codes(pdf, tmp_path)
    assert len(codes) == 1 and f"id={s.id}" in codes[0]


def test_a_sixty_item_bill_continues_with_page_numbers_and_the_totals_once(desk, tmp_path):
    lines = [BillLine(code) for code in ("XA01", "XB01", "ZC01", "FW01")] * 15  # 25 + 40 + 300 + 10 = 375 a round
    s = settle_bill(desk.db, desk.library, desk.cashier, "M003", lines, desk.at, use_account=False)
    found = pages(pdf := a5(desk, s), tmp_path)
    count = len(found)
    assert count >= 2
    for number, page in enumerate(found, start=1):
        assert f"第{number}页共{count}页" in "".join(page.split())
        if number < count or any(line.startswith("普通门诊诊查费") for line in page.splitlines()):
            assert any(line.split() == HEADER for line in page.splitlines()), number  # the header again
        if number > 1:
            assert "门诊医保结算单（续）" in page and "000001" in page
    whole = "\n".join(found)
    rows = [line for line in whole.splitlines() if line.split() and line.split()[:1] in (["阿莫西林胶囊"], ["头孢克肟分散片"], ["阿胶"],
                                                                         ["普通门诊诊查费"])]
    assert len(rows) == 60
    assert sum(line.split()[:1] == ["医疗费总额"] for line in whole.splitlines()) == 1
    assert "医疗费总额" in found[-1] and "限额剩余" in found[-1]
    assert next(line.split()[-1] for line in found[-1].splitlines() if line.startswith("医疗费总额")) == "5625.00"
    assert len(qr_codes(pdf, tmp_path)) == 1


def test_nothing_falls_off_the_a5_page_and_no_two_words_overlap(desk, tmp_path):
    desk.db.execute("UPDATE catalog SET name = '注射用头孢哌酮钠舒巴坦钠（长名称测试用）', spec = '1.5g（1.0g+0.5g）×10瓶/盒'"
                    " WHERE code = 'XB01'")
    desk.db.conn.commit()
    s = settle_bill(desk.db, desk.library, desk.cashier, "M001", [BillLine("XB01", Decimal("3")), BillLine("XA01")],
                    desk.at)
    pdf = a5(desk, s)
    width, height = page_size(pdf, tmp_path)
    boxes = words(pdf, tmp_path)
    assert boxes and all(0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height for x0, y0, x1, y1, _ in boxes)
    lines: dict[int, list] = {}
    for x0, y0, x1, _, word in boxes:
        lines.setdefault(round(y0), []).append((x0, x1, word))
    for row in lines.values():
        row.sort()
        assert all(a[1] <= b[0] + 0.5 for a, b in zip(row, row[1:])), row


@pytest.mark.parametrize("paper", ["80mm", "58mm"])
def test_the_thermal_receipts_stay_one_roll(desk, tmp_path, paper):
    s = settle_bill(desk.db, desk.library, desk.cashier, "M001", [BillLine("XA01")] * 30, desk.at)
    assert len(pages(render(receipt_data(desk.db, desk.library, s.id), paper), tmp_path)) == 1
