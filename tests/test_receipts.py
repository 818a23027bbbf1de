"""Receipts read back with poppler and zbar: the figures are the engine's, the font is embedded,
the ID is masked, the QR code names the settlement, and nothing falls off narrow paper."""
import datetime as dt
from decimal import Decimal

import pytest

from desk.receipts.receipt import print_receipt, receipt_data, render
from desk.store.settling import BillLine, reverse, settle_bill
from pdf_support import fonts, page_size, qr_codes, text, value_of, words
from store_support import make_desk

BILL = [BillLine("XA01", Decimal("4")), BillLine("XB01"), BillLine("ZC01"), BillLine("FW01")]
FORMATS = ("80mm", "58mm", "a5")


@pytest.fixture()
def settled(tmp_path):
    desk = make_desk(tmp_path, "puyang")
    s = settle_bill(desk.db, desk.library, desk.cashier, "A10000002", BILL, desk.at, payer_id="M001")
    return desk, s


@pytest.mark.parametrize("paper", FORMATS)
def test_the_figures_on_the_receipt_are_the_engines(settled, tmp_path, paper):
    desk, s = settled
    pdf, copy = print_receipt(desk.db, desk.library, desk.cashier, s.id, paper, desk.at)
    page = text(pdf, tmp_path)
    answer = s.answer
    for label, key in (("医疗费总额", "total"), ("全自费", "full_self_pay"), ("先行自付", "pre_self_pay"),
                       ("政策范围内费用", "in_scope"), ("本次起付标准", "deductible"), ("统筹基金支付", "pool_pay"),
                       ("超限额自付", "over_cap"), ("个人负担", "self_pay"), ("个人账户支付", "account_pay"),
                       ("现金支付", "cash_pay")):
        assert value_of(page, label) == answer[key], label
    assert value_of(page, "统筹支付比例") == "60.00%"
    assert value_of(page, "共济账户余额") == str(s.balance_after)  # 王伟's balance, not the patient's (issue 12)
    assert "个人账户余额" not in page
    assert value_of(page, "普通门诊统筹已支付") == answer["usage_after"]["ordinary_pool_paid"]
    assert value_of(page, "限额剩余") == str(Decimal("1500.00") - Decimal(answer["usage_after"]["ordinary_pool_paid"]))
    assert "王伟（配偶）的个人账户（家庭共济）" in page.replace(" ", "")
    assert "puyang@2022-07-01" in page and "【西药】" in page
    if paper == "a5":  # a table (issue 12): 类别 and 先行自付 are columns of the item's row
        rows = {line.split()[0]: line.split() for line in page.splitlines() if line.strip()}
        assert rows["阿胶"][2] == "丙类" and rows["阿胶"][-1] == "全自费"
        assert rows["头孢克肟分散片"][2] == "乙类" and rows["头孢克肟分散片"][-1] == "10%"
    else:
        assert "丙类 全自费" in page and "先行自付10%" in page
    assert copy == 1 and "重打" not in page


@pytest.mark.parametrize("paper", FORMATS)
def test_the_font_is_embedded_and_the_only_one(settled, tmp_path, paper):
    desk, s = settled
    used = fonts(render(receipt_data(desk.db, desk.library, s.id), paper), tmp_path)
    assert used and all(embedded == "yes" for _, embedded in used), used
    assert all("WenQuanYiZenHei" in name for name, _ in used), used


def test_the_id_number_is_masked(settled, tmp_path):
    desk, s = settled
    number = desk.db.execute("SELECT id_number FROM members WHERE member_id = 'M002'").fetchone()[0]
    page = text(render(receipt_data(desk.db, desk.library, s.id)), tmp_path)
    assert f"{number[:3]}{'*' * 11}{number[-4:]}" in page
    assert number not in page and number[3:14] not in page and number[6:14] not in page


@pytest.mark.parametrize("paper", FORMATS)
def test_the_qr_code_decodes_to_the_settlement(settled, tmp_path, paper):
    desk, s = settled
    codes = qr_codes(render(receipt_data(desk.db, desk.library, s.id), paper), tmp_path)
    assert len(codes) == 1
    assert f"id={s.id}" in codes[0] and f"no=01-{s.receipt_no}" in codes[0]
    assert f"total={s.figures['total']}" in codes[0] and f"cash={s.figures['cash_pay']}" in codes[0]


