"""The X and Z reports and the monthly claim: their sums equal the database's, read back from the PDFs."""
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from desk.receipts.claim_pdf import render_claim
from desk.receipts.day_slip import render_day
from desk.reports.day import open_figures
from desk.store.day_close import close_day, get_close
from desk.reports.month import claim_csv, claim_rows, setlinfo_csv
from desk.store.database import StoreError
from desk.store.identity import get_desk
from desk.store.settling import BillLine, reverse, settle_bill
from desk.store.users import PermissionDenied
from pdf_support import text, value_of
from store_support import make_desk

BILLS = [[BillLine("XA01", Decimal("4")), BillLine("XB01")], [BillLine("ZC01")], [BillLine("FW01"), BillLine("XA01")]]


def _fen_sum(db, column, where="1"):
    return Decimal(db.execute(f"SELECT COALESCE(SUM({column}_fen), 0) FROM settlements WHERE {where}").fetchone()[0]) / 100


@pytest.fixture()
def busy(tmp_path):
    """Two days of settlements, one reversed, at a 重庆 desk."""
    desk = make_desk(tmp_path, "chongqing")
    made = []
    for day in range(2):
        for n, bill in enumerate(BILLS * 2):
            at = desk.at + dt.timedelta(days=day, minutes=10 * n)
            made.append(settle_bill(desk.db, desk.library, desk.cashier, ["M001", "M002", "M003"][n % 3], bill, at))
    reverse(desk.db, desk.supervisor, made[1].id, desk.at + dt.timedelta(hours=2), "退费")
    return desk, made


def test_the_z_report_sums_equal_the_database_and_read_back_from_its_pdf(busy, tmp_path):
    desk, made = busy
    close = close_day(desk.db, desk.supervisor, desk.at + dt.timedelta(days=1, hours=9))
    f = close.figures
    assert (close.number, f.settlements, f.reversals, f.first_receipt, f.last_receipt) == (1, 12, 1, 1, 13)
    for key in ("total", "pool_pay", "hifp_pay", "account_pay", "cash_pay", "in_scope"):
        assert f.sums[key] == _fen_sum(desk.db, key), key
    page = text(render_day(get_desk(desk.db), f, "80mm", close=close, printed_at=desk.at, printed_by="主管一"), tmp_path)
    assert "日结报表（Z）第1号" in page
    assert value_of(page, "医疗费总额") == str(f.sums["total"]) and value_of(page, "现金支付") == str(f.sums["cash_pay"])
    assert value_of(page, "结算笔数") == "12" and value_of(page, "冲销笔数") == "1"
    assert "冲销单 000013 ← 原单 000002" in page


def test_a_settlement_after_the_close_belongs_to_the_next_business_day(busy):
    desk, made = busy
    first = close_day(desk.db, desk.supervisor, desk.at + dt.timedelta(days=1, hours=9))
    late = settle_bill(desk.db, desk.library, desk.cashier, "M001", BILLS[0], desk.at + dt.timedelta(days=1, hours=10))
    after, x = open_figures(desk.db)
    assert after == first.last_seq and (x.settlements, x.first_receipt) == (1, late.receipt_no)
    second = close_day(desk.db, desk.supervisor, desk.at + dt.timedelta(days=1, hours=20))
    assert second.number == 2 and second.figures.settlements == 1
    assert second.figures.sums["total"] == late.figures["total"]
    assert get_close(desk.db, 1).figures == first.figures  # the first Z did not change
    assert open_figures(desk.db)[1].settlements == 0


def test_a_z_report_is_immutable_and_closing_needs_a_supervisor(busy):
    desk, _ = busy
    with pytest.raises(PermissionDenied, match="close the day"):
        close_day(desk.db, desk.cashier, desk.at)
    close_day(desk.db, desk.supervisor, desk.at)
    with pytest.raises(Exception, match="never edited"):
        desk.db.execute("UPDATE day_closes SET figures = '{}'")
    with pytest.raises(Exception, match="never deleted"):
        desk.db.execute("DELETE FROM day_closes")
    with pytest.raises(StoreError, match="no Z report number 7"):
        get_close(desk.db, 7)


def test_the_claim_csv_equals_the_pdf_and_the_database_with_reversals_netted(busy, tmp_path):
    desk, made = busy
    month = desk.at.strftime("%Y-%m")
    rows = claim_rows(desk.db, month)
    total = rows[-1]
    assert [r.day for r in rows[:-1]] == sorted({s.day for s in made})
    assert total.count == 11  # 12 settlements, one reversed
    assert total.sums["pool_pay"] == _fen_sum(desk.db, "pool_pay")
    assert sum(r.sums["pool_pay"] for r in rows[:-1]) == total.sums["pool_pay"]
    parsed = list(csv.reader(io.StringIO(claim_csv(rows))))
    assert parsed[-1][0] == "合计" and Decimal(parsed[-1][6]) == total.sums["pool_pay"]
    page = text(render_claim(get_desk(desk.db), month, rows, desk.at), tmp_path)
    total_line = next(line for line in page.splitlines() if line.strip().startswith("合计")).split()
    assert total_line[1:] == parsed[-1][1:]
    for row in parsed[1:-1]:
        assert " ".join(row) in " ".join(page.split())


def test_setlinfo_export_uses_the_national_field_names(busy):
    desk, made = busy
    lines = list(csv.DictReader(io.StringIO(setlinfo_csv(desk.db, desk.at.strftime("%Y-%m")))))
    assert len(lines) == 13
    first = lines[0]
    assert first["setl_id"] == made[0].id and first["medins_setl_id"] == "01-1"
    assert Decimal(first["medfee_sumamt"]) == made[0].figures["total"]
    assert Decimal(first["hifp_pay"]) + Decimal(first["hifob_pay"]) == Decimal(first["fund_pay_sumamt"])
    assert Decimal(first["acct_pay"]) + Decimal(first["psn_cash_pay"]) == Decimal(first["psn_part_amt"])
    refund = next(line for line in lines if line["refd_setl_flag"] == "1")
    assert refund["init_setl_id"] == made[1].id and Decimal(refund["medfee_sumamt"]) == -made[1].figures["total"]


def test_a_bad_month_is_refused(busy):
    with pytest.raises(StoreError, match="month: '2024-13x' is not YYYY-MM"):
        claim_rows(busy[0].db, "2024-13x")