def test_a_reversal_receipt_says_so_and_names_the_original(settled, tmp_path):
    desk, s = settled
    back = reverse(desk.db, desk.supervisor, s.id, desk.at + dt.timedelta(minutes=3), "开错药品")
    page = text(print_receipt(desk.db, desk.library, desk.supervisor, back.id, "80mm", desk.at)[0], tmp_path)
    assert "冲销" in page and value_of(page, "冲销原结算单号") == f"{s.receipt_no:06d}"
    assert "冲销原因：开错药品" in page.replace(" ", "")
    assert value_of(page, "医疗费总额") == f"-{s.figures['total']}"
    assert value_of(page, "共济账户余额") == "500.00"  # the family account got its money back


def test_a_reprint_says_so_with_its_count_and_is_audited(settled, tmp_path):
    desk, s = settled
    first = text(print_receipt(desk.db, desk.library, desk.cashier, s.id, "80mm", desk.at)[0], tmp_path)
    second, copy = print_receipt(desk.db, desk.library, desk.cashier, s.id, "58mm", desk.at)
    third, _ = print_receipt(desk.db, desk.library, desk.cashier, s.id, "80mm", desk.at)
    assert "重打" not in first and copy == 2
    assert "重打 第1次" in text(second, tmp_path) and "重打 第2次" in text(third, tmp_path)
    actions = [r[0] for r in desk.db.execute("SELECT action FROM audit WHERE subject = ?", (s.id,))]
    assert actions.count("receipt.reprint") == 2


def test_demo_data_is_marked(tmp_path):
    desk = make_desk(tmp_path, "nanchang")
    desk.db.execute("UPDATE desk SET demo = 1")
    s = settle_bill(desk.db, desk.library, desk.cashier, "M001", BILL, desk.at)
    page = text(render(receipt_data(desk.db, desk.library, s.id)), tmp_path)
    assert "演示数据" in page and "不作报销凭证" in page


def test_a_thermal_receipt_is_as_tall_as_its_content(tmp_path):
    desk = make_desk(tmp_path, "chongqing")
    short = settle_bill(desk.db, desk.library, desk.cashier, "M001", [BillLine("XA01")], desk.at)
    long = settle_bill(desk.db, desk.library, desk.cashier, "M001", BILL * 6, desk.at)
    for paper in ("80mm", "58mm"):
        w1, h1 = page_size(render(receipt_data(desk.db, desk.library, short.id), paper), tmp_path)
        w2, h2 = page_size(render(receipt_data(desk.db, desk.library, long.id), paper), tmp_path)
        assert w1 == w2 and h2 > h1 + 20 * 2 * 8  # 20 more item lines of at least 8 points each
    w, h = page_size(render(receipt_data(desk.db, desk.library, long.id), "a5"), tmp_path)
    assert (round(w), round(h)) == (420, 595)  # A5 pages, as many as the content needs


@pytest.mark.parametrize("paper", ("58mm", "80mm"))
def test_nothing_falls_off_narrow_paper(tmp_path, paper):
    desk = make_desk(tmp_path, "puyang")
    desk.db.execute("UPDATE desk SET institution_name = '濮阳市华龙区人民路街道社区卫生服务中心第二门诊部（测试用长名称）'")
    s = settle_bill(desk.db, desk.library, desk.cashier, "A10000002", BILL, desk.at, payer_id="M001")
    pdf = render(receipt_data(desk.db, desk.library, s.id), paper)
    width, _ = page_size(pdf, tmp_path)
    boxes = words(pdf, tmp_path)
    assert boxes and all(x0 >= 0 and x1 <= width for x0, _, x1, _, _ in boxes), max(b[2] for b in boxes)
    lines = {}
    for x0, y0, x1, y1, word in boxes:  # no two words on one line overlap
        lines.setdefault(round(y0), []).append((x0, x1, word))
    for row in lines.values():
        row.sort()
        assert all(a[1] <= b[0] + 0.5 for a, b in zip(row, row[1:])), row
